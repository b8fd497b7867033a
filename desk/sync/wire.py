"""What travels on the wire, and how it shrinks: shared by the desk and the district (pure Python, no I/O
beyond reading the shipped dictionary).

Measured on realistic receive ops (bench/bench_wire.py, 100 dossiers, docs/sync.md): the old JSON rows
gzip to 165 B/dossier, zstd alone to 129, zstd with a dictionary trained on op bodies to 108 — and the
same ops packed as columns with zstd and the dictionary to about 75. So:

- **Columns, not rows.** A batch of ops goes as one column per field path (`pack_rows`): a value that is
  the same for every op is sent once (`c`), a column equal to an earlier one is a reference (`=`, e.g. the
  dossier id that is also the op's entity id and its log entry's dossier id), whole numbers go as
  differences (`i`, so seq and prev_seq cost next to nothing), UUIDs as their 16 bytes in base64 (`u`,
  a quarter fewer bytes than hex once compressed). Nothing the other side can derive costs more than a
  few bytes, and the structure is written once per batch instead of once per op.
- **The payload stays exact.** An op's payload is the canonical JSON text the desk stored and hashed; it
  travels unpacked into the columns only when `canonical_json(json.loads(text)) == text`, so the server
  rebuilds the very same text (and hash); otherwise it travels as its text.
- **zstd with a dictionary** shipped in `resources/sync.dict` (both sides have it; the frame names the
  dictionary's id, so a newer one can come with a later version). gzip stays accepted (old desks, tools).

Bodies stay JSON once decompressed: `desk sync --dump` prints them, with the columns unpacked.
"""

from __future__ import annotations

import base64
import gzip
import io
import itertools
import json
import re
import uuid
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import zstandard

