//! Interop with OpenSSH: Debian's unmodified ssh-keygen (and its ssh-sk-helper, on libfido2)
//! makes resident SSH keys on a key served by `fidoctl virtual serve`, downloads them
//! (`ssh-keygen -K`), signs and verifies with them; `fidoctl creds delete` removes one. And
//! fidoctl's `ssh` module, fed the COSE keys that credential management returns (read here
//! with python-fido2, independent of fidoctl's client), must agree with ssh-keygen byte for
//! byte: public key lines, `ssh-keygen -l` fingerprints, the `-K` file names and `.pub`
//! files, and private key files that ssh-keygen accepts and signs with.
//!
//! Needs `openssh-client`, `fido2-tools`, `libfido2-dev`, `gcc` and the interop venv
//! (python-fido2): `.ci/run` sets them up. Without them the tests fail, naming what to install.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::cli::{run_on, FIDOCTL};
use common::host_tools::Host;
use common::interop::{python, run_python_with, VirtualKeyServer};
use fidoctl::proto::cose::CoseKey;
use fidoctl::ssh::{ResidentSshKey, SkAlgorithm, SkPublicKey};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const PIN: &str = "5819-ssh";
const MESSAGE: &str = "deploy production 2026-12-03\n";

/// One resident credential as credential management reports it.
struct Listed {
    rp_id: String,
    credential_id: String,
    key: ResidentSshKey,
}

/// The key's discoverable credentials, read by python-fido2 (tests/libfido2/list_credentials.py).
fn list_with_python_fido2(server: &VirtualKeyServer) -> Vec<Listed> {
    let python = python();
    let run = run_python_with(&python, &["tests/libfido2/list_credentials.py"], &[("FIDOCTL_TEST_PIN", PIN)], server);
    run.assert_success(server);
    let json_line = run.output.lines().rfind(|l| l.starts_with('[')).expect("the listing's JSON line");
    let listed: Vec<serde_json::Value> = serde_json::from_str(json_line).expect("the listing is JSON");
    listed
        .iter()
        .map(|c| {
            let field = |name: &str| c[name].as_str().unwrap_or_else(|| panic!("{name} in {c}")).to_string();
            let bytes = |name: &str| URL_SAFE_NO_PAD.decode(field(name)).expect("base64url");
            let cose = fidoctl::proto::cbor::decode(&bytes("public_key_cose")).expect("COSE key CBOR");
            let cose = CoseKey::from_value(&cose).expect("a COSE key");
            let rp_id = field("rp_id");
            let public = SkPublicKey::from_cose(&cose, &rp_id).expect("an SSH key");
            let cred_protect = c["cred_protect"].as_u64().map(|p| p as u8);
            let key = ResidentSshKey::new(public, &bytes("credential_id"), &bytes("user_id"), cred_protect);
            Listed { rp_id, credential_id: field("credential_id"), key }
        })
        .collect()
}

fn mkdir(host: &Host, name: &str) -> PathBuf {
    let dir = host.path(name);
    std::fs::create_dir_all(&dir).expect("make a directory");
    dir
}

