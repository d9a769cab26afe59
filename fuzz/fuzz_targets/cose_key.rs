#![no_main]
//! COSE keys a key sends (credential keys, key agreement): parsed, converted, used to verify.
use fidoctl::client::attestation::verify_assertion_signature;
use fidoctl::proto::cbor;
use fidoctl::proto::cose::CoseKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = cbor::decode(data) else { return };
    if let Ok(key) = CoseKey::from_value(&value) {
        let _ = (key.to_p256(), key.to_spki_der(), key.to_bytes());
        let _ = verify_assertion_signature(&key, &[1; 37], &[2; 32], data);
    }
});
