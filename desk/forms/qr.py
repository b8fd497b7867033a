"""The slip's QR code: the office's lookup URL with the dossier code and a short authentication tag.

The tag is a truncated HMAC-SHA256 of the code under the office's secret key, so a desk scanning a slip
can tell one it issued from a forged or altered one without any network. The QR carries no personal
data: only the code, which the citizen already reads on the paper.

When the office has no lookup page (`lookup_url_base` empty) the QR holds the bare query
`MHS=<code>&SGT=<tag>`: a desk scanner still verifies it, and a phone shows the code as text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desk.codes import parse_code
from desk.office import OfficeProfile

TAG_LENGTH = 10  # base32 characters: 50 bits, far beyond what anyone can guess at a counter
CODE_PARAM = "MHS"
TAG_PARAM = "SGT"


def _key(profile: OfficeProfile) -> bytes:
    key = profile.hmac_key or ""
    try:
        return bytes.fromhex(key)
    except ValueError:
        return key.encode("utf-8")


def tag_for_key(key: bytes, code: str) -> str:
    """The short tag printed in the QR; upper-case base32 so a scanner's caps lock cannot break it. The
    district's lookup page computes the same with the key the desk sent it (district/lookup/keys.py)."""
    digest = hmac.new(key, code.strip().upper().encode("ascii", "replace"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:TAG_LENGTH]


def slip_tag(profile: OfficeProfile, code: str) -> str:
    return tag_for_key(_key(profile), code)


LOOKUP_PATH = "/tra-cuu"  # the district's lookup page (district/lookup/routes.py), docs/lookup.md


def district_lookup_base(server_url: str | None) -> str:
    """The lookup page of the district a desk is enrolled with: what the QR opens when the office
    configured no lookup address of its own."""
    url = (server_url or "").strip().rstrip("/")
    return url + LOOKUP_PATH if url else ""


def slip_url(profile: OfficeProfile, code: str, *, fallback_base: str = "") -> str:
    """What the slip's QR encodes: `{lookup_url_base}?MHS={code}&SGT={tag}`; with no lookup address
    configured, `fallback_base` (the enrolled district's page, `district_lookup_base`)."""
    code = code.strip().upper()
    query = f"{CODE_PARAM}={code}&{TAG_PARAM}={slip_tag(profile, code)}"
    base = (profile.lookup_url_base or "").strip() or fallback_base.strip()
    if not base:
        return query
    return f"{base}{'&' if '?' in base else '?'}{query}"


@dataclass(frozen=True)
class ScannedSlip:
    code: str
    genuine: bool
    url: str


def verify_slip_text(text: str, profile: OfficeProfile) -> ScannedSlip | None:
    """Read a scanned slip QR; None when the text is not a slip QR at all.

    `genuine` is False when the tag does not match the code under this office's key: the code or the
    tag was altered, or the slip was made by someone without the key.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    query = urlsplit(raw).query if "?" in raw else raw
    # Keyboard-mode scanners with caps lock on send the parameter names in the other case.
    params = {k.upper(): v for k, v in parse_qs(query, keep_blank_values=True).items()}
    codes = params.get(CODE_PARAM)
    if not codes:
        return None
    code = codes[0].strip().upper()
    if parse_code(code) is None:
        return None
    tag = (params.get(TAG_PARAM) or [""])[0].strip().upper()
    expected = slip_tag(profile, code)
    genuine = bool(profile.hmac_key) and hmac.compare_digest(tag.encode("ascii", "replace"), expected.encode("ascii"))
    return ScannedSlip(code=code, genuine=genuine, url=raw)


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR modules including the 4-module quiet zone the standard asks for."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, box_size=1)
    qr.add_data(data)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


@lru_cache(maxsize=64)
def qr_runs(data: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The matrix size and its dark modules as horizontal runs (row, first column, length). Cached: both
    copies of a slip, and a reprint at another paper size, carry the same code."""
    matrix = qr_matrix(data)
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        c, n = 0, len(row)
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            runs.append((r, start, c - start))
    return len(matrix), tuple(runs)


def draw_qr(canv: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw the QR with its lower-left corner at (x, y) as filled vector rectangles, one per run of
    dark modules: sharp on a laser printer and on a 203-dpi thermal head, and no hairline seams.

    The modules are drawn once per PDF as a form XObject in module units and placed by a transform, so
    the second copy of a slip costs one operator instead of hundreds of rectangles."""
    n, runs = qr_runs(data)
    name = "qr" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]
    if not canv.hasForm(name):
        canv.beginForm(name, lowerx=0, lowery=0, upperx=n, uppery=n)
        path = canv.beginPath()
        for r, c, length in runs:
            path.rect(c, n - r - 1, length, 1)
        canv.setFillColor(black)
        canv.drawPath(path, stroke=0, fill=1)
        canv.endForm()
    canv.saveState()
    module = size / n
    canv.transform(module, 0, 0, module, x, y)
    canv.doForm(name)
    canv.restoreState()


class QrFlowable(Flowable):
    """A square QR code for platypus layouts."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data = data
        self.size = size
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.data, 0, 0, self.size)
