"""The virtual key's ctap2.2 profile as python-fido2 2.2 sees it: a persistent read-only
credential-management token that survives a re-plug, reads credentials but cannot delete
them, and decrypts encIdentifier (stable across power cycles) and encCredStoreState (changes
when a credential is added).

Environment (tests/interop_vkey.rs sets it): FIDOCTL_SOCKET, a fresh served ctap2.2 key.
"""

from __future__ import annotations

import hashlib

import pytest
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.credman import CredentialManagement
from fido2.ctap2.pin import ClientPin, PinProtocolV2

from fidoctl_socket import open_device, required_env

PIN = "141421"
ES256 = {"type": "public-key", "alg": -7}
RP = {"id": "fleet.example", "name": "Fleet"}
CDH = b"\x22" * 32


def plug_in() -> Ctap2:
    (socket_path,) = required_env("FIDOCTL_SOCKET", set_by="tests/interop_vkey.rs")
    return Ctap2(open_device(socket_path), strict_cbor=True)


def register(ctap: Ctap2, user_id: bytes):
    client_pin = ClientPin(ctap, PinProtocolV2())
    t = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, RP["id"])
    ctap.make_credential(
        CDH,
        RP,
        {"id": user_id, "name": user_id.decode()},
        [ES256],
        options={"rk": True},
        pin_uv_param=client_pin.protocol.authenticate(t, CDH),
        pin_uv_protocol=client_pin.protocol.VERSION,
    )


def test_persistent_token_identifier_and_store_state():
    ctap = plug_in()
    try:
        assert "FIDO_2_2" in ctap.info.versions
        assert CredentialManagement.is_readonly_supported(ctap.info)
        client_pin = ClientPin(ctap, PinProtocolV2())
        client_pin.set_pin(PIN)
        register(ctap, b"alice")
        token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.PERSISTENT_CREDENTIAL_MGMT)
        info = ctap.get_info()
        identifier = info.get_identifier(token)
        state = info.get_cred_store_state(token)
        assert identifier is not None and len(identifier) == 16
    finally:
        ctap.device.close()

    # A re-plug: the token still reads, and the identifier is the same.
    ctap = plug_in()
    try:
        info = ctap.get_info()
        assert info.get_identifier(token) == identifier
        assert info.get_cred_store_state(token) == state
        cm = CredentialManagement(ctap, PinProtocolV2(), token)
        assert cm.get_metadata()[CredentialManagement.RESULT.EXISTING_CRED_COUNT] == 1
        creds = cm.enumerate_creds(hashlib.sha256(RP["id"].encode()).digest())
        cred_id = creds[0][CredentialManagement.RESULT.CREDENTIAL_ID]
        with pytest.raises(CtapError) as e:
            cm.delete_cred(cred_id)
        assert e.value.code == CtapError.ERR.PIN_AUTH_INVALID
        register(ctap, b"bob")
        assert ctap.get_info().get_cred_store_state(token) != state
    finally:
        ctap.device.close()
