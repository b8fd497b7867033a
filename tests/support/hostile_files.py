"""Hostile catalogue files, built byte by byte: zip bombs, forged zip directories, XML entities, gap rows.

Used by tests/desk/test_hostile_catalog.py and bench/bench_hostile_import.py.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Danh muc" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Mã thủ tục</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Tên thủ tục</t></is></c></row>')
DATA_ROW = '<row><c t="inlineStr"><is><t>1.999001</t></is></c><c t="inlineStr"><is><t>Thủ tục</t></is></c></row>'


def write_xlsx(path: Path, sheet_head: str, row: str, count: int, sheet_tail: str = "",
               *, level: int = 9) -> Path:
    """An XLSX whose only sheet is `sheet_head`, then `row` repeated `count` times, streamed (never in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
                      .encode())
            out.write(sheet_head.encode())
            chunk = (row * 10_000).encode()
            for _ in range(count // 10_000):
                out.write(chunk)
            out.write((row * (count % 10_000)).encode())
            out.write(f"{sheet_tail}</sheetData></worksheet>".encode())
    return path


def write_xlsx_rows(path: Path, sheet_head: str, rows: Iterable[str]) -> Path:
    """An XLSX whose only sheet is `sheet_head` then each of `rows` (XML), streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'.encode())
            out.write(sheet_head.encode())
            for row in rows:
                out.write(row.encode())
            out.write(b"</sheetData></worksheet>")
    return path


def zip_bomb(path: Path, rows: int = 3_000_000) -> Path:
    """A small XLSX whose sheet unpacks to `rows` catalogue rows (about 90 bytes each)."""
    return write_xlsx(path, HEADER_ROW, DATA_ROW, rows)


def row_bomb(path: Path, rows: int = 5_000_000) -> Path:
    """Millions of empty rows in a few tens of MB unpacked: under any size cap, over the row cap."""
    return write_xlsx(path, HEADER_ROW, "<row/>", rows)


def gap_bomb(path: Path) -> Path:
    """One value on the last row Excel allows: a reader that fills the gap makes a million blank rows."""
    return write_xlsx(path, HEADER_ROW, "", 0,
                      '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>1.999001</t></is></c></row>')


def entity_bomb(path: Path) -> Path:
    """The billion laughs in a sheet."""
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
             f'<worksheet xmlns="{NS}"><sheetData>{HEADER_ROW}'
             '<row><c t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def lying_directory(path: Path, rows: int = 3_000_000) -> Path:
    """A zip bomb whose central directory claims its sheet unpacks to 1 KB."""
    zip_bomb(path, rows)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))  # the sheet's central directory entry
    struct.pack_into("<I", data, at + 24, 1024)  # uncompressed size; zipfile trusts the central directory
    path.write_bytes(bytes(data))
    return path
