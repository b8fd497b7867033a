"""The one-folder app built from build.spec runs on its own: its self-test passes, the command line
works, and a `portable.txt` beside it keeps the data in the folder (a USB stick at a mobile reception)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# packaging/build.py, the script the docs tell people to run (a file, not an importable package).
_spec = importlib.util.spec_from_file_location("motcua_build", ROOT / "packaging" / "build.py")
assert _spec is not None and _spec.loader is not None
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("frozen")
    # A copy per test run, away from the checkout, so nothing it needs can come from the source tree.
    yield builder.build(base / "dist", base / "work")


def run(folder: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    return subprocess.run([str(builder.executable(folder)), *args], cwd=home, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def test_the_frozen_app_passes_its_self_test(frozen: Path, tmp_path: Path) -> None:
    out = run(frozen, "--self-test", home=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    for check in ("database", "intake", "calendar", "slip", "qr", "qt", "print"):
        assert f"OK  {check}:" in out.stdout, out.stdout
    assert "30/11/2026 09:32" in out.stdout and "Tết Nguyên Đán" in out.stdout
    # It checked in a temporary folder and left the user's data directory alone.
    assert not (tmp_path / "share" / "motcua-desk").exists()
    # The district server is a separate install: none of it inflates the desk's folder.
    internal = frozen / "_internal"
    assert not any((internal / name).exists() for name in ("fastapi", "sqlalchemy", "uvicorn", "district"))


def test_portable_marker_keeps_the_data_beside_the_app(frozen: Path, tmp_path: Path) -> None:
    marker = frozen / "portable.txt"
    marker.write_text("dữ liệu nằm trong thư mục data/ cạnh phần mềm\n", encoding="utf-8")
    try:
        out = run(frozen, "init", "--office-name", "UBND xã Lưu Động", "--agency-code", "000.00.01.H56",
                  home=tmp_path)
        assert out.returncode == 0, out.stderr
        assert (frozen / "data" / "desk.db").is_file()
        assert not (tmp_path / "share" / "motcua-desk").exists()
        shown = run(frozen, "officer", "list", home=tmp_path)
        assert shown.returncode == 0, shown.stderr
    finally:
        marker.unlink()
        for p in sorted((frozen / "data").rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        (frozen / "data").rmdir()
    # Without the marker the same folder uses the user's data directory again.
    out = run(frozen, "init", "--office-name", "UBND xã Cố Định", "--agency-code", "000.00.02.H56", home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "share" / "motcua-desk" / "desk.db").is_file()
    assert not (frozen / "data").exists()
