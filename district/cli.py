"""`district …`: run the server and do the district admin's work from a terminal.

Every command takes `--database` (sqlite:///PATH or postgresql://…; default from DISTRICT_DATABASE_URL,
else ./district.db). Errors reach the user as a Vietnamese sentence and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select, update

from district import auth, desk_release, feed, refdata
from district import models as m
from district.db import make_engine, meta, migrate, set_meta
from district.errors import ApiError
from district.web import users_cli

if TYPE_CHECKING:
    from district.tls import TlsFiles


def _engine(args: argparse.Namespace) -> Engine:
    engine = make_engine(args.database)
    migrate(engine)
    return engine


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database", default=os.environ.get("DISTRICT_DATABASE_URL", "sqlite:///district.db"),
                   help="sqlite:///ĐƯỜNG_DẪN hoặc postgresql://… (mặc định: district.db)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="district", description="Máy chủ cấp trên của các Bộ phận Một cửa.")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", required=True)

    p = sub.add_parser("serve", help="chạy máy chủ đồng bộ")
    _add_db(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--max-body", type=int, default=None, help="giới hạn kích thước gói nén (byte)")
    p.add_argument("--max-decompressed", type=int, default=None, help="giới hạn kích thước sau giải nén (byte)")
    p.add_argument("--log-file", default=os.environ.get("DISTRICT_LOG_FILE") or None,
                   help="ghi nhật ký vào tệp này (ngoài stderr); xoay vòng bằng logrotate của hệ thống")
    p.add_argument("--tls-cert", type=Path, default=None, help="chứng chỉ TLS (PEM) của máy chủ")
    p.add_argument("--tls-key", type=Path, default=None, help="khóa riêng (PEM) của chứng chỉ TLS")
    p.add_argument("--tls-self-signed", action="store_true",
                   help="tự tạo (lần đầu) và giữ một cặp khóa với chứng chỉ tự ký trong --tls-dir; các máy Một cửa "
                        "ghim dấu vân tay của chứng chỉ khi đăng ký")
    p.add_argument("--tls-dir", type=Path, default=Path("district-tls"),
                   help="thư mục giữ cặp khóa tự ký (mặc định ./district-tls)")
    p.add_argument("--tls-name", action="append", default=[],
                   help="tên miền hoặc địa chỉ IP ghi vào chứng chỉ tự ký (lặp lại được)")
    p.add_argument("--forwarded-allow-ips", default=None,
                   help="địa chỉ của reverse proxy giải mã TLS phía trước (ví dụ 127.0.0.1); chỉ khi có tùy chọn này "
                        "máy chủ mới tin các tiêu đề X-Forwarded-*, và từ chối yêu cầu không đến qua https")
    p.add_argument("--secret-file", type=Path, default=None,
                   help="tệp giữ khóa mã hóa các khóa xác thực phiếu của xã/phường (trang tra cứu); đặt ngoài thư mục "
                        "cơ sở dữ liệu và bản sao lưu của nó. Tạo lần đầu nếu chưa có (docs/lookup.md)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("migrate", help="tạo hoặc nâng cấp cơ sở dữ liệu")
    _add_db(p)
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("enroll-code", help="cấp mã đăng ký dùng một lần cho một máy của xã/phường")
    _add_db(p)
    p.add_argument("--commune", required=True, help="mã định danh cơ quan của xã/phường")
    p.add_argument("--device", default=None,
                   help="mã máy đã bị thu hồi được phép đăng ký lại (chỉ máy đó, chỉ trong xã/phường của nó)")
    p.set_defaults(func=cmd_enroll_code)

    p = sub.add_parser("dossiers", help="liệt kê hồ sơ của một xã/phường")
    _add_db(p)
    p.add_argument("--commune", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_dossiers)

    p = sub.add_parser("act", help="ghi một bước xử lý: in_processing, supplement_requested, awaiting_payment, "
                                   "result_ready, rejected, stop")
    _add_db(p)
    p.add_argument("code", help="mã hồ sơ hoặc mã định danh")
    p.add_argument("action", choices=sorted(feed.DISTRICT_ACTIONS))
    p.add_argument("--note", default="")
    p.add_argument("--reason", default="")
    p.add_argument("--missing", action="append", default=[], help="giấy tờ cần bổ sung (lặp lại được)")
    p.add_argument("--obligation", default="", help="nghĩa vụ tài chính người nộp phải thực hiện")
    p.add_argument("--by", default="Cán bộ cấp trên")
    p.add_argument("--commune", default=None)
    p.set_defaults(func=cmd_act)

    p = sub.add_parser("revoke", help="thu hồi quyền đồng bộ của một máy")
    _add_db(p)
    p.add_argument("device_id")
    p.set_defaults(func=cmd_revoke)

    p = sub.add_parser("rebind", help="chuyển một máy sang đúng xã/phường (sửa nhầm khi cấp mã)")
    _add_db(p)
    p.add_argument("device_id")
    p.add_argument("--commune", required=True)
    p.set_defaults(func=cmd_rebind)

    p = sub.add_parser("devices", help="liệt kê các máy đã đăng ký")
    _add_db(p)
    p.add_argument("--commune", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("conflicts", help="liệt kê xung đột cần người xử lý")
    _add_db(p)
    p.add_argument("--commune", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("publish", help="công bố phiên bản mới của danh mục thủ tục hoặc lịch")
    _add_db(p)
    p.add_argument("name", choices=refdata.NAMES)
    p.add_argument("file", type=Path, help="JSON: danh mục {records|procedures: [...]}, lịch {days: [...]}")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("desk-release", help="báo cho các máy Một cửa phiên bản phần mềm mới nhất (hiện khi đồng bộ)")
    _add_db(p)
    p.add_argument("version", nargs="?", default=None, help="ví dụ 0.2.0; bỏ trống để xem phiên bản đang báo")
    p.add_argument("--url", default=None, help="nơi tải bộ cài, ví dụ https://motcua.huyen.example.vn/tai-ve/")
    p.add_argument("--clear", action="store_true", help="thôi báo phiên bản mới")
    p.set_defaults(func=cmd_desk_release)

    p = sub.add_parser("collections", help="số thu phí, lệ phí của một xã/phường theo khoản thu và ngày")
    _add_db(p)
    p.add_argument("--commune", required=True, help="mã định danh cơ quan của xã/phường")
    p.add_argument("--from", dest="date_from", required=True, help="từ ngày YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, help="đến ngày YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_collections)

    users_cli.register(sub, _add_db, _engine)

    p = sub.add_parser("petitions", help="số liệu tiếp công dân, đơn thư của các xã/phường (tổng hợp)")
    _add_db(p)
    p.add_argument("--commune", default="", help="mã cơ quan của xã/phường, nhiều mã ngăn cách bằng «,» "
                                                 "(mặc định: tất cả)")
    p.add_argument("--from", dest="date_from", required=True, help="từ ngày YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, help="đến ngày YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_petitions)

    p = sub.add_parser("petition-act", help="ghi một bước của cấp trên trên đơn thư của xã: resolve, forward, "
                                            "withdraw (về máy xã ở lần đồng bộ sau)")
    _add_db(p)
    p.add_argument("ref", help="mã đơn, ví dụ DON-2601-0001")
    p.add_argument("action", choices=("resolve", "forward", "withdraw"))
    p.add_argument("--note", required=True, help="kết quả, cơ quan chuyển đến, hoặc lý do")
    p.add_argument("--by", default="Cán bộ cấp trên")
    p.add_argument("--commune", default=None)
    p.set_defaults(func=cmd_petition_act)

    p = sub.add_parser("admin-key", help="in khóa quản trị dùng cho API của cấp trên")
    _add_db(p)
    p.set_defaults(func=cmd_admin_key)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        return int(args.func(args) or 0)
    except ApiError as e:
        print(f"Lỗi: {e.message_vi}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2


def _tls_files(args: argparse.Namespace) -> TlsFiles | None:
    from district import tls

    if args.tls_self_signed:
        if args.tls_cert or args.tls_key:
            raise ValueError("--tls-self-signed không dùng cùng --tls-cert/--tls-key")
        return tls.self_signed(args.tls_dir, args.tls_name)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise ValueError("cần cả --tls-cert và --tls-key")
    return tls.TlsFiles(args.tls_cert, args.tls_key) if args.tls_cert else None


def cmd_serve(args: argparse.Namespace) -> int:
    import logging.config

    import uvicorn

    from desk.logs import server_logging_config
    from desk.sync.tls import is_loopback
    from district.app import Limits, create_app
    from district.tls import TlsConfig

    files = _tls_files(args)
    behind_proxy = bool(args.forwarded_allow_ips)
    if files is None and not behind_proxy and not is_loopback(args.host):
        raise ValueError(f"không phục vụ http:// (không mã hóa) trên {args.host}: dữ liệu công dân sẽ đi qua mạng ở dạng "
                         "ai cũng đọc được. Dùng --tls-self-signed hoặc --tls-cert/--tls-key, hoặc đặt một reverse "
                         "proxy giải mã TLS trên máy này (--host 127.0.0.1 --forwarded-allow-ips 127.0.0.1).")
    log_config = server_logging_config(args.log_file)
    logging.config.dictConfig(log_config)
    if args.secret_file is not None:
        # Read by district/lookup/keys.py in this process and in every worker (the environment is inherited).
        os.environ["DISTRICT_SECRET_FILE"] = str(args.secret_file.resolve())

    defaults = Limits()
    limits = Limits(max_body=args.max_body or defaults.max_body,
                    max_decompressed=args.max_decompressed or defaults.max_decompressed)
    engine = make_engine(args.database)
    migrate(engine)
    if files is not None:
        # What `district enroll-code` prints with each code, so a desk can pin this certificate.
        with engine.begin() as conn:
            set_meta(conn, "tls_pin", files.fingerprint() if files.self_signed() else "")
    # Only the headers uvicorn needs; the proxy headers only from the proxies named (else spoofable).
    common: dict[str, Any] = {"host": args.host, "port": args.port, "log_config": log_config, "access_log": False,
                              "timeout_keep_alive": 30, "server_header": False, "date_header": False,
                              "proxy_headers": behind_proxy, "tls": files}
    if behind_proxy:
        common["forwarded_allow_ips"] = args.forwarded_allow_ips
    scheme = "https" if files is not None else "http"
    if files is not None and files.self_signed():
        print(f"district: chứng chỉ tự ký, dấu vân tay SHA-256 {files.fingerprint()}", flush=True)
    if args.workers > 1:
        engine.dispose()
        os.environ["DISTRICT_DATABASE_URL"] = args.database
        os.environ["DISTRICT_MAX_BODY"] = str(limits.max_body)
        os.environ["DISTRICT_MAX_DECOMPRESSED"] = str(limits.max_decompressed)
        os.environ["DISTRICT_REQUIRE_HTTPS"] = "1" if behind_proxy else ""
        config = TlsConfig("district.app:app_from_env", factory=True, workers=args.workers, **common)
        print(f"district serving on {scheme}://{args.host}:{args.port}", flush=True)
        sock = config.bind_socket()
        from uvicorn.supervisors import Multiprocess

        Multiprocess(config, sockets=[sock]).run()
        return 0
    app = create_app(args.database, limits=limits, engine=engine, require_https=behind_proxy)
    print(f"district serving on {scheme}://{args.host}:{args.port}", flush=True)
    uvicorn.Server(TlsConfig(app, **common)).run()
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    engine = make_engine(args.database)
    applied = migrate(engine)
    print("Đã áp dụng: " + (", ".join(applied) if applied else "không có bước mới"))
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    from desk.sync.tls import PIN_PREFIX_HEX

    with _engine(args).begin() as conn:
        try:
            code = auth.make_enroll_code(conn, args.commune.strip().upper(), device_id=args.device)
        except ApiError as e:
            print(f"Lỗi: {e.message_vi}", file=sys.stderr)
            return 2
        pin = conn.execute(select(m.server_meta.c.value).where(m.server_meta.c.key == "tls_pin")).scalar() or ""
    if pin:
        # The start of the certificate's fingerprint rides with the code: the desk refuses a server whose
        # certificate does not match, so a man in the middle never sees the code (desk/sync/tls.py).
        digits = pin[:PIN_PREFIX_HEX].upper()
        code = code + "-" + "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))
    print(code)
    print(f"Mã đăng ký dùng một lần cho {args.commune}, hết hạn sau {auth.CODE_TTL.days} ngày."
          + (" Bốn nhóm cuối là dấu vân tay chứng chỉ của máy chủ: nhập cả mã." if pin else ""), file=sys.stderr)
    return 0


def cmd_dossiers(args: argparse.Namespace) -> int:
    from desk.lifecycle import STATUS_LABELS_VI
    from district.app import list_dossiers

    with _engine(args).connect() as conn:
        rows = list_dossiers(conn, args.commune.strip().upper())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"{r['code']}\t{r['status']}\t{STATUS_LABELS_VI.get(r['status'], r['status'])}\t{r['applicant_name']}")
    print(f"Tổng: {len(rows)} hồ sơ", file=sys.stderr)
    return 0


def cmd_act(args: argparse.Namespace) -> int:
    data: dict[str, Any] = {}
    if args.reason:
        data["reason"] = args.reason
    if args.missing:
        data["missing_documents"] = args.missing
    if args.obligation:
        data["obligation"] = args.obligation
    with _engine(args).begin() as conn:
        change = feed.district_act(conn, args.code, args.action, by=args.by, note=args.note, data=data,
                                   commune=args.commune)
    print(f"{change['code']}\t{change['action']['from_status']} -> {change['action']['to_status']}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        if not auth.revoke(conn, args.device_id):
            print(f"Lỗi: không có máy {args.device_id} đang hoạt động.", file=sys.stderr)
            return 2
    print(f"Đã thu hồi quyền đồng bộ của máy {args.device_id}.")
    return 0


def cmd_rebind(args: argparse.Namespace) -> int:
    commune = args.commune.strip().upper()
    with _engine(args).begin() as conn:
        # A device id belongs to its commune for ever once anything of it was kept there: moving it would
        # hand that commune's citizens to another. Only a slip made before any record landed is fixed here.
        kept = any(conn.execute(select(t.c.device_id).where(t.c.device_id == args.device_id).limit(1)).first()
                   for t in (m.dossiers, m.receipts))
        if kept:
            print(f"Lỗi: máy {args.device_id} đã có hồ sơ hoặc biên lai được lưu ở xã/phường của nó; không chuyển "
                  "được. Hãy thu hồi máy này và cấp mã đăng ký cho một máy mới.", file=sys.stderr)
            return 2
        done = conn.execute(update(m.devices).where(m.devices.c.device_id == args.device_id)
                            .values(commune=commune)).rowcount
    if not done:
        print(f"Lỗi: không có máy {args.device_id}.", file=sys.stderr)
        return 2
    print(f"Máy {args.device_id} nay thuộc {commune}. Hồ sơ bị từ chối trước đó cần được gửi lại từ máy đó.")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    q = select(m.devices).order_by(m.devices.c.enrolled_at)
    if args.commune:
        q = q.where(m.devices.c.commune == args.commune.strip().upper())
    with _engine(args).connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            state = "đã thu hồi" if r["revoked_at"] else "hoạt động"
            print(f"{r['device_id']}\t{r['commune']}\t{state}\t{r['name']}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    q = select(m.conflicts).where(m.conflicts.c.commune == args.commune.strip().upper()).order_by(
        m.conflicts.c.created_at)
    with _engine(args).connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(q)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print(f"{r['dossier_id']}\t{r['field']}\tMột cửa: {r['desk_value']}\tCấp trên: {r['district_value']}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    data = json.loads(args.file.read_text(encoding="utf-8"))
    if args.name == "catalog":
        records = data.get("procedures", data.get("records")) if isinstance(data, dict) else data
        body = {"records": records}
    else:
        body = data if isinstance(data, dict) else {"days": data}
    with _engine(args).begin() as conn:
        version = refdata.publish(conn, args.name, body)
    print(f"Đã công bố {args.name} phiên bản {version}.")
    return 0


def cmd_desk_release(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        if args.clear:
            desk_release.clear(conn)
        elif args.version:
            desk_release.publish(conn, args.version, args.url or "")
        current = desk_release.current(conn)
    if current["latest_version"]:
        where = f" — tải tại {current['download_url']}" if current["download_url"] else ""
        print(f"Phiên bản phần mềm Một cửa đang báo cho các máy: {current['latest_version']}{where}")
    else:
        print("Chưa báo phiên bản phần mềm Một cửa nào.")
    return 0


def cmd_collections(args: argparse.Namespace) -> int:
    from district.fees import collections, period

    first, last = period(args.date_from, args.date_to)
    with _engine(args).connect() as conn:
        data = collections(conn, args.commune.strip().upper(), first, last)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    from desk.fees.money import group as money
    print(f"Thu phí, lệ phí của {data['commune']} từ {data['from']} đến {data['to']}:")
    for f in data["by_fee"]:
        print(f"  {f['fee_name']}: {f['count']} biên lai, {money(f['amount'])} đ "
              f"(tiền mặt {money(f['cash'])}, chuyển khoản {money(f['transfer'])})")
    print("Theo ngày:")
    for ln in data["lines"]:
        print(f"  {ln['day']}\t{ln['fee_code']}\t{ln['method']}\t{ln['count']}\t{money(ln['amount'])}")
    print(f"Cộng: {data['count']} biên lai, {money(data['total'])} đ; hủy {data['cancelled']}, "
          f"không sử dụng {data['void']}; chốt quầy {len(data['till_closes'])} lần; miễn {data['exemptions']}.")
    return 0


def cmd_petitions(args: argparse.Namespace) -> int:
    from desk.sync.protocol import OFFICE_UTC_OFFSET
    from district.db import utcnow
    from district.fees import period
    from district.petitions import figures

    first, last = period(args.date_from, args.date_to)
    communes = [c.strip().upper() for c in args.commune.split(",") if c.strip()]
    at = (utcnow() + OFFICE_UTC_OFFSET).replace(tzinfo=None)
    with _engine(args).connect() as conn:
        data = figures(conn, communes or None, first, last, at)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(f"Tiếp công dân, đơn thư từ {data['from']} đến {data['to']}:")
    for c in data["communes"]:
        print(f"  {c['commune']}: {c['sentence']}")
    print(f"Cộng: {data['total']['sentence']}")
    print(data["receptions_sentence"])
    return 0


def cmd_petition_act(args: argparse.Namespace) -> int:
    from district.petitions import district_act

    with _engine(args).begin() as conn:
        change = district_act(conn, args.ref, args.action, note=args.note, by=args.by, commune=args.commune)
    print(f"{change['code']}\t{change['action']['from_status']} -> {change['action']['to_status']}")
    return 0


def cmd_admin_key(args: argparse.Namespace) -> int:
    with _engine(args).connect() as conn:
        print(meta(conn, "admin_key"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
