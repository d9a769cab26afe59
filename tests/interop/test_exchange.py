"""Exchange interop: python-fido2 registers and signs in against `fidoctl virtual serve`
and checks every answer with its own code (CBOR, COSE, attestation, signatures).

Groups (tests/interop_exchange.rs runs each on a freshly served key, selected with -k):
- `test_server_*`: the WebAuthn path, Fido2Server + Fido2Client: ES256 and EdDSA
  registrations whose packed attestation is verified up to the key's own test CA, sign-ins
  verified by the server, excludeCredentials.
- `test_ctap2_*`: the CTAP2 calls directly: attestation and signatures for ES256 and EdDSA,
  discoverable credentials with getNextAssertion, excludeList -> CREDENTIAL_EXCLUDED.
- `test_pin_*`: set a PIN with ClientPin, register with a token carrying the mc permission
  (it changes the key for good, hence its own key).
- `test_cross_*`: credentials made by fidoctl used by python-fido2 and the other way round.
  Needs FIDOCTL_BIN (the fidoctl binary). One connection per key: python closes its device
  before fidoctl connects, since a new connection unplugs the old one.

Environment: FIDOCTL_SOCKET (the served key; without it everything is skipped),
FIDOCTL_CA_CERT (hex DER of the key's attestation CA, from its state file), FIDOCTL_BIN,
FIDOCTL_PROFILE (ctap2.1, ctap2.1-pre or ctap2.0; default ctap2.1).

Written against fido2 2.2.1.
"""

from __future__ import annotations

import datetime
import hashlib
import os

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fido2 import cbor
from fido2.attestation import (
    AttestationVerifier,
    PackedAttestation,
    UntrustedAttestation,
    verify_x509_chain,
)
from fido2.client import (
    ClientError,
    DefaultClientDataCollector,
    Fido2Client,
    UserInteraction,
)
from fido2.cose import ES256, CoseKey, EdDSA
from fido2.ctap import CtapError
from fido2.ctap2 import Ctap2
from fido2.ctap2.pin import ClientPin
from fido2.server import Fido2Server
from fido2.webauthn import (
    AttestationObject,
    AuthenticatorData,
    PublicKeyCredentialParameters,
    PublicKeyCredentialType,
    PublicKeyCredentialUserEntity,
)

from fidoctl_socket import b64url, from_b64url, json_document, open_device, required_env, run_fidoctl

ALGS = {"es256": ES256, "eddsa": EdDSA}
PIN = "271828"


def socket_path() -> str:
    return required_env("FIDOCTL_SOCKET", set_by="tests/interop_exchange.rs")[0]


def key_ca() -> bytes:
    return bytes.fromhex(required_env("FIDOCTL_CA_CERT", set_by="tests/interop_exchange.rs")[0])


def profile() -> str:
    return os.environ.get("FIDOCTL_PROFILE", "ctap2.1")


@pytest.fixture
def dev():
    device = open_device(socket_path())
    try:
        yield device
    finally:
        device.close()


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def user(name: str) -> dict:
    return {"id": sha256(name.encode())[:16], "name": name, "displayName": name.title()}


def params(alg: int) -> list[dict]:
    return [{"type": "public-key", "alg": alg}]


def check_packed(att_stmt, auth_data, client_data_hash: bytes) -> None:
    """Packed attestation, verified by python-fido2, chained to the key's test CA."""
    assert set(att_stmt) == {"alg", "sig", "x5c"}, att_stmt.keys()
    assert att_stmt["alg"] == ES256.ALGORITHM
    PackedAttestation().verify(att_stmt, auth_data, client_data_hash)
    verify_x509_chain(list(att_stmt["x5c"]) + [key_ca()])


# --- the WebAuthn path: Fido2Server + Fido2Client ------------------------------------------


class TrustTheKeysCa(AttestationVerifier):
    def __init__(self, ca: bytes):
        super().__init__()
        self.ca = ca

    def ca_lookup(self, attestation_result, auth_data):
        return self.ca


