"""Whether an online writer's server answers: readiness for a writer that works over the network is
"reachable", not "configured" (issue 24, item 4). One short request (2 s at most) that costs
nothing: the endpoint's list of models. Any HTTP answer means something listens there; 401 or 403
means it refused the key. The answer is kept for a minute, so the studio's list of writers, `vidgen
doctor` and a write that checks its writer first ask the network at most once a minute each.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

TIMEOUT = 2.0
KEEP = 60.0

_answers: dict[tuple[str, str], tuple[float, str | None, int | None]] = {}
_lock = threading.Lock()


def where(url: str) -> str:
    """The host and port a person can look for ("127.0.0.1:11434"), not the whole URL."""
    parts = urlsplit(url)
    return parts.netloc or url


def probe(url: str, headers: dict[str, str] | None = None) -> tuple[str | None, int | None]:
    """(None, HTTP status) when `url` answered at all; (why not, in words, None) when nothing did.
    Kept for KEEP seconds per URL and credentials."""
    key = (url, repr(sorted((headers or {}).items())))
    now = time.monotonic()
    with _lock:
        kept = _answers.get(key)
        if kept and now - kept[0] < KEEP:
            return kept[1], kept[2]
    problem, status = _ask(url, headers or {})
    with _lock:
        _answers[key] = (time.monotonic(), problem, status)
    return problem, status


def forget() -> None:
    """Drop every kept answer (tests; a settings change)."""
    with _lock:
        _answers.clear()


def _ask(url: str, headers: dict[str, str]) -> tuple[str | None, int | None]:
    if urlsplit(url).scheme not in ("http", "https"):
        return f"{url!r} is not an http:// or https:// address", None
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers}, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as resp:
            return None, resp.status
    except urllib.error.HTTPError as err:
        err.close()
        return None, err.code
    except (TimeoutError, urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            return f"no answer from {where(url)} within {TIMEOUT:g} s", None
        if isinstance(reason, ConnectionRefusedError):
            return f"nothing answers at {where(url)}", None
        return f"{where(url)} cannot be reached ({reason})", None
