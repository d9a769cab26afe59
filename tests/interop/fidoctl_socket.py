"""python-fido2 transport for fidoctl's socket protocol (`fidoctl virtual serve --socket`),
and the few helpers every interop test needs to reach the same served key through the
fidoctl binary under test (one copy here, so all test files run and read fidoctl alike).

The protocol (shared/DESIGN.md, "The socket protocol"): a UNIX SOCK_STREAM socket; each
direction carries raw 64-byte CTAPHID reports, with no report-ID byte and no length
prefix. Connecting plugs the key in; closing unplugs it.

Written against fido2 2.2.1 (fido2.hid.base.CtapHidConnection / HidDescriptor,
fido2.hid.CtapHidDevice(descriptor, connection)).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess

import pytest
from fido2.hid import CtapHidDevice
from fido2.hid.base import CtapHidConnection, HidDescriptor

REPORT_SIZE = 64
# A key waiting for a touch sends KEEPALIVE every ~100 ms, so a silence this long means
# the server is dead or wedged: fail the test rather than hang it.
DEFAULT_READ_TIMEOUT = 10.0
# A bound on one fidoctl run, so a hang fails the test instead of wedging CI.
RUN_TIMEOUT = 60


class SocketCtapHidConnection(CtapHidConnection):
    """One plugged-in key: a connected socket carrying 64-byte reports each way."""

    def __init__(self, socket_path: str, read_timeout: float = DEFAULT_READ_TIMEOUT):
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._sock.settimeout(read_timeout)
            self._sock.connect(socket_path)
        except BaseException:
            self._sock.close()
            raise
        self.socket_path = socket_path

    def write_packet(self, data: bytes) -> None:
        if len(data) != REPORT_SIZE:
            raise ValueError(f"a report is {REPORT_SIZE} bytes, not {len(data)}")
        self._sock.sendall(data)

    def read_packet(self) -> bytes:
        # A stream may split a report; collect exactly one.
        buf = bytearray()
        while len(buf) < REPORT_SIZE:
            try:
                chunk = self._sock.recv(REPORT_SIZE - len(buf))
            except socket.timeout as e:
                raise TimeoutError(
                    f"no report from {self.socket_path} within {self._sock.gettimeout()} s"
                ) from e
            if not chunk:
                raise ConnectionError(
                    f"{self.socket_path} closed the connection"
                    + (f" mid-report ({len(buf)} of {REPORT_SIZE} bytes)" if buf else "")
                )
            buf += chunk
        return bytes(buf)

    def close(self) -> None:
        self._sock.close()


def descriptor_for(socket_path: str) -> HidDescriptor:
    # No real VID/PID behind a socket; zeros say "unknown".
    return HidDescriptor(
        path=socket_path,
        vid=0,
        pid=0,
        report_size_in=REPORT_SIZE,
        report_size_out=REPORT_SIZE,
        product_name="fidoctl virtual key",
        serial_number=None,
    )


def open_device(socket_path: str, read_timeout: float = DEFAULT_READ_TIMEOUT) -> CtapHidDevice:
    """Plug in the key behind `socket_path`; CtapHidDevice runs CTAPHID INIT on creation."""
    connection = SocketCtapHidConnection(socket_path, read_timeout)
    try:
        return CtapHidDevice(descriptor_for(socket_path), connection)
    except BaseException:
        connection.close()
        raise


def required_env(*names: str, set_by: str) -> list[str]:
    """The values of these variables, which `set_by` (a tests/*.rs file) always sets; run by
    hand without them, the test is skipped."""
    values = [os.environ.get(name, "") for name in names]
    if not all(values):
        pytest.skip(f"{' and '.join(names)} not set ({set_by} sets {'it' if len(names) == 1 else 'them'})")
    return values


def run_fidoctl(
    binary: str, socket_path: str, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """`fidoctl -d unix:SOCKET ARGS...` with a clean FIDOCTL_* environment plus `env`; standard
    input is `stdin` or nothing at all (never a terminal)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FIDOCTL_")}
    clean.update(env or {})
    return subprocess.run(
        [binary, "-d", f"unix:{socket_path}", *args],
        env=clean,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


def expect_exit(done: subprocess.CompletedProcess, code: int = 0) -> subprocess.CompletedProcess:
    """`done`, which must have exited with `code`."""
    assert done.returncode == code, (
        f"{' '.join(done.args[3:])}: exit {done.returncode}, expected {code}\n"
        f"--- stdout ---\n{done.stdout}--- stderr ---\n{done.stderr}"
    )
    return done


def json_document(done: subprocess.CompletedProcess, code: int = 0) -> dict:
    """The JSON document of a `--json` run that exited with `code` (schema version 1)."""
    doc = json.loads(expect_exit(done, code).stdout)
    assert doc["schema_version"] == 1, doc
    return doc


def b64url(data: bytes) -> str:
    """`data` as fidoctl writes binary values in JSON: base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    """Strict: base64url without padding, as fidoctl documents it."""
    assert "=" not in text and "+" not in text and "/" not in text, text
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
