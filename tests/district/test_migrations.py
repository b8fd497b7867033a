"""The district's own named migration steps: applied once, and a newer database is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, inspect

from district import models as m
from district.db import STEPS, SchemaTooNew, make_engine, migrate, stamp


def test_steps_apply_once_and_a_newer_database_is_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'district.db'}")
    assert migrate(engine) == [name for name, _ in STEPS]
    assert migrate(engine) == []
    tables = set(inspect(engine).get_table_names())
    assert {"ops", "dossiers", "change_log", "devices", "refdata", "day_closes", "request_counters"} <= tables
    assert {"receipts", "till_closes", "fee_exemptions"} <= tables
    with engine.begin() as conn:
        conn.execute(insert(m.schema_steps).values(name="0099_from_the_future", applied_at=stamp()))
    with pytest.raises(SchemaTooNew):
        migrate(engine)
    engine.dispose()
