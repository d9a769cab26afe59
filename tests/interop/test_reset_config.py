"""Reset and configuration interop: python-fido2 and fidoctl take turns on one key served by
`fidoctl virtual serve`, each checking what the other did.

- fidoctl resets and configures (always-UV, enterprise attestation, minimum PIN length with
  RP ids, forced PIN change); python-fido2 reads the result in getInfo, through its own PIN
  token requests and the minPinLength extension.
- python-fido2 configures (fido2.ctap2.config.Config) and resets (Ctap2.reset); fidoctl
  reads the result with `info --json`.
- The socket protocol's power-up: a new connection opens the reset window again.

Every test needs a key of its own, freshly served: tests/interop_reset_config.rs starts one
server per test and selects it with `-k`. The environment it sets:
    FIDOCTL_SOCKET         the served key's socket
    FIDOCTL_BIN            the fidoctl binary under test
    FIDOCTL_MAX_RESIDENT   the key's discoverable-credential slots (`virtual create --max-resident`)
Without FIDOCTL_SOCKET and FIDOCTL_BIN every test is skipped (under cargo they never are).

A connection to the socket replaces the one before it (DESIGN.md, "The socket protocol"), so
python closes its device before fidoctl runs and plugs in again afterwards.
"""

from __future__ import annotations

import contextlib
import os
import time

import pytest
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.config import Config
from fido2.ctap2.credman import CredentialManagement
from fido2.ctap2.pin import ClientPin

from fidoctl_socket import expect_exit, json_document, open_device, required_env, run_fidoctl

PIN = "123456"
ES256 = [{"type": "public-key", "alg": -7}]
# The virtual key's reset window is the first 10 s after power-up.
RESET_WINDOW_S = 10.0


@pytest.fixture
def served():
    socket_path, binary = required_env("FIDOCTL_SOCKET", "FIDOCTL_BIN", set_by="tests/interop_reset_config.rs")
    return Served(socket_path, binary, int(os.environ.get("FIDOCTL_MAX_RESIDENT", "0")))


class Served:
    def __init__(self, socket_path: str, binary: str, max_resident: int):
        self.socket_path = socket_path
        self.binary = binary
        self.max_resident = max_resident
        assert max_resident > 0, "FIDOCTL_MAX_RESIDENT must say how many slots the key has"

    @contextlib.contextmanager
    def plugged(self):
        """Plug the key in (a new connection: a power-up) for python-fido2; unplug after."""
        dev = open_device(self.socket_path)
        try:
            yield Ctap2(dev, strict_cbor=True)
        finally:
            dev.close()

    def info(self):
        with self.plugged() as ctap2:
            return ctap2.get_info()

    def fidoctl(self, *args: str, env: dict[str, str] | None = None, expect: int = 0):
        """`fidoctl -d unix:SOCKET ARGS...` (fidoctl_socket.run_fidoctl), which must exit `expect`."""
        return expect_exit(run_fidoctl(self.binary, self.socket_path, *args, env=env), expect)

    def fidoctl_json(self, *args: str, env: dict[str, str] | None = None, expect: int = 0) -> dict:
        return json_document(run_fidoctl(self.binary, self.socket_path, *args, "--json", env=env), expect)

    def fidoctl_info(self) -> dict:
        return self.fidoctl_json("info")


def pin_token(ctap2: Ctap2, pin: str, permissions, rp_id: str | None = None):
    client_pin = ClientPin(ctap2)
    return client_pin.protocol, client_pin.get_pin_token(pin, permissions, rp_id)


def make_credential(ctap2: Ctap2, pin: str, rp_id: str, *, resident: bool, extensions=None):
    """makeCredential with a PIN token (mc, bound to the RP), as a browser would send it."""
    protocol, token = pin_token(ctap2, pin, ClientPin.PERMISSION.MAKE_CREDENTIAL, rp_id)
    client_data_hash = os.urandom(32)
    return ctap2.make_credential(
        client_data_hash,
        {"id": rp_id, "name": rp_id},
        {"id": os.urandom(16), "name": "alice"},
        ES256,
        extensions=extensions,
        options={"rk": resident},
        pin_uv_param=protocol.authenticate(token, client_data_hash),
        pin_uv_protocol=protocol.VERSION,
    )


