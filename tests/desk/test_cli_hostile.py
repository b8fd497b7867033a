"""The command line never shows a traceback: closed pipes, unwritable paths, unusable data folders, unknown
commands and unexpected errors each get a Vietnamese sentence and a documented exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.cli import main
from tests.support import deskdb

ROOT = Path(__file__).resolve().parents[2]
RECEIVE = ["receive", "--procedure", "2.000815", "--name", "Nguyễn Văn An", "--id", "001099012345",
           "--dob", "01/01/1999", "--gender", "Nam"]


def desk_cmd(*args: str, stdout: int | None = subprocess.PIPE, env: dict[str, str] | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`desk …` as an officer's script runs it: the real entry point, in its own process."""
    return subprocess.run([sys.executable, "-m", "ui.launch", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=timeout, cwd=ROOT, env=env, stdin=subprocess.DEVNULL)


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "data")
    assert main(["--data-dir", d, "init", "--office-name", "UBND xã Tân Lập", "--agency-code", "H15.50.05.13"]) == 0
    capsys.readouterr()
    return d


def dossiers(data_dir: str) -> int:
    con = deskdb.connect(Path(data_dir) / "desk.db")
    try:
        return int(con.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0])
    finally:
        con.close()


def test_a_closed_output_pipe_after_a_committed_receive_is_not_a_failure(office: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command writes a byte
    try:
        proc = desk_cmd("--data-dir", office, *RECEIVE, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
    # A script that retries on a failure status does not retry: one dossier, not two.
    assert dossiers(office) == 1
    assert "output pipe was closed" in (Path(office) / "logs" / "cli.log").read_text(encoding="utf-8")


def test_a_reader_that_stops_early_does_not_make_a_traceback(office: str) -> None:
    for _ in range(3):
        assert main(["--data-dir", office, *RECEIVE]) == 0
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = desk_cmd("--data-dir", office, "search", "nguyen van an", stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 0 and proc.stderr == ""


def test_a_mistyped_command_is_named_not_a_window_opened(tmp_path: Path) -> None:
    # No display at all: opening a window here would fail or hang, and the timeout would catch it.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = desk_cmd("--data-dir", str(tmp_path / "d"), "recieve", "--name", "x", env=env, timeout=60)
    assert proc.returncode == 2
    assert "không có lệnh «recieve»" in proc.stderr and "«desk receive»" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_command_in_process_says_the_closest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "seed-dmeo"]) == 2
    assert "«desk seed-demo»" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "zzz"]) == 2
    err = capsys.readouterr().err
    assert "không có lệnh «zzz»" in err and "Có phải" not in err


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("{tmp}", "đây là một thư mục"),
        ("{tmp}/a-file.txt/slip.pdf", "a-file.txt»: "),
        ("/sys/slip.pdf", "không có quyền"),
    ],
    ids=["a directory", "a parent that is a file", "a folder nobody may write"],
)
def test_an_unwritable_output_path_gets_a_message_and_exit_2(office: str, tmp_path: Path, output: str,
                                                             reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file.txt").write_text("x")
    assert main(["--data-dir", office, *RECEIVE]) == 0
    code = capsys.readouterr().out.splitlines()[0]
    target = output.format(tmp=tmp_path)
    assert main(["--data-dir", office, "print", "slip", code, "-o", target]) == 2
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err
    assert main(["--data-dir", office, "diagnose", "-o", target]) == 2
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err


@pytest.mark.parametrize("where", ["a file", "under a file", "a folder nobody may write"])
def test_an_unusable_data_folder_gets_a_message_and_exit_2(tmp_path: Path, where: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "desk-data"
    afile.write_text("not a folder")
    folder = {"a file": str(afile), "under a file": str(afile / "sub"), "a folder nobody may write": "/sys/desk"}[where]
    assert main(["--data-dir", folder, "officer", "list"]) == 2
    err = capsys.readouterr().err
    assert f"Không dùng được thư mục dữ liệu «{folder}»" in err and "Traceback" not in err


def test_an_unexpected_error_is_a_sentence_on_screen_and_a_traceback_in_the_log(
        office: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr("desk.cli.core.cmd_search", broken)
    assert main(["--data-dir", office, "search", "x"]) == 3
    err = capsys.readouterr().err
    assert "lỗi không mong muốn" in err and "cli.log" in err and "Traceback" not in err
    logged = (Path(office) / "logs" / "cli.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError" in logged
