//! What every command shares: the options, device selection and opening keys.

use super::failure::{exit, Failure};
use crate::cli::GlobalOptions;
use crate::client::ctaphid::{Channel, Direction, Tracer};
use crate::client::Authenticator;
use crate::proto::ctaphid::Report;
use crate::transport::{self, DeviceDescription, Selector};
use std::io::IsTerminal;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

pub struct Context {
    pub global: GlobalOptions,
    /// Set by Ctrl-C: a waiting request sends CTAPHID_CANCEL and stops.
    pub cancel: Arc<AtomicBool>,
}

impl Context {
    pub fn new(global: GlobalOptions) -> Context {
        Context { global, cancel: Arc::new(AtomicBool::new(false)) }
    }

    pub fn selectors(&self) -> Result<Vec<Selector>, Failure> {
        let env = std::env::var("FIDOCTL_DEVICE").ok();
        Selector::from_args_or_env(&self.global.devices, env.as_deref()).map_err(|e| Failure::usage(e.to_string()))
    }

    /// Every device the selectors name (a HID scan only for `hid` or no selector).
    pub fn devices(&self) -> Result<Vec<DeviceDescription>, Failure> {
        let selectors = self.selectors()?;
        let found = transport::resolve(&selectors)?;
        if found.is_empty() {
            return Err(no_key_found());
        }
        Ok(found)
    }

    /// Exactly one device, for commands that work on one key.
    pub fn one_device(&self) -> Result<DeviceDescription, Failure> {
        let mut found = self.devices()?;
        if found.len() > 1 {
            let list: Vec<String> = found.iter().map(|d| format!("  {}", d.path)).collect();
            return Err(Failure::new(
                exit::DEVICE,
                "ambiguous_device",
                format!("More than one security key is selected:\n{}", list.join("\n")),
            )
            .hint("Choose one with --device, for example: --device ".to_string() + &found[0].path));
        }
        Ok(found.remove(0))
    }

    pub fn touch_timeout(&self) -> Duration {
        Duration::from_secs(self.global.timeout.max(1))
    }

    /// Open a device and start talking CTAPHID to it.
    pub fn open(&self, device: &DeviceDescription) -> Result<Authenticator, Failure> {
        let raw = transport::open(device)?;
        let tracer = (self.global.verbose >= 2).then(|| traffic_tracer(device.path.clone()));
        let channel = Channel::open_with(raw, Some(self.cancel.clone()), tracer)?;
        let mut auth = Authenticator::new(channel, device.clone());
        auth.set_touch_timeout(self.touch_timeout());
        if std::io::stderr().is_terminal() {
            let path = device.path.clone();
            auth.set_touch_prompt(Box::new(move || eprintln!("Touch your security key ({path}) now...")));
        }
        Ok(auth)
    }

    pub fn open_one(&self) -> Result<Authenticator, Failure> {
        let device = self.one_device()?;
        self.open(&device)
    }

    /// Diagnostics for -v.
    pub fn diag(&self, message: impl AsRef<str>) {
        if self.global.verbose >= 1 {
            eprintln!("fidoctl: {}", message.as_ref());
        }
    }
}

pub fn no_key_found() -> Failure {
    Failure::new(exit::DEVICE, "no_device", "No security key found.")
        .hint("Plug in a security key (on Linux you may need a udev rule to open /dev/hidraw*), or name one with --device, e.g. --device virtual:key.json after `fidoctl virtual create key.json`.")
}

/// -vv: every report on stderr in hex; reports of messages carrying PIN material show only
/// their header (and a clientPIN request its protocol and subcommand, which are no secret).
fn traffic_tracer(path: String) -> Tracer {
    Box::new(move |dir: Direction, report: &Report, redacted: bool| {
        let arrow = match dir {
            Direction::Out => ">>",
            Direction::In => "<<",
        };
        if redacted {
            // CID | CBOR | BCNT | 0x06 | canonical map {1: protocol, 2: subCommand, ...}
            let r = report;
            let client_pin = dir == Direction::Out
                && r[4] == 0x80 | crate::proto::ctaphid::cmd::CBOR
                && r[7] == crate::proto::ctap2::command::CLIENT_PIN
                && (0xA2..=0xB7).contains(&r[8])
                && (r[9], r[11]) == (0x01, 0x02)
                && r[10] < 0x18
                && r[12] < 0x18;
            let shown = if client_pin { 13 } else { 5 };
            eprintln!("fidoctl: {path} {arrow} {} [payload redacted: PIN material]", hex::encode(&report[..shown]));
        } else {
            eprintln!("fidoctl: {path} {arrow} {}", hex::encode(report));
        }
    })
}
