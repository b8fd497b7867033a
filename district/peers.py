"""Several PCs of one commune (issue 15), the district's part beyond the feed (district/feed.py
`publish_ops`): the commune's secret handed down at enrolment, and ops one PC relays for another.

The commune secret lets the PCs of one commune recognise each other on the office network without the
district (desk/sync/lan.py). It is derived, not stored: HMAC of the commune's code and its generation
under the server's token secret, which the first migration makes, so every PC of a commune gets the same
secret, and a restore of the database to any later copy still gives the same one.

The generation is the number of revocations of the commune's PCs (`devices.revocations`, counted by
`auth.revoke`; a re-admitted PC does not lower it), so revoking a PC (a stolen one) gives the commune a
new secret. Generation 0 is the secret PCs enrolled before generations existed hold. The district sends
the current secret and generation at enrolment and in every exchange answer to a desk holding another
generation (district/exchange.py); a revoked PC's requests are refused before any answer, so it never
learns the new one.

Relayed ops of a revoked PC (`relay`): the op's own `created_at` is written by the origin PC, so a stolen
PC can date an op as it likes; it proves nothing. What the district can check is when a PC it still
trusts says it received the op over the office network (`received_at` per relayed op, that PC's clock,
corrected by the offset the district measured for that PC in this very exchange): an op one of the
commune's other PCs held before the revocation was made before it and is taken; any other op of a revoked
PC is refused (outcome `rejected`, code `origin_revoked`), including older work that reached the others
only after the revocation. The relaying PC is trusted for this as it is trusted for the ops themselves
(ops are not signed by their origin PC: docs/design.md "Several PCs of one commune").
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from desk.sync.protocol import OFFICE_UTC_OFFSET, REJECTED
from district import ingest
from district import models as m
from district.auth import Device
from district.db import meta
from district.errors import bad_request

MAX_RELAY = 500


def generation(conn: Connection, commune: str) -> int:
    return int(conn.execute(select(func.coalesce(func.sum(m.devices.c.revocations), 0))
                            .where(m.devices.c.commune == commune)).scalar() or 0)


def commune_secret(conn: Connection, commune: str, gen: int | None = None) -> str:
    """The commune's secret of generation `gen` (the current one when None)."""
    key = bytes.fromhex(meta(conn, "token_secret"))
    gen = generation(conn, commune) if gen is None else gen
    # Generation 0 keeps the message PCs enrolled before generations existed got their secret from.
    tail = b"" if gen == 0 else b":" + str(gen).encode()
    return hmac.new(key, b"commune-peer-secret-v1:" + commune.encode() + tail, hashlib.sha256).hexdigest()


def commune_key(conn: Connection, commune: str) -> dict[str, Any]:
    """What an enrolment or exchange answer carries: the current secret and its generation."""
    gen = generation(conn, commune)
    return {"secret": commune_secret(conn, commune, gen), "generation": gen}


def validate_relay(raw: object) -> list[dict[str, Any]]:
    """`relay`: [{"device_id": …, "ops": [op, …]}, …], ops another PC of the commune made that this PC
    received over the office network and the district may not have yet."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request("bad_relay", "relay must be a list", "Dữ liệu chuyển tiếp không đúng dạng.")
    out = []
    total = 0
    for group in raw:
        if not isinstance(group, dict) or not isinstance(group.get("device_id"), str):
            raise bad_request("bad_relay", "relay group lacks device_id", "Dữ liệu chuyển tiếp không đúng dạng.")
        ops = ingest.validate_ops(group.get("ops"))
        total += len(ops)
        if total > MAX_RELAY:
            raise bad_request("bad_relay", "too many relayed ops", "Quá nhiều thay đổi chuyển tiếp trong một lần.")
        # When the relaying PC received each op (its own clock): only asked of a revoked origin's ops.
        received = [str(op.get("received_at") or "")[:32] for op in group["ops"]]
        out.append({"device_id": group["device_id"][:36], "ops": ops, "received_at": received})
    return out


def relay(conn: Connection, device: Device, batch_id: str, groups: Sequence[Mapping[str, Any]],
          clock_offset: int | None = None) -> list[dict[str, Any]]:
    """Apply the relayed ops as their own PC's pushes: the same chain, holds and outcomes by op_id, so an
    op that travelled PC to PC is stored once whichever PC brings it. Only PCs of the relaying PC's own
    commune; of a revoked one only the ops the relaying PC held before the revocation (module docstring).
    A relayed op never counts as the relaying PC's own. `clock_offset`: the relaying PC's clock ahead of
    the server's office time, in seconds, as measured in this exchange (else the last one measured)."""
    answers: list[dict[str, Any]] = []
    if clock_offset is None:
        stored = conn.execute(select(m.devices.c.clock_offset_s).where(
            m.devices.c.device_id == device.device_id)).scalar()
        clock_offset = int(stored or 0)
    for n, group in enumerate(groups):
        origin = conn.execute(select(m.devices).where(m.devices.c.device_id == group["device_id"])).first()
        if origin is None or origin.commune != device.commune or origin.device_id == device.device_id:
            answers.append({"device_id": group["device_id"], "refused": "not_a_peer"})
            continue
        ops = [dict(op) for op in group["ops"]]
        refused: list[dict[str, Any]] = []
        if origin.revoked_at is not None:
            revoked = _office_time(str(origin.revoked_at))
            received = list(group.get("received_at") or [""] * len(ops))
            held_before = [_held_before(r, clock_offset, revoked) for r in received]
            refused = [{"seq": op["seq"], "outcome": REJECTED, "code": "origin_revoked",
                        "message_vi": "Thay đổi của một máy đã bị thu hồi, đến các máy khác sau khi thu hồi: "
                                      "cấp trên không nhận."} for op, ok in zip(ops, held_before, strict=True) if not ok]
            ops = [op for op, ok in zip(ops, held_before, strict=True) if ok]
        results = refused
        if ops:
            as_origin = Device(device_id=str(origin.device_id), commune=str(origin.commune))
            results = ingest.push(conn, as_origin, f"relay-{n}-{batch_id}"[:64], ops)["results"] + refused
        answers.append({"device_id": group["device_id"], "results": results})
    return answers


def _office_time(stamp_text: str) -> datetime:
    """A server stamp (UTC, district/db.py `stamp`) as the office's local time, which desks keep."""
    moment = datetime.fromisoformat(stamp_text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment + OFFICE_UTC_OFFSET


def _held_before(received_at: str, clock_offset: int, revoked: datetime) -> bool:
    """Did the relaying PC receive the op before the revocation, by its clock corrected to the server's?
    A time it does not give (an older desk) or cannot be read counts as after."""
    try:
        return datetime.fromisoformat(received_at).replace(tzinfo=None) - timedelta(seconds=clock_offset) < revoked
    except (ValueError, OverflowError):  # not a time, or a clock so far off the correction leaves the calendar
        return False
