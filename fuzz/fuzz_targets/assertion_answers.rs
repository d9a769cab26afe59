#![no_main]
//! getAssertion and getNextAssertion answers through the client.
mod common;
use fidoctl::client::exchange::{self, GetAssertionRequest};
use fidoctl::proto::ctap2::command;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let commands: &'static [u8] = &[command::GET_ASSERTION, command::GET_NEXT_ASSERTION];
    let mut auth = common::authenticator(common::scripted_key(commands, common::answers(data)));
    let request = GetAssertionRequest {
        rp_id: "example.com".into(),
        client_data_hash: [3; 32],
        allow_list: vec![],
        user_presence: true,
    };
    let _ = exchange::get_assertions(&mut auth, &request, None);
});
