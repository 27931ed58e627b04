"""A remote worker's side of the worker protocol: HTTP calls to the server that owns the store.

The secret travels only in the `Authorization` header, never in a URL, and is never
printed. Uploads carry their SHA-256; the server keeps them hidden until it has checked it.
Only the standard library is used: a worker needs no HTTP client package.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import ssl
import time
import urllib.parse
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput, Unauthorized, VidgenError

PROTOCOL = "/api/worker"
CHUNK = 1 << 16


class ServerUnreachable(VidgenError):
    """The server did not answer (down, restarting, network): worth trying again later."""


class WorkerRefused(Unauthorized):
    """The server refused this worker's secret (401)."""


class UntrustedServer(BadInput):
    """The server's TLS certificate is not one this worker trusts (not retried: it will not change by itself)."""


def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """Certificate and host name checks on, always; VIDGEN_CA_FILE adds a private CA's certificates."""
    try:
        return ssl.create_default_context(cafile=ca_file or None)
    except (OSError, ssl.SSLError) as exc:
        raise BadInput(f"VIDGEN_CA_FILE {ca_file} cannot be used ({getattr(exc, 'strerror', None) or exc})",
                       "point it at the PEM file of the CA that signed the server's certificate") from None


class JobGone(VidgenError):
    """The job is no longer this worker's: cancelled, deleted, failed, or handed to another worker."""


def check_server_url(url: str) -> str:
    fix = "set VIDGEN_SERVER_URL to the server's address, e.g. http://10.0.0.5:8001"
    if not url:
        raise BadInput("VIDGEN_SERVER_URL is not set: a worker delivers its videos to the server that owns the store",
                       fix)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(f"VIDGEN_SERVER_URL {url!r} is not an http:// or https:// address", fix)
    if parts.username or parts.password:
        raise BadInput("VIDGEN_SERVER_URL must not hold credentials", "put the secret in VIDGEN_WORKER_SECRET instead")
    return url.rstrip("/")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


