"""Citizens' rights over their personal data (Law 91/2025/QH15) and its retention.

- Export: everything this desk holds about one person (citizen record, dossiers as applicant or
  submitter, their documents and steps, forms printed), as JSON; recorded as a request and audited.
- Correction: the citizen record (used for later dossiers and look-ups) is corrected. The applicant
  fields of a dossier are not: they are the record of what was submitted on that day, like the paper
  in the file; the export shows both, and the request records which fields were corrected.
- Retention: personal data of dossiers finished more than `retention.years` ago (floor 5 years, the
  legal minimum we read for one-stop records — docs/design.md) is purged: the dossier keeps its code,
  procedure, dates and outcome for statistics; names, numbers, addresses and contacts go, as do the
  citizen records nobody still needs, the archived PDFs, the payloads of old sync ops and the audit
  entries older than the limit (the chain keeps an anchor, desk/audit_chain.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk import audit_chain, steps
from desk.clock import iso
from desk.errors import NotFoundError, ValidationError
from desk.ids import new_id
from desk.lifecycle import FINAL
from desk.permissions import require
from desk.services import Desk
from desk.text import clean_line, fold

PURGED_NAME = "(đã xóa theo thời hạn lưu trữ)"
_PERSONAL = ("applicant_id_number", "applicant_dob", "applicant_gender", "applicant_address", "applicant_phone",
             "applicant_email", "submitter_name", "submitter_id_number", "collected_by")
CORRECTABLE = {"full_name": "Họ tên", "dob": "Ngày sinh", "gender": "Giới tính", "address": "Địa chỉ",
               "phone": "Điện thoại", "email": "Thư điện tử", "old_id_number": "Số CMND cũ"}


def _citizen(desk: Desk, id_number: str) -> dict[str, Any] | None:
    return desk.store.query_one("SELECT * FROM citizens WHERE id_number = ?", ((id_number or "").strip(),))


def export(desk: Desk, id_number: str, *, actor: str, note: str = "") -> dict[str, Any]:
    """Everything held about the person with this ID number; the request is recorded and audited."""
    require(desk.store, actor, "privacy.requests")
    number = (id_number or "").strip()
    if not number.isdigit():
        raise ValidationError("id_number", "Số định danh chỉ gồm chữ số.")
    citizen = _citizen(desk, number)
    dossiers = desk.store.query(
        "SELECT * FROM dossiers WHERE applicant_id_number = ? OR submitter_id_number = ? "
        "OR (citizen_id IS NOT NULL AND citizen_id = ?) ORDER BY received_at",
        (number, number, citizen["id"] if citizen else ""))
    # Petitions and receptions (issue 14) the person brought, by the ID number they gave.
    petitions = desk.store.query("SELECT * FROM petitions WHERE petitioner_id_number = ? ORDER BY received_at",
                                 (number,))
    receptions = desk.store.query("SELECT * FROM receptions WHERE citizen_id_number = ? ORDER BY received_at",
                                  (number,))
    if citizen is None and not dossiers and not petitions and not receptions:
        raise NotFoundError("Không có dữ liệu nào về người có số định danh này trên máy.")
    for d in dossiers:
        d["documents"] = desk.store.query(
            "SELECT position, name, originals, certified, photocopies FROM dossier_documents WHERE dossier_id = ? "
            "ORDER BY position", (d["id"],))
        d["steps"] = desk.store.query(
            "SELECT kind, from_status, to_status, at, note, data FROM dossier_actions WHERE dossier_id = ? "
            "ORDER BY at, rowid", (d["id"],))
        d["printed_forms"] = desk.store.query(
            "SELECT kind, paper, printed_at FROM printed_forms WHERE dossier_id = ? ORDER BY printed_at", (d["id"],))
    requests = desk.store.query("SELECT kind, received_at, fields, note FROM privacy_requests WHERE citizen_id = ? "
                                "ORDER BY received_at", (citizen["id"] if citizen else "",))
    now = desk.store.clock()
    result = {"exported_at": iso(now), "office": desk.office.as_dict().get("name", ""),
              "citizen": citizen, "dossiers": dossiers, "petitions": petitions, "receptions": receptions,
              "earlier_requests": requests}
    _record(desk, "export", citizen["id"] if citizen else None, ["citizen", "dossiers"], note, actor,
            detail={"dossiers": len(dossiers)})
    return result


def correct(desk: Desk, id_number: str, changes: dict[str, str], *, actor: str, note: str = "") -> dict[str, Any]:
    """Correct the citizen record at the person's request; returns the corrected record."""
    require(desk.store, actor, "privacy.requests")
    citizen = _citizen(desk, id_number)
    if citizen is None:
        raise NotFoundError("Không có hồ sơ công dân với số định danh này trên máy.")
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ValidationError(unknown[0], f"Không sửa được trường «{unknown[0]}»; sửa được: {', '.join(CORRECTABLE)}.")
    if not changes:
        raise ValidationError("fields", "Chưa có gì để sửa.")
    clean = {k: clean_line(v, field=k, label=CORRECTABLE[k], required=k == "full_name", max_len=200)
             for k, v in changes.items()}
    if "full_name" in clean:
        clean["name_fold"] = fold(clean["full_name"])
    with desk.store.write(actor) as uow:
        clean["updated_at"] = iso(uow.now)
        uow.update("citizens", {"id": citizen["id"]}, clean)
        fields = sorted(k for k in changes)
        uow.insert("privacy_requests", {"id": new_id(), "kind": "correct", "citizen_id": citizen["id"],
                                        "received_at": iso(uow.now), "handled_by": actor,
                                        "fields": json.dumps(fields), "note": clean_line(note, field="note",
                                                                                        label="Ghi chú", max_len=500)})
        uow.audit("personal_data_corrected", "citizen", str(citizen["id"]), {"fields": fields})
    out = _citizen(desk, id_number)
    assert out is not None
    return out


