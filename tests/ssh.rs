//! SSH keys on virtual keys: `creds list` shows OpenSSH's `ssh:` credentials as SSH keys,
//! `ssh list` is the short view, and `ssh export` writes the files `ssh-keygen -K` writes.
//! OpenSSH's own `ssh-keygen` (package openssh-client) checks the results.

mod common;

use common::cli::{expect_error, TempKeys, VirtualKeyFile};
use common::creds::creds_list;
use common::schema::{ListedCredential, SshKey};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

const PIN: &str = "ssh-pin-2718";

/// A key with an Ed25519 SSH key for `ssh:`, an ES256 one for `ssh:work`, and a web credential.
fn key_with_ssh_credentials(keys: &TempKeys) -> VirtualKeyFile {
    let key = keys.create_with_pin("key.json", &[], PIN);
    for args in [
        &["--rp", "ssh:", "--alg", "eddsa"][..],
        &["--rp", "ssh:work", "--alg", "es256"][..],
        &["--rp", "example.com"][..],
    ] {
        let mut all = vec!["make-credential", "--resident", "--user-name", "alice"];
        all.extend_from_slice(args);
        key.run_with_pin(PIN, &all).success();
    }
    key
}

/// `ssh-keygen ARGS`, which must succeed; its stdout.
fn ssh_keygen(args: &[&str]) -> String {
    let out =
        Command::new("ssh-keygen").args(args).output().expect("ssh-keygen runs (install openssh-client: .ci/run does)");
    assert!(out.status.success(), "ssh-keygen {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn listed(key: &VirtualKeyFile) -> Vec<(String, ListedCredential)> {
    let doc = creds_list(key, PIN, &[]);
    doc.rps.into_iter().flat_map(|rp| rp.credentials.into_iter().map(move |c| (rp.rp_id.clone(), c))).collect()
}

fn ssh_of<'a>(all: &'a [(String, ListedCredential)], rp: &str) -> &'a SshKey {
    let (_, c) = all.iter().find(|(r, _)| r == rp).unwrap_or_else(|| panic!("{rp} listed"));
    c.ssh.as_ref().unwrap_or_else(|| panic!("{rp} has an ssh object"))
}

#[test]
fn creds_list_shows_ssh_credentials_as_ssh_keys() {
    let keys = TempKeys::new();
    let key = key_with_ssh_credentials(&keys);
    let all = listed(&key);
    let web = all.iter().find(|(r, _)| r == "example.com").expect("the web credential");
    assert_eq!(web.1.ssh, None, "a web credential has ssh: null");

    let ed = ssh_of(&all, "ssh:");
    assert_eq!(ed.application, "ssh:");
    assert!(ed.public_key.starts_with("sk-ssh-ed25519@openssh.com AAAA"), "{ed:?}");
    assert!(ed.fingerprint.starts_with("SHA256:"), "{ed:?}");
    let ec = ssh_of(&all, "ssh:work");
    assert!(ec.public_key.starts_with("sk-ecdsa-sha2-nistp256@openssh.com AAAA"), "{ec:?}");

    // The text view prints the public key line on its own line, ready to copy.
    let text = key.run_with_pin(PIN, &["creds", "list"]);
    text.success();
    assert!(text.stdout.lines().any(|l| l.trim() == ed.public_key), "{}", text.describe());
    assert!(text.stdout.lines().any(|l| l.trim() == ec.public_key), "{}", text.describe());
    assert!(text.stdout.contains(&ed.fingerprint), "{}", text.describe());

    // ssh list: only the two SSH keys, the same objects.
    let short = key.run_with_pin(PIN, &["ssh", "list", "--json"]).value();
    let keys_listed = short["keys"].as_array().expect("keys");
    assert_eq!(keys_listed.len(), 2, "{short}");
    for k in keys_listed {
        let expected = ssh_of(&all, k["application"].as_str().expect("application"));
        assert_eq!(k["public_key"], expected.public_key.as_str());
        assert_eq!(k["fingerprint"], expected.fingerprint.as_str());
    }
    let work = key.run_with_pin(PIN, &["ssh", "list", "--rp", "ssh:work", "--json"]).value();
    assert_eq!(work["keys"].as_array().map(Vec::len), Some(1), "{work}");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("exported file").permissions().mode() & 0o777
}

#[test]
fn ssh_export_writes_files_ssh_keygen_accepts_and_refuses_to_overwrite() {
    let keys = TempKeys::new();
    let key = key_with_ssh_credentials(&keys);
    let all = listed(&key);
    let out = keys.path("export");
    std::fs::create_dir(&out).expect("mkdir");
    let dir = out.to_str().expect("utf-8 path");

    let doc = key.run_with_pin(PIN, &["ssh", "export", "-o", dir, "--json"]).value();
    let exported = doc["exported"].as_array().expect("exported");
    assert_eq!(exported.len(), 2, "{doc}");
    for e in exported {
        let private = Path::new(e["private_key_file"].as_str().expect("private"));
        let public = Path::new(e["public_key_file"].as_str().expect("public"));
        assert_eq!(mode(private), 0o600, "{}", private.display());
        let expected = ssh_of(&all, e["application"].as_str().expect("application"));
        // ssh-keygen reads the private key file and derives the same public key from it.
        let derived = ssh_keygen(&["-y", "-f", private.to_str().expect("path")]);
        let key_part = |l: &str| l.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        assert_eq!(key_part(&derived), key_part(&expected.public_key));
        // ssh-keygen's fingerprint of the .pub is the one creds list printed.
        let printed = ssh_keygen(&["-l", "-f", public.to_str().expect("path")]);
        assert_eq!(printed.split_whitespace().nth(1), Some(expected.fingerprint.as_str()), "{printed}");
    }
    let before: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out)
        .expect("read dir")
        .map(|e| {
            let p = e.expect("entry").path();
            (p.display().to_string(), std::fs::read(&p).expect("read"))
        })
        .collect();
    assert_eq!(before.len(), 4);

    // Again: refused, nothing touched.
    let private = exported[0]["private_key_file"].as_str().expect("private").to_string();
    std::fs::write(&private, "mine\n").expect("overwrite by hand");
    let again = key.run_with_pin(PIN, &["ssh", "export", "-o", dir, "--json"]);
    let err = expect_error(&again, 2, "file_exists");
    assert!(err.error.message.contains(&private), "{}", again.describe());
    assert!(err.error.message.starts_with("Nothing was written: these files already exist: "), "{}", again.describe());
    assert_eq!(
        err.error.hint.as_deref(),
        Some("Move the old files away, export into another folder with -o, or add --force to replace them.")
    );
    assert_eq!(std::fs::read_to_string(&private).expect("read"), "mine\n");

    // --force replaces them, with mode 0600 again.
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    key.run_with_pin(PIN, &["ssh", "export", "-o", dir, "--force"]).success().stdout_has("Wrote ");
    assert_eq!(mode(Path::new(&private)), 0o600);
    for (path, bytes) in &before {
        if *path != private {
            assert_eq!(&std::fs::read(path).expect("read"), bytes, "{path}");
        }
    }
    assert_ne!(std::fs::read_to_string(&private).expect("read"), "mine\n");
}
