"""The wire's security (issue 16), against the real `district serve` over TLS 1.3: whom the desk trusts,
what it refuses to send in clear, what the server refuses, and what an eavesdropper records."""

from __future__ import annotations

import random
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desk.services import Desk
from desk.sync import SyncClient, SyncError, tls
from district.tls import self_signed
from tests.conftest import FakeClock
from tests.support import signed
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.conftest import fast_retry
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

SQLITE = pytest.mark.parametrize("server", ["sqlite"], indirect=True)  # about trust, not storage


def _desk(tmp_path: Path, clock: FakeClock, name: str = "desk") -> tuple[Desk, str, SyncClient]:
    desk = Desk.open(tmp_path / name, clock=clock)
    officer = wl.setup_desk(desk)
    return desk, officer, SyncClient(desk, retry=fast_retry())


def _code_used(server: DistrictServer) -> bool:
    return bool(server.query("SELECT 1 FROM enroll_codes WHERE used_at IS NOT NULL"))


@SQLITE
def test_a_server_neither_trusted_nor_pinned_is_refused_before_the_code_is_sent(
        tmp_path: Path, clock: FakeClock, server: DistrictServer) -> None:
    desk, _officer, client = _desk(tmp_path, clock)
    code = server.enroll_code(wl.AGENCY)
    bare = "-".join(code.split("-")[:3])  # the one-time code without the certificate's fingerprint digits
    with pytest.raises(SyncError) as refused:
        client.enroll(server.url, bare)
    assert refused.value.code == "tls_untrusted" and "không tin được chứng chỉ" in refused.value.message_vi
    assert "mã đầy đủ" in refused.value.message_vi
    assert not _code_used(server) and desk.store.query("SELECT * FROM sync_identity") == []
    # The full code pins the certificate and enrols.
    client.enroll(server.url, code)
    assert desk.store.scalar("SELECT tls_pin FROM sync_identity") == server.fingerprint()
    client.close()
    desk.close()


@SQLITE
def test_enrolment_through_a_man_in_the_middle_is_refused_and_the_code_never_leaves(
        tmp_path: Path, clock: FakeClock, server: DistrictServer) -> None:
    impostor = self_signed(tmp_path / "impostor")  # another key pair, presented in the district's place
    desk, _officer, client = _desk(tmp_path, clock)
    with FaultProxy(server.port, tls=(impostor.cert, impostor.key)) as mitm:
        with pytest.raises(SyncError) as refused:
            client.enroll(mitm.url, server.enroll_code(wl.AGENCY))
        assert mitm.stats.exchanges == []  # no HTTP request crossed: the handshake was refused first
    assert refused.value.code == "tls_untrusted" and "không khớp phần dấu vân tay" in refused.value.message_vi
    assert not _code_used(server)
    client.close()
    desk.close()


