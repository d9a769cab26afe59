"""Foundation interop checks: python-fido2 drives a key over fidoctl's socket protocol.

Two groups:
- `test_fake_*` run a tiny CTAPHID server written here (INIT, PING, WINK, CBOR getInfo)
  and prove the harness itself: the connection class, the checks, and that a dead server
  fails a test instead of hanging it. They need nothing but the venv.
- `test_virtual_key_*` run the same checks against `fidoctl virtual serve` at the socket
  named by FIDOCTL_SOCKET. Without that variable they are skipped (tests/interop.rs
  always sets it, so under cargo they never skip). FIDOCTL_PROFILE (ctap2.1, ctap2.1-pre,
  ctap2.0; default ctap2.1) says which profile the served key was created with.

Run (from the repository top):
    tests/interop/setup_venv.sh
    PYTHONDONTWRITEBYTECODE=1 .venv/bin/python -m pytest -p no:cacheprovider -q tests/interop/test_foundation.py
and against a served key:
    FIDOCTL_SOCKET=/tmp/k.sock PYTHONDONTWRITEBYTECODE=1 .venv/bin/python -m pytest -p no:cacheprovider -q tests/interop/test_foundation.py
"""

from __future__ import annotations

import os
import socket
import struct
import tempfile
import threading
import time

import pytest
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.hid import CAPABILITY, CtapHidDevice

from fidoctl_socket import REPORT_SIZE, open_device, required_env

# --- the checks, shared by the fake server and the real virtual key -------------------


def check_get_info(dev: CtapHidDevice) -> None:
    assert dev.capabilities & CAPABILITY.CBOR, f"no CBOR capability: {dev.capabilities:#x}"
    # strict_cbor: python-fido2 re-encodes the answer and insists on identical bytes,
    # which catches non-canonical CBOR from our shared encoder.
    info = Ctap2(dev, strict_cbor=True).get_info()
    assert "FIDO_2_0" in info.versions, info.versions


def check_ping(dev: CtapHidDevice, size: int) -> None:
    # Not all one byte value, so a dropped or reordered continuation packet shows.
    payload = bytes((i * 7 + 3) & 0xFF for i in range(size))
    assert dev.ping(payload) == payload


def check_wink(dev: CtapHidDevice) -> None:
    if dev.capabilities & CAPABILITY.WINK:
        dev.wink()


# --- a fake key: just enough CTAPHID to exercise the harness ---------------------------

INIT_BIT = 0x80
CMD_PING, CMD_INIT, CMD_WINK, CMD_CBOR, CMD_ERROR = 0x01, 0x06, 0x08, 0x10, 0x3F
BROADCAST = 0xFFFFFFFF
FAKE_CID = 0x01020304
AAGUID = bytes(range(16))
# Canonical CBOR written out by hand (not through fido2's encoder, so the strict check
# is not circular): {1: ["FIDO_2_0"], 3: h'000102...0f'}.
GET_INFO = b"\xa2\x01\x81\x68FIDO_2_0\x03\x50" + AAGUID


def recv_exact(conn: socket.socket, n: int) -> bytes | None:
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def frames(cid: int, cmd: int, payload: bytes) -> list[bytes]:
    out = [struct.pack(">IBH", cid, INIT_BIT | cmd, len(payload)) + payload[:57]]
    rest, seq = payload[57:], 0
    while rest:
        out.append(struct.pack(">IB", cid, seq) + rest[:59])
        rest, seq = rest[59:], seq + 1
    return [f.ljust(REPORT_SIZE, b"\0") for f in out]