def _record(desk: Desk, kind: str, citizen_id: str | None, fields: list[str], note: str, actor: str,
            *, detail: dict[str, Any]) -> None:
    with desk.store.write(actor) as uow:
        uow.insert("privacy_requests", {"id": new_id(), "kind": kind, "citizen_id": citizen_id,
                                        "received_at": iso(uow.now), "handled_by": actor,
                                        "fields": json.dumps(fields),
                                        "note": clean_line(note, field="note", label="Ghi chú", max_len=500)})
        uow.audit(f"personal_data_{kind}ed", "citizen", citizen_id or "", detail)


def write_export(data: dict[str, Any], path: Path) -> None:
    """The export file, readable by this OS account alone (it is a citizen's personal data)."""
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2, default=str)


# --- retention ----------------------------------------------------------------------------------------
@dataclass
class PurgePlan:
    cutoff: datetime
    dossiers: list[str] = field(default_factory=list)   # codes
    citizens: int = 0
    forms: int = 0
    audit_entries: int = 0
    ops: int = 0

    def lines_vi(self) -> list[str]:
        return [f"Mốc: dữ liệu trước {self.cutoff:%d/%m/%Y}",
                f"Hồ sơ đã kết thúc được xóa thông tin cá nhân: {len(self.dossiers)}",
                f"Hồ sơ công dân không còn dùng: {self.citizens}",
                f"Bản lưu biểu mẫu (PDF): {self.forms}",
                f"Dòng nhật ký quá hạn: {self.audit_entries}",
                f"Nội dung thay đổi đã đồng bộ: {self.ops}"]


