//! What every command shares: the options, device selection and opening keys.

use super::failure::{exit, Failure};
use crate::cli::GlobalOptions;
use crate::client::ctaphid::{Channel, Direction, TraceEvent, Tracer};
use crate::client::Authenticator;
use crate::output::notice;
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
        let env = match std::env::var("FIDOCTL_DEVICE") {
            Ok(v) => Some(v),
            // Named selectors mean no HID scan: one we cannot read must not turn into one.
            Err(std::env::VarError::NotUnicode(raw)) if self.global.devices.is_empty() => {
                return Err(Failure::usage(format!(
                    "FIDOCTL_DEVICE is set, but it is not valid UTF-8 text ({}), so fidoctl cannot tell which key it names.",
                    raw.to_string_lossy()
                ))
                .hint("Set FIDOCTL_DEVICE to selectors such as virtual:/path/key.json (with a UTF-8 path), or name the key with -d."));
            }
            Err(_) => None,
        };
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
            let list: Vec<String> = found.iter().map(|d| format!("  {}", d.path())).collect();
            return Err(Failure::new(
                exit::DEVICE,
                "ambiguous_device",
                format!("More than one security key is selected:\n{}", list.join("\n")),
            )
            .hint("Choose one with --device, for example: --device ".to_string() + found[0].path()));
        }
        Ok(found.remove(0))
    }

    pub fn touch_timeout(&self) -> Duration {
        Duration::from_secs(self.global.timeout.max(1))
    }

    /// Open a device and start talking CTAPHID to it.
    pub fn open(&self, device: &DeviceDescription) -> Result<Authenticator, Failure> {
        let raw = transport::open(device)?;
        let tracer = (self.global.verbose >= 2).then(|| traffic_tracer(device.path().to_string()));
        let channel = Channel::open_with(raw, Some(self.cancel.clone()), tracer)?;
        let mut auth = Authenticator::new(channel, device.clone());
        auth.set_touch_timeout(self.touch_timeout());
        if std::io::stderr().is_terminal() {
            let path = device.path().to_string();
            auth.set_touch_prompt(Box::new(move || {
                notice::instruct(&format!("Touch your security key ({path}) now..."))
            }));
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
            notice::note(message.as_ref());
        }
    }
}

pub fn no_key_found() -> Failure {
    Failure::new(exit::DEVICE, "no_device", "No security key found.")
        .hint("Plug in a security key (on Linux you may need a udev rule to open /dev/hidraw*), or name one with --device, e.g. --device virtual:key.json after `fidoctl virtual create key.json`.")
}

/// -vv: every report on stderr in hex, as far as the client lets it be shown.
fn traffic_tracer(path: String) -> Tracer {
    Box::new(move |e: &TraceEvent<'_>| {
        let arrow = match e.direction {
            Direction::Out => ">>",
            Direction::In => "<<",
        };
        if e.redacted {
            notice::note(&format!("{path} {arrow} {} [payload redacted: PIN material]", hex::encode(e.shown)));
        } else {
            notice::note(&format!("{path} {arrow} {}", hex::encode(e.shown)));
        }
    })
}
