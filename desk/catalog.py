"""The procedure catalogue: the starter list, imports from the province, local edits and search.

Imports never overwrite what the office edited itself (fees and limits set by the provincial council
differ by province); they report what was added, changed and kept.

Time limits (desk/limits.py) come from an explicit `time_limit` phrase or spec, else the old integer of
working days, else the phrase a provincial list writes in its "Thời hạn giải quyết" column when it starts
with a limit. A procedure whose sources give none has no limit until the officer answers once for it
(`set_limit`); that answer is kept as the office's (`limit_source` 'office') and imports leave it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.catalog_files import DEFAULT_LIMITS, ERROR, WHERE, ReadLimits, read_catalog_file
from desk.clock import iso
from desk.errors import NotFoundError, ValidationError, ValidationErrors
from desk.limits import TimeLimit, optional_limit, parse_limit, parse_limits
from desk.permissions import require
from desk.resources import resource
from desk.store import Store, UnitOfWork
from desk.text import clean_line, fold, parse_hhmm

PROCEDURE_CODE = re.compile(r"^[0-9]+\.[0-9]{6}(\.[0-9A-Z.]+)?$")
EDITABLE = ("time_limit", "verify_limit", "time_limit_days", "same_day_cutoff", "fee_text")
COMPARED = ("name", "field", "level", "result_document", "time_limit_text", "time_limit", "time_limit_days",
            "verify_limit", "limit_basis", "same_day_cutoff", "fee_text", "result_by", "confirmed", "documents")
# Fields that travel together: the office editing one keeps an import from changing the others.
LIMIT_FIELDS = ("time_limit", "time_limit_days", "limit_source", "limit_basis")


@dataclass
class ImportReport:
    source: str
    version: int = 0
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: int = 0
    kept_local: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def summary_vi(self) -> str:
        lines = [
            f"Nhập danh mục từ {self.source}: thêm mới {len(self.added)}, cập nhật {len(self.updated)}, "
            f"không đổi {self.unchanged}, lỗi {len(self.errors)}."
        ]
        for code in self.added:
            lines.append(f"  + {code}")
        for code, fields in self.updated.items():
            lines.append(f"  ~ {code}: {', '.join(fields)}")
        for code, fields in self.kept_local.items():
            lines.append(f"  = {code}: giữ giá trị cơ quan đã sửa ({', '.join(fields)})")
        for err in self.errors:
            lines.append(f"  ! {err}")
        return "\n".join(lines)


def _normalise(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Turn one record of any import format into the catalogue's shape, or raise naming the problem."""
    code = str(raw.get("code") or raw.get("ma") or raw.get("mã thủ tục") or "").strip()
    if not PROCEDURE_CODE.match(code):
        raise ValidationError("code", f"{where}: mã thủ tục «{code}» không đúng dạng (ví dụ 1.001193).")
    name = clean_line(raw.get("name") or raw.get("tên thủ tục"), field="name", label=f"{where}: Tên thủ tục",
                      required=True, max_len=1000)
    limits = _limits(raw, where)
    cutoff = str(raw.get("same_day_cutoff") or "").strip() or None
    if cutoff:
        cutoff = f"{parse_hhmm(cutoff, field='same_day_cutoff', label=f'{where}: Giờ giới hạn tiếp nhận'):%H:%M}"
    elif "same_day_cutoff" not in raw and limits.get("cutoff"):
        cutoff = str(limits["cutoff"])
    docs_raw = raw.get("documents") or []
    if isinstance(docs_raw, str):
        docs_raw = [d for d in re.split(r"\s*(?:\n|;)\s*", docs_raw) if d.strip()]
    if not isinstance(docs_raw, list):
        raise ValidationError("documents", f"{where}: thành phần hồ sơ phải là một danh sách.")
    documents = []
    for d in docs_raw:
        if not isinstance(d, dict):
            d = {"name": d}
        dname = clean_line(d.get("name"), field="documents", label=f"{where}: Thành phần hồ sơ",
                           required=True, max_len=2000)
        try:
            copies = int(d.get("copies") or 1)
        except (TypeError, ValueError):
            copies = 1
        documents.append({
            "name": dname,
            "copies": copies,
            "copies_text": str(d.get("copies_text") or ""),
            "submission": str(d.get("submission") or "nộp"),
        })
    confirmed = raw.get("confirmed")
    # Which catalogue fields this source actually carries: a province's list with three columns must
    # not wipe the fees, limits and documents it does not mention.
    sources = {
        "name": ("name",), "field": ("field",), "level": ("level",), "result_document": ("result_document",),
        "time_limit_text": ("time_limit_text",), "same_day_cutoff": ("same_day_cutoff",),
        "fee_text": ("fee_text",), "result_by": ("result_by",), "confirmed": ("confirmed",),
        "documents": ("documents",), "limit_basis": ("time_limit_basis", "limit_basis"),
    }
    present = {k for k, keys in sources.items() if any(key in raw for key in keys)}
    if not documents:
        present.discard("documents")
    if "same_day_cutoff" not in raw and cutoff:
        present.add("same_day_cutoff")
    if limits["given"]:
        present.update(("time_limit", "time_limit_days"))
    if limits["verify_given"]:
        present.add("verify_limit")
    limit: TimeLimit | None = limits["limit"]
    verify: TimeLimit | None = limits["verify"]
    return {
        "_present": present,
        "code": code,
        "name": name,
        "field": str(raw.get("field") or raw.get("lĩnh vực") or "").strip(),
        "level": str(raw.get("level") or "").strip(),
        "result_document": str(raw.get("result_document") or "").strip(),
        "time_limit_text": str(raw.get("time_limit_text") or "").strip(),
        "time_limit": limit.spec if limit else None,
        "time_limit_days": limit.whole_working_days if limit else None,
        "verify_limit": verify.spec if verify else None,
        "limit_source": "catalogue" if limit else "",
        "limit_basis": clean_line(raw.get("time_limit_basis") or raw.get("limit_basis") or "", field="limit_basis",
                                  label=f"{where}: Căn cứ thời hạn", max_len=2000),
        "same_day_cutoff": cutoff,
        "fee_text": str(raw.get("fee_text") or raw.get("phí, lệ phí") or "").strip(),
        "result_by": str(raw.get("result_by") or "commune"),
        "confirmed": 1 if confirmed in (True, 1, "1", "true", "True", "có") else 0,
        "unconfirmed_fields": json.dumps(raw.get("unconfirmed_fields") or [], ensure_ascii=False),
        "source": str(raw.get("source") or "")[:2000],
        "documents": documents,
    }


