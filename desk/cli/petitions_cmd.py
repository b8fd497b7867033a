"""`desk reception …`, `desk petition …` and `desk report petitions`: citizen reception and petitions.

    desk reception add --name "Nguyễn Văn An" --content "Hỏi về ranh giới đất" [--headcount 12] [--chairman]
    desk petition add --kind khieu-nai|to-cao|kien-nghi|tranh-chap --name … [--id …] --content … [--received-at …]
    desk petition act DON-2601-0001 accept [--handler …] [--at …]
    desk petition act DON-2601-0001 extend --days 30 --decision "Quyết định số 12/QĐ-UBND ngày 10/02/2026"
    desk petition act DON-2601-0001 resolve --note "Đã trả lời bằng văn bản số …"
    desk petition act DON-2601-0001 forward --to "UBND huyện" [--guided]
    desk petition list [--from …] [--to …] [--officer …]
    desk petition register --book reception|petitions --from … --to … [-o file.pdf]
    desk report petitions --from DATE --to DATE
"""

from __future__ import annotations

import argparse
import shutil
from datetime import date, datetime
from pathlib import Path

from desk.cli import data_dir_of
from desk.cli.core import _officer_id
from desk.errors import ValidationError
from desk.intake import ApplicantInput
from desk.petitions import rules
from desk.petitions.service import ACTIONS, ActInput, PetitionInput, ReceptionInput
from desk.services import Desk

ACTION_WORDS = {a.replace("_", "-"): a for a in ACTIONS}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rec = sub.add_parser("reception", help="tiếp công dân: ghi một buổi tiếp (một người hoặc một đoàn)")
    rsub = rec.add_subparsers(dest="reception_command", metavar="LỆNH", required=True)
    p = rsub.add_parser("add", help="ghi một lượt tiếp công dân")
    _person(p)
    p.add_argument("--content", required=True, help="nội dung công dân trình bày")
    p.add_argument("--headcount", type=int, default=1, help="số người (từ 5: đoàn đông người)")
    p.add_argument("--chairman", action="store_true", help="Chủ tịch UBND tiếp (ngày tiếp định kỳ)")
    p.add_argument("--receiver", default="", help="họ tên người tiếp (mặc định: cán bộ)")
    p.add_argument("--outcome", default="", help="kết quả tiếp: đã hướng dẫn, nhận đơn…")
    p.add_argument("--received-at", default=None)
    p.add_argument("--officer", default=None, help="tên đăng nhập của người ghi")
    p.set_defaults(func=cmd_reception_add)

    pet = sub.add_parser("petition", help="đơn thư: nhận, thụ lý, gia hạn, giải quyết, chuyển; sổ theo dõi")
    psub = pet.add_subparsers(dest="petition_command", metavar="LỆNH", required=True)
    p = psub.add_parser("add", help="nhận một đơn (từ buổi tiếp, qua bưu chính, hoặc cơ quan khác chuyển đến)")
    p.add_argument("--kind", required=True, choices=tuple(rules.KIND_WORDS), help="loại đơn")
    _person(p)
    p.add_argument("--content", required=True, help="nội dung đơn")
    p.add_argument("--received-at", default=None, help="ngày nhận, ví dụ 2026-11-23 09:30 hoặc 23/11/2026")
    p.add_argument("--source", default="reception", choices=rules.SOURCES)
    p.add_argument("--from-body", dest="source_body", default="", help="cơ quan chuyển đơn đến")
    p.add_argument("--reception", default=None, help="mã buổi tiếp công dân (TCD-…)")
    p.add_argument("--persons", type=int, default=1, help="số người cùng đứng đơn")
    p.add_argument("--same-as", default="", help="mã đơn cùng nội dung (tính là một vụ việc)")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_petition_add)
    p = psub.add_parser("act", help="ghi một bước: " + ", ".join(ACTION_WORDS))
    p.add_argument("ref", help="mã đơn, ví dụ DON-2601-0001")
    p.add_argument("action", choices=tuple(ACTION_WORDS))
    p.add_argument("--at", default=None, help="ngày thực hiện (mặc định: bây giờ)")
    p.add_argument("--handler", default="", help="người được giao giải quyết (thụ lý)")
    p.add_argument("--note", default="", help="kết quả (resolve), lý do (not-accept, withdraw)")
    p.add_argument("--to", dest="body", default="", help="cơ quan có thẩm quyền (forward)")
    p.add_argument("--guided", action="store_true", help="đã hướng dẫn công dân đến (không chuyển đơn)")
    p.add_argument("--days", type=int, default=0, help="số ngày gia hạn (extend)")
    p.add_argument("--decision", default="", help="quyết định gia hạn bằng văn bản: số, ngày (extend)")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_petition_act)
    p = psub.add_parser("show", help="một đơn và các bước đã ghi")
    p.add_argument("ref")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_petition_show)
    p = psub.add_parser("list", help="danh sách đơn trong một khoảng ngày")
    p.add_argument("--from", dest="date_from", default=None)
    p.add_argument("--to", dest="date_to", default=None)
    p.add_argument("--overdue", action="store_true", help="chỉ các đơn quá hạn")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_petition_list)
    p = psub.add_parser("register", help="in Sổ tiếp công dân hoặc Sổ theo dõi xử lý đơn (PDF)")
    p.add_argument("--book", required=True, choices=("reception", "petitions"))
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("-o", "--output", type=Path, default=None)
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_petition_register)
    p = psub.add_parser("export", help="xuất sổ tiếp công dân, sổ theo dõi đơn và số liệu ra tệp XLSX")
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_petition_export)
    p = psub.add_parser("paper", help="in giấy biên nhận tài liệu, hoặc thông báo đơn không thuộc thẩm quyền")
    p.add_argument("ref")
    p.add_argument("kind", choices=("receipt", "not-competent"))
    p.add_argument("--documents", default="", help="các tài liệu, ngăn cách bằng «;» (receipt)")
    p.add_argument("-o", "--output", type=Path, default=None)
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_petition_paper)


