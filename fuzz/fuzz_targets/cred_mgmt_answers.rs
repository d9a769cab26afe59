#![no_main]
//! Credential management answers: metadata, RPs, credentials, delete, update.
mod common;
use fidoctl::client::cred_mgmt::{CredentialManager, Flavor};
use fidoctl::proto::ctap2::command;
use fidoctl::proto::entities::User;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut auth =
        common::authenticator(common::scripted_key(&[command::CREDENTIAL_MANAGEMENT], common::answers(data)));
    let token = common::token(&mut auth);
    let mut manager = CredentialManager::new(&mut auth, &token, Flavor::Standard);
    let _ = manager.metadata();
    let _ = manager.relying_parties();
    let _ = manager.credentials(&[7; 32]);
    let _ = manager.delete(&[1, 2, 3]);
    let _ = manager.update_user(&[1, 2, 3], &User { id: vec![1], name: Some("a".into()), display_name: None });
});
