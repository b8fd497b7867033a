"""Amounts in Vietnamese words, against hand-made readings (with "lẻ" for a zero tens digit)."""

from __future__ import annotations

import pytest
from num2words import num2words

from desk.fees.words import amount_words


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"),
    (1_000, "Một nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (105_000, "Một trăm lẻ năm nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (200_000_000, "Hai trăm triệu đồng"),
    # the readings that need care: mốt, lăm, tư is "bốn" here, and "lẻ"
    (21_000, "Hai mươi mốt nghìn đồng"),
    (25_000, "Hai mươi lăm nghìn đồng"),
    (14_000, "Mười bốn nghìn đồng"),
    (10_000, "Mười nghìn đồng"),
    (8_000, "Tám nghìn đồng"),
    (50_500, "Năm mươi nghìn năm trăm đồng"),
    (400_000, "Bốn trăm nghìn đồng"),
    # inner groups below one hundred: "không trăm" (where num2words alone is wrong or incomplete)
    (1_005, "Một nghìn không trăm lẻ năm đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (2_021_000, "Hai triệu không trăm hai mươi mốt nghìn đồng"),
    (100_005, "Một trăm nghìn không trăm lẻ năm đồng"),
    # whole zero groups are skipped
    (1_000_500, "Một triệu năm trăm đồng"),
    (3_000_000_000, "Ba tỷ đồng"),
])
def test_amount_in_words(amount: int, words: str) -> None:
    assert amount_words(amount) == words


def test_the_correction_layer_is_needed() -> None:
    # num2words alone reads 1.010 "một nghìn lẻ mười"; a receipt says "một nghìn không trăm mười". When a
    # num2words release reads it right this fails, and desk/fees/words.py may then lean on it more.
    assert amount_words(1_010) != num2words(1_010, lang="vi").capitalize() + " đồng"


def test_out_of_range_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        amount_words(-1)
    with pytest.raises(ValueError):
        amount_words(10 ** 12)
