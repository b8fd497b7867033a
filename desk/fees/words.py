"""Amounts in Vietnamese words for receipts: 105.000 → "Một trăm lẻ năm nghìn đồng".

`num2words` (lang "vi") reads each number from 0 to 999 correctly ("mốt", "lăm", "lẻ"), but on larger
numbers it leaves out the hundreds of an inner group that has none: 1.010 comes out "một nghìn lẻ
mười" and 2.021.000 "hai triệu hai mươi mốt nghìn", where a receipt reads "một nghìn không trăm mười"
and "hai triệu không trăm hai mươi mốt nghìn". So this layer splits the amount into groups of three
digits, lets num2words read each group, and adds "không trăm" (and "lẻ" before a single digit) to an
inner group below one hundred; groups of 000 are skipped. For a zero in the tens place the word is
"lẻ" (num2words' and the northern usage; the south says "linh" — both are correct).
"""

from __future__ import annotations

from num2words import num2words

from desk.fees.money import MAX_AMOUNT

SCALES = ("", "nghìn", "triệu", "tỷ")


def _group(n: int) -> str:
    return str(num2words(n, lang="vi"))


def number_words(amount: int) -> str:
    """The amount read aloud, lower case: 1005 → 'một nghìn không trăm lẻ năm'."""
    amount = int(amount)
    if amount < 0 or amount > MAX_AMOUNT:
        raise ValueError(f"amount out of range: {amount}")
    if amount == 0:
        return _group(0)
    groups: list[int] = []
    while amount:
        amount, rest = divmod(amount, 1000)
        groups.append(rest)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        g = groups[index]
        if g == 0:
            continue
        leading = index == len(groups) - 1
        if leading or g >= 100:
            text = _group(g)
        elif g >= 10:
            text = f"không trăm {_group(g)}"
        else:
            text = f"không trăm lẻ {_group(g)}"
        words.append(f"{text} {SCALES[index]}".strip())
    return " ".join(words)


def amount_words(amount: int) -> str:
    """As a receipt writes it: capital first letter, ending in 'đồng' — 'Mười lăm nghìn đồng'."""
    text = number_words(amount)
    return f"{text[:1].upper()}{text[1:]} đồng"
