"""Named schema steps for the desk database (sqlite-utils `Migrations`).

Rules: a step is never edited or deleted after it ships; a new need is a new step appended at the end.
The build knows its own step names, so a database holding a name this build does not know was written
by a newer build and is refused (see desk.store).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("desk")


@MIGRATIONS(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE office (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,              -- e.g. 'UBND phường Hòa Bình'
            agency_code TEXT NOT NULL,       -- electronic identifier, at most 35 chars
            province TEXT NOT NULL DEFAULT '',
            upstream_name TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            place_name TEXT NOT NULL DEFAULT '',  -- '<place>, ngày … tháng … năm …'
            phone TEXT NOT NULL DEFAULT '',
            office_hours TEXT NOT NULL DEFAULT '07:00-11:30,13:30-17:00',
            lookup_url_base TEXT NOT NULL DEFAULT '',
            form_numbering TEXT NOT NULL DEFAULT '2025',
            hmac_key TEXT NOT NULL,
            register_book TEXT NOT NULL DEFAULT '01',
            updated_at TEXT NOT NULL
        );

        CREATE TABLE device (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            device_id TEXT NOT NULL,
            desk_no INTEGER NOT NULL DEFAULT 1 CHECK (desk_no BETWEEN 1 AND 99),
            desk_name TEXT NOT NULL DEFAULT '',
            epoch INTEGER NOT NULL DEFAULT 1,
            next_seq INTEGER NOT NULL DEFAULT 1,      -- next device sequence number to issue
            epoch_last_seq INTEGER NOT NULL DEFAULT 0, -- last seq issued in this epoch (0: none yet)
            created_at TEXT NOT NULL
        );

        CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE officers (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT 'officer' CHECK (role IN ('admin', 'officer')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );

        CREATE TABLE catalog_versions (
            version INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '{}'
        );

        CREATE TABLE procedures (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_fold TEXT NOT NULL,
            field TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT '',
            result_document TEXT NOT NULL DEFAULT '',
            time_limit_text TEXT NOT NULL DEFAULT '',
            time_limit_days INTEGER,           -- NULL: not confirmed; the officer confirms each due date
            same_day_cutoff TEXT,
            fee_text TEXT NOT NULL DEFAULT '',
            result_by TEXT NOT NULL DEFAULT 'commune',
            confirmed INTEGER NOT NULL DEFAULT 0,
            unconfirmed_fields TEXT NOT NULL DEFAULT '[]',
            local_fields TEXT NOT NULL DEFAULT '[]',  -- fields the office edited; imports keep them
            source TEXT NOT NULL DEFAULT '',
            catalog_version INTEGER NOT NULL DEFAULT 1,
            use_count INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX procedures_use ON procedures(use_count DESC);

        CREATE TABLE procedure_documents (
            procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            copies INTEGER NOT NULL DEFAULT 1,
            copies_text TEXT NOT NULL DEFAULT '',
            submission TEXT NOT NULL DEFAULT 'nộp',
            PRIMARY KEY (procedure_code, position)
        );

        CREATE VIRTUAL TABLE procedures_fts USING fts5(
            code, name_fold, field_fold, tokenize='unicode61 remove_diacritics 2'
        );

        CREATE TABLE citizens (
            id TEXT PRIMARY KEY,
            id_number TEXT UNIQUE,           -- 12-digit personal number when known
            old_id_number TEXT NOT NULL DEFAULT '',
            full_name TEXT NOT NULL,
            name_fold TEXT NOT NULL,
            dob TEXT NOT NULL DEFAULT '',    -- YYYY-MM-DD
            gender TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            id_issued_on TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX citizens_phone ON citizens(phone);

        CREATE TABLE code_counters (
            day TEXT PRIMARY KEY,            -- yymmdd
            last INTEGER NOT NULL
        );

        CREATE TABLE dossiers (
            id TEXT PRIMARY KEY,             -- UUIDv7 made on this desk; the code is only an attribute
            code TEXT NOT NULL UNIQUE,
            code_tail_rev TEXT NOT NULL DEFAULT '',  -- the daily number reversed: citizens quote a code's tail
            procedure_code TEXT NOT NULL REFERENCES procedures(code),
            procedure_name TEXT NOT NULL,
            field TEXT NOT NULL DEFAULT '',
            citizen_id TEXT REFERENCES citizens(id),
            applicant_name TEXT NOT NULL,
            applicant_name_fold TEXT NOT NULL,
            applicant_id_number TEXT NOT NULL DEFAULT '',
            applicant_dob TEXT NOT NULL DEFAULT '',
            applicant_gender TEXT NOT NULL DEFAULT '',
            applicant_address TEXT NOT NULL DEFAULT '',
            applicant_phone TEXT NOT NULL DEFAULT '',
            applicant_email TEXT NOT NULL DEFAULT '',
            applicant_type TEXT NOT NULL DEFAULT 'citizen'
                CHECK (applicant_type IN ('citizen', 'business', 'agency', 'organisation')),
            submitter_name TEXT NOT NULL DEFAULT '',       -- who came on the applicant's behalf
            submitter_id_number TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL DEFAULT 'direct' CHECK (channel IN ('direct', 'online', 'post')),
            received_at TEXT NOT NULL,       -- local office time, YYYY-MM-DDTHH:MM:SS
            received_by TEXT NOT NULL,
            desk_no INTEGER NOT NULL,
            sets_count INTEGER NOT NULL DEFAULT 1,
            time_limit_days INTEGER,
            due_at TEXT NOT NULL,
            due_confirmed INTEGER NOT NULL DEFAULT 0,      -- officer confirmed a due date for an unconfirmed limit
            new_due_at TEXT,                 -- set once, with the apology form
            return_place TEXT NOT NULL DEFAULT 'desk' CHECK (return_place IN ('desk', 'post')),
            status TEXT NOT NULL,
            status_at TEXT NOT NULL,
            paused_at TEXT,                  -- clock paused by a supplement request
            result_at TEXT,
            returned_at TEXT,
            collected_by TEXT NOT NULL DEFAULT '',
            originals_returned TEXT NOT NULL DEFAULT '',
            satisfaction TEXT CHECK (satisfaction IN ('very_satisfied', 'satisfied', 'dissatisfied')),
            register_book TEXT NOT NULL DEFAULT '01',
            register_no INTEGER NOT NULL,
            calendar_version TEXT NOT NULL,
            catalog_version INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX dossiers_received ON dossiers(received_at);
        CREATE INDEX dossiers_code_tail ON dossiers(code_tail_rev);
        CREATE INDEX dossiers_status_due ON dossiers(status, due_at);
        CREATE INDEX dossiers_idnum ON dossiers(applicant_id_number);
        CREATE INDEX dossiers_phone ON dossiers(applicant_phone);
        CREATE INDEX dossiers_citizen ON dossiers(citizen_id);

        CREATE VIRTUAL TABLE dossiers_fts USING fts5(
            name_fold, procedure_fold, tokenize='unicode61 remove_diacritics 2'
        );

        CREATE TABLE dossier_documents (
            dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            originals INTEGER NOT NULL DEFAULT 0 CHECK (originals >= 0),
            certified INTEGER NOT NULL DEFAULT 0 CHECK (certified >= 0),
            photocopies INTEGER NOT NULL DEFAULT 0 CHECK (photocopies >= 0),
            PRIMARY KEY (dossier_id, position)
        );

        CREATE TABLE dossier_actions (
            id TEXT PRIMARY KEY,
            dossier_id TEXT NOT NULL REFERENCES dossiers(id),
            kind TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            at TEXT NOT NULL,
            by_officer TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL DEFAULT '{}',
            origin TEXT NOT NULL DEFAULT 'desk'   -- 'desk' or 'district'
        );
        CREATE INDEX dossier_actions_dossier ON dossier_actions(dossier_id, at);
        -- The lifecycle log is append-only: history is never rewritten.
        CREATE TRIGGER dossier_actions_no_update BEFORE UPDATE ON dossier_actions
            BEGIN SELECT RAISE(ABORT, 'dossier_actions is append-only'); END;
        CREATE TRIGGER dossier_actions_no_delete BEFORE DELETE ON dossier_actions
            BEGIN SELECT RAISE(ABORT, 'dossier_actions is append-only'); END;

        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY,         -- strictly increasing per device, never reused
            op_id TEXT NOT NULL UNIQUE,
            epoch INTEGER NOT NULL,
            prev_seq INTEGER NOT NULL,       -- previous op of this epoch (0 = first): gaps show lost batches
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            payload_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'acked', 'rejected', 'conflict', 'deferred')),
            result_code TEXT,
            result_message TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            acked_at TEXT
        );
        CREATE INDEX outbox_state ON outbox(state, seq);
        CREATE INDEX outbox_entity ON outbox(entity_id, seq);

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_entity ON audit_log(entity_id);

        CREATE TABLE calendar_overrides (
            day TEXT PRIMARY KEY,            -- YYYY-MM-DD
            kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
            note TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'office'
        );

        CREATE TABLE printed_forms (
            id TEXT PRIMARY KEY,
            dossier_id TEXT REFERENCES dossiers(id),
            kind TEXT NOT NULL,
            paper TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            printed_at TEXT NOT NULL,
            by_officer TEXT NOT NULL
        );
        CREATE INDEX printed_forms_dossier ON printed_forms(dossier_id, printed_at);
        """
    )



