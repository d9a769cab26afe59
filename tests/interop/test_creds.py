"""Discoverable credentials across two independent clients: python-fido2 and fidoctl share
one virtual key served by `fidoctl virtual serve`.

python-fido2 makes credentials (Ctap2.make_credential, rk=True, PIN token), fidoctl lists
them; fidoctl deletes one and makes one, python-fido2's CredentialManagement (a ClientPin
token with CREDENTIAL_MGMT permission) sees exactly that; python-fido2 deletes and updates,
fidoctl lists the result. Any disagreement between our `proto` layer and the specification
about credential management shows here, on one side or the other.

A socket connection is a plug-in, and a newer one replaces the older: python closes its
device before every fidoctl run and opens a new one after.

Environment (tests/interop_creds.rs sets all three):
- FIDOCTL_SOCKET: the served key (fresh, no PIN);
- FIDOCTL_BIN: the fidoctl binary under test;
- FIDOCTL_PROFILE: ctap2.1 (0x0A) or ctap2.1-pre (0x41, no updateUserInformation).
Without FIDOCTL_SOCKET and FIDOCTL_BIN the test is skipped (under cargo it never is).
"""

from __future__ import annotations

import contextlib
import hashlib
import os

import pytest
from fido2 import cbor
from fido2.ctap2 import Ctap2
from fido2.ctap2.credman import CredentialManagement
from fido2.ctap2.pin import ClientPin

from fidoctl_socket import b64url, expect_exit, from_b64url, json_document, open_device, required_env, run_fidoctl

PIN = "314159"
ES256 = {"type": "public-key", "alg": -7}
RESULT = CredentialManagement.RESULT


@pytest.fixture
def served():
    socket_path, fidoctl_bin = required_env("FIDOCTL_SOCKET", "FIDOCTL_BIN", set_by="tests/interop_creds.rs")
    profile = os.environ.get("FIDOCTL_PROFILE", "ctap2.1")
    assert profile in ("ctap2.1", "ctap2.1-pre"), profile
    return socket_path, fidoctl_bin, profile


@contextlib.contextmanager
def plugged_in(socket_path: str):
    """python-fido2 holds the key until the block ends (then unplugs, for fidoctl)."""
    dev = open_device(socket_path)
    try:
        yield Ctap2(dev, strict_cbor=True)
    finally:
        dev.close()


def fidoctl(served, *args: str):
    """`fidoctl -d unix:SOCKET ARGS...` with the PIN in FIDOCTL_PIN, no terminal."""
    socket_path, fidoctl_bin, _ = served
    return run_fidoctl(fidoctl_bin, socket_path, *args, env={"FIDOCTL_PIN": PIN})


def fidoctl_json(served, *args: str) -> dict:
    """`fidoctl ARGS... --json`, which must succeed: its document."""
    return json_document(fidoctl(served, *args, "--json"))


def fidoctl_listing(served):
    """What `fidoctl creds list --json` says: (existing, remaining), and
    {rp_id: (rp_name, {credential id: (user id, name, display name)})}."""
    doc = fidoctl_json(served, "creds", "list")
    listing = {}
    for rp in doc["rps"]:
        assert rp["rp_id"] not in listing, f"{rp['rp_id']} twice: {doc}"
        creds = {}
        for c in rp["credentials"]:
            assert c["algorithm"] == {"alg": -7, "name": "ES256"}, c
            creds[from_b64url(c["credential_id"])] = (
                from_b64url(c["user_id"]),
                c["user_name"],
                c["display_name"],
            )
        listing[rp["rp_id"]] = (rp["rp_name"], creds)
    return (doc["existing"], doc["remaining"]), listing


def credential_manager(ctap: Ctap2) -> CredentialManagement:
    client_pin = ClientPin(ctap)
    # On the preview profile (no pinUvAuthToken) python-fido2 falls back to getPinToken.
    token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.CREDENTIAL_MGMT)
    return CredentialManagement(ctap, client_pin.protocol, token)


def python_listing(cm: CredentialManagement):
    """The same shape as fidoctl_listing, read by python-fido2, plus the public keys."""
    meta = cm.get_metadata()
    counts = (meta[RESULT.EXISTING_CRED_COUNT], meta[RESULT.MAX_REMAINING_COUNT])
    listing, public_keys = {}, {}
    for rp in cm.enumerate_rps():
        entity = rp[RESULT.RP]
        assert rp[RESULT.RP_ID_HASH] == hashlib.sha256(entity["id"].encode()).digest()
        creds = {}
        for c in cm.enumerate_creds(rp[RESULT.RP_ID_HASH]):
            descriptor, user = c[RESULT.CREDENTIAL_ID], c[RESULT.USER]
            assert descriptor["type"] == "public-key", descriptor
            creds[descriptor["id"]] = (user["id"], user.get("name"), user.get("displayName"))
            public_keys[descriptor["id"]] = dict(c[RESULT.PUBLIC_KEY])
        listing[entity["id"]] = (entity.get("name"), creds)
    return counts, listing, public_keys


