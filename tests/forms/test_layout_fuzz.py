"""Whatever an officer types (within what intake accepts), nothing on a form runs off the paper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk.forms import FormService
from desk.forms.fonts import REGULAR, ensure_fonts
from desk.forms.register import fit_lines
from tests.forms.conftest import applicant
from tests.forms.pdfcheck import chars_outside, page_texts

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
word = st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789,.-/&", min_size=1, max_size=70)
address = st.lists(word, min_size=1, max_size=30).map(" ".join).map(lambda s: s[:300])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(addr=address, paper=st.sampled_from(["a4", "a5", "80mm"]))
def test_any_address_stays_on_the_page(forms: FormService, receive: Callable[..., dict[str, Any]],
                                       addr: str, paper: str) -> None:
    dossier = receive(applicant=applicant(address=addr))
    path = forms.slip(dossier["code"], paper=paper)
    assert not chars_outside(path)
    # Compared without spaces: a word too long for its line is split where the line ends.
    assert "".join(addr.split()) in "".join("".join(page_texts(path)).split())
    book = forms.register(date(2026, 11, 23), date(2026, 11, 23))
    assert not chars_outside(book)


@given(text=st.lists(word, min_size=1, max_size=12).map(" ".join), width=st.floats(20, 200))
def test_register_cells_never_exceed_their_column(text: str, width: float) -> None:
    ensure_fonts()
    lines = fit_lines(text, REGULAR, 7.4, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert stringWidth(line, REGULAR, 7.4) <= width or len(line) == 1
