"""CTAP 2.2 extensions and algorithms of the virtual key's ctap2.2 profile, driven and checked by
python-fido2 2.2 itself: hmac-secret-mc through its prf extension code, thirdPartyPayment, and
ES384/RS256 credentials whose packed attestation and assertion signatures python-fido2 verifies.

Environment (tests/interop_ctap22_extensions.rs sets it): FIDOCTL_SOCKET, a fresh served
ctap2.2 key without a PIN.
"""

from __future__ import annotations

from fido2.attestation import PackedAttestation
from fido2.cose import CoseKey, ES384, RS256
from fido2.ctap2 import Ctap2
from fido2.ctap2.extensions import HmacSecretExtension
from fido2.ctap2.pin import PinProtocolV2
from fido2.webauthn import (
    PublicKeyCredentialCreationOptions,
    PublicKeyCredentialDescriptor,
    PublicKeyCredentialParameters,
    PublicKeyCredentialRequestOptions,
    PublicKeyCredentialRpEntity,
    PublicKeyCredentialUserEntity,
)

from fidoctl_socket import open_device, required_env

RP = {"id": "ctap22.example", "name": "CTAP 2.2"}
CDH = b"\x33" * 32
CDH2 = b"\x44" * 32


def plug_in() -> Ctap2:
    (socket_path,) = required_env("FIDOCTL_SOCKET", set_by="tests/interop_ctap22_extensions.rs")
    return Ctap2(open_device(socket_path), strict_cbor=True)


def test_algorithms_sign_and_python_fido2_verifies():
    ctap = plug_in()
    try:
        advertised = [a["alg"] for a in ctap.info.algorithms]
        assert advertised == [-7, -8, ES384.ALGORITHM, RS256.ALGORITHM]
        for alg, cls in [(ES384.ALGORITHM, ES384), (RS256.ALGORITHM, RS256)]:
            # The key takes the first algorithm it knows, in the platform's order.
            params = [{"type": "public-key", "alg": -36}, {"type": "public-key", "alg": alg},
                      {"type": "public-key", "alg": -7}]
            att = ctap.make_credential(CDH, RP, {"id": b"alg%d" % -alg, "name": "a"}, params)
            cred = att.auth_data.credential_data
            key = CoseKey.parse(dict(cred.public_key))
            assert isinstance(key, cls), type(key)
            assert att.fmt == "packed"
            PackedAttestation().verify(att.att_stmt, att.auth_data, CDH)
            got = ctap.get_assertion(RP["id"], CDH2, [{"type": "public-key", "id": cred.credential_id}])
            key.verify(got.auth_data + CDH2, got.signature)
            try:
                key.verify(got.auth_data + CDH, got.signature)
            except Exception:
                pass
            else:
                raise AssertionError("a signature over another hash verified")
    finally:
        ctap.device.close()


def test_hmac_secret_mc_through_prf():
    ctap = plug_in()
    try:
        assert "hmac-secret-mc" in ctap.info.extensions
        ext = HmacSecretExtension()
        salt = b"fidoctl prf salt"
        creation = PublicKeyCredentialCreationOptions(
            rp=PublicKeyCredentialRpEntity(**RP),
            user=PublicKeyCredentialUserEntity(id=b"prf-user", name="prf"),
            challenge=b"c" * 16,
            pub_key_cred_params=[PublicKeyCredentialParameters(type="public-key", alg=-7)],
            extensions={"prf": {"eval": {"first": salt}}},
        )
        processor = ext.make_credential(ctap, creation, PinProtocolV2())
        inputs = processor.prepare_inputs(None)
        assert "hmac-secret-mc" in inputs, inputs
        att = ctap.make_credential(CDH, RP, {"id": b"prf-user", "name": "prf"}, [{"type": "public-key", "alg": -7}],
                                   extensions=inputs)
        assert "hmac-secret-mc" in att.auth_data.extensions
        at_registration = processor.prepare_outputs(att, None)["prf"]
        assert at_registration.enabled is True
        first = at_registration.results.first
        assert len(first) == 32

        cred_id = att.auth_data.credential_data.credential_id
        descriptor = PublicKeyCredentialDescriptor(type="public-key", id=cred_id)
        request = PublicKeyCredentialRequestOptions(
            challenge=b"d" * 16, rp_id=RP["id"], allow_credentials=[descriptor],
            extensions={"prf": {"eval": {"first": salt}}},
        )
        processing = ext.get_assertion(ctap, request, PinProtocolV2())
        got = ctap.get_assertion(RP["id"], CDH2, [{"type": "public-key", "id": cred_id}],
                                 extensions=processing.prepare_inputs(descriptor, None))
        at_sign_in = processing.prepare_outputs(got, None)["prf"]
        # The same PRF value at registration and at sign-in (neither with UV).
        assert at_sign_in.results.first == first
    finally:
        ctap.device.close()


def test_third_party_payment():
    ctap = plug_in()
    try:
        assert "thirdPartyPayment" in ctap.info.extensions
        es256 = [{"type": "public-key", "alg": -7}]
        pay = ctap.make_credential(CDH, RP, {"id": b"pay", "name": "pay"}, es256,
                                   extensions={"thirdPartyPayment": True})
        plain = ctap.make_credential(CDH, RP, {"id": b"plain", "name": "plain"}, es256)
        for att, expected in [(pay, True), (plain, False)]:
            cred_id = att.auth_data.credential_data.credential_id
            got = ctap.get_assertion(RP["id"], CDH2, [{"type": "public-key", "id": cred_id}],
                                     extensions={"thirdPartyPayment": True})
            assert got.auth_data.extensions == {"thirdPartyPayment": expected}
            att.auth_data.credential_data.public_key.verify(got.auth_data + CDH2, got.signature)
    finally:
        ctap.device.close()
