"""`POST /exchange`: a desk's whole sync in one request when it fits (desk/sync/exchange.py).

In one transaction, in this order:
1. the device's clock offset (from the desk time the first request of a sync carries) and last contact;
2. `settle`: the stored answer of a batch whose reply the desk lost (ingest.stored_reply);
3. the batch (`batch`, `ops` packed as columns, `echo`), applied as any push (ingest.push) — unless the
   desk's cursor points at a row the change log no longer holds (the district was restored): then the
   batch is left alone and the answer says `feed_reset`, because the desk must read the feed to its end
   first and give back the district's lost steps ahead of its own later work (district/echo.py);
4. the next page of the commune's feed after the desk's cursor (feed.pull);
5. the day close, counted after the batch (daybook.close_day);
6. reference data newer than the desk's versions, with the data when it fits;
7. the office's slip key when the desk sends it (`slip_key`, kept sealed for the lookup page).
The answer always carries the acknowledged sequence per epoch, after the batch, and the commune's
office-network secret with its generation (`peer`, district/peers.py) whenever the desk's `peer_gen`
is not the current generation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, update

from desk.sync import wire
from district import daybook, echo, feed, ingest, peers, refdata
from district import models as m
from district.auth import Device
from district.db import stamp
from district.errors import bad_request, too_many_ops
from district.lookup import keys as lookup_keys

INLINE_REFDATA = 256 * 1024  # a newer catalogue bigger than this (as JSON) is fetched on its own
PAGE = 200
BATCH_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")  # what desks send (a UUID); nothing a column or a log minds


def parse(body: Mapping[str, Any], max_ops: int, max_body: int) -> dict[str, Any]:
    """Check the request's shape before any transaction (bad input is a 400, never a 500)."""
    out: dict[str, Any] = {"cursor": body.get("cursor") or "", "limit": PAGE}
    if not isinstance(out["cursor"], str) or len(out["cursor"]) > 500:
        raise bad_request("bad_cursor", "cursor must be a string", "Con trỏ đồng bộ không hợp lệ.")
    limit = body.get("limit", PAGE)
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise bad_request("bad_limit", "limit must be a number", "Giới hạn trang không hợp lệ.")
    out["limit"] = max(1, min(limit, 1000))
    for key in ("settle", "batch"):
        value = body.get(key)
        if value is not None and (not isinstance(value, str) or not BATCH_ID.fullmatch(value)):
            raise bad_request("bad_batch", f"{key} must be a batch id", "Mã gói dữ liệu không hợp lệ.")
        out[key] = value
    out["echoes"] = echo.validate_echoes(body.get("echo"))
    out["relay"] = peers.validate_relay(body.get("relay"))
    relay_id = body.get("relay_id")
    if out["relay"] and (not isinstance(relay_id, str) or not 8 <= len(relay_id) <= 40):
        raise bad_request("bad_relay", "relayed ops need a relay_id", "Dữ liệu chuyển tiếp thiếu mã.")
    out["relay_id"] = relay_id
    packed = body.get("ops")
    ops: list[dict[str, Any]] = []
    if packed is not None:
        if not isinstance(packed, dict):
            raise bad_request("bad_batch", "ops must be a column table", "Gói dữ liệu không đúng dạng.")
        try:
            raw_ops = wire.unpack_ops(packed)
        except ValueError:
            raise bad_request("bad_batch", "ops column table is malformed", "Gói dữ liệu không đúng dạng.") from None
        ops = ingest.validate_ops(raw_ops)
    if (ops or out["echoes"]) and not out["batch"]:
        raise bad_request("bad_batch", "a batch needs its id", "Gói dữ liệu thiếu mã gói.")
    if len(ops) + len(out["echoes"]) > max_ops:
        raise too_many_ops(len(ops) + len(out["echoes"]), max_ops)  # a 413: the desk sends fewer
    out["ops"] = ops
    desk_time = body.get("t")
    out["desk_time"] = desk_time if isinstance(desk_time, str) else None
    versions = body.get("refdata")
    out["refdata"] = {str(k)[:40]: int(v) for k, v in versions.items()
                      if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31} \
        if isinstance(versions, dict) else None
    close = body.get("close")
    if close is not None and not isinstance(close, dict):
        raise bad_request("bad_day_close", "close must be an object", "Yêu cầu chốt sổ không đúng dạng.")
    out["close"] = close
    out["slip_key"] = lookup_keys.parse(body.get("slip_key"))
    peer_gen = body.get("peer_gen")  # the generation of the commune secret the desk holds
    out["peer_gen"] = peer_gen if isinstance(peer_gen, int) and not isinstance(peer_gen, bool) else None
    return out


