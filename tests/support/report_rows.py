"""Dossier rows written straight into a real desk database for report tests and benches: the columns the
step path writes, with the times a scenario needs (the step guard is lifted for the loader only, as
bench/bench_core.py does)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from desk.store import Store, step_scope

_seq = itertools.count(1)

COLUMNS = ("id", "code", "procedure_code", "procedure_name", "field", "applicant_name", "applicant_name_fold",
           "channel", "received_at", "received_by", "desk_no", "due_at", "new_due_at", "status", "status_at",
           "paused_at", "result_at", "returned_at", "satisfaction", "register_no", "calendar_version",
           "catalog_version", "created_at", "updated_at")


def row(proc: Mapping[str, Any], **kw: Any) -> dict[str, Any]:
    n = next(_seq)
    received = kw.get("received_at", "2026-03-02T08:00:00")
    base: dict[str, Any] = {
        "id": str(uuid.uuid4()), "code": f"000.00.06.H56-260302-{n:06d}", "procedure_code": proc["code"],
        "procedure_name": proc["name"], "field": proc.get("field", ""), "applicant_name": "Nguyễn Văn A",
        "applicant_name_fold": "nguyen van a", "channel": "direct", "received_at": received,
        "received_by": "test", "desk_no": 1, "due_at": "2026-03-10T17:00:00", "new_due_at": None,
        "status": "in_processing", "status_at": received, "paused_at": None, "result_at": None,
        "returned_at": None, "satisfaction": None, "register_no": n, "calendar_version": "v",
        "catalog_version": 1, "created_at": received, "updated_at": received}
    base.update(kw)
    return base


def insert(store: Store, rows: Iterable[Mapping[str, Any]]) -> None:
    conn = store.conn()
    sql = f"INSERT INTO dossiers ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    with step_scope():
        conn.execute("BEGIN")
        conn.executemany(sql, ([r.get(c) for c in COLUMNS] for r in rows))
        conn.execute("COMMIT")
