"""The real `district serve` process, once per module and backend (SQLite file, fresh PostgreSQL db)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support import pg
from tests.support.server import ServerProcess

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp(f"district-{request.param}")
    if request.param == "postgres":
        with pg.fresh_database() as url, ServerProcess(url, workdir) as srv:
            yield srv
    else:
        with ServerProcess(f"sqlite:///{workdir / 'district.db'}", workdir) as srv:
            yield srv

