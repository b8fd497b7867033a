"""`desk enroll` and `desk sync`: the sync with the district from a terminal or a scheduled task.

`desk sync` exits 0 only when everything was acknowledged by the server; otherwise it prints what went
wrong in Vietnamese and exits 1 (a network problem: the next run retries) or 2 (a person must act).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import date

from desk.cli import data_dir_of
from desk.errors import ValidationError
from desk.services import Desk
from desk.sync import SyncClient


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg, unused-ignore]
    p = sub.add_parser("enroll", help="đăng ký máy này với máy chủ cấp trên bằng mã dùng một lần")
    p.add_argument("--server", required=True, help="địa chỉ máy chủ cấp trên, ví dụ https://dongbo.huyen.gov.vn:8443")
    p.add_argument("--code", required=True,
                   help="mã đăng ký do cấp trên cấp, nguyên văn (nếu máy chủ dùng chứng chỉ tự ký, bốn nhóm cuối là "
                        "dấu vân tay của chứng chỉ)")
    p.add_argument("--name", default="", help="tên máy hiển thị ở cấp trên")
    p.set_defaults(func=cmd_enroll)

    p = sub.add_parser("sync", help="đồng bộ một lần với cấp trên (gửi hồ sơ, nhận cập nhật)")
    p.add_argument("--close-day", nargs="?", const="today", default=None, metavar="NGÀY",
                   help="chốt sổ ngày (mặc định hôm nay, hoặc YYYY-MM-DD) sau khi đồng bộ")
    p.add_argument("--counted", default=None, metavar="SỐ_TIỀN",
                   help="khi chốt sổ: chốt luôn quầy thu của cán bộ (--officer) với số tiền mặt đếm được")
    p.add_argument("--explanation", default="", help="giải trình chênh lệch tiền mặt khi chốt quầy thu")
    p.add_argument("--officer", default=None, help="tên đăng nhập của cán bộ chốt quầy thu")
    p.add_argument("--status", action="store_true", help="chỉ xem tình trạng đồng bộ, không kết nối")
    p.add_argument("--loop", action="store_true", help="đồng bộ định kỳ cho đến khi dừng (Ctrl+C)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--dump", action="store_true",
                   help="in từng lượt trao đổi với máy chủ đã giải nén (JSON) ra stderr để gỡ lỗi; có dữ liệu cá "
                        "nhân của công dân: không lưu lại, không gửi đi")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("peers", help="các quầy (máy) khác của cơ quan: đã thấy khi nào, liên lạc được không")
    p.add_argument("--listen", default=None, metavar="off|auto|ĐỊA_CHỈ:CỔNG",
                   help="trao đổi với các máy cùng cơ quan qua mạng nội bộ: «auto» (mặc định khi máy đã đăng ký: "
                        "nghe ở mọi địa chỉ, cổng 47615, tự tìm các máy khác), một địa chỉ cố định (ví dụ "
                        "192.168.1.10:47615), hoặc «off» để tắt")
    p.add_argument("--add", action="append", default=[], metavar="ĐỊA_CHỈ:CỔNG",
                   help="thêm địa chỉ một máy cùng cơ quan (khi mạng không tự tìm thấy)")
    p.add_argument("--remove", action="append", default=[], metavar="ĐỊA_CHỈ:CỔNG")
    p.add_argument("--check", action="store_true", help="thử trao đổi ngay với từng địa chỉ đã biết")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_peers)


def cmd_enroll(args: argparse.Namespace) -> int:
    desk = Desk.open(data_dir_of(args))
    client = SyncClient(desk)
    try:
        reply = client.enroll(args.server, args.code, name=args.name)
    finally:
        client.close()
    print(f"Đã đăng ký máy với cấp trên cho cơ quan {reply['commune']} (mã máy {reply['device_id']}).")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    desk = Desk.open(data_dir_of(args))
    client = SyncClient(desk)
    if args.dump:
        client.session.dump = _dump
    try:
        if args.status:
            status = client.status()
            if args.json:
                print(json.dumps(asdict(status), ensure_ascii=False, indent=1))
            else:
                print(status.summary_vi())
                for issue in status.issues:
                    print(f"  ! {issue['code'] or issue['dossier_id']}: {issue['result_message']}")
                for c in status.conflicts:
                    print(f"  ≠ {c['code'] or c['dossier_id']}: {c['message_vi']}")
            return 0
        if args.loop:
            return _loop(client)
        if args.close_day is not None:
            day = desk.store.clock().date() if args.close_day == "today" else _day(args.close_day)
            close = client.close_day(day, steps=_till_steps(desk, args))
            # The day-close backup: the day's work, checked, in the backups folder (and on the stick).
            from desk.backup import automatic_backup

            print(automatic_backup(desk.store, desk.settings, label="dayclose"), file=sys.stderr)
            if args.json:
                print(json.dumps(asdict(close), ensure_ascii=False, indent=1))
            else:
                print(close.message_vi, file=sys.stdout if close.matched else sys.stderr)
            return 0 if close.matched else 1
        report = client.sync_once()
    finally:
        client.close()
    if args.json:
        out = asdict(report) | {"error": None if report.error is None else
                                {"code": report.error.code, "message_vi": report.error.message_vi}}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    for w in report.warnings:
        print(f"Cảnh báo: {w}", file=sys.stderr)
    if report.error is not None:
        print(f"Lỗi đồng bộ: {report.error.message_vi}", file=sys.stderr)
        return 1 if report.error.retryable else 2
    if not args.json:
        print(report.message_vi())
    if report.pending:
        print(f"Còn {report.pending} thay đổi chưa được cấp trên xác nhận.", file=sys.stderr)
        return 1
    return 0


def _till_steps(desk: Desk, args: argparse.Namespace) -> list[Callable[[], str]]:
    """The till's close as a step of the day close (desk/fees/till.py), and a note of what stays open."""
    from desk.cli.core import _officer_id
    from desk.fees.till import OpenTillNote, TillDayStep

    steps: list[Callable[[], str]] = []
    if args.counted is not None:
        steps.append(TillDayStep(desk.fees.till, _officer_id(desk, args.officer), args.counted, args.explanation))
    steps.append(OpenTillNote(desk.fees.till))
    return steps


