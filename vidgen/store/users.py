"""People who may use the server, and the keys they prove themselves with.

- A user is a record in the store's `users.json` (written like every store file: under the
  write lock, atomically, with a `.bak`): a random id, a name, whether they are an admin,
  and their key's id and slow hash. Everything a user makes is stamped with their *id*, not
  their name: a user removed and a new one added under the same name do not share work.
- A key is `vgk_<key id>_<secret>`: 48 random bits that name the key (so a request finds
  its user with one lookup, not one slow hash per user) and 256 random bits that prove it.
  Only scrypt of the secret is stored. A rotation gives a new id and secret: the old key's
  id is gone from the table at once, in every process that reads the store.
- `LOCAL` owns what the machine's own user makes (the CLI, a server with no users, the one
  `VIDGEN_API_KEY` of an old deployment) and everything in a store from before users.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from vidgen.errors import BadInput, Conflict, NotFound
from vidgen.store.db import Store, now

LOCAL = "local"
USERS_FILE = "users.json"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
KEY = re.compile(r"vgk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})")
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}   # scrypt's interactive-login cost: ~35 ms and 16 MiB a check
CACHE_SECONDS = 300.0                     # how long a verified key is trusted without a new scrypt
NAME_FIX = "use letters, digits, '.', '_' or '-' (up to 64, starting with a letter or digit)"


@dataclass(frozen=True)
class Caller:
    """Who is asking: the owner id stamped on what they make, their name, and whether they see all."""

    id: str
    name: str
    admin: bool = False
    legacy: bool = False      # the one VIDGEN_API_KEY of an old deployment (acts as LOCAL, an admin)

    def sees(self, owner: str) -> bool:
        return self.admin or owner == self.id

    @property
    def local(self) -> bool:
        return self.id == LOCAL


LOCAL_OWNER = Caller(LOCAL, LOCAL, admin=True)


def owner_of(record: dict[str, Any]) -> str:
    """Who owns a stored record: its `owner`, or LOCAL for anything from before users."""
    return record.get("owner") or LOCAL


def check_name(name: Any) -> str:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        shown = name if isinstance(name, str) and len(name) <= 40 else f"{str(name)[:40]}…"
        raise BadInput(f"{shown!r} is not a user name vidgen takes", NAME_FIX)
    if name.lower() == LOCAL:
        raise BadInput(f"{LOCAL!r} is the name of this machine's own user", "pick another name")
    return name


def parse_key(key: str) -> tuple[str, str] | None:
    """(key id, secret) of a key in vidgen's format, None for anything else."""
    m = KEY.fullmatch(key)
    return (m[1], m[2]) if m else None


def new_key() -> tuple[str, str]:
    """A new key and its id."""
    key_id = secrets.token_hex(6)
    return f"vgk_{key_id}_{secrets.token_urlsafe(32)}", key_id


def key_hash(secret: str, salt: bytes, n: int, r: int, p: int) -> str:
    return hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, maxmem=128 * r * n + (1 << 20), dklen=32).hex()


def key_fields(key: str, key_id: str) -> dict[str, Any]:
    """What the store keeps of a key: its id, salt, scrypt parameters and hash; never the key."""
    salt = secrets.token_bytes(16)
    parsed = parse_key(key)
    assert parsed is not None and parsed[0] == key_id
    secret = parsed[1]  # the secret may itself hold "_": never split the key by hand
    return {"key_id": key_id, "salt": salt.hex(), "scrypt": dict(SCRYPT),
            "key_hash": key_hash(secret, salt, **SCRYPT), "rotated": now()}


def public(record: dict[str, Any]) -> dict[str, Any]:
    return {"name": record["name"], "admin": bool(record.get("admin")), "created": record.get("created"),
            "rotated": record.get("rotated")}


