//! Foundation: the built binary against fresh virtual keys in temp dirs, a served key on a
//! socket, and a U2F-only test double — `virtual create | serve | replug`, `list`, `info`,
//! `select`, `wink`, device selection, exit codes and the JSON documents.
//!
//! Nothing here touches a real key: every command names its devices with `-d` (or
//! FIDOCTL_DEVICE), except the "no key found" tests, which scan HID only on a machine that
//! has no hidraw node at all.

mod common;

use common::cli::{
    error_doc, fidoctl, info_on, no_hid_devices_here, run, run_cmd, run_virtual, text_field, virtual_selector,
    TempKeys, VirtualKeyFile,
};
use common::interop::VirtualKeyServer;
use common::schema::{
    Created, DeviceEntry, DeviceList, ErrorDocument, GetInfo, InfoDocument, Replugged, Selected, Winked,
};
use common::trace::{cbor_commands_sent, CTAP2_GET_INFO, CTAP2_MAKE_CREDENTIAL, CTAP2_SELECTION};
use common::u2f_double::{self, U2fOnlyKey, CAP_WINK, CMD_INIT};
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

const DEFAULT_AAGUID: &str = "6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5";
const NO_KEY: &str = "No security key found.";

// --- virtual create and info --------------------------------------------------------------

#[test]
fn create_then_info_text() {
    let keys = TempKeys::new();
    let path = keys.path("key.json");
    let created = run_virtual("create", &path, &[]);
    created.success().stdout_has(&format!("--device virtual:{}", path.display()));
    let key = VirtualKeyFile { path };

    // -v adds the CTAP option names; a wide terminal keeps each value on one line.
    let info = key.run_env(&[("COLUMNS", "1000")], &["info", "-v"]);
    info.success();
    assert_eq!(text_field(&info, "Device"), key.selector());
    assert_eq!(text_field(&info, "Product"), "fidoctl virtual key");
    assert_eq!(text_field(&info, "AAGUID"), DEFAULT_AAGUID);
    assert_eq!(text_field(&info, "Versions"), "FIDO_2_0 FIDO_2_1_PRE FIDO_2_1");
    assert_eq!(text_field(&info, "PIN"), "not set");
    assert_eq!(text_field(&info, "PIN protocols"), "2 1");
    assert_eq!(text_field(&info, "Algorithms"), "ES256 EdDSA");
    assert!(text_field(&info, "CTAPHID").contains("cbor"), "{}", info.describe());
    assert_eq!(text_field(&info, "Always require UV"), "off");
    let options = text_field(&info, "CTAP options");
    for opt in ["clientPin=false", "credMgmt=true", "pinUvAuthToken=true", "rk=true", "up=true"] {
        assert!(options.split(' ').any(|o| o == opt), "{opt} missing from {options:?}");
    }
    // Without -v the text speaks plain words only.
    let plain = key.run(&["info"]);
    assert!(!plain.stdout.contains("clientPin="), "{}", plain.describe());
}

#[test]
fn create_json_document() {
    let keys = TempKeys::new();
    let path = keys.path("key.json");
    let out = run_virtual("create", &path, &["--json"]);
    out.success();
    let doc: Created = out.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.file, path.display().to_string());
    assert_eq!(doc.device, virtual_selector(&path));
    assert_eq!(doc.profile, "ctap2.1");
    assert_eq!(doc.aaguid, DEFAULT_AAGUID);
}

