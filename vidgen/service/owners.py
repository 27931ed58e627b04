"""Who owns what, decided in one place: every route's check of the item it names, every list's
filter, the chat channels, the uid of old clients, and the per-user limits.

- Scripts (every version), jobs, chats and uploads carry the id of the user who made them
  (`owner`; none at all: LOCAL, the machine's own user, which owns everything from before
  users). A job belongs to its script's owner, so a user sees the job that made their video.
- A video, its sidecars and its archive belong to the owner of the script they were rendered
  from: the file name says which script and version (`video_name`), checked against the
  stored title of that version, so a title cannot claim someone else's token.
- Another user's item is refused with the very error a nonexistent one gets, built by the same
  function after the same lookup: no 403, no other words, no other work.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput, Forbidden, RateLimited
from vidgen.store.db import unknown_job, unknown_script
from vidgen.store.media import uploads_dir, used_bytes
from vidgen.store.users import LOCAL, Caller, Users, owner_of
from vidgen.store.videos import no_video

# `<slug>-<token>-v<version>` inside a video's (or sidecar's) name; the slug may itself hold such a run
RENDERED_AT = re.compile(r"-([0-9a-f]{10})-v(\d+)(?=[-.])")
ACTIVE = ("pending", "running")

Channel = tuple[str, str]


def stamp(caller: Caller) -> dict[str, str]:
    """The owner field of a new record: none for the machine's own user (stores stay as they were)."""
    return {} if caller.local else {"owner": caller.id}


class Owners:
    def __init__(self, svc: Any):
        self.svc = svc
        self.users = Users(svc.store)
        self._locks: dict[str, asyncio.Lock] = {}

    @property
    def store(self) -> Any:
        return self.svc.store

    # -- one item: the owner or an admin, else exactly "not found" -----------------------------------------
    def script(self, caller: Caller, token: str) -> None:
        entry = self.store.table_index("index.json", "scripts", "token").get(token)
        if entry is None or not caller.sees(owner_of(entry)):
            raise unknown_script(token)

    def job(self, caller: Caller, job_id: str) -> None:
        job = self.store.table_index("jobs.json", "jobs", "job_id").get(job_id)
        if job is None or not caller.sees(owner_of(job)):
            raise unknown_job(job_id)

    def video(self, caller: Caller, filename: str) -> None:
        if not caller.sees(self.video_owner(filename)):
            raise no_video(filename)

    def video_owner(self, filename: str) -> str:
        """The owner of the script a rendered file came from; LOCAL for a file vidgen did not name."""
        from vidgen.store.names import slug

        index = self.store.table_index("index.json", "scripts", "token")
        for m in reversed(list(RENDERED_AT.finditer(filename))):
            entry = index.get(m[1])
            if entry is None or not 1 <= int(m[2]) <= int(entry.get("versions") or 0):
                continue
            try:
                title = self.store.get_version(m[1], int(m[2]))["script"].get("title", "")
            except BadInput:
                continue
            if slug(title) == filename[:m.start()]:
                return owner_of(entry)
        return LOCAL

    # -- lists ----------------------------------------------------------------------------------------------
    def names(self, caller: Caller) -> dict[str, str] | None:
        """Owner id -> name, for an admin of a server with users (their lists carry `owner`); else None."""
        if not caller.admin or not self.users.any():
            return None
        return {LOCAL: LOCAL, **self.users.names()}

    def visible(self, caller: Caller, rows: Iterable[dict], owner: Any = owner_of) -> list[dict]:
        """The rows the caller may see; an admin's each with `owner` (the name) when there are users."""
        names = self.names(caller)
        out = []
        for row in rows:
            who = owner(row)
            if caller.sees(who):
                # the stored owner is an id: shown as a name to admins, and not at all to others
                out.append({**row, "owner": names.get(who, who)} if names is not None else
                           {k: v for k, v in row.items() if k != "owner"})
        return out

    def videos(self, caller: Caller, rows: Iterable[dict]) -> list[dict]:
        return self.visible(caller, rows, lambda v: self.video_owner(v["filename"]))

    # -- chats: each owner has their own chat ids; an admin listens to another's chat by its id ------------
    def channel(self, caller: Caller, chat_id: str) -> Channel:
        if caller.admin:
            owners = [o or LOCAL for o in self.store.chat_owners(chat_id)]
            if owners and caller.id not in owners:
                return owners[0], chat_id
        return caller.id, chat_id

    def check_uid(self, caller: Caller, uid: str) -> None:
        """The old frontend's uid names the caller; the one key of an old deployment (or no key) records any."""
        if caller.local or uid == caller.name:
            return
        raise Forbidden(f"the uid {uid[:64]!r} is not the signed-in user's name",
                        "send the uid of the user whose key this is (their vidgen user name)")

    # -- limits per user (the machine's own user has none) ----------------------------------------------------
    def lock(self, caller: Caller) -> asyncio.Lock:
        """Serialises one user's limited actions (submit a job, upload), so two at once cannot both fit."""
        return self._locks.setdefault(caller.id, asyncio.Lock())

    def check_jobs(self, caller: Caller) -> None:
        limit = self.svc.settings.user_jobs
        if caller.local or not limit:
            return
        mine = sum(1 for j in self.store.table_index("jobs.json", "jobs", "job_id").values()
                   if j.get("status") in ACTIVE and (j.get("by") or owner_of(j)) == caller.id)
        if mine >= limit:
            raise RateLimited(f"you have {mine} renders queued or running; the limit is {limit} at once", 30,
                              "wait for one to finish, or cancel one")

    def uploads(self, caller: Caller) -> Path:
        return uploads_dir(self.svc.settings.home, None if caller.local else caller.id)

    def room(self, caller: Caller) -> int | None:
        """Bytes the caller may still upload (None: no limit)."""
        if caller.local or not self.svc.settings.user_media:
            return None
        return max(0, self.svc.settings.user_media - used_bytes(self.uploads(caller)))

    def request_files(self, caller: Caller) -> Path | None:
        """Where the files a request names must lie (`vidgen.store.media.REQUEST_FILES`): a user's uploads;
        anywhere under VIDGEN_HOME for the machine's own user and admins."""
        return None if caller.admin else self.uploads(caller)