def run(conn: Connection, device: Device, req: Mapping[str, Any], clock_offset: int | None) -> dict[str, Any]:
    reply: dict[str, Any] = {}
    values: dict[str, Any] = {"last_seen_at": stamp()}
    if req["desk_time"] is not None:
        values["clock_offset_s"] = clock_offset
        reply["clock_offset_s"] = clock_offset
    conn.execute(update(m.devices).where(m.devices.c.device_id == device.device_id).values(**values))
    if req["settle"]:
        stored = ingest.stored_reply(conn, device.device_id, req["settle"])
        if stored is not None:
            reply["settled"] = compact_push(stored)
    feed_ok = feed.cursor_valid(conn, req["cursor"])
    if not feed_ok:
        reply["feed_reset"] = True
    elif req["relay"]:
        # Other PCs' ops this PC received over the office network, before its own (district/peers.py).
        reply["relay"] = peers.relay(conn, device, req["relay_id"], req["relay"], clock_offset)
    if feed_ok and (req["ops"] or req["echoes"]):
        reply["push"] = compact_push(ingest.push(conn, device, req["batch"], req["ops"], req["echoes"]))
    feed.note_position(conn, device.device_id, req["cursor"] if feed_ok else "")
    page = feed.pull(conn, device.commune, req["cursor"] if feed_ok else "", req["limit"], device_id=device.device_id)
    pull: dict[str, Any] = {"cursor": page["cursor"]}
    if page["changes"]:
        pull.update(changes=page["changes"], checksum=page["checksum"])
    if page["has_more"]:
        pull["has_more"] = True
    if page["reset"] or not feed_ok:
        pull["reset"] = True
    reply["pull"] = pull
    if req["close"] is not None:
        reply["close"] = daybook.close_day(conn, device, req["close"])
    if req["refdata"] is not None:
        newer = _newer_refdata(conn, req["refdata"])
        if newer:
            reply["refdata"] = newer
    if req.get("slip_key"):
        # The office's slip key, for the lookup page to check the QR's tag (district/lookup/keys.py).
        reply["slip_key"] = lookup_keys.store(conn, device.commune, device.device_id, req["slip_key"])
    reply["acked"] = {str(e): s for e, s in ingest.epoch_state(conn, device.device_id).items()}
    # The commune's office-network secret: every answer says it when the desk holds another generation
    # (or does not say which), so the PCs still trusted pick up a revocation's new one at their next
    # exchange, and the 65 bytes are not spent on every answer (district/peers.py). A revoked PC never
    # gets this far (auth.verify_request).
    if req.get("peer_gen") != peers.generation(conn, device.commune):
        reply["peer"] = peers.commune_key(conn, device.commune)
    return reply


def compact_push(reply: Mapping[str, Any]) -> dict[str, Any]:
    """A stored or fresh push answer as it goes down: outcomes as seq ranges (desk/sync/wire.py)."""
    out: dict[str, Any] = {"batch": reply.get("batch_id"), **wire.pack_results(reply.get("results") or [])}
    if reply.get("echo_results"):
        out["echo"] = reply["echo_results"]
    return out


def _newer_refdata(conn: Connection, desk_versions: Mapping[str, int]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, version in refdata.versions(conn).items():
        if not version or version <= desk_versions.get(name, 0):
            continue
        data = refdata.fetch(conn, name, desk_versions.get(name, 0))
        if len(wire.dumps(data)) <= INLINE_REFDATA:
            out[name] = data
        else:
            out[name] = {"version": version}
    return out
