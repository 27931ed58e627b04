"""The server's own state types: its configuration, the rate limiter, the health cache.

A leaf module: it imports nothing from the rest of the server, so every route module can
use these types without an import cycle.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from vidgen.config import Settings
from vidgen.errors import RateLimited

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("", "0.0.0.0", "::")


@dataclass
class ServerConfig:
    api_key: str = ""
    cors_origins: list[str] = field(default_factory=lambda: ["*"])
    max_body: int = 1024 * 1024
    rate_limit: int = 20            # script generations per client per minute
    preview_rate_limit: int = 300   # unsaved-scene previews per client per minute (a person typing)
    submit_wait: float = 120.0
    run_jobs: bool = True           # run the queue's executor (local runners) inside the server
    # Host names answered besides the loopback ones; ["*"] answers any (see `host_allowed`)
    allowed_hosts: list[str] = field(default_factory=list)
    read_timeout: float = 30.0      # seconds to send a request's headers, or its body
    max_upload: int = 200 * 1024 * 1024
    session_hours: float = 12.0     # the studio's media cookie (see vidgen.server.session)

    @classmethod
    def from_settings(cls, settings: Settings, host: str | None = None) -> ServerConfig:
        """`host`: the address the server binds. Its own name is answered; bound to every address
        (0.0.0.0) with no VIDGEN_ALLOWED_HOSTS, any name is (it cannot know its names)."""
        allowed = list(settings.allowed_hosts)
        if host is not None and host not in LOOPBACK_NAMES:
            if host not in WILDCARDS:
                allowed.append(host)
            elif not allowed:
                allowed.append("*")
        return cls(api_key=settings.api_key, cors_origins=list(settings.cors_origins), max_body=settings.max_body,
                   rate_limit=settings.rate_limit, submit_wait=settings.submit_wait, allowed_hosts=allowed,
                   read_timeout=settings.read_timeout, max_upload=settings.max_upload)

    def host_allowed(self, host: str) -> bool:
        """Whether a request's Host names this server (a DNS-rebinding page's Host names the attacker's)."""
        name = host_name(host)
        if name in LOOPBACK_NAMES:
            return True
        for allowed in self.allowed_hosts:
            allowed = allowed.strip().lower()
            if allowed == "*" or (allowed.startswith(".") and name.endswith(allowed)) or name == host_name(allowed):
                return True
        return False


def host_name(host: str) -> str:
    """'Example.com:8001' -> 'example.com', '[::1]:8001' -> '::1'."""
    name = host.strip().lower()
    if name.startswith("["):
        return name[1:].partition("]")[0]
    if name.count(":") == 1:
        name = name.partition(":")[0]
    return name.rstrip(".")


class RateLimiter:
    """A sliding one-minute window per client."""

    def __init__(self, per_minute: int, what: str = "script requests"):
        self.per_minute, self.what = per_minute, what
        self.hits: dict[str, list[float]] = {}

    def check(self, client: str) -> None:
        now = time.monotonic()
        hits = [t for t in self.hits.get(client, []) if now - t < 60]
        if len(hits) >= self.per_minute:
            retry = max(1, int(60 - (now - hits[0])) + 1)
            raise RateLimited(f"too many {self.what}: {self.per_minute} a minute per client", retry,
                              f"retry in {retry} s")
        hits.append(now)
        self.hits[client] = hits


@dataclass
class HealthCache:
    """The dependency checks, run at most every `ttl` seconds: /health is polled, the checks touch disk."""

    ttl: float = 10.0
    at: float = 0.0
    value: list[dict[str, Any]] | None = None

    def fresh(self) -> list[dict[str, Any]] | None:
        return self.value if self.value is not None and time.monotonic() - self.at <= self.ttl else None

    def store(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.value, self.at = value, time.monotonic()
        return value