class Person(UserInteraction):
    """Touches when asked (the served key approves by itself) and knows the PIN."""

    def __init__(self, pin: str | None = None):
        self.pin = pin
        self.prompts = 0

    def prompt_up(self):
        self.prompts += 1

    def request_pin(self, permissions, rp_id):
        return self.pin


def rp_server(rp_id: str, alg: int, ca: bytes) -> Fido2Server:
    server = Fido2Server(
        {"id": rp_id, "name": "Interop RP"},
        attestation="direct",
        verify_attestation=TrustTheKeysCa(ca),
    )
    server.allowed_algorithms = [
        PublicKeyCredentialParameters(type=PublicKeyCredentialType.PUBLIC_KEY, alg=alg)
    ]
    return server


def web_client(device, rp_id: str, person: Person) -> Fido2Client:
    return Fido2Client(device, DefaultClientDataCollector(f"https://{rp_id}"), person)


def account(name: str) -> PublicKeyCredentialUserEntity:
    return PublicKeyCredentialUserEntity(
        id=sha256(name.encode())[:16], name=name, display_name=name.title()
    )


@pytest.mark.parametrize("alg_name", sorted(ALGS))
def test_server_registers_and_signs_in(dev, alg_name):
    alg = ALGS[alg_name].ALGORITHM
    rp_id = f"server-{alg_name}.example.com"
    server = rp_server(rp_id, alg, key_ca())
    person = Person()
    client = web_client(dev, rp_id, person)

    options, state = server.register_begin(account("alice"), user_verification="discouraged")
    registration = client.make_credential(options.public_key)
    # register_complete checks the client data, rpIdHash, UP, and the packed attestation up
    # to the key's CA (TrustTheKeysCa).
    auth_data = server.register_complete(state, registration)
    credential = auth_data.credential_data
    assert credential.public_key.ALGORITHM == alg
    assert isinstance(credential.public_key, ALGS[alg_name])
    assert auth_data.is_user_present() and not auth_data.is_user_verified()
    assert person.prompts >= 1, "the key asked for a touch (KEEPALIVE UPNEEDED)"

    request, state = server.authenticate_begin([credential], user_verification="discouraged")
    selection = client.get_assertion(request.public_key)
    response = selection.get_response(0)
    # authenticate_complete verifies the signature with the registered key.
    assert server.authenticate_complete(state, [credential], response) == credential
    assert response.response.authenticator_data.counter > auth_data.counter


def test_server_rejects_an_attestation_from_another_ca(dev):
    # The check above is real: the same registration against a CA the key never used fails.
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "someone else's CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    other_ca = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.DER)
    )
    rp_id = "foreign-ca.example.com"
    server = rp_server(rp_id, ES256.ALGORITHM, other_ca)
    options, state = server.register_begin(account("mallory"), user_verification="discouraged")
    registration = web_client(dev, rp_id, Person()).make_credential(options.public_key)
    with pytest.raises(UntrustedAttestation):
        server.register_complete(state, registration)


def test_server_refuses_a_second_registration_of_the_same_key(dev):
    rp_id = "exclude-server.example.com"
    server = rp_server(rp_id, ES256.ALGORITHM, key_ca())
    client = web_client(dev, rp_id, Person())
    options, state = server.register_begin(account("bob"), user_verification="discouraged")
    credential = server.register_complete(state, client.make_credential(options.public_key))
    # excludeCredentials: the client finds the credential (getAssertion up=false), the key
    # answers CREDENTIAL_EXCLUDED, and the client reports an ineligible device.
    options, state = server.register_begin(
        account("bob"), credentials=[credential.credential_data], user_verification="discouraged"
    )
    with pytest.raises(ClientError) as err:
        client.make_credential(options.public_key)
    assert err.value.code == ClientError.ERR.DEVICE_INELIGIBLE
    assert isinstance(err.value.cause, CtapError)
    assert err.value.cause.code == CtapError.ERR.CREDENTIAL_EXCLUDED


# --- CTAP2 directly -------------------------------------------------------------------------


