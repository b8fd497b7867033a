"""The communes' slip keys at the district: received over the signed exchange, kept sealed, used to check
the tag of a slip's QR (desk/forms/qr.py `slip_tag`).

A desk sends its office's slip key once (and again when it changes) in a signed `POST /exchange`
(`slip_key`, desk/sync/lookup_key.py); the district answers with the key's id so the desk knows it
arrived. The key is stored sealed with AES-256-GCM (the commune and device as associated data) under a
key-encryption key that lives, when the server is given `--secret-file` (DISTRICT_SECRET_FILE), in a file
outside the database, so a copy of the database or of its backups alone does not let anyone forge a slip
tag. Without that file the key-encryption key sits in `server_meta` (step 0013), which still keeps the
slip keys out of a table export or a careless query, but not out of a full copy of the database.
The key is never logged; errors about it say only that it was malformed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, insert, select, update

from desk.forms.qr import tag_for_key
from district.db import meta, stamp
from district.errors import bad_request
from district.lookup.models import slip_keys

SECRET_FILE_ENV = "DISTRICT_SECRET_FILE"
META_KEK = "lookup_kek"
KEY_ID_LABEL = b"motcua slip key id"  # the same label as desk/sync/lookup_key.py
_file_lock = threading.Lock()


def key_id(key: bytes) -> str:
    """A name for the key that reveals nothing of it (HMAC under the key itself of a fixed label)."""
    return hmac.new(key, KEY_ID_LABEL, hashlib.sha256).hexdigest()[:32]


def decode_key(text: str) -> bytes:
    """The slip key as the desk keeps it: hex (desk/store.py new_hmac_key), else its UTF-8 bytes, exactly
    as desk/forms/qr.py `_key` reads it."""
    try:
        return bytes.fromhex(text)
    except ValueError:
        return text.encode("utf-8")


def parse(value: object) -> str | None:
    """The request's `slip_key` field, checked before any transaction."""
    if value is None:
        return None
    if not isinstance(value, str) or not 16 <= len(value) <= 256:
        raise bad_request("bad_slip_key", "slip_key is malformed", "Khóa xác thực phiếu gửi lên không đúng dạng.")
    return value


def _file_kek(path: Path) -> bytes:
    """The key-encryption key in its own file, made (0600) on first use."""
    with _file_lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32) + "\n")
        return bytes.fromhex(path.read_text().strip())


def _kek(conn: Connection, kind: str) -> bytes:
    if kind == "f":
        path = os.environ.get(SECRET_FILE_ENV)
        if not path:
            raise LookupError("slip keys were sealed under a secret file the server was not given")
        return _file_kek(Path(path))
    return bytes.fromhex(meta(conn, META_KEK))


def seal(conn: Connection, key: bytes, aad: bytes) -> str:
    kind = "f" if os.environ.get(SECRET_FILE_ENV) else "m"
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_kek(conn, kind)).encrypt(nonce, key, aad)
    return f"{kind}1:" + base64.b64encode(nonce + sealed).decode("ascii")


def unseal(conn: Connection, text: str, aad: bytes) -> bytes:
    kind, _, body = text.partition("1:")
    raw = base64.b64decode(body)
    return AESGCM(_kek(conn, kind)).decrypt(raw[:12], raw[12:], aad)


def _aad(commune: str, device_id: str) -> bytes:
    return f"{commune}|{device_id}".encode()


def store(conn: Connection, commune: str, device_id: str, text: str) -> str:
    """Keep (or replace) this device's slip key; return its id for the desk to compare."""
    key = decode_key(text)
    kid = key_id(key)
    row = conn.execute(select(slip_keys.c.key_id, slip_keys.c.commune).where(slip_keys.c.device_id == device_id)).first()
    if row is not None and row.key_id == kid and row.commune == commune:
        return kid
    values = {"commune": commune, "key_id": kid, "sealed": seal(conn, key, _aad(commune, device_id)),
              "updated_at": stamp()}
    if row is None:
        conn.execute(insert(slip_keys).values(device_id=device_id, **values))
    else:
        conn.execute(update(slip_keys).where(slip_keys.c.device_id == device_id).values(**values))
    _cache.forget(commune)
    return kid


def load(conn: Connection, commune: str) -> list[bytes]:
    """Every distinct slip key the commune's devices sent, unsealed."""
    out: dict[str, bytes] = {}
    for row in conn.execute(select(slip_keys.c.device_id, slip_keys.c.key_id, slip_keys.c.sealed)
                            .where(slip_keys.c.commune == commune)):
        if row.key_id in out:
            continue
        try:
            out[row.key_id] = unseal(conn, row.sealed, _aad(commune, row.device_id))
        except (LookupError, ValueError, KeyError, InvalidTag):
            # Sealed under a secret file this server was not given (or another one): that key cannot check
            # tags until its desk sends it again.
            continue
    return list(out.values())


class KeyCache:
    """Unsealed keys per commune for a short while, so a page costs one query, not two. A key sent by a
    desk a moment ago is picked up at once (`forget`) in this process and within `ttl` in the others."""

    def __init__(self, ttl: float = 30.0) -> None:
        self.ttl = ttl
        self._items: dict[str, tuple[float, list[bytes]]] = {}
        self._lock = threading.Lock()

    def get(self, conn: Connection, commune: str, *, fresher_than: float | None = None) -> list[bytes]:
        now = time.monotonic()
        with self._lock:
            item = self._items.get(commune)
        if item is not None and now - item[0] < self.ttl and (fresher_than is None or now - item[0] < fresher_than):
            return item[1]
        found = load(conn, commune)
        with self._lock:
            if len(self._items) > 10_000:
                self._items.clear()
            self._items[commune] = (now, found)
        return found

    def forget(self, commune: str) -> None:
        with self._lock:
            self._items.pop(commune, None)


_cache = KeyCache()


def cache() -> KeyCache:
    return _cache


def tag_matches(keys: list[bytes], code: str, tag: str) -> bool:
    """desk/forms/qr.py `slip_tag` under each key, compared in constant time; every key is tried."""
    given = tag.strip().upper().encode("ascii", "replace")
    ok = False
    for key in keys:
        ok |= hmac.compare_digest(given, tag_for_key(key, code).encode("ascii"))
    return ok
