"""Several PCs of one commune (issue 15), the district's part beyond the feed (district/feed.py
`publish_ops`): the commune's secret handed down at enrolment, and ops one PC relays for another.

The commune secret lets the PCs of one commune recognise each other on the office network without the
district (desk/sync/lan.py). It is derived, not stored: HMAC of the commune's code under the server's
token secret, which the first migration makes, so every PC of a commune gets the same secret at
enrolment, and a restore of the database to any later copy still gives the same one.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from district import ingest
from district import models as m
from district.auth import Device
from district.db import meta
from district.errors import bad_request

MAX_RELAY = 500


def commune_secret(conn: Connection, commune: str) -> str:
    key = bytes.fromhex(meta(conn, "token_secret"))
    return hmac.new(key, b"commune-peer-secret-v1:" + commune.encode(), hashlib.sha256).hexdigest()


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
        out.append({"device_id": group["device_id"][:36], "ops": ops})
    return out


def relay(conn: Connection, device: Device, batch_id: str, groups: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Apply the relayed ops as their own PC's pushes: the same chain, holds and outcomes by op_id, so an
    op that travelled PC to PC is stored once whichever PC brings it. Only PCs of the relaying PC's own
    commune, not revoked; a relayed op never counts as the relaying PC's own."""
    answers: list[dict[str, Any]] = []
    for n, group in enumerate(groups):
        origin = conn.execute(select(m.devices).where(m.devices.c.device_id == group["device_id"])).first()
        if origin is None or origin.commune != device.commune or origin.revoked_at is not None or \
                origin.device_id == device.device_id:
            answers.append({"device_id": group["device_id"], "refused": "not_a_peer"})
            continue
        as_origin = Device(device_id=str(origin.device_id), commune=str(origin.commune))
        reply = ingest.push(conn, as_origin, f"relay-{n}-{batch_id}"[:64], [dict(op) for op in group["ops"]])
        answers.append({"device_id": group["device_id"], "results": reply["results"]})
    return answers
