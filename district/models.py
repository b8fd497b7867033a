"""The district database's tables (SQLAlchemy Core), as created by migration step 0001.

Identity is the desk's UUIDv7, never the human dossier code (docs/sync.md rule 2): `dossiers.code` is an
attribute and a clash of codes is kept as a conflict. `ops.op_id` is UNIQUE: the outcome of every op is
stored once and replayed for a duplicate (rule 3).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# BigInteger autoincrement ids on PostgreSQL, plain INTEGER PRIMARY KEY (rowid) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")

schema_steps = Table(
    "schema_steps", metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)

server_meta = Table(
    "server_meta", metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
)

enroll_codes = Table(
    "enroll_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("commune", String(35), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("device_id", String(36)),
)

devices = Table(
    "devices", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False, index=True),
    Column("public_key", String(64), nullable=False),
    Column("name", String(200), nullable=False, default=""),
    Column("enrolled_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("last_seen_at", String(32)),
    Column("clock_offset_s", Integer),
    # Times this PC was revoked (0015_peers_generation): their sum over a commune is the generation of the
    # commune's office-network secret (district/peers.py), which never goes back when a PC is re-admitted.
    Column("revocations", Integer, nullable=False, server_default="0"),
)

# Unused since requests are signed (0002_wire); kept so that 0001 stays what it was.
challenges = Table(
    "challenges", metadata,
    Column("nonce", String(64), primary_key=True),
    Column("device_id", String(36), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

# Made by migration step 0002_wire (kept out of 0001 by name, see district/db.py).
request_counters = Table(
    "request_counters", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("high", BigInteger, nullable=False),   # the highest request counter accepted
    Column("seen", BigInteger, nullable=False),   # bit i: counter high - i was accepted (auth.COUNTER_WINDOW)
)

device_epochs = Table(
    "device_epochs", metadata,
    Column("device_id", String(36), nullable=False),
    Column("epoch", Integer, nullable=False),
    Column("acked_through", BigInteger, nullable=False),
    PrimaryKeyConstraint("device_id", "epoch"),
)

ops = Table(
    "ops", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("op_id", String(36), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("epoch", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("prev_seq", BigInteger, nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("payload", Text, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("code", String(60)),
    Column("message_vi", Text),
    Column("batch_id", String(64)),
    UniqueConstraint("op_id", name="ops_op_id_unique"),
    UniqueConstraint("device_id", "seq", name="ops_device_seq_unique"),
    Index("ops_entity", "entity_id", "device_id", "seq"),
    Index("ops_device_day", "device_id", "created_at"),
)

push_batches = Table(
    "push_batches", metadata,
    Column("batch_id", String(64), primary_key=True),
    Column("device_id", String(36), nullable=False),
    Column("reply", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

dossiers = Table(
    "dossiers", metadata,
    Column("id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("code", String(80), nullable=False),
    Column("procedure_code", String(60), nullable=False),
    Column("procedure_name", Text, nullable=False),
    Column("applicant_name", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("due_at", String(32), nullable=False),
    Column("new_due_at", String(32)),
    Column("status", String(30), nullable=False),
    Column("status_at", String(32), nullable=False),
    Column("result_at", String(32)),
    Column("paused_at", String(32)),
    Column("returned_at", String(32)),
    Column("calendar_version", String(40), nullable=False),
    Column("catalog_version", Integer, nullable=False),
    Column("data", Text, nullable=False),        # the dossier as the desk sent it
    Column("documents", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
    # For the aggregated report (issue 13, district/report_data.py): copied from the dossier the desk sent.
    Column("field", Text, nullable=False, server_default=""),
    Column("channel", String(10), nullable=False, server_default="direct"),
    Column("satisfaction", String(20)),
    Index("dossiers_commune_code", "commune", "code"),
)

dossier_actions = Table(
    "dossier_actions", metadata,
    Column("id", String(36), primary_key=True),
    Column("dossier_id", String(36), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("from_status", String(30)),
    Column("to_status", String(30), nullable=False),
    Column("at", String(32), nullable=False),
    Column("by_officer", String(200), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("data", Text, nullable=False, default="{}"),
    Column("origin", String(20), nullable=False),
    Column("op_id", String(36)),
    Column("applied", Boolean, nullable=False, default=True),  # False: kept as the losing side of a conflict
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False, index=True),
    Column("dossier_id", String(36), nullable=False),
    Column("field", String(60), nullable=False),
    Column("desk_value", Text),
    Column("district_value", Text),
    Column("op_id", String(36)),
    Column("message_vi", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("resolved_at", String(32)),
)

change_log = Table(
    "change_log", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False, unique=True),
    Column("commune", String(35), nullable=False),
    Column("dossier_id", String(36), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("change_log_commune", "commune", "id"),
)

refdata = Table(
    "refdata", metadata,
    Column("name", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("published_at", String(32), nullable=False),
    PrimaryKeyConstraint("name", "version"),
)

day_closes = Table(
    "day_closes", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("device_id", String(36), nullable=False),
    Column("day", String(10), nullable=False),
    Column("matched", Boolean, nullable=False),
    Column("detail", Text, nullable=False),
    Column("at", String(32), nullable=False),
)


# --- fees and receipts (step 0009_fees_receipts_till) -------------------------------------------------
# A separate MetaData: step 0001 creates every table of `metadata`, so tables added later live apart
# and are created by their own step only.
fees_metadata = MetaData()

receipts = Table(
    "receipts", fees_metadata,
    Column("id", String(36), primary_key=True),          # the desk's UUIDv7
    Column("commune", String(35), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("symbol", String(20), nullable=False),         # ký hiệu biên lai
    Column("form_no", String(30), nullable=False),        # ký hiệu mẫu
    Column("number", BigInteger, nullable=False),
    Column("tax_code", String(14), nullable=False),
    Column("dossier_id", String(36)),
    Column("dossier_code", String(80), nullable=False, default=""),
    Column("procedure_code", String(60), nullable=False, default=""),
    Column("fee_code", String(40), nullable=False, default=""),
    Column("fee_name", Text, nullable=False),
    Column("amount", BigInteger, nullable=False),         # whole đồng
    Column("method", String(10), nullable=False),         # cash / transfer
    Column("issued_at", String(32), nullable=False),      # the desk's office time
    Column("issued_day", String(10), nullable=False),
    Column("desk_no", Integer, nullable=False),
    Column("void", Boolean, nullable=False, default=False),
    Column("status", String(10), nullable=False),         # issued / cancelled
    Column("cancelled_at", String(32)),
    Column("cancel_reason", Text, nullable=False, default=""),
    Column("till_close_id", String(36)),
    Column("data", Text, nullable=False),                 # the receipt as the desk sent it
    Column("op_id", String(36), nullable=False),
    Column("received_at", String(32), nullable=False),
    Index("receipts_commune_day", "commune", "issued_day"),
    Index("receipts_number", "commune", "symbol", "number"),
)

till_closes = Table(
    "till_closes", fees_metadata,
    Column("id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("officer_name", Text, nullable=False),
    Column("desk_no", Integer, nullable=False),
    Column("day", String(10), nullable=False),
    Column("closed_at", String(32), nullable=False),
    Column("issued_count", Integer, nullable=False),
    Column("cancelled_count", Integer, nullable=False),
    Column("total", BigInteger, nullable=False),
    Column("expected_cash", BigInteger, nullable=False),
    Column("counted_cash", BigInteger, nullable=False),
    Column("difference", BigInteger, nullable=False),
    Column("explanation", Text, nullable=False, default=""),
    Column("totals", Text, nullable=False),
    Column("server_total", BigInteger, nullable=False),   # the listed receipts as the district holds them
    Column("op_id", String(36), nullable=False),
    Column("received_at", String(32), nullable=False),
    Index("till_closes_commune_day", "commune", "day"),
)

fee_exemptions = Table(
    "fee_exemptions", fees_metadata,
    Column("id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("dossier_id", String(36)),
    Column("dossier_code", String(80), nullable=False, default=""),
    Column("procedure_code", String(60), nullable=False),
    Column("fee_code", String(40), nullable=False),
    Column("fee_name", Text, nullable=False),
    Column("exemption_code", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Column("amount_waived", BigInteger, nullable=False),
    Column("at", String(32), nullable=False),
    Column("day", String(10), nullable=False),
    Column("op_id", String(36), nullable=False),
    Index("fee_exemptions_commune_day", "commune", "day"),
)


# --- district staff's web pages (step 0013_staff_web, district/web/) -------------------------------------
staff_metadata = MetaData()

staff_users = Table(
    "staff_users", staff_metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("username", String(60), nullable=False, unique=True),  # stored folded to lower case
    Column("full_name", Text, nullable=False),
    Column("role", String(20), nullable=False),                  # officer / admin (district/web/accounts.py)
    Column("password_hash", Text, nullable=False),               # argon2id, with its own salt and parameters
    Column("failed_count", Integer, nullable=False, default=0),   # wrong passwords since the last good one
    Column("locked_until", String(32)),                           # UTC; set at the 5th wrong password in a row
    Column("created_at", String(32), nullable=False),
)

staff_sessions = Table(
    "staff_sessions", staff_metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 of the cookie: a copied table opens nothing
    Column("user_id", BigInteger, nullable=False, index=True),
    Column("csrf", String(64), nullable=False),           # must come back in every form the session posts
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

# Where each desk stood in its commune's change feed at its last exchange (the cursor it sent): the
# district's steps after it have not reached that PC yet.
feed_positions = Table(
    "feed_positions", staff_metadata,
    Column("device_id", String(36), primary_key=True),
    Column("through_id", BigInteger, nullable=False),
    Column("at", String(32), nullable=False),
)


# --- citizen reception and petitions (step 0014_petitions) --------------------------------------------
# No citizen ID number and no denouncer identity ever reach these tables (desk/petitions/service.py
# `_wire`, and district/petitions.py blanks a denunciation's name again whatever a desk sends).
petitions_metadata = MetaData()

petition_receptions = Table(
    "petition_receptions", petitions_metadata,
    Column("id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("ref", String(40), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("receiver_kind", String(10), nullable=False),
    Column("receiver_name", Text, nullable=False, default=""),
    Column("headcount", Integer, nullable=False),
    Column("is_group", Boolean, nullable=False),
    Column("content", Text, nullable=False),
    Column("outcome", Text, nullable=False, default=""),
    Column("op_id", String(36), nullable=False),
    Index("petition_receptions_commune_at", "commune", "received_at"),
)

petitions = Table(
    "petitions", petitions_metadata,
    Column("id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("ref", String(40), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("source", String(12), nullable=False),
    Column("source_body", Text, nullable=False, default=""),
    Column("reception_id", String(36)),
    Column("case_id", String(36), nullable=False),
    Column("persons", Integer, nullable=False),
    Column("petitioner_name", Text, nullable=False, default=""),  # empty for a denunciation
    Column("content", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("classify_due", String(32), nullable=False),
    Column("competent", Integer),
    Column("competent_body", Text, nullable=False, default=""),
    Column("accepted_at", String(32)),
    Column("handler", Text, nullable=False, default=""),
    Column("limit_days", Integer),
    Column("extension_days", Integer, nullable=False, default=0),
    Column("extensions", Integer, nullable=False, default=0),
    Column("due_at", String(32)),
    Column("status", String(14), nullable=False),
    Column("result", Text, nullable=False, default=""),
    Column("resolved_at", String(32)),
    Column("op_id", String(36), nullable=False),               # the last op applied to it
    Column("updated_at", String(32), nullable=False),
    Index("petitions_commune_received", "commune", "received_at"),
)


# Made by migration step 0015_peers (kept out of 0001 by name, see district/db.py): each enrolled PC's
# counter number within its commune, so two PCs never issue the same dossier codes (issue 15).
commune_desks = Table(
    "commune_desks", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False),
    Column("desk_no", Integer, nullable=False),
    Index("commune_desks_no", "commune", "desk_no"),
)