def _cutoff(desk: Desk, now: datetime) -> datetime:
    years = int(desk.settings.get("retention.years"))
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def plan_purge(desk: Desk) -> PurgePlan:
    cutoff = _cutoff(desk, desk.store.clock())
    c = iso(cutoff)
    finals = tuple(sorted(FINAL))
    marks = ", ".join("?" for _ in finals)
    plan = PurgePlan(cutoff)
    plan.dossiers = [str(r["code"]) for r in desk.store.query(
        f"SELECT code FROM dossiers WHERE status IN ({marks}) AND status_at < ? AND applicant_name != ? "
        "ORDER BY received_at", (*finals, c, PURGED_NAME))]
    plan.citizens = int(desk.store.scalar(
        "SELECT COUNT(*) FROM citizens c WHERE c.updated_at < ? AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE "
        f"d.citizen_id = c.id AND NOT (d.status IN ({marks}) AND d.status_at < ?))", (c, *finals, c)) or 0)
    plan.forms = int(desk.store.scalar("SELECT COUNT(*) FROM printed_forms WHERE printed_at < ?", (c,)) or 0)
    plan.audit_entries = int(desk.store.scalar("SELECT COUNT(*) FROM audit_log WHERE at < ?", (c,)) or 0)
    plan.ops = int(desk.store.scalar("SELECT COUNT(*) FROM outbox WHERE created_at < ? AND state = 'acked' "
                                     "AND payload != '{}'", (c,)) or 0)
    return plan


def purge(desk: Desk, *, actor: str) -> PurgePlan:
    """Carry out the retention purge in one transaction; the audit log keeps a chained record of it."""
    require(desk.store, actor, "retention.purge")
    plan = plan_purge(desk)
    c = iso(plan.cutoff)
    finals = tuple(sorted(FINAL))
    marks = ", ".join("?" for _ in finals)
    files: list[Path] = []
    with desk.store.write(actor) as uow:
        ids = [str(r["id"]) for r in uow.all(
            f"SELECT id FROM dossiers WHERE status IN ({marks}) AND status_at < ? AND applicant_name != ?",
            (*finals, c, PURGED_NAME))]
        for dossier_id in ids:
            uow.update("dossiers", {"id": dossier_id}, {**dict.fromkeys(_PERSONAL, ""), "citizen_id": None,
                                                        "applicant_name": PURGED_NAME, "applicant_name_fold": ""})
            steps.reindex(uow, dossier_id)
        uow.execute(
            "DELETE FROM citizens WHERE updated_at < ? AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE "
            "d.citizen_id = citizens.id)", (c,))
        for r in uow.all("SELECT id, path FROM printed_forms WHERE printed_at < ?", (c,)):
            p = Path(str(r["path"]))
            files.append(p if p.is_absolute() else desk.data_dir / p)
        uow.execute("DELETE FROM printed_forms WHERE printed_at < ?", (c,))
        # Petitions ended before the cutoff and receptions held before it keep their content and figures,
        # not who brought them (issue 14).
        uow.execute("UPDATE petitions SET petitioner_name = ?, petitioner_id_number = '', petitioner_address = '', "
                    "petitioner_phone = '' WHERE status IN ('resolved', 'forwarded', 'withdrawn', 'not_accepted') "
                    "AND updated_at < ? AND petitioner_name != ?", (PURGED_NAME, c, PURGED_NAME))
        uow.execute("UPDATE receptions SET citizen_name = ?, citizen_id_number = '', citizen_address = '', "
                    "citizen_phone = '' WHERE received_at < ? AND citizen_name != ?", (PURGED_NAME, c, PURGED_NAME))
        uow.execute("UPDATE outbox SET payload = '{}' WHERE created_at < ? AND state = 'acked'", (c,))
        uow.execute("UPDATE sync_applied SET body = NULL WHERE applied_at < ?", (c,))
        last = uow.one("SELECT id, hash FROM audit_log WHERE at < ? ORDER BY id DESC LIMIT 1", (c,))
        if last is not None:
            with audit_chain.purge_scope():
                uow.execute("DELETE FROM audit_log WHERE id <= ?", (last["id"],))
        uow.audit(audit_chain.PURGED, "retention", iso(plan.cutoff), {
            "dossiers": len(ids), "citizens": plan.citizens, "forms": plan.forms, "audit_entries": plan.audit_entries,
            "through_id": last["id"] if last else 0, "through_hash": last["hash"] if last else ""})
    for f in files:
        f.unlink(missing_ok=True)
    return plan
