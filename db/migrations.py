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


@MIGRATIONS(name="0004_unit_name_and_first_run")
def m0004_unit_name_and_first_run(db: Database) -> None:
    """The name of the one-stop unit as the commune calls it (printed on forms), and where an unfinished
    first-run wizard stopped, so the next start resumes there."""
    db.executescript(
        """
        -- 'Bộ phận tiếp nhận và trả kết quả', 'Bộ phận Một cửa', 'Trung tâm Phục vụ hành chính công …'
        ALTER TABLE office ADD COLUMN unit_name TEXT NOT NULL DEFAULT 'Bộ phận tiếp nhận và trả kết quả';
        -- The wizard's next step while it is unfinished; NULL once done (and for offices set up before
        -- the wizard existed, or with `desk init`).
        ALTER TABLE office ADD COLUMN first_run_step TEXT;
        """
    )


@MIGRATIONS(name="0005_time_limits_and_lateness")
def m0005_time_limits_and_lateness(db: Database) -> None:
    """Every kind of time limit (desk/limits.py), the steps a desk records (verification, financial
    obligation, refusal after processing, cancellation, result by post), and one register numbering per
    commune and year (docs/design.md, "Lateness" and "One numbering")."""
    db.executescript(
        """
        -- A limit as a spec: 'sd' (same day), 'wd:3' / 'wd:0.5' (working days), 'wh:4' (working hours),
        -- 'cd:15' (calendar days). NULL: not known yet, the officer answers once for the procedure.
        ALTER TABLE procedures ADD COLUMN time_limit TEXT;
        ALTER TABLE procedures ADD COLUMN verify_limit TEXT;       -- the limit when verification is needed
        ALTER TABLE procedures ADD COLUMN limit_source TEXT NOT NULL DEFAULT '';  -- 'catalogue' / 'office'
        ALTER TABLE procedures ADD COLUMN limit_basis TEXT NOT NULL DEFAULT '';   -- where the limit comes from
        UPDATE procedures
           SET time_limit = CASE WHEN time_limit_days = 0 THEN 'sd' ELSE 'wd:' || time_limit_days END,
               limit_source = CASE WHEN local_fields LIKE '%time_limit_days%' THEN 'office' ELSE 'catalogue' END
         WHERE time_limit_days IS NOT NULL;

        -- What the dossier's due date was computed with, kept with it (a later catalogue change must not
        -- move a date printed for a citizen).
        ALTER TABLE dossiers ADD COLUMN time_limit TEXT;
        ALTER TABLE dossiers ADD COLUMN verify_limit TEXT;
        ALTER TABLE dossiers ADD COLUMN same_day_cutoff TEXT;
        ALTER TABLE dossiers ADD COLUMN clock_from TEXT;          -- the moment the limit counts from
        ALTER TABLE dossiers ADD COLUMN verification_at TEXT;     -- verification needed: the second limit applies
        ALTER TABLE dossiers ADD COLUMN returned_via TEXT NOT NULL DEFAULT 'desk';  -- 'desk' or 'post'
        UPDATE dossiers
           SET time_limit = CASE WHEN time_limit_days = 0 THEN 'sd' ELSE 'wd:' || time_limit_days END
         WHERE time_limit_days IS NOT NULL;
        UPDATE dossiers SET same_day_cutoff = (SELECT p.same_day_cutoff FROM procedures p
                                                WHERE p.code = dossiers.procedure_code);
        UPDATE dossiers SET clock_from = received_at;
        -- One book per commune and year: 'Quyển số 01/2026'.
        UPDATE dossiers SET register_book = register_book || '/' || substr(received_at, 1, 4)
         WHERE instr(register_book, '/') = 0;
        CREATE INDEX dossiers_result ON dossiers(result_at);

        -- Form 01 is issued again when the promised date moves: each issue is a new version in the
        -- archive, with the date it carried; "In lại" gives the latest one.
        ALTER TABLE printed_forms ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE printed_forms ADD COLUMN due_at TEXT;
        UPDATE printed_forms SET due_at = (SELECT d.due_at FROM dossiers d WHERE d.id = printed_forms.dossier_id)
         WHERE kind = 'slip';
        """
    )
    _fill_starter_limits(db)


