"""The server's own state types: its configuration, the rate limiter, the health cache.

A leaf module: it imports nothing from the rest of the server, so every route module can
use these types without an import cycle.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from vidgen.config import Settings, default
from vidgen.errors import RateLimited, Unauthorized
from vidgen.store.users import LOCAL, Caller, Users, caller_of, session_secret

COOKIE = "vidgen_session"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("", "0.0.0.0", "::")
# pages allowed to call the server with no setting: ones served from this machine (a local frontend such as
# the replaced system's on localhost:3000); every other origin is listed in VIDGEN_CORS_ORIGINS
LOOPBACK_ORIGINS = ("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*",
                    "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*")


def is_loopback(host: str) -> bool:
    """Whether `--host` listens on this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def origin_matches(origin: str, pattern: str) -> bool:
    """`pattern` is an origin, or one with `:*` for any port (`http://localhost:*`)."""
    pattern = pattern.strip().rstrip("/").lower()
    if pattern.endswith(":*"):
        base = pattern[:-2]
        return origin == base or (origin.startswith(base + ":") and origin[len(base) + 1:].isdigit())
    return origin == pattern


@dataclass
class ServerConfig:
    # the settings' own defaults (vidgen.config.CORE), for a server made without settings (tests)
    api_key: str = default("api_key")
    cors_origins: list[str] = default("cors_origins")   # besides LOOPBACK_ORIGINS; "*": any
    max_body: int = default("max_body")
    rate_limit: int = default("rate_limit")            # script generations per client per minute
    preview_rate_limit: int = 300   # unsaved-scene previews per client per minute (a person typing)
    submit_wait: float = default("submit_wait")
    run_jobs: bool = True           # run the queue's executor (local runners) inside the server
    # Host names answered besides the loopback ones; ["*"] answers any (see `host_allowed`)
    allowed_hosts: list[str] = default("allowed_hosts")
    read_timeout: float = default("read_timeout")      # seconds to send a request's headers, or its body
    max_upload: int = default("max_upload")
    session_hours: float = 12.0     # the studio's session cookie (see vidgen.server.session)
    # no users and no key: answer as the machine's own user (only when listening on loopback)
    open_without_key: bool = True
    trusted_proxies: list[str] = default("trusted_proxies")  # whose X-Forwarded-* count (vidgen.server.proxy)
    tls: bool = False               # serving HTTPS itself (--cert/--key)
    # previews (vidgen.server.previews): processes drawing at once, and each one's time and memory budget
    preview_workers: int = 2
    preview_seconds: float = 1.8
    preview_memory: int = 320 * 1024 * 1024
    preview_stall: float = 20.0     # wall seconds a preview that gets no CPU at all may take

    @classmethod
    def from_settings(cls, settings: Settings, host: str | None = None, tls: bool = False) -> ServerConfig:
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
                   read_timeout=settings.read_timeout, max_upload=settings.max_upload,
                   open_without_key=host is None or is_loopback(host),
                   trusted_proxies=list(settings.trusted_proxies), tls=tls)

    def origin_allowed(self, origin: str, host: str) -> bool:
        """A page of `origin` may call this server: a loopback page, a listed origin, or this server's own."""
        origin = origin.strip().lower()
        if "*" in self.cors_origins or self.own_origin(origin, host):
            return True
        return any(origin_matches(origin, p) for p in (*LOOPBACK_ORIGINS, *self.cors_origins) if p != "*")

    @staticmethod
    def own_origin(origin: str | None, host: str) -> bool:
        """A page of this server itself: the same host and port (the scheme may differ behind a TLS proxy;
        the Host was already checked against this server's names)."""
        if not origin or "://" not in origin:
            return False
        try:
            netloc = urlsplit(origin.strip()).netloc.lower()
        except ValueError:  # "http://[::1" and the like
            return False
        return bool(netloc) and netloc == host.lower()

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
    refreshing: bool = False

    def fresh(self) -> list[dict[str, Any]] | None:
        return self.value if self.value is not None and time.monotonic() - self.at <= self.ttl else None

    def store(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.value, self.at = value, time.monotonic()
        return value


class Sessions:
    """The studio's signed session cookies (see vidgen.server.session): made, checked and signed out."""

    cookie = COOKIE

    def __init__(self, store: Any):
        self.store = store
        self._secret: bytes | None = None
        self._revoked: dict[str, float] = {}   # signatures signed out, until they would have expired
        self._lock = threading.Lock()

    @property
    def secret(self) -> bytes:
        if self._secret is None:
            self._secret = session_secret(self.store)
        return self._secret

    def proof(self, uid: str, api_key: str, users: Users) -> str | None:
        """What binds a session to the key it was made with (None: no such caller any more)."""
        if uid == LOCAL:
            return hashlib.sha256(api_key.encode("utf-8", "replace")).hexdigest() if api_key else None
        user = users.by_id(uid)
        return user.get("key_hash") if user else None

    def sign(self, uid: str, expires: int, proof: str) -> str:
        mac = hmac.new(self.secret, f"vidgen-session:{uid}:{expires}:{proof}".encode(), hashlib.sha256)
        return f"{uid}.{expires}.{mac.hexdigest()}"

    def issue(self, caller: Caller, api_key: str, users: Users, seconds: int) -> tuple[str, int]:
        expires = int(time.time()) + seconds
        proof = self.proof(caller.id, api_key, users)
        if proof is None:
            raise Unauthorized("this key no longer works", "sign in again with your current key")
        return self.sign(caller.id, expires, proof), expires

    def caller(self, value: str | None, api_key: str, users: Users, now: float | None = None) -> Caller | None:
        if not value or value.count(".") != 2:
            return None
        uid, expires, mac = value.split(".")
        if not expires.isdigit() or int(expires) < (time.time() if now is None else now):
            return None
        proof = self.proof(uid, api_key, users)
        if proof is None or not hmac.compare_digest(self.sign(uid, int(expires), proof).encode(),
                                                    value.encode("utf-8", "replace")):
            return None
        with self._lock:
            if mac in self._revoked:
                return None
        if uid == LOCAL:
            return Caller(LOCAL, LOCAL, admin=True, legacy=True)
        user = users.by_id(uid)
        return caller_of(user) if user else None

    def revoke(self, value: str | None) -> None:
        if not value or value.count(".") != 2:
            return
        _, expires, mac = value.split(".")
        now = time.time()
        with self._lock:
            self._revoked = {m: t for m, t in self._revoked.items() if t > now}
            if expires.isdigit() and int(expires) > now:
                self._revoked[mac] = int(expires)
