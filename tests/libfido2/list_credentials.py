"""Print the discoverable credentials of the key behind FIDOCTL_SOCKET as JSON, read with
python-fido2's CredentialManagement (an implementation independent of fidoctl's client):
one object per credential with rp_id, credential_id, user_id, public_key_cose (CBOR) as
base64url, and cred_protect. The PIN comes from FIDOCTL_TEST_PIN (a throwaway test PIN).

Run by tests/interop_ssh.rs with the interop venv's python, from the repository top.
"""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "interop"))

from fido2 import cbor  # noqa: E402
from fido2.ctap2 import Ctap2  # noqa: E402
from fido2.ctap2.credman import CredentialManagement  # noqa: E402
from fido2.ctap2.pin import ClientPin  # noqa: E402

from fidoctl_socket import b64url, open_device  # noqa: E402

RESULT = CredentialManagement.RESULT


def main() -> None:
    socket_path, pin = os.environ["FIDOCTL_SOCKET"], os.environ["FIDOCTL_TEST_PIN"]
    dev = open_device(socket_path)
    try:
        ctap = Ctap2(dev)
        client_pin = ClientPin(ctap)
        token = client_pin.get_pin_token(pin, ClientPin.PERMISSION.CREDENTIAL_MGMT)
        cm = CredentialManagement(ctap, client_pin.protocol, token)
        found = []
        if cm.get_metadata()[RESULT.EXISTING_CRED_COUNT]:
            for rp in cm.enumerate_rps():
                for c in cm.enumerate_creds(rp[RESULT.RP_ID_HASH]):
                    found.append(
                        {
                            "rp_id": rp[RESULT.RP]["id"],
                            "credential_id": b64url(c[RESULT.CREDENTIAL_ID]["id"]),
                            "user_id": b64url(c[RESULT.USER]["id"]),
                            "public_key_cose": b64url(cbor.encode(dict(c[RESULT.PUBLIC_KEY]))),
                            "cred_protect": c.get(RESULT.CRED_PROTECT),
                        }
                    )
        print(json.dumps(found))
    finally:
        dev.close()


if __name__ == "__main__":
    main()
