"""Real Redis servers and real machines-in-namespaces for the worker tests and the benchmark.

`RedisServer` runs Debian's redis-server on a loopback port (or inside a network
namespace). `Machines` builds Linux network namespaces joined by veth links: one for
the server and Redis, one per worker, and a link from the test process to the server's,
so that each worker reaches the others only over its own network link (root only).
Every name and subnet carries the test process' pid, so parallel runs do not collide.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import wait_for

ROOT = Path(__file__).resolve().parent.parent


def redis_missing() -> str | None:
    """Why the Redis tests cannot run here (None when they can)."""
    if not shutil.which("redis-server"):
        return "redis-server is not installed (scripts/setup.sh installs it)"
    return None


def netns_missing() -> str | None:
    """Why the several-machines tests cannot run here (None when they can)."""
    if redis_missing():
        return redis_missing()
    if os.geteuid() != 0:
        return "network namespaces need root"
    if not shutil.which("ip"):
        return "the ip command (iproute2) is not installed"
    probe = f"vgprobe{os.getpid() % 100000}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if made.returncode != 0:
        return f"cannot create a network namespace here ({made.stderr.strip()})"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])



class RedisServer:
    """redis-server with append-only persistence (a restart keeps the queue), optionally in a namespace."""

    def __init__(self, port: int | None = None, bind: str = "127.0.0.1", password: str = "",
                 netns: str | None = None):
        self.port = port or free_port()
        self.bind, self.password, self.netns = bind, password, netns
        self.dir = Path(tempfile.mkdtemp(prefix="vidgen-redis-"))
        self.proc: subprocess.Popen | None = None

    def url(self, host: str | None = None, db: int = 0) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}{host or self.bind}:{self.port}/{db}"

    def start(self) -> RedisServer:
        cmd = ["redis-server", "--port", str(self.port), "--bind", self.bind, "--save", "", "--appendonly", "yes",
               "--appendfsync", "everysec", "--dir", str(self.dir), "--protected-mode", "no", "--loglevel", "warning"]
        if self.password:
            cmd += ["--requirepass", self.password]
        if self.netns:
            cmd = ["ip", "netns", "exec", self.netns, *cmd]
        log = open(self.dir / "redis.log", "ab")  # noqa: SIM115 - kept open for the process' life
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, start_new_session=True)
        wait_for(self.ping, 10, 0.05, f"redis-server on port {self.port}")
        return self

    def ping(self) -> bool:
        cmd = ["redis-cli", "-h", self.bind, "-p", str(self.port), "ping"]
        if self.password:
            cmd[1:1] = ["--no-auth-warning", "-a", self.password]
        if self.netns:
            cmd = ["ip", "netns", "exec", self.netns, *cmd]
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=3)
        except subprocess.TimeoutExpired:
            return False
        return out.stdout.strip() == "PONG"

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def run(*cmd: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {done.stderr.strip()}")


class Machines:
    """A server namespace and N worker namespaces, each worker joined to the server by its own veth link.

    The test process reaches the server's namespace over one more link (`server_ip`);
    worker i reaches it at `server_ip_for(i)`.
    """

    def __init__(self, workers: int = 2):
        tag = os.getpid() % 100000
        self.tag = tag
        self.server = f"vg{tag}s"
        self.workers = [f"vg{tag}w{i}" for i in range(workers)]
        self.net = 100 + (tag % 40) * 3          # 10.<net>.x.y: three /24s per run
        self.links: list[str] = []

    def server_ip_for(self, i: int) -> str:
        return f"10.{self.net}.{i + 1}.1"

    def worker_ip(self, i: int) -> str:
        return f"10.{self.net}.{i + 1}.2"

    @property
    def server_ip(self) -> str:
        return f"10.{self.net}.0.2"

    def up(self) -> Machines:
        for ns in (self.server, *self.workers):
            run("ip", "netns", "add", ns)
            run("ip", "-n", ns, "link", "set", "lo", "up")
        # the test process (this machine) <-> the server
        host_if, srv_if = f"vg{self.tag}h", f"vg{self.tag}hs"
        run("ip", "link", "add", host_if, "type", "veth", "peer", "name", srv_if)
        self.links.append(host_if)
        run("ip", "link", "set", srv_if, "netns", self.server)
        run("ip", "addr", "add", f"10.{self.net}.0.1/24", "dev", host_if)
        run("ip", "link", "set", host_if, "up")
        run("ip", "-n", self.server, "addr", "add", f"{self.server_ip}/24", "dev", srv_if)
        run("ip", "-n", self.server, "link", "set", srv_if, "up")
        for i, ns in enumerate(self.workers):
            a, b = f"vg{self.tag}s{i}", f"vg{self.tag}w{i}e"
            # (made inside the server's namespace, never in this machine's: a link coming and going here is a
            # network change every browser in other tests sees, and Chromium drops its requests in flight)
            run("ip", "-n", self.server, "link", "add", a, "type", "veth", "peer", "name", b, "netns", ns)
            run("ip", "-n", self.server, "addr", "add", f"{self.server_ip_for(i)}/24", "dev", a)
            run("ip", "-n", self.server, "link", "set", a, "up")
            run("ip", "-n", ns, "addr", "add", f"{self.worker_ip(i)}/24", "dev", b)
            run("ip", "-n", ns, "link", "set", b, "up")
        return self

    def pids(self, ns: str) -> list[int]:
        out = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def kill_machine(self, ns: str) -> int:
        """SIGKILL every process of a namespace, as a machine losing power would stop them."""
        pids = self.pids(ns)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return len(pids)

    def down(self) -> None:
        for ns in (self.server, *self.workers):
            self.kill_machine(ns)
        for ns in (self.server, *self.workers):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        for link in self.links:
            subprocess.run(["ip", "link", "del", link], capture_output=True)


def vidgen_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "vidgen", *args]


def spawn(cmd: list[str], home: Path, env: dict[str, str], log: Path, netns: str | None = None) -> subprocess.Popen:
    """A vidgen process with its own VIDGEN_HOME (its own machine's disk), logging to a file."""
    home.mkdir(parents=True, exist_ok=True)
    full = {k: v for k, v in os.environ.items()
            if not k.startswith("VIDGEN_") and k not in ("GOOGLE_API_KEY", "GEMINI_API_KEY", "TTS_PROVIDER")}
    full.update({"VIDGEN_HOME": str(home), "PYTHONPATH": str(ROOT), **env})
    if netns:
        cmd = ["ip", "netns", "exec", netns, *cmd]
    with open(log, "ab") as out:
        return subprocess.Popen(cmd, cwd=home, env=full, stdout=out, stderr=out, start_new_session=True)
