#![no_main]
//! getInfo answers, decoded directly and through the client.
mod common;
use fidoctl::proto::get_info::AuthenticatorInfo;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(info) = AuthenticatorInfo::decode(data) {
        let _ = (info.aaguid_string(), info.encode());
    }
    let answer = [&[0u8][..], data].concat();
    let mut auth = common::authenticator(common::FakeKey::new(move |_| answer.clone()));
    let _ = auth.info();
});