@pytest.mark.parametrize("alg_name", sorted(ALGS))
def test_ctap2_register_and_sign_in(dev, alg_name):
    cose_type = ALGS[alg_name]
    ctap2 = Ctap2(dev, strict_cbor=True)
    rp = {"id": f"ctap2-{alg_name}.example.com", "name": "CTAP2"}
    cdh = os.urandom(32)
    att = ctap2.make_credential(cdh, rp, user("dora"), params(cose_type.ALGORITHM))
    assert att.fmt == "packed"
    check_packed(att.att_stmt, att.auth_data, cdh)
    auth_data = att.auth_data
    assert auth_data.rp_id_hash == sha256(rp["id"].encode())
    assert auth_data.is_user_present() and not auth_data.is_user_verified()
    assert str(auth_data.credential_data.aaguid) == "6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5"
    public_key = auth_data.credential_data.public_key
    assert isinstance(public_key, cose_type), type(public_key)
    # The whole response round-trips as a WebAuthn attestation object.
    obj = AttestationObject.create(att.fmt, att.auth_data, att.att_stmt)
    assert AttestationObject(bytes(obj)).auth_data == auth_data

    counter = auth_data.counter
    for _ in range(2):
        cdh2 = os.urandom(32)
        credential_id = auth_data.credential_data.credential_id
        allow = [{"type": "public-key", "id": credential_id}]
        assertion = ctap2.get_assertion(rp["id"], cdh2, allow)
        assertion.verify(cdh2, public_key)
        assert assertion.credential["id"] == credential_id
        assert assertion.auth_data.rp_id_hash == sha256(rp["id"].encode())
        assert assertion.auth_data.counter > counter, "the signature counter increases"
        counter = assertion.auth_data.counter
        # And the signature is over this client data hash only.
        with pytest.raises(Exception):
            public_key.verify(assertion.auth_data + os.urandom(32), assertion.signature)


def test_ctap2_discoverable_credentials_and_get_next_assertion(dev):
    ctap2 = Ctap2(dev, strict_cbor=True)
    rp = {"id": "resident.example.com", "name": "Resident"}
    made = []
    for name, alg in [("erin", ES256), ("frank", EdDSA), ("grace", ES256)]:
        att = ctap2.make_credential(
            os.urandom(32), rp, user(name), params(alg.ALGORITHM), options={"rk": True}
        )
        made.append((name, att.auth_data.credential_data))
    # A non-discoverable credential for the same RP is not offered without an allow list.
    ctap2.make_credential(os.urandom(32), rp, user("hidden"), params(ES256.ALGORITHM))

    cdh = os.urandom(32)
    first = ctap2.get_assertion(rp["id"], cdh)
    assert first.number_of_credentials == 3
    rest = [ctap2.get_next_assertion() for _ in range(2)]
    assertions = [first] + rest
    # Newest first.
    expected = list(reversed(made))
    assert [a.credential["id"] for a in assertions] == [c.credential_id for _, c in expected]
    assert [a.user["id"] for a in assertions] == [user(n)["id"] for n, _ in expected]
    counters = []
    for a, (_, credential) in zip(assertions, expected):
        a.verify(cdh, credential.public_key)
        counters.append(a.auth_data.counter)
    assert counters == sorted(set(counters)), counters
    # Nothing more to give.
    with pytest.raises(CtapError) as err:
        ctap2.get_next_assertion()
    assert err.value.code == CtapError.ERR.NOT_ALLOWED


def test_ctap2_exclude_list(dev):
    ctap2 = Ctap2(dev, strict_cbor=True)
    rp = {"id": "exclude.example.com", "name": "Exclude"}
    att = ctap2.make_credential(os.urandom(32), rp, user("heidi"), params(ES256.ALGORITHM))
    known = {"type": "public-key", "id": att.auth_data.credential_data.credential_id}
    unknown = {"type": "public-key", "id": os.urandom(32)}
    with pytest.raises(CtapError) as err:
        ctap2.make_credential(
            os.urandom(32), rp, user("heidi"), params(ES256.ALGORITHM), exclude_list=[unknown, known]
        )
    assert err.value.code == CtapError.ERR.CREDENTIAL_EXCLUDED
    # Per RP, and only for credentials the key made.
    ctap2.make_credential(
        os.urandom(32), {"id": "elsewhere.example.com"}, user("heidi"), params(ES256.ALGORITHM),
        exclude_list=[known],
    )
    ctap2.make_credential(
        os.urandom(32), rp, user("heidi"), params(ES256.ALGORITHM), exclude_list=[unknown]
    )


