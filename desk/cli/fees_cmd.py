"""`desk fee …`, `desk receipt …`, `desk till …`: fees, receipts and the till from a terminal.

    desk fee quote 2.000815 --pages 3 --copies 2
    desk receipt series add --symbol 01AA-26T --form-no 01BLP0-001 --from 1 --to 10000 --per-desk 1000 \\
        --org-name "UBND phường Hòa Bình" --tax-code 4600123456
    desk receipt issue 2.000815 --payer "Nguyễn Văn An" --pages 3 --copies 2 -o bienlai.pdf
    desk receipt cancel 0000002 --reason "In sai tên người nộp"
    desk till close --counted 48.000 --explanation "Thiếu một tờ 10.000 đồng"
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk.cli import data_dir_of
from desk.cli.core import _officer_id
from desk.errors import ValidationError
from desk.fees.money import group, parse_amount, vnd
from desk.fees.receipts import METHODS, ReceiptInput, receipt_label
from desk.fees.schedule import OTHER_EXEMPTION
from desk.fees.till import close_view
from desk.fees.words import amount_words
from desk.services import Desk

PAPERS = ("a5", "80mm")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fee = sub.add_parser("fee", help="biểu phí, lệ phí: tính số tiền, xem, sửa mức thu, báo cáo thu")
    fsub = fee.add_subparsers(dest="fee_command", metavar="LỆNH", required=True)
    p = fsub.add_parser("quote", help="tính số tiền phải nộp của một thủ tục")
    p.add_argument("code", help="mã thủ tục, ví dụ 2.000815")
    p.add_argument("--pages", default=None, help="số trang (của bản chính) khi phí tính theo trang")
    p.add_argument("--copies", default="1", help="số bản (hoặc số trường hợp, giao dịch)")
    p.add_argument("--fee", default=None, help="mã khoản thu khi thủ tục có nhiều khoản")
    p.add_argument("--exempt", default=None, help=f"mã trường hợp miễn (hoặc «{OTHER_EXEMPTION}» kèm --reason)")
    p.add_argument("--reason", default="", help="lý do miễn")
    p.set_defaults(func=cmd_quote)
    p = fsub.add_parser("list", help="liệt kê biểu phí (của một thủ tục, hoặc tất cả)")
    p.add_argument("code", nargs="?", default=None)
    p.set_defaults(func=cmd_fee_list)
    p = fsub.add_parser("set", help="sửa mức thu tại cơ quan (ví dụ mức HĐND tỉnh quy định); được ghi nhật ký")
    p.add_argument("code", help="mã thủ tục")
    p.add_argument("--fee", default=None, help="mã khoản thu (mặc định: khoản đầu tiên)")
    p.add_argument("--amount", default=None, help="mức thu (đồng)")
    p.add_argument("--method", default=None, choices=("free", "flat", "per_copy", "per_page"))
    p.add_argument("--unit", default=None, help="đơn vị tính: trường hợp, bản, giao dịch…")
    p.add_argument("--tiers", default=None, help='bậc theo trang (JSON), ví dụ [{"from":1,"to":2,"rate":2000},'
                                                 '{"from":3,"to":null,"rate":1000}]')
    p.add_argument("--cap", default=None, help="mức tối đa mỗi bản (đồng)")
    p.add_argument("--name", default=None)
    p.add_argument("--basis", default=None, help="căn cứ, ví dụ «Nghị quyết số …/NQ-HĐND tỉnh …»")
    p.add_argument("--note", default=None)
    p.add_argument("--officer", default=None, help="tên đăng nhập của người sửa")
    p.set_defaults(func=cmd_fee_set)
    p = fsub.add_parser("report", help="báo cáo thu phí, lệ phí trong một khoảng ngày (PDF, XLSX hoặc CSV)")
    p.add_argument("--from", dest="date_from", required=True, help="từ ngày YYYY-MM-DD hoặc DD/MM/YYYY")
    p.add_argument("--to", dest="date_to", required=True, help="đến ngày YYYY-MM-DD hoặc DD/MM/YYYY")
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="tệp .pdf, .xlsx hoặc .csv (CSV: danh sách biên lai cho phần mềm kế toán)")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_fee_report)

    rec = sub.add_parser("receipt", help="biên lai thu tiền phí, lệ phí: lập, hủy, in lại, dải số")
    rsub = rec.add_subparsers(dest="receipt_command", metavar="LỆNH", required=True)
    p = rsub.add_parser("issue", help="lập và in biên lai (hai liên)")
    p.add_argument("code", nargs="?", default="", help="mã thủ tục (bỏ trống khi có --dossier)")
    p.add_argument("--payer", default="", help="họ tên người nộp tiền (mặc định: người nộp hồ sơ)")
    p.add_argument("--address", default="")
    p.add_argument("--pages", default=None)
    p.add_argument("--copies", default="1")
    p.add_argument("--fee", default=None, help="mã khoản thu khi thủ tục có nhiều khoản")
    p.add_argument("--method", default="cash", choices=tuple(METHODS), help="cash (tiền mặt) hoặc transfer")
    p.add_argument("--dossier", default=None, help="mã hồ sơ được thu phí")
    p.add_argument("--officer", default=None, help="tên đăng nhập của cán bộ thu")
    p.add_argument("--paper", default="a5", choices=PAPERS)
    p.add_argument("-o", "--output", type=Path, default=None, help="chép tệp PDF ra đây (ngoài bản lưu)")
    p.set_defaults(func=cmd_issue)
    p = rsub.add_parser("cancel", help="hủy biên lai in hỏng (giữ số, ghi lý do)")
    p.add_argument("number", help="số biên lai (ví dụ 0000002 hoặc «01AA-26T 0000002»)")
    p.add_argument("--reason", required=True, help="lý do hủy")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_cancel)
    p = rsub.add_parser("print", help="in lại biên lai (bản in lại ghi rõ là bản sao)")
    p.add_argument("number")
    p.add_argument("--paper", default="a5", choices=PAPERS)
    p.add_argument("--officer", default=None)
    p.add_argument("-o", "--output", type=Path, default=None)
    p.set_defaults(func=cmd_print)
    p = rsub.add_parser("list", help="biên lai chưa chốt quầy thu trên máy này")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_list)
    ser = rsub.add_parser("series", help="dải số biên lai của xã (mỗi quầy một khoảng)")
    ssub = ser.add_subparsers(dest="series_command", metavar="LỆNH", required=True)
    p = ssub.add_parser("add", help="đăng ký ký hiệu và dải số (giống nhau trên mọi máy của xã)")
    p.add_argument("--symbol", required=True, help="ký hiệu biên lai, ví dụ 01AA-26T")
    p.add_argument("--form-no", required=True, help="ký hiệu mẫu biên lai")
    p.add_argument("--from", dest="first_no", required=True, help="số đầu dải")
    p.add_argument("--to", dest="last_no", required=True, help="số cuối dải")
    p.add_argument("--per-desk", required=True, help="số lượng số cho mỗi quầy (quầy n dùng khoảng thứ n)")
    p.add_argument("--org-name", required=True, help="tên tổ chức thu phí, lệ phí")
    p.add_argument("--tax-code", required=True, help="mã số thuế của tổ chức thu")
    p.set_defaults(func=cmd_series_add)
    p = ssub.add_parser("list")
    p.set_defaults(func=cmd_series_list)

    till = sub.add_parser("till", help="quầy thu: xem và chốt, in bảng kê biên lai")
    tsub = till.add_subparsers(dest="till_command", metavar="LỆNH", required=True)
    p = tsub.add_parser("close", help="chốt quầy thu: đối chiếu tiền mặt đếm được và in bảng kê")
    p.add_argument("--counted", default=None, help="số tiền mặt đếm được (đồng)")
    p.add_argument("--explanation", default="", help="giải trình khi có chênh lệch")
    p.add_argument("--officer", default=None)
    p.add_argument("-o", "--output", type=Path, default=None, help="chép bảng kê PDF ra đây")
    p.set_defaults(func=cmd_till_close)
    p = tsub.add_parser("show", help="biên lai chưa chốt và các lần chốt gần đây")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_till_show)


def _open(args: argparse.Namespace) -> Desk:
    return Desk.open(data_dir_of(args))


def _is_admin(desk: Desk, officer_id: str) -> bool:
    return desk.store.scalar("SELECT role FROM officers WHERE id = ?", (officer_id,)) == "admin"


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
    raise ValidationError(field, f"{label} «{text[:20]}» không đúng dạng (ví dụ 2026-11-23 hoặc 23/11/2026).")


# --- fee ----------------------------------------------------------------------------------------------
def cmd_quote(args: argparse.Namespace) -> int:
    desk = _open(args)
    q = desk.fees.schedule.quote(args.code, fee_code=args.fee, pages=args.pages, copies=args.copies,
                                 exemption=args.exempt, reason=args.reason)
    print(f"{q.rule.name} ({q.rule.procedure_code})")
    for line in q.lines:
        print(f"  {line}")
    print(f"Phải nộp: {vnd(q.amount)} — {amount_words(q.amount)}")
    if q.exempt:
        print(f"(Được miễn {vnd(q.gross)}: {q.exemption_reason})")
    print(f"Căn cứ: {q.rule.basis or '—'}" + ("" if q.rule.confirmed else " (mức chưa xác nhận)"))
    return 0


def cmd_fee_list(args: argparse.Namespace) -> int:
    desk = _open(args)
    rules = desk.fees.schedule.rules(args.code) if args.code else desk.fees.schedule.all()
    for r in rules:
        flags = ("" if r.confirmed else " [chưa xác nhận]") + (" [cơ quan sửa]" if r.local else "")
        print(f"{r.procedure_code:<10} {r.fee_code:<20} {r.name}: {r.describe_vi()}{flags}")
        for e in r.exemptions:
            print(f"{'':<32}miễn «{e.code}»: {e.label}")
    if not rules:
        print("Không có khoản phí, lệ phí nào.")
    return 0


def cmd_fee_set(args: argparse.Namespace) -> int:
    desk = _open(args)
    changes: dict[str, Any] = {}
    if args.amount is not None:
        changes["amount"] = parse_amount(args.amount, field="amount", label="Mức thu")
    if args.cap is not None:
        changes["cap_per_copy"] = parse_amount(args.cap, field="cap_per_copy", label="Mức tối đa mỗi bản")
    if args.tiers is not None:
        try:
            changes["tiers"] = json.loads(args.tiers)
        except ValueError:
            raise ValidationError("tiers", "Các bậc theo trang phải viết dạng JSON (xem ví dụ trong --help).") from None
    for key in ("method", "unit", "name", "basis", "note"):
        if getattr(args, key) is not None:
            changes[key] = getattr(args, key)
    if not changes:
        raise ValidationError("code", "Không có gì để sửa: dùng --amount, --method, --tiers, --basis…")
    rule = desk.fees.schedule.set_local(args.code, args.fee, changes, actor=_officer_id(desk, args.officer))
    print(f"Đã cập nhật {rule.procedure_code}/{rule.fee_code} — {rule.name}: {rule.describe_vi()}")
    return 0


def cmd_fee_report(args: argparse.Namespace) -> int:
    from desk.fees.report import collections, finance_csv, receipts_in, write_xlsx

    desk = _open(args)
    first = _date(args.date_from, "date_from", "Từ ngày")
    last = _date(args.date_to, "date_to", "Đến ngày")
    report = collections(desk.store, first, last)
    out: Path | None = args.output
    if out is None:
        for f in report.by_fee():
            print(f"{f.fee_name}: {f.count} biên lai, {vnd(f.total)} (tiền mặt {group(f.cash)}, chuyển khoản "
                  f"{group(f.transfer)})")
        print(f"Cộng: {report.count} biên lai, {vnd(report.total)}; hủy {report.cancelled}; miễn {report.exemptions}.")
        return 0
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(report, receipts_in(desk.store, first, last), out, office=desk.office.require().name)
    elif suffix == ".csv":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(finance_csv(receipts_in(desk.store, first, last)))
    elif suffix == ".pdf":
        from desk.forms.fees import FeeForms

        _deliver(FeeForms(desk).collections(first, last, officer_id=_officer_id(desk, args.officer)), out)
        return 0
    else:
        raise ValidationError("output", "Tệp báo cáo phải là .pdf, .xlsx hoặc .csv.")
    print(out)
    return 0


# --- receipt ------------------------------------------------------------------------------------------
def cmd_issue(args: argparse.Namespace) -> int:
    from desk.forms.fees import FeeForms

    desk = _open(args)
    officer = _officer_id(desk, args.officer)
    row = desk.fees.receipts.issue(ReceiptInput(
        procedure_code=args.code, payer_name=args.payer, payer_address=args.address, fee_code=args.fee,
        pages=args.pages, copies=args.copies, method=args.method, dossier_ref=args.dossier), officer)
    print(f"Biên lai {receipt_label(row)}: {row['fee_name']} — {vnd(int(row['amount']))} "
          f"({amount_words(int(row['amount']))}), {METHODS[row['method']].lower()}.")
    _deliver(FeeForms(desk).receipt(row["id"], paper=args.paper, officer_id=officer), args.output)
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    desk = _open(args)
    officer = _officer_id(desk, args.officer)
    row = desk.fees.receipts.cancel(args.number, args.reason, officer, admin=_is_admin(desk, officer))
    print(f"Đã hủy biên lai {receipt_label(row)}: {row['cancel_reason']}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from desk.forms.fees import FeeForms

    desk = _open(args)
    _deliver(FeeForms(desk).receipt(args.number, paper=args.paper, officer_id=_officer_id(desk, args.officer)),
             args.output)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    desk = _open(args)
    officer = _officer_id(desk, args.officer)
    for r in desk.fees.receipts.session(officer):
        state = f"ĐÃ HỦY ({r['cancel_reason']})" if r["status"] == "cancelled" else METHODS[r["method"]]
        print(f"{receipt_label(r)}  {r['issued_at'][:16].replace('T', ' ')}  {group(int(r['amount'])):>10}  "
              f"{state}  {r['fee_name']}")
    print(desk.fees.till.summary(officer).text_vi())
    return 0


def cmd_series_add(args: argparse.Namespace) -> int:
    desk = _open(args)
    series = desk.fees.series.register({
        "symbol": args.symbol, "form_no": args.form_no, "first_no": args.first_no, "last_no": args.last_no,
        "per_desk": args.per_desk, "org_name": args.org_name, "tax_code": args.tax_code})
    desk_no = int(desk.store.device()["desk_no"])
    block = series.block(desk_no)
    print(f"Đã đăng ký ký hiệu {series.symbol} (mẫu {series.form_no}), số {series.first_no}–{series.last_no}.")
    if block is None:
        print(f"Cảnh báo: dải số không còn số cho quầy {desk_no:02d} của máy này.", file=sys.stderr)
        return 1
    print(f"Máy này (quầy {desk_no:02d}) dùng các số {block[0]}–{block[1]}. Đăng ký cùng dải số trên mọi máy "
          "của xã; mỗi máy phải có số quầy riêng.")
    return 0


def cmd_series_list(args: argparse.Namespace) -> int:
    desk = _open(args)
    desk_no = int(desk.store.device()["desk_no"])
    for s in desk.fees.series.list():
        block = s.block(desk_no)
        mine = f"quầy {desk_no:02d}: {block[0]}–{block[1]}" if block else f"quầy {desk_no:02d}: không còn số"
        print(f"{s.symbol:<12} mẫu {s.form_no:<12} {s.first_no}–{s.last_no}, mỗi quầy {s.per_desk}  ({mine})"
              f"{'  [đang dùng]' if s.active else ''}  {s.org_name}, MST {s.tax_code}")
    return 0


# --- till ---------------------------------------------------------------------------------------------
def cmd_till_close(args: argparse.Namespace) -> int:
    from desk.forms.fees import FeeForms

    desk = _open(args)
    officer = _officer_id(desk, args.officer)
    summary = desk.fees.till.summary(officer)
    print(f"{summary.officer_name}: {summary.text_vi()}")
    if args.counted is None:
        # Money is counted, never assumed: without the figure the till stays open.
        raise ValidationError("counted", "Đếm tiền mặt rồi chốt lại với --counted SỐ_TIỀN (ví dụ --counted 48.000).")
    close = desk.fees.till.close(officer, args.counted, args.explanation)
    print(f"Đã chốt quầy thu: {close_view(close)}")
    _deliver(FeeForms(desk).till(str(close["id"]), officer_id=officer), args.output)
    return 0


def cmd_till_show(args: argparse.Namespace) -> int:
    desk = _open(args)
    officer = _officer_id(desk, args.officer)
    summary = desk.fees.till.summary(officer)
    print(f"{summary.officer_name} — chưa chốt: {summary.text_vi()}")
    for t in summary.by_fee:
        print(f"  {t.fee_name}: {t.count} biên lai, {vnd(t.amount)}")
    if summary.gaps:
        print("Số biên lai không có trong dữ liệu: " + ", ".join(summary.gaps), file=sys.stderr)
    for row in desk.fees.till.closes()[:10]:
        print(close_view(row))
    return 0