#[test]
fn info_json_document() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let doc = info_on(&key.selector());

    let d = &doc.device;
    assert_eq!(d.path, key.selector());
    assert_eq!(d.backend, "virtual");
    assert_eq!(d.product.as_deref(), Some("fidoctl virtual key"));
    assert_eq!(d.vid_pid, None);
    assert_eq!(d.aaguid.as_deref(), Some(DEFAULT_AAGUID));
    assert_eq!(d.model.as_deref(), Some("fidoctl virtual key"));
    assert_eq!(doc.firmware.as_deref(), Some("1.0.0"));

    // CBOR and WINK; NMSG (no U2F), so no "msg".
    assert_eq!(doc.ctaphid.protocol_version, 2);
    assert_eq!(doc.ctaphid.device_version, "1.0.0");
    assert_eq!(doc.ctaphid.capabilities, ["wink", "cbor"]);

    let info = doc.get_info();
    assert_eq!(info.aaguid, DEFAULT_AAGUID);
    assert_eq!(info.versions, ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"]);
    assert_eq!(info.max_msg_size, Some(7609));
    assert_eq!(info.algorithms.iter().map(|a| a.alg).collect::<Vec<_>>(), [-7, -8]);
    assert_eq!(info.algorithms.iter().map(|a| a.name.as_deref()).collect::<Vec<_>>(), [Some("ES256"), Some("EdDSA")]);
    assert!(info.algorithms.iter().all(|a| a.kind == "public-key"));

    let pin = doc.pin.as_ref().expect("pin state");
    assert!(pin.supported && !pin.set && !pin.force_change);
    assert_eq!(pin.blocked, None, "no PIN: blocked is not applicable");
    assert_eq!(pin.retries, None, "no PIN, so no retry counter is read");
    assert_eq!(pin.min_length, Some(4));
}

/// What `info --json` says for a key of `profile`.
fn profile_info(profile: &str) -> InfoDocument {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &["--profile", profile]);
    info_on(&key.selector())
}

