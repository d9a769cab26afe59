//! A CTAP 2.2 virtual key set up for read-only token tests: a PIN, one discoverable credential
//! for fleet.example, and a token folder of its own (private, as fidoctl requires).

use super::cli::{TempKeys, VirtualKeyFile};
use super::creds::make_resident;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

pub const PIN: &str = "314159";

pub struct TokenKey {
    pub keys: TempKeys,
    pub key: VirtualKeyFile,
    pub tokens: PathBuf,
}

pub fn ctap22_key_with_one_credential() -> TokenKey {
    let keys = TempKeys::new();
    std::fs::set_permissions(keys.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let key = keys.create_with_pin("k.json", &["--profile", "ctap2.2"], PIN);
    make_resident(&key, PIN, "fleet.example", "alice", "Alice");
    let tokens = keys.path("tokens");
    TokenKey { keys, key, tokens }
}
