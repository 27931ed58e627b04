"""Running the server: logging, the port, graceful shutdown.

The order matters. The port is bound first; only then does the app start (and with it the
job executor, which claims queued jobs), so a server that cannot listen changes nothing.
Ctrl-C or SIGTERM stops it within SHUTDOWN_LIMIT seconds, always: open connections get a
moment to finish, running renders are stopped (`failed: interrupted`), queued jobs stay
queued, and if anything still holds the process after the limit, it exits anyway.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
import threading
from typing import Any

from vidgen.errors import VidgenError

SHUTDOWN_LIMIT = 10.0   # seconds from Ctrl-C / SIGTERM to the process's exit
CONNECTIONS_GRACE = 3.0  # of which open requests may take this long to finish


def tls_context(cert: str | None, key: str | None) -> Any:
    """The TLS 1.2+ context of `--cert`/`--key` (None without them); BadInput saying what is wrong with them."""
    import ssl
    from pathlib import Path

    from vidgen.errors import BadInput

    if cert is None and key is None:
        return None
    if not cert or not key:
        raise BadInput(f"{'--cert' if cert else '--key'} needs {'--key' if cert else '--cert'} too",
                       "pass both: --cert server.crt --key server.key (PEM files)")
    for flag, path in (("--cert", cert), ("--key", key)):
        try:
            with open(path, "rb") as fh:
                fh.read(1)
        except FileNotFoundError:
            raise BadInput(f"{flag} {path}: there is no such file", "give the path of a PEM file") from None
        except OSError as exc:
            raise BadInput(f"{flag} {path} cannot be read ({exc.strerror})",
                           "check the path and that this user may read it") from None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        if "KEY_VALUES_MISMATCH" in str(exc):
            raise BadInput(f"the certificate {Path(cert).name} does not match the key {Path(key).name}",
                           "pass the private key the certificate was made for") from None
        raise BadInput(f"{Path(cert).name} and {Path(key).name} are not a PEM certificate and its key "
                       f"({exc.reason or exc})", "pass PEM files (-----BEGIN CERTIFICATE----- …)") from None
    return context


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for every address `host` names; VidgenError (nothing left open) if it cannot."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise VidgenError(f"cannot listen on {host}:{port} ({exc.strerror})", "pick another --host") from None
    socks: list[socket.socket] = []
    seen = set()
    try:
        for family, kind, proto, _, addr in infos:
            if addr in seen:
                continue
            seen.add(addr)
            sock = socket.socket(family, kind, proto)
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as asyncio does: restart at once
                if family == socket.AF_INET6:
                    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                sock.bind(addr)
                sock.listen(1024)
                sock.setblocking(False)
            except OSError as exc:
                sock.close()
                # "localhost" may name an IPv6 address this machine cannot use: the others suffice
                if family == socket.AF_INET6 and exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) \
                        and len(infos) > 1:
                    continue
                raise
            socks.append(sock)
    except OSError as exc:
        for sock in socks:
            sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise VidgenError(f"port {port} on {host} is already in use",
                              "stop the other server, or pass --port N") from None
        if exc.errno in (errno.EACCES, errno.EADDRNOTAVAIL):
            raise VidgenError(f"cannot listen on {host}:{port} ({exc.strerror})",
                              "pick another --host/--port") from None
        raise
    return socks


class Watchdog:
    """Once a stop is asked for, the process ends within SHUTDOWN_LIMIT seconds whatever still runs
    (a thread blocked on a disk, a worker that ignores its signal). A second Ctrl-C ends it at once."""

    def __init__(self, log: logging.Logger):
        self.log = log
        self.timer: threading.Timer | None = None

    def arm(self) -> None:
        if self.timer is not None:
            self.fire("a second stop signal")
        self.timer = threading.Timer(SHUTDOWN_LIMIT, self.fire, args=(f"not stopped after {SHUTDOWN_LIMIT:g} s",))
        self.timer.daemon = True
        self.timer.start()

    def disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()

    def fire(self, why: str) -> None:
        self.log.warning("vidgen serve: %s; exiting now (queued jobs stay queued, running ones are "
                         "marked interrupted at the next start)", why)
        for handler in logging.getLogger().handlers:
            handler.flush()
        os._exit(1)


async def run(app: Any, sockets: list[socket.socket], log: logging.Logger, banner: str, watchdog: Watchdog,
              tls: Any = None) -> None:
    from aiohttp import web

    from vidgen.server.keys import CONFIG
    from vidgen.server.logs import AccessLogger

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def on_signal(signame: str) -> None:
        if not stop.is_set():
            log.info("%s: stopping (at most %g s)", signame, SHUTDOWN_LIMIT)
        watchdog.arm()
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal, sig.name)
    timeout = app[CONFIG].read_timeout
    # keepalive_timeout also bounds a connection that never finishes its headers (aiohttp arms it at connect)
    runner = web.AppRunner(app, handle_signals=False, access_log_class=AccessLogger, keepalive_timeout=timeout,
                           shutdown_timeout=CONNECTIONS_GRACE)
    await runner.setup()  # the app starts here, the job executor with it: after the port is bound
    try:
        for sock in sockets:
            await web.SockSite(runner, sock, ssl_context=tls).start()
        log.info(banner)
        await stop.wait()
    finally:
        await runner.cleanup()


def refuse_open(svc: Any, host: str) -> None:
    """No users and no key: single-user, on this machine only. Anywhere else anyone could use it."""
    from vidgen.server.state import is_loopback
    from vidgen.store.users import Users

    if is_loopback(host) or svc.settings.api_key or Users(svc.store).any():
        return
    from vidgen.errors import BadInput

    raise BadInput(f"--host {host} would open vidgen to the network, and this server has no users",
                   "add one first: vidgen users add NAME --admin (or serve on 127.0.0.1)")


def serve(svc: Any, host: str, port: int, log_level: str = "info", log_json: bool = False,
          cert: str | None = None, key: str | None = None) -> None:
    from vidgen import __version__
    from vidgen.server.app import create_app
    from vidgen.server.logs import setup_logging
    from vidgen.server.proxy import check_proxies
    from vidgen.server.state import WILDCARDS, ServerConfig

    tls = tls_context(cert, key)  # bad certificate files: one line, before anything starts
    check_proxies(svc.settings.trusted_proxies)
    setup_logging(log_level, log_json, secrets=(svc.settings.api_key, svc.settings.worker_secret))
    log = logging.getLogger("vidgen.server")
    from vidgen.store.recovery import check

    problems = check(svc.store)
    if problems:
        raise problems[0]
    refuse_open(svc, host)
    config = ServerConfig.from_settings(svc.settings, host, tls=tls is not None)
    sockets = bind(host, port)  # before anything starts: a port in use changes nothing
    try:
        if host in WILDCARDS and not svc.settings.allowed_hosts:
            log.warning("listening on every address: requests for any host name are answered; set "
                        "VIDGEN_ALLOWED_HOSTS to this server's names to refuse DNS-rebinding pages")
        app = create_app(svc, config)
        scheme = "https" if tls is not None else "http"
        banner = f"vidgen {__version__} serving on {scheme}://{host}:{port} (docs: /docs)"
        watchdog = Watchdog(log)
        # asyncio.run also waits for the threads of asyncio.to_thread: the watchdog covers that wait too
        asyncio.run(run(app, sockets, log, banner, watchdog, tls))
        watchdog.disarm()
    finally:
        for sock in sockets:
            sock.close()