def set_pin(served: Served, pin: str = PIN) -> None:
    with served.plugged() as ctap2:
        ClientPin(ctap2).set_pin(pin)


# --- fidoctl acts, python-fido2 observes -------------------------------------------------


def test_fidoctl_reset_seen_by_python(served):
    set_pin(served)
    with served.plugged() as ctap2:
        for rp in ("one.example", "two.example"):
            make_credential(ctap2, PIN, rp, resident=True)
        protocol, token = pin_token(ctap2, PIN, ClientPin.PERMISSION.CREDENTIAL_MGMT)
        meta = CredentialManagement(ctap2, protocol, token).get_metadata()
        assert meta[CredentialManagement.RESULT.EXISTING_CRED_COUNT] == 2, meta
        assert ctap2.get_info().remaining_disc_creds == served.max_resident - 2
    served.fidoctl("config", "always-uv", "on", "--yes", env={"FIDOCTL_PIN": PIN})
    assert served.info().options.get("alwaysUv") is True

    done = served.fidoctl_json("reset", "--yes", env={"FIDOCTL_PIN": PIN})
    assert done["reset"] is True and done["credentials_destroyed"] == 2, done

    with served.plugged() as ctap2:
        info = ctap2.get_info()
        assert info.options.get("clientPin") is False, info.options
        assert info.options.get("alwaysUv") is False, info.options
        assert info.min_pin_length == 4 and info.force_pin_change is False
        # Counting with credentialManagement needs a PIN, and there is none: every slot free says it.
        assert info.remaining_disc_creds == served.max_resident
        with pytest.raises(CtapError) as err:
            ClientPin(ctap2).get_pin_retries()
        assert err.value.code == CtapError.ERR.PIN_NOT_SET
        # The credentials are gone: nothing to sign in with (no PIN, so up only).
        for rp in ("one.example", "two.example"):
            with pytest.raises(CtapError) as err:
                ctap2.get_assertion(rp, os.urandom(32))
            assert err.value.code == CtapError.ERR.NO_CREDENTIALS, rp


def test_fidoctl_config_seen_by_python(served):
    set_pin(served)
    pin_env = {"FIDOCTL_PIN": PIN}
    info = served.info()
    assert info.options.get("alwaysUv") is False and info.options.get("ep") is False, info.options

    served.fidoctl("config", "always-uv", "on", "--yes", env=pin_env)
    served.fidoctl("config", "enterprise-attestation", "enable", "--yes", env=pin_env)
    info = served.info()
    assert info.options.get("alwaysUv") is True and info.options.get("ep") is True, info.options
    assert info.max_rpids_for_min_pin == 4

    # A minimum above the PIN's length: python's next token request is refused until the
    # PIN is changed (getPinUvAuthTokenUsingPinWithPermissions answers PIN_POLICY_VIOLATION).
    done = served.fidoctl_json("pin", "min-length", "8", "--rp-id", "listed.example", "--yes", env=pin_env)
    assert done["min_pin_length"] == 8 and done["force_pin_change"] is True, done
    with served.plugged() as ctap2:
        info = ctap2.get_info()
        assert info.min_pin_length == 8 and info.force_pin_change is True
        with pytest.raises(CtapError) as err:
            pin_token(ctap2, PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, "listed.example")
        assert err.value.code == CtapError.ERR.PIN_POLICY_VIOLATION
        with pytest.raises(CtapError) as err:
            ClientPin(ctap2).change_pin(PIN, "1234567")
        assert err.value.code == CtapError.ERR.PIN_POLICY_VIOLATION, "7 characters are under the new minimum"
        ClientPin(ctap2).change_pin(PIN, "12345678")
        assert ctap2.get_info().force_pin_change is False

        # --rp-id: the listed RP reads the minimum through the minPinLength extension; others do not.
        # (alwaysUv is on, so makeCredential needs the PIN token either way.)
        listed = make_credential(ctap2, "12345678", "listed.example", resident=False, extensions={"minPinLength": True})
        assert listed.auth_data.extensions == {"minPinLength": 8}, listed.auth_data
        other = make_credential(ctap2, "12345678", "other.example", resident=False, extensions={"minPinLength": True})
        assert not (other.auth_data.extensions or {}).get("minPinLength"), other.auth_data

    served.fidoctl("pin", "force-change", "--yes", env={"FIDOCTL_PIN": "12345678"})
    with served.plugged() as ctap2:
        assert ctap2.get_info().force_pin_change is True
        with pytest.raises(CtapError) as err:
            pin_token(ctap2, "12345678", ClientPin.PERMISSION.GET_ASSERTION, "listed.example")
        assert err.value.code == CtapError.ERR.PIN_POLICY_VIOLATION
        ClientPin(ctap2).change_pin("12345678", "87654321")
    served.fidoctl("config", "always-uv", "off", "--yes", env={"FIDOCTL_PIN": "87654321"})
    info = served.info()
    assert info.options.get("alwaysUv") is False and info.options.get("ep") is True, info.options
    assert info.force_pin_change is False and info.min_pin_length == 8


