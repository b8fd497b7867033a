"""Server ingest on PostgreSQL: many desks pushing at once, through the real HTTP server process.

    python3 bench/bench_ingest.py [--devices 50] [--ops 200] [--batch 50] [--workers 1 2]

Each simulated desk is a real enrolled device (Ed25519 key, every request signed with a fresh counter)
pushing real `receive` ops in exchanges over TLS: the payloads are copied from the outbox of a real desk
that received dossiers through `DossierService.receive`, with fresh ids and codes per device so nothing
is a duplicate. Bodies are packed and compressed (desk/sync/wire.py) before the clock starts, so the
figure is the server's, not the load generator's compression; the signing is inside it.
Target (issue 5): ≥ 2,000 ops/s with 50 concurrent devices on this 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desk.services import Desk
from desk.sync import wire
from desk.sync.protocol import API_PREFIX, auth_header, request_message
from district.auth import make_enroll_code
from district.db import make_engine
from tests.sync import workload as wl
from tests.sync.harness import DistrictServer, pg_available, pg_drop, pg_exec

TARGET_OPS_S = 2000.0


def templates(n: int) -> list[dict[str, Any]]:
    """Receive-op payloads as a real desk queued them."""
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk.open(Path(tmp) / "desk")
        officer = wl.setup_desk(desk)
        wl.receive(desk, officer, random.Random(5), n)
        rows = desk.store.query("SELECT payload FROM outbox WHERE kind = 'receive' ORDER BY seq")
        desk.close()
    return [json.loads(r["payload"]) for r in rows]


def make_ops(device_no: int, commune: str, count: int, tpl: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ops = []
    for i in range(count):
        payload = json.loads(json.dumps(tpl[i % len(tpl)]))
        dossier_id = str(uuid.uuid4())
        payload["dossier"]["id"] = dossier_id
        payload["dossier"]["code"] = f"{commune}-261123-01{i + 1:04d}"
        payload["action"]["id"] = str(uuid.uuid4())
        payload["action"]["dossier_id"] = dossier_id
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        ops.append({"seq": i + 1, "op_id": str(uuid.uuid4()), "epoch": 1, "prev_seq": i, "entity": "dossier",
                    "entity_id": dossier_id, "kind": "receive", "payload": text,
                    "created_at": "2026-11-23T09:00:00"})
    return ops


async def enroll(client: httpx.AsyncClient, code: str) -> tuple[str, Ed25519PrivateKey]:
    key = Ed25519PrivateKey.generate()
    device_id = str(uuid.uuid4())
    public = base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
    r = await client.post(API_PREFIX + "/devices/enroll", json={"code": code, "device_id": device_id,
                                                               "public_key": public, "name": "bench"})
    r.raise_for_status()
    return device_id, key


async def run_load(url: str, codes: list[tuple[str, str]], ops_per_device: int, batch: int,
                   tpl: list[dict[str, Any]]) -> dict[str, float]:
    limits = httpx.Limits(max_connections=len(codes) + 5, max_keepalive_connections=len(codes) + 5)
    # The server's self-signed certificate: this load generator does not check it (the desks pin it).
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits, verify=False) as client:
        creds = await asyncio.gather(*(enroll(client, code) for _, code in codes))
        bodies: list[list[bytes]] = []
        for n, (commune, _) in enumerate(codes):
            ops = make_ops(n, commune, ops_per_device, tpl)
            # As the desk sends them: an exchange with the batch packed as columns, zstd with the dictionary.
            bodies.append([wire.encode({"batch": uuid.uuid4().hex, "ops": wire.pack_ops(ops[i:i + batch])})[0]
                           for i in range(0, len(ops), batch)])
        latencies: list[float] = []
        outcomes: dict[str, int] = {}

        async def device(n: int) -> None:
            device_id, key = creds[n]
            for counter, body in enumerate(bodies[n], start=1):
                t0 = time.perf_counter()
                sig = key.sign(request_message("POST", API_PREFIX + "/exchange", device_id, counter, "zstd", body))
                headers = {"authorization": auth_header(device_id, counter, sig), "content-encoding": "zstd",
                           "accept-encoding": "identity"}
                r = await client.post(API_PREFIX + "/exchange", content=body, headers=headers)
                latencies.append(time.perf_counter() - t0)
                r.raise_for_status()
                for res in wire.unpack_results(r.json()["push"]):
                    outcomes[res["outcome"]] = outcomes.get(res["outcome"], 0) + 1

        start = time.perf_counter()
        await asyncio.gather(*(device(n) for n in range(len(codes))))
        elapsed = time.perf_counter() - start
    total = sum(outcomes.values())
    applied = outcomes.get("applied", 0)
    # Only what the server applied and stored counts: a deferred or rejected op costs the server work
    # but is not ingest.
    return {"elapsed": elapsed, "ops": total, "applied": applied, "not_applied": total - applied,
            "ops_s": applied / elapsed, "p50": statistics.median(latencies) * 1000,
            "p95": sorted(latencies)[int(0.95 * (len(latencies) - 1))] * 1000,
            "wire": sum(len(b) for bs in bodies for b in bs) / total}


def one_run(workers: int, devices: int, ops: int, batch: int, tpl: list[dict[str, Any]]) -> dict[str, float]:
    name = f"motcua_bench_{uuid.uuid4().hex[:8]}"
    pg_exec(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            server = DistrictServer("postgres", Path(tmp), pg_name=name, extra=["--workers", str(workers)])
            server.start()
            try:
                engine = make_engine(server.database)
                with engine.begin() as conn:
                    codes = [(f"000.00.{n:02d}.H56", make_enroll_code(conn, f"000.00.{n:02d}.H56"))
                             for n in range(devices)]
                engine.dispose()
                result = asyncio.run(run_load(server.url, codes, ops, batch, tpl))
                engine = make_engine(server.database)
                with engine.begin() as conn:
                    stored = conn.exec_driver_sql("SELECT count(*) FROM ops").scalar()
                engine.dispose()
                result["stored"] = float(stored or 0)
                return result
            finally:
                server.stop()
    finally:
        pg_drop(name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devices", type=int, default=50)
    ap.add_argument("--ops", type=int, default=200, help="ops per device")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    reason = pg_available()
    if reason:
        print(reason)
        return 1
    tpl = templates(40)
    print(f"Server ingest on PostgreSQL: {args.devices} devices × {args.ops} receive ops, batches of {args.batch}")
    print(f"{'server workers':>14} | {'sent':>6} | {'applied':>7} | {'stored':>6} | {'seconds':>7} | {'ops/s':>7} | "
          f"{'target':>6} | {'batch p50 ms':>12} | {'batch p95 ms':>12} | {'wire B/op':>9} | verdict")
    print("-" * 122)
    for workers in args.workers:
        r = one_run(workers, args.devices, args.ops, args.batch, tpl)
        verdict = "met" if r["ops_s"] >= TARGET_OPS_S else f"MISSED by {TARGET_OPS_S / r['ops_s']:.2f}×"
        print(f"{workers:>14} | {r['ops']:>6.0f} | {r['applied']:>7.0f} | {r['stored']:>6.0f} | {r['elapsed']:>7.2f} | "
              f"{r['ops_s']:>7.0f} | "
              f"{TARGET_OPS_S:>6.0f} | {r['p50']:>12.0f} | {r['p95']:>12.0f} | {r['wire']:>9.0f} | {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
