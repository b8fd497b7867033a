"""`district user add|unlock|passwd|list`: the district staff's accounts for the web pages (/staff)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from sqlalchemy import Engine

from district.web import accounts


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: Callable[[argparse.ArgumentParser], None],
             engine_of: Callable[[argparse.Namespace], Engine]) -> None:
    p = sub.add_parser("user", help="tài khoản cán bộ cấp huyện cho các trang web (/staff)")
    user_sub = p.add_subparsers(dest="user_command", metavar="VIỆC", required=True)
    u = user_sub.add_parser("add", help="tạo tài khoản (quản trị viên đầu tiên: --role admin)")
    add_db(u)
    u.add_argument("username", help="tên đăng nhập (chữ, số, . _ -)")
    u.add_argument("--name", required=True, help="họ tên cán bộ, ghi vào các bước xử lý")
    u.add_argument("--role", choices=["officer", "admin"], default="officer",
                   help="officer: cán bộ cấp huyện; admin: quản trị viên (thêm, mở khóa tài khoản)")
    u.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu của stdin")
    u.set_defaults(func=cmd_user_add, engine_of=engine_of)
    u = user_sub.add_parser("unlock", help="mở khóa tài khoản bị khóa do nhập sai mật khẩu")
    add_db(u)
    u.add_argument("username")
    u.set_defaults(func=cmd_user_unlock, engine_of=engine_of)
    u = user_sub.add_parser("passwd", help="đặt lại mật khẩu (đăng xuất mọi phiên của tài khoản)")
    add_db(u)
    u.add_argument("username")
    u.add_argument("--password-stdin", action="store_true")
    u.set_defaults(func=cmd_user_passwd, engine_of=engine_of)
    u = user_sub.add_parser("list", help="liệt kê tài khoản")
    add_db(u)
    u.set_defaults(func=cmd_user_list, engine_of=engine_of)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise ValueError("hai lần nhập mật khẩu không giống nhau")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    password = _password(args)
    with args.engine_of(args).begin() as conn:
        made = accounts.add_user(conn, args.username, args.name, args.role, password)
    print(f"Đã tạo tài khoản {made.username} ({made.role_vi}). Đăng nhập tại https://<máy chủ>/staff/login")
    return 0


def cmd_user_unlock(args: argparse.Namespace) -> int:
    with args.engine_of(args).begin() as conn:
        if not accounts.unlock(conn, args.username):
            print(f"Lỗi: không có tài khoản {args.username}.", file=sys.stderr)
            return 2
    print(f"Đã mở khóa tài khoản {args.username}.")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    password = _password(args)
    with args.engine_of(args).begin() as conn:
        if not accounts.set_password(conn, args.username, password):
            print(f"Lỗi: không có tài khoản {args.username}.", file=sys.stderr)
            return 2
    print(f"Đã đặt mật khẩu mới cho {args.username}.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with args.engine_of(args).connect() as conn:
        for u in accounts.users(conn):
            state = "tạm khóa" if u["locked"] else "bình thường"
            print(f"{u['username']}\t{u['role_vi']}\t{state}\t{u['full_name']}")
    return 0
