#![no_main]
//! The bounded CBOR decoder: no panic, and what decodes encodes to bytes that decode.
use fidoctl::proto::cbor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = cbor::decode(data) {
        assert!(cbor::decode(&cbor::encode(&value)).is_ok(), "a decoded value re-encodes to bytes that do not decode");
    }
});