#[test]
fn profile_ctap2_1_get_info() {
    let doc = profile_info("ctap2.1");
    let info = doc.get_info();
    assert_eq!(info.versions, ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"]);
    assert_eq!(info.pin_uv_auth_protocols, [2, 1]);
    assert_eq!(info.option("credMgmt"), Some(true));
    assert_eq!(info.option("pinUvAuthToken"), Some(true));
    assert_eq!(info.option("authnrCfg"), Some(true));
    // As real 2.1 keys do, for hosts (libfido2 up to 1.14) that use only the preview.
    assert_eq!(info.option("credentialMgmtPreview"), Some(true));
    assert_eq!(info.option("clientPin"), Some(false));
    assert_eq!(info.min_pin_length, Some(4));
    assert_eq!(info.force_pin_change, Some(false));
    assert!(info.extensions.iter().any(|e| e == "minPinLength"), "{:?}", info.extensions);
}

#[test]
fn profile_ctap2_2_get_info() {
    let doc = profile_info("ctap2.2");
    let info = doc.get_info();
    assert_eq!(info.versions, ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1", "FIDO_2_2"]);
    assert_eq!(info.option("perCredMgmtRO"), Some(true));
    assert_eq!(info.option("credMgmt"), Some(true));
}

#[test]
fn profile_ctap2_1_is_the_default() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let default = info_on(&key.selector());
    assert_eq!(default.get_info().versions, profile_info("ctap2.1").get_info().versions);
    assert_eq!(default.get_info().options, profile_info("ctap2.1").get_info().options);
}

#[test]
fn profile_ctap2_1_pre_get_info() {
    let doc = profile_info("ctap2.1-pre");
    let info = doc.get_info();
    assert_eq!(info.versions, ["FIDO_2_0", "FIDO_2_1_PRE"]);
    assert_eq!(info.pin_uv_auth_protocols, [1]);
    assert_eq!(info.option("credentialMgmtPreview"), Some(true));
    assert_eq!(info.option("credMgmt"), None);
    assert_eq!(info.option("pinUvAuthToken"), None, "getPinToken only");
    assert_eq!(info.option("clientPin"), Some(false));
    assert_eq!(doc.device.model.as_deref(), Some("fidoctl virtual key"));
}

#[test]
fn profile_ctap2_0_get_info() {
    let doc = profile_info("ctap2.0");
    let info = doc.get_info();
    assert_eq!(info.versions, ["FIDO_2_0"]);
    assert_eq!(info.pin_uv_auth_protocols, [1]);
    for absent in ["credMgmt", "credentialMgmtPreview", "pinUvAuthToken", "authnrCfg"] {
        assert_eq!(info.option(absent), None, "{absent} on a CTAP 2.0 key: {:?}", info.options);
    }
    assert_eq!(info.option("clientPin"), Some(false));
    // CTAP 2.1 fields have no place in a 2.0 key's getInfo.
    assert_eq!(info.min_pin_length, None);
    assert_eq!(info.force_pin_change, None);
}

#[test]
fn identity_knobs_show_in_info() {
    let keys = TempKeys::new();
    let aaguid = "11111111-2222-3333-4444-555555555555";
    let key = keys.create("key.json", &["--aaguid", aaguid, "--firmware", "5.7.1", "--max-resident", "3"]);
    let doc = info_on(&key.selector());
    let info = doc.get_info();
    assert_eq!(info.aaguid, aaguid);
    assert_eq!(doc.device.aaguid.as_deref(), Some(aaguid));
    assert_eq!(doc.device.model, None, "an AAGUID no model list knows");
    assert_eq!(info.firmware_version, Some(0x05_07_01));
    assert_eq!(doc.firmware.as_deref(), Some("5.7.1"));
    assert_eq!(doc.ctaphid.device_version, "5.7.1");
    assert_eq!(info.remaining_discoverable_credentials, Some(3));

    let text = key.run(&["info"]);
    text.success();
    assert_eq!(text_field(&text, "Firmware"), "5.7.1");
    assert_eq!(text_field(&text, "Free credential slots"), "3");
    assert_eq!(text_field(&text, "AAGUID"), aaguid);

    // An integer firmware is taken as is.
    let int_key = keys.create("int.json", &["--firmware", "329472"]);
    assert_eq!(info_on(&int_key.selector()).get_info().firmware_version, Some(329472));
}

#[test]
fn bad_identity_knobs_are_usage_errors_and_create_nothing() {
    let keys = TempKeys::new();
    let path = keys.path("key.json");
    for bad in [["--aaguid", "not-a-uuid"], ["--firmware", "five"], ["--profile", "ctap3"]] {
        run_virtual("create", &path, &bad).expect_code(2);
        assert!(!path.exists(), "{bad:?} left a state file behind");
    }
}

// --- list -------------------------------------------------------------------------------

#[test]
fn list_two_virtual_keys() {
    let keys = TempKeys::new();
    let a = keys.create("a.json", &[]);
    let b = keys.create("b.json", &["--profile", "ctap2.0", "--aaguid", "11111111-2222-3333-4444-555555555555"]);

    // Wide enough for the full table with these long temporary paths.
    let text =
        run_cmd(fidoctl().env("COLUMNS", "1000").args(["--device", &a.selector(), "--device", &b.selector(), "list"]));
    text.success().stdout_has(&a.selector()).stdout_has(&b.selector()).stdout_has(DEFAULT_AAGUID);
    assert!(text.stdout.contains("FIDO_2_0 FIDO_2_1_PRE FIDO_2_1"), "{}", text.describe());

    let json = run(["--device", &a.selector(), "--device", &b.selector(), "list", "--json"]);
    json.success();
    let doc: DeviceList = json.json();
    assert_eq!(doc.schema_version, 1);
    let paths: Vec<&str> = doc.devices.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, [a.selector(), b.selector()], "in the order given");
    assert_eq!(doc.devices[0].versions, ["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"]);
    assert_eq!(doc.devices[1].versions, ["FIDO_2_0"]);
    assert_eq!(doc.devices[1].aaguid.as_deref(), Some("11111111-2222-3333-4444-555555555555"));
    for d in &doc.devices {
        assert_eq!(d.backend, "virtual");
        assert!(!d.u2f_only && d.error.is_none());
    }
}

/// DESIGN.md: global options are accepted before or after the subcommand, and `-d` is
/// repeatable, so selectors on both sides add up (clap alone keeps only the later ones).
#[test]
fn devices_before_and_after_the_subcommand_add_up() {
    let keys = TempKeys::new();
    let a = keys.create("a.json", &[]);
    let b = keys.create("b.json", &[]);
    let out = run(["--device", &a.selector(), "list", "--device", &b.selector(), "--json"]);
    out.success();
    let paths: Vec<String> = out.json::<DeviceList>().devices.into_iter().map(|d| d.path).collect();
    assert_eq!(paths, [a.selector(), b.selector()], "\n{}", out.describe());
    // For a one-key command that is two keys: ambiguous, never silently the second one.
    run(["-d", &a.selector(), "info", "-d", &b.selector()]).expect_code(3).stderr_has(&a.selector());
}

