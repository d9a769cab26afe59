//! Interop with libfido2: Debian's unmodified fido2-token, fido2-cred and fido2-assert drive a
//! key served by `fidoctl virtual serve`, through the LD_PRELOAD shim in tests/libfido2/ (see
//! tests/common/host_tools.rs). Each check runs for every profile where the feature exists;
//! ctap2.0 has no credential management, and a test says so.
//!
//! Needs `fido2-tools`, `libfido2-dev`, `gcc` (and `util-linux` for setsid): `.ci/run` installs
//! them. Without them the tests fail with the package to install, on purpose.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::host_tools::Host;
use common::interop::VirtualKeyServer;

const AAGUID: &str = "0bd2f1a4-5c6e-4d7f-8a9b-0c1d2e3f4a5b";
const PIN: &str = "4826-first";
const NEW_PIN: &str = "9137-second";

fn serve(profile: &str) -> (VirtualKeyServer, Host) {
    let server = VirtualKeyServer::start_with(&["--profile", profile, "--aaguid", AAGUID]);
    let host = Host::new(&server);
    (server, host)
}

/// `fido2-token -S`: the tool asks for the new PIN twice.
fn set_pin(server: &VirtualKeyServer, host: &Host) {
    host.fido2("fido2-token", &["-S"], &format!("{PIN}\n{PIN}\n")).ok(server);
}

/// The `name: value` line of `fido2-token -I`.
fn info_line<'a>(info: &'a str, name: &str) -> &'a str {
    let prefix = format!("{name}: ");
    info.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("fido2-token -I printed no {name} line:\n{info}"))
}

fn options(info: &str) -> Vec<String> {
    info_line(info, "options").split(", ").map(str::to_string).collect()
}

/// What fido2-cred -M printed: (credential id, the whole output for -V).
struct MadeCredential {
    id: String,
    output_file: String,
}

/// `fido2-cred -M -r` for `rp`/`user` (PIN from standard input), then `fido2-cred -V` on its
/// output, which must verify and yields the public key PEM in `<name>.pub`.
fn make_resident(server: &VirtualKeyServer, host: &Host, name: &str, rp: &str, user: &str) -> MadeCredential {
    let input = format!(
        "{}\n{rp}\n{user}\n{}\n",
        STANDARD.encode([name.len() as u8; 32]),
        STANDARD.encode(format!("{user:<16}").as_bytes())
    );
    let input_file = format!("{name}.cred-in");
    let output_file = format!("{name}.cred");
    host.write(&input_file, &input);
    host.fido2("fido2-cred", &["-M", "-r", "-i", &input_file, "-o", &output_file], &format!("{PIN}\n")).ok(server);
    let made = host.read(&output_file);
    let lines: Vec<&str> = made.lines().collect();
    assert!(lines.len() >= 6, "fido2-cred -M wrote too little:\n{made}");
    assert_eq!(lines[1], rp, "{made}");
    assert_eq!(lines[2], "packed", "{made}");

    let public = format!("{name}.pub");
    host.run("fido2-cred", &["-V", "-i", &output_file, "-o", &public], "").ok(server);
    let verified = host.read(&public);
    assert_eq!(verified.lines().next(), Some(lines[4]), "-V names the credential it verified");
    assert!(verified.contains("-----BEGIN PUBLIC KEY-----"), "{verified}");
    MadeCredential { id: lines[4].to_string(), output_file }
}

/// `fido2-assert -G` for a credential; `fido2-assert -V` with its public key must verify,
/// and must refuse the same assertion under another client data hash.
fn assert_and_verify(server: &VirtualKeyServer, host: &Host, name: &str, rp: &str, cred: &MadeCredential) {
    let input_file = format!("{name}.assert-in");
    let output_file = format!("{name}.assert");
    host.write(&input_file, &format!("{}\n{rp}\n{}\n", STANDARD.encode([0x5a; 32]), cred.id));
    host.fido2("fido2-assert", &["-G", "-i", &input_file, "-o", &output_file], &format!("{PIN}\n")).ok(server);
    let public = format!("{name}.pub");
    host.run("fido2-assert", &["-V", "-i", &output_file, &public, "es256"], "").ok(server);

    let assertion = host.read(&output_file);
    let mut lines: Vec<String> = assertion.lines().map(str::to_string).collect();
    lines[0] = STANDARD.encode([0xa5; 32]);
    host.write("tampered.assert", &(lines.join("\n") + "\n"));
    host.run("fido2-assert", &["-V", "-i", "tampered.assert", &public, "es256"], "").failed(server);
    assert!(!cred.output_file.is_empty());
}

