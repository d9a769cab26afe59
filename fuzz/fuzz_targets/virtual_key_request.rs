#![no_main]
//! The virtual key's request parsing: any CTAPHID_CBOR request gets a status, and a success
//! carries CBOR. One key for the whole run.
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

static KEY: OnceLock<Mutex<VirtualKey>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let key = KEY.get_or_init(|| {
        // libFuzzer exits without running destructors, so the key lives in fuzz/target (ignored
        // by git, emptied by `cargo clean`), one folder per run, not in a temp dir left behind.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("virtual_key_request-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a folder for the virtual key");
        Mutex::new(VirtualKey::create(&dir.join("k.json"), &CreateOptions::default()).expect("virtual key"))
    });
    let mut guard = key.lock().unwrap_or_else(|p| p.into_inner());
    let reply = guard.handle_cbor(data, &mut Approve);
    assert!(!reply.is_empty(), "an empty answer");
    if reply[0] == 0 && reply.len() > 1 {
        assert!(cbor::decode(&reply[1..]).is_ok(), "a success whose body is not CBOR");
    }
});
