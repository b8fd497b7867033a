"""A desk on the office network only: serve, discover (DNS-SD) and exchange until told to stop.

    python -m tests.sync.lan_child DATA_DIR

Run by tests/sync/test_peers_mdns.py inside a network namespace of its own; stops when DATA_DIR/stop
appears (or after ten minutes).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> None:
    from desk.services import Desk
    from desk.sync.lan_loop import LanLoop

    data_dir = Path(sys.argv[1])
    desk = Desk.open(data_dir)
    loop = LanLoop(desk.store, data_dir / "peer_tls", interval=1.0)
    assert loop.start(), "not configured for the office network"
    (data_dir / "started").write_text("discovery" if loop.discovery and loop.discovery._zc else "manual")
    deadline = time.monotonic() + 600
    while not (data_dir / "stop").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    loop.stop()
    desk.close()


if __name__ == "__main__":
    main()
