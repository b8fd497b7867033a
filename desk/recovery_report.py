"""What a restore could not bring back, for the officer to re-enter from the paper slips.

When the store detects a restore (desk/store.py, `restore_detected`), it records the daily numbers it
had handed out before and the sequence numbers the restored copy lost. After the sync has fetched back
from the district what the district holds (desk/sync/recovery.py), a dossier code issued before the
restore and still absent is one that never reached the district: its slip is in a citizen's hands and
its record is gone. Some may be numbers skipped by a write killed before its commit (never printed).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from desk.codes import format_code
from desk.store import Store


@dataclass
class RecoveryReport:
    restored: bool = False
    lost_ops: int = 0                                  # changes the restore lost, by sequence number
    recovered_ops: int = 0                             # …of which the district gave back
    missing_codes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing_codes and self.recovered_ops >= self.lost_ops

    def lines_vi(self) -> list[str]:
        if not self.restored:
            return []
        out = [f"Đã lấy lại từ cấp trên {self.recovered_ops}/{self.lost_ops} thay đổi bị mất khi khôi phục."]
        if self.missing_codes:
            out.append(f"{len(self.missing_codes)} mã hồ sơ đã cấp nhưng không lấy lại được (chưa kịp gửi lên cấp "
                       "trên). Hãy nhập lại các hồ sơ này từ giấy tiếp nhận và hẹn trả kết quả:")
            out.extend(f"  {c}" for c in self.missing_codes)
        elif self.recovered_ops < self.lost_ops:
            out.append("Một số thay đổi chưa lấy lại được: hãy đồng bộ khi có mạng rồi xem lại («desk recovery-report»).")
        else:
            out.append("Không mất hồ sơ nào.")
        return out


def report(store: Store) -> RecoveryReport:
    """About the latest restore this database went through (empty if none)."""
    row = store.query_one("SELECT id, detail FROM audit_log WHERE action = 'restore_detected' ORDER BY id DESC LIMIT 1")
    if row is None:
        return RecoveryReport()
    detail = json.loads(row["detail"] or "{}")
    first, last = int(detail.get("db_next_seq", 0)), int(detail.get("highwater_last_seq", 0))
    out = RecoveryReport(restored=True, lost_ops=max(0, last - first + 1))
    out.recovered_ops = int(store.scalar("SELECT COUNT(*) FROM outbox WHERE seq BETWEEN ? AND ?", (first, last)) or 0)
    office = store.query_one("SELECT agency_code FROM office WHERE id = 1")
    desk_no = int(store.device()["desk_no"])
    if office is None:
        return out
    for key, last_number in sorted(dict(detail.get("codes") or {}).items()):
        if not re.fullmatch(r"\d{6}", str(key)):
            continue  # register counters and other numbering, not dossier codes
        day = datetime.strptime(str(key), "%y%m%d").date()
        out.missing_codes.extend(_missing(store, str(office["agency_code"]), day, desk_no, int(last_number)))
    return out


def _missing(store: Store, agency: str, day: date, desk_no: int, last_number: int) -> list[str]:
    codes = [format_code(agency, day, desk_no, n) for n in range(1, last_number + 1)]
    present: set[str] = set()
    for i in range(0, len(codes), 500):
        chunk = codes[i:i + 500]
        present.update(str(r["code"]) for r in store.query(
            f"SELECT code FROM dossiers WHERE code IN ({', '.join('?' for _ in chunk)})", chunk))
    return [c for c in codes if c not in present]