class ServerClient:
    def __init__(self, base_url: str, secret: str, timeout: float = 30.0, patience: float = 30.0, ca_file: str = ""):
        self.base = check_server_url(base_url)
        if not secret:
            raise BadInput("VIDGEN_WORKER_SECRET is not set",
                           "set it to the same value as on the server (e.g. openssl rand -hex 32)")
        self._secret = secret
        self.timeout = timeout
        self.patience = patience   # seconds to keep retrying a server that does not answer
        parts = urllib.parse.urlsplit(self.base)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self._tls = tls_context(ca_file) if self._https else None

    def __repr__(self) -> str:  # never the secret
        return f"ServerClient({self.base!r})"

    # -- plumbing -----------------------------------------------------------------------
    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._tls is not None:
            return http.client.HTTPSConnection(self._host, self._port, timeout=timeout, context=self._tls)
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._secret}", "Accept": "application/json", **(extra or {})}

    def _send(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
              timeout: float | None = None, sink: Path | None = None) -> dict[str, Any]:
        """One request; the JSON answer, or the error it means. `body` may be bytes or an open file."""
        conn = self._connection(timeout or self.timeout)
        try:
            conn.request(method, self._prefix + path, body=body, headers=self._headers(headers))
            resp = conn.getresponse()
            if sink is not None and resp.status == 200:
                tmp = sink.with_name(f".{sink.name}.{os.getpid()}.part")
                with open(tmp, "wb") as fh:
                    while block := resp.read(CHUNK):
                        fh.write(block)
                os.replace(tmp, sink)
                return {}
            raw = resp.read()
        except ssl.SSLCertVerificationError as exc:
            raise UntrustedServer(f"the server at {self.base} is not trusted: {exc.verify_message or exc.reason}",
                                  "if a private CA signed its certificate, set VIDGEN_CA_FILE to that CA's PEM "
                                  "file") from None
        except (OSError, http.client.HTTPException) as exc:
            raise ServerUnreachable(f"cannot reach the server at {self.base} ({exc})",
                                    "check VIDGEN_SERVER_URL and that `vidgen serve` runs there") from None
        finally:
            conn.close()
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {"detail": raw[:200].decode("utf-8", "replace")}
        detail = str(data.get("detail") or data.get("message") or f"HTTP {resp.status}") if isinstance(data, dict) \
            else f"HTTP {resp.status}"
        if resp.status == 401:
            reason = detail.split(" — ")[0]  # the server's own fix says the same as ours
            raise WorkerRefused(f"the server at {self.base} refused this worker (401: {reason})",
                                "set VIDGEN_WORKER_SECRET to the same value as on the server")
        if resp.status in (404, 409, 410):
            raise JobGone(detail)
        if resp.status >= 500:
            raise ServerUnreachable(f"the server at {self.base} answered {resp.status}: {detail}")
        if resp.status >= 400:
            raise VidgenError(f"the server at {self.base} refused the request ({resp.status}: {detail})")
        return data if isinstance(data, dict) else {}

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None, *,
              patient: bool = True) -> dict[str, Any]:
        """A JSON call, retried with back-off while the server does not answer (for `patience` seconds)."""
        body = json.dumps(payload or {}).encode()
        deadline = time.monotonic() + (self.patience if patient else 0)
        wait = 0.25
        while True:
            try:
                return self._send(method, path, body, {"Content-Type": "application/json"})
            except ServerUnreachable:
                if time.monotonic() + wait > deadline:
                    raise
                time.sleep(wait)
                wait = min(wait * 2, 5.0)

    @staticmethod
    def _job(job_id: str) -> str:
        return f"{PROTOCOL}/jobs/{urllib.parse.quote(job_id, safe='')}"

    # -- the protocol -------------------------------------------------------------------
    def hello(self, worker: str, host: str) -> dict[str, Any]:
        """Checks the secret before any job is taken (a wrong one is refused here, at start)."""
        return self._call("POST", f"{PROTOCOL}/hello", {"worker": worker, "host": host}, patient=False)

    def start(self, job_id: str, worker: str, host: str) -> dict[str, Any]:
        """Take the job: {attempt, job, doc, video, media}; JobGone when it is no longer to be run."""
        return self._call("POST", f"{self._job(job_id)}/start", {"worker": worker, "host": host})

    def progress(self, job_id: str, worker: str, attempt: int, data: dict[str, Any]) -> None:
        self._send("POST", f"{self._job(job_id)}/progress",
                   json.dumps({"worker": worker, "attempt": attempt, **data}).encode(),
                   {"Content-Type": "application/json"}, timeout=5.0)

    def media(self, job_id: str, worker: str, attempt: int, seq: int, k: int, dest: Path) -> None:
        """File k of scene `seq` (as the job's `media` list numbers it) into `dest`."""
        self._send("GET", f"{self._job(job_id)}/media/{seq}?file={k}", None,
                   {"X-Vidgen-Worker": worker, "X-Vidgen-Attempt": str(attempt)}, sink=dest)

    def upload(self, job_id: str, worker: str, attempt: int, path: Path, tries: int = 3) -> dict[str, Any]:
        """Send one file with its checksum; the server keeps it hidden until `finish`."""
        digest = sha256_of(path)
        size = path.stat().st_size
        name = urllib.parse.quote(path.name, safe="")
        deadline = time.monotonic() + self.patience
        wait, damaged = 0.25, 0
        while True:
            try:
                with open(path, "rb") as fh:
                    answer = self._send("POST", f"{self._job(job_id)}/files/{name}", fh,
                                        {"Content-Type": "application/octet-stream", "Content-Length": str(size),
                                         "X-Content-SHA256": digest, "X-Vidgen-Worker": worker,
                                         "X-Vidgen-Attempt": str(attempt)}, timeout=max(self.timeout, 120.0))
                if answer.get("sha256") == digest:
                    return {"name": path.name, "size": size, "sha256": digest}
                raise VidgenError(f"the server stored {path.name} with another checksum")
            except ServerUnreachable:
                if time.monotonic() + wait > deadline:  # a server restarting: wait for it a while
                    raise
            except (JobGone, WorkerRefused):
                raise
            except VidgenError:  # arrived damaged: send it again, a few times
                damaged += 1
                if damaged >= tries:
                    raise
            time.sleep(wait)
            wait = min(wait * 2, 5.0)

    def finish(self, job_id: str, worker: str, attempt: int, status: str, **fields: Any) -> dict[str, Any]:
        return self._call("POST", f"{self._job(job_id)}/finish",
                          {"worker": worker, "attempt": attempt, "status": status, **fields})
