"""The one path every dossier step takes, whoever takes it.

A step on a dossier is always the same unit of work: the dossier row changes (its status and the
fields the step sets), one entry is appended to the lifecycle log `dossier_actions`, the audit log
records it, the search index follows the names, and — when the step was taken at this desk — an outbox
op carries it to the district. Only the origin differs:

- ``desk``: an officer at this PC (intake, the lifecycle actions, a settled conflict that keeps the
  desk's value). Audited and queued for the district.
- ``district``: a processing step pulled from the district's feed, or a conflict settled by taking the
  district's value. Audited, never queued (the district already holds it).
- ``recovery``: the desk's own earlier work fetched back from the server after a restore of this
  database (desk/sync/recovery.py). The caller puts the original outbox row back itself, with its
  original sequence number, so nothing is queued here.
- ``peer``: another PC of the same commune recorded it (through the district or the office network).

Nothing else in the code inserts into `dossier_actions`, inserts a dossier or changes its status:
temporary triggers on every connection (desk/store.py) refuse such a write outside `step_scope()`,
and `tests/desk/test_one_step_path.py` also checks the source.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from desk.clock import iso
from desk.ids import new_id
from desk.store import UnitOfWork, step_scope
from desk.text import fold

DESK = "desk"
DISTRICT = "district"
RECOVERY = "recovery"
PEER = "peer"
ORIGINS = frozenset({DESK, DISTRICT, RECOVERY, PEER})

# Columns of `dossiers` that only the step path sets; the search index follows the first two.
_INDEXED = ("applicant_name", "procedure_name")
# Bookkeeping columns that never travel in an op: the receiver sets its own.
_LOCAL_COLUMNS = ("applicant_name_fold", "created_at", "updated_at", "status_at")


def _check_origin(origin: str) -> None:
    if origin not in ORIGINS:
        raise ValueError(f"unknown step origin {origin!r}")


def open_dossier(
    uow: UnitOfWork,
    row: Mapping[str, Any],
    documents: Sequence[Mapping[str, Any]],
    *,
    officer_id: str,
    origin: str = DESK,
    data: Mapping[str, Any] | None = None,
    action: Mapping[str, Any] | None = None,
    audit_detail: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Insert a new dossier with its documents and its first log entry (`receive`).

    `row` holds every column of `dossiers` but the local bookkeeping ones; `documents` are rows of
    `dossier_documents` (position, name, counts; `catalog_position` when the paper comes from the
    catalogue). `action` is the log entry as recorded elsewhere (recovery, a peer): kept as it is.
    Returns the log entry.
    """
    _check_origin(origin)
    now = iso(uow.now)
    full = dict(row)
    full.update(applicant_name_fold=fold(str(full["applicant_name"])),
                status_at=full.get("status_at") or now, created_at=now, updated_at=now)
    cols = _columns(uow, "dossiers")
    with step_scope():
        uow.insert("dossiers", {k: v for k, v in full.items() if k in cols})
        for d in documents:
            uow.insert("dossier_documents", {
                "dossier_id": full["id"], "position": d["position"], "name": d["name"],
                "originals": d["originals"], "certified": d["certified"], "photocopies": d["photocopies"]})
        reindex(uow, str(full["id"]))
        if action is None:
            entry = _new_entry(uow, str(full["id"]), "receive", None, str(full["status"]), officer_id, "",
                               data or {}, origin if origin != RECOVERY else DESK)
        else:
            entry = dict(action)
        _insert_entry(uow, entry)
    detail = audit_detail if audit_detail is not None else {
        "code": full["code"], "procedure": full["procedure_code"], "status": full["status"]}
    if origin == DESK:
        uow.record("receive", "dossier", str(full["id"]), receive_payload(full, documents, entry),
                   audit_detail=detail)
    else:
        uow.audit(f"{origin}_receive", "dossier", str(full["id"]), detail)
    return entry


def receive_payload(row: Mapping[str, Any], documents: Sequence[Mapping[str, Any]],
                    action: Mapping[str, Any]) -> dict[str, Any]:
    """The `receive` op: the dossier's own columns, its documents and its first log entry."""
    return {
        "dossier": {k: v for k, v in row.items() if k not in _LOCAL_COLUMNS},
        # Catalogue documents travel as positions: the server has the same catalogue version.
        "documents": [
            [d["catalog_position"], d["originals"], d["certified"], d["photocopies"]]
            if d.get("catalog_position") is not None and d["catalog_position"] == d["position"]
            else [None, d["originals"], d["certified"], d["photocopies"], d["name"]]
            for d in documents
        ],
        "action": dict(action),
    }