def _fill_starter_limits(db: Database) -> None:
    """Procedures the starter catalogue now gives a limit for, where this database has none (a limit
    already set, by an import or by the office, is never touched)."""
    import json

    from desk.limits import TimeLimit, parse_limit
    from desk.resources import resource

    records = json.loads(resource("procedures.json").read_text(encoding="utf-8"))
    for rec in records if isinstance(records, list) else records.get("procedures", []):
        text = rec.get("time_limit")
        if not text:
            continue
        limit: TimeLimit = parse_limit(str(text))
        verify = parse_limit(str(rec["verify_limit"])).spec if rec.get("verify_limit") else None
        db.execute(
            "UPDATE procedures SET time_limit = ?, time_limit_days = ?, limit_source = 'catalogue', "
            "limit_basis = ?, verify_limit = COALESCE(verify_limit, ?), "
            "same_day_cutoff = COALESCE(same_day_cutoff, ?) WHERE code = ? AND time_limit IS NULL",
            [limit.spec, limit.whole_working_days, str(rec.get("time_limit_basis") or ""), verify,
             rec.get("same_day_cutoff"), rec["code"]])
        if verify:
            db.execute("UPDATE procedures SET verify_limit = ? WHERE code = ? AND verify_limit IS NULL",
                       [verify, rec["code"]])


@MIGRATIONS(name="0007_wire")
def m0007_wire(db: Database) -> None:
    """Sync over TLS (issue 16): the district certificate's SHA-256 pinned at enrolment ('' when the
    certificate is checked against the operating system's trust store, or for loopback http)."""
    db.executescript(
        """
        ALTER TABLE sync_identity ADD COLUMN tls_pin TEXT NOT NULL DEFAULT '';
        """
    )


@MIGRATIONS(name="0008_roles_lockout_audit_chain")
def m0008_roles_lockout_audit_chain(db: Database) -> None:
    """The leader role and log-in lockout, the hash-chained append-only audit log, and the record of
    citizens' personal-data requests (issue 17)."""
    from desk.audit_chain import chain_existing

    # SQLite cannot change a CHECK constraint in place: the officers table is rebuilt (no other table
    # refers to it by a foreign key).
    db.executescript(
        """
        CREATE TABLE officers_new (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT 'officer' CHECK (role IN ('admin', 'leader', 'officer')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0,  -- wrong passwords since the last good log-in
            locked_until TEXT                          -- set after too many; an admin may clear it
        );
        INSERT INTO officers_new (id, username, full_name, title, role, password_hash, active, created_at)
            SELECT id, username, full_name, title, role, password_hash, active, created_at FROM officers;
        DROP TABLE officers;
        ALTER TABLE officers_new RENAME TO officers;

        ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
        ALTER TABLE audit_log ADD COLUMN hash TEXT;

        -- Requests of citizens about their own data (Law 91/2025): export, correction. Who asked is
        -- the citizen (by the citizen row); what was done is in `outcome` and in the audit log.
        CREATE TABLE privacy_requests (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('export', 'correct')),
            citizen_id TEXT,
            received_at TEXT NOT NULL,
            handled_by TEXT NOT NULL,
            fields TEXT NOT NULL DEFAULT '[]',   -- names of the fields exported or corrected, no values
            note TEXT NOT NULL DEFAULT ''
        );
        """
    )
    chain_existing(db.conn)
    db.executescript(
        """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN desk_audit_purge() = 0
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
            WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
            BEGIN SELECT RAISE(ABORT, 'audit_log entries are chained (desk.audit_chain)'); END;
        """
    )


