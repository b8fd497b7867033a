"""A child process that receives dossiers as fast as it can and prints each code once committed.

Used by the crash-safety and code-collision tests: the parent counts what was printed, kills or waits for
the child, then checks the database.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk


def main() -> None:
    data_dir, count, desk_no, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    received = datetime.fromisoformat(start)
    desk = Desk.open(data_dir, clock=lambda: received + timedelta(days=1))
    if desk.office.get() is None or desk.store.device()["desk_no"] != desk_no:
        try:
            desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "desk_no": desk_no})
        except Exception:
            pass  # the sibling process saved it first
    writer = desk.officers.by_username("writer")
    assert writer is not None, "the test prepares the writer's account"
    officer_id = str(writer["id"])
    out = sys.stdout
    for i in range(count):
        intake = IntakeInput(
            "2.000815",
            ApplicantInput(full_name=f"Nguyễn Văn {chr(65 + i % 26)}", id_number="001099012345", dob="01/01/1999",
                           gender="Nam", phone="0912345678"),
            received_at=received,
        )
        d = desk.dossiers.receive(intake, officer_id)
        out.write(d["code"] + "\n")
        out.flush()


if __name__ == "__main__":
    main()
