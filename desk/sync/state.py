"""The desk's sync bookkeeping in its own database (tables from migration 0002_sync)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from desk.clock import iso
from desk.ids import new_id
from desk.store import Store, UnitOfWork


def get(store: Store, name: str, default: str = "") -> str:
    value = store.scalar("SELECT value FROM sync_state WHERE name = ?", (name,))
    return default if value is None else str(value)


def put(uow: UnitOfWork, name: str, value: object) -> None:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    uow.execute("INSERT INTO sync_state (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, text))


def put_many(store: Store, values: dict[str, object], *, actor: str = "sync") -> None:
    with store.write(actor) as uow:
        for name, value in values.items():
            put(uow, name, value)


def identity(store: Store) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM sync_identity WHERE id = 1")


def store_conflict(uow: UnitOfWork, dossier_id: str, res: Mapping[str, Any], source: str, *,
                   op_id: str | None = None, change_id: str | None = None) -> None:
    """Keep both values of a clash with the district for a person to settle (docs/sync.md rule 7)."""
    uow.insert("sync_conflicts", {
        "id": new_id(), "dossier_id": dossier_id, "field": str(res.get("field") or "status"),
        "desk_value": res.get("desk_value"), "district_value": res.get("district_value"), "source": source,
        "op_id": op_id, "change_id": change_id, "message_vi": str(res.get("message_vi") or ""),
        "created_at": iso(uow.now)})