class Users:
    """The users table of a store, and the check of a presented key (with a short cache of verified keys)."""

    def __init__(self, store: Store):
        self.store = store
        self._verified: dict[bytes, tuple[str, str, float]] = {}  # sha256(key) -> (key id, hash, when)
        self._lock = threading.Lock()

    # -- reading (no lock: the file is replaced atomically; parsed again only when it changes) --------
    def _all(self) -> dict[str, dict[str, Any]]:
        return self.store.table_index(USERS_FILE, "users", "id")

    def active(self) -> list[dict[str, Any]]:
        return sorted((u for u in self._all().values() if not u.get("removed")), key=lambda u: u["name"].lower())

    def any(self) -> bool:
        return any(not u.get("removed") for u in self._all().values())

    def names(self) -> dict[str, str]:
        """Owner id -> the name to show (a removed user's name says so)."""
        return {uid: u["name"] + (" (removed)" if u.get("removed") else "") for uid, u in self._all().items()}

    def by_id(self, uid: str) -> dict[str, Any] | None:
        found = self._all().get(uid)
        return None if found is None or found.get("removed") else found

    def by_key_id(self, key_id: str) -> dict[str, Any] | None:
        found = self.store.table_index(USERS_FILE, "users", "key_id").get(key_id)
        return None if found is None or found.get("removed") else found

    def _named(self, table: Any, name: str) -> Any:
        name = check_name(name)
        found = [u for u in table.all() if not u.get("removed") and u["name"].lower() == name.lower()]
        if not found:
            raise NotFound(f"there is no user named {name!r}", "list them with `vidgen users list`")
        return found[0]

    # -- changes (under the store's write lock, like every store write) --------------------------------
    def add(self, name: str, admin: bool = False) -> tuple[dict[str, Any], str]:
        name = check_name(name)
        key, key_id = new_key()
        fields = key_fields(key, key_id)  # the slow hash outside the lock
        with self.store.write_lock():
            table = self.store.writable(USERS_FILE).table("users")
            if any(not u.get("removed") and u["name"].lower() == name.lower() for u in table.all()):
                raise Conflict(f"there is already a user named {name!r}",
                               f"pick another name, or give them a new key with `vidgen users rotate {name}`")
            record = {"id": "u" + secrets.token_hex(8), "name": name, "admin": bool(admin),
                      "created": fields["rotated"], **fields}
            table.insert(record)
        return record, key

    def rotate(self, name: str) -> tuple[dict[str, Any], str]:
        key, key_id = new_key()
        fields = key_fields(key, key_id)
        with self.store.write_lock():
            table = self.store.writable(USERS_FILE).table("users")
            user = self._named(table, name)
            table.update(fields, doc_ids=[user.doc_id])
            record = {**user, **fields}
        self.forget()
        return record, key

    def remove(self, name: str) -> dict[str, Any]:
        """The user can no longer sign in; what they made stays (an admin still sees it, owned by their id)."""
        with self.store.write_lock():
            table = self.store.writable(USERS_FILE).table("users")
            user = self._named(table, name)
            table.update({"removed": now(), "key_id": None, "key_hash": None}, doc_ids=[user.doc_id])
        self.forget()
        return dict(user)

    # -- keys ---------------------------------------------------------------------------------------------
    def verify(self, key: str) -> dict[str, Any] | None:
        """The user whose key this is, or None. Constant-time compare of the slow hash; a key verified in
        the last CACHE_SECONDS skips the hash if its user's record still holds the same key id and hash
        (a rotation or removal, in any process, changes them: the old key stops at once)."""
        parsed = parse_key(key)
        if parsed is None:
            return None
        key_id, secret = parsed
        # an unknown key id is refused without hashing: the id is no secret (it is half of a key that
        # proves nothing without its 256-bit secret), and a wrong key must not cost the server a slow hash
        user = self.by_key_id(key_id)
        if user is None or not user.get("key_hash"):
            return None
        digest = hashlib.sha256(key.encode()).digest()
        with self._lock:
            hit = self._verified.get(digest)
        if hit and hit[0] == key_id and hmac.compare_digest(hit[1], user["key_hash"]) and \
                time.monotonic() - hit[2] < CACHE_SECONDS:
            return user
        params = user.get("scrypt") or SCRYPT
        computed = key_hash(secret, bytes.fromhex(user["salt"]), params["n"], params["r"], params["p"])
        if not hmac.compare_digest(computed, user["key_hash"]):
            return None
        with self._lock:
            if len(self._verified) > 4096:
                self._verified.clear()
            self._verified[digest] = (key_id, user["key_hash"], time.monotonic())
        return user

    def forget(self) -> None:
        with self._lock:
            self._verified.clear()


def caller_of(user: dict[str, Any]) -> Caller:
    return Caller(user["id"], user["name"], admin=bool(user.get("admin")))


def session_secret(store: Store) -> bytes:
    """The server's key for signing session cookies: 32 random bytes in the store, made once (readable by
    its owner only), so a restart keeps people signed in; deleting the file signs everyone out."""
    import os

    path = store.root / "session.key"
    try:
        return bytes.fromhex(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        pass
    with store.write_lock():
        try:
            return bytes.fromhex(path.read_text().strip())
        except (FileNotFoundError, ValueError):
            secret = secrets.token_bytes(32)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # never readable by others
            try:
                os.write(fd, secret.hex().encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
            return secret
