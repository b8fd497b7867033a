"""Wire-level pieces shared by the desk client and the district server (pure Python, no I/O).

Protocol choices (docs/sync.md):
- Every body is JSON, compressed by desk/sync/wire.py (zstd with the shipped dictionary; gzip is still
  accepted); the server caps the compressed body and the decompressed size and answers 413 beyond them.
- An op travels with its payload as the exact canonical text the desk stored, so the server can hash it
  itself (sha256) and compare with what it stored for the same op_id: the hash is not sent, saving 64
  bytes per op on a 2G link, while TLS already guards the transfer.
- Every request after enrolment is signed with the device's Ed25519 key over its method, path and
  query, the body's SHA-256 and encoding, and a per-device counter the server has not seen yet
  (`request_message`); no token, no challenge round trip, and a revoked device is refused at its next
  request. Counters, not clocks: desk clocks are often days off (F14).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from desk.sync.wire import BodyTooLarge, dumps, gzip_body

__all__ = ["BodyTooLarge", "dumps", "gzip_body"]

API_PREFIX = "/api/sync/v1"
PROTOCOL_VERSION = 2
SIGNATURE_PREFIX = b"motcua-sync-v2"
AUTH_SCHEME = "MC2"

# One-time enrolment codes: 12 of these, no 0/O, 1/I (read aloud over the phone).
ENROLL_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# Defaults the server announces in /info; the client never sends more than the server allows.
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_DECOMPRESSED_BYTES = 8 * 1024 * 1024
MAX_OPS_PER_BATCH = 2000

# Desk clocks are naive office time; Vietnam keeps UTC+7 all year, so the offset to the server's UTC
# clock can be measured without time-zone data on the desk PC.
OFFICE_UTC_OFFSET = timedelta(hours=7)
CLOCK_WARNING_SECONDS = 5 * 60

# Per-op outcomes (docs/sync.md rule 5).
APPLIED = "applied"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REJECTED = "rejected"
DEFERRED = "deferred"
OUTCOMES = (APPLIED, DUPLICATE, CONFLICT, REJECTED, DEFERRED)

# Deferred codes: a gap is waiting for an earlier op of this device (a lost batch) and is not stored;
# a hold is stored on the server because an earlier op of the same record was rejected.
GAP = "waiting_for_earlier_op"
HELD = "held_after_rejected"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def request_message(method: str, target: str, device_id: str, counter: int, encoding: str, body: bytes) -> bytes:
    """What a device signs: `target` is the path with its query string, exactly as sent."""
    return b"\n".join([SIGNATURE_PREFIX, method.upper().encode(), target.encode(), device_id.encode(),
                       str(counter).encode(), (encoding or "identity").lower().encode(),
                       hashlib.sha256(body).hexdigest().encode()])


def auth_header(device_id: str, counter: int, signature: bytes) -> str:
    return f"{AUTH_SCHEME} {device_id}.{counter}.{base64.urlsafe_b64encode(signature).decode().rstrip('=')}"


def parse_auth_header(value: str) -> tuple[str, int, bytes] | None:
    scheme, _, rest = value.partition(" ")
    if scheme != AUTH_SCHEME:
        return None
    try:
        device_id, counter, sig = rest.strip().split(".")
        return device_id, int(counter), base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
    except (ValueError, TypeError):
        return None


def page_checksum(changes: Iterable[Mapping[str, Any]]) -> str:
    """A checksum of a pulled page, so a page damaged on the way is refetched, never applied."""
    return hashlib.sha256(dumps(list(changes))).hexdigest()


def ids_hash(ids: Iterable[str]) -> str:
    """The day-close hash: order-free, so the desk and the server compute it the same way."""
    return hashlib.sha256("\n".join(sorted(ids)).encode("ascii")).hexdigest()


def error_body(code: str, message: str, message_vi: str, *, retryable: bool) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "message_vi": message_vi, "retryable": retryable}}