@MIGRATIONS(name="0009_fees_receipts_till")
def m0009_fees_receipts_till(db: Database) -> None:
    """Fees as data, self-printed receipts with never-repeating numbers, the till's close (issue 19).
    Money is in whole đồng (INTEGER), never a float."""
    db.executescript(
        """
        -- One fee of a procedure: how it is computed, who may be exempted, and on what basis.
        CREATE TABLE fee_rules (
            procedure_code TEXT NOT NULL,
            fee_code TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 1,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'le_phi' CHECK (kind IN ('phi', 'le_phi')),
            method TEXT NOT NULL CHECK (method IN ('free', 'flat', 'per_copy', 'per_page')),
            amount INTEGER CHECK (amount IS NULL OR amount >= 0),  -- NULL: set by the province, not declared
            unit TEXT NOT NULL DEFAULT '',
            tiers TEXT NOT NULL DEFAULT '[]',         -- per_page: [{"from": 1, "to": 2, "rate": 2000}, ...]
            cap_per_copy INTEGER CHECK (cap_per_copy IS NULL OR cap_per_copy >= 0),
            exemptions TEXT NOT NULL DEFAULT '[]',    -- [{"code", "label", "basis"}]
            set_by TEXT NOT NULL DEFAULT 'national' CHECK (set_by IN ('national', 'province')),
            basis TEXT NOT NULL DEFAULT '',
            confirmed INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'shipped' CHECK (source IN ('shipped', 'district', 'office')),
            version INTEGER NOT NULL DEFAULT 0,       -- the district's publication it came from
            local INTEGER NOT NULL DEFAULT 0,         -- corrected by the office: publications keep it
            updated_at TEXT NOT NULL,
            PRIMARY KEY (procedure_code, fee_code)
        );

        -- A receipt series registered by the commune; each desk number takes its own block of it.
        CREATE TABLE receipt_series (
            symbol TEXT PRIMARY KEY,                  -- ký hiệu biên lai, e.g. 01AA-26T
            form_no TEXT NOT NULL,                    -- ký hiệu mẫu
            first_no INTEGER NOT NULL,
            last_no INTEGER NOT NULL,
            per_desk INTEGER NOT NULL,                -- block size: desk n gets first_no + (n-1)*per_desk …
            org_name TEXT NOT NULL,
            tax_code TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'office' CHECK (source IN ('office', 'district')),
            active INTEGER NOT NULL DEFAULT 1,
            registered_at TEXT NOT NULL,
            CHECK (first_no >= 1 AND last_no >= first_no AND per_desk >= 1)
        );

        CREATE TABLE till_closes (
            id TEXT PRIMARY KEY,
            officer_id TEXT NOT NULL,
            officer_name TEXT NOT NULL,
            desk_no INTEGER NOT NULL,
            day TEXT NOT NULL,                        -- YYYY-MM-DD of the close
            opened_at TEXT,                           -- first receipt of the session
            closed_at TEXT NOT NULL,
            issued_count INTEGER NOT NULL,
            cancelled_count INTEGER NOT NULL,
            total INTEGER NOT NULL,
            expected_cash INTEGER NOT NULL,
            counted_cash INTEGER NOT NULL,
            difference INTEGER NOT NULL,              -- counted - expected
            explanation TEXT NOT NULL DEFAULT '',
            totals TEXT NOT NULL DEFAULT '{}'         -- by fee and by payment method
        );
        CREATE INDEX till_closes_day ON till_closes(day);

        CREATE TABLE receipts (
            id TEXT PRIMARY KEY,
            symbol TEXT NOT NULL,
            form_no TEXT NOT NULL,
            number INTEGER NOT NULL,
            org_name TEXT NOT NULL,
            tax_code TEXT NOT NULL,
            dossier_id TEXT,                          -- no FK: a dossier received on another PC of the commune
            dossier_code TEXT NOT NULL DEFAULT '',
            procedure_code TEXT NOT NULL DEFAULT '',
            fee_code TEXT NOT NULL DEFAULT '',
            fee_name TEXT NOT NULL,
            fee_kind TEXT NOT NULL DEFAULT 'le_phi',
            detail TEXT NOT NULL DEFAULT '',          -- how the amount was computed, as printed
            pages INTEGER,
            copies INTEGER,
            amount INTEGER NOT NULL CHECK (amount >= 0),
            method TEXT NOT NULL CHECK (method IN ('cash', 'transfer')),
            payer_name TEXT NOT NULL,
            payer_address TEXT NOT NULL DEFAULT '',
            issued_at TEXT NOT NULL,
            collector_id TEXT NOT NULL,
            collector_name TEXT NOT NULL,
            desk_no INTEGER NOT NULL,
            void INTEGER NOT NULL DEFAULT 0,          -- a number never used for a payment (kept, with its reason)
            status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'cancelled')),
            cancelled_at TEXT,
            cancelled_by TEXT,
            cancel_reason TEXT NOT NULL DEFAULT '',
            till_close_id TEXT REFERENCES till_closes(id),
            created_at TEXT NOT NULL,
            UNIQUE (symbol, number)
        );
        CREATE INDEX receipts_session ON receipts(collector_id, till_close_id);
        CREATE INDEX receipts_issued ON receipts(issued_at);
        CREATE INDEX receipts_dossier ON receipts(dossier_id);
        -- What a receipt says never changes once issued; it is cancelled, never deleted.
        CREATE TRIGGER receipts_fixed BEFORE UPDATE OF id, symbol, form_no, number, org_name, tax_code,
            dossier_id, fee_code, fee_name, amount, method, payer_name, payer_address, issued_at, collector_id
            ON receipts
            BEGIN SELECT RAISE(ABORT, 'a receipt is never changed: cancel it and issue another'); END;
        CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
            BEGIN SELECT RAISE(ABORT, 'a receipt is never deleted: cancel it'); END;
        CREATE TRIGGER receipts_no_uncancel BEFORE UPDATE OF status ON receipts
            WHEN OLD.status = 'cancelled'
            BEGIN SELECT RAISE(ABORT, 'a cancelled receipt stays cancelled'); END;

        -- A fee not collected because the payer is exempted, with the reason (no receipt number used).
        CREATE TABLE fee_exemptions (
            id TEXT PRIMARY KEY,
            dossier_id TEXT,
            dossier_code TEXT NOT NULL DEFAULT '',
            procedure_code TEXT NOT NULL,
            fee_code TEXT NOT NULL,
            fee_name TEXT NOT NULL,
            exemption_code TEXT NOT NULL,
            reason TEXT NOT NULL,
            amount_waived INTEGER NOT NULL DEFAULT 0,
            at TEXT NOT NULL,
            by_officer TEXT NOT NULL
        );
        CREATE INDEX fee_exemptions_dossier ON fee_exemptions(dossier_id);
        """
    )


