"""How many bytes a day's batch costs on the wire, by encoding: the measurement behind desk/sync/wire.py.

    python3 bench/bench_wire.py [--dossiers 100]

A desk receives `--dossiers` dossiers through the real services (seed 100, as bench/bench_sync.py; the
shipped dictionary was trained on other seeds) and the batch body is encoded each way: the old rows of
JSON with gzip, the same with zstd, with zstd and the shipped dictionary, and the ops packed as columns
(zstd with and without the dictionary). Printed: bytes per dossier and the time to encode and decode.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import zstandard

from desk.services import Desk
from desk.sync import wire
from tests.sync import workload as wl


def _timed(fn: Callable[[], bytes], runs: int = 5) -> tuple[bytes, float]:
    best = float("inf")
    out = b""
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return out, best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossiers", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk.open(Path(tmp) / "desk", clock=lambda: datetime(2026, 11, 23, 16, 45))
        officer = wl.setup_desk(desk)
        wl.receive(desk, officer, random.Random(100), args.dossiers)
        ops = [{k: op[k] for k in wire.OP_FIELDS} for op in desk.store.query("SELECT * FROM outbox ORDER BY seq")]
        desk.close()
    rows = wire.dumps({"batch_id": "0" * 36, "ops": ops})
    cols = wire.dumps({"batch": "0" * 36, "ops": wire.pack_ops(ops)})
    plain = zstandard.ZstdCompressor(level=wire.LEVEL)
    d = wire.dictionary()
    assert d is not None, "resources/sync.dict is missing: run bench/train_sync_dict.py"
    dicted = zstandard.ZstdCompressor(level=wire.LEVEL, dict_data=d)
    cases: list[tuple[str, bytes, Callable[[], bytes]]] = [
        ("rows, JSON text", rows, lambda: rows),
        ("rows, gzip -9", rows, lambda: gzip.compress(rows, 9, mtime=0)),
        ("rows, zstd -19", rows, lambda: plain.compress(rows)),
        ("rows, zstd -19 + dictionary", rows, lambda: dicted.compress(rows)),
        ("columns, gzip -9", cols, lambda: gzip.compress(cols, 9, mtime=0)),
        ("columns, zstd -19", cols, lambda: plain.compress(cols)),
        ("columns, zstd -19 + dictionary (sent)", cols, lambda: wire.compress(cols)),
    ]
    print(f"A batch of {args.dossiers} receive ops ({len(rows):,} B as JSON rows, {len(cols):,} B as columns)")
    head = f"{'encoding':<40} | {'bytes':>7} | {'B/dossier':>9} | {'encode ms':>9} | {'decode ms':>9}"
    print(head)
    print("-" * len(head))
    for name, source, fn in cases:
        body, enc = _timed(fn)
        if name.startswith("rows, JSON") or name.endswith("JSON text"):
            dec = 0.0
        elif "gzip" in name:
            _, dec = _timed(lambda b=body: gzip.decompress(b))
        elif "dictionary" in name:
            cap = 10 * len(source)
            _, dec = _timed(lambda b=body, n=cap: wire.decode(b, "zstd", n))
        else:
            _, dec = _timed(lambda b=body: zstandard.ZstdDecompressor().decompress(b))
        print(f"{name:<40} | {len(body):>7,} | {len(body) / args.dossiers:>9.0f} | {enc * 1000:>9.1f} | "
              f"{dec * 1000:>9.1f}")
    assert wire.unpack_ops(wire.pack_ops(ops)) == ops, "columns must give back the very same ops"
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
