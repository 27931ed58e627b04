"""The store after a crash: put back last good copies, list lost scripts again, fail orphaned writes.

- A store file that is damaged, or gone while its `.bak` is there, is restored by writing the
  last good copy beside it and renaming it into place: one rename, so a repair killed half-way
  leaves the damaged file (run it again), never no file. The damaged file is kept aside first.
- A restored index is the state before its last write, and a lost index has nothing: every
  script file the index does not list (or lists with fewer versions) is listed again from the
  file itself, so no stored version stays unreachable.
- A script being written has a marker in `writing/` naming the writing process. When that
  process is gone (killed, or the machine restarted), any vidgen process that opens the store
  marks the script failed with the reason and how to retry, instead of pending forever.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tinydb import Query

from vidgen.errors import StoreError
from vidgen.store.db import Store, now
from vidgen.store.storage import AtomicJSONStorage
from vidgen.store.writing import done_writing, writer_gone

# stored with the script, so read by whoever lists it, in the studio or the CLI: words for both
SCRIPT_INTERRUPTED = "interrupted: vidgen stopped before this script was written; write it again"


def _bak(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def store_files(store: Store) -> list[Path]:
    """Every store file that exists, or that is gone while its last good copy is there."""
    scripts = store.root / "scripts"
    names = {p.name for p in scripts.glob("*.json")} | {p.name[:-4] for p in scripts.glob("*.json.bak")}
    paths = [store.root / "index.json", store.root / "jobs.json", store.root / "users.json",
             *(scripts / n for n in sorted(names))]
    return [p for p in paths if p.exists() or _bak(p).exists()]


def check(store: Store) -> list[StoreError]:
    """Every damaged or lost file, as errors (empty when the store is sound)."""
    problems = []
    for path in store_files(store):
        try:
            AtomicJSONStorage(path).load()
        except StoreError as exc:
            problems.append(exc)
    return problems


def repair(store: Store) -> list[str]:
    """Restore every damaged or lost file from its last good copy, then list lost scripts again."""
    from vidgen.store.db import AtomicJSONStorage, WriterStorage

    done = []
    with store.write_lock():
        WriterStorage.cache.clear()
        for path in store_files(store):
            try:
                AtomicJSONStorage(path).load()
            except StoreError:
                done.append(_restore(path))
        done.extend(_relist(store))
    return done


def _aside(path: Path) -> Path:
    stamp = int(time.time())
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        aside, n = path.with_name(f"{path.name}.damaged-{stamp}-{n}"), n + 1
    return aside


def _keep_aside(path: Path) -> Path:
    """A second name for the damaged file: the restore then replaces `path` without losing it."""
    aside = _aside(path)
    try:
        os.link(path, aside)
    except OSError:  # a file system without hard links
        import shutil

        shutil.copyfile(path, aside)
    return aside


def _restore(path: Path) -> str:
    from vidgen.store.atomic import atomic_write
    from vidgen.store.db import AtomicJSONStorage

    bak = _bak(path)
    aside = _keep_aside(path) if path.exists() else None
    kept = f"; the damaged file is {aside.name}" if aside else ""
    try:
        good = AtomicJSONStorage(bak).load() is not None
    except StoreError:
        good = False
    if good:
        atomic_write(path, bak.read_bytes(), backup=False)  # one rename: the good copy or the damaged file
        return f"{path.name}: {'restored' if aside else 'was missing; restored'} the last good copy{kept}"
    # no good copy: start this file empty (its scripts are listed again from their own files)
    if bak.exists():
        os.replace(bak, _aside(bak))
    if path.exists():
        path.unlink()
    return f"{path.name}: no good copy existed{kept}"


def _script_files(store: Store) -> dict[str, Path]:
    return {p.stem: p for p in (store.root / "scripts").glob("*.json")
            if p.stem and all(c in "0123456789abcdef" for c in p.stem)}


def _relist(store: Store) -> list[str]:
    """Under the write lock: make the index list every version each script file holds."""
    index = store._db("index.json").table("scripts")
    entries = {e.get("token"): e for e in index.all()}
    files = _script_files(store)
    added, done = [], []
    for token, path in sorted(files.items()):
        try:
            versions = sorted(store._script_db(token).table("versions").all(), key=lambda v: v.doc_id)
        except StoreError:
            continue  # damaged without a good copy: reported by check(), kept aside by _restore
        if not versions:
            continue
        latest = versions[-1]["script"]
        fields = {"title": latest.get("title", ""), "status": "ready", "versions": versions[-1].doc_id,
                  "scenes": len(latest.get("scenes", [])), "updated": versions[-1].get("created"), "error": None}
        entry = entries.get(token)
        if entry is None:
            added.append({"token": token, "topic": "", "created": versions[0].get("created"), **fields})
            done.append(f"scripts/{path.name}: listed again ({fields['title']!r}, {len(versions)} version(s))")
        elif entry.get("versions") != fields["versions"] or entry.get("status") != "ready":
            index.update(fields, doc_ids=[entry.doc_id])
            done.append(f"scripts/{path.name}: index entry brought up to version {fields['versions']}")
    for listed, entry in entries.items():
        if listed not in files and entry.get("versions"):
            index.update({"status": "failed", "versions": 0, "error": f"its file scripts/{listed}.json was lost"},
                         doc_ids=[entry.doc_id])
            done.append(f"scripts/{listed}.json: lost with no good copy; the script is marked failed")
    if added:
        index.insert_multiple(added)
    return done


def unlisted(store: Store) -> list[str]:
    """Tokens of script files the index does not list (a create killed half-way, or a lost index)."""
    listed = {e["token"] for e in store.list_scripts()}
    return sorted(set(_script_files(store)) - listed)


def recover_writers(store: Store) -> list[str]:
    """Scripts whose writer died become failed (with how to retry). Cheap when nothing is being written."""
    folder = store.root / "writing"
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".json") and not n.startswith(".")]
    except OSError:
        return []
    dead = []
    for name in names:
        path = folder / name
        try:
            age = time.time() - path.stat().st_mtime
            info = json.loads(path.read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(info, dict) and writer_gone(info, age):
            dead.append(name[:-5])
    if not dead:
        return []
    failed = []
    with store.write_lock():
        index = store._db("index.json").table("scripts")
        for token in dead:
            entry = index.get(Query().token == token)
            if entry is not None and entry.get("status") == "pending":
                index.update({"status": "failed", "error": SCRIPT_INTERRUPTED, "updated": now()},
                             doc_ids=[entry.doc_id])
                failed.append(token)
            done_writing(store.root, token)
    return failed