// --- fido2-token -I, -S, -C ------------------------------------------------------------------

/// `versions`: what getInfo must list, sorted.
fn token_info_and_pins(profile: &str, versions: &[&str]) {
    let (server, host) = serve(profile);
    // -L lists the one device the shim offers, under the socket's path.
    let listed = host.run("fido2-token", &["-L"], "").ok(&server).to_string();
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.starts_with(&format!("{}: ", host.device())), "{listed}");

    let info = host.fido2("fido2-token", &["-I"], "").ok(&server).to_string();
    assert_eq!(info_line(&info, "aaguid"), AAGUID.replace('-', ""), "{info}");
    let mut reported: Vec<&str> = info_line(&info, "version strings").split(", ").collect();
    reported.sort_unstable();
    assert_eq!(reported, versions, "{info}");
    assert!(options(&info).contains(&"noclientPin".to_string()), "{info}");

    set_pin(&server, &host);
    let info = host.fido2("fido2-token", &["-I"], "").ok(&server).to_string();
    assert!(options(&info).contains(&"clientPin".to_string()), "{info}");
    assert_eq!(info_line(&info, "pin retries"), "8", "{info}");

    // -C asks for the current PIN, then the new one twice.
    host.fido2("fido2-token", &["-C"], &format!("{PIN}\n{NEW_PIN}\n{NEW_PIN}\n")).ok(&server);
    let refused = host.fido2("fido2-token", &["-C"], &format!("{PIN}\n{PIN}\n{PIN}\n"));
    assert!(refused.failed(&server).contains("FIDO_ERR_PIN_INVALID"), "the old PIN is gone: {}", refused.stderr);
    host.fido2("fido2-token", &["-C"], &format!("{NEW_PIN}\n{PIN}\n{PIN}\n")).ok(&server);
    let info = host.fido2("fido2-token", &["-I"], "").ok(&server).to_string();
    assert_eq!(info_line(&info, "pin retries"), "8", "a right PIN restores the retries: {info}");
}

/// A CTAP 2.1 key also lists FIDO_2_1_PRE (as real ones do, and as libfido2 needs for
/// credential management): fails until the ctap2.1 profile does (issue 12).
#[test]
fn fido2_token_info_and_pins_ctap2_1() {
    token_info_and_pins("ctap2.1", &["FIDO_2_0", "FIDO_2_1", "FIDO_2_1_PRE"]);
}

#[test]
fn fido2_token_info_and_pins_ctap2_1_pre() {
    token_info_and_pins("ctap2.1-pre", &["FIDO_2_0", "FIDO_2_1_PRE"]);
}

#[test]
fn fido2_token_info_and_pins_ctap2_0() {
    token_info_and_pins("ctap2.0", &["FIDO_2_0"]);
}

// --- fido2-cred -M -r / -V, fido2-assert -G / -V -------------------------------------------

fn credential_and_assertion(profile: &str) {
    let (server, host) = serve(profile);
    set_pin(&server, &host);
    let cred = make_resident(&server, &host, "alice", "example.org", "alice");
    assert_and_verify(&server, &host, "alice", "example.org", &cred);
}

#[test]
fn fido2_cred_and_fido2_assert_ctap2_1() {
    credential_and_assertion("ctap2.1");
}

#[test]
fn fido2_cred_and_fido2_assert_ctap2_1_pre() {
    credential_and_assertion("ctap2.1-pre");
}

#[test]
fn fido2_cred_and_fido2_assert_ctap2_0() {
    credential_and_assertion("ctap2.0");
}

// --- fido2-token -I -c, -L -r, -L -k, -D -i --------------------------------------------------

