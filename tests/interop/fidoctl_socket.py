"""python-fido2 transport for fidoctl's socket protocol (`fidoctl virtual serve --socket`).

The protocol (shared/DESIGN.md, "The socket protocol"): a UNIX SOCK_STREAM socket; each
direction carries raw 64-byte CTAPHID reports, with no report-ID byte and no length
prefix. Connecting plugs the key in; closing unplugs it.

Written against fido2 2.2.1 (fido2.hid.base.CtapHidConnection / HidDescriptor,
fido2.hid.CtapHidDevice(descriptor, connection)).
"""

from __future__ import annotations

import socket

from fido2.hid import CtapHidDevice
from fido2.hid.base import CtapHidConnection, HidDescriptor

REPORT_SIZE = 64
# A key waiting for a touch sends KEEPALIVE every ~100 ms, so a silence this long means
# the server is dead or wedged: fail the test rather than hang it.
DEFAULT_READ_TIMEOUT = 10.0


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
