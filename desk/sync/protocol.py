"""Wire-level pieces shared by the desk client and the district server (pure Python, no I/O).

Protocol choices (docs/sync.md):
- Every body is JSON, gzip-compressed when the sender wants (`Content-Encoding: gzip`); the server caps
  the compressed body and the decompressed size and answers 413 beyond them.
- An op travels with its payload as the exact canonical text the desk stored, so the server can hash it
  itself (sha256) and compare with what it stored for the same op_id: the hash is not sent, saving 64
  bytes per op on a 2G link, while gzip's CRC already guards the transfer.
- A device proves itself by signing `CHALLENGE_PREFIX + nonce + ":" + device_id` with its Ed25519 key.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

API_PREFIX = "/api/sync/v1"
PROTOCOL_VERSION = 1
CHALLENGE_PREFIX = b"motcua-sync-v1:"

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


class BodyTooLarge(Exception):
    """The body (or what it inflates to) exceeds the cap."""


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def gzip_body(data: Any, level: int = 9) -> bytes:
    # mtime=0: identical content gives identical bytes, which keeps a retried batch byte-identical.
    return gzip.compress(dumps(data), compresslevel=level, mtime=0)


def inflate(body: bytes, encoding: str | None, limit: int) -> bytes:
    """Decompress a request body without ever holding more than `limit` bytes of output."""
    if not encoding or encoding.lower() == "identity":
        if len(body) > limit:
            raise BodyTooLarge(str(len(body)))
        return body
    if encoding.lower() not in ("gzip", "x-gzip"):
        raise ValueError(f"unsupported content encoding {encoding!r}")
    inflater = zlib.decompressobj(wbits=31)
    out = bytearray()
    data = body
    while data:
        # max_length bounds each step, so a gzip bomb is stopped after `limit` bytes, not after all of it.
        chunk = inflater.decompress(data, max(1, limit + 1 - len(out)))
        out += chunk
        if len(out) > limit:
            raise BodyTooLarge(str(len(out)))
        data = inflater.unconsumed_tail
        if not chunk and not data:
            break
    if not inflater.eof:
        raise ValueError("truncated gzip body")
    return bytes(out)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def challenge_message(nonce: str, device_id: str) -> bytes:
    return CHALLENGE_PREFIX + nonce.encode("ascii") + b":" + device_id.encode("ascii")


def page_checksum(changes: Iterable[Mapping[str, Any]]) -> str:
    """A checksum of a pulled page, so a page damaged on the way is refetched, never applied."""
    return hashlib.sha256(dumps(list(changes))).hexdigest()


def ids_hash(ids: Iterable[str]) -> str:
    """The day-close hash: order-free, so the desk and the server compute it the same way."""
    return hashlib.sha256("\n".join(sorted(ids)).encode("ascii")).hexdigest()


def error_body(code: str, message: str, message_vi: str, *, retryable: bool) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "message_vi": message_vi, "retryable": retryable}}
