"""The other counters of this commune as this PC knows them (issue 15): for `desk peers` and the sync page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.store import Store

# Heard over the office network this recently, and no failed exchange with it since: reachable now
# (the office loop asks every few seconds).
REACHABLE_FOR = timedelta(minutes=2)
VIA_VI = {"lan": "mạng nội bộ", "district": "qua cấp trên"}


@dataclass
class Peer:
    device_id: str
    desk_no: int | None
    name: str
    first_seen_at: str
    last_heard_at: str
    last_via: str
    address: str
    reachable: bool
    dossiers: int

    def line_vi(self) -> str:
        number = f"Quầy số {self.desk_no:02d}" if self.desk_no is not None else "Quầy (chưa rõ số)"
        now = "liên lạc được ngay" if self.reachable else "không liên lạc được lúc này"
        where = f", địa chỉ {self.address}" if self.address else ""
        return (f"{number} — máy {self.device_id[:8]}: nghe thấy lần cuối {self.last_heard_at.replace('T', ' ')} "
                f"({VIA_VI.get(self.last_via, self.last_via)}){where}; {self.dossiers} hồ sơ do quầy này tiếp nhận; "
                f"{now}.")


def list_peers(store: Store, now: datetime | None = None) -> list[Peer]:
    now = now or store.clock()
    out = []
    for r in store.query("SELECT p.*, (SELECT COUNT(*) FROM dossiers d WHERE d.desk_no = p.desk_no) AS dossiers "
                         "FROM peers p ORDER BY p.desk_no, p.device_id"):
        heard = datetime.fromisoformat(str(r["last_heard_at"]))
        out.append(Peer(device_id=str(r["device_id"]), desk_no=r["desk_no"], name=str(r["name"] or ""),
                        first_seen_at=str(r["first_seen_at"]), last_heard_at=str(r["last_heard_at"]),
                        last_via=str(r["last_via"]), address=str(r["address"] or ""),
                        # Not once an exchange with it failed since (peerops.unreachable), however recent.
                        reachable=r["last_via"] == "lan" and now - heard <= REACHABLE_FOR and not r["unreachable_at"],
                        dossiers=int(r["dossiers"] or 0)))
    return out


def recorded_at(store: Store, dossier: dict[str, object]) -> str:
    """For a dossier's detail: which counter recorded it, when it was another one."""
    own = int(store.device()["desk_no"])
    number = dossier.get("desk_no")
    if not isinstance(number, int) or number == own:
        return ""
    return f"Tiếp nhận tại Quầy số {number:02d} (máy khác của cơ quan)"
