#![no_main]
//! Authenticator data: what parses encodes to bytes that parse.
use fidoctl::proto::auth_data::AuthenticatorData;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = AuthenticatorData::parse(data) {
        assert!(AuthenticatorData::parse(&parsed.to_bytes()).is_ok(), "re-encoded authenticator data does not parse");
    }
});