def _person(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", required=True, help="họ tên (người đại diện nếu là đoàn)")
    p.add_argument("--id", dest="id_number", default="", help="số định danh cá nhân (CCCD)")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")


def _date(text: str, field: str, label: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError(field, f"{label} «{text[:20]}» không đúng dạng (ví dụ 2026-11-23 hoặc 23/11/2026).")


def _open(args: argparse.Namespace) -> Desk:
    desk = Desk.open(data_dir_of(args))
    desk.office.require()
    return desk


def _who(args: argparse.Namespace) -> ApplicantInput:
    return ApplicantInput(full_name=args.name, id_number=args.id_number, address=args.address, phone=args.phone)


def cmd_reception_add(args: argparse.Namespace) -> int:
    desk = _open(args)
    row = desk.petitions.record_reception(ReceptionInput(
        citizen=_who(args), content=args.content, received_at=args.received_at, headcount=args.headcount,
        receiver_kind="chairman" if args.chairman else "officer", receiver_name=args.receiver,
        outcome=args.outcome), actor=_officer_id(desk, args.officer))
    group = " (đoàn đông người)" if row["is_group"] else ""
    print(f"{row['ref']}\tĐã ghi lượt tiếp công dân{group}, {row['headcount']} người.")
    return 0


def cmd_petition_add(args: argparse.Namespace) -> int:
    desk = _open(args)
    row = desk.petitions.add(PetitionInput(
        kind=args.kind, petitioner=_who(args), content=args.content, received_at=args.received_at,
        source=args.source, source_body=args.source_body, reception_id=args.reception, persons=args.persons,
        link_to=args.same_as), actor=_officer_id(desk, args.officer))
    print(f"{row['ref']}\t{rules.KIND_LABELS_VI[row['kind']]}\tnhận {row['received_at'][:16]}\t"
          f"quyết định thụ lý trước {row['classify_due'][:10]}")
    return 0


def cmd_petition_act(args: argparse.Namespace) -> int:
    desk = _open(args)
    action = ACTION_WORDS[args.action]
    row = desk.petitions.act(args.ref, action, ActInput(
        at=args.at, handler=args.handler, note=args.note, body=args.body, guided=args.guided, days=args.days,
        decision=args.decision), actor=_officer_id(desk, args.officer))
    due = f"\thạn giải quyết {row['due_at'][:10]}" if row.get("due_at") and row["status"] == rules.HANDLING else ""
    print(f"{row['ref']}\t{rules.STATUS_LABELS_VI[row['status']]}{due}")
    return 0


def cmd_petition_show(args: argparse.Namespace) -> int:
    desk = _open(args)
    r = desk.petitions.get(args.ref, actor=_officer_id(desk, args.officer))
    print(f"{r['ref']}\t{rules.KIND_LABELS_VI[r['kind']]}\t{rules.STATUS_LABELS_VI[r['status']]}")
    print(f"Người đứng đơn: {r['petitioner_name']}" + (f" ({r['persons']} người)" if r["persons"] > 1 else ""))
    print(f"Nội dung: {r['content']}")
    print(f"Nhận: {r['received_at'][:16]}; quyết định thụ lý trước {r['classify_due'][:10]}")
    if r.get("due_at"):
        print(f"Hạn giải quyết: {r['due_at'][:10]} ({r['limit_days']} ngày"
              + (f", gia hạn {r['extensions']} lần, {r['extension_days']} ngày" if r["extensions"] else "") + ")")
    for a in desk.petitions.actions(r["ref"]):
        extra = "; ".join(x for x in (a["note"], a["decision"]) if x)
        print(f"  {a['at'][:16]}\t{a['action']}" + (f"\t{extra}" if extra else ""))
    return 0


def cmd_petition_list(args: argparse.Namespace) -> int:
    desk = _open(args)
    actor = _officer_id(desk, args.officer)
    if args.overdue:
        rows = desk.petitions.overdue(actor=actor)
    else:
        lo = _date(args.date_from, "from", "Từ ngày") if args.date_from else None
        hi = _date(args.date_to, "to", "Đến ngày") if args.date_to else None
        rows = desk.petitions.petitions(lo, hi, actor=actor)
    now = desk.store.clock()
    for r in rows:
        late = "\tQUÁ HẠN" if rules.is_overdue(r, now) else ""
        print(f"{r['ref']}\t{rules.KIND_LABELS_VI[r['kind']]}\t{r['petitioner_name']}\t"
              f"{rules.STATUS_LABELS_VI[r['status']]}\t{(rules.current_due(r) or '')[:10]}{late}")
    return 0


def cmd_petition_register(args: argparse.Namespace) -> int:
    from desk.petitions.papers import PetitionPapers

    desk = _open(args)
    lo, hi = _date(args.date_from, "from", "Từ ngày"), _date(args.date_to, "to", "Đến ngày")
    papers = PetitionPapers(desk)
    actor = _officer_id(desk, args.officer)
    path = (papers.reception_register(lo, hi, officer_id=actor) if args.book == "reception"
            else papers.petition_register(lo, hi, officer_id=actor))
    return _deliver(path, args.output)


def cmd_petition_export(args: argparse.Namespace) -> int:
    from desk.petitions.papers import PetitionPapers

    desk = _open(args)
    lo, hi = _date(args.date_from, "from", "Từ ngày"), _date(args.date_to, "to", "Đến ngày")
    print(PetitionPapers(desk).export_xlsx(lo, hi, args.output, officer_id=_officer_id(desk, args.officer)))
    return 0


def cmd_petition_paper(args: argparse.Namespace) -> int:
    from desk.petitions.papers import PetitionPapers

    desk = _open(args)
    papers = PetitionPapers(desk)
    actor = _officer_id(desk, args.officer)
    if args.kind == "receipt":
        docs = [d.strip() for d in args.documents.split(";") if d.strip()]
        path = papers.receipt(args.ref, docs, officer_id=actor)
    else:
        path = papers.not_competent(args.ref, officer_id=actor)
    return _deliver(path, args.output)


def _deliver(path: Path, output: Path | None) -> int:
    if output is not None:
        shutil.copyfile(path, output)
        print(output)
    else:
        print(path)
    return 0


def cmd_report_petitions(args: argparse.Namespace) -> int:
    desk = _open(args)
    lo, hi = _date(args.date_from, "from", "Từ ngày"), _date(args.date_to, "to", "Đến ngày")
    if hi < lo:
        raise ValidationError("to", "Ngày cuối ở trước ngày đầu.")
    figures = desk.petitions.figures(lo, hi)
    print(figures.sentence())
    print(figures.receptions_sentence())
    return 0
