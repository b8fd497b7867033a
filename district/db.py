"""The district database: engine set-up for SQLite and PostgreSQL, and the named migration steps.

Alembic is not installed here, and the schema is small, so the migrations are our own: an ordered list
of named steps recorded in `schema_steps`. A step is never edited after it ships; a new need is a new
step at the end. A database holding a step name this build does not know was written by a newer build
and is refused, like the desk's own store.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select, update
from sqlalchemy.engine import make_url

from district import models as m


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def stamp(moment: datetime | None = None) -> str:
    return (moment or utcnow()).isoformat(timespec="seconds")


def normalise_url(url: str) -> str:
    """Accept the URLs people type (postgresql://, sqlite:///path) and pick the installed drivers."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


DB_TRANSACTIONS = 8


def make_engine(url: str) -> Engine:
    """`hide_parameters`: an error's text (which the server logs) never carries a statement's values,
    which are citizens' names and numbers. Statements are never echoed."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # Let SQLAlchemy issue BEGIN itself (below) instead of pysqlite's implicit transactions.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # type: ignore[no-untyped-def]
            # IMMEDIATE: take the write lock up front, so two pushes queue instead of failing with
            # "database is locked" when a read transaction tries to become a write one.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # One connection per transaction the app runs at once (app.Limits.max_transactions), a few more
    # for the command line sharing the engine; connections are kept, not reopened per request.
    return create_engine(url, pool_size=DB_TRANSACTIONS, max_overflow=4, pool_pre_ping=True, hide_parameters=True)


def is_postgres(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


class SchemaTooNew(RuntimeError):
    pass


LATER_TABLES = {"request_counters", "commune_desks"}  # created by their own step, not by 0001


def _step_0001_initial(conn: Connection) -> None:
    m.metadata.create_all(conn, tables=[t for t in m.metadata.sorted_tables
                                        if t.name != "schema_steps" and t.name not in LATER_TABLES])
    conn.execute(insert(m.server_meta), [
        {"key": "server_id", "value": secrets.token_hex(16)},
        {"key": "token_secret", "value": secrets.token_hex(32)},
        {"key": "admin_key", "value": secrets.token_urlsafe(24)},
    ])


def _step_0002_wire(conn: Connection) -> None:
    """Signed requests (issue 16): each device's request counters; tokens and challenges are gone."""
    m.request_counters.create(conn)
    conn.execute(delete(m.challenges))


def _step_0009_fees_receipts_till(conn: Connection) -> None:
    """Receipts, their cancellations, till closes and fee exemptions from the desks (issue 19)."""
    m.fees_metadata.create_all(conn)


def _step_0013_report_columns(conn: Connection) -> None:
    """The aggregated report (issue 13): each dossier's field, channel and rating as columns, filled from
    the dossier the desk sent (a database created by this build already has the columns), and a covering
    index led by result_at, which the report reads in two ranges (district/report_data.py)."""
    from sqlalchemy import inspect, text

    have = {c["name"] for c in inspect(conn).get_columns("dossiers")}
    pg = is_postgres(conn)
    for name, ddl in (("field", "TEXT NOT NULL DEFAULT ''"), ("channel", "VARCHAR(10) NOT NULL DEFAULT 'direct'"),
                      ("satisfaction", "VARCHAR(20)")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE dossiers ADD COLUMN {name} {ddl}"))
    get = "(data::jsonb ->> '{0}')" if pg else "json_extract(data, '$.{0}')"
    conn.execute(text(
        f"UPDATE dossiers SET field = COALESCE({get.format('field')}, ''), "
        f"channel = CASE WHEN {get.format('channel')} IN ('online', 'post') THEN {get.format('channel')} ELSE 'direct' END, "
        f"satisfaction = CASE WHEN {get.format('satisfaction')} IN ('very_satisfied', 'satisfied', 'dissatisfied') "
        f"THEN {get.format('satisfaction')} END"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS dossiers_report ON dossiers (result_at, received_at, status, "
                      "due_at, status_at, paused_at, channel, procedure_code, field, commune)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS dossiers_procedure ON dossiers (procedure_code)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS dossiers_returned ON dossiers (returned_at, satisfaction, status, "
                      "commune)"))


def _step_0013_staff_web(conn: Connection) -> None:
    """District staff accounts and sessions for the web pages, and each desk's place in the feed (issue 13)."""
    m.staff_metadata.create_all(conn)


def _step_0013_lookup_keys(conn: Connection) -> None:
    """The citizen's lookup page (issue 13.3): the communes' slip keys, sealed (district/lookup/keys.py), and
    the key-encryption key used when the server is given no secret file."""
    from district.lookup.models import metadata as lookup_metadata

    lookup_metadata.create_all(conn)
    conn.execute(insert(m.server_meta).values(key="lookup_kek", value=secrets.token_hex(32)))


def _step_0014_petitions(conn: Connection) -> None:
    """Citizen receptions and petitions from the desks, without any identity number (issue 14)."""
    m.petitions_metadata.create_all(conn)


def _step_0015_peers(conn: Connection) -> None:
    """Several PCs of one commune (issue 15): each PC's counter number, unique within its commune."""
    m.commune_desks.create(conn)


def _step_0015_peers_generation(conn: Connection) -> None:
    """The commune secret's generation (issue 15): each device counts its revocations, so revoking a PC
    gives its commune a new office-network secret (district/peers.py). A database created by this build
    already has the column."""
    from sqlalchemy import inspect, text

    if "revocations" not in {c["name"] for c in inspect(conn).get_columns("devices")}:
        conn.execute(text("ALTER TABLE devices ADD COLUMN revocations INTEGER NOT NULL DEFAULT 0"))
    # PCs revoked before this step count once each: their commune's secret changes now, as it would have.
    conn.execute(text("UPDATE devices SET revocations = 1 WHERE revoked_at IS NOT NULL AND revocations = 0"))
# The result's class as desk.timing.result_class_sql() wrote it when this step shipped (a test keeps the two
# equal: a new rule needs a new step, or the report would quietly compute the class again for every row).
REPORT_CLASS_SQL = ("(CASE WHEN substr(result_at, 1, 16) > substr(due_at, 1, 16) THEN 'late' "
                    "WHEN substr(result_at, 1, 10) < substr(due_at, 1, 10) THEN 'early' ELSE 'on_time' END)")
REPORT_INDEX = ("CREATE INDEX dossiers_report ON dossiers (result_at, received_at, status, due_at, status_at, "
                f"paused_at, channel, procedure_code, field, commune, {REPORT_CLASS_SQL})")


def _step_0016_report_class(conn: Connection) -> None:
    """The report's covering index also holds each dossier's result class (early / on time / late), so a year's
    report reads the class of a million resolved dossiers instead of computing it (docs/performance.md)."""
    from sqlalchemy import text

    conn.execute(text("DROP INDEX IF EXISTS dossiers_report"))
    conn.execute(text(REPORT_INDEX))


STEPS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _step_0001_initial),
    ("0002_wire", _step_0002_wire),
    ("0009_fees_receipts_till", _step_0009_fees_receipts_till),
    # Applied in this order, recorded by name; a database lists its steps sorted by name, so steps of one
    # number keep that order here too.
    ("0013_lookup_keys", _step_0013_lookup_keys),
    ("0013_report_columns", _step_0013_report_columns),
    ("0013_staff_web", _step_0013_staff_web),
    ("0014_petitions", _step_0014_petitions),
    ("0015_peers", _step_0015_peers),
    ("0015_peers_generation", _step_0015_peers_generation),
    ("0016_report_class", _step_0016_report_class),
]


def migrate(engine: Engine) -> list[str]:
    """Apply the pending steps, each in its own transaction; return the names applied."""
    with engine.begin() as conn:
        m.schema_steps.create(conn, checkfirst=True)
        done = {r[0] for r in conn.execute(select(m.schema_steps.c.name))}
    known = {name for name, _ in STEPS}
    unknown = sorted(done - known)
    if unknown:
        raise SchemaTooNew(f"database has steps this build does not know: {', '.join(unknown)}")
    applied = []
    for name, step in STEPS:
        if name in done:
            continue
        with engine.begin() as conn:
            if is_postgres(conn):
                # Two server processes starting together must not run the same step twice.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7130001)")
                if conn.execute(select(m.schema_steps.c.name).where(m.schema_steps.c.name == name)).first():
                    continue
            step(conn)
            conn.execute(insert(m.schema_steps).values(name=name, applied_at=stamp()))
        applied.append(name)
    return applied


def meta(conn: Connection, key: str) -> str:
    value = conn.execute(select(m.server_meta.c.value).where(m.server_meta.c.key == key)).scalar()
    if value is None:
        raise KeyError(key)
    return str(value)


def set_meta(conn: Connection, key: str, value: str) -> None:
    if conn.execute(update(m.server_meta).where(m.server_meta.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(m.server_meta).values(key=key, value=value))