fn credential_management(profile: &str) {
    let (server, host) = serve(profile);
    set_pin(&server, &host);
    let pin = format!("{PIN}\n");
    let alice = make_resident(&server, &host, "alice", "example.org", "alice");
    let bob = make_resident(&server, &host, "bob", "example.com", "bob");

    let counts = host.fido2("fido2-token", &["-I", "-c"], &pin).ok(&server).to_string();
    assert!(counts.contains("existing rk(s): 2"), "{counts}");

    let rps = host.fido2("fido2-token", &["-L", "-r"], &pin).ok(&server).to_string();
    let mut rp_ids: Vec<&str> = rps.lines().filter_map(|l| l.split(' ').nth(2)).collect();
    rp_ids.sort_unstable();
    assert_eq!(rp_ids, ["example.com", "example.org"], "{rps}");

    let keys = host.fido2("fido2-token", &["-L", "-k", "example.org"], &pin).ok(&server).to_string();
    assert_eq!(keys.lines().count(), 1, "{keys}");
    assert!(keys.contains(&alice.id) && !keys.contains(&bob.id), "{keys}");
    assert!(keys.contains(&STANDARD.encode(format!("{:<16}", "alice").as_bytes())), "the user id: {keys}");

    host.fido2("fido2-token", &["-D", "-i", &alice.id], &pin).ok(&server);
    let counts = host.fido2("fido2-token", &["-I", "-c"], &pin).ok(&server).to_string();
    assert!(counts.contains("existing rk(s): 1"), "{counts}");
    let rps = host.fido2("fido2-token", &["-L", "-r"], &pin).ok(&server).to_string();
    assert!(rps.contains("example.com") && !rps.contains("example.org"), "{rps}");
    // The deleted credential no longer signs.
    host.write("gone.assert-in", &format!("{}\nexample.org\n{}\n", STANDARD.encode([1; 32]), alice.id));
    host.fido2("fido2-assert", &["-G", "-i", "gone.assert-in"], &pin).failed(&server);
}

/// Fails until the ctap2.1 profile answers libfido2's preview command 0x41 (issue 12).
#[test]
fn fido2_token_credential_management_ctap2_1() {
    credential_management("ctap2.1");
}

#[test]
fn fido2_token_credential_management_ctap2_1_pre() {
    credential_management("ctap2.1-pre");
}

/// The feature does not exist on a CTAP 2.0 key: it is not advertised, and libfido2 is refused.
#[test]
fn fido2_token_credential_management_is_absent_on_ctap2_0() {
    let (server, host) = serve("ctap2.0");
    set_pin(&server, &host);
    let info = host.fido2("fido2-token", &["-I"], "").ok(&server).to_string();
    assert!(!info.contains("credMgmt") && !info.contains("credentialMgmtPreview"), "{info}");
    host.fido2("fido2-token", &["-L", "-r"], &format!("{PIN}\n")).failed(&server);
}

// --- fido2-token -R --------------------------------------------------------------------------

fn reset(profile: &str) {
    let (server, host) = serve(profile);
    set_pin(&server, &host);
    let cred = make_resident(&server, &host, "alice", "example.org", "alice");
    host.fido2("fido2-token", &["-R"], "").ok(&server);

    let info = host.fido2("fido2-token", &["-I"], "").ok(&server).to_string();
    assert!(options(&info).contains(&"noclientPin".to_string()), "the PIN is gone: {info}");
    host.write("after-reset.assert-in", &format!("{}\nexample.org\n{}\n", STANDARD.encode([2; 32]), cred.id));
    let gone = host.fido2("fido2-assert", &["-G", "-i", "after-reset.assert-in"], "");
    assert!(gone.failed(&server).contains("FIDO_ERR_NO_CREDENTIALS"), "{}", gone.stderr);
}

#[test]
fn fido2_token_reset_ctap2_1() {
    reset("ctap2.1");
}

#[test]
fn fido2_token_reset_ctap2_1_pre() {
    reset("ctap2.1-pre");
}

#[test]
fn fido2_token_reset_ctap2_0() {
    reset("ctap2.0");
}

// --- the harness itself ----------------------------------------------------------------------

/// A tool that is not installed fails the test with the package to install; nothing skips.
#[test]
fn a_missing_tool_fails_naming_its_package() {
    let failure = std::panic::catch_unwind(|| common::host_tools::require("fido2-token-not-here", "fido2-tools"))
        .expect_err("a missing tool must fail the test");
    let message = failure.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("fido2-token-not-here") && message.contains("apt-get install fido2-tools"), "{message}");
    // And one that is installed is found.
    assert!(common::host_tools::require("sh", "dash").is_file());
}
