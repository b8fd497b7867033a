"""The real `district serve` process, once per module and backend (SQLite file, fresh PostgreSQL db)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from district.db import make_engine, migrate
from tests.support import pg
from tests.support.server import ServerProcess

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated district database without a server process: a SQLite file, or a fresh PostgreSQL db."""
    if request.param == "postgres":
        with pg.fresh_database() as url:
            eng = make_engine(url)
            migrate(eng)
            yield eng
            eng.dispose()
    else:
        eng = make_engine(f"sqlite:///{tmp_path / 'district.db'}")
        migrate(eng)
        yield eng
        eng.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp(f"district-{request.param}")
    if request.param == "postgres":
        with pg.fresh_database() as url, ServerProcess(url, workdir) as srv:
            yield srv
    else:
        with ServerProcess(f"sqlite:///{workdir / 'district.db'}", workdir) as srv:
            yield srv

