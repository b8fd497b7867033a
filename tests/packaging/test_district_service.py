"""The district server run the documented way: the systemd unit's own command lines with its
environment file, against a fresh PostgreSQL database; its nightly pg_dump restores; the container's
start command does the same, and the image builds where a container engine answers."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from district.db import STEPS
from tests.support import pg
from tests.support.server import free_port

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "packaging" / "district"
UNIT = HERE / "motcua-district.service"
ENV_FILE = HERE / "district.env.example"
INSTALLED = "/opt/motcua-district/venv/bin/district"
# The `district` command of the environment running the tests stands for the installed one.
DISTRICT = str(Path(sys.executable).with_name("district"))


def unit_section(path: Path, section: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section:
            key, _, value = line.partition("=")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def environment_file(path: Path) -> dict[str, str]:
    """systemd's EnvironmentFile= syntax: KEY=VALUE lines, comments, optional quotes."""
    env = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        env[key.strip()] = value
    return env


def command_line(line: str, env: dict[str, str]) -> list[str]:
    """An Exec*= line as systemd runs it: split into words, ${VAR} replaced by one word."""
    words = []
    for word in shlex.split(line.lstrip("-@+!:")):
        for key, value in env.items():
            word = word.replace("${" + key + "}", value)
        assert "$" not in word, f"unexpanded variable in {word!r}"
        words.append(DISTRICT if word == INSTALLED else word)
    return words