def python_make_credential(ctap: Ctap2, rp: dict, user: dict) -> bytes:
    """A discoverable credential made by python-fido2 with a PIN token for `rp`."""
    client_pin = ClientPin(ctap)
    # makeCredential uses up the token's permissions: a new token for each credential.
    token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, rp["id"])
    client_data_hash = os.urandom(32)
    attestation = ctap.make_credential(
        client_data_hash,
        rp,
        user,
        [ES256],
        options={"rk": True},
        pin_uv_param=client_pin.protocol.authenticate(token, client_data_hash),
        pin_uv_protocol=client_pin.protocol.VERSION,
    )
    data = attestation.auth_data.credential_data
    assert data is not None
    return data.credential_id


def test_python_fido2_and_fidoctl_see_the_same_credentials(served):
    socket_path, _, profile = served
    alice = {"id": b"alice-user-id", "name": "alice", "displayName": "Alice Liddell"}
    bob = {"id": b"bob-user-id", "name": "bob", "displayName": "Bob"}
    carol = {"id": b"carol-user-id", "name": "carol", "displayName": "Carol, \"C\""}
    one = {"id": "py-one.example", "name": "Py One"}
    two = {"id": "py-two.example", "name": "Py Two"}

    # 1. python-fido2 sets the PIN and makes three credentials at two RPs.
    with plugged_in(socket_path) as ctap:
        ClientPin(ctap).set_pin(PIN)
        ids = {
            "alice": python_make_credential(ctap, one, alice),
            "bob": python_make_credential(ctap, one, bob),
            "carol": python_make_credential(ctap, two, carol),
        }
    assert len(set(ids.values())) == 3

    def entry(user):
        return (user["id"], user["name"], user["displayName"])

    # 2. fidoctl lists exactly those, with the RP names python-fido2 gave.
    counts, listing = fidoctl_listing(served)
    assert counts[0] == 3
    assert listing == {
        "py-one.example": ("Py One", {ids["alice"]: entry(alice), ids["bob"]: entry(bob)}),
        "py-two.example": ("Py Two", {ids["carol"]: entry(carol)}),
    }

    # 3. fidoctl deletes bob and makes dave.
    deleted = fidoctl_json(served, "creds", "delete", b64url(ids["bob"]), "--yes")
    assert deleted["deleted"] == {
        "credential_id": b64url(ids["bob"]),
        "rp_id": "py-one.example",
        "user_name": "bob",
    }
    made = fidoctl_json(
        served,
        "make-credential",
        "--rp",
        "fidoctl.example",
        "--user-name",
        "dave",
        "--display-name",
        "Dave",
        "--resident",
    )
    ids["dave"] = from_b64url(made["credential_id"])
    dave = {"id": from_b64url(made["user_id"]), "name": "dave", "displayName": "Dave"}

    # 4. python-fido2's CredentialManagement sees exactly that, and the counts fidoctl showed.
    with plugged_in(socket_path) as ctap:
        cm = credential_manager(ctap)
        py_counts, py_listing, public_keys = python_listing(cm)
        assert py_counts == counts
        assert py_listing == {
            "py-one.example": ("Py One", {ids["alice"]: entry(alice)}),
            "py-two.example": ("Py Two", {ids["carol"]: entry(carol)}),
            "fidoctl.example": (None, {ids["dave"]: entry(dave)}),
        }
        # The public key fidoctl printed at make-credential is the one the key lists.
        assert public_keys[ids["dave"]] == dict(cbor.decode(from_b64url(made["public_key_cose"])))

        # 5. python-fido2 deletes carol and (where the key can) renames alice.
        cm.delete_cred({"id": ids["carol"], "type": "public-key"})
        renamed = {"id": alice["id"], "name": "alice.renamed", "displayName": "Alice Renamed"}
        if profile == "ctap2.1":
            assert CredentialManagement.is_update_supported(ctap.info)
            cm.update_user_info({"id": ids["alice"], "type": "public-key"}, renamed)
        else:
            assert not CredentialManagement.is_update_supported(ctap.info)
            renamed = alice

    # 6. fidoctl lists the result.
    counts, listing = fidoctl_listing(served)
    assert counts == (py_counts[0] - 1, py_counts[1] + 1)
    assert listing == {
        "py-one.example": ("Py One", {ids["alice"]: entry(renamed)}),
        "fidoctl.example": (None, {ids["dave"]: entry(dave)}),
    }

    # 7. An id python-fido2 deleted is unknown to fidoctl: nothing deleted, exit 1.
    proc = expect_exit(fidoctl(served, "creds", "delete", b64url(ids["carol"]), "--yes"), 1)
    assert f"No credential on this key has the id {b64url(ids['carol'])}; nothing was changed." in proc.stderr
    with plugged_in(socket_path) as ctap:
        assert python_listing(credential_manager(ctap))[1] == listing