#[test]
fn list_names_a_key_once_when_given_twice() {
    let keys = TempKeys::new();
    let a = keys.create("a.json", &[]);
    let out = run(["-d", &a.selector(), "-d", &a.selector(), "list", "--json"]);
    out.success();
    assert_eq!(out.json::<DeviceList>().devices.len(), 1);
}

#[test]
fn list_with_no_key_found() {
    if !no_hid_devices_here() {
        eprintln!("skipped: this machine has hidraw devices, so `list` without --device would read them");
        return;
    }
    let text = run(["list"]);
    text.expect_code(3);
    assert!(text.stdout.is_empty(), "nothing on stdout\n{}", text.describe());
    let mut lines = text.stderr.lines();
    assert_eq!(lines.next(), Some(format!("fidoctl: {NO_KEY}").as_str()), "{}", text.describe());
    let hint = lines.next().unwrap_or_default();
    assert!(hint.contains("--device"), "the hint says how to name a key: {hint:?}");

    let doc = error_doc(&run(["list", "--json"]), 3);
    assert_eq!(doc.error.code, "no_device");
    assert_eq!(doc.error.message, NO_KEY);
    assert!(doc.error.hint.as_deref().is_some_and(|h| h.contains("--device")), "{:?}", doc.error.hint);

    // A one-key command says the same.
    error_doc(&run(["info", "--json"]), 3);
}

#[test]
fn list_reports_an_unreadable_key_beside_the_others() {
    let keys = TempKeys::new();
    let good = keys.create("good.json", &[]);
    let bad_path = keys.path("bad.json");
    std::fs::write(&bad_path, b"{\"format\": \"fidoctl-virtual-key\", \"vers").unwrap();
    let out = run(["-d", &good.selector(), "-d", &virtual_selector(&bad_path), "list", "--json"]);
    // An unreadable key is listed with its error; a damaged state file is a device problem (exit 3).
    out.expect_code(3);
    let doc: DeviceList = out.json();
    assert_eq!(doc.devices.len(), 2);
    assert!(doc.devices[0].error.is_none());
    let err = doc.devices[1].error.as_ref().expect("the damaged key carries its error");
    assert!(err.message.contains("damaged"), "{}", err.message);
    assert_eq!(std::fs::read(&bad_path).unwrap(), b"{\"format\": \"fidoctl-virtual-key\", \"vers");
}

// --- one-key commands and device selection ------------------------------------------------

#[test]
fn info_with_two_devices_is_ambiguous() {
    let keys = TempKeys::new();
    let a = keys.create("a.json", &[]);
    let b = keys.create("b.json", &[]);
    let text = run(["-d", &a.selector(), "-d", &b.selector(), "info"]);
    text.expect_code(3).stderr_has(&a.selector()).stderr_has(&b.selector()).stderr_has("--device");
    assert!(text.stdout.is_empty(), "{}", text.describe());

    let doc = error_doc(&run(["-d", &a.selector(), "-d", &b.selector(), "info", "--json"]), 3);
    assert_eq!(doc.error.code, "ambiguous_device");
    assert!(doc.error.message.contains(&a.selector()) && doc.error.message.contains(&b.selector()));
}

#[test]
fn fidoctl_device_env_is_a_comma_separated_list() {
    let keys = TempKeys::new();
    let a = keys.create("a.json", &[]);
    let b = keys.create("b.json", &[]);
    let both = format!("{},{}", a.selector(), b.selector());

    let list = run_cmd(fidoctl().env("FIDOCTL_DEVICE", &both).args(["list", "--json"]));
    list.success();
    let paths: Vec<String> = list.json::<DeviceList>().devices.into_iter().map(|d| d.path).collect();
    assert_eq!(paths, [a.selector(), b.selector()]);

    // Like two -d: a one-key command refuses and names both.
    run_cmd(fidoctl().env("FIDOCTL_DEVICE", &both).arg("info"))
        .expect_code(3)
        .stderr_has(&a.selector())
        .stderr_has(&b.selector());

    // -d wins over the environment.
    let one = run_cmd(fidoctl().env("FIDOCTL_DEVICE", &both).args(["-d", &b.selector(), "info", "--json"]));
    one.success();
    assert_eq!(one.json::<InfoDocument>().device.path, b.selector());
}

