"""Where the data lives: the user's data directory, or beside the frozen app in portable mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desk import paths


def frozen_at(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "desk.exe"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))


def test_installed_app_uses_the_user_data_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    frozen_at(monkeypatch, tmp_path / "Program Files" / "MotCua")
    assert paths.portable_dir() is None
    assert paths.default_data_dir() == Path(os.environ["XDG_DATA_HOME"]) / "motcua-desk"


@pytest.mark.parametrize("marker", ["portable.txt", "data"])
def test_a_marker_beside_the_app_keeps_the_data_in_its_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                               marker: str) -> None:
    stick = tmp_path / "USB" / "MotCua"
    frozen_at(monkeypatch, stick)
    if marker == "data":
        (stick / "data").mkdir()
    else:
        (stick / marker).write_text("", encoding="utf-8")
    assert paths.default_data_dir() == stick.resolve() / "data"


def test_the_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stick = tmp_path / "USB"
    frozen_at(monkeypatch, stick)
    (stick / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "elsewhere"))
    assert paths.default_data_dir() == tmp_path / "elsewhere"


def test_running_from_python_is_never_portable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / "portable.txt").write_text("", encoding="utf-8")
    assert paths.portable_dir() is None
