"""PetitionService: reception sessions, petitions and their steps, over the one write path.

Every change is one `Store.write()`: the row, its audit entry and an outbox op (entity `reception`
kind `record`; entity `petition` kinds `receive` and `act`), so receptions and petitions travel through
the same push and day close as dossiers. The op's payload is `_wire(...)`: never a citizen's ID number,
never a denouncer's identity; the audit entry records that same payload.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from desk.calendar import WorkCalendar
from desk.clock import iso
from desk.errors import NotFoundError, TransitionError, ValidationError, ValidationErrors
from desk.ids import new_id
from desk.intake import ApplicantInput, parse_moment, validate_applicant
from desk.permissions import require
from desk.petitions import privacy, rules
from desk.petitions.figures import Figures, compute
from desk.store import Store, UnitOfWork
from desk.text import clean_line, fold

Row = dict[str, Any]
ACTIONS = ("accept", "not_accept", "forward", "extend", "resolve", "withdraw")
ACTION_LABELS_VI = {"accept": "Thụ lý", "not_accept": "Không thụ lý", "forward": "Chuyển đơn / hướng dẫn",
                    "extend": "Gia hạn", "resolve": "Giải quyết xong", "withdraw": "Rút đơn"}
# Which status each action may follow.
FROM = {"accept": (rules.RECEIVED,), "not_accept": (rules.RECEIVED,), "forward": (rules.RECEIVED,),
        "extend": (rules.HANDLING,), "resolve": (rules.HANDLING,),
        "withdraw": (rules.RECEIVED, rules.HANDLING)}
# Petition columns that travel to the district (identity columns apart, see _wire).
WIRE_COLUMNS = ("id", "ref", "kind", "source", "source_body", "reception_id", "case_id", "persons", "content",
                "received_at", "classify_due", "competent", "competent_body", "accepted_at", "handler",
                "limit_days", "extension_days", "extensions", "due_at", "status", "result", "resolved_at")
FIGURE_COLUMNS = ("id", "case_id", "kind", "persons", "competent", "status", "resolved_at", "received_at",
                  "due_at", "classify_due")
RECEPTION_WIRE = ("id", "ref", "received_at", "receiver_kind", "receiver_name", "headcount", "is_group",
                  "content", "outcome")


@dataclass
class ReceptionInput:
    citizen: ApplicantInput
    content: str
    received_at: str | datetime | None = None
    headcount: int = 1
    receiver_kind: str = "officer"  # or 'chairman' (the weekly reception day)
    receiver_name: str = ""
    outcome: str = ""


@dataclass
class PetitionInput:
    kind: str
    petitioner: ApplicantInput
    content: str
    received_at: str | datetime | None = None
    source: str = "reception"
    source_body: str = ""
    reception_id: str | None = None
    persons: int = 1
    link_to: str = ""  # ref of a petition on the same content: one case


@dataclass
class ActInput:
    at: str | datetime | None = None
    handler: str = ""
    note: str = ""          # result (resolve), reason (not_accept, withdraw)
    body: str = ""          # forward: the competent body
    guided: bool = False    # forward: the citizen was guided there rather than the petition sent
    days: int = 0           # extend
    decision: str = ""      # extend: the written decision (số, ngày)
    extra: dict[str, Any] = field(default_factory=dict)


def _moment(value: str | datetime | None, now: datetime, field_name: str, label: str) -> datetime:
    if value is None or value == "":
        return now.replace(microsecond=0)
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return parse_moment(value, field_name, label)


class PetitionService:
    def __init__(self, store: Store, calendar: Callable[[], WorkCalendar]) -> None:
        self.store = store
        self.calendar = calendar

    # --- receptions -------------------------------------------------------------------------------
    def record_reception(self, data: ReceptionInput, *, actor: str = "system") -> Row:
        require(self.store, actor, "petition.receive")
        now = self.store.clock()
        person, errors = validate_applicant(data.citizen, id_required=False, today=now.date())
        try:
            content = clean_line(data.content, field="content", label="Nội dung", required=True, max_len=4000,
                                 multiline=True)
        except ValidationError as e:
            errors.append(e)
            content = ""
        if not isinstance(data.headcount, int) or not 1 <= data.headcount <= 10000:
            errors.append(ValidationError("headcount", "Số người phải là số nguyên từ 1."))
        if data.receiver_kind not in ("officer", "chairman"):
            errors.append(ValidationError("receiver_kind", "Người tiếp phải là cán bộ hoặc Chủ tịch UBND."))
        try:
            at = _moment(data.received_at, now, "received_at", "Thời điểm tiếp")
        except ValidationError as e:
            errors.append(e)
            at = now
        if errors:
            raise ValidationErrors(errors)
        receiver = clean_line(data.receiver_name, field="receiver_name", label="Người tiếp", max_len=100) \
            or self._officer_name(actor)
        with self.store.write(actor) as uow:
            row: Row = {
                "id": new_id(), "ref": self._next_ref(uow, "receptions", "TCD", at), "received_at": iso(at),
                "receiver_kind": data.receiver_kind, "receiver_name": receiver, "officer_id": actor,
                "citizen_name": person["full_name"], "citizen_id_number": person["id_number"],
                "citizen_address": person["address"], "citizen_phone": person["phone"],
                "headcount": data.headcount, "is_group": int(data.headcount >= rules.GROUP_FROM),
                "content": content, "outcome": clean_line(data.outcome, field="outcome", label="Kết quả tiếp",
                                                          max_len=1000),
                "confidential": 0, "created_at": iso(uow.now)}
            uow.insert("receptions", row)
            wire = {k: row[k] for k in RECEPTION_WIRE}
            uow.record("record", "reception", row["id"], {"reception": wire})
        return row

    # --- petitions --------------------------------------------------------------------------------
    def check(self, data: PetitionInput) -> tuple[str, Row, str, str, datetime, Row | None]:
        """Everything `add` checks, without writing: the window checks the petition before it records the
        session it comes with, so a typo in the petition never leaves the session recorded twice."""
        now = self.store.clock()
        errors: list[ValidationError] = []
        kind = rules.KIND_WORDS.get(data.kind, data.kind)
        if kind not in rules.KINDS:
            errors.append(ValidationError("kind", "Loại đơn phải là khiếu nại, tố cáo, kiến nghị/phản ánh "
                                                  "hoặc tranh chấp (khieu-nai, to-cao, kien-nghi, tranh-chap)."))
        person, more = validate_applicant(data.petitioner, id_required=False, today=now.date())
        errors += more
        try:
            content = clean_line(data.content, field="content", label="Nội dung đơn", required=True,
                                 max_len=4000, multiline=True)
        except ValidationError as e:
            errors.append(e)
            content = ""
        if data.source not in rules.SOURCES:
            errors.append(ValidationError("source", "Nguồn đơn phải là tiếp công dân, bưu chính hoặc cơ quan chuyển."))
        try:
            source_body = clean_line(data.source_body, field="source_body", label="Cơ quan chuyển đơn", max_len=300)
        except ValidationError as e:
            errors.append(e)
            source_body = ""
        if data.source == "forwarded" and not source_body:
            errors.append(ValidationError("source_body", "Ghi cơ quan đã chuyển đơn đến."))
        if not isinstance(data.persons, int) or not 1 <= data.persons <= 10000:
            errors.append(ValidationError("persons", "Số người đứng đơn phải là số nguyên từ 1."))
        try:
            at = _moment(data.received_at, now, "received_at", "Ngày nhận đơn")
        except ValidationError as e:
            errors.append(e)
            at = now
        if at > now + timedelta(minutes=5):
            errors.append(ValidationError("received_at", "Ngày nhận đơn ở sau thời điểm hiện tại."))
        linked = self._find(data.link_to) if data.link_to else None
        if data.link_to and linked is None:
            errors.append(ValidationError("link_to", f"Không có đơn «{data.link_to[:40]}» để gộp cùng nội dung."))
        if data.reception_id and self.store.query_one("SELECT id FROM receptions WHERE id = ? OR ref = ?",
                                                      (data.reception_id, data.reception_id)) is None:
            errors.append(ValidationError("reception_id", "Không có buổi tiếp công dân này."))
        if errors:
            raise ValidationErrors(errors)
        return kind, person, content, source_body, at, linked

    def add(self, data: PetitionInput, *, actor: str = "system") -> Row:
        require(self.store, actor, "petition.receive")
        kind, person, content, source_body, at, linked = self.check(data)
        cal = self.calendar()
        with self.store.write(actor) as uow:
            pid = new_id()
            reception_id = None
            if data.reception_id:
                rec = uow.one("SELECT id FROM receptions WHERE id = ? OR ref = ?", (data.reception_id,
                                                                                   data.reception_id))
                assert rec is not None
                reception_id = str(rec["id"])
                if kind == rules.TO_CAO:
                    # The session's citizen is the denouncer: the reception is masked from now on too.
                    uow.execute("UPDATE receptions SET confidential = 1 WHERE id = ?", (reception_id,))
            row: Row = {
                "id": pid, "ref": self._next_ref(uow, "petitions", "DON", at), "kind": kind,
                "source": data.source, "source_body": source_body, "reception_id": reception_id,
                "case_id": str(linked["case_id"]) if linked else pid, "persons": data.persons,
                "petitioner_name": person["full_name"], "petitioner_id_number": person["id_number"],
                "petitioner_address": person["address"], "petitioner_phone": person["phone"],
                "content": content, "received_at": iso(at), "classify_due": iso(rules.classify_due(cal, at)),
                "competent": None, "competent_body": "", "accepted_at": None, "handler": "", "limit_days": None,
                "extension_days": 0, "extensions": 0, "due_at": None, "status": rules.RECEIVED, "result": "",
                "resolved_at": None, "officer_id": actor, "created_at": iso(uow.now), "updated_at": iso(uow.now)}
            uow.insert("petitions", row)
            self._log_action(uow, pid, "receive", at, note="")
            uow.record("receive", "petition", pid, {"petition": self._wire(row)})
        return row

    def act(self, ref: str, action: str, data: ActInput, *, actor: str = "system") -> Row:
        require(self.store, actor, "petition.act")
        if action not in ACTIONS:
            raise ValidationError("action", f"Bước «{action[:30]}» không có; chọn: {', '.join(ACTIONS)}.")
        p = self._find(ref)
        if p is None:
            raise NotFoundError(f"Không tìm thấy đơn «{ref[:40]}».")
        if p["status"] not in FROM[action]:
            raise TransitionError(f"Đơn {p['ref']} đang ở trạng thái «{rules.STATUS_LABELS_VI[p['status']]}»: "
                                  f"không ghi được bước «{ACTION_LABELS_VI[action]}».")
        now = self.store.clock()
        at = _moment(data.at, now, "at", "Ngày thực hiện")
        if at < datetime.fromisoformat(str(p["received_at"])):
            raise ValidationError("at", "Ngày thực hiện ở trước ngày nhận đơn.")
        if at > now + timedelta(minutes=5):
            raise ValidationError("at", "Ngày thực hiện ở sau thời điểm hiện tại.")
        changes, note, days, decision = self._changes(p, action, data, at)
        with self.store.write(actor) as uow:
            changes["updated_at"] = iso(uow.now)
            uow.update("petitions", {"id": p["id"]}, changes)
            self._log_action(uow, str(p["id"]), action, at, note=note, decision=decision, days=days)
            row = uow.one("SELECT * FROM petitions WHERE id = ?", (p["id"],))
            assert row is not None
            uow.record("act", "petition", str(p["id"]), {
                "action": {"action": action, "at": iso(at), "note": note, "decision": decision, "days": days},
                "petition": self._wire(row)})
        return row

    def _changes(self, p: Row, action: str, data: ActInput, at: datetime) -> tuple[Row, str, int | None, str]:
        kind = str(p["kind"])
        remote = self._remote()
        limit = rules.limit_for(kind, remote)
        cal = self.calendar()
        if action == "accept":
            handler = clean_line(data.handler, field="handler", label="Người giải quyết", max_len=100)
            return ({"status": rules.HANDLING, "competent": 1, "accepted_at": iso(at), "handler": handler,
                     "limit_days": limit.days, "due_at": iso(rules.handling_due(cal, kind, at, remote=remote))},
                    clean_line(data.note, field="note", label="Ghi chú", max_len=1000), None, "")
        if action == "not_accept":
            reason = clean_line(data.note, field="note", label="Lý do không thụ lý", required=True, max_len=1000)
            return {"status": rules.NOT_ACCEPTED}, reason, None, ""
        if action == "forward":
            body = clean_line(data.body, field="body", label="Cơ quan có thẩm quyền", required=True, max_len=300)
            how = "Hướng dẫn công dân đến" if data.guided else "Chuyển đơn đến"
            return ({"status": rules.FORWARDED, "competent": 0, "competent_body": body},
                    f"{how} {body}", None, "")
        if action == "extend":
            decision = clean_line(data.decision, field="decision", label="Quyết định gia hạn", required=True,
                                  max_len=300)
            if int(p["extensions"]) >= limit.max_extensions:
                raise ValidationError("days", f"Đơn {rules.KIND_LABELS_VI[kind].lower()} không được gia hạn thêm "
                                              f"(luật cho phép {limit.max_extensions} lần; {limit.basis}).")
            if not isinstance(data.days, int) or not 1 <= data.days <= limit.extension_max_days:
                raise ValidationError("days", f"Số ngày gia hạn phải từ 1 đến {limit.extension_max_days} "
                                              f"({limit.basis}).")
            total = int(p["extension_days"]) + data.days
            # From the limit the petition was accepted under (a later change of the setting moves nothing).
            accepted = datetime.fromisoformat(str(p["accepted_at"]))
            base = int(p["limit_days"] or limit.days)
            return ({"extension_days": total, "extensions": int(p["extensions"]) + 1,
                     "due_at": iso(rules.calendar_days_due(cal, accepted, base + total))},
                    clean_line(data.note, field="note", label="Lý do gia hạn", max_len=1000), data.days, decision)
        if action == "resolve":
            result = clean_line(data.note, field="note", label="Kết quả giải quyết", required=True, max_len=2000,
                                multiline=True)
            if at < datetime.fromisoformat(str(p["accepted_at"])):
                raise ValidationError("at", "Ngày giải quyết ở trước ngày thụ lý.")
            return {"status": rules.RESOLVED, "result": result, "resolved_at": iso(at)}, result, None, ""
        reason = clean_line(data.note, field="note", label="Lý do rút đơn", max_len=1000)
        return {"status": rules.WITHDRAWN}, reason, None, ""

    # --- reading ----------------------------------------------------------------------------------
    def get(self, ref: str, *, actor: str = "system") -> Row:
        p = self._find(ref)
        if p is None:
            raise NotFoundError(f"Không tìm thấy đơn «{ref[:40]}».")
        return self._shown([p], actor)[0]

    def actions(self, ref: str) -> list[Row]:
        p = self._find(ref)
        if p is None:
            raise NotFoundError(f"Không tìm thấy đơn «{ref[:40]}».")
        return self.store.query("SELECT * FROM petition_actions WHERE petition_id = ? ORDER BY at, created_at",
                                (p["id"],))

    def petitions(self, date_from: date | None = None, date_to: date | None = None, *,
                  actor: str = "system") -> list[Row]:
        lo, hi = _bounds(date_from, date_to)
        rows = self.store.query("SELECT * FROM petitions WHERE received_at >= ? AND received_at < ? "
                                "ORDER BY received_at, ref", (lo, hi))
        return self._shown(rows, actor)

    def receptions(self, date_from: date | None = None, date_to: date | None = None, *,
                   actor: str = "system") -> list[Row]:
        lo, hi = _bounds(date_from, date_to)
        rows = self.store.query("SELECT * FROM receptions WHERE received_at >= ? AND received_at < ? "
                                "ORDER BY received_at, ref", (lo, hi))
        if privacy.may_see_identity(self.store, actor):
            return rows
        return [privacy.masked_reception(r) for r in rows]

    def search(self, text: str, *, actor: str = "system", limit: int = 50) -> list[Row]:
        """Petitions whose ref, content or petitioner matches; a denunciation matches on its identity only
        for a role that may see it (else the match itself would tell who denounced)."""
        needle = fold(clean_line(text, field="q", label="Từ khóa", max_len=100))
        if not needle:
            return []
        sees = privacy.may_see_identity(self.store, actor)
        out = []
        for p in self.store.query("SELECT * FROM petitions ORDER BY received_at DESC"):
            hay = [p["ref"], p["content"]]
            if sees or not privacy.is_confidential_petition(p):
                hay += [p["petitioner_name"], p["petitioner_id_number"], p["petitioner_phone"]]
            if any(needle in fold(str(h)) for h in hay):
                out.append(p)
                if len(out) >= limit:
                    break
        return self._shown(out, actor)

    def overdue(self, *, actor: str = "system") -> list[Row]:
        now = self.store.clock()
        rows = self.store.query("SELECT * FROM petitions WHERE status IN ('received', 'handling') "
                                "ORDER BY received_at")
        return self._shown([r for r in rows if rules.is_overdue(r, now)], actor)

    def figures(self, date_from: date, date_to: date, *, at: datetime | None = None) -> Figures:
        """Counts only: no identity in them, for any role."""
        lo, hi = _bounds(date_from, date_to)
        # The columns the counting reads, nothing else (a year of a busy ward is thousands of rows).
        petitions = self.store.query(f"SELECT {', '.join(FIGURE_COLUMNS)} FROM petitions "
                                     "WHERE received_at >= ? AND received_at < ?", (lo, hi))
        receptions = self.store.query("SELECT headcount, is_group FROM receptions "
                                      "WHERE received_at >= ? AND received_at < ?", (lo, hi))
        return compute(petitions, receptions, at or self.store.clock())

    # --- helpers ----------------------------------------------------------------------------------
    def _shown(self, rows: list[Row], actor: str) -> list[Row]:
        if privacy.may_see_identity(self.store, actor):
            return rows
        return [privacy.masked_petition(r) for r in rows]

    def _find(self, ref: str) -> Row | None:
        ref = (ref or "").strip()
        return self.store.query_one("SELECT * FROM petitions WHERE ref = ? OR id = ?", (ref.upper(), ref))

    def _remote(self) -> bool:
        raw = self.store.scalar("SELECT value FROM settings WHERE name = 'petitions.remote_area'")
        return str(raw or "0").strip().lower() in ("1", "true", "yes", "có", "on")

    def _officer_name(self, actor: str) -> str:
        row = self.store.query_one("SELECT full_name FROM officers WHERE id = ? OR username = ?", (actor, actor))
        return str(row["full_name"]) if row else ""

    @staticmethod
    def _wire(row: Row) -> Row:
        """What the district receives: the content and the steps; the petitioner's name for the kinds
        that are not confidential, never an ID number, never a denouncer's identity."""
        out = {k: row.get(k) for k in WIRE_COLUMNS}
        out["petitioner_name"] = "" if privacy.is_confidential_petition(row) else row.get("petitioner_name", "")
        return out

    @staticmethod
    def _log_action(uow: UnitOfWork, petition_id: str, action: str, at: datetime, *, note: str,
                    decision: str = "", days: int | None = None) -> None:
        uow.insert("petition_actions", {"id": new_id(), "petition_id": petition_id, "action": action,
                                        "at": iso(at), "actor": uow.actor, "note": note, "decision": decision,
                                        "days": days, "created_at": iso(uow.now)})

    @staticmethod
    def _next_ref(uow: UnitOfWork, table: str, prefix: str, at: datetime) -> str:
        desk_no = int(uow.scalar("SELECT desk_no FROM device WHERE id = 1") or 1)
        head = f"{prefix}-{at:%y}{desk_no:02d}-"
        last = uow.scalar(f"SELECT MAX(CAST(SUBSTR(ref, {len(head) + 1}) AS INTEGER)) FROM {table} "
                          "WHERE ref LIKE ?", (head + "%",))
        return f"{head}{int(last or 0) + 1:04d}"