def _limits(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The limit, the verification limit and a cutoff a record gives, and whether it gives them at all
    (a record silent about its limit must not erase the one the catalogue has)."""
    out: dict[str, Any] = {"limit": None, "verify": None, "cutoff": None, "given": False, "verify_given": False}
    parsed = parse_limits(str(raw.get("time_limit_text") or ""))
    if "time_limit" in raw:
        out["given"] = True
        text = str(raw.get("time_limit") or "").strip()
        out["limit"] = parse_limit(text, label=f"{where}: Thời hạn giải quyết") if text else None
    else:
        days = raw.get("time_limit_working_days", raw.get("time_limit_days"))
        if days not in ("", None):
            try:
                n = int(str(days).strip())
            except ValueError:
                raise ValidationError("time_limit_days", f"{where}: thời hạn «{days}» không phải số ngày.") from None
            if not 0 <= n <= 365:
                raise ValidationError("time_limit_days", f"{where}: thời hạn {n} ngày không hợp lệ.")
            out.update(limit=TimeLimit.working_days(n), given=True)
        elif parsed.limit is not None:
            out.update(limit=parsed.limit, given=True, cutoff=parsed.cutoff)
    if "verify_limit" in raw:
        out["verify_given"] = True
        text = str(raw.get("verify_limit") or "").strip()
        out["verify"] = parse_limit(text, field="verify_limit", label=f"{where}: Thời hạn khi cần xác minh") \
            if text else None
    elif parsed.verify is not None:
        out.update(verify=parsed.verify, verify_given=True)
    return out


_HEADER_ALIASES = {
    "ma thu tuc": "code", "ma": "code", "code": "code",
    "ten thu tuc": "name", "name": "name",
    "linh vuc": "field", "field": "field",
    "thoi han giai quyet (ngay lam viec)": "time_limit_days", "thoi han (ngay)": "time_limit_days",
    "time_limit_days": "time_limit_days", "time_limit_working_days": "time_limit_days",
    "thoi han giai quyet": "time_limit_text", "time_limit_text": "time_limit_text", "thoi han": "time_limit_text",
    "thoi gian giai quyet": "time_limit_text", "time_limit": "time_limit",
    "thoi han khi can xac minh": "verify_limit", "verify_limit": "verify_limit",
    "phi, le phi": "fee_text", "le phi": "fee_text", "fee_text": "fee_text",
    "thanh phan ho so": "documents", "documents": "documents",
    "gio tiep nhan trong ngay": "same_day_cutoff", "same_day_cutoff": "same_day_cutoff",
    "ket qua": "result_document", "result_document": "result_document",
    "cap thuc hien": "level", "level": "level",
}


def _header(h: str) -> str:
    key = fold(h)
    return _HEADER_ALIASES.get(key, key.replace(" ", "_"))


def _read_columns() -> frozenset[str]:
    """The spreadsheet columns `_normalise` reads (a bad cell in any other column is dropped, not refused)."""
    return frozenset(_HEADER_ALIASES.values()) | {"confirmed", "result_by", "unconfirmed_fields", "source"}


def _without_duplicates(candidates: list[tuple[str, dict[str, Any]]], errors: list[str]) -> list[dict[str, Any]]:
    """The records whose code appears once in the file; each row of a repeated code gets a message."""
    rows_of: dict[str, list[str]] = {}
    for where, rec in candidates:
        rows_of.setdefault(rec["code"], []).append(where)
    out = []
    for where, rec in candidates:
        rows = rows_of[rec["code"]]
        if len(rows) == 1:
            out.append(rec)
            continue
        others = ", ".join(w.lower() for w in rows if w != where)
        errors.append(f"{where}: mã thủ tục {rec['code']} trùng với {others} trong cùng tệp; "
                      "giữ một dòng cho mỗi mã rồi nhập lại.")
    return out


class Catalog:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- loading ----------------------------------------------------------------------------------
    def ensure_loaded(self) -> ImportReport | None:
        if self.store.scalar("SELECT COUNT(*) FROM procedures"):
            return None
        return self.import_file(resource("procedures.json"), source="danh mục khởi tạo", actor="system")

    def current_version(self) -> int:
        return int(self.store.scalar("SELECT COALESCE(MAX(version), 0) FROM catalog_versions") or 0)

    def import_file(self, path: Path | str, *, source: str | None = None, actor: str = "system",
                    limits: ReadLimits = DEFAULT_LIMITS) -> ImportReport:
        """Import a JSON, CSV or XLSX catalogue; its reading is bounded by `limits` (desk/catalog_files.py)."""
        path = Path(path)
        raw = read_catalog_file(path, _header, limits, _read_columns())
        return self.import_records(raw, source=source or path.name, actor=actor, from_file=True)

    def import_records(self, raw: Iterable[Mapping[str, Any]], *, source: str, actor: str = "system",
                       from_file: bool = False) -> ImportReport:
        """Import the good rows and list the bad ones, each by its row. From a file (`from_file`), rows that share
        a code are all refused (which one is right cannot be told) and a file with no good row is refused whole,
        nothing written; the district's versions (desk/sync/refdata.py) keep their own rules."""
        require(self.store, actor, "catalog.edit")
        report = ImportReport(source=source)
        candidates: list[tuple[str, dict[str, Any]]] = []
        for i, r in enumerate(raw, start=1):
            where = str(r.get(WHERE) or f"Dòng {i}")
            if r.get(ERROR):
                report.errors.append(str(r[ERROR]))
                continue
            try:
                candidates.append((where, _normalise(r, where)))
            except ValidationError as e:
                report.errors.append(e.message_vi)
        records = _without_duplicates(candidates, report.errors) if from_file else [r for _w, r in candidates]
        if not records and from_file:
            problems = report.errors or [f"Tệp «{source}» không có thủ tục nào."]
            shown = [ValidationError("file", m) for m in problems[:50]]
            if len(problems) > 50:
                shown.append(ValidationError("file", f"… và {len(problems) - 50} dòng lỗi khác."))
            shown.append(ValidationError("file", f"Không nhập tệp «{source}»: không có dòng nào hợp lệ. "
                                                 "Không có gì được ghi."))
            raise ValidationErrors(shown)
        with self.store.write(actor) as uow:
            version = int(uow.one("SELECT COALESCE(MAX(version), 0) AS v FROM catalog_versions")["v"]) + 1  # type: ignore[index]
            report.version = version
            for rec in records:
                self._upsert(uow, rec, version, report)
            uow.insert("catalog_versions", {
                "version": version, "source": source, "imported_at": iso(uow.now),
                "summary": json.dumps({"added": len(report.added), "updated": len(report.updated),
                                       "errors": len(report.errors)}),
            })
            uow.audit("catalog_import", "catalog", str(version), {
                "source": source, "added": report.added, "updated": report.updated, "errors": report.errors,
            })
        return report

    def _upsert(self, uow: UnitOfWork, rec: dict[str, Any], version: int, report: ImportReport) -> None:
        docs = rec.pop("documents")
        present: set[str] = rec.pop("_present")
        old = uow.one("SELECT * FROM procedures WHERE code = ?", (rec["code"],))
        rec["name_fold"] = fold(rec["name"])
        rec["catalog_version"] = version
        rec["updated_at"] = iso(uow.now)
        if old is None:
            uow.insert("procedures", rec)
            self._write_docs(uow, rec["code"], docs)
            self._index(uow, rec["code"])
            report.added.append(rec["code"])
            return
        local = set(json.loads(old["local_fields"] or "[]"))
        old_docs = uow.all(
            "SELECT name, copies, copies_text, submission FROM procedure_documents WHERE procedure_code = ? ORDER BY position",
            (rec["code"],),
        )
        changed = [k for k in COMPARED if k != "documents" and k in present and k not in local
                   and rec.get(k) != old.get(k)]
        if "documents" in present and old_docs != docs:
            changed.append("documents")
        kept = [k for k in local if k in present and rec.get(k) != old.get(k)]
        if kept:
            report.kept_local[rec["code"]] = sorted(kept)
        if not changed:
            report.unchanged += 1
            return
        update = {k: rec[k] for k in changed if k != "documents"}
        if "time_limit" in update:
            update["limit_source"] = rec["limit_source"]
        update.update({"name_fold": fold(str(update.get("name", old["name"]))), "catalog_version": version, "updated_at": rec["updated_at"]})
        uow.update("procedures", {"code": rec["code"]}, update)
        if "documents" in changed:
            self._write_docs(uow, rec["code"], docs)
        self._index(uow, rec["code"])
        report.updated[rec["code"]] = changed

    @staticmethod
    def _write_docs(uow: UnitOfWork, code: str, docs: list[dict[str, Any]]) -> None:
        uow.execute("DELETE FROM procedure_documents WHERE procedure_code = ?", (code,))
        for pos, d in enumerate(docs, start=1):
            uow.insert("procedure_documents", {"procedure_code": code, "position": pos, **d})

    @staticmethod
    def _index(uow: UnitOfWork, code: str) -> None:
        row = uow.one("SELECT rowid, code, name_fold, field FROM procedures WHERE code = ?", (code,))
        assert row is not None
        uow.execute("DELETE FROM procedures_fts WHERE rowid = ?", (row["rowid"],))
        uow.execute(
            "INSERT INTO procedures_fts (rowid, code, name_fold, field_fold) VALUES (?, ?, ?, ?)",
            (row["rowid"], row["code"], row["name_fold"], fold(row["field"])),
        )

    # --- reading ----------------------------------------------------------------------------------
    def get(self, code: str) -> dict[str, Any]:
        row = self.store.query_one("SELECT * FROM procedures WHERE code = ?", (code.strip(),))
        if row is None:
            raise NotFoundError(f"Không có thủ tục mã «{code}» trong danh mục.", code="unknown_procedure")
        row["documents"] = self.documents(row["code"])
        row["unconfirmed_fields"] = json.loads(row["unconfirmed_fields"] or "[]")
        limit = optional_limit(row["time_limit"])
        verify = optional_limit(row["verify_limit"])
        row["limit_text"] = limit.text_vi() if limit else ""
        row["verify_limit_text"] = verify.text_vi() if verify else ""
        # No limit yet: the officer answers once for the procedure (set_limit) before the first intake.
        row["needs_limit"] = limit is None
        return row

    def limit_of(self, code: str) -> TimeLimit | None:
        return optional_limit(self.store.scalar("SELECT time_limit FROM procedures WHERE code = ?", (code,)))

    def documents(self, code: str) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT position, name, copies, copies_text, submission FROM procedure_documents "
            "WHERE procedure_code = ? ORDER BY position",
            (code,),
        )

    def search(self, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Procedures matching every word typed (diacritics ignored), most used by this office first."""
        words = re.findall(r"[0-9a-z.]+", fold(text))
        if not words:
            return self.store.query(
                "SELECT code, name, field, time_limit_days, time_limit, use_count FROM procedures WHERE active = 1 "
                "ORDER BY use_count DESC, name_fold LIMIT ?",
                (limit,),
            )
        if len(words) == 1 and re.match(r"^\d+\.\d*$", words[0]):
            return self.store.query(
                "SELECT code, name, field, time_limit_days, time_limit, use_count FROM procedures "
                "WHERE active = 1 AND code LIKE ? ORDER BY use_count DESC, code LIMIT ?",
                (words[0] + "%", limit),
            )
        match = " ".join(f'"{w}"*' for w in words if "." not in w) or f'"{words[0]}"'
        return self.store.query(
            "SELECT p.code, p.name, p.field, p.time_limit_days, p.time_limit, p.use_count FROM procedures_fts f "
            "JOIN procedures p ON p.rowid = f.rowid "
            "WHERE procedures_fts MATCH ? AND p.active = 1 "
            "ORDER BY p.use_count DESC, f.rank LIMIT ?",
            (match, limit),
        )

    # --- local edits ------------------------------------------------------------------------------
    def set_limit(self, code: str, limit: str, *, verify_limit: str | None = None, cutoff: str | None = None,
                  actor: str = "system") -> dict[str, Any]:
        """The officer's answer, once for the procedure: its limit as the law writes it ("03 ngày làm
        việc", "Trong ngày", "15 ngày"…), kept as the office's and by later imports."""
        changes: dict[str, Any] = {"time_limit": parse_limit(limit).spec}
        if verify_limit is not None:
            changes["verify_limit"] = verify_limit
        if cutoff is not None:
            changes["same_day_cutoff"] = cutoff
        # Answering a procedure that has no limit yet is the counter's job (the citizen is waiting);
        # changing a limit the catalogue already has is an admin's correction.
        require(self.store, actor, "catalog.answer_limit" if self.get(code)["needs_limit"] else "catalog.edit")
        return self._set_local(code, changes, actor=actor)

    def set_local(self, code: str, changes: Mapping[str, Any], *, actor: str = "system") -> dict[str, Any]:
        """An office correction of time limit, same-day cutoff or fee; later imports keep it."""
        require(self.store, actor, "catalog.edit")
        return self._set_local(code, changes, actor=actor)

    def _set_local(self, code: str, changes: Mapping[str, Any], *, actor: str) -> dict[str, Any]:
        current = self.get(code)
        clean: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in EDITABLE:
                raise ValidationError(key, f"Không sửa được trường «{key}» của thủ tục tại cơ quan.")
            if key in ("time_limit", "time_limit_days"):
                limit: TimeLimit | None
                if value in (None, ""):
                    limit = None
                elif key == "time_limit_days":
                    try:
                        days = int(value)
                    except (TypeError, ValueError):
                        raise ValidationError(key, "Thời hạn giải quyết phải là số ngày làm việc.") from None
                    if not 0 <= days <= 365:
                        raise ValidationError(key, "Thời hạn giải quyết phải từ 0 đến 365 ngày làm việc.")
                    limit = TimeLimit.working_days(days)
                else:
                    limit = parse_limit(str(value), field=key)
                clean["time_limit"] = limit.spec if limit else None
                clean["time_limit_days"] = limit.whole_working_days if limit else None
                clean["limit_source"] = "office" if limit else ""
                clean["limit_basis"] = "Cơ quan xác định" if limit else ""
            elif key == "verify_limit":
                clean[key] = parse_limit(str(value), field=key, label="Thời hạn khi cần xác minh").spec \
                    if value not in (None, "") else None
            elif key == "same_day_cutoff":
                v = str(value or "").strip()
                clean[key] = f"{parse_hhmm(v, field=key, label='Giờ giới hạn tiếp nhận'):%H:%M}" if v else None
            else:
                clean[key] = clean_line(value, field=key, label="Phí, lệ phí", max_len=2000)
        local = sorted(set(json.loads(self.store.scalar(
            "SELECT local_fields FROM procedures WHERE code = ?", (current["code"],)) or "[]")) | set(clean))
        if "time_limit" in clean:
            local = sorted(set(local) | set(LIMIT_FIELDS))
        with self.store.write(actor) as uow:
            uow.update("procedures", {"code": current["code"]},
                       {**clean, "local_fields": json.dumps(local), "updated_at": iso(uow.now)})
            uow.audit("procedure_edited", "procedure", current["code"],
                      {k: {"old": current.get(k), "new": v} for k, v in clean.items()})
        return self.get(code)

    def bump_use(self, uow: UnitOfWork, code: str) -> None:
        uow.execute("UPDATE procedures SET use_count = use_count + 1 WHERE code = ?", (code,))
