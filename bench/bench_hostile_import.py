"""Hostile catalogue files against the issue-17 target, and a province-sized real one for scale.

    python3 bench/bench_hostile_import.py

Target: an XLSX of about 1 MB that unpacks to millions of rows is refused in under 5 s and 200 MB of memory.
Each import runs in its own process (a fresh desk, the starter catalogue loaded); the figures are the time of
`Catalog.import_file` alone and the process's peak resident memory, with the peak before the import beside it
(what Python, SQLite and the starter catalogue already take).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from tests.support import hostile_files  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_MB = 200.0

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from desk.errors import DeskError
from desk.services import Desk

desk = Desk.open(Path(sys.argv[1]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
try:
    report = desk.catalog.import_file(sys.argv[2])
    outcome = f"imported {len(report.added)} (+{len(report.updated)} updated, {len(report.errors)} refused rows)"
except DeskError as e:
    outcome = "refused: " + e.message_vi.split(": ", 1)[-1][:90]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "before_mb": before, "outcome": outcome}))
"""


def run(path: Path, work: Path) -> dict[str, object]:
    data = Path(tempfile.mkdtemp(dir=work))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data), str(path)], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def province_catalogue(path: Path, rows: int) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh mục")
    ws.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    ws.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn (ngày)", "Phí, lệ phí", "Thành phần hồ sơ"])
    for i in range(rows):
        ws.append([f"1.{900000 + i:06d}", f"Thủ tục hành chính số {i} về đăng ký và cấp giấy xác nhận", "Hộ tịch",
                   i % 15, "Không", "; ".join(f"Giấy tờ thứ {k} (bản chính hoặc bản sao có chứng thực)"
                                              for k in range(6))])
    wb.save(path)
    return path


def worst_under_caps(path: Path) -> Path:
    """As much as the limits let through: the row cap, and cells as long as the unzipped-size cap allows."""
    text = "Thành phần hồ sơ gồm tờ khai, bản sao giấy tờ tùy thân và giấy tờ chứng minh nơi cư trú; "
    cells = "".join(f'<c t="inlineStr"><is><t>{{n}} {text * 5}</t></is></c>' for _ in range(5))
    row = '<row><c t="inlineStr"><is><t>1.{n:06d}</t></is></c>' + cells + "</row>"
    header = "<row>" + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in (
        "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết", "Phí, lệ phí", "Thành phần hồ sơ")) + "</row>"
    return hostile_files.write_xlsx_rows(path, header, (row.format(n=900000 + i)
                                                                          for i in range(10_000)))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cases = [
            ("zip bomb: ~1 MB, 3,000,000 rows, ~300 MB of XML", hostile_files.zip_bomb(work / "bom.xlsx")),
            ("row bomb: 5,000,000 empty rows under the unzipped-size cap",
             hostile_files.row_bomb(work / "rows.xlsx", 5_000_000)),
            ("one value on row 1,048,576", hostile_files.gap_bomb(work / "gap.xlsx")),
            ("billion laughs in the sheet", hostile_files.entity_bomb(work / "lol.xlsx")),
            ("zip directory that lies (3,000,000 rows declared as 1 KB)",
             hostile_files.lying_directory(work / "lie.xlsx")),
            ("limit: the worst file under the caps: 10,000 rows of 5 cells of 470 characters of Vietnamese text (~30 MB of XML)",
             worst_under_caps(work / "worst.xlsx")),
            ("real: a province's 2,000 procedures", province_catalogue(work / "tinh.xlsx", 2_000)),
            ("real: 10,000 procedures (the row cap)", province_catalogue(work / "lon.xlsx", 10_000)),
        ]
        print(f"Targets for hostile files: refused in < {TARGET_SECONDS:g} s and < {TARGET_MB:g} MB peak memory.\n")
        for label, path in cases:
            started = time.perf_counter()
            r = run(path, work)
            hostile = not label.startswith(("real", "limit"))
            verdict = ""
            if hostile:
                ok = (float(str(r["seconds"])) < TARGET_SECONDS and float(str(r["peak_mb"])) < TARGET_MB
                      and str(r["outcome"]).startswith("refused"))
                verdict = "  OK" if ok else "  MISSED"
            print(f"{label}\n  file {path.stat().st_size / 1e6:.2f} MB; import {float(str(r['seconds'])):.3f} s; "
                  f"peak memory {float(str(r['peak_mb'])):.0f} MB (before the import {float(str(r['before_mb'])):.0f} MB)"
                  f"{verdict}\n  {r['outcome']}  [process {time.perf_counter() - started:.1f} s]")


if __name__ == "__main__":
    main()
