//! ES384 and RS256 credentials through the binary: `make-credential --alg es384|rs256` and
//! `get-assertion` on a `ctap2.2` virtual key, `test --alg`, and the refusal on a `ctap2.1` key,
//! which offers neither.
//!
//! Keys and signatures are checked here with the p384 and rsa crates directly (the attestation
//! with tests/common/exchange.rs), never with fidoctl's own verification code.

mod common;

use common::cli::{assert_failure_text, TempKeys, VirtualKeyFile};
use common::exchange::{client_data_hash, PackedAttestation};
use common::schema::from_b64url;
use common::state::attestation_ca;
use p384::ecdsa::signature::Verifier;
use p384::pkcs8::DecodePublicKey;
use serde_json::Value;

/// A signature key as the COSE map in `public_key_cose` describes it.
#[derive(Debug, PartialEq)]
enum Key {
    P384(p384::ecdsa::VerifyingKey),
    Rsa(rsa::RsaPublicKey),
}

fn cose_int(map: &[(ciborium::Value, ciborium::Value)], label: i64) -> &ciborium::Value {
    &map.iter().find(|(k, _)| k.as_integer().map(i128::from) == Some(label.into())).expect("label present").1
}

fn cose_bytes(map: &[(ciborium::Value, ciborium::Value)], label: i64) -> Vec<u8> {
    cose_int(map, label).as_bytes().expect("a byte string").clone()
}

impl Key {
    fn from_cose(bytes: &[u8]) -> Key {
        let value: ciborium::Value = ciborium::from_reader(bytes).expect("COSE key is CBOR");
        let map = value.as_map().expect("COSE key is a map");
        let number = |label| i128::from(cose_int(map, label).as_integer().expect("an integer"));
        match (number(1), number(3)) {
            (2, -35) => {
                assert_eq!(number(-1), 2, "crv P-384");
                let point = [&[4u8][..], &cose_bytes(map, -2), &cose_bytes(map, -3)].concat();
                Key::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(&point).expect("a P-384 point"))
            }
            (3, -257) => {
                let n = rsa::BigUint::from_bytes_be(&cose_bytes(map, -1));
                let e = rsa::BigUint::from_bytes_be(&cose_bytes(map, -2));
                Key::Rsa(rsa::RsaPublicKey::new(n, e).expect("an RSA key"))
            }
            other => panic!("unexpected kty/alg {other:?}"),
        }
    }

    fn from_pem(pem: &str) -> Key {
        match self::p384_from_pem(pem) {
            Some(k) => Key::P384(k),
            None => Key::Rsa(rsa::RsaPublicKey::from_public_key_pem(pem).expect("an RSA SPKI PEM")),
        }
    }

    fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), String> {
        match self {
            Key::P384(k) => {
                let sig = p384::ecdsa::Signature::from_der(signature).map_err(|e| format!("not DER: {e}"))?;
                k.verify(message, &sig).map_err(|e| e.to_string())
            }
            Key::Rsa(k) => {
                use rsa::traits::PublicKeyParts;
                assert_eq!(signature.len(), k.size(), "an RSA signature is as long as the modulus");
                let v = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(k.clone());
                let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(|e| e.to_string())?;
                v.verify(message, &sig).map_err(|e| e.to_string())
            }
        }
    }
}

fn p384_from_pem(pem: &str) -> Option<p384::ecdsa::VerifyingKey> {
    p384::PublicKey::from_public_key_pem(pem).ok().map(p384::ecdsa::VerifyingKey::from)
}

