"""A desk process that runs one sync and kills itself with `os._exit` at a chosen point (F3).

    python -m tests.sync.desk_child DATA_DIR MODE N

MODE is where the N-th event of the sync ends the process, like a power cut or a killed task:
- before-request: just before the N-th HTTP request leaves the desk;
- after-response: just after the N-th reply arrived, before the client did anything with it;
- after-commit:   just after the N-th local transaction of the sync committed.
`os._exit` skips every finaliser, `finally` and atexit handler, so nothing gets tidied up. Exit status
77 means the kill happened; 0 means the sync finished before the N-th event (the parent stops there).
The sync uses batches of two ops so a sync has several push round trips to be killed between.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

KILLED = 77


def main() -> None:
    data_dir, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from desk import store as st
    from desk.services import Desk
    from desk.sync import RetryPolicy, SyncClient
    from desk.sync import transport as tr

    desk = Desk.open(data_dir)
    seen = {"http": 0, "commit": 0}
    original_request = tr.HttpTransport.request

    def request(self: tr.HttpTransport, method: str, path: str, **kw: Any) -> dict[str, Any]:
        seen["http"] += 1
        if mode == "before-request" and seen["http"] == n:
            os._exit(KILLED)
        reply = original_request(self, method, path, **kw)
        if mode == "after-response" and seen["http"] == n:
            os._exit(KILLED)
        return reply

    original_write = st.Store.write

    @contextmanager
    def write(self: st.Store, actor: str = "system") -> Iterator[st.UnitOfWork]:
        with original_write(self, actor) as uow:
            yield uow
        seen["commit"] += 1
        if mode == "after-commit" and seen["commit"] == n:
            os._exit(KILLED)

    tr.HttpTransport.request = request  # type: ignore[method-assign]
    st.Store.write = write  # type: ignore[method-assign]
    client = SyncClient(desk, retry=RetryPolicy(attempts=2, base=0.01, cap=0.02))
    client.sizer.ops = 2
    report = client.sync_once()
    print(json.dumps({"ok": report.ok, "http": seen["http"], "commits": seen["commit"],
                      "error": None if report.error is None else report.error.code}))


if __name__ == "__main__":
    main()
