"""How one store file is read and written for TinyDB: whole, replaced atomically with its last good
copy kept as `<file>.bak`, and parsed again only when it was replaced (see `vidgen.store.db`).

A file that cannot be read is a `StoreError` naming the file and the way back (`vidgen doctor --repair`),
never an empty table that the next write would make permanent.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from vidgen.errors import StoreError, disk_full, is_disk_full
from vidgen.store.atomic import atomic_write


def damaged(path: Path, reason: str) -> StoreError:
    if reason == "missing":  # only when its .bak exists: a write must not start it afresh and lose the rest
        return StoreError(f"the store file {path} is missing but its last good copy {path.name}.bak is there",
                          "run `vidgen doctor --repair` to put the last good copy back")
    return StoreError(
        f"the store file {path} is damaged ({reason}); the last good copy is {path.name}.bak",
        "run `vidgen doctor --repair` to put the last good copy back (the damaged file is kept aside)",
    )


def identity(path: Path) -> tuple[Any, ...] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path):
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        return self.load()

    def missing(self) -> None:
        """A file that is gone while its last good copy is there was lost, not never written."""
        if self.path.with_name(self.path.name + ".bak").exists():
            raise damaged(self.path, "missing")
        return None

    def load(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.missing()
            return None
        except OSError as exc:
            raise StoreError(f"cannot read the store file {self.path}: {exc.strerror}",
                             "check the permissions of VIDGEN_HOME") from None
        if not raw:
            raise damaged(self.path, "empty file")
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise damaged(self.path, f"not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise damaged(self.path, "not a JSON object")
        return data

    def write(self, data: dict[str, Any]) -> None:
        try:
            atomic_write(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(),
                         backup=True)
        except OSError as exc:
            if is_disk_full(exc):
                raise disk_full(self.path.parent) from None
            raise StoreError(f"cannot write the store file {self.path}: {exc.strerror}",
                             "free some disk space or fix the folder's permissions") from None

    def close(self) -> None:
        pass


class WriterStorage(AtomicJSONStorage):
    """The storage of write transactions: a file is parsed once while nobody else replaces it.

    TinyDB reads the whole file before every operation; under the write lock the file can
    only change through this cache, so the parsed copy stays valid. TinyDB mutates what it
    read before writing it back, so the cache is dropped if a transaction fails.
    """

    cache: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}

    def read(self) -> dict[str, Any] | None:
        ident = identity(self.path)
        hit = self.cache.get(str(self.path))
        if ident is not None and hit and hit[0] == ident:
            return hit[1]
        data = self.load()
        if data is not None and ident is not None:
            if len(self.cache) > 4096:
                self.cache.clear()
            self.cache[str(self.path)] = (ident, data)
        return data

    def write(self, data: dict[str, Any]) -> None:
        self.cache.pop(str(self.path), None)
        super().write(data)
        ident = identity(self.path)
        if ident is not None:
            self.cache[str(self.path)] = (ident, data)


class CachedReadStorage(AtomicJSONStorage):
    """Read-only view that parses a file again only when it was replaced.

    Every write replaces the file (new inode), so (inode, mtime, size) identifies a version.
    Hot read paths (a server polled by many clients) skip re-parsing unchanged files.
    """

    _cache: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
    _lock = threading.Lock()

    def read(self) -> dict[str, Any] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self.missing()
            return None
        except OSError:
            return super().read()
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._lock:
            hit = self._cache.get(str(self.path))
        if hit and hit[0] == key:
            return hit[1]
        data = self.load()
        with self._lock:
            if len(self._cache) > 4096:
                self._cache.clear()
            if data is not None:
                self._cache[str(self.path)] = (key, data)
        return data

    def write(self, data: dict[str, Any]) -> None:
        raise RuntimeError("read-only view of the store")
