"""`desk print …`: the slip, the other forms and the register as PDF files (also archived)."""

from __future__ import annotations

import argparse
import shutil
from datetime import date, datetime
from pathlib import Path

from desk.cli import data_dir_of
from desk.errors import ValidationError
from desk.forms import FORM_KINDS, FormService
from desk.services import Desk

PAPERS = ("a4", "a5", "80mm")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pr = sub.add_parser("print", help="in biểu mẫu ra tệp PDF (giấy hẹn, phiếu, sổ theo dõi)")
    psub = pr.add_subparsers(dest="print_command", metavar="LỆNH", required=True)

    p = psub.add_parser("slip", help="Giấy tiếp nhận hồ sơ và hẹn trả kết quả (hai liên)")
    p.add_argument("code", help="mã hồ sơ")
    p.add_argument("--paper", default=None, choices=PAPERS, help="khổ giấy (mặc định: khổ đã cài cho quầy)")
    p.add_argument("-o", "--output", type=Path, default=None, help="ghi tệp PDF ra đây (ngoài bản lưu)")
    p.add_argument("--reprint", action="store_true", help="in lại đúng bản đã lưu lần trước")
    p.add_argument("--officer", default=None, help="tên đăng nhập cán bộ in")
    p.set_defaults(func=cmd_slip)

    p = psub.add_parser("form", help=f"phiếu khác của hồ sơ: {', '.join(FORM_KINDS)}")
    p.add_argument("kind", choices=FORM_KINDS, help="supplement (02), refusal (03), apology (04), stop, control")
    p.add_argument("code", help="mã hồ sơ")
    p.add_argument("--paper", default="a4", choices=("a4", "a5"))
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp PDF cần ghi")
    p.add_argument("--officer", default=None, help="tên đăng nhập cán bộ in")
    p.set_defaults(func=cmd_form)

    p = psub.add_parser("register", help="Sổ theo dõi hồ sơ trong một khoảng ngày")
    p.add_argument("--from", dest="date_from", required=True, help="từ ngày YYYY-MM-DD hoặc DD/MM/YYYY")
    p.add_argument("--to", dest="date_to", required=True, help="đến ngày YYYY-MM-DD hoặc DD/MM/YYYY")
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp PDF cần ghi")
    p.add_argument("--officer", default=None, help="tên đăng nhập cán bộ in")
    p.set_defaults(func=cmd_register)

    p = psub.add_parser("list", help="các biểu mẫu đã in của một hồ sơ (bản lưu)")
    p.add_argument("code", help="mã hồ sơ")
    p.set_defaults(func=cmd_list)


def _open(args: argparse.Namespace) -> tuple[Desk, FormService]:
    desk = Desk.open(data_dir_of(args))
    return desk, FormService(desk)


def _officer(desk: Desk, username: str | None) -> str:
    if not username:
        return "system"
    row = desk.store.query_one("SELECT id FROM officers WHERE username = ?", (username.strip().lower(),))
    if row is None:
        raise ValidationError("officer", f"Không có cán bộ «{username}».")
    return str(row["id"])


def _deliver(path: Path, output: Path | None) -> None:
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, output)
        print(output)
    else:
        print(path)


def _date(text: str, field: str, label: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError(field, f"{label} «{text}» không đúng dạng (ví dụ 2026-11-23 hoặc 23/11/2026).")


def cmd_slip(args: argparse.Namespace) -> int:
    desk, forms = _open(args)
    try:
        officer = _officer(desk, args.officer)
        path = (forms.reprint(args.code, "slip", officer_id=officer, paper=args.paper) if args.reprint
                else forms.slip(args.code, paper=args.paper or str(desk.settings.get("print.paper")),
                                officer_id=officer))
        _deliver(path, args.output)
    finally:
        desk.close()
    return 0


def cmd_form(args: argparse.Namespace) -> int:
    desk, forms = _open(args)
    try:
        path = forms.form(args.kind, args.code, paper=args.paper, officer_id=_officer(desk, args.officer))
        _deliver(path, args.output)
    finally:
        desk.close()
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    date_from = _date(args.date_from, "date_from", "Từ ngày")
    date_to = _date(args.date_to, "date_to", "Đến ngày")
    desk, forms = _open(args)
    try:
        path = forms.register(date_from, date_to, officer_id=_officer(desk, args.officer))
        _deliver(path, args.output)
    finally:
        desk.close()
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    desk, forms = _open(args)
    try:
        rows = forms.archived(args.code)
        if not rows:
            print("Hồ sơ này chưa in biểu mẫu nào.")
        for r in rows:
            print(f"{r['printed_at']}  {r['label']} ({r['paper']})  {r['officer_name']}  {r['path']}")
    finally:
        desk.close()
    return 0
