"""Read-only queries the desk window shows (kept here so no SQL lives in `ui`)."""

from __future__ import annotations

from typing import Any

from desk.catalog import Catalog
from desk.store import Store

_PROCEDURE_COLUMNS = "code, name, time_limit_days, time_limit, verify_limit, limit_source, same_day_cutoff, fee_text"


def has_dossiers(store: Store) -> bool:
    return bool(store.scalar("SELECT 1 FROM dossiers LIMIT 1"))


def citizen_dossier_count(store: Store, citizen_id: str) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM dossiers WHERE citizen_id = ?", (citizen_id,)) or 0)


def calendar_overrides(store: Store) -> list[dict[str, Any]]:
    """The days the office itself declared off or worked, oldest first."""
    return store.query("SELECT day, kind, note FROM calendar_overrides ORDER BY day")


def catalogue_rows(store: Store, catalog: Catalog, text: str = "", *, limit: int = 200) -> list[dict[str, Any]]:
    """Procedures with their editable values: matching `text` (as the intake search), or all, most used first."""
    if text.strip():
        rows = []
        for hit in catalog.search(text, limit=limit):
            row = store.query_one(f"SELECT {_PROCEDURE_COLUMNS} FROM procedures WHERE code = ?", (hit["code"],))
            if row is not None:
                rows.append(row)
        return rows
    return store.query(f"SELECT {_PROCEDURE_COLUMNS} FROM procedures WHERE active = 1 "
                       "ORDER BY use_count DESC, name_fold LIMIT ?", (limit * 10,))


def latest_print(store: Store, dossier_id: str, kind: str) -> dict[str, Any] | None:
    """The latest archived print of a form for a dossier (its version and the date it carried), for
    the window to say which issue a reprint gives; None when none was printed on this desk."""
    return store.query_one(
        "SELECT kind, version, due_at, printed_at, paper FROM printed_forms WHERE dossier_id = ? AND kind = ? "
        "ORDER BY printed_at DESC, rowid DESC LIMIT 1", (dossier_id, kind))
