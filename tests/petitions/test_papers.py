"""Sổ tiếp công dân and Sổ theo dõi xử lý đơn printed for a period and read back as PDF text; the receipt
for documents and the notice of a petition outside the commune's competence; every print archived."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from desk.errors import DeskError
from desk.intake import ApplicantInput
from desk.petitions.papers import PetitionPapers
from desk.petitions.service import ActInput, PetitionInput, ReceptionInput
from tests.forms.pdfcheck import page_texts


def test_both_registers_and_the_two_papers_read_back(desk: Any, officer: Any, clock: Any) -> None:
    clock.set(datetime(2026, 11, 23, 15, 0))
    svc, who = desk.petitions, officer["id"]
    svc.record_reception(ReceptionInput(citizen=ApplicantInput(full_name="Đinh Văn Giang", address="Xóm 3"),
                                        content="Đoàn hộ dân phản ánh ô nhiễm từ lò gạch", headcount=15,
                                        receiver_kind="chairman", receiver_name="Nguyễn Văn Chủ",
                                        received_at="2026-11-19 08:00", outcome="Nhận đơn, hẹn trả lời"),
                         actor=who)
    a = svc.add(PetitionInput(kind="tranh-chap", petitioner=ApplicantInput(full_name="Lê Thị Hoa"),
                              content="Tranh chấp ranh giới thửa đất số 12", received_at="2026-11-19 09:00"),
                actor=who)
    b = svc.add(PetitionInput(kind="khieu-nai", petitioner=ApplicantInput(full_name="Vũ Văn Bảy"),
                              content="Khiếu nại quyết định xử phạt của huyện", received_at="2026-11-20 09:00",
                              source="post"), actor=who)
    svc.act(a["ref"], "accept", ActInput(at="2026-11-20 10:00", handler="Cán bộ địa chính"), actor=who)
    svc.act(b["ref"], "forward", ActInput(at="2026-11-20 11:00", body="UBND huyện Phú Lương"), actor=who)
    papers = PetitionPapers(desk)
    day_from, day_to = date(2026, 11, 16), date(2026, 11, 22)

    reception = " ".join(page_texts(papers.reception_register(day_from, day_to, officer_id=who)))
    for text in ("SỔ TIẾP CÔNG DÂN", "Từ ngày 16/11/2026 đến ngày 22/11/2026", "Đinh Văn Giang",
                 "Đoàn hộ dân phản ánh ô nhiễm từ lò gạch", "Chủ tịch UBND: Nguyễn Văn Chủ", "Đoàn đông người",
                 "Tổng số: 1 lượt tiếp, 15 người; 1 đoàn đông người."):
        assert text in reception, text

    register = " ".join(page_texts(papers.petition_register(day_from, day_to, officer_id=who)))
    for text in ("SỔ THEO DÕI XỬ LÝ ĐƠN", a["ref"], b["ref"], "Lê Thị Hoa", "Tranh chấp ranh giới thửa đất số 12",
                 "Thụ lý 20/11/2026", "Cán bộ địa chính", "21/12/2026",  # 20/12 is a Sunday
                 "Không thuộc thẩm quyền; UBND huyện Phú Lương",
                 "Qua bưu chính", "Tổng hợp: 2 đơn thư (01 khiếu nại, 00 tố cáo, 01 tranh chấp, 00 kiến nghị, phản "
                 "ánh); 1 đơn thuộc thẩm quyền; đã giải quyết 0/1, đạt 0,0%."):
        assert text in register, text

    receipt = " ".join(page_texts(papers.receipt(a["ref"], ["Bản sao sổ đỏ", "Sơ đồ thửa đất"], officer_id=who)))
    for text in ("GIẤY BIÊN NHẬN THÔNG TIN, TÀI LIỆU, CHỨNG CỨ", "Lê Thị Hoa", "1. Bản sao sổ đỏ",
                 "2. Sơ đồ thửa đất", "Trần Văn Tiếp"):
        assert text in receipt, text

    notice = " ".join(page_texts(papers.not_competent(b["ref"], officer_id=who)))
    for text in ("PHIẾU HƯỚNG DẪN", "Vũ Văn Bảy", "không thuộc thẩm quyền giải quyết của UBND phường Hòa Bình",
                 "UBND huyện Phú Lương"):
        assert text in notice, text
    with pytest.raises(DeskError):
        papers.not_competent(a["ref"], officer_id=who)
    kinds = [r["kind"] for r in desk.store.query("SELECT kind FROM printed_forms ORDER BY printed_at")]
    assert sorted(kinds) == sorted(["reception_register", "petition_register", "petition_receipt",
                                    "petition_not_competent"])
