"""Safekeeping commands: backup, restore, check, the key, the audit chain, citizens' data, retention,
and accounts (unlock, role)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk import health, keys
from desk.cli import data_dir_of
from desk.errors import DeskError, ValidationError
from desk.paths import database_path
from desk.services import Desk


def _open(args: argparse.Namespace) -> Desk:
    return Desk.open(data_dir_of(args))


def _actor(desk: Desk, username: str | None) -> str:
    """The officer named with --officer (their role is checked by the service), or the command line
    itself: run by the OS account that owns the data folder."""
    if not username:
        return "cli"
    row = desk.officers.by_username(username)
    if row is None:
        raise ValidationError("officer", f"Không có cán bộ «{username}».")
    return str(row["id"])


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="kiểm tra rồi sao lưu cơ sở dữ liệu (và chép sang thư mục thứ hai nếu có)")
    p.add_argument("--second-folder", default=None, help="chép thêm vào thư mục này (ví dụ USB)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục từ một bản sao lưu, kể cả khi cơ sở dữ liệu hỏng hoặc mất "
                                       "(đóng phần mềm trước)")
    p.add_argument("file", nargs="?", default=None, help="tệp sao lưu (mặc định: bản tốt gần nhất trong backups/)")
    p.add_argument("--other-device", action="store_true",
                   help="cho phép khôi phục bản sao lưu của máy khác (khi thay máy)")
    p.add_argument("--recovery-key", default=None, help="khóa khôi phục đã in khi cài đặt (máy cài lại, thay máy)")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("check", help="kiểm tra cơ sở dữ liệu có bị hỏng không")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("recovery-report", help="sau khi khôi phục: những gì đã lấy lại và mã hồ sơ còn thiếu")
    p.set_defaults(func=cmd_recovery_report)

    key = sub.add_parser("key", help="khóa mã hóa dữ liệu")
    ksub = key.add_subparsers(dest="key_command", metavar="LỆNH", required=True)
    p = ksub.add_parser("recovery", help="hiện khóa khôi phục để in và cất giữ")
    p.set_defaults(func=cmd_key_recovery)
    p = ksub.add_parser("restore", help="cài lại khóa từ khóa khôi phục (máy cài lại, đăng nhập Windows khác)")
    p.add_argument("--recovery-key", required=True)
    p.set_defaults(func=cmd_key_restore)

    audit = sub.add_parser("audit", help="nhật ký thao tác")
    asub = audit.add_subparsers(dest="audit_command", metavar="LỆNH", required=True)
    p = asub.add_parser("verify", help="kiểm tra nhật ký có bị sửa, xóa hay đảo thứ tự không")
    p.set_defaults(func=cmd_audit_verify)

    cit = sub.add_parser("citizen", help="yêu cầu của công dân về dữ liệu cá nhân (Luật 91/2025)")
    csub = cit.add_subparsers(dest="citizen_command", metavar="LỆNH", required=True)
    p = csub.add_parser("export", help="xuất toàn bộ dữ liệu về một người ra tệp JSON")
    p.add_argument("--id", required=True, dest="id_number", help="số định danh cá nhân")
    p.add_argument("-o", "--output", required=True, type=Path)
    p.add_argument("--officer", default=None, help="tên đăng nhập của lãnh đạo/quản trị xử lý yêu cầu")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_citizen_export)
    p = csub.add_parser("correct", help="sửa thông tin công dân theo yêu cầu")
    p.add_argument("--id", required=True, dest="id_number")
    p.add_argument("--set", action="append", default=[], metavar="TRƯỜNG=GIÁ_TRỊ",
                   help="full_name, dob, gender, address, phone, email, old_id_number")
    p.add_argument("--officer", default=None)
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_citizen_correct)

    p = sub.add_parser("purge", help="xóa dữ liệu cá nhân quá thời hạn lưu trữ (retention.years)")
    p.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xóa")
    p.add_argument("--officer", default=None)
    p.set_defaults(func=cmd_purge)

    st = sub.add_parser("setting", help="xem hoặc đổi cài đặt (khóa màn hình, khóa tài khoản, lưu trữ, sao lưu…)")
    ssub = st.add_subparsers(dest="setting_command", metavar="LỆNH", required=True)
    p = ssub.add_parser("list")
    p.set_defaults(func=cmd_setting_list)
    p = ssub.add_parser("set")
    p.add_argument("name")
    p.add_argument("value")
    p.set_defaults(func=cmd_setting_set)

    acc = sub.add_parser("account", help="mở khóa hoặc đổi vai trò tài khoản cán bộ")
    asub = acc.add_subparsers(dest="account_command", metavar="LỆNH", required=True)
    p = asub.add_parser("unlock", help="mở khóa tài khoản bị khóa do nhập sai mật khẩu")
    p.add_argument("username")
    p.set_defaults(func=cmd_account_unlock)
    p = asub.add_parser("role", help="đổi vai trò: officer (cán bộ), leader (lãnh đạo), admin")
    p.add_argument("username")
    p.add_argument("role", choices=["officer", "leader", "admin"])
    p.set_defaults(func=cmd_account_role)


def cmd_backup(args: argparse.Namespace) -> int:
    desk = _open(args)
    second = args.second_folder or str(desk.settings.get("backup.second_folder")) or None
    from desk.backup import make_backup

    path = make_backup(desk.store, keep=int(desk.settings.get("backup.keep")), second_folder=second)
    print(f"Đã kiểm tra và sao lưu: {path}" + (f" (và chép sang {second})" if second else ""))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from desk.backup import restore_backup

    data_dir = data_dir_of(args)
    db_path = database_path(data_dir)
    recovery_key = None
    if args.recovery_key:
        recovery_key = keys.parse_recovery(args.recovery_key)
        if recovery_key is None:
            raise ValidationError("recovery_key", "Khóa khôi phục gồm 64 chữ số hệ 16 (16 nhóm 4 ký tự).")
    backup = Path(args.file) if args.file else health.last_good_backup(data_dir)
    if backup is None:
        raise DeskError("Không có bản sao lưu dùng được trong thư mục backups; hãy chỉ ra tệp sao lưu (ví dụ trên USB).",
                        code="no_backup")
    # Never through Desk.open before the swap: the database being replaced may be damaged or gone.
    kept = restore_backup(db_path, backup, allow_other_device=args.other_device, recovery_key=recovery_key)
    desk = Desk.open(data_dir)  # opening detects the restore and starts a new epoch
    epoch = desk.store.device()["epoch"]
    print(f"Đã khôi phục từ {backup}." + (f" Cơ sở dữ liệu cũ được giữ tại {kept}." if kept else "")
          + f" Kỳ đồng bộ mới: {epoch}.")
    _recover_from_district(desk)
    return 0


def _recover_from_district(desk: Desk) -> None:
    from desk import recovery_report
    from desk.sync import SyncClient
    from desk.sync import state as sync_state

    if sync_state.identity(desk.store) is not None:
        client = SyncClient(desk)
        try:
            result = client.sync_once()
            if result.error:
                print(f"Chưa lấy lại được từ cấp trên: {result.error}. Máy sẽ lấy lại ở lần đồng bộ sau; "
                      "xem lại bằng «desk recovery-report».")
        except DeskError as e:
            print(f"Chưa lấy lại được từ cấp trên: {e.message_vi}")
        finally:
            client.close()
    for line in recovery_report.report(desk.store).lines_vi():
        print(line)


def cmd_check(args: argparse.Namespace) -> int:
    desk = _open(args)  # opening runs the check; a damaged database stops here with its message
    print("Cơ sở dữ liệu không có lỗi." if not desk.store.check() else "")
    return 0


def cmd_recovery_report(args: argparse.Namespace) -> int:
    from desk import recovery_report

    desk = _open(args)
    lines = recovery_report.report(desk.store).lines_vi()
    print("\n".join(lines) if lines else "Máy này chưa khôi phục từ bản sao lưu lần nào.")
    return 0


def cmd_key_recovery(args: argparse.Namespace) -> int:
    desk = _open(args)
    print(keys.recovery_text(desk.store.key))
    print("In hoặc chép khóa này, cất nơi an toàn (két của cơ quan). Cần khóa này khi cài lại máy, thay máy hoặc "
          "khôi phục bản sao lưu trên máy khác. Không gửi khóa qua mạng.")
    return 0


def cmd_key_restore(args: argparse.Namespace) -> int:
    key = keys.parse_recovery(args.recovery_key)
    if key is None:
        raise ValidationError("recovery_key", "Khóa khôi phục gồm 64 chữ số hệ 16 (16 nhóm 4 ký tự).")
    keys.install_key(data_dir_of(args), key)
    desk = _open(args)
    print(f"Đã cài lại khóa; mở được cơ sở dữ liệu ({desk.store.scalar('SELECT COUNT(*) FROM dossiers')} hồ sơ).")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from desk import audit_chain

    desk = _open(args)
    verdict = audit_chain.verify(desk.store.conn())
    if verdict.ok:
        print(f"Nhật ký nguyên vẹn: {verdict.entries} dòng, chuỗi mã băm liền mạch.")
        return 0
    print(f"NHẬT KÝ BỊ CAN THIỆP: {len(verdict.findings)} chỗ sai trong {verdict.entries} dòng.")
    for f in verdict.findings[:50]:
        print(f"  {f.message_vi}")
    return 1


def cmd_citizen_export(args: argparse.Namespace) -> int:
    from desk import privacy

    desk = _open(args)
    data = privacy.export(desk, args.id_number, actor=_actor(desk, args.officer), note=args.note)
    privacy.write_export(data, args.output)
    print(f"Đã xuất dữ liệu ({len(data['dossiers'])} hồ sơ) ra {args.output}. Yêu cầu đã được ghi nhận.")
    return 0


def cmd_citizen_correct(args: argparse.Namespace) -> int:
    from desk import privacy

    desk = _open(args)
    changes: dict[str, Any] = {}
    for item in args.set:
        if "=" not in item:
            raise ValidationError("set", f"«{item}» cần dạng trường=giá_trị.")
        k, v = item.split("=", 1)
        changes[k.strip()] = v
    privacy.correct(desk, args.id_number, changes, actor=_actor(desk, args.officer), note=args.note)
    print(f"Đã sửa: {', '.join(sorted(changes))}. Yêu cầu đã được ghi nhận. Các hồ sơ đã nộp giữ nguyên nội dung "
          "đã tiếp nhận.")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from desk import privacy

    desk = _open(args)
    actor = _actor(desk, args.officer)
    if args.dry_run:
        from desk.permissions import require

        require(desk.store, actor, "retention.purge")
        plan = privacy.plan_purge(desk)
        print("Sẽ xóa (chạy thử, chưa xóa gì):")
    else:
        plan = privacy.purge(desk, actor=actor)
        print("Đã xóa:")
    for line in plan.lines_vi():
        print(f"  {line}")
    for code in plan.dossiers[:200]:
        print(f"    {code}")
    return 0


def cmd_account_unlock(args: argparse.Namespace) -> int:
    desk = _open(args)
    row = desk.officers.by_username(args.username)
    if row is None:
        raise ValidationError("username", f"Không có cán bộ «{args.username}».")
    desk.officers.unlock(str(row["id"]), actor="cli")
    print(f"Đã mở khóa tài khoản {row['username']}.")
    return 0


def cmd_account_role(args: argparse.Namespace) -> int:
    desk = _open(args)
    row = desk.officers.by_username(args.username)
    if row is None:
        raise ValidationError("username", f"Không có cán bộ «{args.username}».")
    desk.officers.set_role(str(row["id"]), args.role, actor="cli")
    print(f"Tài khoản {row['username']} nay là {args.role}.")
    return 0


def cmd_setting_list(args: argparse.Namespace) -> int:
    from desk.settings import REGISTRY

    desk = _open(args)
    for name, setting in REGISTRY.items():
        print(f"{name:<28} {desk.settings.get(name)!s:<12} {setting.label_vi}")
    return 0


def cmd_setting_set(args: argparse.Namespace) -> int:
    desk = _open(args)
    desk.settings.set(args.name, args.value, actor="cli")
    print(f"Đã đặt {args.name} = {desk.settings.get(args.name)}")
    return 0
