"""PIN interop: python-fido2's ClientPin and fidoctl take turns on one served virtual key.

python-fido2 (fido2.ctap2.pin.ClientPin with PinProtocolV1 or PinProtocolV2) sets, changes
and checks PINs on `fidoctl virtual serve`; fidoctl (`-d unix:SOCKET pin ...`) checks and
changes the PINs python-fido2 set, and the reverse. A mistake in the shared `proto` layer
(padding, key agreement, KDF, encryption, pinUvAuthParam) would pass tests that pair our own
client with our own key; here an independent client holds the other end.

One key, one connection: every new connection replaces the current one and is a power-up
(DESIGN.md, "The socket protocol"). So each side opens, acts and closes in turn: the python
steps run inside `client_pin()`, which closes the device before fidoctl is started.

Each test expects a fresh key; tests/interop_pin.rs starts one per test and selects it with
-k. Environment (set by tests/interop_pin.rs):
    FIDOCTL_SOCKET        the served key's socket
    FIDOCTL_BIN           the fidoctl binary under test
    FIDOCTL_PROFILE       the profile the key was created with (ctap2.1, ctap2.1-pre, ctap2.0)
    FIDOCTL_PIN_PROTOCOL  the PIN/UV auth protocol python-fido2 uses (1 or 2)
Without FIDOCTL_SOCKET or FIDOCTL_BIN the tests are skipped (under cargo they never are).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

import pytest
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.pin import ClientPin, PinProtocolV1, PinProtocolV2

from fidoctl_socket import json_document, open_device, required_env, run_fidoctl

PY_PIN = "python-2468"
OTHER_PIN = "lilac-0815"
WRONG_PIN = "wrong-9999"
# The same PIN in two Unicode forms. python-fido2 sends what it is given (no normalisation);
# fidoctl must send NFC.
CAFE_NFC = "caf\u00e9-2024"
CAFE_NFD = "cafe\u0301-2024"
ALL_PINS = [PY_PIN, OTHER_PIN, WRONG_PIN, CAFE_NFC, CAFE_NFD]

PROTOCOLS = {1: PinProtocolV1, 2: PinProtocolV2}
# The protocol fidoctl chooses: 2 when the key offers it (DESIGN.md), else 1.
FIDOCTL_PROTOCOL = {"ctap2.1": 2, "ctap2.1-pre": 1, "ctap2.0": 1}


class Setup:
    def __init__(self) -> None:
        self.socket, self.fidoctl = required_env("FIDOCTL_SOCKET", "FIDOCTL_BIN", set_by="tests/interop_pin.rs")
        self.profile = os.environ.get("FIDOCTL_PROFILE", "ctap2.1")
        assert self.profile in FIDOCTL_PROTOCOL, f"FIDOCTL_PROFILE={self.profile!r}"
        self.protocol = int(os.environ.get("FIDOCTL_PIN_PROTOCOL", "2"))
        assert self.protocol in PROTOCOLS, f"FIDOCTL_PIN_PROTOCOL={self.protocol}"

    @contextmanager
    def client_pin(self) -> Iterator[ClientPin]:
        """Plug in (a fresh connection: a power-up), act, unplug."""
        dev = open_device(self.socket)
        try:
            ctap2 = Ctap2(dev, strict_cbor=True)
            assert self.protocol in ctap2.info.pin_uv_protocols, (self.protocol, ctap2.info.pin_uv_protocols)
            yield ClientPin(ctap2, PROTOCOLS[self.protocol]())
        finally:
            dev.close()

    def run(self, *args: str, stdin: str | None = None):
        """`fidoctl -d unix:SOCKET ARGS...` (fidoctl_socket.run_fidoctl), checked for PINs."""
        done = run_fidoctl(self.fidoctl, self.socket, *args, stdin=stdin)
        for pin in ALL_PINS:
            for shown in (done.stdout, done.stderr):
                assert pin not in shown, f"fidoctl {args} showed a PIN:\n{done.stdout}\n{done.stderr}"
        return done

    def run_json(self, *args: str, stdin: str | None = None, code: int = 0) -> dict:
        return json_document(self.run(*args, "--json", stdin=stdin), code)

    def power_cycle_state(self, blocked: bool) -> bool | None:
        """What getPINRetries says in powerCycleState: only CTAP 2.1 keys send it."""
        return blocked if self.profile == "ctap2.1" else None


@pytest.fixture
def setup() -> Setup:
    return Setup()


def assert_pin_error(err: pytest.ExceptionInfo, code: CtapError.ERR) -> None:
    assert err.value.code == code, f"{err.value.code!r} instead of {code!r}"


def check_token(cp: ClientPin, setup: Setup, pin: str) -> None:
    """Get a token with `pin` both ways the key allows: getPinToken (0x05), and on keys with
    pinUvAuthToken getPinUvAuthTokenUsingPinWithPermissions (0x09)."""
    token = cp.get_pin_token(pin)
    assert len(token) == 32 if setup.protocol == 2 else len(token) in (16, 32), token.hex()
    if ClientPin.is_token_supported(cp.ctap.info):
        assert setup.profile == "ctap2.1"
        assert len(cp.get_pin_token(pin, ClientPin.PERMISSION.GET_ASSERTION)) == 32


def test_python_sets_and_changes_then_fidoctl_verifies(setup: Setup) -> None:
    with setup.client_pin() as cp:
        assert cp.ctap.info.options.get("clientPin") is False
        cp.set_pin(PY_PIN)
        assert cp.get_pin_retries() == (8, setup.power_cycle_state(False))
        cp.change_pin(PY_PIN, CAFE_NFC)
        assert cp.get_pin_retries()[0] == 8

    info = setup.run_json("info")
    assert info["pin"]["pin_set"] is True and info["pin"]["pin_retries"] == 8, info["pin"]

    # The PIN python-fido2 replaced is wrong now; the one it set is right, in either form.
    wrong = setup.run_json("pin", "verify", "--pin-stdin", stdin=PY_PIN + "\n", code=4)
    assert wrong["error"]["code"] == "pin_invalid", wrong
    assert "7 attempts remain" in wrong["error"]["message"], wrong
    for form in (CAFE_NFD, CAFE_NFC):
        ok = setup.run_json("pin", "verify", "--pin-stdin", stdin=form + "\n")
        assert ok["pin_verified"] is True and ok["pin_retries"] == 8, ok
        assert ok["pin_protocol"] == FIDOCTL_PROTOCOL[setup.profile], ok

    # fidoctl changes it; python-fido2 uses the new PIN.
    changed = setup.run_json("pin", "change", "--pin-stdin", stdin=f"{CAFE_NFD}\n{OTHER_PIN}\n")
    assert changed["pin_changed"] is True, changed
    with setup.client_pin() as cp:
        assert cp.get_pin_retries()[0] == 8
        check_token(cp, setup, OTHER_PIN)
        with pytest.raises(CtapError) as err:
            cp.get_pin_token(CAFE_NFC)
        assert_pin_error(err, CtapError.ERR.PIN_INVALID)
        assert cp.get_pin_retries()[0] == 7


def test_fidoctl_sets_then_python_verifies(setup: Setup) -> None:
    # Typed decomposed; fidoctl must send (and the key store) the NFC form.
    doc = setup.run_json("pin", "set", "--pin-stdin", stdin=CAFE_NFD + "\n")
    assert doc["pin_set"] is True and doc["pin_protocol"] == FIDOCTL_PROTOCOL[setup.profile], doc

    with setup.client_pin() as cp:
        assert cp.ctap.info.options.get("clientPin") is True
        assert cp.get_pin_retries() == (8, setup.power_cycle_state(False))
        # python-fido2 does not normalise: the NFD bytes are another PIN.
        with pytest.raises(CtapError) as err:
            cp.get_pin_token(CAFE_NFD)
        assert_pin_error(err, CtapError.ERR.PIN_INVALID)
        assert cp.get_pin_retries()[0] == 7
        check_token(cp, setup, CAFE_NFC)
        assert cp.get_pin_retries()[0] == 8

    # A wrong PIN through fidoctl costs an attempt that python-fido2 then sees.
    wrong = setup.run_json("pin", "verify", "--pin-stdin", stdin=WRONG_PIN + "\n", code=4)
    assert wrong["error"]["code"] == "pin_invalid", wrong
    with setup.client_pin() as cp:
        assert cp.get_pin_retries() == (7, setup.power_cycle_state(False))

    # fidoctl changes the PIN; python-fido2 changes it again; fidoctl verifies that.
    setup.run_json("pin", "change", "--pin-stdin", stdin=f"{CAFE_NFC}\n{OTHER_PIN}\n")
    with setup.client_pin() as cp:
        assert cp.get_pin_retries()[0] == 8
        check_token(cp, setup, OTHER_PIN)
        cp.change_pin(OTHER_PIN, PY_PIN)
    ok = setup.run_json("pin", "verify", "--pin-stdin", stdin=PY_PIN + "\n")
    assert ok["pin_verified"] is True and ok["pin_retries"] == 8, ok


def test_python_blocks_until_power_up_then_fidoctl_verifies(setup: Setup) -> None:
    setup.run_json("pin", "set", "--pin-stdin", stdin=PY_PIN + "\n")
    with setup.client_pin() as cp:
        for expected in (CtapError.ERR.PIN_INVALID, CtapError.ERR.PIN_INVALID, CtapError.ERR.PIN_AUTH_BLOCKED):
            with pytest.raises(CtapError) as err:
                cp.get_pin_token(WRONG_PIN)
            assert_pin_error(err, expected)
        # Blocked until a power-up: the right PIN too, and it costs nothing.
        with pytest.raises(CtapError) as err:
            cp.get_pin_token(PY_PIN)
        assert_pin_error(err, CtapError.ERR.PIN_AUTH_BLOCKED)
        assert cp.get_pin_retries() == (5, setup.power_cycle_state(True))

    # fidoctl's connection is a power-up: the block is gone, the count is not.
    info = setup.run_json("info")
    assert info["pin"]["pin_retries"] == 5, info["pin"]
    ok = setup.run_json("pin", "verify", "--pin-stdin", stdin=PY_PIN + "\n")
    assert ok["pin_verified"] is True and ok["pin_retries"] == 8, ok
    with setup.client_pin() as cp:
        assert cp.get_pin_retries() == (8, setup.power_cycle_state(False))