# --- python-fido2 acts, fidoctl observes -------------------------------------------------


def test_python_config_seen_by_fidoctl(served):
    set_pin(served)

    def config(ctap2: Ctap2) -> Config:
        protocol, token = pin_token(ctap2, PIN, ClientPin.PERMISSION.AUTHENTICATOR_CFG)
        return Config(ctap2, protocol, token)

    for expected in (True, False):
        with served.plugged() as ctap2:
            config(ctap2).toggle_always_uv()
        doc = served.fidoctl_info()
        assert doc["info"]["options"]["alwaysUv"] is expected, doc["info"]["options"]
        word = "on" if expected else "off"
        again = served.fidoctl_json("config", "always-uv", word, "--yes", env={"FIDOCTL_PIN": PIN})
        assert again["always_uv"] is expected and again["changed"] is False, again

    with served.plugged() as ctap2:
        config(ctap2).enable_enterprise_attestation()
    assert served.fidoctl_info()["info"]["options"]["ep"] is True
    again = served.fidoctl_json("config", "enterprise-attestation", "enable", "--yes")
    assert again["changed"] is False, again

    with served.plugged() as ctap2:
        config(ctap2).set_min_pin_length(7)
    pin = served.fidoctl_info()["pin"]
    assert pin["min_pin_length"] == 7 and pin["force_pin_change"] is True, pin
    # fidoctl knows the PIN cannot be used until it is changed, and says so.
    refused = served.fidoctl("pin", "verify", env={"FIDOCTL_PIN": PIN}, expect=4)
    assert "requires a PIN change" in refused.stderr, refused.stderr


def test_python_reset_right_after_connecting(served):
    served.fidoctl("pin", "set", env={"FIDOCTL_NEW_PIN": PIN})
    served.fidoctl("make-credential", "--rp", "one.example", "--resident", env={"FIDOCTL_PIN": PIN})
    served.fidoctl("pin", "min-length", "6", "--yes", env={"FIDOCTL_PIN": PIN})
    assert served.fidoctl_info()["info"]["remaining_discoverable_credentials"] == served.max_resident - 1

    with served.plugged() as ctap2:
        ctap2.reset()  # the first request after plugging in: inside the window
        info = ctap2.get_info()
        assert info.options.get("clientPin") is False and info.min_pin_length == 4

    doc = served.fidoctl_info()
    assert doc["pin"]["pin_set"] is False and doc["pin"]["min_pin_length"] == 4, doc["pin"]
    assert doc["info"]["remaining_discoverable_credentials"] == served.max_resident


def test_a_new_connection_opens_the_reset_window(served):
    set_pin(served)
    old = open_device(served.socket_path)
    try:
        plugged_in = time.monotonic()
        time.sleep(RESET_WINDOW_S + 0.5 - (time.monotonic() - plugged_in))
        with pytest.raises(CtapError) as err:
            Ctap2(old).reset()
        assert err.value.code == CtapError.ERR.NOT_ALLOWED
        assert Ctap2(old).get_info().options.get("clientPin") is True, "a refused reset erased nothing"

        # Plugging in again (a new connection) replaces the old one and is a power-up.
        with served.plugged() as ctap2:
            ctap2.reset()
            assert ctap2.get_info().options.get("clientPin") is False
        with pytest.raises((ConnectionError, OSError)):
            old.ping(b"still there?")
    finally:
        old.close()