#[test]
fn missing_virtual_key_file() {
    let keys = TempKeys::new();
    let missing = virtual_selector(&keys.path("nothing.json"));
    run(["-d", &missing, "info"]).expect_code(3).stderr_has("does not exist").stderr_has("fidoctl virtual create");
    let doc = error_doc(&run(["-d", &missing, "info", "--json"]), 3);
    assert!(doc.error.message.contains("nothing.json"), "{}", doc.error.message);
    run_virtual("replug", &keys.path("nothing.json"), &[]).expect_code(3);
    assert!(!keys.path("nothing.json").exists(), "opening must not create the file");
}

#[test]
fn damaged_state_file_is_reported_and_left_alone() {
    let keys = TempKeys::new();
    let path = keys.path("key.json");
    let sel = virtual_selector(&path);
    let good = {
        keys.create("good.json", &[]);
        std::fs::read(keys.path("good.json")).unwrap()
    };
    let truncated = good[..good.len() / 2].to_vec();
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", truncated),
        ("empty", Vec::new()),
        ("not UTF-8", vec![0xff, 0xfe, 0x00, 0x7b]),
        ("another program's JSON", b"{\"format\": \"something-else\", \"version\": 1}\n".to_vec()),
        (
            "wrong field type",
            String::from_utf8(good.clone())
                .unwrap()
                .replacen("\"pin_retries\": 8", "\"pin_retries\": \"8\"", 1)
                .into_bytes(),
        ),
    ];
    for (what, bytes) in damages {
        std::fs::write(&path, &bytes).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let text = run(["-d", &sel, "info"]);
        text.expect_code(3).stderr_has("damaged").stderr_has("left untouched");
        assert!(text.stdout.is_empty(), "{what}\n{}", text.describe());
        let doc = error_doc(&run(["-d", &sel, "info", "--json"]), 3);
        assert!(doc.error.message.contains(&path.display().to_string()), "{what}: {}", doc.error.message);
        run(["-d", &sel, "wink"]).expect_code(3);
        run_virtual("replug", &path, &[]).expect_code(3);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{what}: the damaged file was changed");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{what}: the damaged file was rewritten");
    }
}

#[test]
fn create_refuses_an_existing_file() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let before = key.bytes();
    let modified = std::fs::metadata(&key.path).unwrap().modified().unwrap();
    let again = run_virtual("create", &key.path, &["--profile", "ctap2.0"]);
    again.expect_code(2).stderr_has("already exists");
    assert_eq!(key.bytes(), before);
    assert_eq!(std::fs::metadata(&key.path).unwrap().modified().unwrap(), modified);

    // Nor does it touch a file that is not a key at all.
    let other = keys.path("notes.txt");
    std::fs::write(&other, "precious").unwrap();
    run_virtual("create", &other, &[]).expect_code(2);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "precious");
}

#[test]
fn state_file_is_private() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let mode = || std::fs::metadata(&key.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(), 0o600);
    // Still so after the key rewrote it.
    key.run(&["wink"]).success();
    run_virtual("replug", &key.path, &[]).success();
    assert_eq!(mode(), 0o600);
    // It says what it is: private keys in the clear, a test device.
    let notice = key.state()["notice"].as_str().unwrap_or_default().to_string();
    assert!(notice.contains("in the clear"), "{notice:?}");
}

#[test]
fn pin_on_the_command_line_is_refused() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let missing = virtual_selector(&keys.path("nothing.json"));
    let sel = key.selector();
    let forms: [&[&str]; 4] = [
        &["--pin", "1234", "-d", &sel, "info"],
        &["-d", &sel, "info", "--pin", "1234"],
        &["-d", &sel, "info", "--pin=1234"],
        // Refused before any key is opened: exit 2, not the missing key's 3.
        &["-d", &missing, "info", "--pin", "1234"],
    ];
    for args in forms {
        let text = run(args);
        text.expect_code(2).stderr_has("ps").stderr_has("--pin-stdin").stderr_has("FIDOCTL_PIN").never_shows("1234");
        assert!(text.stdout.is_empty(), "{}", text.describe());
    }
    let mut json_args = forms[0].to_vec();
    json_args.push("--json");
    let json = run(&json_args);
    let doc = error_doc(&json, 2);
    assert!(doc.error.message.contains("`ps`"), "{}", doc.error.message);
    json.never_shows("1234");
}