# What a district step may change on the desk's petition (district/petitions.py `district_act`).
DISTRICT_FIELDS = ("status", "result", "resolved_at", "competent", "competent_body")


def petition_district_step(uow: UnitOfWork, change: Mapping[str, Any]) -> str:
    """Apply a district step pulled from the change feed, inside the pull's transaction: the petition's
    fields, its action log and the audit; no outbox op (it came from the district). A step from a status
    the petition has left is not applied: "already" when both reached the same status, else "skipped"
    (audited, for a person to look at)."""
    action = dict(change.get("action") or {})
    petition = uow.one("SELECT * FROM petitions WHERE id = ?", (str(change.get("dossier_id")),))
    if petition is None:
        return "skipped"
    detail = {"ref": petition["ref"], "action": action.get("kind"), "to": action.get("to_status"),
              "change_id": change.get("change_id")}
    if petition["status"] != action.get("from_status"):
        uow.audit("district_step_not_applied", "petition", str(petition["id"]), {**detail, "desk_status":
                                                                                 petition["status"]})
        return "already" if petition["status"] == action.get("to_status") else "skipped"
    fields = {k: v for k, v in dict(change.get("changes") or {}).items() if k in DISTRICT_FIELDS}
    if fields.get("status") not in (rules.RESOLVED, rules.FORWARDED, rules.WITHDRAWN):
        return "skipped"
    fields["updated_at"] = iso(uow.now)
    uow.update("petitions", {"id": petition["id"]}, fields)
    at = str(action.get("at") or iso(uow.now))
    uow.insert("petition_actions", {"id": new_id(), "petition_id": petition["id"], "action": str(action.get("kind")),
                                    "at": at, "actor": f"district: {action.get('by_officer') or ''}"[:200],
                                    "note": str(action.get("note") or "")[:4000], "decision": "", "days": None,
                                    "created_at": iso(uow.now)})
    uow.audit("district_step", "petition", str(petition["id"]), detail)
    return "applied"


def _bounds(date_from: date | None, date_to: date | None) -> tuple[str, str]:
    lo = date_from.isoformat() if date_from else "0000"
    hi = (date_to + timedelta(days=1)).isoformat() if date_to else "9999"
    return lo, hi
