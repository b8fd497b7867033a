"""`desk fee …`, `desk receipt …`, `desk till …` as an admin or a scheduled task uses them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from tests.forms.pdfcheck import page_texts


def _run(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_fees_from_the_command_line(desk: Any, officer: dict, data_dir: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    desk.close()
    code, out, _ = _run(data_dir, capsys, "fee", "quote", "2.000815", "--pages", "250", "--copies", "2")
    assert code == 0 and "thu tối đa 200.000 đ" in out and "Phải nộp: 400.000 đ — Bốn trăm nghìn đồng" in out
    code, _, err = _run(data_dir, capsys, "fee", "quote", "1.004873")
    assert code == 2 and "desk fee set 1.004873 --amount" in err
    code, out, _ = _run(data_dir, capsys, "fee", "set", "1.004873", "--amount", "15.000", "--basis",
                        "Nghị quyết 20/2025/NQ-HĐND")
    assert code == 0 and "15.000 đ/trường hợp" in out
    code, _, err = _run(data_dir, capsys, "receipt", "issue", "2.000884", "--payer", "Lê Văn Bình")
    assert code == 2 and "dải số biên lai" in err
    code, out, _ = _run(data_dir, capsys, "receipt", "series", "add", "--symbol", "01aa-26t", "--form-no",
                        "01BLP0-001", "--from", "1", "--to", "10000", "--per-desk", "1000", "--org-name",
                        "UBND phường Hòa Bình", "--tax-code", "4600123456")
    assert code == 0 and "01AA-26T" in out and "1–1000" in out
    pdf = tmp_path / "bienlai.pdf"
    code, out, _ = _run(data_dir, capsys, "receipt", "issue", "2.000884", "--payer", "Lê Văn Bình", "--copies",
                        "2", "-o", str(pdf))
    assert code == 0 and "01AA-26T 0000001" in out and "Hai mươi nghìn đồng" in out
    assert "Số: 0000001" in page_texts(pdf)[0]
    _run(data_dir, capsys, "receipt", "issue", "2.000815", "--payer", "Hồ Thị Yến", "--pages", "3")
    code, out, _ = _run(data_dir, capsys, "receipt", "cancel", "0000002", "--reason", "In sai số trang")
    assert code == 0 and "Đã hủy biên lai 01AA-26T 0000002" in out
    code, _, err = _run(data_dir, capsys, "till", "close")
    assert code == 2 and "--counted" in err
    assert _run(data_dir, capsys, "till", "close", "--counted", "10.000")[0] == 2  # short, unexplained
    hand_over = tmp_path / "bangke.pdf"
    code, out, _ = _run(data_dir, capsys, "till", "close", "--counted", "10.000", "--explanation",
                        "Thiếu 10.000 đồng", "-o", str(hand_over))
    assert code == 0 and "chênh lệch -10.000 đ" in out
    assert "Chênh lệch: −10.000 đồng (thiếu)" in " ".join(page_texts(hand_over))
    for suffix in ("pdf", "xlsx", "csv"):
        target = tmp_path / f"thu-phi.{suffix}"
        code, _, _ = _run(data_dir, capsys, "fee", "report", "--from", "01/11/2026", "--to", "2026-11-30", "-o",
                          str(target))
        assert code == 0 and target.stat().st_size > 0
    code, out, _ = _run(data_dir, capsys, "fee", "report", "--from", "2026-11-01", "--to", "2026-11-30")
    assert "Cộng: 1 biên lai, 20.000 đ; hủy 1" in out