class FakeKey:
    """Serves one connection at a time on a temp socket. mode: "ok", "silent" (accepts,
    never answers) or "hangup" (closes after the first report)."""

    def __init__(
        self, mode: str = "ok", capabilities: int = 0x01 | 0x04 | 0x08, path: str | None = None
    ):
        self.mode = mode
        self.capabilities = capabilities
        self.seen: list[int] = []  # commands received, for assertions
        self._dir = tempfile.TemporaryDirectory()
        self.path = path or os.path.join(self._dir.name, "fake.sock")
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(self.path)
        self._listener.listen(1)
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        self._dir.cleanup()

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(0.2)
                self._session(conn)

    def _session(self, conn: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                first = recv_exact(conn, REPORT_SIZE)
            except socket.timeout:
                continue
            if first is None:
                return
            cid, cmd, length = struct.unpack_from(">IBH", first)
            cmd &= ~INIT_BIT
            self.seen.append(cmd)
            if self.mode == "hangup":
                return
            if self.mode == "silent":
                continue
            payload = first[7 : 7 + length]
            while len(payload) < length:
                cont = recv_exact(conn, REPORT_SIZE)
                if cont is None:
                    return
                payload += cont[5 : 5 + min(59, length - len(payload))]
            self._answer(conn, cid, cmd, payload)

    def _answer(self, conn: socket.socket, cid: int, cmd: int, payload: bytes) -> None:
        if cmd == CMD_INIT:
            # nonce | new CID | CTAPHID version 2 | device version 1.2.3 | capabilities
            body = payload[:8] + struct.pack(">IBBBBB", FAKE_CID, 2, 1, 2, 3, self.capabilities)
            assert len(body) == 17
            reply = frames(cid, CMD_INIT, body)
        elif cid != FAKE_CID:
            reply = frames(cid, CMD_ERROR, b"\x0b")  # ERR_INVALID_CHANNEL
        elif cmd == CMD_PING:
            reply = frames(cid, CMD_PING, payload)
        elif cmd == CMD_WINK:
            reply = frames(cid, CMD_WINK, b"")
        elif cmd == CMD_CBOR and payload[:1] == b"\x04":
            reply = frames(cid, CMD_CBOR, b"\x00" + GET_INFO)
        else:
            reply = frames(cid, CMD_ERROR, b"\x01")  # ERR_INVALID_CMD
        for report in reply:
            # Split each report so the client must reassemble it from the stream.
            conn.sendall(report[:10])
            conn.sendall(report[10:])


@pytest.fixture
def fake_key():
    with FakeKey() as key:
        yield key


def test_fake_init_assigns_a_channel(fake_key):
    dev = open_device(fake_key.path, read_timeout=5)
    try:
        assert dev._channel_id == FAKE_CID  # noqa: SLF001 - the point of the check
        assert dev.version == 2
        assert dev.device_version == (1, 2, 3)
        assert dev.descriptor.report_size_in == REPORT_SIZE
    finally:
        dev.close()


@pytest.mark.parametrize("size", [0, 1, 57, 58, 100, 1000, 7609])
def test_fake_ping_echoes(fake_key, size):
    dev = open_device(fake_key.path, read_timeout=5)
    try:
        check_ping(dev, size)
    finally:
        dev.close()


def test_fake_get_info_and_wink(fake_key):
    dev = open_device(fake_key.path, read_timeout=5)
    try:
        check_get_info(dev)
        check_wink(dev)
    finally:
        dev.close()
    assert CMD_WINK in fake_key.seen


def test_fake_no_wink_without_the_capability():
    with FakeKey(capabilities=0x04 | 0x08) as key:
        dev = open_device(key.path, read_timeout=5)
        try:
            check_wink(dev)
        finally:
            dev.close()
        assert CMD_WINK not in key.seen


def test_fake_errors_surface_as_ctap_errors(fake_key):
    dev = open_device(fake_key.path, read_timeout=5)
    try:
        with pytest.raises(CtapError) as err:
            dev.call(0x3E)  # a vendor command the fake does not know
        assert err.value.code == CtapError.ERR.INVALID_COMMAND
    finally:
        dev.close()


def test_fake_silent_server_times_out_instead_of_hanging():
    with FakeKey(mode="silent") as key:
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            open_device(key.path, read_timeout=0.5)
        assert time.monotonic() - started < 5


def test_fake_hangup_is_a_connection_error():
    with FakeKey(mode="hangup") as key:
        with pytest.raises(ConnectionError):
            open_device(key.path, read_timeout=5)


def test_fake_missing_socket_is_an_error():
    with tempfile.TemporaryDirectory() as d:
        with pytest.raises(OSError):
            open_device(os.path.join(d, "nothing.sock"))


def test_fake_rejects_wrong_report_size(fake_key):
    dev = open_device(fake_key.path, read_timeout=5)
    try:
        with pytest.raises(ValueError):
            dev._connection.write_packet(b"\0" * 65)  # noqa: SLF001
    finally:
        dev.close()


# --- the real virtual key --------------------------------------------------------------


@pytest.fixture
def virtual_key():
    (path,) = required_env("FIDOCTL_SOCKET", set_by="tests/interop.rs")
    dev = open_device(path)
    try:
        yield dev
    finally:
        dev.close()


def test_virtual_key_get_info(virtual_key):
    check_get_info(virtual_key)


@pytest.mark.parametrize("size", [100, 1000])
def test_virtual_key_ping(virtual_key, size):
    check_ping(virtual_key, size)


def test_virtual_key_wink(virtual_key):
    check_wink(virtual_key)


# What each profile must say in getInfo, as python-fido2 decodes it (DESIGN.md, "Profiles").
PROFILES = {
    "ctap2.1": {
        "versions": ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"],
        "pin_uv_protocols": [2, 1],
        "options_true": ["credMgmt", "credentialMgmtPreview", "pinUvAuthToken", "authnrCfg", "setMinPINLength"],
        "options_absent": [],
    },
    "ctap2.1-pre": {
        "versions": ["FIDO_2_0", "FIDO_2_1_PRE"],
        "pin_uv_protocols": [1],
        "options_true": ["credentialMgmtPreview"],
        "options_absent": ["credMgmt", "pinUvAuthToken", "authnrCfg"],
    },
    "ctap2.0": {
        "versions": ["FIDO_2_0"],
        "pin_uv_protocols": [1],
        "options_true": [],
        "options_absent": ["credMgmt", "credentialMgmtPreview", "pinUvAuthToken", "authnrCfg"],
    },
}
DEFAULT_AAGUID = "6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5"


def served_profile() -> str:
    profile = os.environ.get("FIDOCTL_PROFILE", "ctap2.1")
    assert profile in PROFILES, f"FIDOCTL_PROFILE={profile!r} is not one of {sorted(PROFILES)}"
    return profile


def test_virtual_key_profile_get_info(virtual_key):
    expected = PROFILES[served_profile()]
    info = Ctap2(virtual_key, strict_cbor=True).get_info()
    assert info.versions == expected["versions"]
    assert info.pin_uv_protocols == expected["pin_uv_protocols"]
    assert str(info.aaguid) == DEFAULT_AAGUID
    assert info.options.get("clientPin") is False, info.options  # supported, not set
    assert info.options.get("rk") is True and info.options.get("up") is True, info.options
    for name in expected["options_true"]:
        assert info.options.get(name) is True, (name, info.options)
    for name in expected["options_absent"]:
        assert name not in info.options, (name, info.options)
    assert info.max_msg_size >= 1024
    assert {"alg": -7, "type": "public-key"} in info.algorithms, info.algorithms


def test_virtual_key_capabilities(virtual_key):
    # CBOR and WINK; NMSG because the virtual key has no U2F (DESIGN.md, "Capabilities").
    caps = virtual_key.capabilities
    assert caps & CAPABILITY.CBOR and caps & CAPABILITY.WINK and caps & CAPABILITY.NMSG, hex(caps)


def test_virtual_key_selection(virtual_key):
    # authenticatorSelection exists from CTAP 2.1 on; the simulated touch approves at once
    # (after an UPNEEDED keepalive, which python-fido2 must take in its stride).
    ctap2 = Ctap2(virtual_key, strict_cbor=True)
    if "FIDO_2_1" in ctap2.info.versions:
        ctap2.selection()
    else:
        with pytest.raises(CtapError) as err:
            ctap2.selection()
        assert err.value.code == CtapError.ERR.INVALID_COMMAND
