"""Configuration: flags > environment > `.env` in the working directory > defaults.

One reader for every setting. Core settings are the typed fields of `Settings`; a
provider (a writer or a voice, built in or a plugin) declares its own `Option`s beside
its code and reads them with `settings.get(OPTION)`, through the same precedence.

Names kept from the replaced system: GOOGLE_API_KEY, TTS_PROVIDER, TTS_VOICE_NAME,
PYTHON_API_PORT. vidgen's own names start with VIDGEN_.
"""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


def read_dotenv(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return values
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


@dataclass(frozen=True)
class Option:
    """One setting: its environment names (first found wins), default, type and help."""

    name: str
    env: tuple[str, ...]
    default: Any
    help: str
    kind: str = "str"          # str, int, float, path, list (comma-separated)
    secret: bool = False       # never printed (doctor shows only whether it is set)
    minimum: float | None = None
    maximum: float | None = None

    def parse(self, raw: Any) -> Any:
        """The typed value of `raw`; BadInput naming the variable and the fix when it is not one."""
        if not isinstance(raw, str):
            return raw  # already typed: a flag or an override
        try:
            if self.kind == "path":
                return Path(raw).expanduser()
            if self.kind == "list":
                return [part.strip() for part in raw.split(",") if part.strip()]
            if self.kind in ("int", "float", "bytes"):
                value: float = (parse_size(raw) if self.kind == "bytes" else int(raw) if self.kind == "int"
                                else float(raw))
                if not math.isfinite(value):
                    raise ValueError
                if (self.minimum is not None and value < self.minimum) or \
                        (self.maximum is not None and value > self.maximum):
                    raise ValueError
                return value
            return raw
        except ValueError:
            from vidgen.errors import BadInput

            wanted = {"int": "a whole number", "float": "a number", "path": "a path",
                      "bytes": "a size in bytes (such as 1048576, 512K or 1M)"}.get(self.kind, self.kind)
            bounds = ""
            if self.minimum is not None or self.maximum is not None:
                bounds = f" from {self.minimum:g}" if self.minimum is not None else ""
                bounds += f" to {self.maximum:g}" if self.maximum is not None else " or more"
            raise BadInput(f"{self.env[0]} is {raw!r}, which is not {wanted}{bounds}",
                           f"set {self.env[0]} to {wanted}{bounds} (in the environment or .env)") from None


SIZES = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2,
         "g": 1024**3, "gb": 1024**3, "gib": 1024**3}


