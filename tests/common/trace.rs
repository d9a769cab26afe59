//! Reading fidoctl's `-vv` trace: every HID report it sent (`DEVICE >> HEX`) or received
//! (`DEVICE << HEX`) on stderr, where a report of a message carrying PIN material shows only
//! its header (and a clientPIN request its protocol and subcommand), followed by [`REDACTED`].
//!
//! One reader for every test that asks "what did fidoctl send?", so that they all read the
//! trace the same way (init packets only, redacted lines included).

use super::cli::Run;

pub const REDACTED: &str = "[payload redacted: PIN material]";

// CTAPHID commands as an init packet carries them (with the 0x80 init bit).
pub const HID_INIT: u8 = 0x86;
pub const HID_CBOR: u8 = 0x90;
pub const HID_CANCEL: u8 = 0x91;
pub const HID_KEEPALIVE: u8 = 0xBB;
pub const KEEPALIVE_UPNEEDED: u8 = 0x02;

// CTAP2 commands (the first byte of a CTAPHID_CBOR message).
pub const CTAP2_MAKE_CREDENTIAL: u8 = 0x01;
pub const CTAP2_GET_INFO: u8 = 0x04;
pub const CTAP2_CLIENT_PIN: u8 = 0x06;
pub const CTAP2_RESET: u8 = 0x07;
pub const CTAP2_SELECTION: u8 = 0x0B;
pub const CTAP2_CONFIG: u8 = 0x0D;

/// clientPIN subcommands.
pub mod sub {
    pub const GET_PIN_RETRIES: u8 = 0x01;
    pub const GET_KEY_AGREEMENT: u8 = 0x02;
    pub const SET_PIN: u8 = 0x03;
    pub const CHANGE_PIN: u8 = 0x04;
    pub const GET_PIN_TOKEN: u8 = 0x05;
    pub const GET_TOKEN_USING_PIN_WITH_PERMISSIONS: u8 = 0x09;
}

/// One report of a `-vv` trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traced {
    /// true for `>>` (host to key).
    pub out: bool,
    /// The bytes shown: a whole report, or only its first bytes when redacted.
    pub bytes: Vec<u8>,
    /// Shown with [`REDACTED`].
    pub redacted: bool,
}

impl Traced {
    /// cid(4) | cmd(1) | …: the channel.
    pub fn channel(&self) -> Option<u32> {
        Some(u32::from_be_bytes(self.bytes.get(..4)?.try_into().ok()?))
    }

    /// The command byte (with the init bit) of an init packet; `None` for a continuation.
    pub fn command(&self) -> Option<u8> {
        self.bytes.get(4).copied().filter(|c| c & 0x80 != 0)
    }

    /// The CTAP2 command of an outgoing CTAPHID_CBOR init packet (cid | cmd | len(2) | CTAP2 command).
    pub fn ctap2_request(&self) -> Option<u8> {
        (self.out && self.command() == Some(HID_CBOR)).then(|| self.bytes.get(7).copied()).flatten()
    }
}

/// Every report line of a `-vv` trace, in order.
pub fn traffic(stderr: &str) -> Vec<Traced> {
    stderr
        .lines()
        .filter_map(|line| {
            let (out, rest) = if let Some((_, rest)) = line.split_once(" >> ") {
                (true, rest)
            } else {
                (false, line.split_once(" << ")?.1)
            };
            let (hex_part, redacted) = match rest.strip_suffix(REDACTED) {
                Some(h) => (h.trim(), true),
                None => (rest.trim(), false),
            };
            let bytes = hex::decode(hex_part).ok()?;
            Some(Traced { out, bytes, redacted })
        })
        .collect()
}

/// The CTAP2 command of every CBOR request, redacted or not, in order.
pub fn cbor_commands_sent(run: &Run) -> Vec<u8> {
    traffic(&run.stderr).iter().filter_map(Traced::ctap2_request).collect()
}

/// A request fidoctl sent: the CTAPHID command (with the init bit, as [`HID_CBOR`]) and, for
/// CTAPHID_CBOR, the CTAP2 command byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub ctaphid: u8,
    pub ctap2: Option<u8>,
}

/// Every request fidoctl sent (the init packets of `>>` lines), in order.
pub fn requests_sent(run: &Run) -> Vec<Sent> {
    traffic(&run.stderr)
        .iter()
        .filter(|t| t.out)
        .filter_map(|t| Some(Sent { ctaphid: t.command()?, ctap2: t.ctap2_request() }))
        .collect()
}

/// Did the key ask for a touch (KEEPALIVE with status UPNEEDED) in this trace?
pub fn saw_upneeded(stderr: &str) -> bool {
    traffic(stderr)
        .iter()
        .any(|t| !t.out && t.command() == Some(HID_KEEPALIVE) && t.bytes.get(7) == Some(&KEEPALIVE_UPNEEDED))
}

/// (pinUvAuthProtocol, subCommand) of every clientPIN request fidoctl sent, read from the
/// canonical CBOR map {1: protocol, 2: subCommand, ...} at the start of the request.
#[track_caller]
pub fn client_pin_requests(run: &Run) -> Vec<(u8, u8)> {
    traffic(&run.stderr)
        .iter()
        .filter(|t| t.ctap2_request() == Some(CTAP2_CLIENT_PIN))
        .map(|t| match t.bytes.get(8..13) {
            Some(&[map, 0x01, protocol, 0x02, sub]) if (0xA2..=0xB7).contains(&map) => (protocol, sub),
            _ => panic!(
                "a clientPIN request whose protocol and subcommand the dump does not show: {t:?}\n{}",
                run.describe()
            ),
        })
        .collect()
}

/// Unplug a served key (kill its `virtual serve`) once `client`, run with `-vv` and its stderr
/// piped, shows the key's KEEPALIVE UPNEEDED (bb 0001 in the trace): it is waiting for a touch.
/// Returns how the client ended and everything it wrote on stderr.
pub fn unplug_while_waiting_for_touch(
    server: &mut std::process::Child,
    client: &mut std::process::Child,
) -> (std::process::ExitStatus, String) {
    use std::io::Read;
    let mut stderr = client.stderr.take().expect("the client's stderr is piped");
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("bb0001") {
        let n = stderr.read(&mut buf).expect("read trace");
        assert!(n > 0, "the client ended before the key asked for a touch:\n{}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    server.kill().expect("unplug");
    let _ = server.wait();
    let _ = stderr.read_to_end(&mut seen);
    let status = client.wait().expect("client ends");
    (status, String::from_utf8_lossy(&seen).into_owned())
}
