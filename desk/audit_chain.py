"""The audit log as a hash chain: each entry carries the hash of the one before it.

`hash = sha256(prev_hash ‖ the entry's own fields)`. An entry edited by hand no longer matches its own
hash; a removed entry leaves the next one pointing at a hash nobody has; entries moved (ids swapped)
point at each other out of order. `verify` walks the chain and names the first entry of each kind of
break. The row id is not hashed: order is what the links say, so a reorder shows as a reorder.

Triggers (migration 0008) refuse UPDATE, refuse DELETE except inside `purge_scope()` (the retention
purge, which appends its own `audit_purged` entry naming where the remaining chain starts), and refuse
an INSERT without a hash. The chain proves the log was not edited outside the app; someone holding the
database key and this source could rewrite the whole chain — the day's backups (a copy of the chain
as it was) are the outside anchor for that.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
FIELDS = ("at", "actor", "action", "entity", "entity_id", "detail")
PURGED = "audit_purged"

_purge = threading.local()


@contextmanager
def purge_scope() -> Iterator[None]:
    """Inside: the retention purge may delete old audit entries on this thread (desk/privacy.py only)."""
    _purge.depth = getattr(_purge, "depth", 0) + 1
    try:
        yield
    finally:
        _purge.depth -= 1


def in_purge_scope() -> int:
    return 1 if getattr(_purge, "depth", 0) else 0


def entry_hash(prev_hash: str, values: dict[str, Any]) -> str:
    text = json.dumps([prev_hash, *[values.get(f) for f in FIELDS]], ensure_ascii=False,
                      separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def head(conn: Any) -> str:
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row is not None and row[0] else GENESIS


def append(conn: Any, **values: Any) -> str:
    """Add one entry after the current head (the caller holds the write transaction)."""
    prev = head(conn)
    digest = entry_hash(prev, values)
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*[values[f] for f in FIELDS], prev, digest),
    )
    return digest


def chain_existing(conn: Any) -> None:
    """Give every entry written before the chain existed its links (migration 0008)."""
    prev = GENESIS
    rows = conn.execute(f"SELECT id, {', '.join(FIELDS)} FROM audit_log ORDER BY id").fetchall()
    for r in rows:
        values = dict(zip(FIELDS, tuple(r)[1:], strict=True))
        digest = entry_hash(prev, values)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, r[0]))
        prev = digest


@dataclass
class Finding:
    kind: str  # altered / removed / reordered / unchained
    entry_id: int
    message_vi: str
    message_en: str


@dataclass
class Verdict:
    entries: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def verify(conn: Any) -> Verdict:
    rows = [tuple(r) for r in conn.execute(
        f"SELECT id, {', '.join(FIELDS)}, prev_hash, hash FROM audit_log ORDER BY id").fetchall()]
    verdict = Verdict(entries=len(rows))
    by_hash = {str(r[-1]): int(r[0]) for r in rows if r[-1]}
    anchors = set()
    for r in rows:
        if r[3] == PURGED:
            try:
                anchors.add(str(json.loads(r[6] or "{}").get("through_hash", "")))
            except ValueError:
                pass
    expected = GENESIS
    previous_id = 0
    for r in rows:
        entry_id, prev_hash, digest = int(r[0]), r[-2], r[-1]
        values = dict(zip(FIELDS, r[1:1 + len(FIELDS)], strict=True))
        if not digest or not prev_hash:
            verdict.findings.append(Finding(
                "unchained", entry_id, f"Dòng nhật ký #{entry_id} không có mã băm: được thêm ngoài phần mềm.",
                f"Entry #{entry_id} has no hash: added outside the app."))
        elif entry_hash(str(prev_hash), values) != digest:
            verdict.findings.append(Finding(
                "altered", entry_id, f"Dòng nhật ký #{entry_id} ({values['action']}, {values['at']}) đã bị sửa: "
                "nội dung không khớp mã băm của nó.",
                f"Entry #{entry_id} was altered: its content does not match its hash."))
        elif prev_hash != expected and not (previous_id == 0 and prev_hash in anchors):
            if prev_hash in by_hash and by_hash[prev_hash] != previous_id:
                before = by_hash[prev_hash]
                verdict.findings.append(Finding(
                    "reordered", entry_id, f"Thứ tự nhật ký bị đảo: dòng #{entry_id} vốn đứng sau dòng #{before}, "
                    f"nay đứng sau dòng #{previous_id}.",
                    f"Entries reordered: #{entry_id} belongs after #{before}, now follows #{previous_id}."))
            else:
                where = f"giữa dòng #{previous_id} và dòng #{entry_id}" if previous_id else f"trước dòng #{entry_id}"
                verdict.findings.append(Finding(
                    "removed", entry_id, f"Nhật ký bị xóa dòng {where}: chuỗi mã băm bị đứt.",
                    f"Entries removed before #{entry_id} (after #{previous_id}): the chain is broken."))
        expected = str(digest or "")
        previous_id = entry_id
    return verdict
