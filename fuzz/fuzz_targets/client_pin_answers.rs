#![no_main]
//! clientPIN answers: PIN retries, UV retries, the key agreement, and (after a good key
//! agreement) the PIN token.
mod common;
use fidoctl::client::pin;
use fidoctl::proto::ctap2::command;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let answers = common::answers(data);
    let mut auth = common::authenticator(common::scripted_key(&[command::CLIENT_PIN], answers.clone()));
    let _ = pin::get_retries(&mut auth);
    let _ = pin::get_uv_retries(&mut auth);
    let _ = pin::start_session(&mut auth);
    // A good key agreement from the fake key, then the scripted token answer.
    let mut auth = common::authenticator(common::scripted_key(&[], vec![]));
    let Ok(session) = pin::start_session(&mut auth) else { return };
    let mut auth = common::authenticator(common::scripted_key(&[command::CLIENT_PIN], answers));
    let _ = pin::get_token(&mut auth, &session, b"1234", 0x04, None);
});
