"""Values checked against the columns they are going into, before they reach the database.

A desk's op is data from outside: a number beyond the column's range, a dict where a date belongs or a
string longer than its VARCHAR would fail inside the transaction (PostgreSQL refuses what SQLite keeps),
turning one bad op into a failed batch, a 500 and a retry for ever. `fit` reads the limits from the
table definitions themselves (district/models.py), so a column changed there is checked as changed.
"""

from __future__ import annotations

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


def fit(table: Table, row: Mapping[str, Any]) -> None:
    """Raise `Unfit` for the first value of `row` its column of `table` cannot hold."""
    for name, value in row.items():
        column = table.c.get(name)
        if column is None:
            continue
        if value is None:
            if not column.nullable and not column.primary_key and column.default is None:
                raise Unfit(name, "missing")
            continue
        kind = column.type
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise Unfit(name, "not a boolean")
        elif isinstance(kind, (Integer, BigInteger)):
            low, high = INT64 if isinstance(kind, BigInteger) else INT32
            if isinstance(value, bool) or not isinstance(value, int):
                raise Unfit(name, "not a whole number")
            if not low <= value <= high:
                raise Unfit(name, "out of range")
        elif isinstance(kind, String):  # Text is a String without a length
            if not isinstance(value, str):
                raise Unfit(name, "not text")
            if not plain(value):
                raise Unfit(name, "holds a NUL or an unpaired surrogate")  # neither can be stored as UTF-8 text
            if kind.length is not None and len(value) > kind.length:
                raise Unfit(name, f"longer than {kind.length} characters")


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
