"""The virtual key's ctap2.1 profile as python-fido2 sees it: credential management over the
FIDO_2_1_PRE preview command (0x41), which a 2.1 key answers beside 0x0A as libfido2 (up to
1.14) uses it; a token without the cm permission refused with PIN_AUTH_INVALID; and
enterprise attestation signed by a device-identifying certificate, not the batch one.

Environment (tests/interop_vkey.rs sets it): FIDOCTL_SOCKET, a fresh served ctap2.1 key.
"""

from __future__ import annotations

import hashlib

import pytest
from fido2.attestation import PackedAttestation
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.config import Config
from fido2.ctap2.credman import CredentialManagement
from fido2.ctap2.pin import ClientPin, PinProtocolV2

from fidoctl_socket import open_device, required_env

PIN = "271828"
ES256 = {"type": "public-key", "alg": -7}
RP = {"id": "preview.example", "name": "Preview"}
RESULT = CredentialManagement.RESULT
CDH = b"\x42" * 32


@pytest.fixture
def ctap():
    (socket_path,) = required_env("FIDOCTL_SOCKET", set_by="tests/interop_vkey.rs")
    dev = open_device(socket_path)
    try:
        yield Ctap2(dev, strict_cbor=True)
    finally:
        dev.close()


def token(ctap: Ctap2, permissions) -> bytes:
    return ClientPin(ctap, PinProtocolV2()).get_pin_token(PIN, permissions)


def register(ctap: Ctap2, user_id: bytes, name: str) -> bytes:
    client_pin = ClientPin(ctap, PinProtocolV2())
    t = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, RP["id"])
    att = ctap.make_credential(
        CDH,
        RP,
        {"id": user_id, "name": name, "displayName": name.title()},
        [ES256],
        options={"rk": True},
        pin_uv_param=client_pin.protocol.authenticate(t, CDH),
        pin_uv_protocol=client_pin.protocol.VERSION,
    )
    return att.auth_data.credential_data.credential_id


def test_credential_management_over_the_preview_command(ctap):
    info = ctap.info
    assert "FIDO_2_1_PRE" in info.versions and "FIDO_2_1" in info.versions
    assert info.options.get("credentialMgmtPreview") is True
    assert info.options.get("credMgmt") is True
    ClientPin(ctap, PinProtocolV2()).set_pin(PIN)
    alice = register(ctap, b"alice", "alice")
    bob = register(ctap, b"bob", "bob")

    # Without credMgmt python-fido2 falls back to the preview (0x41), as libfido2 does.
    del ctap.info.options["credMgmt"]
    assert CredentialManagement.is_supported(ctap.info)
    sent = []
    original = ctap.device.call

    def recording(cmd, data=b"", *args, **kwargs):
        if data:
            sent.append(data[0])
        return original(cmd, data, *args, **kwargs)

    cm = CredentialManagement(ctap, PinProtocolV2(), token(ctap, ClientPin.PERMISSION.CREDENTIAL_MGMT))
    ctap.device.call = recording
    meta = cm.get_metadata()
    assert meta[RESULT.EXISTING_CRED_COUNT] == 2
    rps = cm.enumerate_rps()
    assert [rp[RESULT.RP]["id"] for rp in rps] == [RP["id"]]
    assert rps[0][RESULT.RP_ID_HASH] == hashlib.sha256(RP["id"].encode()).digest()
    creds = cm.enumerate_creds(hashlib.sha256(RP["id"].encode()).digest())
    assert {c[RESULT.CREDENTIAL_ID]["id"] for c in creds} == {alice, bob}
    assert {c[RESULT.USER]["name"] for c in creds} == {"alice", "bob"}
    cm.delete_cred({"type": "public-key", "id": alice})
    assert cm.get_metadata()[RESULT.EXISTING_CRED_COUNT] == 1
    assert sent and set(sent) == {Ctap2.CMD.CREDENTIAL_MGMT_PRE}, sent


def test_a_token_without_cm_is_pin_auth_invalid(ctap):
    ClientPin(ctap, PinProtocolV2()).set_pin(PIN)
    register(ctap, b"carol", "carol")
    for preview in (False, True):
        if preview:
            ctap.info.options.pop("credMgmt", None)
        cm = CredentialManagement(ctap, PinProtocolV2(), token(ctap, ClientPin.PERMISSION.GET_ASSERTION))
        with pytest.raises(CtapError) as e:
            cm.get_metadata()
        assert e.value.code == CtapError.ERR.PIN_AUTH_INVALID, (preview, e.value.code)


def first_certificate(att) -> bytes:
    return att.att_stmt["x5c"][0]


def test_enterprise_attestation_uses_its_own_certificate(ctap):
    client_pin = ClientPin(ctap, PinProtocolV2())
    client_pin.set_pin(PIN)
    Config(ctap, client_pin.protocol, token(ctap, ClientPin.PERMISSION.AUTHENTICATOR_CFG)).enable_enterprise_attestation()
    assert ctap.get_info().options.get("ep") is True

    def make(enterprise):
        t = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, RP["id"])
        return ctap.make_credential(
            CDH,
            RP,
            {"id": b"dave", "name": "dave"},
            [ES256],
            pin_uv_param=client_pin.protocol.authenticate(t, CDH),
            pin_uv_protocol=client_pin.protocol.VERSION,
            enterprise_attestation=enterprise,
        )

    batch = make(None)
    enterprise = make(2)
    assert not batch.ep_att
    assert enterprise.ep_att is True
    assert first_certificate(enterprise) != first_certificate(batch)
    # Both are packed attestations whose signatures verify with their own certificate.
    for att in (batch, enterprise):
        assert att.fmt == "packed"
        PackedAttestation().verify(att.att_stmt, att.auth_data, CDH)
