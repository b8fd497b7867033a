"""`desk petition add|act`, `desk reception add` and `desk report petitions` printing the seeds' sentence."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk.cli import main as cli_main
from desk.petitions.figures import Figures


def _run(data_dir: Path, *args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli_main(["--data-dir", str(data_dir), *args])
    assert status == 0, out.getvalue()
    return out.getvalue()


def test_the_sentence_has_the_seeds_shape() -> None:
    f = Figures(cases=76, competent=70, resolved=64)
    f.by_kind.update({"khieu_nai": 3, "to_cao": 3, "tranh_chap": 4, "kien_nghi": 66})
    assert f.sentence() == ("76 đơn thư (03 khiếu nại, 03 tố cáo, 04 tranh chấp, 66 kiến nghị, phản ánh); "
                            "70 đơn thuộc thẩm quyền; đã giải quyết 64/70, đạt 91,4%")
    f2 = Figures(cases=2, competent=0)
    assert f2.sentence().endswith("0 đơn thuộc thẩm quyền; đã giải quyết 0/0")
    assert f.add(f2).cases == 78


def test_a_day_of_paper_petitions_on_the_command_line(desk: Any, data_dir: Path, clock: Any) -> None:
    desk.close()
    clock.set(datetime(2026, 11, 23, 9, 0))
    refs = []
    for kind, name in (("khieu-nai", "Nguyễn Văn An"), ("to-cao", "Trần Thị Bình"), ("tranh-chap", "Lê Văn Cường"),
                       ("kien-nghi", "Phạm Thị Dung"), ("kien-nghi", "Hoàng Văn Em")):
        line = _run(data_dir, "petition", "add", "--kind", kind, "--name", name, "--content",
                    f"Nội dung đơn của {name}", "--received-at", "2026-11-02 09:00")
        refs.append(line.split("\t")[0])
    # The same content as the last, from a second person: one case, two persons.
    _run(data_dir, "petition", "add", "--kind", "kien-nghi", "--name", "Vũ Văn Phúc", "--content", "Cùng nội dung",
         "--received-at", "2026-11-02 10:00", "--same-as", refs[4])
    out = _run(data_dir, "reception", "add", "--name", "Đinh Văn Giang", "--content", "Tranh chấp lối đi",
               "--headcount", "12", "--chairman", "--received-at", "2026-11-05 08:00")
    assert "đoàn đông người" in out
    for ref in refs[:4]:
        assert "Đang giải quyết" in _run(data_dir, "petition", "act", ref, "accept", "--at", "2026-11-03 09:00")
    _run(data_dir, "petition", "act", refs[4], "forward", "--to", "UBND tỉnh", "--at", "2026-11-04 09:00")
    _run(data_dir, "petition", "act", refs[0], "resolve", "--note", "Đã trả lời", "--at", "2026-11-20 09:00")
    _run(data_dir, "petition", "act", refs[1], "extend", "--days", "30", "--decision", "QĐ 7/QĐ-UBND",
         "--at", "2026-11-20 09:00")
    report = _run(data_dir, "report", "petitions", "--from", "2026-11-01", "--to", "2026-11-30")
    assert report.splitlines()[0] == ("5 đơn thư (01 khiếu nại, 01 tố cáo, 01 tranh chấp, 02 kiến nghị, phản ánh); "
                                      "4 đơn thuộc thẩm quyền; đã giải quyết 1/4, đạt 25,0%")
    assert "Tiếp 1 lượt công dân (12 người), trong đó 1 đoàn đông người (12 người); 6 người đứng đơn" in report
    shown = _run(data_dir, "petition", "show", refs[1])
    assert "Hạn giải quyết:" in shown and "gia hạn 1 lần, 30 ngày" in shown and "QĐ 7/QĐ-UBND" in shown
    listed = _run(data_dir, "petition", "list", "--from", "2026-11-01", "--to", "2026-11-30")
    assert len(listed.splitlines()) == 6
    # Refused with a sentence, nothing done.
    assert cli_main(["--data-dir", str(data_dir), "petition", "act", refs[0], "accept"]) == 2
    assert cli_main(["--data-dir", str(data_dir), "report", "petitions", "--from", "2026-11-30",
                     "--to", "2026-11-01"]) == 2
    assert date(2026, 11, 2).weekday() == 0
