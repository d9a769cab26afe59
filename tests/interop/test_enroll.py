"""Enrolment interop: `fidoctl enroll` enrols a key served by `fidoctl virtual serve`, and
python-fido2 reads from getInfo that the policy's settings are on the key (minimum PIN length,
alwaysUv, enterprise attestation, forcePINChange), then changes the one-time PIN as the
administrator would and reads the minimum through the minPinLength extension.

tests/interop_enroll.rs starts the server and sets:
    FIDOCTL_SOCKET   the served key's socket
    FIDOCTL_BIN      the fidoctl binary under test
Without them the test is skipped (under cargo it never is).
"""

from __future__ import annotations

import os
import tempfile

import pytest
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.pin import ClientPin

from fidoctl_socket import json_document, open_device, required_env, run_fidoctl

OPERATOR_PIN = "one-time-4826"
ADMIN_PIN = "admins-own-9173"
POLICY = """
require_pin = true
min_pin_length = 10
require_always_uv = true
forbid_known_vulnerable = true

[enroll]
rp_ids = ["listed.example"]
enterprise_attestation = true
force_pin_change = true
require_fresh_key = true
"""


def test_enrolled_settings_seen_by_python():
    socket_path, binary = required_env("FIDOCTL_SOCKET", "FIDOCTL_BIN", set_by="tests/interop_enroll.rs")
    with tempfile.TemporaryDirectory() as tmp:
        policy = os.path.join(tmp, "admins.toml")
        with open(policy, "w") as f:
            f.write(POLICY)
        env = {"FIDOCTL_NEW_PIN": OPERATOR_PIN, "FIDOCTL_JOURNAL": os.path.join(tmp, "journal.jsonl")}
        done = json_document(
            run_fidoctl(binary, socket_path, "enroll", "--policy", policy, "--for", "alice", "--yes", "--json", env=env)
        )
    assert done["result"] == "enrolled", done
    assert [(s["step"], s["status"]) for s in done["steps"]] == [
        ("pin", "applied"),
        ("min_pin_length", "applied"),
        ("always_uv", "applied"),
        ("enterprise_attestation", "applied"),
        ("force_pin_change", "applied"),
    ], done["steps"]

    dev = open_device(socket_path)
    try:
        ctap2 = Ctap2(dev, strict_cbor=True)
        info = ctap2.get_info()
        assert info.options.get("clientPin") is True, info.options
        assert info.min_pin_length == 10, info
        assert info.options.get("alwaysUv") is True, info.options
        assert info.options.get("ep") is True, info.options
        assert info.force_pin_change is True, info

        # The operator's PIN is only good for changing it.
        with pytest.raises(CtapError) as err:
            ClientPin(ctap2).get_pin_token(OPERATOR_PIN, ClientPin.PERMISSION.GET_ASSERTION, "listed.example")
        assert err.value.code == CtapError.ERR.PIN_POLICY_VIOLATION
        ClientPin(ctap2).change_pin(OPERATOR_PIN, ADMIN_PIN)
        assert ctap2.get_info().force_pin_change is False

        # The listed site reads the minimum through the minPinLength extension.
        client_pin = ClientPin(ctap2)
        token = client_pin.get_pin_token(ADMIN_PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, "listed.example")
        client_data_hash = os.urandom(32)
        made = ctap2.make_credential(
            client_data_hash,
            {"id": "listed.example", "name": "listed.example"},
            {"id": os.urandom(16), "name": "alice"},
            [{"type": "public-key", "alg": -7}],
            extensions={"minPinLength": True},
            pin_uv_param=client_pin.protocol.authenticate(token, client_data_hash),
            pin_uv_protocol=client_pin.protocol.VERSION,
        )
        assert made.auth_data.extensions == {"minPinLength": 10}, made.auth_data
    finally:
        dev.close()