// --- select, wink, replug ------------------------------------------------------------------

#[test]
fn select_ctap2_1_uses_authenticator_selection() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let run = key.run(&["select", "-vv"]);
    run.success();
    assert_eq!(run.stdout, format!("{}\n", key.selector()));
    assert_eq!(cbor_commands_sent(&run), [CTAP2_GET_INFO, CTAP2_SELECTION], "{}", run.describe());
}

#[test]
fn select_ctap2_0_falls_back_to_the_touch_probe() {
    for profile in ["ctap2.0", "ctap2.1-pre"] {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        let run = key.run(&["select", "-vv"]);
        run.success();
        assert_eq!(run.stdout, format!("{}\n", key.selector()));
        assert_eq!(
            cbor_commands_sent(&run),
            [CTAP2_GET_INFO, CTAP2_MAKE_CREDENTIAL],
            "{profile}: no authenticatorSelection before CTAP 2.1\n{}",
            run.describe()
        );
        let json = key.run(&["select", "--json"]);
        json.success();
        let doc: Selected = json.json();
        assert_eq!((doc.schema_version, doc.device.path), (1, key.selector()));
    }
}

#[test]
fn select_declined_or_not_touched_exits_5() {
    for profile in ["ctap2.1", "ctap2.0"] {
        let keys = TempKeys::new();
        let key = keys.create("key.json", &["--profile", profile]);
        for presence in ["deny", "timeout"] {
            let run = key.run_env(&[("FIDOCTL_VIRTUAL_PRESENCE", presence)], &["select", "--json"]);
            let doc = error_doc(&run, 5);
            let expected = if presence == "deny" { "operation_denied" } else { "user_action_timeout" };
            assert_eq!(doc.error.code, expected, "{profile} {presence}\n{}", run.describe());
        }
    }
}

#[test]
fn wink_text_and_json() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let winks = || key.state()["wink_count"].as_u64().expect("wink_count in the state file");
    assert_eq!(winks(), 0);

    key.run(&["wink"]).success().stdout_has(&key.selector());
    let json = key.run(&["wink", "--json"]);
    json.success();
    let doc: Winked = json.json();
    assert_eq!((doc.schema_version, doc.device.as_str(), doc.winked), (1, key.selector().as_str(), true));
    assert_eq!(winks(), 2, "each wink reached the key");
}

#[test]
fn virtual_replug_powers_the_key_up_again() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let powered_up = || key.state()["power"]["powered_up_at_ms"].as_u64().expect("power-up time in the state file");
    let before = powered_up();
    std::thread::sleep(Duration::from_millis(20));

    let text = run_virtual("replug", &key.path, &[]);
    text.success().stdout_has("unplugged and plugged back in");
    let json = run_virtual("replug", &key.path, &["--json"]);
    json.success();
    let doc: Replugged = json.json();
    assert_eq!((doc.schema_version, doc.file, doc.replugged), (1, key.path.display().to_string(), true));
    assert!(powered_up() > before, "the power-up time moved");
    key.run(&["info"]).success();
}

// --- the socket protocol: virtual serve and a U2F-only double ---------------------------

#[test]
fn serve_then_info_over_the_socket() {
    let server = VirtualKeyServer::start();
    let selector = format!("unix:{}", server.socket().display());
    let out = run(["-d", &selector, "info", "--json"]);
    out.success();
    let doc: InfoDocument = out.json();
    assert_eq!(doc.device.path, selector);
    assert_eq!(doc.device.backend, "unix");
    assert_eq!(doc.get_info().aaguid, DEFAULT_AAGUID);
    assert_eq!(doc.ctaphid.capabilities, ["wink", "cbor"]);

    let list = run_cmd(fidoctl().env("COLUMNS", "1000").args(["-d", &selector, "list"]));
    list.success().stdout_has(&selector).stdout_has("FIDO_2_0 FIDO_2_1_PRE FIDO_2_1");
    run(["-d", &selector, "wink"]).success();
    run(["-d", &selector, "select"]).success().stdout_has(&selector);
}

