"""Sending the office's slip key to the district, so its lookup page can check a slip QR's tag.

The key rides in the first `POST /exchange` of a sync (`slip_key`), signed by the device and inside TLS,
until the district answers with the key's id (`key_id`: an HMAC of a fixed label under the key, which
names the key without revealing it); then it is not sent again until the key changes. The key is never
logged, and `desk sync --dump` shows it as "<hidden>" (desk/sync/transport.py).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from desk.store import Store
from desk.sync import state

SENT = "lookup_key_id"  # sync_state: the id of the slip key the district confirmed
KEY_ID_LABEL = b"motcua slip key id"  # the same label as district/lookup/keys.py


def _key_bytes(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        return text.encode("utf-8")


def key_id(text: str) -> str:
    return hmac.new(_key_bytes(text), KEY_ID_LABEL, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Pending:
    key: str
    key_id: str
    marker: str  # what sync_state keeps once delivered: the key's id at this district


def pending(store: Store) -> Pending | None:
    """The slip key to send, or None when this district already confirmed this very key (or there is
    none). A desk enrolled anew with another district sends it there too."""
    key = store.scalar("SELECT hmac_key FROM office WHERE id = 1")
    if not key:
        return None
    kid = key_id(str(key))
    ident = state.identity(store) or {}
    marker = f"{kid}@{ident.get('server_id') or ident.get('server_url') or ''}"
    return None if state.get(store, SENT) == marker else Pending(str(key), kid, marker)


def answered(store: Store, sent: Pending, reply_value: object) -> None:
    """Remember the key as delivered once the district names it back; an older server that ignores the
    field answers nothing and the desk simply sends it again next time."""
    if reply_value == sent.key_id:
        state.put_many(store, {SENT: sent.marker})