DICT_NAME = "sync.dict"
# Compression levels: the bodies are small (a day's batch is tens of KB), so the slow, tight levels cost
# milliseconds; beyond LEVEL_CUTOFF a faster level keeps a big backlog from costing seconds of CPU.
LEVEL = 19
FAST_LEVEL = 9
LEVEL_CUTOFF = 256 * 1024
MAX_WINDOW = 8 * 1024 * 1024  # bounds the decoder's memory whatever a frame asks for

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class BodyTooLarge(Exception):
    """The body (or what it inflates to) exceeds the cap."""


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def canonical(data: Any) -> str:
    """The desk's canonical payload text (desk/store.py `canonical_json`), without importing the store."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


# --- the dictionary ------------------------------------------------------------------------------------
@cache
def dictionary() -> zstandard.ZstdCompressionDict | None:
    try:
        raw = resources.files("resources").joinpath(DICT_NAME).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return zstandard.ZstdCompressionDict(raw, dict_type=zstandard.DICT_TYPE_FULLDICT)


@cache
def _compressor(level: int) -> zstandard.ZstdCompressor:
    d = dictionary()
    return zstandard.ZstdCompressor(level=level, dict_data=d, write_checksum=False, write_content_size=True) \
        if d is not None else zstandard.ZstdCompressor(level=level, write_checksum=False)


def _decompressor(dict_id: int) -> zstandard.ZstdDecompressor:
    d = dictionary()
    if dict_id:
        if d is None or d.dict_id() != dict_id:
            raise ValueError(f"unknown zstd dictionary {dict_id}")
        return zstandard.ZstdDecompressor(dict_data=d, max_window_size=MAX_WINDOW)
    return zstandard.ZstdDecompressor(max_window_size=MAX_WINDOW)


def compress(raw: bytes) -> bytes:
    return _compressor(LEVEL if len(raw) <= LEVEL_CUTOFF else FAST_LEVEL).compress(raw)


def estimate(data: Any) -> int:
    """About what `encode` makes of `data`, a little more (a fast level): for sizing batches without
    paying the tight level twice per batch."""
    return len(_compressor(3).compress(dumps(data)))


def encode(data: Any) -> tuple[bytes, str]:
    """(body, content-encoding) of a JSON value as it goes on the wire."""
    return compress(dumps(data)), "zstd"


def gzip_body(data: Any, level: int = 9) -> bytes:
    # mtime=0: identical content gives identical bytes.
    return gzip.compress(dumps(data), compresslevel=level, mtime=0)


def decode(body: bytes, encoding: str | None, limit: int) -> bytes:
    """Decompress a body without ever holding more than `limit` bytes of output (a bomb stops there)."""
    enc = (encoding or "identity").strip().lower()
    if enc == "identity":
        if len(body) > limit:
            raise BodyTooLarge(str(len(body)))
        return body
    if enc == "zstd":
        try:
            params = zstandard.get_frame_parameters(body)
        except zstandard.ZstdError as e:
            raise ValueError(f"not a zstd frame: {e}") from None
        if params.content_size not in (zstandard.CONTENTSIZE_UNKNOWN, zstandard.CONTENTSIZE_ERROR) and \
                params.content_size > limit:
            raise BodyTooLarge(str(params.content_size))
        try:
            reader = _decompressor(params.dict_id).stream_reader(io.BytesIO(body), read_across_frames=False)
            out = reader.read(limit + 1)
        except zstandard.ZstdError as e:
            raise ValueError(f"bad zstd body: {e}") from None
        if len(out) > limit:
            raise BodyTooLarge(str(len(out)))
        return bytes(out)
    if enc in ("gzip", "x-gzip"):
        return _inflate_gzip(body, limit)
    raise ValueError(f"unsupported content encoding {encoding!r}")


def _inflate_gzip(body: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits=31)
    out = bytearray()
    data = body
    while data:
        # max_length bounds each step, so a gzip bomb is stopped after `limit` bytes, not after all of it.
        chunk = inflater.decompress(data, max(1, limit + 1 - len(out)))
        out += chunk
        if len(out) > limit:
            raise BodyTooLarge(str(len(out)))
        data = inflater.unconsumed_tail
        if not chunk and not data:
            break
    if not inflater.eof:
        raise ValueError("truncated gzip body")
    return bytes(out)


# --- columns -------------------------------------------------------------------------------------------
def _flatten(value: Any, path: tuple[str, ...], out: dict[tuple[str, ...], Any]) -> None:
    if isinstance(value, dict) and value:
        for k, v in value.items():
            _flatten(v, (*path, k), out)
    else:
        out[path] = value


def _int_column(values: Sequence[Any]) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def _uuid_column(values: Sequence[Any]) -> bool:
    return all(isinstance(v, str) and _UUID.match(v) for v in values)


def pack_rows(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Rows of nested JSON objects as columns: {"n": rows, "cols": [[path, enc, data…(, absent rows)]]}."""
    flat: list[dict[tuple[str, ...], Any]] = []
    for row in rows:
        f: dict[tuple[str, ...], Any] = {}
        _flatten(dict(row), (), f)
        flat.append(f)
    paths: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for f in flat:
        for path in f:
            if path not in seen:
                seen.add(path)
                paths.append(path)
    cols: list[list[Any]] = []
    earlier: dict[str, int] = {}
    for path in paths:
        absent = [i for i, f in enumerate(flat) if path not in f]
        values = [f[path] for f in flat if path in f]
        key = json.dumps([values, absent], sort_keys=True, default=str)
        if key in earlier:
            col: list[Any] = [list(path), "=", earlier[key]]
        else:
            earlier[key] = len(cols)
            first = json.dumps(values[0], sort_keys=True) if values else ""
            # Equal as JSON text, not as Python values: [1] == [True] and 1 == 1.0 in Python.
            if values and not absent and all(json.dumps(v, sort_keys=True) == first for v in values):
                col = [list(path), "c", values[0]]
            elif values and _int_column(values):
                col = [list(path), "i", [values[0]] + [b - a for a, b in itertools.pairwise(values)]]
            elif values and _uuid_column(values):
                # UUIDv7: the 48-bit millisecond time as differences (near-equal within a batch), the
                # random rest as raw bytes (nothing to gain from compressing it, a third to lose as hex).
                raw = [uuid.UUID(v).bytes for v in values]
                times = [int.from_bytes(b[:6], "big") for b in raw]
                col = [list(path), "u", [times[0]] + [b - a for a, b in itertools.pairwise(times)],
                       base64.b64encode(b"".join(b[6:] for b in raw)).decode()]
            else:
                col = [list(path), "v", values]
            if absent:
                col.append(absent)
        cols.append(col)
    return {"n": len(flat), "cols": cols}


