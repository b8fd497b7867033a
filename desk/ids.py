"""Identifiers: every record and every change gets a UUIDv7 made on the desk (docs/sync.md rule 2)."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    # UUIDv7 sorts by creation time, which keeps SQLite's B-tree inserts local.
    return str(uuid6.uuid7())
