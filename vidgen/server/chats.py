"""Chats: the flow of the frontend routes (`/submit`, `/confirm_script`, events), as a service.

A chat (the old system's Firebase record) keeps its uid, topic text, script tokens, the
ready tokens and its jobs in the store, as its owner's (two users' chats of one chatID are two
chats). Events go out through `publish(channel, type, **data)` (a channel: (owner, chatID)),
which the server binds to its event hub; nothing here knows about HTTP, except that what comes
through here is not from the machine's owner: files a script or a config names must lie under
VIDGEN_HOME (`from_http` of the service).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from vidgen.jobs import JobService
from vidgen.render.presets import RenderOptions
from vidgen.service import Vidgen, check_version
from vidgen.service.owners import Channel, stamp
from vidgen.store.users import LOCAL_OWNER, Caller

Publish = Callable[..., Any]


def channel(caller: Caller, chat_id: str) -> Channel:
    """Where a chat's events go: each owner has chat ids of their own (`Owners.channel` for listening)."""
    return caller.id, chat_id


class Chats:
    def __init__(self, svc: Vidgen, jobs: JobService, publish: Publish):
        self.svc, self.jobs, self.publish = svc, jobs, publish

    async def start_scripts(self, topic: str, count: int, *, llm: str | None = None, language: str = "en",
                            chat_id: str | None = None, uid: str = "", source: str | None = None,
                            caller: Caller = LOCAL_OWNER) -> tuple[list[str], Coroutine[Any, Any, None]]:
        """Reserve the tokens now (bad input is refused here), the caller's; the returned coroutine writes
        the scripts."""
        svc = self.svc
        owner = stamp(caller).get("owner")
        where = channel(caller, chat_id or "")
        await asyncio.to_thread(svc.writer, llm)  # a misconfigured writer is refused now, not later
        if source is not None:
            from vidgen.writers.notes import check_source_text

            source = await asyncio.to_thread(check_source_text, source)  # parsing 1 MB takes a moment
        tokens = await asyncio.to_thread(svc.reserve, topic, count, **stamp(caller))
        if chat_id:
            await asyncio.to_thread(svc.store.upsert_chat, chat_id, owner, uid=uid, text=topic, tokens=tokens,
                                    ready_tokens=[])
        ready: list[tuple[int, str, dict]] = []

        async def on_ready(index: int, token: str, script: dict | None, error: str | None) -> None:
            if not chat_id:
                return
            if script is not None:
                ready.append((index, token, script))
                await asyncio.to_thread(svc.store.upsert_chat, chat_id, owner, add_ready_tokens=[token])
                # scriptIndex counts from 1, as the old system's frontend expects
                self.publish(where, "script_ready", data={**script, "token": token}, readyToken=token,
                             scriptIndex=index + 1, totalScripts=len(tokens))
            else:
                self.publish(where, "script_failed", token=token, scriptIndex=index + 1, error=error)

        async def write() -> None:
            await svc.write_variations(tokens, topic, llm=llm, language=language, source=source, on_ready=on_ready,
                                       from_http=True)
            if chat_id:
                ordered = sorted(ready)
                self.publish(where, "all_scripts_complete", allScripts=[{**s, "token": t} for _, t, s in ordered],
                             allTokens=[t for _, t, _ in ordered])

        return tokens, write()

    async def script_view(self, token: str, version: Any = None) -> tuple[int, dict]:
        """A script as the API shows it: 200 ready, 202 still being written, 200 failed with its error."""
        svc = self.svc
        if version is not None:
            doc = await asyncio.to_thread(svc.get_script, token, check_version(version))
            return 200, {**doc["script"], "token": token, "status": "ready", "version": doc["version"]}
        entry = await asyncio.to_thread(svc.store.script_entry, token)
        if entry["status"] == "pending":
            return 202, {"token": token, "status": "pending"}
        if entry["status"] == "failed":
            return 200, {"token": token, "status": "failed", "error": entry.get("error")}
        doc = await asyncio.to_thread(svc.get_script, token)
        return 200, {**doc["script"], "token": token, "status": "ready", "version": doc["version"]}

    async def submit_answer(self, tokens: list[str], finished: bool, chat_id: str) -> tuple[int, dict]:
        """What `/submit` answers: all scripts (200), or those ready so far (202)."""
        scripts, ready = [], []
        for token in tokens:
            _, view = await self.script_view(token)
            if view.get("status") == "ready":
                scripts.append(view)
                ready.append(token)
        complete = len(ready) == len(tokens)
        message = ("all scripts ready" if complete else
                   f"{len(ready)} of {len(tokens)} scripts ready" + ("; the rest failed" if finished else
                                                                     "; the rest arrive over /events"))
        return (200 if complete else 202), {"success": bool(ready) or not finished, "message": message,
                                            "scripts": scripts, "tokens": tokens, "ready_tokens": ready,
                                            "chatID": chat_id}

    async def start_job(self, token: str, options: RenderOptions, version: int | None = None,
                        chat_id: str | None = None, caller: Caller = LOCAL_OWNER) -> dict:
        """Queue a render; the options are checked against this machine here, once (a thread: the
        music is probed by ffmpeg, a voice may load)."""
        checked = await asyncio.to_thread(self.svc.render_options, options, from_http=True)
        version = None if version is None else check_version(version)
        owners = self.svc.owners
        async with owners.lock(caller):  # counted and queued together: two at once cannot both fit the limit
            await asyncio.to_thread(owners.check_jobs, caller)
            job = await asyncio.to_thread(self.jobs.submit, token, version, checked,
                                          by=stamp(caller).get("owner"))
        if chat_id:
            await asyncio.to_thread(self.svc.store.upsert_chat, chat_id, stamp(caller).get("owner"),
                                    add_jobs=[job["job_id"]])
        return job

    def script_updated(self, chat_id: str | None, token: str, script: dict, version: int,
                       caller: Caller = LOCAL_OWNER) -> None:
        if chat_id:
            self.publish(channel(caller, chat_id), "script_updated", token=token, script=script, version=version)