#[test]
fn a_newer_connection_replaces_the_older() {
    let server = VirtualKeyServer::start();
    let mut first = UnixStream::connect(server.socket()).expect("connect");
    first.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // Make sure the server is talking to `first`: INIT on the broadcast channel.
    let nonce = [1, 2, 3, 4, 5, 6, 7, 8];
    u2f_double::send(&mut first, u2f_double::BROADCAST, CMD_INIT, &nonce).unwrap();
    let (cid, cmd, payload) = u2f_double::receive(&mut first).expect("INIT answer on the first connection");
    assert_eq!((cid, cmd, &payload[..8]), (u2f_double::BROADCAST, CMD_INIT, &nonce[..]));

    // Never closed by us: the next host plugs in anyway.
    let selector = format!("unix:{}", server.socket().display());
    run(["-d", &selector, "info"]).success();

    let started = Instant::now();
    let mut rest = Vec::new();
    match first.read_to_end(&mut rest) {
        Ok(_) => assert!(rest.is_empty(), "the old connection got data after it was replaced"),
        Err(e) => panic!("the first connection saw no EOF after {:?}: {e}\n{}", started.elapsed(), server.log_text()),
    }
}

#[test]
fn serve_refuses_a_socket_in_use() {
    let server = VirtualKeyServer::start();
    let keys = TempKeys::new();
    let other = keys.create("other.json", &[]);
    let socket = server.socket().display().to_string();
    run_virtual("serve", &other.path, &["--socket", &socket]).expect_code(2).stderr_has("already serving");
    // The first server still answers.
    run_cmd(fidoctl().args(["-d", &format!("unix:{}", server.socket().display()), "info"])).success();
}

#[test]
fn serve_never_deletes_a_file_that_is_not_a_socket() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let notes = keys.path("notes.txt");
    std::fs::write(&notes, "precious").unwrap();
    // Bounded: a server that wrongly starts is killed when the wait runs out.
    let mut cmd = fidoctl();
    cmd.timeout(Duration::from_secs(3));
    cmd.args(["virtual", "serve"]).arg(&key.path).arg("--socket").arg(&notes);
    let out = run_cmd(&mut cmd);
    assert_eq!(
        std::fs::read_to_string(&notes).ok().as_deref(),
        Some("precious"),
        "`virtual serve --socket` replaced a regular file\n{}",
        out.describe()
    );
    out.expect_code(2);
}

#[test]
fn selectors_that_are_not_devices_are_usage_errors() {
    for bad in ["key.json", "virtual:", "unix:", "bluetooth:1"] {
        let out = run(["-d", bad, "list", "--json"]);
        let doc = error_doc(&out, 2);
        assert!(doc.error.message.contains("virtual:PATH"), "{bad}: {}", doc.error.message);
    }
}

#[test]
fn wink_on_a_key_that_cannot_blink() {
    let double = U2fOnlyKey::start(0x00);
    let out = run(["-d", &double.selector(), "wink", "--json"]);
    let doc = error_doc(&out, 1);
    assert_eq!(doc.error.code, "wink_unsupported");
    assert!(!double.commands_seen().contains(&u2f_double::CMD_WINK), "WINK sent without the capability");
    let winking = U2fOnlyKey::start(CAP_WINK);
    run(["-d", &winking.selector(), "wink"]).success();
    assert!(winking.commands_seen().contains(&u2f_double::CMD_WINK));
}

#[track_caller]
fn u2f_entry(entry: &DeviceEntry, double: &U2fOnlyKey) {
    assert_eq!(entry.path, double.selector());
    assert_eq!(entry.backend, "unix");
    assert!(entry.u2f_only, "{entry:?}");
    assert_eq!(entry.aaguid, None);
    assert!(entry.error.is_none(), "{entry:?}");
    let (a, b, c) = u2f_double::DEVICE_VERSION;
    assert_eq!(entry.firmware, Some(format!("{a}.{b}.{c}")));
}

