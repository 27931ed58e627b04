"""The server's log: nothing secret ever reaches it.

Two layers. The access log writes each request line with the values of secret-looking query
parameters replaced (`redact`). And every record that reaches a root handler — aiohttp's own
included, such as the "Error handling request" traceback that quotes a malformed request
line byte for byte — passes through `Redact`, which takes out keys, tokens, passwords, bearer
credentials, session cookies, vidgen's key format and the configured secrets themselves,
wherever they are in the message or the traceback.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Iterable
from urllib.parse import unquote

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

SECRET_PARAMS = {"api_key", "apikey", "api-key", "key", "token", "access_token", "session", "password", "secret"}
REDACTED = "REDACTED"
# name=value pairs of secret-looking names anywhere in a text (a query in a quoted request line, a
# cookie); the value runs to a separator, a space or a quote (so `KEY\x01`, as a repr shows it, goes whole)
_PAIR = re.compile(r"(?i)((?<![a-z0-9])(?:api[_-]?key|apikey|key|token|access[_-]?token|session|password|secret)"
                   r"(?:=|%3d))[^\s&;'\"<>]+")
_BEARER = re.compile(r"(?i)(\bbearer\s+)[^\s'\"]+")
_HEADER = re.compile(r"(?i)(\bx-api-key\s*[:=]\s*)[^\s'\"]+")
_VIDGEN_KEY = re.compile(r"vgk_[0-9a-f]{12}_[A-Za-z0-9_-]+")


def redact(path_qs: str) -> str:
    """The request target with the value of every secret-looking query parameter replaced (`&` or `;`)."""
    path, sep, query = path_qs.partition("?")
    if not sep:
        return path
    parts = re.split(r"([&;])", query)
    for i in range(0, len(parts), 2):
        name, eq, _ = parts[i].partition("=")
        if eq and unquote(name).lower() in SECRET_PARAMS:
            parts[i] = f"{name}={REDACTED}"
    return redact_text(f"{path}?{''.join(parts)}")


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    text = _VIDGEN_KEY.sub(REDACTED, text)
    text = _PAIR.sub(rf"\1{REDACTED}", text)
    text = _BEARER.sub(rf"\1{REDACTED}", text)
    return _HEADER.sub(rf"\1{REDACTED}", text)


class Redact(logging.Filter):
    """On the root handlers: every record's message, traceback and stack, whoever logged it."""

    def __init__(self, secrets: Iterable[str] = ()):
        super().__init__()
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: logging reports it itself
            return True
        record.msg, record.args = redact_text(message, self.secrets), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info, self.secrets)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        # the traceback (already redacted by `Redact`): without it "Error handling request" says nothing of why
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["traceback"] = record.exc_text
        return json.dumps(line)


def setup_logging(level: str, as_json: bool, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.addFilter(Redact(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))


class AccessLogger(AbstractAccessLogger):
    """aiohttp's usual line (address, request line, status, size, seconds, user agent) with
    secrets taken out of the query: old clients still put ?api_key= on video and event URLs."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        version = f"{request.version.major}.{request.version.minor}"
        self.logger.info('%s "%s %s HTTP/%s" %s %s %.6fs "%s"', request.remote or "-", request.method,
                         redact(request.raw_path), version, response.status, response.body_length, time,
                         request.headers.get("User-Agent", "-"))

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
