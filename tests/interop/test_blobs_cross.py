"""Large blobs written by fidoctl's client, read by python-fido2, and the other way round, on
one served ctap2.1 key. tests/interop_blobs.rs drives it: fidoctl first set the PIN,
registered "alice" with largeBlobKey and stored FIDOCTL_ALICE_BLOB for her; this test reads
it, registers "bob", stores FIDOCTL_BOB_BLOB for him, and fidoctl then reads that.

Environment: FIDOCTL_SOCKET, FIDOCTL_PIN, FIDOCTL_ALICE_BLOB and FIDOCTL_BOB_BLOB (hex).
"""

from __future__ import annotations

from fido2.ctap2 import Ctap2
from fido2.ctap2.blob import LargeBlobs
from fido2.ctap2.pin import ClientPin, PinProtocolV2

from fidoctl_socket import open_device, required_env

RP = {"id": "blobs.example", "name": "Blobs"}
CDH = b"\x42" * 32


def large_blob_keys(ctap: Ctap2) -> dict[bytes, bytes]:
    """user id -> largeBlobKey for every credential of RP, through getAssertion."""
    first = ctap.get_assertion(RP["id"], CDH, extensions={"largeBlobKey": True})
    found = [first]
    for _ in range((first.number_of_credentials or 1) - 1):
        found.append(ctap.get_next_assertion())
    return {a.user["id"]: a.large_blob_key for a in found}


def test_reads_what_fidoctl_wrote_and_writes_for_fidoctl():
    socket_path, pin, alice_hex, bob_hex = required_env(
        "FIDOCTL_SOCKET", "FIDOCTL_PIN", "FIDOCTL_ALICE_BLOB", "FIDOCTL_BOB_BLOB",
        set_by="tests/interop_blobs.rs",
    )
    dev = open_device(socket_path)
    try:
        ctap = Ctap2(dev, strict_cbor=True)
        keys = large_blob_keys(ctap)
        alice = keys[b"alice"]
        assert LargeBlobs(ctap).get_blob(alice) == bytes.fromhex(alice_hex)
        assert LargeBlobs(ctap).get_blob(b"\x00" * 32) is None

        client_pin = ClientPin(ctap, PinProtocolV2())
        t = client_pin.get_pin_token(pin, ClientPin.PERMISSION.MAKE_CREDENTIAL, RP["id"])
        bob = ctap.make_credential(
            CDH, RP, {"id": b"bob", "name": "bob"}, [{"type": "public-key", "alg": -7}],
            options={"rk": True}, extensions={"largeBlobKey": True},
            pin_uv_param=client_pin.protocol.authenticate(t, CDH),
            pin_uv_protocol=client_pin.protocol.VERSION,
        )
        token = client_pin.get_pin_token(pin, ClientPin.PERMISSION.LARGE_BLOB_WRITE)
        LargeBlobs(ctap, client_pin.protocol, token).put_blob(bob.large_blob_key, bytes.fromhex(bob_hex))
        # python-fido2 kept fidoctl's entry as it was.
        assert LargeBlobs(ctap).get_blob(alice) == bytes.fromhex(alice_hex)
        assert len(LargeBlobs(ctap).read_blob_array()) == 2
    finally:
        dev.close()
