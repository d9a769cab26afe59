"""Large blobs and credBlob on the virtual key's ctap2.1 profile, as python-fido2 uses them:
LargeBlobs writes entries (DEFLATE + AES-256-GCM under each credential's largeBlobKey) in
the serialized array and reads them back; another credential's key reads nothing; credBlob
given at registration comes back in an assertion.

Environment (tests/interop_vkey.rs sets it): FIDOCTL_SOCKET, a fresh served ctap2.1 key.
"""

from __future__ import annotations

import pytest
from fido2.ctap2 import Ctap2
from fido2.ctap2.blob import LargeBlobs
from fido2.ctap2.pin import ClientPin, PinProtocolV2

from fidoctl_socket import open_device, required_env

PIN = "161803"
ES256 = {"type": "public-key", "alg": -7}
RP = {"id": "blobs.example", "name": "Blobs"}
CDH = b"\x24" * 32


@pytest.fixture
def ctap():
    (socket_path,) = required_env("FIDOCTL_SOCKET", set_by="tests/interop_vkey.rs")
    dev = open_device(socket_path)
    try:
        yield Ctap2(dev, strict_cbor=True)
    finally:
        dev.close()


def register(ctap: Ctap2, user_id: bytes, extensions):
    client_pin = ClientPin(ctap, PinProtocolV2())
    t = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, RP["id"])
    return ctap.make_credential(
        CDH,
        RP,
        {"id": user_id, "name": user_id.decode()},
        [ES256],
        options={"rk": True},
        extensions=extensions,
        pin_uv_param=client_pin.protocol.authenticate(t, CDH),
        pin_uv_protocol=client_pin.protocol.VERSION,
    )


def test_large_blobs_round_trip(ctap):
    info = ctap.info
    assert LargeBlobs.is_supported(info)
    assert info.max_large_blob == 4096
    assert "largeBlobKey" in info.extensions
    ClientPin(ctap, PinProtocolV2()).set_pin(PIN)
    alice = register(ctap, b"alice", {"largeBlobKey": True})
    bob = register(ctap, b"bob", {"largeBlobKey": True})
    assert len(alice.large_blob_key) == 32 and alice.large_blob_key != bob.large_blob_key

    client_pin = ClientPin(ctap, PinProtocolV2())
    token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.LARGE_BLOB_WRITE)
    blobs = LargeBlobs(ctap, client_pin.protocol, token)
    assert blobs.read_blob_array() == []
    data = b"ssh certificate " * 40
    blobs.put_blob(alice.large_blob_key, data)
    blobs.put_blob(bob.large_blob_key, b"")
    reader = LargeBlobs(ctap)
    assert reader.get_blob(alice.large_blob_key) == data
    assert reader.get_blob(bob.large_blob_key) == b""
    assert len(reader.read_blob_array()) == 2
    assert reader.get_blob(b"\x00" * 32) is None

    # The key an assertion returns is the one registration gave.
    assertion = ctap.get_assertion(RP["id"], CDH, extensions={"largeBlobKey": True})
    keys = {assertion.large_blob_key}
    while len(keys) < 2:
        keys.add(ctap.get_next_assertion().large_blob_key)
    assert keys == {alice.large_blob_key, bob.large_blob_key}

    blobs.delete_blob(alice.large_blob_key)
    assert reader.get_blob(alice.large_blob_key) is None
    assert reader.get_blob(bob.large_blob_key) == b""


def test_cred_blob_round_trip(ctap):
    assert ctap.info.max_cred_blob_length == 32
    ClientPin(ctap, PinProtocolV2()).set_pin(PIN)
    att = register(ctap, b"carol", {"credBlob": b"thirty-two bytes or fewer"})
    assert att.auth_data.extensions == {"credBlob": True}
    assertion = ctap.get_assertion(RP["id"], CDH, extensions={"credBlob": True})
    assert assertion.auth_data.extensions["credBlob"] == b"thirty-two bytes or fewer"
