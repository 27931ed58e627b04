"""The store: TinyDB files under `$VIDGEN_HOME/.vidgen/`, shared by the CLI and the server.

TinyDB is neither thread- nor process-safe and rewrites a whole file per write, so:
- every write happens under one cross-process file lock (filelock), and readers need
  no lock because every file is replaced atomically (temp file, fsync, rename);
- each script's versions live in a file of their own, and a small index lists them, so an
  edit rewrites two small files however many scripts there are;
- job progress, the hot update, goes to a tiny per-job file, never to the jobs table;
- before a file is replaced its previous state is kept as `<file>.bak`, so a damaged file
  (a disk error, a hand edit) is reported with a way back, never silently dropped.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB

from vidgen.errors import NotFound, StoreError, disk_full, is_disk_full
from vidgen.store.atomic import atomic_write
from vidgen.store.storage import (  # the storages are also named from here, where they were first
    AtomicJSONStorage,
    CachedReadStorage,
    WriterStorage,
    damaged,
    identity,
)
from vidgen.store.writing import done_writing, mark_writing

__all__ = ["AtomicJSONStorage", "CachedReadStorage", "Store", "WriterStorage", "clone", "damaged", "identity",
           "new_token", "now", "unknown_job", "unknown_script", "written"]


def now() -> float:
    return round(time.time(), 3)


def clone(value: Any) -> Any:
    """A deep copy of JSON-shaped data, several times faster than copy.deepcopy on the polled paths."""
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) for v in value]
    return value


def unknown_script(token: str) -> NotFound:
    return NotFound(f"no script has the token {token!r}", "list the tokens with `vidgen scripts`")


def unknown_job(job_id: str) -> NotFound:
    return NotFound(f"no job has the id {job_id!r}", "list jobs with `vidgen jobs`")


def written(token: str, entry: dict[str, Any] | None) -> dict[str, Any]:
    """The index entry of a script that has at least one version, or the error saying why not."""
    if entry is None:
        raise unknown_script(token)
    if entry.get("status") == "failed" and not entry.get("versions"):
        error = entry.get("error") or "no reason was recorded"
        fix = f'write it again with `vidgen script "{entry.get("topic") or "your topic"}"`'
        raise NotFound(f"script {token} could not be written: {error}", None if "vidgen script" in error else fix)
    if entry.get("status") != "ready" and not entry.get("versions"):
        raise NotFound(f"script {token} is {entry.get('status')}, not written yet",
                       "wait for it, or write another with `vidgen script`")
    return entry


def _doc(table: Any, doc_id: int) -> dict[str, Any]:
    """A document just written under the write lock (so it exists), as a plain dict."""
    doc = table.get(doc_id=doc_id)
    assert doc is not None, doc_id
    return dict(doc)


def new_token() -> str:
    # hex, so that a token never starts with "-" and is safe in a file name
    return secrets.token_hex(5)


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)
        try:
            (self.root / "scripts").mkdir(parents=True, exist_ok=True)
            (self.root / "progress").mkdir(exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store at {self.root}: {exc.strerror}",
                             "set VIDGEN_HOME to a folder you can write to") from None
        self._lock = FileLock(str(self.root / "store.lock"), timeout=30, thread_local=False)
        self._thread_lock = threading.RLock()
        self._indexes: dict[tuple[Any, ...], dict[str, Any]] = {}

    # -- plumbing ---------------------------------------------------------------------
    def _db(self, name: str) -> TinyDB:
        """For writes: only ever used under the write lock."""
        return TinyDB(self.root / name, storage=WriterStorage)

    def _read(self, name: str) -> TinyDB:
        return TinyDB(self.root / name, storage=CachedReadStorage)

    def writable(self, name: str) -> TinyDB:
        """A store file for a change made under `write_lock()` (by the store's own modules: users)."""
        return self._db(name)

    def table_index(self, name: str, table: str, field: str) -> dict[str, dict[str, Any]]:
        """{field value: record} of a table, rebuilt only when its file changes; the records are shared,
        read-only."""
        return self._index(name, table, field)

    def _script_read(self, token: str) -> TinyDB:
        self._script_db(token)  # validates the token
        return TinyDB(self.root / "scripts" / f"{token}.json", storage=CachedReadStorage)

    def _script_db(self, token: str) -> TinyDB:
        if not token or not all(c in "0123456789abcdef" for c in token):
            raise unknown_script(token)
        return TinyDB(self.root / "scripts" / f"{token}.json", storage=WriterStorage)

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        with self._thread_lock:
            try:
                self._lock.acquire()
            except Timeout:
                raise StoreError("the store is locked by another vidgen process for over 30 s",
                                 "wait for it to finish, or stop the stuck process") from None
            except OSError as exc:
                if is_disk_full(exc):
                    raise disk_full(self.root) from None
                raise StoreError(f"cannot write the store at {self.root}: {exc.strerror}",
                                 "free some disk space or fix the folder's permissions") from None
            try:
                yield
            except OSError as exc:  # a marker, a progress file or a script file written under the lock
                WriterStorage.cache.clear()
                if is_disk_full(exc):
                    raise disk_full(Path(exc.filename).parent if exc.filename else self.root) from None
                raise
            except BaseException:
                WriterStorage.cache.clear()  # it may hold a change that was never written
                raise
            finally:
                self._lock.release()

    # -- scripts ----------------------------------------------------------------------
    def reserve_script(self, topic: str, **meta: Any) -> str:
        """An index entry for a script still being written (status `pending`)."""
        with self.write_lock():
            token = new_token()
            mark_writing(self.root, token)  # first: a marker without an entry is dropped, never the reverse
            self._db("index.json").table("scripts").insert(
                {"token": token, "topic": topic, "title": "", "status": "pending", "versions": 0,
                 "created": now(), "updated": now(), **meta})
            return token

    def add_version(self, token: str, script: dict[str, Any], note: str = "", *, create: bool = False,
                    topic: str = "") -> int:
        """Store a new version of `token`'s script and return its number."""
        with self.write_lock():
            index = self._db("index.json").table("scripts")
            entry = index.get(Query().token == token)
            if entry is None and not create:
                raise unknown_script(token)
            return self._append_version(token, entry, script, note, topic)

    def _append_version(self, token: str, entry: Any, script: dict[str, Any], note: str, topic: str = "") -> int:
        """Under the write lock: the script file gets the version, then its index entry is updated."""
        index = self._db("index.json").table("scripts")
        versions = self._script_db(token).table("versions")
        number = len(versions) + 1
        versions.insert({"version": number, "script": script, "note": note, "created": now()})
        fields = {"title": script.get("title", ""), "status": "ready", "versions": number,
                  "scenes": len(script.get("scenes", [])), "updated": now(), "error": None}
        if entry is None:
            index.insert({"token": token, "topic": topic, "created": now(), **fields})
        else:  # by doc id: no second scan of the whole index
            index.update(fields, doc_ids=[entry.doc_id])
        if entry is not None and entry.get("status") == "pending":

            done_writing(self.root, token)
        return number

    def update_script(self, token: str, change: Callable[[dict[str, Any]], dict[str, Any]], note: str
                      ) -> tuple[int, dict[str, Any]]:
        """Read, change and write under the lock, so concurrent edits never lose one another.

        Under the lock the files can change only through this process's writer, whose parsed
        copies are current: reading through them skips parsing the whole index again.
        """
        with self.write_lock():
            entry = written(token, self._db("index.json").table("scripts").get(Query().token == token))
            latest = self._script_db(token).table("versions").get(doc_id=entry["versions"])
            if latest is None:
                raise NotFound(f"script {token} has no version {entry['versions']}",
                               f"list them with `vidgen history {token}`")
            current = latest["script"]
            script = change(clone(current))  # the writer's parsed copy must not be changed by `change`
            if script == current:
                return entry["versions"], script
            return self._append_version(token, entry, script, note), script

    def bulk_create(self, scripts: list[dict[str, Any]], topic: str = "", note: str = "imported") -> list[str]:
        """Store many scripts under one lock with one index write (imports, benchmarks)."""
        with self.write_lock():
            index = self._db("index.json").table("scripts")
            tokens, entries = [], []
            for script in scripts:
                token = new_token()
                self._script_db(token).table("versions").insert(
                    {"version": 1, "script": script, "note": note, "created": now()})
                entries.append({"token": token, "topic": topic, "title": script.get("title", ""), "status": "ready",
                                "versions": 1, "scenes": len(script.get("scenes", [])), "created": now(),
                                "updated": now(), "error": None})
                tokens.append(token)
            index.insert_multiple(entries)
            return tokens

    def create_script(self, script: dict[str, Any], topic: str = "", note: str = "written") -> str:
        token = new_token()
        self.add_version(token, script, note, create=True, topic=topic)
        return token

    def fail_script(self, token: str, error: str) -> None:
        """A script still being written failed; one already written stays as it is."""

        with self.write_lock():
            self._db("index.json").table("scripts").update(
                {"status": "failed", "error": error, "updated": now()},
                (Query().token == token) & (Query().status == "pending"))
            done_writing(self.root, token)

    def script_entry(self, token: str) -> dict[str, Any]:
        entry = self._read("index.json").table("scripts").get(Query().token == token)
        if entry is None:
            raise unknown_script(token)
        return dict(entry)

    def list_scripts(self) -> list[dict[str, Any]]:
        rows = [dict(r) for r in self._read("index.json").table("scripts").all()]
        rows.sort(key=lambda r: r.get("updated", 0), reverse=True)
        return rows

    def versions(self, token: str) -> list[dict[str, Any]]:
        self.script_entry(token)
        # read views share one parsed copy between callers: hand out copies they may change
        return [clone(v) for v in self._script_read(token).table("versions").all()]

    def get_version(self, token: str, version: int | None = None) -> dict[str, Any]:
        entry = written(token, self.script_entry(token))
        table = self._script_read(token).table("versions")
        number = version if version is not None else entry["versions"]
        doc = table.get(doc_id=number) if isinstance(number, int) and number > 0 else None
        if doc is None:
            raise NotFound(f"script {token} has no version {version} (it has 1 to {len(table)})",
                           f"list them with `vidgen history {token}`")
        found: dict[str, Any] = clone(doc)
        return found

    # -- chats ------------------------------------------------------------------------
    def upsert_chat(self, chat_id: str, owner: str | None = None, **fields: Any) -> dict[str, Any]:
        """A chat is its owner's: two owners' chats of the same chatID are two chats (None: from before users)."""
        with self.write_lock():
            chats = self._db("index.json").table("chats")
            found = next((c for c in chats.search(Query().chatID == chat_id) if c.get("owner") == owner), None)
            if found is None:
                doc = {"chatID": chat_id, "uid": "", "text": "", "tokens": [], "ready_tokens": [],
                       "jobs": [], "created": now(), **fields, "updated": now()}
                if owner is not None:
                    doc["owner"] = owner
                chats.insert(doc)
                return doc
            merged = dict(found)
            for key, value in fields.items():
                if key.startswith("add_"):
                    name = key[4:]
                    merged[name] = list(dict.fromkeys([*merged.get(name, []), *value]))
                else:
                    merged[key] = value
            merged = {k: v for k, v in merged.items() if not k.startswith("add_")}
            merged["updated"] = now()
            chats.update(merged, doc_ids=[found.doc_id])
            return merged

    def chat_owners(self, chat_id: str) -> list[str | None]:
        """The owners of the chats named `chat_id` (None: a chat from before users)."""
        return [c.get("owner") for c in self._read("index.json").table("chats").search(Query().chatID == chat_id)]

    # -- jobs -------------------------------------------------------------------------
    def insert_job(self, job: dict[str, Any]) -> dict[str, Any]:
        with self.write_lock():
            self._db("jobs.json").table("jobs").insert(job)
        return job

    def transition_job(self, job_id: str, allowed: tuple[str, ...], where: dict[str, Any] | None = None,
                       **fields: Any) -> dict[str, Any] | None:
        """Update a job only if its status is one of `allowed` and its fields match `where` (compare-and-set)."""
        with self.write_lock():
            jobs = self._db("jobs.json").table("jobs")
            job = jobs.get(Query().job_id == job_id)
            if job is None:
                raise unknown_job(job_id)
            if job.get("status") not in allowed or any(job.get(k) != v for k, v in (where or {}).items()):
                return None
            jobs.update({**fields, "updated_at": now()}, doc_ids=[job.doc_id])
            return _doc(jobs, job.doc_id)

    def claim_job(self, worker: str, max_running: int | None = None, **fields: Any) -> dict[str, Any] | None:
        """Atomically take the oldest pending job: two runners never take the same one.

        With `max_running`, nothing is claimed while that many jobs already run, whichever
        process runs them.
        """
        with self.write_lock():
            jobs = self._db("jobs.json").table("jobs")
            everything = jobs.all()
            pending = [j for j in everything if j.get("status") == "pending"]
            running = sum(1 for j in everything if j.get("status") == "running")
            if not pending or (max_running is not None and running >= max_running):
                return None
            job = min(pending, key=lambda j: (j.get("created_at", 0), j.doc_id))
            jobs.update({"status": "running", "worker": worker, "started_at": now(), "updated_at": now(),
                         "stage": "starting", "message": "starting", **fields}, doc_ids=[job.doc_id])
            return _doc(jobs, job.doc_id)

    def _index(self, name: str, table: str, field: str) -> dict[str, dict[str, Any]]:
        """{field value: document} of a table, rebuilt only when its file was replaced.

        The hot read of a polled server (a job's status) becomes a dict lookup.
        """
        path = self.root / name
        key = (name, table, field, identity(path))
        hit = self._indexes.get(key)
        if hit is None:
            data = CachedReadStorage(path).read() or {}
            hit = {doc.get(field): doc for doc in data.get(table, {}).values()}
            self._indexes = {k: v for k, v in self._indexes.items() if k[:3] != key[:3]}
            self._indexes[key] = hit
        return hit

    def get_job(self, job_id: str) -> dict[str, Any]:
        job = self._index("jobs.json", "jobs", "job_id").get(job_id)
        if job is None:
            raise unknown_job(job_id)
        return {**clone(job), **self.read_progress(job_id, job)}

    def list_jobs(self) -> list[dict[str, Any]]:
        jobs = [clone(j) for j in self._read("jobs.json").table("jobs").all()]
        jobs = [{**j, **self.read_progress(j["job_id"], j)} for j in jobs]
        jobs.sort(key=lambda j: j.get("created_at", 0), reverse=True)
        return jobs

    def delete_job(self, job_id: str) -> None:
        with self.write_lock():
            if not self._db("jobs.json").table("jobs").remove(Query().job_id == job_id):
                raise unknown_job(job_id)
        (self.root / "progress" / f"{job_id}.json").unlink(missing_ok=True)

    def cancel_flag(self, job_id: str) -> Path:
        return self.root / "progress" / f"{job_id}.cancel"

    def write_progress(self, job_id: str, progress: dict[str, Any]) -> None:
        # hot path: no fsync, no lock; losing the last tick in a crash costs nothing
        atomic_write(self.root / "progress" / f"{job_id}.json", json.dumps(progress).encode(), durable=False)

    def read_progress(self, job_id: str, job: dict[str, Any]) -> dict[str, Any]:
        if job.get("status") != "running":
            return {}
        try:
            data = json.loads((self.root / "progress" / f"{job_id}.json").read_bytes())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}
