"""Configuration: flags > environment > `.env` in the working directory > defaults.

Names kept from the replaced system: GOOGLE_API_KEY, TTS_PROVIDER, TTS_VOICE_NAME,
PYTHON_API_PORT. vidgen's own names start with VIDGEN_.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path


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


# setting name -> environment names, first found wins
_ENV = {
    "home": ("VIDGEN_HOME",),
    "llm": ("VIDGEN_LLM",),
    "google_api_key": ("GOOGLE_API_KEY", "GEMINI_API_KEY"),
    "gemini_model": ("VIDGEN_GEMINI_MODEL",),
    "gemini_base_url": ("VIDGEN_GEMINI_BASE_URL",),
    "gemini_tts_model": ("VIDGEN_GEMINI_TTS_MODEL",),
    "openai_base_url": ("VIDGEN_OPENAI_BASE_URL", "OPENAI_BASE_URL"),
    "openai_model": ("VIDGEN_OPENAI_MODEL",),
    "openai_api_key": ("VIDGEN_OPENAI_API_KEY", "OPENAI_API_KEY"),
    "llm_timeout": ("VIDGEN_LLM_TIMEOUT",),
    "tts_provider": ("TTS_PROVIDER", "VIDGEN_TTS"),
    "tts_voice_name": ("TTS_VOICE_NAME", "VIDGEN_VOICE"),
    "piper_voice": ("VIDGEN_PIPER_VOICE",),
    "port": ("VIDGEN_PORT", "PYTHON_API_PORT"),
    "api_key": ("VIDGEN_API_KEY",),
    "max_render_workers": ("VIDGEN_MAX_RENDER_WORKERS",),
    "submit_wait": ("VIDGEN_SUBMIT_WAIT",),
}


@dataclass
class Settings:
    home: Path = field(default_factory=Path.cwd)
    llm: str = "offline"
    google_api_key: str = ""
    gemini_model: str = "gemini-2.5-flash"
    gemini_base_url: str = ""
    gemini_tts_model: str = "gemini-2.5-flash-preview-tts"
    openai_base_url: str = "http://127.0.0.1:11434/v1"
    openai_model: str = "llama3.1"
    openai_api_key: str = ""
    llm_timeout: float = 60.0
    tts_provider: str = "auto"   # auto: vidgen.voice.default_provider decides per language
    tts_voice_name: str = ""
    piper_voice: str = ""
    port: int = 8001
    api_key: str = ""
    max_render_workers: int = 1
    submit_wait: float = 120.0

    @classmethod
    def load(cls, env: dict[str, str] | None = None, cwd: Path | None = None, **overrides) -> "Settings":
        env = dict(os.environ if env is None else env)
        dotenv = read_dotenv((cwd or Path.cwd()) / ".env")
        values = {}
        types = {f.name: f.type for f in fields(cls)}
        for name, keys in _ENV.items():
            for source in (env, dotenv):
                raw = next((source[k] for k in keys if source.get(k)), None)
                if raw is not None:
                    values[name] = raw
                    break
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls()
        for name, raw in values.items():
            kind = types[name]
            try:
                if kind == "Path":
                    value = Path(raw).expanduser()
                elif kind == "int":
                    value = int(raw)
                elif kind == "float":
                    value = float(raw)
                else:
                    value = str(raw)
            except ValueError:
                from vidgen.errors import BadInput

                raise BadInput(f"setting {name} has the value {raw!r}, which is not a {kind}",
                               f"set {_ENV.get(name, (name,))[0]} to a {kind}") from None
            setattr(settings, name, value)
        settings.home = Path(settings.home).absolute()
        if settings.tts_provider == "espeak":
            settings.tts_provider = "pyttsx3"
        return settings

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
