"""Core commands: init, receive, calendar, catalog, search, show, act, officer, seed-demo (backup and restore:
desk/cli/vault_cmd.py)."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import Any

from desk import timing
from desk.calendar import OFF, WORK, seasons_text
from desk.catalog_files import DEFAULT_LIMITS
from desk.cli import data_dir_of
from desk.clock import system_clock
from desk.codes import register_stt
from desk.errors import ValidationError
from desk.intake import ApplicantInput, IntakeInput, parse_moment
from desk.lifecycle import ACTION_LABELS_VI, ACTIONS, STATUS_LABELS_VI
from desk.limits import TimeLimit, optional_limit, parse_limit
from desk.services import Desk
from desk.text import parse_hhmm


def _open(args: argparse.Namespace) -> Desk:
    return Desk.open(data_dir_of(args))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="khai báo thông tin cơ quan (không cần mở cửa sổ)")
    p.add_argument("--office-name", required=True, help="tên cơ quan, ví dụ «UBND phường Hòa Bình»")
    p.add_argument("--agency-code", required=True, help="mã định danh điện tử của cơ quan (≤35 ký tự)")
    p.add_argument("--province", default="")
    p.add_argument("--address", default="")
    p.add_argument("--place-name", default="", help="địa danh ghi ở dòng «…, ngày … tháng … năm …»")
    p.add_argument("--lookup-url", default="", help="địa chỉ trang tra cứu hồ sơ in trên mã QR")
    p.add_argument("--unit-name", default="",
                   help="tên bộ phận in trên biểu mẫu (mặc định «Bộ phận tiếp nhận và trả kết quả»)")
    p.add_argument("--desk-no", type=int, default=None,
                   help="số quầy của máy này (1–99); mỗi máy của cùng một xã phải có số quầy khác nhau")
    p.add_argument("--slip-key", default=None,
                   help="khóa kiểm tra giấy hẹn chung của xã (64 chữ số hệ 16), chép từ máy đầu tiên")
    p.add_argument("--admin-user", default=None, help="tạo tài khoản quản trị với tên đăng nhập này")
    p.add_argument("--admin-password", default=None)
    p.add_argument("--admin-name", default="Quản trị viên")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("slip-key", help="in khóa kiểm tra giấy hẹn của xã để cài cho các máy khác")
    p.set_defaults(func=cmd_slip_key)

    p = sub.add_parser("receive", help="tiếp nhận một hồ sơ (ví dụ nhập lại hồ sơ nhận trên giấy)")
    p.add_argument("--procedure", required=True, help="mã thủ tục, ví dụ 1.001193")
    p.add_argument("--name", required=True, help="họ tên người nộp")
    p.add_argument("--id", default="", dest="id_number", help="số định danh cá nhân 12 chữ số")
    p.add_argument("--dob", default="", help="ngày sinh DD/MM/YYYY")
    p.add_argument("--gender", default="", help="Nam hoặc Nữ")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--email", default="")
    p.add_argument("--channel", default="direct", choices=["direct", "online", "post"])
    p.add_argument("--received-at", default=None, help="thời điểm tiếp nhận «YYYY-MM-DD HH:MM» (mặc định: bây giờ)")
    p.add_argument("--due-at", default=None,
                   help="ngày hẹn trả đã ghi trên giấy hẹn bằng tay (nhập lại hồ sơ nhận trên giấy)")
    p.add_argument("--officer", default=None, help="tên đăng nhập cán bộ tiếp nhận")
    p.set_defaults(func=cmd_receive)

    cal = sub.add_parser("calendar", help="lịch làm việc: ngày nghỉ, ngày làm bù, tính ngày hẹn trả")
    csub = cal.add_subparsers(dest="calendar_command", metavar="LỆNH", required=True)
    p = csub.add_parser("show", help="liệt kê ngày nghỉ và ngày làm bù của một năm")
    p.add_argument("year", type=int)
    p.set_defaults(func=cmd_calendar_show)
    p = csub.add_parser("due", help="tính ngày hẹn trả")
    p.add_argument("--received", required=True, help="«YYYY-MM-DD HH:MM»")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--days", type=int, help="số ngày làm việc (0 = trong ngày)")
    how.add_argument("--limit", help="thời hạn như danh mục ghi: «Trong ngày», «0,5 ngày làm việc», "
                                    "«04 giờ làm việc», «03 ngày làm việc», «15 ngày»")
    p.add_argument("--same-day-cutoff", default=None, help="giờ giới hạn nhận trong ngày, ví dụ 15:00")
    p.set_defaults(func=cmd_calendar_due)
    p = csub.add_parser("set", help="thêm ngày nghỉ (off) hoặc ngày làm việc (work) của cơ quan")
    p.add_argument("day", help="YYYY-MM-DD")
    p.add_argument("kind", choices=[OFF, WORK])
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_calendar_set)
    p = csub.add_parser("clear", help="bỏ một ngày đã thêm")
    p.add_argument("day", help="YYYY-MM-DD")
    p.set_defaults(func=cmd_calendar_clear)

    cat = sub.add_parser("catalog", help="danh mục thủ tục hành chính")
    ksub = cat.add_subparsers(dest="catalog_command", metavar="LỆNH", required=True)
    p = ksub.add_parser("import", help="nhập hoặc cập nhật danh mục từ JSON, CSV hoặc XLSX")
    p.add_argument("file")
    p.add_argument("--max-mb", type=float, default=None,
                   help=f"tệp lớn nhất được nhận, MB (mặc định {DEFAULT_LIMITS.max_bytes // 1024 // 1024})")
    p.add_argument("--max-rows", type=int, default=None,
                   help=f"số dòng thủ tục nhiều nhất (mặc định {DEFAULT_LIMITS.max_rows})")
    p.add_argument("--max-seconds", type=float, default=None,
                   help=f"thời gian đọc tệp lâu nhất, giây (mặc định {DEFAULT_LIMITS.max_seconds:g})")
    p.set_defaults(func=cmd_catalog_import)
    p = ksub.add_parser("search", help="tìm thủ tục (không cần gõ dấu)")
    p.add_argument("text", nargs="*")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_catalog_search)
    p = ksub.add_parser("show", help="xem một thủ tục")
    p.add_argument("code")
    p.set_defaults(func=cmd_catalog_show)
    p = ksub.add_parser("set", help="sửa thời hạn, giờ giới hạn hoặc phí của một thủ tục tại cơ quan")
    p.add_argument("code")
    p.add_argument("--days", default=None, help="thời hạn giải quyết (ngày làm việc)")
    p.add_argument("--limit", default=None, help="thời hạn như danh mục ghi, ví dụ «15 ngày», «04 giờ làm việc»")
    p.add_argument("--verify-limit", default=None, help="thời hạn khi cần xác minh, ví dụ «08 ngày làm việc»")
    p.add_argument("--cutoff", default=None, help="giờ giới hạn tiếp nhận trong ngày, ví dụ 15:00")
    p.add_argument("--fee", default=None, help="phí, lệ phí")
    p.set_defaults(func=cmd_catalog_set)

    p = sub.add_parser("search", help="tìm hồ sơ theo mã, tên, số định danh hoặc điện thoại")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", help="xem một hồ sơ và quá trình xử lý")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("act", help="ghi một bước xử lý hồ sơ")
    p.add_argument("code")
    p.add_argument("action", choices=sorted(ACTIONS))
    p.add_argument("--note", default="")
    p.add_argument("--set", action="append", default=[], metavar="KHÓA=GIÁ_TRỊ",
                   help="dữ liệu của bước, ví dụ reason=…, collected_by=…, new_due_at=…, satisfaction=satisfied")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_act)

    off = sub.add_parser("officer", help="tài khoản cán bộ")
    osub = off.add_subparsers(dest="officer_command", metavar="LỆNH", required=True)
    p = osub.add_parser("add")
    p.add_argument("--username", required=True)
    p.add_argument("--full-name", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--role", default="officer", choices=["officer", "leader", "admin"])
    p.set_defaults(func=cmd_officer_add)
    p = osub.add_parser("list")
    p.set_defaults(func=cmd_officer_list)

    p = sub.add_parser("seed-demo", help="tạo dữ liệu mẫu của một phường (không mở cửa sổ)")
    p.add_argument("--count", type=int, default=300)
    p.set_defaults(func=cmd_seed_demo)


def cmd_init(args: argparse.Namespace) -> int:
    desk = _open(args)
    data: dict[str, Any] = {
        "name": args.office_name, "agency_code": args.agency_code, "province": args.province,
        "address": args.address, "place_name": args.place_name, "lookup_url_base": args.lookup_url,
        "unit_name": args.unit_name,
    }
    current = desk.office.as_dict()
    merged = {**current, **{k: v for k, v in data.items() if v or k not in current}}
    if args.desk_no is not None:
        merged["desk_no"] = args.desk_no
    if args.slip_key:
        merged["slip_key"] = args.slip_key
    profile = desk.office.save(merged)
    if args.admin_user:
        if not args.admin_password:
            raise ValidationError("admin_password", "Cần --admin-password khi tạo tài khoản quản trị.")
        desk.officers.create(args.admin_user, args.admin_name, args.admin_password, role="admin")
    print(f"Đã lưu thông tin cơ quan: {profile.name} ({profile.agency_code})")
    desk_no = desk.store.device()["desk_no"]
    print(f"Máy này là quầy số {desk_no:02d}. Nếu xã có nhiều máy tiếp nhận, mỗi máy cần một số quầy riêng "
          "(--desk-no) và cùng một khóa giấy hẹn (--slip-key, xem «desk slip-key» trên máy đầu tiên).")
    return 0


def cmd_slip_key(args: argparse.Namespace) -> int:
    desk = _open(args)
    profile = desk.office.require()
    print(profile.hmac_key)
    print("Cài khóa này cho các máy khác của xã: desk init … --slip-key <khóa>. Không gửi khóa cho người ngoài.")
    return 0


def _officer_id(desk: Desk, username: str | None) -> str:
    if username:
        row = desk.store.query_one("SELECT id FROM officers WHERE username = ?", (username.lower(),))
        if row is None:
            raise ValidationError("officer", f"Không có cán bộ «{username}».")
        return str(row["id"])
    row = desk.store.query_one("SELECT id FROM officers WHERE active = 1 ORDER BY role = 'admin', created_at LIMIT 1")
    return str(row["id"]) if row else "cli"


def cmd_receive(args: argparse.Namespace) -> int:
    desk = _open(args)
    desk.office.require()
    received = parse_moment(args.received_at, "received_at", "Thời điểm tiếp nhận") if args.received_at else None
    due = parse_moment(args.due_at, "due_at", "Ngày hẹn trả") if args.due_at else None
    intake = IntakeInput(
        procedure_code=args.procedure,
        applicant=ApplicantInput(full_name=args.name, id_number=args.id_number, dob=args.dob or None,
                                 gender=args.gender, address=args.address, phone=args.phone, email=args.email),
        channel=args.channel, received_at=received, confirmed_due_at=due,
    )
    dossier = desk.dossiers.receive(intake, _officer_id(desk, args.officer))
    due_at = datetime.fromisoformat(dossier["due_at"])
    print(dossier["code"])
    print(f"Người nộp: {dossier['applicant_name']} — {dossier['procedure_name']}")
    print(f"Hẹn trả: {due_at:%H:%M} ngày {due_at:%d/%m/%Y}")
    print(f"Sổ theo dõi hồ sơ: quyển {dossier['register_book']}, "
          f"STT {register_stt(dossier['desk_no'], dossier['register_no'])}")
    return 0


def cmd_calendar_show(args: argparse.Namespace) -> int:
    desk = _open(args)
    cal = desk.calendar()
    print(f"Năm {args.year} — ngày nghỉ lễ, Tết và nghỉ bù (cơ quan không làm việc):")
    off = dict(cal.days_off(args.year))
    for d, name in cal.public_holidays(args.year):
        off.setdefault(d, name)
    for d, name in sorted(off.items()):
        note = "  (trùng ngày nghỉ cuối tuần)" if d.weekday() >= 5 and not cal.is_working_day(d) else ""
        note = "  (cơ quan vẫn làm việc)" if cal.is_working_day(d) else note
        print(f"  {d.isoformat()}  {_weekday(d):<9} {name}{note}")
    print(f"Năm {args.year} — ngày làm bù (thứ Bảy/Chủ nhật làm việc):")
    makeup = cal.make_up_days(args.year)
    for d, name in makeup:
        print(f"  {d.isoformat()}  {_weekday(d):<9} {name}")
    if not makeup:
        print("  (không có)")
    adjusted = [a for a in desk.calendars.adjustments() if a["day"].startswith(f"{args.year}-")]
    if adjusted:
        print(f"Năm {args.year} — ngày điều chỉnh (văn bản, cấp trên, cơ quan):")
        origin = {"decree": "văn bản", "district": "cấp trên", "office": "cơ quan"}
        for a in adjusted:
            kind = "nghỉ" if a["kind"] == OFF else "làm việc"
            source = f" — {a['source']}" if a.get("source") else ""
            print(f"  {a['day']}  {_weekday(date.fromisoformat(a['day'])):<9} {kind:<9} "
                  f"[{origin.get(a['origin'], a['origin'])}] {a['note']}{source}")
    print(f"Giờ làm việc: {cal.hours}")
    if cal.seasons:
        print(f"Giờ làm việc theo mùa: {seasons_text(cal.seasons)}")
    return 0


def _weekday(d: date) -> str:
    return ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][d.weekday()]


def cmd_calendar_due(args: argparse.Namespace) -> int:
    desk = _open(args)
    received = parse_moment(args.received, "received", "Thời điểm tiếp nhận")
    cutoff = parse_hhmm(args.same_day_cutoff, field="same_day_cutoff", label="Giờ giới hạn") \
        if args.same_day_cutoff else None
    cal = desk.calendar()
    limit: TimeLimit | None
    if args.limit is not None:
        limit = parse_limit(args.limit, field="limit")
        due = cal.due_for(received, limit, cutoff)
    else:
        limit = TimeLimit.working_days(args.days) if args.days >= 0 else None
        due = cal.due(received, args.days, cutoff)
    print(due.strftime("%Y-%m-%dT%H:%M"))
    if limit is not None:
        print(f"Thời hạn: {limit.text_vi()}")
    print(f"Hẹn trả: {due:%H} giờ {due:%M} phút, {_weekday(due.date())} ngày {due:%d/%m/%Y}")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("day", f"Ngày «{text}» cần dạng YYYY-MM-DD.") from None


def cmd_calendar_set(args: argparse.Namespace) -> int:
    desk = _open(args)
    desk.calendars.set_day(_day(args.day), args.kind, args.note)
    print(f"Đã ghi {args.day}: {'ngày nghỉ' if args.kind == OFF else 'ngày làm việc'}")
    return 0


def cmd_calendar_clear(args: argparse.Namespace) -> int:
    desk = _open(args)
    desk.calendars.clear_day(_day(args.day))
    print(f"Đã bỏ ngày {args.day} khỏi lịch của cơ quan")
    return 0


def cmd_catalog_import(args: argparse.Namespace) -> int:
    desk = _open(args)
    limits = DEFAULT_LIMITS.with_overrides(max_mb=args.max_mb, max_rows=args.max_rows, max_seconds=args.max_seconds)
    report = desk.catalog.import_file(args.file, limits=limits)
    print(report.summary_vi())
    return 0 if not report.errors else 1


def cmd_catalog_search(args: argparse.Namespace) -> int:
    desk = _open(args)
    for p in desk.catalog.search(" ".join(args.text), limit=args.limit):
        limit = optional_limit(p["time_limit"])
        text = limit.text_vi() if limit else "chưa có thời hạn"
        print(f"{p['code']:<24} {text:<18} {p['name']}")
    return 0


def cmd_catalog_show(args: argparse.Namespace) -> int:
    desk = _open(args)
    p = desk.catalog.get(args.code)
    print(f"{p['code']} — {p['name']}")
    print(f"Lĩnh vực: {p['field']}")
    limit = p["limit_text"] or "CHƯA CÓ (cán bộ khai báo một lần: desk catalog set MÃ --limit «…»)"
    whose = {"office": " (cơ quan xác định)", "catalogue": " (theo danh mục)"}.get(p["limit_source"], "")
    print(f"Thời hạn: {limit}{whose if p['limit_text'] else ''}")
    if p["verify_limit_text"]:
        print(f"Khi cần xác minh: {p['verify_limit_text']}")
    if p["limit_basis"]:
        print(f"Căn cứ: {p['limit_basis']}")
    if p["same_day_cutoff"]:
        print(f"Nhận sau {p['same_day_cutoff']} trả ngày làm việc tiếp theo")
    print(f"Phí, lệ phí: {p['fee_text']}")
    print("Thành phần hồ sơ:")
    for d in p["documents"]:
        print(f"  {d['position']}. {d['name']} ({d['copies_text'] or d['copies']}; {d['submission']})")
    return 0


def cmd_catalog_set(args: argparse.Namespace) -> int:
    desk = _open(args)
    changes: dict[str, Any] = {}
    if args.days is not None:
        changes["time_limit_days"] = args.days
    if args.limit is not None:
        changes["time_limit"] = args.limit
    if args.verify_limit is not None:
        changes["verify_limit"] = args.verify_limit
    if args.cutoff is not None:
        changes["same_day_cutoff"] = args.cutoff
    if args.fee is not None:
        changes["fee_text"] = args.fee
    if not changes:
        raise ValidationError("code", "Không có gì để sửa: dùng --limit, --days, --verify-limit, --cutoff hoặc --fee.")
    p = desk.catalog.set_local(args.code, changes)
    print(f"Đã cập nhật {p['code']}: thời hạn {p['limit_text'] or 'chưa có'}"
          f"{'; khi cần xác minh ' + p['verify_limit_text'] if p['verify_limit_text'] else ''}, "
          f"giờ {p['same_day_cutoff']}, phí {p['fee_text']}")
    return 0


def _line(d: dict[str, Any]) -> str:
    """One dossier: the promised date (and the apology's beside it), judged by desk.timing."""
    due = (d["due_at"] or "")[:16].replace("T", " ") or "—"
    new = f" (hẹn lại {d['new_due_at'][:16].replace('T', ' ')})" if d.get("new_due_at") else ""
    verdict = timing.label_vi(d, system_clock())
    return (f"{d['code']:<28} {STATUS_LABELS_VI.get(d['status'], d['status']):<18} "
            f"hẹn {due}{new}{'  [' + verdict + ']' if verdict else ''}  {d['applicant_name']} — "
            f"{d['procedure_name'][:60]}")


def cmd_search(args: argparse.Namespace) -> int:
    desk = _open(args)
    rows = desk.dossiers.search(" ".join(args.text), limit=args.limit)
    for r in rows:
        print(_line(r))
    if not rows:
        print("Không tìm thấy hồ sơ nào.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    desk = _open(args)
    d = desk.dossiers.get(args.code)
    actions = desk.dossiers.actions(d["id"])
    if args.json:
        print(json.dumps({"dossier": d, "actions": actions}, ensure_ascii=False, indent=2, default=str))
        return 0
    print(_line(d))
    for a in actions:
        print(f"  {a['at'].replace('T', ' ')}  {ACTION_LABELS_VI.get(a['kind'], a['kind'])}"
              f" → {STATUS_LABELS_VI.get(a['to_status'], a['to_status'])}  ({a['officer_name']})")
    return 0


def cmd_act(args: argparse.Namespace) -> int:
    desk = _open(args)
    data: dict[str, Any] = {}
    for item in args.set:
        if "=" not in item:
            raise ValidationError("set", f"«{item}» cần dạng khóa=giá_trị.")
        k, v = item.split("=", 1)
        data[k.strip()] = v
    if "missing_documents" in data:
        data["missing_documents"] = [x for x in str(data["missing_documents"]).split(";") if x.strip()]
    d = desk.dossiers.act(args.code, args.action, _officer_id(desk, args.officer), note=args.note, data=data)
    print(_line(d))
    return 0


def cmd_officer_add(args: argparse.Namespace) -> int:
    desk = _open(args)
    o = desk.officers.create(args.username, args.full_name, args.password, role=args.role)
    print(f"Đã tạo tài khoản {o['username']} ({o['full_name']})")
    return 0


def cmd_officer_list(args: argparse.Namespace) -> int:
    desk = _open(args)
    for o in desk.officers.list():
        print(f"{o['username']:<16} {o['role']:<8} {o['full_name']}")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from desk.demo import seed_demo

    desk = _open(args)
    stats = seed_demo(desk, count=args.count)
    total = desk.store.scalar("SELECT COUNT(*) FROM dossiers")
    labels = {"received": "tiếp nhận", "refused": "từ chối", "supplement_requested": "yêu cầu bổ sung",
              "apologized": "hẹn lại", "withdrawn": "rút hồ sơ", "result_ready": "chờ trả kết quả",
              "returned": "đã trả kết quả"}
    made = sum(v for k, v in stats.items() if k in ("received", "refused", "supplement_requested"))
    print(f"Đã tạo dữ liệu mẫu: {made} hồ sơ mới, tổng {total} hồ sơ "
          f"({', '.join(f'{labels.get(k, k)}: {v}' for k, v in sorted(stats.items()))})")
    return 0
