//! Large blobs and fingerprints with libfido2's fido2-token on a key served by `fidoctl virtual
//! serve` (through the LD_PRELOAD shim of tests/interop_libfido2.rs): fido2-token -G -b reads
//! the blob fidoctl's client wrote, fido2-token -S -b writes one fidoctl reads, -L -b lists
//! both; fido2-token -L -e lists the finger fidoctl enrolled, -S -e renames and -D -e removes it.
//!
//! Needs `fido2-tools`, `libfido2-dev`, `gcc` and `util-linux` (`.ci/run` installs them).

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::blobs::{alice_with_blob, connect, credential_id, fidoctl_on};
use common::host_tools::Host;
use common::interop::VirtualKeyServer;
use fidoctl::client::large_blobs::LargeBlobs;
use fidoctl::client::pin::{get_token, set_pin, start_session};
use fidoctl::client::Authenticator;
use fidoctl::proto::ctap2::client_pin::permission;

const PIN: &str = "6180-blobs";
const RP: &str = "blobs.example";

#[test]
fn fido2_token_reads_and_writes_large_blobs_with_fidoctl() {
    let server = VirtualKeyServer::start_with(&["--profile", "ctap2.1"]);
    let host = Host::new(&server);
    let alice_blob = "fidoctl wrote this for alice\n".repeat(30);
    let bob_blob = "fido2-token wrote this for bob\n".repeat(20);

    // fidoctl: PIN, a resident credential with largeBlobKey, its blob.
    let alice = alice_with_blob(&server, PIN, RP, alice_blob.as_bytes());

    // fido2-token reads alice's blob by her key, and writes one under another key.
    let bob = [0xb0u8; 32];
    host.write("alice.key", &format!("{}\n", STANDARD.encode(alice)));
    host.write("bob.key", &format!("{}\n", STANDARD.encode(bob)));
    host.fido2("fido2-token", &["-G", "-b", "-k", "alice.key", "alice.out"], "").ok(&server);
    assert_eq!(host.read("alice.out"), alice_blob);
    host.write("bob.in", &bob_blob);
    host.fido2("fido2-token", &["-S", "-b", "-k", "bob.key", "bob.in"], &format!("{PIN}\n")).ok(&server);
    let listed = host.fido2("fido2-token", &["-L", "-b"], &format!("{PIN}\n")).ok(&server).to_string();
    // "NN: <ciphertext length> <original size> <rp> <credential>", after a total line.
    let libfido2: Vec<(usize, u64)> = listed
        .lines()
        .filter(|l| l.as_bytes().get(2) == Some(&b':'))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[1].parse().unwrap(), f[2].parse().unwrap())
        })
        .collect();

    // fidoctl reads both.
    let mut auth = connect(&server);
    let mut blobs = LargeBlobs::open(&mut auth).unwrap();
    assert_eq!(blobs.get(&bob).unwrap().as_deref(), Some(bob_blob.as_bytes()));
    assert_eq!(blobs.get(&alice).unwrap().as_deref(), Some(alice_blob.as_bytes()));
    let ours: Vec<(usize, u64)> =
        blobs.list(&[&alice, &bob]).unwrap().iter().map(|r| (r.stored_size, r.orig_size)).collect();
    assert_eq!(ours, libfido2, "fido2-token -L -b and fidoctl list the same entries:\n{listed}");
    assert_eq!(ours[0].1 as usize, alice_blob.len());
}

