"""Versioned reference data going down (docs/sync.md rule 12): the procedure catalogue, the calendar, and the
fee schedule with the receipt series handed out to communes (`fees`).

Each publication is a new whole version (a few hundred KB at most), so a desk that missed several gets
the latest in one request and never has to replay history. Publishing never touches a dossier: a due
date already printed for a citizen stays what it was, and each dossier keeps the versions it used.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, func, insert, select

from district import models as m
from district.db import stamp
from district.errors import bad_request, not_found

NAMES = ("catalog", "calendar", "fees")


def publish(conn: Connection, name: str, body: dict[str, Any]) -> int:
    validate(name, body)
    version = int(conn.execute(select(func.coalesce(func.max(m.refdata.c.version), 0))
                               .where(m.refdata.c.name == name)).scalar() or 0) + 1
    conn.execute(insert(m.refdata).values(name=name, version=version, published_at=stamp(),
                                          body=json.dumps(body, ensure_ascii=False, sort_keys=True)))
    return version


def validate(name: str, body: dict[str, Any]) -> None:
    if name == "catalog":
        records = body.get("records")
        if not isinstance(records, list) or not all(isinstance(r, dict) and r.get("code") for r in records):
            raise bad_request("bad_refdata", "catalog needs records with a code",
                              "Danh mục phải là danh sách thủ tục, mỗi thủ tục có mã.")
    elif name == "calendar":
        days = body.get("days")
        if not isinstance(days, list):
            raise bad_request("bad_refdata", "calendar needs days", "Lịch phải có danh sách ngày.")
        for d in days:
            if (not isinstance(d, dict) or not re.match(r"^\d{4}-\d{2}-\d{2}$", str(d.get("day", "")))
                    or d.get("kind") not in ("off", "work")):
                raise bad_request("bad_refdata", f"bad calendar day {d!r}",
                                  "Mỗi ngày trong lịch cần dạng YYYY-MM-DD và loại «off» hoặc «work».")
    elif name == "fees":
        rules, series = body.get("rules"), body.get("series", [])
        if not isinstance(rules, list) or not all(
                isinstance(r, dict) and r.get("procedure_code") and r.get("method") for r in rules):
            raise bad_request("bad_refdata", "fees needs rules with a procedure_code and a method",
                              "Biểu phí phải là danh sách khoản thu, mỗi khoản có mã thủ tục và cách tính.")
        if not isinstance(series, list) or not all(
                isinstance(s, dict) and s.get("commune") and s.get("symbol") for s in series):
            raise bad_request("bad_refdata", "fee series need a commune and a symbol",
                              "Mỗi dải số biên lai cấp cho xã cần mã cơ quan của xã và ký hiệu.")
    else:
        raise not_found("unknown_refdata", f"no reference data named {name}",
                        f"Không có loại dữ liệu dùng chung «{name}».")


def versions(conn: Connection) -> dict[str, int]:
    out = dict.fromkeys(NAMES, 0)
    for r in conn.execute(select(m.refdata.c.name, func.max(m.refdata.c.version)).group_by(m.refdata.c.name)):
        out[str(r[0])] = int(r[1])
    return out


def fetch(conn: Connection, name: str, since: int) -> dict[str, Any]:
    if name not in NAMES:
        validate(name, {})
    row = conn.execute(select(m.refdata).where(m.refdata.c.name == name)
                       .order_by(m.refdata.c.version.desc()).limit(1)).first()
    if row is None or int(row.version) <= since:
        return {"name": name, "version": since if row is None else int(row.version), "unchanged": True}
    return {"name": name, "version": int(row.version), "published_at": row.published_at,
            "unchanged": False, **json.loads(row.body)}
