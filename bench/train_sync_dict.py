"""Train the zstd dictionary the desk and the district share for sync bodies (resources/sync.dict).

    python3 bench/train_sync_dict.py [--size 32768] [--out resources/sync.dict]

Samples are what really travels: exchange requests with batches of receive and hand-over ops made by
the real desk services (tests/sync/workload.py: realistic names, ID numbers, procedures, documents),
packed as columns (desk/sync/wire.py), and the district's replies (per-op outcomes, pulled pages of
district steps made by the real district code on a scratch SQLite database). The seeds differ from the
benchmark's (bench/bench_sync.py uses 100), so the dictionary is not measured on what it learnt.
The dictionary's id is fixed (DICT_ID): a new dictionary must get a new id, and the server keeps
accepting the old one as long as desks may use it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import zstandard

from desk.services import Desk
from desk.sync import wire
from district import feed, ingest
from district.auth import Device
from district.db import make_engine, migrate
from tests.sync import workload as wl

DICT_ID = 0x4D430001  # "MC", version 1
ROOT = Path(__file__).resolve().parents[1]


def _desk_ops(root: Path, seed: int, n: int) -> tuple[list[dict[str, Any]], list[str]]:
    start = datetime(2026, 10, 5, 7, 30) + timedelta(days=seed % 20)
    moment = [start]

    def clock() -> datetime:
        moment[0] += timedelta(minutes=random.Random(seed + len(str(moment[0]))).randint(1, 9))
        return moment[0]

    desk = Desk.open(root / f"desk{seed}", clock=clock)
    officer = wl.setup_desk(desk)
    rng = random.Random(seed)
    dossiers = wl.receive(desk, officer, rng, n)
    for d in dossiers[: n // 3]:
        wl.hand_over(desk, officer, d["id"])
    ops = [{k: op[k] for k in wire.OP_FIELDS} for op in desk.store.query("SELECT * FROM outbox ORDER BY seq")]
    desk.close()
    return ops, [d["id"] for d in dossiers]


def samples(root: Path) -> list[bytes]:
    out: list[bytes] = []
    engine = make_engine(f"sqlite:///{root / 'district.db'}")
    migrate(engine)
    for seed in range(1, 25):
        n = random.Random(seed).choice([1, 3, 8, 20, 50, 120])
        ops, ids = _desk_ops(root, seed, n)
        for size in (1, 5, 25, 100):
            for i in range(0, len(ops), size):
                out.append(wire.dumps({"batch": f"{seed:08d}-batch-{i}", "ops": wire.pack_ops(ops[i:i + size]),
                                       "cursor": "", "refdata": {"calendar": 1, "catalog": 1}}))
        device = Device(f"00000000-0000-7000-8000-{seed:012d}", wl.AGENCY)
        with engine.begin() as conn:
            reply = ingest.push(conn, device, f"batch-{seed:08d}", ingest.validate_ops(ops))
            for i, dossier_id in enumerate(ids[: max(1, n // 2)]):
                # The first third were handed over at the desk: the district marks their result ready.
                feed.district_act(conn, dossier_id, "result_ready" if i < n // 3 else "hand_over",
                                  by="Cán bộ cấp huyện")
            page = feed.pull(conn, wl.AGENCY, "", 200)
        out.append(wire.dumps({"acked": reply["acked"], "push": {"batch": reply["batch_id"],
                                                                 **wire.pack_results(reply["results"])},
                               "pull": {"changes": page["changes"], "cursor": page["cursor"],
                                        "sum": page["checksum"]}}))
    engine.dispose()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=32 * 1024)
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / wire.DICT_NAME)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = samples(Path(tmp))
    trained = zstandard.train_dictionary(args.size, data, level=wire.LEVEL, dict_id=DICT_ID, threads=-1)
    args.out.write_bytes(trained.as_bytes())
    print(f"{len(data)} samples, {sum(map(len, data)):,} bytes → {args.out} ({len(trained.as_bytes()):,} bytes, "
          f"id {trained.dict_id():#x})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
