"""Spreadsheets the desk writes (reports, exports): a citizen's text never becomes a formula.

A name, an address or a note typed as «=HYPERLINK(…)», «+cmd|…», «-2+3» or «@SUM(…)» is a formula to a
spreadsheet program (openpyxl itself stores a string that starts with «=» as a formula). Every value written
to an XLSX or CSV goes through `safe_cell`, which puts an apostrophe before such text, as OWASP advises: the
cell shows the text, never runs it. Numbers, dates and booleans pass unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# What a spreadsheet reads as the start of a formula; tab and CR because some programs skip them first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """`value` as a cell that cannot run: text starting like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for `Worksheet.append` or `csv.writer.writerow`, every cell through `safe_cell`."""
    return [safe_cell(v) for v in values]