# --- PIN-protected registration ----------------------------------------------------------------


def test_pin_protected_registration(dev):
    ctap2 = Ctap2(dev, strict_cbor=True)
    client_pin = ClientPin(ctap2)
    client_pin.set_pin(PIN)
    ctap2 = Ctap2(dev, strict_cbor=True)  # getInfo again: clientPin is now true
    assert ctap2.info.options["clientPin"] is True
    protocol = client_pin.protocol
    rp = {"id": "pin.example.com", "name": "PIN"}
    cdh = os.urandom(32)

    # A discoverable credential on a key with a PIN needs the PIN.
    with pytest.raises(CtapError) as err:
        ctap2.make_credential(cdh, rp, user("ivan"), params(ES256.ALGORITHM), options={"rk": True})
    assert err.value.code == CtapError.ERR.PUAT_REQUIRED

    token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, rp["id"])
    att = ctap2.make_credential(
        cdh, rp, user("ivan"), params(ES256.ALGORITHM), options={"rk": True},
        pin_uv_param=protocol.authenticate(token, cdh), pin_uv_protocol=protocol.VERSION,
    )
    assert att.auth_data.is_user_verified() and att.auth_data.is_user_present()
    check_packed(att.att_stmt, att.auth_data, cdh)
    credential = att.auth_data.credential_data

    if ClientPin.is_token_supported(ctap2.info):
        # CTAP 2.1: the touch spent the token's mc permission.
        cdh_again = os.urandom(32)
        with pytest.raises(CtapError) as err:
            ctap2.make_credential(
                cdh_again, rp, user("judy"), params(ES256.ALGORITHM), options={"rk": True},
                pin_uv_param=protocol.authenticate(token, cdh_again), pin_uv_protocol=protocol.VERSION,
            )
        assert err.value.code == CtapError.ERR.PIN_AUTH_INVALID
        # A token for another RP does not register here either.
        other = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, "other.example.com")
        with pytest.raises(CtapError) as err:
            ctap2.make_credential(
                cdh_again, rp, user("judy"), params(ES256.ALGORITHM),
                pin_uv_param=protocol.authenticate(other, cdh_again), pin_uv_protocol=protocol.VERSION,
            )
        assert err.value.code == CtapError.ERR.PIN_AUTH_INVALID

    # Sign in with user verification.
    token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.GET_ASSERTION, rp["id"])
    cdh2 = os.urandom(32)
    assertion = ctap2.get_assertion(
        rp["id"], cdh2, pin_uv_param=protocol.authenticate(token, cdh2), pin_uv_protocol=protocol.VERSION
    )
    assert assertion.credential["id"] == credential.credential_id
    assert assertion.user["id"] == user("ivan")["id"]
    assert assertion.auth_data.is_user_verified()
    assertion.verify(cdh2, credential.public_key)

    # The WebAuthn path with user verification required: the client asks for the PIN.
    rp_id = "pin-server.example.com"
    server = rp_server(rp_id, ES256.ALGORITHM, key_ca())
    client = web_client(dev, rp_id, Person(PIN))
    options, state = server.register_begin(
        account("kim"), resident_key_requirement="required", user_verification="required"
    )
    auth_data = server.register_complete(state, client.make_credential(options.public_key))
    assert auth_data.is_user_verified()
    request, state = server.authenticate_begin(user_verification="required")
    selection = client.get_assertion(request.public_key)
    response = selection.get_response(0)
    server.authenticate_complete(state, [auth_data.credential_data], response)
    assert response.response.authenticator_data.is_user_verified()
    # Without the PIN the client cannot verify the user.
    with pytest.raises(ClientError):
        web_client(dev, rp_id, Person(None)).make_credential(
            server.register_begin(account("leo"), user_verification="required")[0].public_key
        )


# --- fidoctl and python-fido2 share credentials --------------------------------------------------


