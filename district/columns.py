"""Values checked against the columns they are going into, before they reach the database.

A desk's op is data from outside: a number beyond the column's range, a dict where a date belongs or a
string longer than its VARCHAR would fail inside the transaction (PostgreSQL refuses what SQLite keeps),
turning one bad op into a failed batch, a 500 and a retry for ever. `fit` reads the limits from the
table definitions themselves (district/models.py), so a column changed there is checked as changed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import BigInteger, Boolean, Integer, String, Table

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


class Unfit(ValueError):
    """A value that does not fit its column; `column` names it (never the value: it may be personal)."""

    def __init__(self, column: str, why: str) -> None:
        super().__init__(f"{column}: {why}")
        self.column = column
        self.why = why


@functools.cache
def _limits(table: Table) -> dict[str, tuple[str, int, int, bool]]:
    """Per column: (kind, low, high, may be missing) — read once per table, then `fit` only compares."""
    out: dict[str, tuple[str, int, int, bool]] = {}
    for column in table.columns:
        kind = column.type
        optional = column.nullable or column.primary_key or column.default is not None
        if isinstance(kind, Boolean):
            out[column.name] = ("bool", 0, 0, optional)
        elif isinstance(kind, (Integer, BigInteger)):
            low, high = INT64 if isinstance(kind, BigInteger) else INT32
            out[column.name] = ("int", low, high, optional)
        elif isinstance(kind, String):  # Text is a String without a length
            out[column.name] = ("text", 0, kind.length if kind.length is not None else -1, optional)
    return out


def fit(table: Table, row: Mapping[str, Any]) -> None:
    """Raise `Unfit` for the first value of `row` its column of `table` cannot hold."""
    limits = _limits(table)
    for name, value in row.items():
        limit = limits.get(name)
        if limit is None:
            continue
        kind, low, high, optional = limit
        if value is None:
            if not optional:
                raise Unfit(name, "missing")
        elif kind == "text":
            if not isinstance(value, str):
                raise Unfit(name, "not text")
            if 0 <= high < len(value):
                raise Unfit(name, f"longer than {high} characters")
            if not plain(value):
                raise Unfit(name, "holds a NUL or an unpaired surrogate")  # neither can be stored as UTF-8 text
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise Unfit(name, "not a whole number")
            if not low <= value <= high:
                raise Unfit(name, "out of range")
        elif not isinstance(value, bool):
            raise Unfit(name, "not a boolean")


def plain(value: str) -> bool:
    """Text a database can store: no NUL (PostgreSQL refuses it) and valid UTF-8 (JSON may carry a lone
    surrogate such as "\\ud800", which neither driver can encode)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
