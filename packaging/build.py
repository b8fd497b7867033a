"""Build the one-folder desk app from build.spec, then run its self-test.

    python packaging/build.py [--dist DIR] [--work DIR] [--no-self-test]

The same command on Windows (in the project's venv: `.venv\\Scripts\\python packaging\\build.py`) builds
`dist\\motcua-desk\\` with `MotCua.exe` and `desk.exe`; Inno Setup then packs it (packaging/windows/).
Prints the build time and the folder's size; exits non-zero when the build or the self-test fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = "motcua-desk"


def executable(folder: Path) -> Path:
    return folder / ("desk.exe" if sys.platform == "win32" else "desk")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")]
    subprocess.run(cmd, cwd=ROOT, check=True)
    return dist / APP


def self_test(folder: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # The frozen app must not lean on this checkout or its venv: run it from elsewhere, without them.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    return subprocess.run([str(executable(folder)), "--self-test"], cwd=folder.parent, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-self-test", action="store_true")
    opts = parser.parse_args(argv)
    started = time.monotonic()
    folder = build(opts.dist, opts.work)
    seconds = time.monotonic() - started
    size = folder_size(folder)
    print(f"built {folder} in {seconds:.0f} s: {size / 2**20:.0f} MB, "
          f"{sum(1 for p in folder.rglob('*') if p.is_file())} files")
    if opts.no_self_test:
        return 0
    result = self_test(folder)
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
