#![no_main]
//! The virtual key's request parsing: any CTAPHID_CBOR request gets a status, and a success
//! carries CBOR. One key for the whole run, in RAM-backed storage where there is some.
use fidoctl::proto::cbor;
use fidoctl::virtual_key::hid::{Authenticator as _, UserPresence};
use fidoctl::virtual_key::{CreateOptions, VirtualKey};
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

struct Approve;
impl UserPresence for Approve {
    fn wait(&mut self) -> Result<(), u8> {
        Ok(())
    }
}

static KEY: OnceLock<Mutex<(tempfile::TempDir, VirtualKey)>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let key = KEY.get_or_init(|| {
        let shm = std::path::Path::new("/dev/shm");
        let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }.expect("temp dir");
        let key = VirtualKey::create(&dir.path().join("k.json"), &CreateOptions::default()).expect("virtual key");
        Mutex::new((dir, key))
    });
    let mut guard = key.lock().unwrap_or_else(|p| p.into_inner());
    let reply = guard.1.handle_cbor(data, &mut Approve);
    assert!(!reply.is_empty(), "an empty answer");
    if reply[0] == 0 && reply.len() > 1 {
        assert!(cbor::decode(&reply[1..]).is_ok(), "a success whose body is not CBOR");
    }
});
