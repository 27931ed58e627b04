"""The aiohttp application factory: state in typed AppKeys (`keys`), errors mapped once
(`middleware`), routes declared in each module's own table (`helpers.Routes`).

Two families of routes share one server: `/api/*` answers errors as {"detail": ...};
every other route as {"success": false, "message": ..., "error": ...}.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import nullcontext

from aiohttp import web

from vidgen.jobs import JobService
from vidgen.server import api, auth, files, frontend, meta, middleware, preview, proxy, session, studio_api, workers
from vidgen.server.chats import Chats
from vidgen.server.helpers import spawn
from vidgen.server.hub import ChatHub
from vidgen.server.keys import (
    CHATS,
    CONFIG,
    HEALTH,
    HUB,
    JOBS,
    LIMITER,
    PREVIEW_LIMITER,
    PREVIEWS,
    ROUTE_DOCS,
    SERVICE,
    SESSIONS,
    SLOW_CHECKS,
    TASKS,
)
from vidgen.server.previews import PreviewPool
from vidgen.server.state import HealthCache, RateLimiter, ServerConfig, Sessions
from vidgen.service import Vidgen

ROUTE_TABLES = (meta.routes, api.routes, preview.routes, frontend.routes, files.routes, session.routes,
                workers.routes, studio_api.routes)

__all__ = ["ServerConfig", "create_app"]


def create_app(svc: Vidgen | None = None, config: ServerConfig | None = None) -> web.Application:
    svc = svc or Vidgen()
    config = config or ServerConfig.from_settings(svc.settings)
    # in order: errors answered in each family's shape; a trusted proxy's view of the client; the Host;
    # CORS preflights; writes from foreign pages; who is calling and whether what they name is theirs
    app = web.Application(middlewares=[middleware.errors, proxy.forwarded, middleware.hosts, middleware.preflight,
                                       middleware.origins, auth.identify],
                          client_max_size=config.max_body)
    hub = ChatHub()
    jobs = JobService(svc)
    app[SERVICE] = svc
    app[JOBS] = jobs
    app[HUB] = hub
    app[CHATS] = Chats(svc, jobs, hub.publish)
    app[CONFIG] = config
    app[LIMITER] = RateLimiter(config.rate_limit)
    app[PREVIEW_LIMITER] = RateLimiter(config.preview_rate_limit, "previews")
    app[HEALTH] = HealthCache()
    app[TASKS] = set()
    app[SESSIONS] = Sessions(svc.store)
    app[SLOW_CHECKS] = asyncio.Semaphore(2)
    app[PREVIEWS] = PreviewPool(config.preview_workers, config.preview_seconds, config.preview_memory,
                                config.preview_stall)
    app[ROUTE_DOCS] = {}
    for table in ROUTE_TABLES:
        app.add_routes(table)
        app[ROUTE_DOCS].update(table.docs)
    app.router.add_static("/studio/assets", meta.STATIC, append_version=False)
    auth.check_routes(app)  # a route whose path names something without an ownership rule: no server
    app.on_response_prepare.append(middleware.add_cors)
    app.on_response_prepare.append(proxy.add_hsts)
    app.on_shutdown.append(frontend.close_streams)

    async def stop_previews(app: web.Application) -> None:
        await app[PREVIEWS].close()

    app.on_cleanup.append(stop_previews)

    async def sweep_streams(app: web.Application) -> None:
        spawn(app, hub.sweeper())

    app.on_startup.append(sweep_streams)

    async def prune_uploads(app: web.Application) -> None:
        from vidgen.store.media import prune_uploads as prune

        await asyncio.to_thread(prune, svc.settings.home)   # what uploads cut off by a kill left in media/

    app.on_startup.append(prune_uploads)

    async def executor(app: web.Application) -> AsyncIterator[None]:
        # `vidgen serve` binds its port before the app starts (vidgen.server.run): a server that
        # cannot listen never gets here, so it never claims a queued job
        running = jobs.queue.executor(svc) if config.run_jobs else nullcontext()
        await asyncio.to_thread(running.__enter__)
        yield
        pending = app[TASKS]
        tasks = list(pending)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.to_thread(running.__exit__, None, None, None)

    app.cleanup_ctx.append(executor)
    return app