@SQLITE
def test_plain_http_to_another_machine_is_refused_without_connecting(
        tmp_path: Path, clock: FakeClock, server: DistrictServer, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def loopback_only(sock: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        if not tls.is_loopback(str(host)):
            attempts.append(address)  # recorded, never sent: nothing leaves this machine
            raise OSError("the test lets nothing leave loopback")
        real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    desk, officer, client = _desk(tmp_path, clock)
    with pytest.raises(SyncError) as refused:
        client.enroll("http://192.0.2.10:8080", server.enroll_code(wl.AGENCY))
    assert refused.value.code == "insecure_url" and "https://" in refused.value.message_vi
    assert "Luật Bảo vệ dữ liệu cá nhân" in refused.value.message_vi
    # An enrolled desk whose address was changed by hand to plain http does not send either.
    client.enroll(server.url, server.enroll_code(wl.AGENCY))
    wl.receive(desk, officer, random.Random(3), 1)
    with desk.store.write("test") as uow:
        uow.execute("UPDATE sync_identity SET server_url = 'http://192.0.2.10:8080'")
    client.close()
    report = SyncClient(desk, retry=fast_retry()).sync_once()
    assert report.error is not None and report.error.code == "insecure_url" and not report.error.retryable
    assert attempts == [] and checks.server_ops(server) == []
    desk.close()


@SQLITE
def test_a_replayed_or_altered_signed_request_is_refused(
        tmp_path: Path, clock: FakeClock, server: DistrictServer) -> None:
    desk, officer, client = _desk(tmp_path, clock)
    client.enroll(server.url, server.enroll_code(wl.AGENCY))
    wl.receive(desk, officer, random.Random(4), 2)
    ops = desk.store.query("SELECT * FROM outbox ORDER BY seq")
    content, headers = signed.prepare(client, signed.batch("batch-replay-0001", ops))
    first = signed.send(client, content, headers)
    assert first.status_code == 200 and len(checks.server_ops(server)) == 2

    replay = signed.send(client, content, headers)  # the very same bytes, recorded on the way and sent again
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "stale_counter"

    more = wl.receive(desk, officer, random.Random(5), 1)
    rows = desk.store.query("SELECT * FROM outbox ORDER BY seq")[2:]
    content, headers = signed.prepare(client, signed.batch("batch-altered-01", rows))
    tampered = bytearray(content)
    tampered[len(tampered) // 2] ^= 0x01  # one bit changed on the way
    altered = signed.send(client, bytes(tampered), headers)
    assert altered.status_code == 401 and altered.json()["error"]["code"] == "bad_signature"
    other_target = signed.send(client, content, headers, path="/exchange?limit=1")  # signed without the query
    assert other_target.status_code == 401 and other_target.json()["error"]["code"] == "bad_signature"
    assert len(checks.server_ops(server)) == 2 and more[0]["id"] not in checks.server_dossier_ids(server)
    # The desk itself carries on: its own next request is fresh.
    assert client.sync_once().all_acknowledged
    checks.assert_delivered(server, desk)
    client.close()
    desk.close()


@SQLITE
def test_a_pinned_certificate_that_changes_is_refused_with_how_to_enrol_again(
        tmp_path: Path, clock: FakeClock, server: DistrictServer) -> None:
    desk, officer, client = _desk(tmp_path, clock)
    client.enroll(server.url, server.enroll_code(wl.AGENCY))
    wl.receive(desk, officer, random.Random(6), 1)
    assert client.sync_once().all_acknowledged
    old = server.fingerprint()
    server.stop()
    shutil.rmtree(server.tls_dir)  # the district lost its key pair and made a new one
    server.start()
    assert server.fingerprint() != old
    wl.receive(desk, officer, random.Random(7), 1)
    client.close()

    report = client.sync_once()

    assert report.error is not None and report.error.code == "tls_untrusted" and not report.error.retryable
    message = report.error.message_vi
    assert "đã thay đổi" in message and "đăng ký lại" in message and "desk enroll" in message
    assert "thu hồi" in message and old[:4].upper() in message
    assert len(checks.server_ops(server)) == 1  # nothing went to the new certificate
    assert client.status().last_error == message
    # Doing what the message says works: the district revokes the old registration, issues a code for
    # this very PC (an ordinary code never re-admits a revoked device id).
    device_id = str(desk.store.device()["device_id"])
    server.cli("revoke", device_id)
    client.enroll(server.url, server.enroll_code(wl.AGENCY, device=device_id))
    assert client.sync_once().all_acknowledged
    client.close()
    desk.close()


@SQLITE
def test_the_wire_carries_no_citizen_name_id_number_or_phone_in_clear(
        make_site: Callable[..., Any], tmp_path: Path, clock: FakeClock, server: DistrictServer) -> None:
    desk, officer, client = _desk(tmp_path, clock)
    with FaultProxy(server.port, capture=True) as tap:  # pass-through: what an eavesdropper records
        client.enroll(tap.url, server.enroll_code(wl.AGENCY))
        dossiers = wl.receive(desk, officer, random.Random(8), 12)
        assert client.sync_once().all_acknowledged
        server.act(dossiers[0]["id"], "hand_over")  # a district step comes down with the dossier's data
        assert client.sync_once().pulled == 1
        assert client.close_day(clock().date()).matched
        up, down = tap.captured("up"), tap.captured("down")
    assert up and down
    # Every byte is TLS: records of type handshake (22) or application data (23), TLS 1.3 never shows
    # its request line, which is never compressed: "POST /api" in the clear would mean plain HTTP.
    assert up[0] == 22 and down[0] == 22 and b"POST /api" not in up and b"HTTP/1.1" not in down
    for d in dossiers:
        for value in (d["applicant_name"], d["applicant_id_number"], d["applicant_phone"], d["applicant_address"]):
            assert value
            for form in (value.encode("utf-8"), value.encode("utf-16-le")):
                assert form not in up and form not in down, f"{value!r} crossed the wire in clear"
    checks.assert_delivered(server, desk)
    client.close()
    desk.close()


@SQLITE
def test_a_server_that_accepts_but_never_answers_is_given_up_within_the_silence_limit(
        make_site: Callable[..., Any], server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    wl.receive(site.desk, site.officer_id, random.Random(9), 2)
    transport = site.client.transport
    # Scaled down (the real limits: 10 s connect, 15 s read, 30 s of silence; bench/bench_sync.py times
    # them): the mechanism is what is tested, not a duration.
    transport.connect_timeout = transport.io_timeout = 1.0  # type: ignore[attr-defined]
    site.client.session.silence_limit = 3.0
    proxy.hang()  # the TCP connection is accepted; nothing ever comes back
    report = site.client.sync_once()
    proxy.resume()
    assert report.error is not None and report.error.code == "no_answer" and report.error.retryable
    assert "không trả lời trong 3 giây" in report.error.message_vi
    assert proxy.stats.connections <= 3  # a couple of attempts, not minutes of them
    assert set(site.client.dossier_states().values()) == {"pending"}
    proxy.reset_connections()
    assert site.client.sync_once().all_acknowledged


def test_behind_a_tls_terminating_proxy_only_the_named_proxy_is_believed_and_plain_http_is_refused(
        tmp_path: Path) -> None:
    import httpx

    from tests.support.server import ServerProcess

    database = f"sqlite:///{tmp_path / 'district.db'}"
    # Without TLS, the server will not listen beyond this machine.
    open_to_all = ServerProcess(database, tmp_path / "open", tls=False, extra=["--host", "0.0.0.0"])
    out = open_to_all.cli("serve", "--host", "0.0.0.0", "--port", "1", check=False)
    assert out.returncode == 2 and "không phục vụ http://" in out.stderr and "reverse" in out.stderr
    with ServerProcess(database, tmp_path / "behind", tls=False,
                       extra=["--forwarded-allow-ips", "127.0.0.1"]) as behind:
        enroll = behind.url + "/api/sync/v1/devices/enroll"
        body = {"code": "AAAA-BBBB-CCCC", "device_id": "x", "public_key": "y"}
        plain = httpx.post(enroll, json=body, trust_env=False)
        assert plain.status_code == 403 and plain.json()["error"]["code"] == "https_required"
        # What the proxy adds for a request that came to it over HTTPS: it reaches the application.
        forwarded = httpx.post(enroll, json=body, trust_env=False, headers={"X-Forwarded-Proto": "https"})
        assert forwarded.status_code in (400, 403) and forwarded.json()["error"]["code"] != "https_required"


@SQLITE
def test_only_tls_13_is_spoken_and_a_later_sync_resumes_the_session(
        tmp_path: Path, clock: FakeClock, server: DistrictServer) -> None:
    import ssl

    import httpx

    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
    old.maximum_version = ssl.TLSVersion.TLSv1_2
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/api/sync/v1/info", verify=old, trust_env=False)
    desk, officer, client = _desk(tmp_path, clock)
    client.enroll(server.url, server.enroll_code(wl.AGENCY))
    wl.receive(desk, officer, random.Random(10), 1)
    assert client.sync_once().all_acknowledged
    first = client.session.counters
    assert (first.handshakes, first.resumed) == (1, 0)
    client.close()  # the connection is gone (hours later); the process and its session ticket remain
    wl.receive(desk, officer, random.Random(11), 1)
    assert client.sync_once().all_acknowledged
    later = client.session.counters
    assert (later.handshakes, later.resumed) == (0, 1)  # no certificate, no signatures in this handshake
    client.close()
    desk.close()