/// The names of the files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read a directory")
        .map(|e| e.expect("directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `TYPE BASE64` of a public key line (without its comment).
fn key_part(line: &str) -> String {
    line.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

/// A private key file's bytes with its two check integers (random in ssh-keygen) zeroed.
fn without_check_integers(file: &str) -> Vec<u8> {
    let body: String = file.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut bytes = base64::engine::general_purpose::STANDARD.decode(body).expect("base64 key file");
    let u32_at = |b: &[u8], at: usize| u32::from_be_bytes(b[at..at + 4].try_into().expect("4 bytes")) as usize;
    // "openssh-key-v1\0", "none", "none", "", nkeys, public blob, then the private section.
    let at = 15 + 8 + 8 + 4 + 4;
    let at = at + 4 + u32_at(&bytes, at) + 4;
    bytes[at..at + 8].fill(0);
    bytes
}

/// `ssh-keygen -Y sign` with `key_file` (a touch), then `-Y verify` against
/// `public_line` as alice's allowed signer; a changed message must not verify.
/// `pin`: what the askpass answers if ssh-keygen asks (only verify-required keys need it).
fn sign_and_verify(server: &VirtualKeyServer, host: &Host, dir: &Path, key_file: &str, public_line: &str, pin: &str) {
    let message = dir.join("message.txt");
    std::fs::write(&message, MESSAGE).expect("write the message");
    host.ssh_keygen(dir, &["-Y", "sign", "-f", key_file, "-n", "file", "message.txt"], pin).ok(server);
    std::fs::write(dir.join("allowed_signers"), format!("alice@example.org {public_line}\n")).expect("allowed signers");
    let verify = ["-Y", "verify", "-f", "allowed_signers", "-I", "alice@example.org", "-n", "file", "-s"];
    let verify: Vec<&str> = verify.iter().copied().chain(["message.txt.sig"]).collect();
    let good = host.run_in(dir, "ssh-keygen", &verify, MESSAGE, "");
    assert!(good.ok(server).contains("Good \"file\" signature for alice@example.org"), "{}", good.stdout);
    host.run_in(dir, "ssh-keygen", &verify, "deploy staging\n", "").failed(server);
}

fn ssh_keys(profile: &str) {
    let server = VirtualKeyServer::start_with(&["--profile", profile]);
    let host = Host::new(&server);
    host.fido2("fido2-token", &["-S"], &format!("{PIN}\n{PIN}\n")).ok(&server);

    // Two resident keys, as an administrator makes them.
    let made = mkdir(&host, "made");
    let ed_args = ["-t", "ed25519-sk", "-O", "resident", "-O", "user=alice", "-N", "", "-f", "id_ed25519_sk"];
    host.ssh_keygen(&made, &[&ed_args[..], &["-C", "alice@laptop"]].concat(), PIN).ok(&server);
    let ec_args = ["-t", "ecdsa-sk", "-O", "resident", "-O", "application=ssh:work", "-N", "", "-f", "id_ecdsa_sk"];
    host.ssh_keygen(&made, &ec_args, PIN).ok(&server);

    // fidoctl's view of them, from the COSE keys on the key.
    let listed = list_with_python_fido2(&server);
    let mut rp_ids: Vec<&str> = listed.iter().map(|l| l.rp_id.as_str()).collect();
    rp_ids.sort_unstable();
    assert_eq!(rp_ids, ["ssh:", "ssh:work"]);
    let ed = listed.iter().find(|l| l.rp_id == "ssh:").expect("the ed25519 key");
    let ec = listed.iter().find(|l| l.rp_id == "ssh:work").expect("the ecdsa key");
    assert_eq!(ed.key.public.algorithm(), SkAlgorithm::Ed25519);
    assert_eq!(ec.key.public.algorithm(), SkAlgorithm::EcdsaP256);
    assert_eq!(ed.key.user().as_deref(), Some("alice"));
    assert_eq!(ec.key.user(), None);

    // The public key lines and fingerprints equal what ssh-keygen wrote and prints.
    for (listed, pub_file) in [(ed, "id_ed25519_sk.pub"), (ec, "id_ecdsa_sk.pub")] {
        let written = std::fs::read_to_string(made.join(pub_file)).expect("ssh-keygen's .pub");
        assert_eq!(listed.key.public.to_openssh(), key_part(&written), "{pub_file}");
        let printed = host.ssh_keygen(&made, &["-l", "-f", pub_file], "").ok(&server).to_string();
        assert_eq!(printed.split_whitespace().nth(1), Some(listed.key.public.fingerprint().as_str()), "{printed}");
    }

    // ssh-keygen -K downloads both, under the names fidoctl predicts, with the same .pub.
    let downloaded = mkdir(&host, "downloaded");
    let download = host.ssh_keygen(&downloaded, &["-K", "-N", ""], PIN);
    download.ok(&server);
    let mut expected: Vec<String> =
        [ed, ec].iter().flat_map(|l| [l.key.file_name(), format!("{}.pub", l.key.file_name())]).collect();
    expected.sort();
    assert_eq!(files_in(&downloaded), expected, "ssh-keygen -K said:\n{}", download.stderr);
    for l in [ed, ec] {
        let read = |name: String| std::fs::read_to_string(downloaded.join(name)).expect("a file ssh-keygen -K wrote");
        assert_eq!(read(format!("{}.pub", l.key.file_name())), l.key.public_key_file());
        // The private key file too, but for the random check integers: key, application,
        // flags (touch, resident), key handle, comment, padding.
        assert_eq!(without_check_integers(&read(l.key.file_name())), without_check_integers(&l.key.private_key_file()));
    }

    // The private key files fidoctl writes: ssh-keygen reads them and signs with them.
    let ours = mkdir(&host, "ours");
    for l in [ed, ec] {
        let path = ours.join(l.key.file_name());
        std::fs::write(&path, l.key.private_key_file()).expect("write our key file");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
        let derived = host.ssh_keygen(&ours, &["-y", "-f", &l.key.file_name()], "").ok(&server).to_string();
        assert_eq!(key_part(&derived), l.key.public.to_openssh(), "ssh-keygen -y on our file");
    }
    sign_and_verify(&server, &host, &ours, &ed.key.file_name(), &ed.key.public.to_openssh(), "");
    // A key ssh-keygen downloaded signs; the line fidoctl computed verifies it.
    sign_and_verify(&server, &host, &downloaded, &ec.key.file_name(), &ec.key.public.to_openssh(), "");

    // A lost laptop's key goes: fidoctl deletes it, and -K downloads only the other one.
    let socket = format!("unix:{}", server.socket().display());
    let deleted = run_on(&socket, &[("FIDOCTL_PIN", PIN)], &["creds", "delete", &ec.credential_id, "--yes"]);
    assert_eq!(deleted.code, Some(0), "{} ({FIDOCTL}):\n{}\n{}", deleted.command, deleted.stdout, deleted.stderr);
    let after = mkdir(&host, "after");
    let download = host.ssh_keygen(&after, &["-K", "-N", ""], PIN);
    download.ok(&server);
    let name = ed.key.file_name();
    assert_eq!(files_in(&after), [name.clone(), format!("{name}.pub")], "ssh-keygen -K said:\n{}", download.stderr);
}

/// Fails at `ssh-keygen -K` until the ctap2.1 profile answers libfido2's credential
/// management preview command 0x41 (issue 12): "No keys to download" today.
#[test]
fn ssh_keygen_resident_keys_ctap2_1() {
    ssh_keys("ctap2.1");
}

#[test]
fn ssh_keygen_resident_keys_ctap2_1_pre() {
    ssh_keys("ctap2.1-pre");
}

/// `-O verify-required`: the credential gets credProtect 3, `-K` marks the file as needing
/// the PIN (flags 0x25), and so must fidoctl's file; signing with it asks for the PIN.
fn verify_required_key(profile: &str) {
    let server = VirtualKeyServer::start_with(&["--profile", profile]);
    let host = Host::new(&server);
    host.fido2("fido2-token", &["-S"], &format!("{PIN}\n{PIN}\n")).ok(&server);
    let made = mkdir(&host, "made");
    let args = ["-t", "ed25519-sk", "-O", "resident", "-O", "verify-required", "-O", "application=ssh:prod"];
    host.ssh_keygen(&made, &[&args[..], &["-N", "", "-f", "id_prod"]].concat(), PIN).ok(&server);

    let listed = list_with_python_fido2(&server);
    let [prod] = listed.as_slice() else { panic!("one credential, not {}", listed.len()) };
    assert_eq!(
        prod.key.flags,
        fidoctl::ssh::FLAG_USER_PRESENCE | fidoctl::ssh::FLAG_RESIDENT_KEY | fidoctl::ssh::FLAG_USER_VERIFICATION
    );

    let downloaded = mkdir(&host, "downloaded");
    let download = host.ssh_keygen(&downloaded, &["-K", "-N", ""], PIN);
    download.ok(&server);
    let name = prod.key.file_name();
    assert_eq!(
        files_in(&downloaded),
        [name.clone(), format!("{name}.pub")],
        "ssh-keygen -K said:\n{}",
        download.stderr
    );
    let theirs = std::fs::read_to_string(downloaded.join(&name)).expect("the -K file");
    assert_eq!(without_check_integers(&theirs), without_check_integers(&prod.key.private_key_file()));

    let ours = mkdir(&host, "ours");
    let path = ours.join(&name);
    std::fs::write(&path, prod.key.private_key_file()).expect("write our key file");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
    std::fs::write(ours.join("message.txt"), MESSAGE).expect("write the message");
    // The askpass gives a wrong PIN: the key refuses, so the PIN was really needed.
    host.ssh_keygen(&ours, &["-Y", "sign", "-f", &name, "-n", "file", "message.txt"], "0000-wrong").failed(&server);
    sign_and_verify(&server, &host, &ours, &name, &prod.key.public.to_openssh(), PIN);
}

/// Fails at `ssh-keygen -K` until the ctap2.1 profile answers 0x41 (issue 12).
#[test]
fn ssh_keygen_verify_required_key_ctap2_1() {
    verify_required_key("ctap2.1");
}

#[test]
fn ssh_keygen_verify_required_key_ctap2_1_pre() {
    verify_required_key("ctap2.1-pre");
}
