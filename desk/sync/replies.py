"""Reading the district's replies: every field checked for its shape before the desk acts on it.

A reply that lacks a field or has one of the wrong type is the server's problem (another version, a
proxy in the way), not the desk's: it becomes a retryable `SyncError("bad_reply")` naming what was
wrong. Everything after this point trusts its input, so a bug in the desk's own code surfaces as what it
is — an exception with a traceback in the log — and is never passed off as a bad reply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desk.sync import wire
from desk.sync.reports import SyncError


class BadReply(SyncError):
    def __init__(self, what: str) -> None:
        super().__init__("bad_reply", f"Máy chủ cấp trên trả lời không đúng dạng ({what}); máy sẽ thử lại sau.")
        self.what = what


def text(reply: Mapping[str, Any], key: str) -> str:
    value = reply.get(key)
    if not isinstance(value, str) or not value:
        raise BadReply(f"thiếu «{key}»")
    return value


def integer(reply: Mapping[str, Any], key: str, default: int | None = None) -> int:
    value = reply.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadReply(f"«{key}» không phải số")
    return value


def mapping(reply: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = reply.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadReply(f"«{key}» không đúng dạng")
    return value


def items(reply: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = reply.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadReply(f"«{key}» không đúng dạng")
    return value


def strings(reply: Mapping[str, Any], key: str) -> list[str]:
    value = reply.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadReply(f"«{key}» không đúng dạng")
    return value


def _int_map(value: Mapping[str, Any], what: str) -> dict[int, int]:
    try:
        return {int(k): int(v) for k, v in value.items()}
    except (TypeError, ValueError):
        raise BadReply(what) from None


@dataclass
class Exchange:
    """One `POST /exchange` answer: each part present only when the request asked for it."""

    acked: dict[int, int]
    clock_offset_s: int | None
    settled: dict[str, Any] | None      # the stored answer of the batch the request asked about
    push: dict[str, Any] | None          # the answer for this request's batch (None: not looked at)
    pull: dict[str, Any] | None
    refdata: dict[str, dict[str, Any]]   # newer versions: {"version", and the data when it fits}
    close: DayReply | None
    raw: dict[str, Any] = field(default_factory=dict)


def exchange(reply: Mapping[str, Any]) -> Exchange:
    offset = reply.get("clock_offset_s")
    refdata = mapping(reply, "refdata")
    for _name, part in refdata.items():
        if not isinstance(part, dict):
            raise BadReply("«refdata» không đúng dạng")
        integer(part, "version")
    close = reply.get("close")
    if close is not None and not isinstance(close, dict):
        raise BadReply("«close» không đúng dạng")
    settled = reply.get("settled")
    push = reply.get("push")
    pull = reply.get("pull")
    for key, value in (("settled", settled), ("push", push), ("pull", pull)):
        if value is not None and not isinstance(value, dict):
            raise BadReply(f"«{key}» không đúng dạng")
    return Exchange(
        acked=_int_map(mapping(reply, "acked"), "«acked» không đúng dạng"),
        clock_offset_s=offset if isinstance(offset, int) and not isinstance(offset, bool) else None,
        settled=settled, push=push, pull=pull, refdata=refdata,
        close=day_reply(close) if close is not None else None, raw=dict(reply))


@dataclass
class OpResult:
    seq: int
    outcome: str
    original: str | None
    code: str | None
    message_vi: str | None
    raw: dict[str, Any]


@dataclass
class PushReply:
    batch_id: str | None
    results: list[OpResult]
    echo_results: list[dict[str, Any]]
    acked: Any


def push_reply(reply: Mapping[str, Any]) -> PushReply:
    """A batch's answer, as the exchange packs it (`ok`/`dup` seq ranges and `res`, desk/sync/wire.py)."""
    try:
        expanded = wire.unpack_results(reply)
    except ValueError:
        raise BadReply("kết quả không đúng dạng") from None
    results = []
    for res in expanded:
        outcome = res.get("outcome")
        if not isinstance(outcome, str):
            raise BadReply("kết quả thiếu «outcome»")
        original, code, message = res.get("original"), res.get("code"), res.get("message_vi")
        results.append(OpResult(
            seq=integer(res, "seq"), outcome=outcome, original=original if isinstance(original, str) else None,
            code=code if isinstance(code, str) else None, message_vi=message if isinstance(message, str) else None,
            raw=res))
    for e in items(reply, "echo"):
        text(e, "change_id")
    batch_id = reply.get("batch")
    return PushReply(batch_id=batch_id if isinstance(batch_id, str) else None, results=results,
                     echo_results=items(reply, "echo"), acked=reply.get("acked"))


@dataclass
class PullPage:
    changes: list[dict[str, Any]]
    cursor: str
    has_more: bool
    reset: bool
    checksum: Any


def pull_page(reply: Mapping[str, Any]) -> PullPage:
    changes = items(reply, "changes")
    for change in changes:
        text(change, "change_id")
        text(change, "dossier_id")
        op = change.get("op")
        if op is not None:
            # Another PC's op of this commune (issue 15): checked where it is applied (desk/sync/peerops.py).
            if not isinstance(op, dict):
                raise BadReply("thay đổi của máy khác không đúng dạng")
            for key in ("device_id", "op_id", "entity", "entity_id", "kind", "payload"):
                text(op, key)
            continue
        action = change.get("action")
        if not isinstance(action, dict):
            raise BadReply("thay đổi thiếu «action»")
        text(action, "kind")
        text(action, "to_status")
        if change.get("changes") is not None and not isinstance(change["changes"], dict):
            raise BadReply("«changes» không đúng dạng")
    cursor = reply.get("cursor")
    return PullPage(changes=changes, cursor=cursor if isinstance(cursor, str) else "",
                    has_more=bool(reply.get("has_more")), reset=bool(reply.get("reset")),
                    checksum=reply.get("checksum"))


@dataclass
class DayReply:
    matched: bool
    missing: list[str]
    server_counts: dict[str, Any]


def day_reply(reply: Mapping[str, Any]) -> DayReply:
    return DayReply(matched=bool(reply.get("matched")), missing=strings(reply, "missing"),
                    server_counts=mapping(reply, "server_counts"))
