"""The commune secret's generation (issue 15, district/peers.py): derived from the revocations of the
commune's PCs, so it moves on with each revocation, never goes back when a PC is re-admitted, leaves other
communes alone, and is the same on any copy of the database with the same revocations. On SQLite and
PostgreSQL, including a database migrated from before the generation existed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, insert, text

from district import auth, db, peers
from district import models as m
from district.db import make_engine, meta, migrate, stamp
from tests.support import pg

A, B = "000.00.06.H56", "000.00.07.H56"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgres":
        with pg.fresh_database() as u:
            yield u
    else:
        yield f"sqlite:///{tmp_path / 'district.db'}"


def _key() -> str:
    return base64.b64encode(Ed25519PrivateKey.generate().public_key().public_bytes_raw()).decode()


def _enrol(engine: Engine, commune: str, device_id: str | None = None, *, again: bool = False) -> str:
    device_id = device_id or str(uuid.uuid4())
    with engine.begin() as conn:
        code = auth.make_enroll_code(conn, commune, device_id=device_id if again else None)
        auth.enroll(conn, code, device_id, _key(), "PC")
    return device_id


def _state(engine: Engine, commune: str) -> tuple[int, str]:
    with engine.begin() as conn:
        key = peers.commune_key(conn, commune)
    return key["generation"], key["secret"]


def test_each_revocation_gives_the_commune_a_new_secret_that_a_readmission_does_not_take_back(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
        one, two = _enrol(engine, A), _enrol(engine, A)
        _enrol(engine, B)
        gen0, secret0 = _state(engine, A)
        with engine.begin() as conn:
            token = bytes.fromhex(meta(conn, "token_secret"))
        # Generation 0 is the secret PCs enrolled before generations existed hold.
        assert gen0 == 0 and secret0 == hmac.new(token, f"commune-peer-secret-v1:{A}".encode(),
                                                 hashlib.sha256).hexdigest()
        other = _state(engine, B)
        with engine.begin() as conn:
            assert auth.revoke(conn, one) and not auth.revoke(conn, one)  # a second revoke changes nothing
        gen1, secret1 = _state(engine, A)
        assert gen1 == 1 and secret1 != secret0 and _state(engine, B) == other
        _enrol(engine, A, one, again=True)  # the stolen PC was found and re-admitted with a code of its own
        assert _state(engine, A) == (gen1, secret1)
        with engine.begin() as conn:
            assert auth.revoke(conn, two)
        gen2, secret2 = _state(engine, A)
        assert gen2 == 2 and secret2 not in (secret0, secret1)
        with engine.begin() as conn:  # derived, not stored: the same inputs give the same secret
            assert peers.commune_secret(conn, A, 1) == secret1 and peers.commune_secret(conn, A) == secret2
    finally:
        engine.dispose()


def test_a_database_from_before_generations_counts_the_pcs_already_revoked(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(url)
    try:
        earlier = [s for s in db.STEPS if s[0] != "0015_peers_generation"]
        monkeypatch.setattr(db, "STEPS", earlier)
        migrate(engine)
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE devices DROP COLUMN revocations"))  # as the older build made it
            for revoked in (None, stamp(), None):
                conn.execute(text("INSERT INTO devices (device_id, commune, public_key, name, enrolled_at, revoked_at) "
                                  "VALUES (:d, :c, :k, 'PC', :e, :r)"),
                             {"d": str(uuid.uuid4()), "c": A, "k": _key(), "e": stamp(), "r": revoked})
        monkeypatch.undo()
        assert migrate(engine) == ["0015_peers_generation"]
        assert _state(engine, A)[0] == 1 and _state(engine, B)[0] == 0
        with engine.begin() as conn:  # a PC enrolled afterwards starts with no revocation of its own
            conn.execute(insert(m.devices).values(device_id=str(uuid.uuid4()), commune=A, public_key=_key(),
                                                  name="PC", enrolled_at=stamp()))
        assert _state(engine, A)[0] == 1
    finally:
        engine.dispose()
