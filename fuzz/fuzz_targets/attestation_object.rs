#![no_main]
//! makeCredential answers: the attestation object, parsed and verified, directly and through
//! the client.
mod common;
use fidoctl::client::attestation::AttestationObject;
use fidoctl::client::exchange::{self, MakeCredentialRequest};
use fidoctl::proto::cbor;
use fidoctl::proto::ctap2::command;
use fidoctl::proto::entities::{RelyingParty, User};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = cbor::decode(data) {
        if let Ok(object) = AttestationObject::from_ctap_response(&value) {
            let _ = object.verify(&[3; 32]);
            let _ = object.to_webauthn_bytes();
        }
    }
    let answer = [&[0u8][..], data].concat();
    let mut auth = common::authenticator(common::scripted_key(&[command::MAKE_CREDENTIAL], vec![answer]));
    let request = MakeCredentialRequest {
        client_data_hash: [3; 32],
        rp: RelyingParty { id: "example.com".into(), name: None },
        user: User { id: vec![1], name: Some("a".into()), display_name: None },
        algorithms: vec![-7, -8],
        resident: true,
        ..MakeCredentialRequest::default()
    };
    let _ = exchange::make_credential(&mut auth, &request, None);
});
