//! Large blobs across implementations on one `fidoctl virtual serve` key: what fidoctl's client
//! writes python-fido2's LargeBlobs reads, and what python-fido2 writes fidoctl reads
//! (tests/interop/test_blobs_cross.py).
//!
//! Needs the venv: run `tests/interop/setup_venv.sh` first (CI does). Without it the python
//! test fails, on purpose.

mod common;

use common::blobs::{alice_with_blob, connect, credential_id, fidoctl_on, with_large_blob_key};
use common::interop::{python, run_pytest_with, VirtualKeyServer};
use fidoctl::client::cred_blob::large_blob_key_from_get_assertion;
use fidoctl::client::exchange::{get_assertion_request, GetAssertionRequest};
use fidoctl::client::large_blobs::LargeBlobs;
use fidoctl::client::{Authenticator, Call};
use fidoctl::proto::cbor::{self, MapView};
use fidoctl::proto::ctap2::{command, get_assertion as ga};

const PIN: &str = "271828";
const RP: &str = "blobs.example";

/// The largeBlobKey of the credential registered for `user`, through getAssertion.
fn key_of(auth: &mut Authenticator, user: &[u8]) -> [u8; 32] {
    let req =
        GetAssertionRequest { rp_id: RP.into(), client_data_hash: [3; 32], allow_list: vec![], user_presence: true };
    let request = with_large_blob_key(get_assertion_request(&req, None), ga::EXTENSIONS);
    let touch = Call { may_need_touch: true, sensitive: false };
    let mut answer = auth.call(command::GET_ASSERTION, Some(&request), touch).unwrap().unwrap();
    let count = MapView::new(&answer, "ga").unwrap().opt_u64(ga::response::NUMBER_OF_CREDENTIALS).unwrap().unwrap_or(1);
    for i in 0..count {
        if i > 0 {
            answer = auth.call(command::GET_NEXT_ASSERTION, None, Call::default()).unwrap().unwrap();
        }
        let m = MapView::new(&answer, "ga").unwrap();
        let id = m.opt_map(ga::response::USER).unwrap().unwrap().get_text_key("id").cloned();
        if id == Some(cbor::bytes(user)) {
            return large_blob_key_from_get_assertion(&answer).unwrap().expect("a largeBlobKey");
        }
    }
    panic!("no credential for {}", String::from_utf8_lossy(user));
}

#[test]
fn python_fido2_reads_what_fidoctl_wrote_and_fidoctl_reads_what_python_fido2_wrote() {
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", "ctap2.1"]);
    let alice_blob: Vec<u8> = b"fidoctl wrote this for alice; ".repeat(20);
    let bob_blob: Vec<u8> = (0..700u32).map(|i| (i * 7 % 256) as u8).collect();

    // fidoctl: PIN, alice with largeBlobKey, her blob.
    alice_with_blob(&server, PIN, RP, &alice_blob);

    // python-fido2 reads alice's and writes bob's.
    let run = run_pytest_with(
        &python,
        "tests/interop/test_blobs_cross.py",
        &[],
        &[
            ("FIDOCTL_PIN", PIN),
            ("FIDOCTL_ALICE_BLOB", &hex::encode(&alice_blob)),
            ("FIDOCTL_BOB_BLOB", &hex::encode(&bob_blob)),
        ],
        &server,
    );
    run.assert_passed(&server, Some(1), "python-fido2 reads fidoctl's blob and writes its own");

    // fidoctl reads both.
    let mut auth = connect(&server);
    let alice = key_of(&mut auth, b"alice");
    let bob = key_of(&mut auth, b"bob");
    let mut blobs = LargeBlobs::open(&mut auth).unwrap();
    assert_eq!(blobs.get(&bob).unwrap(), Some(bob_blob));
    assert_eq!(blobs.get(&alice).unwrap(), Some(alice_blob));
    let owners: Vec<_> = blobs.list(&[&alice, &bob]).unwrap().iter().map(|r| r.owner).collect();
    assert_eq!(owners, vec![Some(0), Some(1)]);
}

/// The same through the commands: python-fido2 reads what `fidoctl blobs set` wrote, and
/// `fidoctl blobs get` / `blobs list` read what python-fido2 wrote.
#[test]
fn python_fido2_and_the_fidoctl_blobs_commands_read_each_other() {
    let python = python();
    let server = VirtualKeyServer::start_with(&["--profile", "ctap2.1"]);
    let alice_blob: Vec<u8> = b"fidoctl blobs set wrote this\n".repeat(25);
    let bob_blob: Vec<u8> = (0..900u32).map(|i| (i * 13 % 251) as u8).collect();
    alice_with_blob(&server, PIN, RP, b"replaced by the command below");
    let alice_id = credential_id(&server, PIN, RP, "alice");
    let file = server.dir().join("alice.in");
    std::fs::write(&file, &alice_blob).unwrap();
    fidoctl_on(&server, PIN, &["--yes", "blobs", "set", "--cred", &alice_id, file.to_str().unwrap()]).success();

    let run = run_pytest_with(
        &python,
        "tests/interop/test_blobs_cross.py",
        &[],
        &[
            ("FIDOCTL_PIN", PIN),
            ("FIDOCTL_ALICE_BLOB", &hex::encode(&alice_blob)),
            ("FIDOCTL_BOB_BLOB", &hex::encode(&bob_blob)),
        ],
        &server,
    );
    run.assert_passed(&server, Some(1), "python-fido2 reads `fidoctl blobs set`'s blob and writes its own");

    let bob_id = credential_id(&server, PIN, RP, "bob");
    let out = server.dir().join("bob.out");
    fidoctl_on(&server, PIN, &["blobs", "get", "--cred", &bob_id, "-o", out.to_str().unwrap()]).success();
    assert_eq!(std::fs::read(&out).unwrap(), bob_blob);
    let listed = fidoctl_on(&server, PIN, &["blobs", "list", "--json"]);
    listed.success();
    let owners: Vec<(String, u64)> = listed.value()["blobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["owner"]["credential_id"].as_str().unwrap().to_string(), b["size"].as_u64().unwrap()))
        .collect();
    assert_eq!(owners, vec![(alice_id, alice_blob.len() as u64), (bob_id, bob_blob.len() as u64)]);
}
