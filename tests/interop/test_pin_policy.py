"""PIN policy interop: python-fido2 reads the ctap2.2 virtual key's PIN complexity policy
(getInfo pinComplexityPolicy, pinComplexityPolicyURL, maxPINLength) and gets
PIN_POLICY_VIOLATION for PINs the policy refuses (repeated characters, digit sequences, longer
than maxPINLength), and success for one it allows, with both PIN/UV auth protocols.

tests/interop_pin_policy.rs serves a fresh ctap2.2 key with
FIDOCTL_VIRTUAL_PIN_POLICY=complexity,url=https://pins.example/policy,max=12 and sets
FIDOCTL_SOCKET. Without it the tests are skipped.
"""

from __future__ import annotations

import pytest
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.pin import ClientPin, PinProtocolV1, PinProtocolV2

from fidoctl_socket import open_device, required_env

URL = b"https://pins.example/policy"


def plug_in() -> tuple[object, Ctap2]:
    (socket,) = required_env("FIDOCTL_SOCKET", set_by="tests/interop_pin_policy.rs")
    dev = open_device(socket)
    return dev, Ctap2(dev)


@pytest.mark.parametrize("protocol", [PinProtocolV2, PinProtocolV1])
def test_policy_refuses_and_allows(protocol) -> None:
    dev, ctap = plug_in()
    try:
        info = ctap.info
        assert "FIDO_2_2" in info.versions
        assert info.pin_complexity_policy is True
        assert info.pin_complexity_policy_url == URL
        assert info.max_pin_length == 12
        client_pin = ClientPin(ctap, protocol())
        for refused in ["1111", "123456", "987654", "aaaaaaa", "1357913579135"]:
            with pytest.raises(CtapError) as err:
                client_pin.set_pin(refused)
            assert err.value.code == CtapError.ERR.PIN_POLICY_VIOLATION, refused
        assert not Ctap2(dev).get_info().options["clientPin"]
        client_pin.set_pin("135790")
        assert ctap.get_info().options["clientPin"]
        with pytest.raises(CtapError) as err:
            client_pin.change_pin("135790", "0000")
        assert err.value.code == CtapError.ERR.PIN_POLICY_VIOLATION
        client_pin.change_pin("135790", "271828")
        client_pin.get_pin_token("271828")
    finally:
        dev.close()