def wait_for_info(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server exited"
        try:
            reply = httpx.get(f"http://127.0.0.1:{port}/api/sync/v1/info", timeout=2, trust_env=False)
            if reply.status_code == 200:
                return dict(reply.json())
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not answer /api/sync/v1/info")


def stop(proc: subprocess.Popen[bytes], timeout: float) -> int:
    """As `systemctl stop` does: SIGTERM to the process group, SIGKILL after TimeoutStopSec."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)
        raise AssertionError(f"the server did not stop within {timeout} s of SIGTERM") from None


def schema_steps(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM schema_steps ORDER BY name")]


@pytest.fixture
def database() -> Iterator[str]:
    with pg.fresh_database("motcua_unit") as url:
        yield url


@pytest.mark.postgres
@pytest.mark.slow
def test_the_unit_starts_the_server_against_postgresql_migrates_answers_and_stops(
        database: str, tmp_path: Path) -> None:
    service = unit_section(UNIT, "Service")
    env_file = environment_file(ENV_FILE)
    assert service["EnvironmentFile"] == ["/etc/motcua/district.env"]
    assert "DISTRICT_DATABASE_URL" in env_file and env_file["DISTRICT_DATABASE_URL"].startswith("postgresql://")
    port = free_port()
    # The example file, with this test's database and a free port: everything else as shipped.
    env = {**env_file, "DISTRICT_DATABASE_URL": database, "DISTRICT_PORT": str(port)}
    process_env = {k: v for k, v in os.environ.items() if not k.startswith("DISTRICT_")} | env
    (tmp_path / "state").mkdir()

    (pre,) = service["ExecStartPre"]
    migrated = subprocess.run(command_line(pre, env), env=process_env, cwd=tmp_path / "state",
                              capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr
    assert "0001_initial" in migrated.stdout
    assert schema_steps(database) == [name for name, _ in STEPS]

    (start,) = service["ExecStart"]
    argv = command_line(start, env)
    assert argv[:2] == [DISTRICT, "serve"] and "--workers" in argv
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(argv, env=process_env, cwd=tmp_path / "state", stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        info = wait_for_info(port, proc)
        assert info["name"] == env_file["DISTRICT_NAME"]
        assert info["desk"] == {"latest_version": "", "download_url": ""}
        # A desk can enrol through it: the enrolment code comes from the same database.
        code = subprocess.run([DISTRICT, "enroll-code", "--commune", "000.00.07.H56"], env=process_env,
                              capture_output=True, text=True, check=True).stdout.split()[0]
        assert len(code) >= 8
    finally:
        rc = stop(proc, float(service["TimeoutStopSec"][0]))
        log.close()
    assert rc == 0, (tmp_path / "server.log").read_text(errors="replace")[-3000:]


def test_the_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    # The same units with this machine's paths: verify checks that the programs they name exist.
    units = []
    for name in ("motcua-district.service", "motcua-district-backup.service", "motcua-district-backup.timer"):
        text = (HERE / name).read_text(encoding="utf-8")
        text = text.replace(INSTALLED, DISTRICT).replace("/opt/motcua-district/src", str(ROOT))
        (tmp_path / name).write_text(text.replace("/etc/motcua/district.env", str(ENV_FILE)), encoding="utf-8")
        units.append(str(tmp_path / name))
    out = subprocess.run([analyze, "verify", *units], capture_output=True, text=True, timeout=60)
    # Only what it says of these files counts (a machine's own units may draw warnings of their own).
    about_ours = [line for line in (out.stdout + out.stderr).splitlines() if str(tmp_path) in line]
    assert out.returncode == 0 and not about_ours, out.stdout + out.stderr


@pytest.mark.postgres
@pytest.mark.slow
def test_the_nightly_backup_is_a_pg_dump_that_restores(database: str, tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump/pg_restore (postgresql-client) are not installed here")
    env = {**os.environ, "DISTRICT_DATABASE_URL": database, "DISTRICT_BACKUP_DIR": str(tmp_path / "backups"),
           "DISTRICT_BACKUP_KEEP_DAYS": "30"}
    subprocess.run([DISTRICT, "migrate"], env=env, check=True, capture_output=True)
    code = subprocess.run([DISTRICT, "enroll-code", "--commune", "000.00.07.H56"], env=env, capture_output=True,
                          text=True, check=True).stdout.split()[0]
    stale = tmp_path / "backups" / "district-20000101-000000.dump"
    stale.parent.mkdir()
    stale.write_bytes(b"old")
    os.utime(stale, (946684800, 946684800))
    (service_exec,) = unit_section(HERE / "motcua-district-backup.service", "Service")["ExecStart"]
    assert service_exec.endswith("packaging/district/backup.sh")
    out = subprocess.run([str(HERE / "backup.sh")], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    dump = Path(out.stdout.strip())
    assert dump.is_file() and dump.stat().st_size > 0 and not stale.exists()
    assert not list(dump.parent.glob("*.part"))
    with pg.fresh_database("motcua_restore") as restored:
        subprocess.run(["pg_restore", "--no-owner", "--dbname", restored, str(dump)], check=True,
                       capture_output=True, timeout=120)
        assert schema_steps(restored) == [name for name, _ in STEPS]
        import psycopg

        with psycopg.connect(restored) as conn:
            assert conn.execute("SELECT commune FROM enroll_codes").fetchall() == [("000.00.07.H56",)]
    assert code


@pytest.mark.postgres
@pytest.mark.slow
def test_the_container_command_migrates_and_serves(database: str, tmp_path: Path) -> None:
    """The image's CMD, run with the image's environment; the image itself is built below when an
    engine is available."""
    lines = (HERE / "Containerfile").read_text(encoding="utf-8").splitlines()
    import json

    cmd = json.loads(next(line for line in lines if line.startswith("CMD "))[4:])
    env_line = next(line for line in lines if line.startswith("ENV "))
    image_env = dict(word.split("=", 1) for word in shlex.split(env_line[4:]))
    port = free_port()
    env = {**os.environ, **image_env, "DISTRICT_DATABASE_URL": database, "DISTRICT_PORT": str(port),
           "DISTRICT_HOST": "127.0.0.1", "PATH": f"{Path(DISTRICT).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wait_for_info(port, proc)
        assert schema_steps(database) == [name for name, _ in STEPS]
    finally:
        assert stop(proc, 30) == 0


def container_engine() -> str | None:
    for name in ("podman", "docker"):
        path = shutil.which(name)
        if path and subprocess.run([path, "info"], capture_output=True, timeout=30).returncode == 0:
            return path
    return None


@pytest.mark.slow
def test_the_container_image_builds_where_an_engine_runs() -> None:
    engine = container_engine()
    if engine is None:
        pytest.skip("no container engine answers here (docker/podman missing or its daemon not running); "
                    "the image's start command is tested above")
    out = subprocess.run([engine, "build", "-f", str(HERE / "Containerfile"), "-t", "motcua-district:test", "."],
                         cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
