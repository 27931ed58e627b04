"""Typed application keys: what the app factory puts in the app and the route modules read.

A leaf of the server package (the route modules import it; it imports none of them).
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from vidgen.jobs import JobService
from vidgen.server.chats import Chats
from vidgen.server.hub import ChatHub
from vidgen.server.previews import PreviewPool
from vidgen.server.state import HealthCache, RateLimiter, ServerConfig, Sessions
from vidgen.service import Vidgen
from vidgen.store.users import Caller

SERVICE = web.AppKey("service", Vidgen)
JOBS = web.AppKey("jobs", JobService)
CHATS = web.AppKey("chats", Chats)
HUB = web.AppKey("hub", ChatHub)
CONFIG = web.AppKey("config", ServerConfig)
LIMITER = web.AppKey("limiter", RateLimiter)
PREVIEW_LIMITER = web.AppKey("preview_limiter", RateLimiter)   # its own budget: typing must not use up script writing's
HEALTH = web.AppKey("health", HealthCache)
TASKS = web.AppKey("tasks", set[asyncio.Task])
SESSIONS = web.AppKey("sessions", Sessions)
SLOW_CHECKS = web.AppKey("slow_checks", asyncio.Semaphore)  # key hashes checked at once (scrypt is slow)
PREVIEWS = web.AppKey("previews", PreviewPool)
ROUTE_DOCS = web.AppKey("route_docs", dict)  # (method, path) -> helpers.Doc, for /openapi.json
# per request
CALLER = web.RequestKey("caller", Caller)   # who is calling (vidgen.server.auth)
SECURE = web.RequestKey("secure", bool)     # it came over HTTPS, directly or through a trusted proxy