def unpack_rows(packed: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The inverse of `pack_rows`; ValueError for anything malformed (it comes from the network)."""
    try:
        n = int(packed["n"])
        cols = packed["cols"]
        if not 0 <= n <= 100_000 or not isinstance(cols, list):
            raise ValueError("bad column table")
        rows: list[dict[str, Any]] = [{} for _ in range(n)]
        decoded: list[tuple[list[Any], list[int]]] = []
        for col in cols:
            path, enc, data = col[0], col[1], col[2]
            if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
                raise ValueError("bad column path")
            if enc == "=":
                values, absent = decoded[int(data)]
            else:
                extra = 4 if enc == "u" else 3
                absent = [int(i) for i in col[extra]] if len(col) > extra else []
                count = n - len(absent)
                if enc == "c":
                    values = [data] * count
                elif enc == "i":
                    values, total = [], 0
                    for i, d in enumerate(data):
                        if isinstance(d, bool) or not isinstance(d, int):
                            raise ValueError("bad integer column")
                        total = d if i == 0 else total + d
                        values.append(total)
                elif enc == "u":
                    rest = base64.b64decode(col[3], validate=True)
                    times, t = [], 0
                    for i, d in enumerate(data):
                        t = int(d) if i == 0 else t + int(d)
                        times.append(t)
                    if len(rest) != 10 * len(times):
                        raise ValueError("bad uuid column")
                    values = [str(uuid.UUID(bytes=t.to_bytes(6, "big") + rest[10 * i:10 * i + 10]))
                              for i, t in enumerate(times)]
                elif enc == "v":
                    values = list(data)
                else:
                    raise ValueError(f"unknown column encoding {enc!r}")
                if len(values) != count:
                    raise ValueError("column length does not match")
            decoded.append((values, absent))
            skip = set(absent)
            it = iter(values)
            for i in range(n):
                if i in skip:
                    continue
                _place(rows[i], path, next(it))
        return rows
    except (KeyError, IndexError, TypeError, StopIteration, base64.binascii.Error) as e:  # type: ignore[attr-defined]
        raise ValueError(f"bad column table: {type(e).__name__}") from None


def _place(row: dict[str, Any], path: Sequence[str], value: Any) -> None:
    if not path:
        raise ValueError("empty column path")
    node = row
    for key in path[:-1]:
        nxt = node.setdefault(key, {})
        if not isinstance(nxt, dict):
            raise ValueError("column paths clash")
        node = nxt
    node[path[-1]] = value


# --- ops -----------------------------------------------------------------------------------------------
OP_FIELDS = ("seq", "op_id", "epoch", "prev_seq", "entity", "entity_id", "kind", "payload", "created_at")


def pack_ops(ops: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Ops (the fields in OP_FIELDS, plus optional markers such as `retry`) as columns; a payload whose
    canonical text round-trips travels as its fields (`p`), any other as its text (`payload`)."""
    rows = []
    for op in ops:
        row = {k: v for k, v in op.items() if k != "payload"}
        text = op.get("payload")
        if isinstance(text, str):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict) and parsed and canonical(parsed) == text:
                row["p"] = parsed
            else:
                row["payload"] = text
        else:
            row["payload"] = text
        rows.append(row)
    return pack_rows(rows)


def unpack_ops(packed: Mapping[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for row in unpack_rows(packed):
        if "p" in row:
            if not isinstance(row["p"], dict):
                raise ValueError("bad payload column")
            row["payload"] = canonical(row.pop("p"))
        ops.append(row)
    return ops


# --- push results ----------------------------------------------------------------------------------------
def _ranges(seqs: Sequence[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for s in seqs:
        if out and s == out[-1][1] + 1:
            out[-1][1] = s
        else:
            out.append([s, s])
    return out


def pack_results(results: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Per-op outcomes, the common ones as seq ranges: `ok` applied, `dup` duplicate of an applied op;
    everything else (rejected, deferred, conflict with both values…) as itself in `res`."""
    ok, dup, rest = [], [], []
    for r in results:
        plain = set(r) <= {"seq", "outcome", "original"}
        if plain and r.get("outcome") == "applied":
            ok.append(int(r["seq"]))
        elif plain and r.get("outcome") == "duplicate" and r.get("original") == "applied":
            dup.append(int(r["seq"]))
        else:
            rest.append(dict(r))
    out: dict[str, Any] = {}
    if ok:
        out["ok"] = _ranges(ok)
    if dup:
        out["dup"] = _ranges(dup)
    if rest:
        out["res"] = rest
    return out


def unpack_results(packed: Mapping[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    try:
        for lo, hi in packed.get("ok") or []:
            results += [{"seq": s, "outcome": "applied"} for s in range(int(lo), int(hi) + 1)]
        for lo, hi in packed.get("dup") or []:
            results += [{"seq": s, "outcome": "duplicate", "original": "applied"} for s in range(int(lo), int(hi) + 1)]
    except (TypeError, ValueError):
        raise ValueError("bad result ranges") from None
    if len(results) > 1_000_000:
        raise ValueError("too many results")
    results += [dict(r) for r in packed.get("res") or [] if isinstance(r, dict)]
    results.sort(key=lambda r: r["seq"] if isinstance(r.get("seq"), int) else 0)
    return results
