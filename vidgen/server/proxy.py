"""HTTPS as the browser sees it: served directly (`vidgen serve --cert --key`) or by a reverse proxy.

A proxy's `X-Forwarded-Proto` and `X-Forwarded-For` are believed only when the connection
comes from an address in VIDGEN_TRUSTED_PROXIES (addresses or networks); from anyone else
they are ignored, so a client cannot claim another address (and another client's rate limit)
or HTTPS. Every response to a request that arrived over HTTPS carries HSTS.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from aiohttp import web

from vidgen.server.helpers import Handler
from vidgen.server.keys import CONFIG, SECURE

HSTS = "max-age=31536000"   # a year; no includeSubDomains: other services under the name are not ours

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=32)
def networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    found = []
    for entry in entries:
        try:
            found.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # checked when the server starts (`check_proxies`)
    return tuple(found)


def check_proxies(entries: list[str]) -> None:
    from vidgen.errors import BadInput

    for entry in entries:
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            raise BadInput(f"VIDGEN_TRUSTED_PROXIES: {entry!r} is not an address or a network",
                           "list the proxies' addresses, e.g. 127.0.0.1,10.0.0.0/24") from None


def trusted(address: str | None, entries: tuple[str, ...]) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in net for net in networks(entries))


def client_address(header: str, entries: tuple[str, ...]) -> str | None:
    """The first address from the right of X-Forwarded-For that is not a trusted proxy (the client)."""
    hops = [h.strip().strip("[]") for h in header.split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return None  # a malformed chain: believe none of it
        if not trusted(hop, entries):
            return hop
    return hops[0] if hops else None


@web.middleware
async def forwarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    entries = tuple(request.app[CONFIG].trusted_proxies)
    if entries and trusted(request.remote, entries):
        proto = request.headers.get("X-Forwarded-Proto", "").split(",")[-1].strip().lower()
        scheme = proto if proto in ("http", "https") else request.scheme
        client = client_address(request.headers.get("X-Forwarded-For", ""), entries) or request.remote or ""
        # kept in the request's state, which a clone copies: the response hook sees the original request
        request[SECURE] = scheme == "https"
        return await handler(request.clone(scheme=scheme, remote=client))
    request[SECURE] = request.secure
    return await handler(request)


async def add_hsts(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: every response to a request that came over HTTPS, streamed ones too."""
    if request.get(SECURE) or request.secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