def fidoctl(*args: str) -> dict:
    """`fidoctl -d unix:SOCKET ARGS... --json`, which must succeed; its JSON document."""
    (binary,) = required_env("FIDOCTL_BIN", set_by="tests/interop_exchange.rs")
    return json_document(run_fidoctl(binary, socket_path(), *args, "--json"))


@pytest.mark.parametrize("alg_name", sorted(ALGS))
def test_cross_fidoctl_credential_used_by_python(alg_name):
    rp_id = f"cross-fidoctl-{alg_name}.example.com"
    made = fidoctl(
        "make-credential", "--rp", rp_id, "--resident", "--alg", alg_name, "--user-name", "mallory"
    )
    credential_id = from_b64url(made["credential_id"])
    public_key = CoseKey.parse(cbor.decode(from_b64url(made["public_key_cose"])))
    assert isinstance(public_key, ALGS[alg_name])

    # fidoctl's attestation object, checked by python-fido2.
    obj = AttestationObject(from_b64url(made["attestation_object"]))
    assert obj.fmt == "packed"
    assert bytes(obj.auth_data) == from_b64url(made["authenticator_data"])
    assert obj.auth_data.credential_data.credential_id == credential_id
    assert obj.auth_data.credential_data.public_key == public_key
    assert obj.auth_data.rp_id_hash == sha256(rp_id.encode())
    check_packed(obj.att_stmt, obj.auth_data, from_b64url(made["client_data_hash"]))

    # python-fido2 signs in with it: discoverable, no allow list.
    device = open_device(socket_path())
    try:
        ctap2 = Ctap2(device, strict_cbor=True)
        cdh = os.urandom(32)
        assertion = ctap2.get_assertion(rp_id, cdh)
    finally:
        device.close()
    assert assertion.credential["id"] == credential_id
    assert assertion.user["id"] == from_b64url(made["user_id"])
    assertion.verify(cdh, public_key)
    assert assertion.auth_data.counter > made["sign_count"]


@pytest.mark.parametrize("alg_name", sorted(ALGS))
def test_cross_python_credential_used_by_fidoctl(alg_name):
    rp = {"id": f"cross-python-{alg_name}.example.com", "name": "Cross"}
    device = open_device(socket_path())
    try:
        ctap2 = Ctap2(device, strict_cbor=True)
        cdh = os.urandom(32)
        att = ctap2.make_credential(cdh, rp, user("niaj"), params(ALGS[alg_name].ALGORITHM))
        resident = ctap2.make_credential(
            os.urandom(32), rp, user("olivia"), params(ALGS[alg_name].ALGORITHM), options={"rk": True}
        )
    finally:
        device.close()  # before fidoctl connects: a new connection unplugs this one
    credential = att.auth_data.credential_data

    cdh2 = os.urandom(32)
    got = fidoctl(
        "get-assertion", "--rp", rp["id"], f"--cred={b64url(credential.credential_id)}",
        "--client-data-hash", cdh2.hex(),
    )
    assert got["rp_id"] == rp["id"]
    assert from_b64url(got["client_data_hash"]) == cdh2
    assert len(got["assertions"]) == 1
    entry = got["assertions"][0]
    assert from_b64url(entry["credential_id"]) == credential.credential_id
    auth_data = AuthenticatorData(from_b64url(entry["authenticator_data"]))
    assert auth_data.rp_id_hash == sha256(rp["id"].encode())
    assert auth_data.is_user_present()
    assert auth_data.counter == entry["sign_count"] and auth_data.counter > att.auth_data.counter
    credential.public_key.verify(auth_data + cdh2, from_b64url(entry["signature"]))

    # fidoctl finds python's discoverable credential without an id.
    cdh3 = os.urandom(32)
    found = fidoctl("get-assertion", "--rp", rp["id"], "--client-data-hash", cdh3.hex())
    assert [from_b64url(a["credential_id"]) for a in found["assertions"]] == [
        resident.auth_data.credential_data.credential_id
    ]
    entry = found["assertions"][0]
    assert from_b64url(entry["user_id"]) == user("olivia")["id"]
    resident.auth_data.credential_data.public_key.verify(
        from_b64url(entry["authenticator_data"]) + cdh3, from_b64url(entry["signature"])
    )
