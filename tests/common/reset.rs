//! Helpers for the reset and configuration tests (tests/reset_config.rs and
//! tests/interop_reset_config.rs): runs with PINs in the environment, the durable part of a
//! virtual key's state, rewinding its power-up time, reading the `-vv` trace, and the JSON
//! documents `reset`, `config ...`, `pin min-length` and `pin force-change` print.
//!
//! Reached as `common::reset` after `mod common;` (tests/common/mod.rs).

use super::cli::{fidoctl, run_cmd, Run, VirtualKeyFile};
use super::schema::{present, ErrorDocument, InfoDocument};
use serde::Deserialize;
use serde_json::Value;
use std::io::Write;
use std::time::Duration;

/// `fidoctl -d SELECTOR ARGS...` with `env` added to the clean environment.
pub fn run_on(selector: &str, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = fidoctl();
    cmd.envs(env.iter().copied()).args(["-d", selector]).args(args);
    run_cmd(&mut cmd)
}

/// [`run_on`] with `stdin` as standard input (still a pipe, never a terminal).
pub fn run_on_with_stdin(selector: &str, env: &[(&str, &str)], args: &[&str], stdin: &str) -> Run {
    let mut cmd = fidoctl();
    cmd.envs(env.iter().copied()).args(["-d", selector]).args(args).write_stdin(stdin.as_bytes().to_vec());
    run_cmd(&mut cmd)
}

/// `info --json` on `selector`, which must succeed.
#[track_caller]
pub fn info_on(selector: &str) -> InfoDocument {
    let run = run_on(selector, &[], &["info", "--json"]);
    run.success();
    let doc: InfoDocument = run.json();
    assert_eq!(doc.schema_version, 1);
    assert!(
        doc.info.is_some() && doc.pin.is_some(),
        "a FIDO2 key's info has getInfo and PIN state\n{}",
        run.describe()
    );
    doc
}

/// The failure document of a `--json` run: exit status, `exit_code` and `code` checked, and
/// the sentence repeated on stderr for the person watching.
#[track_caller]
pub fn expect_error(run: &Run, exit: i32, code: &str) -> ErrorDocument {
    run.expect_code(exit);
    let doc: ErrorDocument = run.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(i32::from(doc.error.exit_code), exit, "exit_code in the document\n{}", run.describe());
    assert_eq!(doc.error.code, code, "error code\n{}", run.describe());
    run.stderr_has(doc.error.message.lines().next().unwrap_or_default());
    doc
}

/// The state file without its volatile part (`power`: power-up time, tokens, key
/// agreement), which a run that only asks for a PIN token or re-plugs the key may change.
/// Whatever a reset or a setting would change (PIN, retries, credentials, minimum PIN
/// length, always-UV, enterprise attestation, forced change) is in here.
#[track_caller]
pub fn durable_state(key: &VirtualKeyFile) -> Value {
    let mut state = key.state();
    let object = state.as_object_mut().expect("the state file is a JSON object");
    assert!(object.remove("power").is_some(), "no `power` in the state file: {object:?}");
    state
}

/// Move the key's power-up time `by` into the past, as if it had been plugged in that long
/// ago (the reset window is the first 10 s after power-up). No fidoctl may run meanwhile.
#[track_caller]
pub fn rewind_power_up(key: &VirtualKeyFile, by: Duration) {
    let mut state = key.state();
    let at = &mut state["power"]["powered_up_at_ms"];
    let ms = at.as_u64().expect("power.powered_up_at_ms in the state file");
    *at = Value::from(ms - u64::try_from(by.as_millis()).unwrap());
    // Rewritten in place, so the file keeps its mode (0600).
    let mut file = std::fs::OpenOptions::new().write(true).truncate(true).open(&key.path).expect("open state file");
    file.write_all(serde_json::to_string_pretty(&state).unwrap().as_bytes()).expect("write state file");
}

/// A request fidoctl sent, from its `-vv` trace: the CTAPHID command (without the init
/// bit) and, for CTAPHID_CBOR, the CTAP2 command byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub ctaphid: u8,
    pub ctap2: Option<u8>,
}

pub const CTAPHID_INIT: u8 = 0x06;
pub const CTAPHID_CBOR: u8 = 0x10;
pub const CTAP2_GET_INFO: u8 = 0x04;
pub const CTAP2_CLIENT_PIN: u8 = 0x06;
pub const CTAP2_RESET: u8 = 0x07;
pub const CTAP2_CONFIG: u8 = 0x0D;

/// Every request fidoctl sent, in order, from the init packets (">> " + the report in hex)
/// of a `-vv` trace.
pub fn requests_sent(run: &Run) -> Vec<Sent> {
    run.stderr
        .lines()
        .filter_map(|l| l.split_once(" >> ").map(|(_, hex)| hex.trim()))
        .filter_map(|hex| {
            let byte = |i: usize| hex.get(2 * i..2 * i + 2).and_then(|b| u8::from_str_radix(b, 16).ok());
            // cid(4) | cmd(1) with the init bit | len(2) | data; continuation packets have no init bit.
            let cmd = byte(4)?;
            (cmd & 0x80 != 0).then(|| {
                let ctaphid = cmd & 0x7F;
                Sent { ctaphid, ctap2: if ctaphid == CTAPHID_CBOR { byte(7) } else { None } }
            })
        })
        .collect()
}

/// The CTAP2 command bytes among [`requests_sent`].
pub fn ctap2_sent(run: &Run) -> Vec<u8> {
    requests_sent(run).into_iter().filter_map(|s| s.ctap2).collect()
}

// --- the JSON documents (strict, like tests/common/schema.rs) ----------------------------

/// `fidoctl reset --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetDone {
    pub schema_version: u32,
    pub device: String,
    pub reset: bool,
    /// Counted only when a PIN was given.
    #[serde(deserialize_with = "present")]
    pub credentials_destroyed: Option<u64>,
}

/// `fidoctl config always-uv on|off --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlwaysUvDone {
    pub schema_version: u32,
    pub device: String,
    pub always_uv: bool,
    pub changed: bool,
}

/// `fidoctl config enterprise-attestation enable --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseAttestationDone {
    pub schema_version: u32,
    pub device: String,
    pub enterprise_attestation: bool,
    pub changed: bool,
}

/// `fidoctl pin min-length N --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinLengthDone {
    pub schema_version: u32,
    pub device: String,
    #[serde(deserialize_with = "present")]
    pub min_pin_length: Option<u64>,
    pub force_pin_change: bool,
    pub rp_ids: Vec<String>,
    pub changed: bool,
}

/// `fidoctl pin force-change --json`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForceChangeDone {
    pub schema_version: u32,
    pub device: String,
    pub force_pin_change: bool,
    pub changed: bool,
}
