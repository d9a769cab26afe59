//! `fidoctl reset`: a guided factory reset. One key only; says what will be destroyed; asks;
//! gets the key freshly plugged in (HID: the user re-plugs it and we watch; unix: reconnect;
//! virtual: re-plug it ourselves); then sends only INIT and reset, and asks for the touch.

use super::confirm::{can_confirm, confirm};
use super::creds::CmSession;
use super::failure::{self, During};
use super::journal as cj;
use super::replug::{watch, DeviceLister, ReplugOutcome};
use super::{exit, Context, Failure, Outcome};
use crate::client::config as client_config;
use crate::client::Authenticator;
use crate::journal::{Arg, Attempt, Change};
use crate::output::message::Message;
use crate::output::notice;
use crate::output::results::ResetDone;
use crate::output::vocabulary::Device;
use crate::secrets::ENV_PIN;
use crate::transport::virtual_admin;
use crate::transport::{self, DeviceDescription, Location};
use std::io::IsTerminal;
use std::time::Duration;

const REPLUG_TIMEOUT: Duration = Duration::from_secs(60);

pub fn run(ctx: &Context, skip_replug: bool) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let device = ctx.one_device()?;
    let mut auth = ctx.open(&device)?;
    // A key whose getInfo answer is broken is not reset on trust: the journal's attempt below
    // would otherwise swallow the error and ask again.
    auth.info()?;
    let mut attempt = cj::attempt(&mut auth, "reset", Change::Reset { credential_count: None })
        .arg(Arg::flag("skip_replug", skip_replug))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = reset(ctx, device, auth, skip_replug, &mut attempt);
    cj::finish(ctx, attempt, result)
}

fn reset(
    ctx: &Context,
    device: DeviceDescription,
    mut auth: Authenticator,
    skip_replug: bool,
    attempt: &mut Attempt,
) -> Result<Outcome, Failure> {
    let info = auth.info()?.clone();
    // Count credentials only when the operator gave a PIN; read it now, before the re-plug,
    // because any PIN command would close the key's reset window. Not when the confirmation
    // can only be refused: the PIN commands would change the key's state (and a wrong PIN
    // would cost a retry) for a reset that is not going to happen.
    // The count is only a courtesy: a locked key (the usual reason for a reset) must still be
    // resettable, so a blocked PIN, a needed re-plug or a wrong PIN just leave it out.
    let pin_given = ctx.global.pin_stdin || std::env::var_os(ENV_PIN).is_some();
    let mut count: Option<u64> = None;
    let pin_usable = info.pin().is_set()
        && info.force_pin_change != Some(true)
        && crate::client::pin::get_retries(&mut auth)
            .is_ok_and(|r| r.retries > 0 && r.power_cycle_required != Some(true));
    if pin_given && can_confirm(ctx) && pin_usable {
        if let Ok(Some(_)) = crate::client::cred_mgmt::flavor(&mut auth) {
            match CmSession::open(ctx, auth).and_then(|mut s| {
                let existing = s.manager().metadata()?.existing;
                Ok((existing, s.auth))
            }) {
                Ok((existing, back)) => {
                    count = Some(existing);
                    auth = back;
                }
                Err(f) => {
                    notice::note(&format!(
                        "the credentials could not be counted ({}); the reset can go ahead anyway.",
                        f.message
                    ));
                    auth = ctx.open(&device)?;
                }
            }
        }
    }
    *attempt.change() = Change::Reset { credential_count: count };
    let creds = match count {
        Some(n) => format!("all {n} discoverable credential(s)"),
        None => "every credential".to_string(),
    };
    confirm(
        ctx,
        &format!(
            "A factory reset of {} ({}) destroys {creds}, the PIN and every setting (minimum PIN length, always-UV, enterprise attestation). \
Every account that uses this key must register it again. This cannot be undone.",
            device.path(),
            device.product.as_deref().unwrap_or("security key")
        ),
        "Reset this key?",
    )?;
    // The AAGUID read before the reset names the same key after it.
    let info = auth.cached_info().cloned();
    drop(auth);
    let fresh = if skip_replug { device.clone() } else { plug_in_fresh(ctx, &device)? };
    // Nothing but INIT (done by open) and reset from here on.
    let mut auth = ctx.open(&fresh)?;
    if std::io::stderr().is_terminal() {
        // Replaces the generic touch prompt: one prompt, saying what the touch does.
        auth.set_touch_prompt(Box::new(|| notice::instruct("Touch your security key now to confirm the reset...")));
    }
    client_config::reset(&mut auth).map_err(|e| failure::refused(e, During::Reset))?;
    Ok(Outcome::ok(Message {
        text: format!("{} was reset to factory settings: no PIN, no credentials.", fresh.path()),
        fields: ResetDone { device: Device::new(&fresh, info.as_ref()), reset: true, credentials_destroyed: count },
    }))
}

struct HidLister;
impl DeviceLister for HidLister {
    fn list(&mut self) -> Vec<DeviceDescription> {
        transport::hid::enumerate().unwrap_or_default()
    }
}

/// Get the key freshly powered up, so the reset window is open.
fn plug_in_fresh(ctx: &Context, device: &DeviceDescription) -> Result<DeviceDescription, Failure> {
    match &device.location {
        // Each connection to the socket is a power-up: reconnecting is enough.
        Location::Unix(_) => Ok(device.clone()),
        Location::Virtual(path) => {
            virtual_admin::replug(path)?;
            ctx.diag("virtual key re-plugged for the reset");
            Ok(device.clone())
        }
        Location::Hid(_) => {
            if !std::io::stderr().is_terminal() && !ctx.global.yes {
                return Err(Failure::usage(
                    "The key must be unplugged and plugged back in, and there is no terminal to guide you.",
                ));
            }
            notice::instruct(&format!(
                "Unplug the security key now, then plug it back in (within {} seconds).",
                REPLUG_TIMEOUT.as_secs()
            ));
            match watch(&mut HidLister, device, Duration::from_millis(200), REPLUG_TIMEOUT, std::thread::sleep) {
                ReplugOutcome::Back(d) => {
                    notice::instruct(&format!("Found it again at {}.", d.path()));
                    Ok(d)
                }
                ReplugOutcome::NeverUnplugged => {
                    Err(Failure::new(exit::DEVICE, "not_replugged", "The key was not unplugged, so it was not reset.")
                        .hint("Run `fidoctl reset` again and unplug the key when asked."))
                }
                ReplugOutcome::NeverReturned => Err(Failure::new(
                    exit::DEVICE,
                    "not_replugged",
                    "The key was unplugged but did not come back, so it was not reset.",
                )
                .hint("Plug it in and run `fidoctl reset` again.")),
            }
        }
    }
}
