"""Reaching the broker (`VIDGEN_BROKER=redis://...`): its URL checked, a client that answered PING, and
every way Redis fails to answer as one `BrokerUnavailable` line with the password never shown.

Shared by the server's queue (`vidgen.jobs.broker`), the workers (`vidgen.jobs.remote`) and `vidgen doctor`.
redis and rq are imported lazily: the local mode never loads them.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from vidgen.errors import BadInput, VidgenError


class BrokerUnavailable(VidgenError):
    """The broker cannot be reached: exit 2 / HTTP 503, and never a silent fall-back to local mode."""

    exit_code = 2
    http_status = 503


def redact(url: str) -> str:
    """The URL with any password replaced, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{user}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_url(url: str) -> str:
    """A Redis URL, or one line saying what is wrong with VIDGEN_BROKER."""
    fix = "set VIDGEN_BROKER to a Redis URL such as redis://host:6379/0 (rediss:// for TLS)"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise BadInput(f"VIDGEN_BROKER {redact(url)!r} is not a valid URL", fix) from None
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise BadInput(f"VIDGEN_BROKER {redact(url)!r} is not a Redis URL (it must start with redis://)", fix)
    if parts.scheme != "unix" and not parts.hostname:
        raise BadInput(f"VIDGEN_BROKER {redact(url)!r} names no host", fix)
    db = parts.path.strip("/")
    if db and not db.isdigit():
        raise BadInput(f"VIDGEN_BROKER {redact(url)!r}: the database {db!r} is not a number", fix)
    return url


def unavailable(url: str, exc: BaseException) -> BrokerUnavailable:
    reason = str(exc).strip().rstrip(".") or type(exc).__name__
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        reason = reason.replace(parts.password, "***")
    if "auth" in reason.lower() or "password" in reason.lower() or "NOAUTH" in reason:
        return BrokerUnavailable(f"the broker at {redact(url)} refused the connection ({reason})",
                                 "check the password in VIDGEN_BROKER (redis://:PASSWORD@host:6379/0)")
    return BrokerUnavailable(f"cannot reach the broker at {redact(url)} ({reason})",
                             "check that Redis runs there and that VIDGEN_BROKER names its host, port and database")


@contextmanager
def talking(url: str) -> Iterator[None]:
    """Redis' connection errors as one BrokerUnavailable line."""
    import redis

    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError, redis.AuthenticationError, OSError) as exc:
        raise unavailable(url, exc) from None
    except redis.ResponseError as exc:
        if "auth" in str(exc).lower():
            raise unavailable(url, exc) from None
        raise


def connect(url: str, timeout: float = 3.0, socket_timeout: float | None = 10.0) -> Any:
    """A checked Redis client (it answered PING), or BrokerUnavailable."""
    import redis

    check_url(url)
    with talking(url):
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=socket_timeout,
                                      health_check_interval=15)
        client.ping()
    return client


def serializer() -> Any:
    # JSON, not pickle: what a worker reads from the broker is data, never code to unpickle
    from rq.serializers import JSONSerializer

    return JSONSerializer