@MIGRATIONS(name="0002_sync")
def m0002_sync(db: Database) -> None:
    """Sync with the district: identity, cursors and versions, conflicts, day closes (issue 5)."""
    db.executescript(
        """
        CREATE TABLE sync_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            server_url TEXT NOT NULL,
            server_id TEXT NOT NULL DEFAULT '',
            commune TEXT NOT NULL,
            private_key TEXT NOT NULL,       -- Ed25519 raw key, base64; never leaves this PC
            public_key TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            revoked_at TEXT,                 -- set when the server says this device was revoked
            revoked_message TEXT NOT NULL DEFAULT ''
        );

        -- Small named values: token, pull cursors, reference-data versions, last success, next retry.
        CREATE TABLE sync_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- Changes pulled from the district, by change id: applying one twice is a no-op.
        CREATE TABLE sync_applied (
            change_id TEXT PRIMARY KEY,
            applied_at TEXT NOT NULL,
            outcome TEXT NOT NULL            -- applied / conflict / skipped
        );

        CREATE TABLE sync_conflicts (
            id TEXT PRIMARY KEY,
            dossier_id TEXT NOT NULL,
            field TEXT NOT NULL,
            desk_value TEXT,
            district_value TEXT,
            source TEXT NOT NULL CHECK (source IN ('push', 'pull')),
            op_id TEXT,
            change_id TEXT,
            message_vi TEXT NOT NULL,
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT
        );
        CREATE INDEX sync_conflicts_dossier ON sync_conflicts(dossier_id);

        CREATE TABLE day_closes (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,               -- YYYY-MM-DD, the desk's office day
            matched INTEGER NOT NULL,
            counts TEXT NOT NULL,
            server_reply TEXT NOT NULL,
            closed_at TEXT NOT NULL
        );
        CREATE INDEX day_closes_day ON day_closes(day);
        """
    )


