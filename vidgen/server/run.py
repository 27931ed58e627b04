"""Running the server: logging, the port, graceful shutdown."""

from __future__ import annotations

import errno
import json
import logging
import sys
import time

from vidgen.errors import VidgenError


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
                           "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()})


def setup_logging(level: str, as_json: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))


def serve(svc, host: str, port: int, log_level: str = "info", log_json: bool = False) -> None:
    from aiohttp import web

    from vidgen.server.app import create_app

    setup_logging(log_level, log_json)
    log = logging.getLogger("vidgen.server")
    problems = svc.store.check()
    if problems:
        raise problems[0]
    if host not in ("127.0.0.1", "localhost", "::1") and not svc.settings.api_key:
        log.warning("listening on %s with no API key: anyone who can reach this port can use vidgen; "
                    "set VIDGEN_API_KEY", host)
    app = create_app(svc)
    fmt = '%a "%r" %s %b %Tfs "%{User-Agent}i"'
    try:
        web.run_app(app, host=host, port=port, access_log_format=fmt, shutdown_timeout=5,
                    print=lambda *_: log.info("vidgen %s serving on http://%s:%d (docs: /docs)",
                                              __import__("vidgen").__version__, host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise VidgenError(f"port {port} on {host} is already in use",
                              "stop the other server, or pass --port N") from None
        if exc.errno in (errno.EACCES, errno.EADDRNOTAVAIL):
            raise VidgenError(f"cannot listen on {host}:{port} ({exc.strerror})", "pick another --host/--port") from None
        raise
