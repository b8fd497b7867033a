"""The other counters of this commune as this PC knows them (issue 15): for `desk peers` and the sync page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.store import Store

# Heard over the office network this recently, and no failed exchange with it since: reachable now
# (the office loop asks every few seconds).
REACHABLE_FOR = timedelta(minutes=2)
VIA_VI = {"lan": "mạng nội bộ", "district": "qua cấp trên"}
# Another PC heard with this PC's counter number this recently is a clash: dossier codes and receipt
# numbers carry the number, so the two would hand out the same ones. Older sightings may be a PC since
# revoked or renumbered, whose number the district has freed.
CLASH_WINDOW = timedelta(days=30)


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


def holders_of(store: Store, desk_no: int, now: datetime | None = None) -> list[Peer]:
    """The commune's other PCs heard lately with counter number `desk_no`."""
    since = (now or store.clock()) - CLASH_WINDOW
    return [p for p in list_peers(store, now)
            if p.desk_no == desk_no and datetime.fromisoformat(p.last_heard_at) >= since]


def number_clash_vi(store: Store, now: datetime | None = None) -> str:
    """Said on the sync page and by `desk peers` while another PC of the commune uses this PC's number.
    The district checks numbers at enrolment; this catches a number changed by hand afterwards, and PCs
    that only ever met over the office network."""
    own = int(store.device()["desk_no"])
    clash = holders_of(store, own, now)
    if not clash:
        return ""
    other = clash[0]
    return (f"Số quầy {own:02d} của máy này trùng với máy {other.device_id[:8]} của cơ quan (nghe thấy lần cuối "
            f"{other.last_heard_at.replace('T', ' ')}, {VIA_VI.get(other.last_via, other.last_via)}): mã hồ sơ và "
            "số biên lai của hai máy có thể trùng nhau. Quản trị viên cần đổi số quầy của một trong hai máy "
            "(«desk init --desk-no SỐ») trước khi tiếp nhận tiếp.")


def recorded_at(store: Store, dossier: dict[str, object]) -> str:
    """For a dossier's detail: which counter recorded it, when it was another one."""
    own = int(store.device()["desk_no"])
    number = dossier.get("desk_no")
    if not isinstance(number, int) or number == own:
        return ""
    return f"Tiếp nhận tại Quầy số {number:02d} (máy khác của cơ quan)"