@MIGRATIONS(name="0013_report_indexes")
def m0013_report_indexes(db: Database) -> None:
    """The period report reads the dossiers resolved since the period's start or not resolved at all
    (issue 13): a covering index, led by result_at, holds the columns it reads, so the report reads two
    ranges of it and never the wide rows (names, addresses). Ratings are counted by the day the result
    was returned."""
    db.executescript(
        """
        CREATE INDEX dossiers_report ON dossiers(result_at, received_at, status, due_at, status_at, paused_at,
                                                 channel, procedure_code, field);
        CREATE INDEX dossiers_returned ON dossiers(returned_at, satisfaction, status);
        """
    )


@MIGRATIONS(name="0014_petitions")
def m0014_petitions(db: Database) -> None:
    """Citizen reception sessions and petitions (tiếp công dân, đơn thư; issue 14). Dates are ISO text;
    deadlines are computed by desk/petitions/rules.py from the calendar, stored so lists can sort on them."""
    db.executescript(
        """
        CREATE TABLE receptions (
            id TEXT PRIMARY KEY,
            ref TEXT NOT NULL UNIQUE,                 -- TCD-<yy>-<desk>-<n>
            received_at TEXT NOT NULL,
            receiver_kind TEXT NOT NULL DEFAULT 'officer' CHECK (receiver_kind IN ('officer', 'chairman')),
            receiver_name TEXT NOT NULL DEFAULT '',
            officer_id TEXT NOT NULL DEFAULT '',
            citizen_name TEXT NOT NULL,               -- the citizen, or the group's representative
            citizen_id_number TEXT NOT NULL DEFAULT '',
            citizen_address TEXT NOT NULL DEFAULT '',
            citizen_phone TEXT NOT NULL DEFAULT '',
            headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1),
            is_group INTEGER NOT NULL DEFAULT 0,      -- đoàn đông người
            content TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT '',         -- guided, petition taken, answered on the spot…
            confidential INTEGER NOT NULL DEFAULT 0,  -- a denunciation was made: identity masked
            created_at TEXT NOT NULL
        );
        CREATE INDEX receptions_at ON receptions(received_at);

        CREATE TABLE petitions (
            id TEXT PRIMARY KEY,
            ref TEXT NOT NULL UNIQUE,                 -- DON-<yy>-<desk>-<n>
            kind TEXT NOT NULL CHECK (kind IN ('khieu_nai', 'to_cao', 'kien_nghi', 'tranh_chap')),
            source TEXT NOT NULL DEFAULT 'reception' CHECK (source IN ('reception', 'post', 'forwarded')),
            source_body TEXT NOT NULL DEFAULT '',     -- the body that forwarded it
            reception_id TEXT,
            case_id TEXT NOT NULL,                    -- petitions on the same content share one case
            persons INTEGER NOT NULL DEFAULT 1 CHECK (persons >= 1),
            petitioner_name TEXT NOT NULL,
            petitioner_id_number TEXT NOT NULL DEFAULT '',
            petitioner_address TEXT NOT NULL DEFAULT '',
            petitioner_phone TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL,
            received_at TEXT NOT NULL,
            classify_due TEXT NOT NULL,               -- classified, acceptance decided by (10 days)
            competent INTEGER,                        -- NULL: not decided yet
            competent_body TEXT NOT NULL DEFAULT '',  -- where the citizen was guided / it was forwarded
            accepted_at TEXT,
            handler TEXT NOT NULL DEFAULT '',
            limit_days INTEGER,
            extension_days INTEGER NOT NULL DEFAULT 0,
            extensions INTEGER NOT NULL DEFAULT 0,
            due_at TEXT,
            status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'handling', 'resolved',
                'forwarded', 'withdrawn', 'not_accepted')),
            result TEXT NOT NULL DEFAULT '',
            resolved_at TEXT,
            officer_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX petitions_received ON petitions(received_at);
        CREATE INDEX petitions_case ON petitions(case_id);

        CREATE TABLE petition_actions (
            id TEXT PRIMARY KEY,
            petition_id TEXT NOT NULL REFERENCES petitions(id),
            action TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            decision TEXT NOT NULL DEFAULT '',        -- an extension's written decision (số, ngày)
            days INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX petition_actions_petition ON petition_actions(petition_id);
        """
    )