/// make-credential with `alg`, then get-assertion; both signatures checked here.
fn register_and_sign_in(key: &VirtualKeyFile, rp: &str, alg: &str, number: i64, name: &str) -> Key {
    let (cdh_hex, cdh) = client_data_hash(7);
    let made = key.run(&["make-credential", "--rp", rp, "--alg", alg, "--client-data-hash", &cdh_hex, "--json"]);
    let doc: Value = made.doc();
    assert_eq!(doc["algorithm"], serde_json::json!({"alg": number, "name": name}), "{}", made.describe());
    let public = Key::from_cose(&from_b64url(doc["public_key_cose"].as_str().unwrap()));
    assert_eq!(Key::from_pem(doc["public_key_pem"].as_str().unwrap()), public, "PEM and COSE agree");
    // The attestation is the key's ES256 certificate, over the new credential.
    let att = PackedAttestation::decode(&from_b64url(doc["attestation_object"].as_str().unwrap()));
    att.verify(&cdh, &attestation_ca(&key.path)).expect("attestation verifies");

    let (cdh2_hex, cdh2) = client_data_hash(8);
    let cred = doc["credential_id"].as_str().unwrap();
    let run = key.run(&["get-assertion", "--rp", rp, "--cred", cred, "--client-data-hash", &cdh2_hex, "--json"]);
    let got: Value = run.doc();
    let assertion = &got["assertions"][0];
    assert_eq!(assertion["credential_id"], cred);
    let auth_data = from_b64url(assertion["authenticator_data"].as_str().unwrap());
    let signature = from_b64url(assertion["signature"].as_str().unwrap());
    public.verify(&[auth_data.as_slice(), &cdh2].concat(), &signature).expect("assertion verifies");
    // Over another client data hash it does not: the check above means something.
    assert!(public.verify(&[auth_data.as_slice(), &cdh].concat(), &signature).is_err());
    public
}

#[test]
fn es384_credential_signs_in_on_a_ctap22_key() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &["--profile", "ctap2.2"]);
    let public = register_and_sign_in(&key, "p384.example", "es384", -35, "ES384");
    assert!(matches!(public, Key::P384(_)));
}

#[test]
fn rs256_credential_signs_in_on_a_ctap22_key() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &["--profile", "ctap2.2"]);
    let Key::Rsa(public) = register_and_sign_in(&key, "rsa.example", "rs256", -257, "RS256") else {
        panic!("an RSA key")
    };
    use rsa::traits::PublicKeyParts;
    assert_eq!(public.size(), 256, "2048-bit modulus");
}

#[test]
fn ctap22_info_lists_the_four_algorithms() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &["--profile", "ctap2.2"]);
    let info: Value = key.run(&["info", "--json"]).doc();
    let text = info.to_string();
    for needle in [r#""name":"ES256""#, r#""name":"EdDSA""#, r#""name":"ES384""#, r#""name":"RS256""#] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
}

#[test]
fn health_check_with_es384_and_rs256() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &["--profile", "ctap2.2"]);
    for (alg, number, name) in [("es384", -35, "ES384"), ("rs256", -257, "RS256")] {
        let run = key.run(&["test", "--alg", alg, "--json"]);
        let doc: Value = run.doc();
        assert_eq!(doc["result"], "pass", "{}", run.describe());
        assert_eq!(doc["algorithm"], serde_json::json!({"alg": number, "name": name}));
        assert_eq!(doc["steps"][3]["detail"], name, "the verify-signature step names the algorithm");
    }
}

#[test]
fn a_ctap21_key_refuses_es384_and_rs256_in_plain_words() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &["--profile", "ctap2.1"]);
    for (alg, name) in [("es384", "ES384"), ("rs256", "RS256")] {
        let run = key.run(&["make-credential", "--rp", "old.example", "--alg", alg]);
        assert_failure_text(
            &run,
            1,
            &format!("This key cannot make {name} credentials; it offers ES256, EdDSA. Nothing was created."),
            &format!(
                "Choose one the key offers with --alg (for example `--alg es256`), or use a key that supports {name}."
            ),
        );
        let run = key.run(&["test", "--alg", alg, "--json"]);
        run.expect_code(1);
        let doc: Value = run.json();
        assert_eq!(doc["error"]["code"], "unsupported_algorithm", "{}", run.describe());
    }
    // Nothing was stored on the key.
    let state: Value = serde_json::from_str(&std::fs::read_to_string(&key.path).unwrap()).unwrap();
    assert_eq!(state["credentials"].as_array().map_or(0, Vec::len), 0);
}