/// `fido2-token -L -b` / `-G -b` and `fidoctl blobs list` / `blobs set` / `blobs clear` on one
/// key: the same entries and sizes, the blob fidoctl's command wrote read back by libfido2, and
/// the entry fido2-token wrote under a key no credential has listed by fidoctl as an orphan.
#[test]
fn fido2_token_and_the_fidoctl_blobs_commands_agree() {
    let server = VirtualKeyServer::start_with(&["--profile", "ctap2.1"]);
    let host = Host::new(&server);
    let alice_blob = "fidoctl blobs set wrote this for alice\n".repeat(25);
    let stray_blob = "fido2-token wrote this under a key of no credential\n".repeat(10);
    let alice = alice_with_blob(&server, PIN, RP, b"replaced by the command below");
    let alice_id = credential_id(&server, PIN, RP, "alice");
    let file = host.write("alice.in", &alice_blob);
    fidoctl_on(&server, PIN, &["--yes", "blobs", "set", "--cred", &alice_id, file.to_str().unwrap()]).success();

    host.write("alice.key", &format!("{}\n", STANDARD.encode(alice)));
    host.fido2("fido2-token", &["-G", "-b", "-k", "alice.key", "alice.out"], "").ok(&server);
    assert_eq!(host.read("alice.out"), alice_blob);
    host.write("stray.key", &format!("{}\n", STANDARD.encode([0x5au8; 32])));
    host.write("stray.in", &stray_blob);
    host.fido2("fido2-token", &["-S", "-b", "-k", "stray.key", "stray.in"], &format!("{PIN}\n")).ok(&server);

    let entries = |listed: &str| -> Vec<(u64, u64)> {
        listed
            .lines()
            .filter(|l| l.as_bytes().get(2) == Some(&b':'))
            .map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f[1].parse().unwrap(), f[2].parse().unwrap())
            })
            .collect()
    };
    let listed = host.fido2("fido2-token", &["-L", "-b"], &format!("{PIN}\n")).ok(&server).to_string();
    let ours = fidoctl_on(&server, PIN, &["blobs", "list", "--json"]);
    ours.success();
    let doc = ours.value();
    let fidoctl: Vec<(u64, u64)> = doc["blobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["stored_size"].as_u64().unwrap(), b["size"].as_u64().unwrap()))
        .collect();
    assert_eq!(fidoctl, entries(&listed), "fido2-token -L -b and fidoctl blobs list:\n{listed}");
    let orphans: Vec<bool> = doc["blobs"].as_array().unwrap().iter().map(|b| b["orphan"].as_bool().unwrap()).collect();
    assert_eq!(orphans, [false, true]);

    fidoctl_on(&server, PIN, &["--yes", "blobs", "clear", "--orphans"]).success();
    let listed = host.fido2("fido2-token", &["-L", "-b"], &format!("{PIN}\n")).ok(&server).to_string();
    assert_eq!(entries(&listed), vec![(fidoctl[0].0, alice_blob.len() as u64)], "{listed}");
    host.fido2("fido2-token", &["-G", "-b", "-k", "alice.key", "alice.again"], "").ok(&server);
    assert_eq!(host.read("alice.again"), alice_blob);
}

#[test]
fn fido2_token_lists_renames_and_removes_the_finger_fidoctl_enrolled() {
    use fidoctl::client::bio::BioEnrollment;
    // A sensor key (set in the state file: `virtual create --bio` belongs to the command layer).
    let server =
        VirtualKeyServer::start_prepared(&["--profile", "ctap2.1"], &[("FIDOCTL_VIRTUAL_BIO_REQUIRED", "2")], |key| {
            let mut state: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(key).unwrap()).unwrap();
            state["identity"]["bio"] = serde_json::Value::Bool(true);
            std::fs::write(key, state.to_string()).unwrap();
        });
    let host = Host::new(&server);
    let be = |auth: &mut Authenticator| {
        let session = start_session(auth).unwrap();
        get_token(auth, &session, PIN.as_bytes(), permission::BIO_ENROLLMENT, None).unwrap()
    };
    let id = {
        let mut auth = connect(&server);
        let session = start_session(&mut auth).unwrap();
        set_pin(&mut auth, &session, PIN.as_bytes()).unwrap();
        auth.refresh_info().unwrap();
        let token = be(&mut auth);
        let mut bio = BioEnrollment::open(&mut auth).unwrap();
        let (id, mut sample) = bio.enroll_begin(&token, None).unwrap();
        while !sample.is_last() {
            sample = bio.enroll_capture_next(&token, &id, None).unwrap();
        }
        bio.set_friendly_name(&token, &id, "fidoctl finger").unwrap();
        id
    };
    let listed = host.fido2("fido2-token", &["-L", "-e"], &format!("{PIN}\n")).ok(&server).to_string();
    let b64 = STANDARD.encode(&id);
    assert!(
        listed.lines().any(|l| l.contains(&b64) && l.contains("fidoctl finger")),
        "fido2-token -L -e lists fidoctl's finger {b64}:\n{listed}"
    );
    host.fido2("fido2-token", &["-S", "-e", "-i", &b64, "-n", "renamed by libfido2"], &format!("{PIN}\n")).ok(&server);
    {
        let mut auth = connect(&server);
        let token = be(&mut auth);
        let names: Vec<_> =
            BioEnrollment::open(&mut auth).unwrap().enumerate(&token).unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(names, [Some("renamed by libfido2".to_string())]);
    }
    host.fido2("fido2-token", &["-D", "-e", "-i", &b64], &format!("{PIN}\n")).ok(&server);
    let mut auth = connect(&server);
    let token = be(&mut auth);
    assert_eq!(BioEnrollment::open(&mut auth).unwrap().enumerate(&token).unwrap(), vec![]);
}
