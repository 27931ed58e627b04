"""`vidgen serve` as a shared server: HTTPS served directly with a certificate made here, the old
frontend's flow over it, workers that check the certificate (issue 21); and no key in any log
line, aiohttp's own included (issue 25, item 12)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time

import pytest

from tests.conftest import seed
from tests.fakes import free_port
from tests.test_users import self_signed

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")


def serve(home, *args, env=None, scheme="http", context=None):
    """A real `vidgen serve` on a free port (logs in plain text: tracebacks included); (port, process)."""
    port = free_port()
    full = {k: v for k, v in os.environ.items() if k not in ("VIDGEN_API_KEY", "TTS_PROVIDER")}
    full.update({"VIDGEN_HOME": str(home), **(env or {})})
    with open(home / "server.log", "w") as log:  # a file, not a pipe: a full pipe would stall the server
        proc = subprocess.Popen([sys.executable, "-m", "vidgen", "serve", "--port", str(port), *args], cwd=home,
                                env=full, stdout=log, stderr=log)
    for _ in range(300):
        try:
            conn = (http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=5) if scheme == "https"
                    else http.client.HTTPConnection("127.0.0.1", port, timeout=5))
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return port, proc
        except (OSError, ssl.SSLError):
            time.sleep(0.1)
    proc.kill()
    raise AssertionError((home / "server.log").read_text())


def stop(proc):
    proc.terminate()
    proc.wait(30)


class Client:
    def __init__(self, port, context, key):
        self.port, self.context, self.key = port, context, key

    def conn(self, timeout=60):
        return http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=timeout)

    def call(self, method, path, body=None, headers=None):
        c = self.conn()
        data = None if body is None else json.dumps(body)
        c.request(method, path, body=data, headers={"X-API-Key": self.key, "Content-Type": "application/json",
                                                    **(headers or {})})
        r = c.getresponse()
        raw = r.read()
        return r.status, dict(r.getheaders()), raw


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")
def test_the_old_frontends_flow_over_https_with_a_self_signed_certificate(home, cli, tmp_path):
    cert, key = self_signed(tmp_path)
    ann = cli.json("users", "add", "ann")["key"]
    context = ssl.create_default_context(cafile=str(cert))
    port, proc = serve(home, "--cert", str(cert), "--key", str(key), "--host", "127.0.0.1",
                       env={"VIDGEN_WORKER_SECRET": "worker-secret-99"}, scheme="https", context=context)
    try:
        assert f"serving on https://127.0.0.1:{port}" in (home / "server.log").read_text()
        c = Client(port, context, ann)
        status, headers, _ = c.call("GET", "/health")
        assert status == 200 and headers["Strict-Transport-Security"].startswith("max-age=")
        # TLS 1.2 at least: a client that offers only 1.1 is refused
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.load_verify_locations(str(cert))
        old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_1
        with pytest.raises(ssl.SSLError), socket.create_connection(("127.0.0.1", port)) as raw, \
                old.wrap_socket(raw, server_hostname="127.0.0.1"):
            pass
        # the old frontend: its event stream, /submit, the scripts' events, a confirm, the video by ranges
        events = c.conn(timeout=120)
        events.request("GET", "/events/chat-tls", headers={"X-API-Key": ann})
        stream = events.getresponse()
        assert stream.status == 200 and stream.getheader("Content-Type").startswith("text/event-stream")
        status, _, raw = c.call("POST", "/submit", {"text": "how tides work", "uid": "ann", "chatID": "chat-tls"})
        assert status == 200, raw
        tokens = json.loads(raw)["tokens"]
        seen = []
        while not any(e["type"] == "all_scripts_complete" for e in seen):
            line = stream.fp.readline().decode().strip()
            if line.startswith("data:"):
                seen.append(json.loads(line[5:]))
        assert {e["readyToken"] for e in seen if e["type"] == "script_ready"} == set(tokens)
        token = tokens[0]
        short = {**seed("test-topic"), "scenes": seed("test-topic")["scenes"][:1]}
        assert c.call("POST", f"/update_script/{token}", {"script": short, "chatID": "chat-tls"})[0] == 200
        status, _, raw = c.call("POST", f"/confirm_script/{token}",
                                {"chatID": "chat-tls", "quality": "low", "tts_provider": "mock"})
        assert status == 200, raw
        job_id = json.loads(raw)["job_id"]
        while True:
            line = stream.fp.readline().decode().strip()
            if line.startswith("data:") and json.loads(line[5:])["type"] in ("job_completed", "job_failed"):
                assert json.loads(line[5:])["type"] == "job_completed", line
                break
        events.close()
        job = json.loads(c.call("GET", f"/generation_status/{job_id}")[2])["job_status"]
        name = job["result"]["video"]
        status, headers, body = c.call("GET", f"/stream/{name}", headers={"Range": "bytes=0-99"})
        assert status == 206 and len(body) == 100 and headers["Content-Range"].startswith("bytes 0-99/")
        # the studio's session cookie is Secure under HTTPS
        status, headers, _ = c.call("POST", "/api/session")
        assert status == 200 and "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
        # workers check the certificate: refused without the CA, taken with VIDGEN_CA_FILE
        from vidgen.jobs.client import ServerClient, UntrustedServer

        base = f"https://127.0.0.1:{port}"
        with pytest.raises(UntrustedServer, match="VIDGEN_CA_FILE"):
            ServerClient(base, "worker-secret-99", patience=0).hello("w1", "here")
        assert ServerClient(base, "worker-secret-99", patience=0, ca_file=str(cert)).hello("w1", "here")["ok"]
    finally:
        stop(proc)
    assert ann not in (home / "server.log").read_text()


def test_no_key_reaches_the_log_not_even_in_a_malformed_request_line(home, cli):
    """aiohttp's own "Error handling request" traceback quotes the raw request line: it is redacted too."""
    user_key = cli.json("users", "add", "ann")["key"]
    old_key = "old-deployment-key-31x"
    port, proc = serve(home, env={"VIDGEN_API_KEY": old_key})
    lines = [f"GET /api/jobs?api_key={old_key} HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
             f"GET /api/jobs?api_key={user_key}\x01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
             f"GET /api/jobs?x=1;api_key={old_key} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
             f"GET /stream/x.mp4?api_key={user_key} HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
             f"GET /api/jobs?token={old_key}%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"]
    try:
        for line in lines:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(line.encode("latin-1"))
                assert s.recv(4096)  # answered (400, or 200 for the well-formed one)
    finally:
        stop(proc)
    log = (home / "server.log").read_text()
    assert "Error handling request" in log and "REDACTED" in log
    secret = user_key[len("vgk_") + 13:]  # the 43-character secret (it may itself hold "_")
    assert old_key not in log and user_key not in log and secret not in log


def test_a_json_log_line_keeps_the_traceback_with_no_key_in_it():
    """`serve --log-json` (what the tests' servers log): an error's line carries its traceback, so a log read
    after a failure says why, redacted as every record is."""
    import logging

    from vidgen.server.logs import JsonFormatter, Redact

    old_key = "old-deployment-key-31x"
    try:
        raise ValueError(f"GET /api/jobs?api_key={old_key} HTTP/9.9")
    except ValueError:
        record = logging.LogRecord("aiohttp.server", logging.ERROR, __file__, 1, "Error handling request", None,
                                   sys.exc_info())
    assert Redact([old_key]).filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Error handling request" and line["level"] == "error"
    assert "ValueError" in line["traceback"] and "REDACTED" in line["traceback"]
    assert old_key not in json.dumps(line)
    plain = logging.LogRecord("vidgen.server", logging.INFO, __file__, 1, "listening", None, None)
    assert "traceback" not in json.loads(JsonFormatter().format(plain))