@MIGRATIONS(name="0003_district_echo")
def m0003_district_echo(db: Database) -> None:
    """What a desk needs to give the district back its own steps after the district's database was
    restored to an older copy (docs/sync.md, "The district restored")."""
    db.executescript(
        """
        -- The change exactly as pulled (with the district's signature), the desk's last outbox seq when
        -- it was applied (its later ops on the dossier come after it), and the last feed pass that saw it.
        ALTER TABLE sync_applied ADD COLUMN body TEXT;
        ALTER TABLE sync_applied ADD COLUMN after_seq INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sync_applied ADD COLUMN pass INTEGER NOT NULL DEFAULT 0;

        -- District steps this desk holds and the district lost: sent back with the next pushes.
        CREATE TABLE sync_echo (
            change_id TEXT PRIMARY KEY,
            dossier_id TEXT NOT NULL,
            body TEXT NOT NULL,
            before_seq INTEGER,              -- the desk's first later op on the dossier, if any
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
            outcome TEXT,
            message_vi TEXT,
            created_at TEXT NOT NULL,
            done_at TEXT
        );
        CREATE INDEX sync_echo_state ON sync_echo(state, before_seq);
        """
    )


@MIGRATIONS(name="0007_wire")
def m0007_wire(db: Database) -> None:
    """Sync over TLS (issue 16): the district certificate's SHA-256 pinned at enrolment ('' when the
    certificate is checked against the operating system's trust store, or for loopback http)."""
    db.executescript(
        """
        ALTER TABLE sync_identity ADD COLUMN tls_pin TEXT NOT NULL DEFAULT '';
        """
    )


def known_names() -> list[str]:
    return [m.name for m in MIGRATIONS._migrations]