def _dump(kind: str, exchange: dict[str, object]) -> None:
    """`--dump`: each request and reply as the server sees it, decompressed (packed ops shown as ops)."""
    if kind == "request":
        head = f"→ {exchange['method']} {exchange['path']} ({exchange['bytes']} B {exchange['encoding'] or 'identity'})"
    else:
        head = f"← {exchange['status']} ({exchange['bytes']} B {exchange['encoding'] or 'identity'})"
    print(head, file=sys.stderr)
    print(json.dumps(exchange.get("body"), ensure_ascii=False, indent=1), file=sys.stderr, flush=True)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("close_day", f"Ngày «{text}» cần dạng YYYY-MM-DD.") from None


def _loop(client: SyncClient) -> int:
    import threading

    from desk.sync import SyncLoop, SyncReport

    done = threading.Event()

    def show(report: object) -> None:
        print(report.message_vi() if isinstance(report, SyncReport) else report, flush=True)

    loop = SyncLoop(client, on_report=show)
    loop.start()
    try:
        done.wait()
    except KeyboardInterrupt:
        loop.stop()
    return 0


def cmd_peers(args: argparse.Namespace) -> int:
    from desk.sync import lan, lan_loop, peerkey, peers, state

    desk = Desk.open(data_dir_of(args))
    try:
        if args.listen is not None:
            try:
                chosen = lan_loop.parse_listen(args.listen)
            except ValueError:
                raise ValidationError("listen", f"Nghe ở «{args.listen}»: cần «off», «auto» hoặc dạng "
                                                "địa_chỉ:cổng.") from None
            state.put_many(desk.store, {lan.LISTEN: chosen.mode if chosen.mode != "pinned" else chosen.address},
                           actor="admin")
        if args.add or args.remove:
            for address in args.add:
                try:
                    lan.parse_address(address)
                except ValueError:
                    raise ValidationError("address", f"Địa chỉ «{address}» cần dạng địa_chỉ:cổng.") from None
            known = [a for a in lan.manual_addresses(desk.store) if a not in args.remove]
            known += [a for a in args.add if a not in known]
            state.put_many(desk.store, {lan.ADDRESSES: ",".join(known)}, actor="admin")
        results = []
        if args.check:
            known = list(dict.fromkeys([*lan.manual_addresses(desk.store), *(
                p.address for p in peers.list_peers(desk.store) if p.address)]))
            results = [lan.exchange_with(desk.store, a) for a in known]
        seen = peers.list_peers(desk.store)
        want = lan_loop.wanted(desk.store)
        on = want.mode != "off" and bool(lan.commune_secret(desk.store))
        outdated = peerkey.outdated_vi(desk.store)
        clash = peers.number_clash_vi(desk.store)
        if args.json:
            print(json.dumps({"office_network": {"on": on, "mode": want.mode, "address": want.address,
                                                 "source": want.source, "serving": state.get(desk.store, lan.SERVING),
                                                 "status": lan_loop.status_vi(desk.store)},
                              "addresses": lan.manual_addresses(desk.store),
                              "key_generation": peerkey.current(desk.store)[1], "key_outdated": outdated,
                              "desk_no_clash": clash,
                              "peers": [asdict(p) for p in seen],
                              "checked": [{"address": r.address, "device_id": r.device_id, "received": r.received,
                                           "error": r.error.code if r.error else None} for r in results]},
                             ensure_ascii=False, indent=1))
            return 0
        print(lan_loop.status_vi(desk.store))
        print(f"Địa chỉ đặt tay: {', '.join(lan.manual_addresses(desk.store)) or 'không có'}.")
        for r in results:
            print(f"  {r.address}: " + (r.error.message_vi if r.error else f"trao đổi được, nhận {r.received} thay đổi."))
        for warning in (outdated, clash):
            if warning:
                print(warning)
        if not seen:
            print("Chưa thấy quầy nào khác của cơ quan.")
        for p in seen:
            print(p.line_vi())
        return 0
    finally:
        desk.close()
