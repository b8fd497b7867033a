"""Start the real `district serve` process on a free loopback port, and stop it.

The server serves HTTPS with a kept self-signed certificate (`--tls-self-signed`, in `workdir/tls`), as a
district does without a public certificate; `enroll_code` returns the code with the fingerprint digits
the desk pins. `tls=False` gives plain HTTP on loopback (what the desk still accepts on loopback only).
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    def __init__(self, database: str, workdir: Path, *, extra: Sequence[str] = (), tls: bool = True,
                 program: Sequence[str] = ("-m", "district")) -> None:
        self.database = database
        self.workdir = workdir
        self.extra = list(extra)
        self.tls = tls
        # What `python` runs: the real server, or tests/support/mutant_district.py's faulty one.
        self.program = list(program)
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def tls_dir(self) -> Path:
        return self.workdir / "tls"

    @property
    def tls_files(self) -> tuple[Path, Path]:
        """(certificate, key) the server presents; a terminating fault proxy presents the same."""
        return self.tls_dir / "district-cert.pem", self.tls_dir / "district-key.pem"

    def trust(self) -> ssl.SSLContext | bool:
        """What a test's own HTTP client (a citizen's browser, a script) verifies this server with: its
        self-signed certificate as the one trusted root."""
        if not self.tls:
            return True
        return ssl.create_default_context(cafile=str(self.tls_files[0]))

    def fingerprint(self) -> str:
        from district.tls import fingerprint_of

        return fingerprint_of(self.tls_files[0])

    def start(self, timeout: float = 30.0) -> ServerProcess:
        self.port = self.port or free_port()
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / "server.log", "ab")  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(
            [sys.executable, *self.program, "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--database", self.database, *(["--tls-self-signed", "--tls-dir", str(self.tls_dir)] if self.tls else []),
             *self.extra],
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"district serve exited:\n{self.log()}")
            try:
                # The readiness probe only; the desks under test check the pin.
                if httpx.get(self.url + "/api/sync/v1/info", timeout=1, trust_env=False,
                             verify=False).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"district serve did not answer:\n{self.log()}")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None

    def log(self) -> str:
        path = self.workdir / "server.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        out = subprocess.run([sys.executable, "-m", "district", *args, "--database", self.database],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
        if check and out.returncode != 0:
            raise AssertionError(f"district {' '.join(args)} → {out.returncode}: {out.stderr}{out.stdout}")
        return out

    def enroll_code(self, commune: str, device: str | None = None) -> str:
        """The code as the district admin reads it out: with the certificate's fingerprint digits; with
        `device`, the code that re-admits that one revoked PC."""
        extra = ["--device", device] if device else []
        return self.cli("enroll-code", "--commune", commune, *extra).stdout.splitlines()[0].strip()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
