"""A realistic demo commune: an office, two officers and a few hundred dossiers in every state.

Dossiers go through the real write path with a clock that walks through the last weeks' office hours,
so the demo data looks exactly like data the desk would have made itself.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from desk import lifecycle as lc
from desk.errors import ValidationError
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thành", "Công"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Mai", "Bích"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn",
           "Việt", "Đạt", "Thắng"]
GIVEN_F = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Nga", "Oanh", "Phương",
           "Thảo", "Trang", "Yến"]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Phan Bội Châu"]
HAMLETS = ["Thôn Đông", "Thôn Đoài", "Thôn Trung", "Tổ dân phố 3", "Tổ dân phố 5", "Xóm Mới"]
# Procedures a ward desk actually sees most, with rough daily weights.
POPULAR = {"1.001193": 12, "2.000635": 6, "1.000894": 4, "1.000656": 4, "2.000908": 20, "2.000815": 10,
           "1.004859": 2, "1.001022": 3, "2.000884": 3}

DEMO_OFFICE = {
    "name": "UBND phường Hòa Bình",
    "agency_code": "000.00.06.H56",
    "province": "Tỉnh Thái Nguyên",
    "upstream_name": "UBND tỉnh Thái Nguyên",
    "address": "Số 12 đường Lê Lợi, phường Hòa Bình, tỉnh Thái Nguyên",
    "place_name": "Hòa Bình",
    "phone": "0208 3855 123",
    "lookup_url_base": "https://dichvucong.thainguyen.gov.vn/tra-cuu",
}


@contextmanager
def _clock_at(desk: Desk, holder: list[datetime]) -> Iterator[None]:
    original = desk.store.clock
    desk.store.clock = lambda: holder[0]
    try:
        yield
    finally:
        desk.store.clock = original


def _person(rng: random.Random) -> dict[str, Any]:
    female = rng.random() < 0.5
    name = " ".join([rng.choice(SURNAMES), rng.choice(MIDDLE_F if female else MIDDLE_M),
                     rng.choice(GIVEN_F if female else GIVEN_M)])
    dob = date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
    century_digit = (0 if dob.year < 2000 else 2) + (1 if female else 0)
    id_number = f"019{century_digit}{dob.year % 100:02d}{rng.randint(0, 999999):06d}"
    address = (f"Số {rng.randint(1, 200)} đường {rng.choice(STREETS)}, " if rng.random() < 0.6 else
               f"{rng.choice(HAMLETS)}, ") + "phường Hòa Bình, tỉnh Thái Nguyên"
    phone = "0" + rng.choice(["912", "983", "868", "339", "708", "977"]) + f"{rng.randint(0, 999999):06d}"
    return {"full_name": name, "id_number": id_number, "dob": dob.strftime("%d/%m/%Y"),
            "gender": "Nữ" if female else "Nam", "address": address, "phone": phone}


def seed_demo(desk: Desk, *, count: int = 300, days: int = 30, seed: int = 20261123,
              now: datetime | None = None) -> dict[str, int]:
    """Create the demo office (if missing), officers and `count` dossiers over the last `days` days."""
    rng = random.Random(seed)
    if desk.office.get() is None:
        desk.office.save(DEMO_OFFICE)
    officers = {o["username"]: o for o in desk.officers.list()}
    if "admin" not in officers:
        desk.officers.create("admin", "Nguyễn Thị Quản Trị", "admin123", role="admin", title="Công chức Văn phòng")
    if "canbo1" not in officers:
        desk.officers.create("canbo1", "Trần Văn Tiếp", "canbo123", title="Công chức Tư pháp – Hộ tịch")
    if "lanhdao" not in officers:
        desk.officers.create("lanhdao", "Lê Văn Chủ Tịch", "lanhdao123", role="leader",
                             title="Phó Chủ tịch UBND")
    # The leader decides apologies (desk/permissions.py); the others work at the counter.
    officer_ids = [o["id"] for o in desk.officers.list() if o["role"] != "leader"]
    leader_id = next(o["id"] for o in desk.officers.list() if o["role"] == "leader")
    now = (now or desk.store.clock()).replace(second=0, microsecond=0)
    cal = desk.calendar()
    available = [c for c in POPULAR if _exists(desk, c)]
    weights = [POPULAR[c] for c in available]
    others = [p["code"] for p in desk.store.query("SELECT code FROM procedures WHERE time_limit IS NOT NULL")]
    day = now.date() - timedelta(days=days)
    work_days = []
    while day <= now.date():
        if cal.is_working_day(day):
            work_days.append(day)
        day += timedelta(days=1)
    holder = [now]
    stats: dict[str, int] = {}
    people = [_person(rng) for _ in range(max(20, count // 2))]
    with _clock_at(desk, holder):
        for i in range(count):
            d = work_days[min(len(work_days) - 1, int(i * len(work_days) / count))]
            received = datetime.combine(d, datetime.min.time()) + timedelta(
                hours=rng.choice([7, 8, 9, 10, 13, 14, 15, 16]), minutes=rng.randint(0, 59))
            if received > now:
                received = now - timedelta(minutes=count - i)
            holder[0] = received
            code = rng.choices(available, weights)[0] if available and rng.random() < 0.85 else rng.choice(others)
            person = rng.choice(people)
            channel = rng.choices(["direct", "online", "post"], [70, 27, 3])[0]
            intake = IntakeInput(code, ApplicantInput(**person), channel=channel, received_at=received)
            if desk.catalog.get(code)["needs_limit"]:
                # What an officer does the first time: answer the procedure's limit once.
                desk.catalog.set_limit(code, "05 ngày làm việc", actor=officer_ids[0])
            outcome = lc.RECEIVED
            r = rng.random()
            if r < 0.03:
                outcome = lc.REFUSED
            elif r < 0.06:
                outcome = lc.SUPPLEMENT_REQUESTED
            try:
                dossier = desk.dossiers.receive(
                    intake, rng.choice(officer_ids), outcome=outcome,
                    reason="Hồ sơ không thuộc thẩm quyền giải quyết của UBND phường." if outcome == lc.REFUSED else "",
                    missing_documents=["Bản sao Giấy chứng nhận kết hôn của cha, mẹ"]
                    if outcome == lc.SUPPLEMENT_REQUESTED else (),
                )
            except ValidationError:
                continue
            stats[outcome] = stats.get(outcome, 0) + 1
            if outcome != lc.RECEIVED:
                continue
            if i >= count - max(3, count // 50):
                continue  # the day's last citizens: not handed over yet, whatever the hour of the seeding
            if rng.random() < 0.01:
                desk.dossiers.act(dossier["id"], "cancel", leader_id,
                                  data={"reason": "Nhập nhầm thủ tục; đã tiếp nhận lại đúng thủ tục."})
                stats["cancelled"] = stats.get("cancelled", 0) + 1
                continue
            _advance(desk, dossier, rng, officer_ids, holder, now, stats, leader_id)
    return stats


def _exists(desk: Desk, code: str) -> bool:
    return bool(desk.store.scalar("SELECT 1 FROM procedures WHERE code = ?", (code,)))


def _advance(desk: Desk, dossier: dict[str, Any], rng: random.Random, officers: list[str],
             holder: list[datetime], now: datetime, stats: dict[str, int], leader: str) -> None:
    """Walk a dossier forward as far as its age allows."""
    received = datetime.fromisoformat(dossier["received_at"])
    due = datetime.fromisoformat(dossier["due_at"])
    cal = desk.calendar()
    # Steps happen in office hours: walk the working time between receipt and the due date.
    span = max(cal.working_minutes_between(received, due), 120)
    who = rng.choice(officers)

    def at(fraction: float) -> bool:
        moment = cal.add_working_minutes(received, max(1, int(span * fraction)))
        if moment >= now:
            return False
        holder[0] = moment
        return True

    if not at(0.05):
        return
    desk.dossiers.act(dossier["id"], "hand_over", who, data={"to_unit": "Công chức Tư pháp – Hộ tịch"})
    late = rng.random() < 0.06
    if rng.random() < 0.05 and at(0.3):
        desk.dossiers.act(dossier["id"], "apologize", leader, data={
            "reason": "Cần xác minh thêm thông tin tại nơi cư trú trước đây của người yêu cầu.",
            "new_due_at": desk.calendar().add_working_minutes(due, 3 * 8 * 60)})
        stats["apologized"] = stats.get("apologized", 0) + 1
    if rng.random() < 0.03 and at(0.4):
        desk.dossiers.act(dossier["id"], "withdraw", who, data={"reason": "Người dân xin rút hồ sơ."})
        stats["withdrawn"] = stats.get("withdrawn", 0) + 1
        return
    if rng.random() < 0.02 and at(0.45):
        desk.dossiers.act(dossier["id"], "reject", who, data={
            "reason": "Thửa đất đang có tranh chấp, chưa đủ điều kiện giải quyết theo quy định."})
        stats["rejected"] = stats.get("rejected", 0) + 1
        return
    if not at(1.15 if late else rng.uniform(0.4, 0.95)):
        return
    desk.dossiers.act(dossier["id"], "result_ready", who)
    if not at((1.25 if late else 1.0) + rng.uniform(0.0, 0.6)):
        stats["result_ready"] = stats.get("result_ready", 0) + 1
        return
    current = desk.dossiers.get(dossier["id"])
    desk.dossiers.act(dossier["id"], "return_result", who, data={
        "collected_by": current["applicant_name"],
        "satisfaction": rng.choices(["very_satisfied", "satisfied", "dissatisfied"], [60, 37, 3])[0],
    })
    stats["returned"] = stats.get("returned", 0) + 1