@MIGRATIONS(name="0015_peers")
def m0015_peers(db: Database) -> None:
    """Several PCs of one commune (issue 15): the other PCs' ops this desk holds, and the PCs it heard of."""
    db.executescript(
        """
        -- Every op another PC of the commune recorded that reached this desk (through the district's feed
        -- or straight from a PC on the office network), kept as it was made: its origin device and seq
        -- never change, so it can be passed on to a third PC and the district stores it once by op_id.
        CREATE TABLE peer_ops (
            op_id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            prev_seq INTEGER NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            via TEXT NOT NULL CHECK (via IN ('district', 'lan')),
            outcome TEXT NOT NULL,           -- applied / already / conflict / skipped
            -- Came over the office network: this PC also hands it to the district (relay), until the
            -- district has it (answered, or seen in its feed).
            at_district INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX peer_ops_relay ON peer_ops(at_district, device_id, seq);
        CREATE UNIQUE INDEX peer_ops_origin ON peer_ops(device_id, seq);

        -- The other counters of this commune: which number, when last heard from and how.
        CREATE TABLE peers (
            device_id TEXT PRIMARY KEY,
            desk_no INTEGER,
            name TEXT NOT NULL DEFAULT '',
            first_seen_at TEXT NOT NULL,
            last_heard_at TEXT NOT NULL,
            last_via TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT ''
        );
        """
    )


@MIGRATIONS(name="0016_peer_unreachable")
def m0016_peer_unreachable(db: Database) -> None:
    """When this PC last failed to reach another over the office network: the list of PCs says
    "unreachable now" from that moment on, not two minutes after the last success."""
    db.executescript("ALTER TABLE peers ADD COLUMN unreachable_at TEXT NOT NULL DEFAULT '';")


def known_names() -> list[str]:
    return [m.name for m in MIGRATIONS._migrations]
