"""Persistent read-only tokens shared between python-fido2 2.2.1 and fidoctl on a served
ctap2.2 virtual key: python-fido2 decrypts the same identifier and credential-store state
as fidoctl; fidoctl lists credentials with a token python-fido2 obtained (written into a
token file); python-fido2 reads with a token fidoctl stored, and the key refuses it a delete.

Environment (tests/interop_tokens.rs sets it): FIDOCTL_SOCKET (a fresh served ctap2.2 key),
FIDOCTL_BIN, FIDOCTL_TOKEN_DIR (a private folder).
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.credman import CredentialManagement
from fido2.ctap2.pin import ClientPin, PinProtocolV2

from fidoctl_socket import json_document, open_device, required_env, run_fidoctl

PIN = "161803"
RP = {"id": "fleet.example", "name": "Fleet"}
CDH = b"\x33" * 32


def setup():
    return required_env("FIDOCTL_SOCKET", "FIDOCTL_BIN", "FIDOCTL_TOKEN_DIR", set_by="tests/interop_tokens.rs")


def plug_in(socket_path: str) -> Ctap2:
    return Ctap2(open_device(socket_path), strict_cbor=True)


def register(ctap: Ctap2, user_id: bytes) -> None:
    client_pin = ClientPin(ctap, PinProtocolV2())
    t = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, RP["id"])
    ctap.make_credential(
        CDH,
        RP,
        {"id": user_id, "name": user_id.decode()},
        [{"type": "public-key", "alg": -7}],
        options={"rk": True},
        pin_uv_param=client_pin.protocol.authenticate(t, CDH),
        pin_uv_protocol=client_pin.protocol.VERSION,
    )


def test_fidoctl_uses_a_token_python_fido2_obtained():
    socket_path, fidoctl, token_dir = setup()
    ctap = plug_in(socket_path)
    try:
        client_pin = ClientPin(ctap, PinProtocolV2())
        client_pin.set_pin(PIN)
        register(ctap, b"alice")
        token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.PERSISTENT_CREDENTIAL_MGMT)
        info = ctap.get_info()
        identifier = info.get_identifier(token)
        state = info.get_cred_store_state(token)
    finally:
        ctap.device.close()
    # The file format docs/json.md describes, written by an independent program.
    path = os.path.join(token_dir, identifier.hex() + ".token")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(
            {
                "format": "fidoctl-read-only-token-v1",
                "pin_protocol": 2,
                "token": token.hex(),
                "identifier": identifier.hex(),
                "cred_store_state": state.hex(),
                "aaguid": str(info.aaguid),
                "device_path": f"unix:{socket_path}",
                "created": "2026-12-03T00:00:00Z",
            },
            f,
        )
    env = {"FIDOCTL_TOKEN_DIR": token_dir}
    listed = json_document(run_fidoctl(fidoctl, socket_path, "creds", "list", "--json", env=env))
    assert listed["read_only_token"] == path
    assert [c["user_name"] for rp in listed["rps"] for c in rp["credentials"]] == ["alice"]
    audit = json_document(run_fidoctl(fidoctl, socket_path, "audit", "--json", env=env))
    ro = audit["keys"][0]["facts"]["read_only"]
    assert ro["identifier"] == identifier.hex()
    assert ro["cred_store_changed"] is False
    assert ro["credentials_per_rp"] == {"fleet.example": 1}


def test_python_fido2_uses_a_token_fidoctl_stored():
    socket_path, fidoctl, token_dir = setup()
    env = {"FIDOCTL_TOKEN_DIR": token_dir, "FIDOCTL_PIN": PIN}
    ctap = plug_in(socket_path)
    try:
        ClientPin(ctap, PinProtocolV2()).set_pin(PIN)
        register(ctap, b"bob")
    finally:
        ctap.device.close()
    created = json_document(run_fidoctl(fidoctl, socket_path, "token", "create", "--read-only", "--json", env=env))
    assert oct(os.stat(created["file"]).st_mode & 0o777) == "0o600"
    with open(created["file"]) as f:
        stored = json.load(f)
    token = bytes.fromhex(stored["token"])

    ctap = plug_in(socket_path)
    try:
        info = ctap.get_info()
        assert info.get_identifier(token).hex() == created["identifier"] == stored["identifier"]
        assert info.get_cred_store_state(token).hex() == stored["cred_store_state"]
        cm = CredentialManagement(ctap, PinProtocolV2(), token)
        creds = cm.enumerate_creds(hashlib.sha256(RP["id"].encode()).digest())
        assert [c[CredentialManagement.RESULT.USER]["name"] for c in creds] == ["bob"]
        cred_id = creds[0][CredentialManagement.RESULT.CREDENTIAL_ID]
        with pytest.raises(CtapError) as e:
            cm.delete_cred(cred_id)
        assert e.value.code == CtapError.ERR.PIN_AUTH_INVALID
        with pytest.raises(CtapError) as e:
            cm.update_user_info(cred_id, {"id": b"bob", "name": "mallory"})
        assert e.value.code == CtapError.ERR.PIN_AUTH_INVALID
        register(ctap, b"carol")
        assert ctap.get_info().get_cred_store_state(token).hex() != stored["cred_store_state"]
    finally:
        ctap.device.close()
