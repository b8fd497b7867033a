"""`desk print …` through the real CLI entry point and the real data directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from tests.forms.conftest import NHUNG
from tests.forms.pdfcheck import A4, A5, ROLL_WIDTH, page_sizes, page_texts, same_size


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "print", *args])


def test_print_slip_form_and_register(data_dir: Path, receive: Callable[..., dict[str, Any]], desk: Any,
                                      tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = receive()["code"]
    refused = receive(outcome="refused", reason="Hồ sơ không thuộc thẩm quyền của phường.")["code"]
    desk.close()  # the CLI opens the same data directory on its own

    out = tmp_path / "out" / "giay-hen.pdf"
    assert _run(data_dir, "slip", code, "--paper", "a5", "-o", str(out)) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert all(same_size(s, A5) for s in page_sizes(out))
    assert NHUNG in page_texts(out)[0]

    assert _run(data_dir, "slip", code.lower(), "--paper", "80mm") == 0
    archived = Path(capsys.readouterr().out.strip())
    assert archived.is_relative_to(data_dir / "forms") and abs(page_sizes(archived)[0][0] - ROLL_WIDTH) < 0.5

    assert _run(data_dir, "slip", code, "--reprint", "-o", str(tmp_path / "again.pdf")) == 0
    assert (tmp_path / "again.pdf").read_bytes() == archived.read_bytes()

    refusal = tmp_path / "tu-choi.pdf"
    assert _run(data_dir, "form", "refusal", refused, "-o", str(refusal)) == 0
    assert "Hồ sơ không thuộc thẩm quyền của phường." in page_texts(refusal)[0]

    book = tmp_path / "so.pdf"
    assert _run(data_dir, "register", "--from", "23/11/2026", "--to", "2026-11-30", "-o", str(book)) == 0
    assert same_size(page_sizes(book)[0], (A4[1], A4[0]))
    # A refusal at the desk is a form 03, not a line of the register.
    assert "Tổng số: 1 hồ sơ." in page_texts(book)[0] and refused.split("-")[-1] not in page_texts(book)[0]

    capsys.readouterr()
    assert _run(data_dir, "list", code) == 0
    listing = capsys.readouterr().out
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (a5)" in listing
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (80mm)" in listing
    assert _run(data_dir, "list", refused) == 0
    assert "Phiếu từ chối tiếp nhận giải quyết hồ sơ (a4)" in capsys.readouterr().out
    assert _run(data_dir, "slip", refused) == 2
    assert "in Phiếu từ chối tiếp nhận (mẫu 03), không in giấy hẹn" in capsys.readouterr().err


def test_cli_errors_are_vietnamese_sentences(data_dir: Path, desk: Any, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    desk.close()
    assert _run(data_dir, "slip", "000.00.06.H56-261123-019999") == 2
    assert "Không tìm thấy hồ sơ" in capsys.readouterr().err
    assert _run(data_dir, "register", "--from", "30/11/2026", "--to", "23/11/2026", "-o",
                str(tmp_path / "x.pdf")) == 2
    assert "Ngày cuối (23/11/2026) phải từ ngày đầu (30/11/2026) trở đi." in capsys.readouterr().err
    assert _run(data_dir, "register", "--from", "hôm qua", "--to", "23/11/2026", "-o", str(tmp_path / "x.pdf")) == 2
    assert "không đúng dạng" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_reprint_of_a_slip_never_printed_here_uses_the_desks_paper(data_dir: Path, desk: Any,
                                                                       receive: Callable[..., dict[str, Any]],
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # A dossier received elsewhere (no print archived on this PC), at a counter that prints on the 80 mm roll.
    code = receive()["code"]
    desk.settings.set("print.paper", "80mm")
    desk.close()
    assert _run(data_dir, "slip", code, "--reprint") == 0
    reprinted = Path(capsys.readouterr().out.strip())
    assert abs(page_sizes(reprinted)[0][0] - ROLL_WIDTH) < 0.5
