"""`desk diagnose -o FILE`: the zip a support person asks for (desk/diagnose.py says what is in it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desk.cli import data_dir_of
from desk.diagnose import LOG_LINES, write_zip


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg, unused-ignore]
    p = sub.add_parser("diagnose", help="tạo tệp chẩn đoán (zip) gửi bộ phận hỗ trợ; không chứa dữ liệu cá nhân")
    p.add_argument("-o", "--output", required=True, type=Path, help="tệp zip sẽ tạo, ví dụ chan-doan.zip")
    p.add_argument("--log-lines", type=int, default=LOG_LINES, help="số dòng cuối của nhật ký đưa vào")
    p.set_defaults(func=cmd_diagnose)


def cmd_diagnose(args: argparse.Namespace) -> int:
    out = write_zip(data_dir_of(args), args.output, log_lines=max(0, args.log_lines))
    print(f"Đã tạo tệp chẩn đoán {out} (không chứa họ tên, số định danh, điện thoại hay địa chỉ của người dân).")
    return 0