def apply(
    uow: UnitOfWork,
    dossier: Mapping[str, Any],
    kind: str,
    to_status: str,
    *,
    officer_id: str,
    origin: str = DESK,
    changes: Mapping[str, Any] | None = None,
    note: str = "",
    data: Mapping[str, Any] | None = None,
    action: Mapping[str, Any] | None = None,
    action_id: str | None = None,
    audit_action: str | None = None,
    audit_detail: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Record one step on an existing dossier; returns the log entry.

    `changes` are the other columns the step sets (result time, new due date…). `action` is a log
    entry recorded elsewhere (recovery, a peer) to keep as it is; `action_id` keeps the id another
    side gave the step (the district's), so both sides name it alike. The status, its time and the
    row's `updated_at` are set here, so no caller can forget one of them.
    """
    _check_origin(origin)
    now = iso(uow.now)
    cols = _columns(uow, "dossiers")
    values = {k: v for k, v in (changes or {}).items() if k in cols}
    values["status"] = to_status
    if to_status != dossier["status"]:
        values["status_at"] = str(action.get("at")) if action is not None and action.get("at") else now
    values["updated_at"] = now
    if action is None:
        entry = _new_entry(uow, str(dossier["id"]), kind, dossier["status"], to_status, officer_id, note,
                           data or {}, origin if origin != RECOVERY else DESK)
        if action_id:
            entry["id"] = action_id
    else:
        entry = dict(action)
    with step_scope():
        uow.update("dossiers", {"id": dossier["id"]}, values)
        _insert_entry(uow, entry)
        if any(k in values for k in _INDEXED):
            reindex(uow, str(dossier["id"]))
    detail = audit_detail if audit_detail is not None else {
        "code": dossier.get("code"), "action": kind, "to": to_status}
    if origin == DESK:
        sent = {k: v for k, v in values.items() if k not in ("updated_at", "status_at")}
        uow.record(audit_action or "action", "dossier", str(dossier["id"]), {"action": entry, "changes": sent},
                   audit_detail=detail)
    else:
        uow.audit(audit_action or f"{origin}_{kind}", "dossier", str(dossier["id"]), detail)
    return entry


def log_past(
    uow: UnitOfWork,
    dossier: Mapping[str, Any],
    kind: str,
    from_status: str | None,
    to_status: str,
    *,
    officer_id: str,
    origin: str,
    note: str = "",
    data: Mapping[str, Any] | None = None,
    action_id: str | None = None,
    audit_detail: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Record a step another side took on a dossier this desk has already moved past (e.g. the
    district's hand-over, learnt after the desk's own later "result ready" came back from a restore).
    The log gets the step as it happened; the dossier keeps its status. Never queued."""
    _check_origin(origin)
    if origin == DESK:
        raise ValueError("a step taken here is applied, not logged after the fact")
    entry = _new_entry(uow, str(dossier["id"]), kind, from_status, to_status, officer_id, note, data or {}, origin)
    if action_id:
        entry["id"] = action_id
    with step_scope():
        _insert_entry(uow, entry)
    uow.audit(f"{origin}_{kind}", "dossier", str(dossier["id"]), audit_detail if audit_detail is not None else {
        "code": dossier.get("code"), "action": kind, "to": to_status, "logged_after": dossier["status"]})
    return entry


def reindex(uow: UnitOfWork, dossier_id: str) -> None:
    """Bring the dossier's full-text entry (folded applicant name and procedure) up to date."""
    row = uow.one("SELECT rowid, applicant_name_fold, procedure_name FROM dossiers WHERE id = ?", (dossier_id,))
    if row is None:
        return
    uow.execute("DELETE FROM dossiers_fts WHERE rowid = ?", (row["rowid"],))
    uow.execute("INSERT INTO dossiers_fts (rowid, name_fold, procedure_fold) VALUES (?, ?, ?)",
                (row["rowid"], row["applicant_name_fold"], fold(row["procedure_name"])))


def _new_entry(uow: UnitOfWork, dossier_id: str, kind: str, from_status: str | None, to_status: str,
               officer_id: str, note: str, data: Mapping[str, Any], origin: str) -> dict[str, Any]:
    return {
        "id": new_id(), "dossier_id": dossier_id, "kind": kind, "from_status": from_status,
        "to_status": to_status, "at": iso(uow.now), "by_officer": officer_id, "note": note,
        "data": json.dumps(dict(data), ensure_ascii=False, sort_keys=True), "origin": origin,
    }


def _insert_entry(uow: UnitOfWork, entry: Mapping[str, Any]) -> None:
    cols = _columns(uow, "dossier_actions")
    uow.insert("dossier_actions", {k: v for k, v in entry.items() if k in cols})


def _columns(uow: UnitOfWork, table: str) -> frozenset[str]:
    # A record fetched back from the server or a peer may carry keys a newer build added: keep the
    # columns this build knows. Asked once per unit of work and table: a page of another PC's ops opens
    # hundreds of dossiers in one transaction (issue 15), and the schema does not change inside it.
    cache: dict[str, frozenset[str]] = uow.__dict__.setdefault("_step_columns", {})
    if table not in cache:
        cache[table] = frozenset(str(r["name"]) for r in uow.all(f"PRAGMA table_info({table})"))
    return cache[table]


def has_entry(uow: UnitOfWork, action_id: object) -> bool:
    return uow.one("SELECT 1 FROM dossier_actions WHERE id = ?", (action_id,)) is not None