#[test]
fn u2f_only_key_in_list() {
    for caps in [0x00, CAP_WINK] {
        let double = U2fOnlyKey::start(caps);
        let text = run(["-d", &double.selector(), "list"]);
        text.success().stdout_has("U2F only").stdout_has(&double.selector());

        let json = run(["-d", &double.selector(), "list", "--json"]);
        json.success();
        let doc: DeviceList = json.json();
        assert_eq!(doc.devices.len(), 1);
        u2f_entry(&doc.devices[0], &double);
        double.assert_no_cbor_seen();
    }
}

#[test]
fn u2f_only_key_beside_a_fido2_key() {
    let double = U2fOnlyKey::start(CAP_WINK);
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    let out = run(["-d", &key.selector(), "-d", &double.selector(), "list", "--json"]);
    out.success();
    let doc: DeviceList = out.json();
    assert_eq!(doc.devices.len(), 2);
    assert!(!doc.devices[0].u2f_only);
    u2f_entry(&doc.devices[1], &double);
}

#[test]
fn u2f_only_key_info() {
    for (caps, expected_caps) in [(0x00, vec!["msg"]), (CAP_WINK, vec!["wink", "msg"])] {
        let double = U2fOnlyKey::start(caps);
        let text = run(["-d", &double.selector(), "info"]);
        text.success().stdout_has("U2F only");
        assert_eq!(text_field(&text, "Device"), double.selector());

        let json = run(["-d", &double.selector(), "info", "--json"]);
        json.success();
        let doc: InfoDocument = json.json();
        assert_eq!((doc.device.path.as_str(), doc.device.backend.as_str()), (double.selector().as_str(), "unix"));
        assert_eq!(doc.device.aaguid, None, "no getInfo, no AAGUID");
        let (a, b, c) = u2f_double::DEVICE_VERSION;
        assert_eq!(doc.firmware, Some(format!("{a}.{b}.{c}")));
        assert!(doc.info.is_none() && doc.pin.is_none(), "no getInfo, no PIN state on a U2F key");
        assert_eq!(doc.ctaphid.capabilities, expected_caps);
        assert_eq!(doc.ctaphid.protocol_version, 2);
        double.assert_no_cbor_seen();
    }
}

#[test]
fn u2f_double_speaks_ctaphid() {
    // The double itself, so a failure above is not a broken double: INIT, then a
    // multi-packet PING echoed on the allocated channel.
    let double = U2fOnlyKey::start(0x00);
    let mut s = UnixStream::connect(double.socket()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    u2f_double::send(&mut s, u2f_double::BROADCAST, CMD_INIT, &[9; 8]).unwrap();
    let (_, cmd, init) = u2f_double::receive(&mut s).unwrap();
    assert_eq!((cmd, init.len(), init[16]), (CMD_INIT, 17, 0x00));
    let cid = u32::from_be_bytes([init[8], init[9], init[10], init[11]]);
    let ping: Vec<u8> = (0..200u8).collect();
    u2f_double::send(&mut s, cid, u2f_double::CMD_PING, &ping).unwrap();
    assert_eq!(u2f_double::receive(&mut s).unwrap(), (cid, u2f_double::CMD_PING, ping));
}

// --- the test-side schema itself ------------------------------------------------------------

#[test]
fn schema_structs_are_strict() {
    let ok = r#"{"schema_version":1,"error":{"code":"x","message":"m","hint":null,"exit_code":3}}"#;
    assert!(serde_json::from_str::<ErrorDocument>(ok).is_ok());
    let extra = r#"{"schema_version":1,"error":{"code":"x","message":"m","hint":null,"exit_code":3,"more":1}}"#;
    assert!(serde_json::from_str::<ErrorDocument>(extra).is_err(), "unknown fields are refused");
    let no_hint = r#"{"schema_version":1,"error":{"code":"x","message":"m","exit_code":3}}"#;
    assert!(serde_json::from_str::<ErrorDocument>(no_hint).is_err(), "always-printed fields are required");
    let info = r#"{"versions":["FIDO_2_0"],"aaguid":"x","max_credential_id_length":128}"#;
    assert!(serde_json::from_str::<GetInfo>(info).is_ok());
    let camel = r#"{"versions":["FIDO_2_0"],"aaguid":"x","maxCredentialIdLength":128}"#;
    assert!(serde_json::from_str::<GetInfo>(camel).is_err(), "getInfo names are checked");
}
