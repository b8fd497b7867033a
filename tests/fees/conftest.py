"""A desk with a registered receipt series and an officer who collects fees."""

from __future__ import annotations

from typing import Any

import pytest

SERIES = {"symbol": "01AA-26T", "form_no": "01BLP0-001", "first_no": 1, "last_no": 10000, "per_desk": 1000,
          "org_name": "UBND phường Hòa Bình", "tax_code": "4600123456"}


@pytest.fixture
def series(desk: Any) -> Any:
    return desk.fees.series.register(SERIES)
