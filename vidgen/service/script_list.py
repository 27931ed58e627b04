"""The list of stored scripts, as `vidgen scripts --json` prints it and `GET /api/scripts` serves it:
one rule for both. Newest first by when each was last changed; a page ends with the cursor of the
next one (`next`), which `before` takes back.

The cursor is "UPDATED_TOKEN" (the last row's `updated` and token), not a time alone: the variations
of one topic are stored within the same millisecond, and a time alone would skip or repeat them at a
page's edge. A plain time is taken too: every script changed before it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput

# `<slug>-<token>-v<version>` in a rendered video's name (as vidgen.store.names.video_name spells it)
RENDERED = re.compile(r"-([0-9a-f]{10})-v(\d+)(?=[-.])")
FIELDS = ("token", "title", "status", "versions", "scenes", "topic", "updated")
MAX_LIMIT = 1000


def rendered_versions(renders: Path) -> dict[str, list[int]]:
    """Token -> the versions that have a video in renders/ (one directory read, whatever the count)."""
    found: dict[str, set[int]] = {}
    try:
        names = [e.name for e in os.scandir(renders) if e.name.endswith(".mp4") and not e.name.startswith(".")]
    except OSError:
        return {}
    for name in names:
        for m in RENDERED.finditer(name):
            found.setdefault(m[1], set()).add(int(m[2]))
    return {token: sorted(v) for token, v in found.items()}


def row(entry: dict[str, Any], rendered: dict[str, list[int]]) -> dict[str, Any]:
    out = {k: entry.get(k) for k in FIELDS}
    versions = rendered.get(str(entry.get("token")), [])
    out["rendered"] = bool(versions)
    out["rendered_versions"] = versions
    if "owner" in entry:
        out["owner"] = entry["owner"]
    return out


def parse_before(raw: str | None) -> tuple[float, str] | None:
    """The `before` cursor: "UPDATED_TOKEN" (an answer's `next`) or a time in seconds since 1970."""
    if raw is None or raw == "":
        return None
    when, _, token = raw.partition("_")
    try:
        value = float(when)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")) or (token and not re.fullmatch(r"[0-9a-f]{1,40}",
                                                                                                 token)):
        raise BadInput(f"before must be the `next` of an earlier page or a time in seconds, not {raw[:40]!r}",
                       "leave it out for the newest scripts")
    # a plain time: everything strictly older ("" sorts before every token: nothing at that time is kept)
    return value, token


def key(r: dict[str, Any]) -> tuple[float, str]:
    return float(r.get("updated") or 0), str(r.get("token") or "")


def page(rows: list[dict[str, Any]], limit: int | None = None, before: str | None = None) -> dict[str, Any]:
    """{scripts, total, next}: `rows` sorted newest first, those older than `before`, at most `limit`.
    `total` counts every script the caller has, not the page."""
    if limit is not None and (isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT):
        raise BadInput(f"limit must be from 1 to {MAX_LIMIT}")
    ordered = sorted(rows, key=key, reverse=True)
    cursor = parse_before(before)
    older = ordered if cursor is None else [r for r in ordered if key(r) < cursor]
    shown = older if limit is None else older[:limit]
    more = len(older) > len(shown)
    last = shown[-1] if shown else None
    return {"scripts": shown, "total": len(rows),
            "next": f"{float(last.get('updated') or 0):.3f}_{last['token']}" if more and last else None}