def parse_size(raw: str) -> int:
    """`1048576`, `1M`, `512K`, `1.5MB` -> bytes (binary units, as limits are usually meant); ValueError otherwise."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", raw.lower())
    if m is None or m[2] not in SIZES:
        raise ValueError(raw)
    return int(float(m[1]) * SIZES[m[2]]) if "." in m[1] else int(m[1]) * SIZES[m[2]]


CORE = (
    Option("home", ("VIDGEN_HOME",), None, "where renders/, archives/ and the database live", "path"),
    Option("llm", ("VIDGEN_LLM",), "offline", "the default script writer"),
    Option("llm_timeout", ("VIDGEN_LLM_TIMEOUT",), 60.0, "seconds an online provider may take", "float", minimum=1),
    Option("tts_provider", ("TTS_PROVIDER", "VIDGEN_TTS"), "auto", "the default voice provider (auto: the best "
           "voice here for the script's language)"),
    Option("tts_voice_name", ("TTS_VOICE_NAME", "VIDGEN_VOICE"), "", "the default voice of that provider"),
    Option("port", ("VIDGEN_PORT", "PYTHON_API_PORT"), 8001, "the server's port", "int", minimum=1, maximum=65535),
    Option("api_key", ("VIDGEN_API_KEY",), "", "the key the server requires (off when empty)", secret=True),
    Option("max_render_workers", ("VIDGEN_MAX_RENDER_WORKERS",), 1, "renders at once", "int", minimum=1,
           maximum=64),
    Option("submit_wait", ("VIDGEN_SUBMIT_WAIT",), 120.0, "seconds POST /submit waits for scripts", "float",
           minimum=0),
    Option("cors_origins", ("VIDGEN_CORS_ORIGINS",), [], "origins allowed to call the server besides loopback "
           "pages (http://localhost:*, http://127.0.0.1:*, http://[::1]:*); * for any", "list"),
    Option("max_body", ("VIDGEN_MAX_BODY",), 1024 * 1024, "request body limit in bytes (or 512K, 1M)", "bytes",
           minimum=1024),
    Option("rate_limit", ("VIDGEN_RATE_LIMIT",), 20, "script generations per user (per client without users) "
           "per minute", "int", minimum=1),
    Option("user_jobs", ("VIDGEN_USER_JOBS",), 3, "render jobs one user may have queued or running at once "
           "(0: no limit)", "int", minimum=0),
    Option("user_media", ("VIDGEN_USER_MEDIA",), 1024 ** 3, "bytes of uploads one user may keep (or 500M, 2G; "
           "0: no limit)", "bytes", minimum=0),
    Option("trusted_proxies", ("VIDGEN_TRUSTED_PROXIES",), [], "addresses (or networks) of reverse proxies whose "
           "X-Forwarded-Proto/-For are believed", "list"),
    Option("allowed_hosts", ("VIDGEN_ALLOWED_HOSTS",), [], "names the server answers to beyond localhost "
           "(Host header; * for any)", "list"),
    Option("read_timeout", ("VIDGEN_READ_TIMEOUT",), 30.0, "seconds a client may take to send a request",
           "float", minimum=1),
    Option("max_upload", ("VIDGEN_MAX_UPLOAD",), 200 * 1024 * 1024, "media upload limit in bytes (or 200M)", "bytes",
           minimum=1024),
    # several machines (see README "Running on several machines"); empty broker: one machine, no services
    Option("broker", ("VIDGEN_BROKER",), "", "Redis URL of the job broker, e.g. redis://host:6379/0"),
    Option("server_url", ("VIDGEN_SERVER_URL",), "", "a worker's way to the server that owns the store"),
    Option("worker_secret", ("VIDGEN_WORKER_SECRET",), "", "what workers prove themselves with (same on the server)",
           secret=True),
    Option("ca_file", ("VIDGEN_CA_FILE",), "", "a worker's CA certificates (PEM) for a server whose certificate a "
           "private CA signed"),
)
_CORE = {o.name: o for o in CORE}


def default(name: str) -> Any:
    """A dataclass field whose default is the core option's (written once, in CORE): `Settings` and the
    server's own configuration take theirs from there."""
    option = _CORE[name]
    return field(default_factory=lambda: copy.copy(option.default))


@dataclass
class Settings:
    home: Path = field(default_factory=Path.cwd)
    llm: str = default("llm")
    llm_timeout: float = default("llm_timeout")
    tts_provider: str = default("tts_provider")   # auto: vidgen.voice.default_provider decides per language
    tts_voice_name: str = default("tts_voice_name")
    port: int = default("port")
    api_key: str = default("api_key")
    max_render_workers: int = default("max_render_workers")
    submit_wait: float = default("submit_wait")
    cors_origins: list[str] = default("cors_origins")
    max_body: int = default("max_body")
    rate_limit: int = default("rate_limit")
    user_jobs: int = default("user_jobs")
    user_media: int = default("user_media")
    trusted_proxies: list[str] = default("trusted_proxies")
    allowed_hosts: list[str] = default("allowed_hosts")
    read_timeout: float = default("read_timeout")
    max_upload: int = default("max_upload")
    broker: str = default("broker")
    server_url: str = default("server_url")
    worker_secret: str = default("worker_secret")
    ca_file: str = default("ca_file")
    # every variable from the environment and .env (environment first), for providers' own options
    raw: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, cwd: Path | None = None, **overrides: Any) -> Settings:
        environ = dict(os.environ if env is None else env)
        raw = {**read_dotenv((cwd or Path.cwd()) / ".env"), **{k: v for k, v in environ.items() if v}}
        settings = cls(raw=raw)
        for f in fields(cls):
            option = _CORE.get(f.name)
            if option is None:
                continue
            given = overrides.get(f.name)
            value = given if given is not None else lookup(raw, option.env)
            if value is not None:
                setattr(settings, f.name, option.parse(value))
        settings.home = Path(settings.home).absolute()
        return settings

    def get(self, option: Option) -> Any:
        """A provider's own option, with the same precedence as the core ones."""
        value = lookup(self.raw, option.env)
        return option.default if value is None else option.parse(value)

    @property
    def renders(self) -> Path:
        return self.home / "renders"

    @property
    def archives(self) -> Path:
        return self.home / "archives"

    @property
    def data(self) -> Path:
        """Where the database lives (scripts, chats, jobs)."""
        return self.home / ".vidgen"


def lookup(raw: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    return next((raw[name] for name in names if raw.get(name)), None)
