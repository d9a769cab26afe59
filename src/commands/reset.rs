//! `fidoctl reset`: a guided factory reset. One key only; says what will be destroyed; asks;
//! gets the key freshly plugged in (HID: the user re-plugs it and we watch; unix: reconnect;
//! virtual: re-plug it ourselves); then sends only INIT and reset, and asks for the touch.

use super::auth::{pin_input, token_with_pin};
use super::confirm::{can_confirm, confirm};
use super::failure::{self, During};
use super::journal as cj;
use super::replug::{watch, DeviceLister, ReplugOutcome};
use super::{exit, Context, Failure, Outcome};
use crate::client::config as client_config;
use crate::client::cred_mgmt::CredentialManager;
use crate::client::Authenticator;
use crate::journal::{Arg, Attempt, Change};
use crate::output::message::Message;
use crate::output::notice;
use crate::output::results::ResetDone;
use crate::output::vocabulary::Device;
use crate::proto::ctap2::client_pin::Permissions;
use crate::secrets::ENV_PIN;
use crate::transport::virtual_admin;
use crate::transport::{self, DeviceDescription, Location};
use std::io::IsTerminal;
use std::time::Duration;

const REPLUG_TIMEOUT: Duration = Duration::from_secs(60);

/// `reset --force`, as other tools spell it: the parser's refusal turned into a pointer to
/// --yes. Read from the refusal, so no such option exists (nor shows in completions).
pub fn force_instead_of_yes(e: &clap::Error) -> Option<Failure> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else { return None };
    let usage = e.get(ContextKind::Usage).map(ToString::to_string).unwrap_or_default();
    (arg == "--force" && usage.contains("fidoctl reset")).then(|| {
        Failure::usage("`fidoctl reset` has no --force option; nothing was changed.")
            .hint("To reset without being asked, add --yes (-y): `fidoctl reset --yes`.")
    })
}

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
    let (count, back) = count_credentials(ctx, &device, auth)?;
    auth = back;
    let credentials_destroyed = match &count {
        Count::Counted(n) => Some(*n),
        _ => None,
    };
    *attempt.change() = Change::Reset { credential_count: credentials_destroyed };
    let count_sentence = match &count {
        Count::Counted(0) => " The key holds no discoverable credentials.".to_string(),
        Count::Counted(1) => " The key holds 1 discoverable credential.".to_string(),
        Count::Counted(n) => format!(" The key holds {n} discoverable credentials."),
        Count::Unreadable(why) => format!(" The number of credentials cannot be read: {why}."),
        Count::NotTried => String::new(),
    };
    // The AAGUID read before the reset names the same key after it.
    let info = auth.cached_info().cloned();
    let how = info.as_ref().map(how_to_reset).unwrap_or_default();
    confirm(
        ctx,
        &format!(
            "A factory reset of {} ({}) destroys every credential, the PIN and every setting (minimum PIN length, always-UV, enterprise attestation).{count_sentence} \
Every account that uses this key must register it again. This cannot be undone.{how}",
            device.path(),
            device.product.as_deref().unwrap_or("security key")
        ),
        "Reset this key?",
    )?;
    let long_touch = info.as_ref().is_some_and(|i| i.long_touch_for_reset == Some(true));
    drop(auth);
    let fresh = if skip_replug { device.clone() } else { plug_in_fresh(ctx, &device)? };
    // Nothing but INIT (done by open) and reset from here on.
    let mut auth = ctx.open(&fresh)?;
    if std::io::stderr().is_terminal() {
        // Replaces the generic touch prompt: one prompt, saying what the touch does.
        auth.set_touch_prompt(Box::new(move || {
            notice::instruct(if long_touch {
                "Touch your security key now and keep your finger on it for several seconds to confirm the reset..."
            } else {
                "Touch your security key now to confirm the reset..."
            })
        }));
    }
    client_config::reset(&mut auth).map_err(|e| failure::refused(e, During::Reset))?;
    Ok(Outcome::ok(Message {
        text: format!("{} was reset to factory settings: no PIN, no credentials.", fresh.path()),
        fields: ResetDone { device: Device::new(&fresh, info.as_ref()), reset: true, credentials_destroyed },
    }))
}

/// What a CTAP 2.2 key says about its reset (getInfo longTouchForReset, transportsForReset), as
/// sentences that follow the confirmation's text; empty when it says nothing.
fn how_to_reset(info: &crate::proto::get_info::AuthenticatorInfo) -> String {
    let mut out = String::new();
    if info.long_touch_for_reset == Some(true) {
        out.push_str(" The key asks for a long touch to confirm: keep your finger on it for several seconds.");
    }
    if !info.transports_for_reset.is_empty() {
        let names: Vec<&str> = info
            .transports_for_reset
            .iter()
            .map(|t| match t.as_str() {
                "usb" => "USB",
                "nfc" => "NFC",
                "ble" => "Bluetooth",
                "smart-card" => "a smart-card reader",
                "hybrid" => "a phone link (hybrid)",
                "internal" => "its built-in connection",
                other => other,
            })
            .collect();
        let list = match names.as_slice() {
            [one] => one.to_string(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
            [] => String::new(),
        };
        out.push_str(&format!(" This key can be reset only over {list}."));
    }
    out
}

/// What the confirmation can say about the discoverable credentials.
enum Count {
    Counted(u64),
    /// Why not, in words that finish "the number of credentials cannot be read: …".
    Unreadable(String),
    /// The confirmation can only be refused (no terminal, no --yes): nothing is asked of the key.
    NotTried,
}

/// Count the discoverable credentials with the PIN the operator gave, read now, before the
/// re-plug, because any PIN command would close the key's reset window. A wrong PIN stops the
/// reset (the operator meant to count, and the count is what they confirm); a key that cannot
/// be counted (no PIN given, the PIN blocked: the usual reasons for a reset) is still reset,
/// and the confirmation says why the number is missing.
fn count_credentials(
    ctx: &Context,
    device: &DeviceDescription,
    mut auth: Authenticator,
) -> Result<(Count, Authenticator), Failure> {
    if !can_confirm(ctx) {
        return Ok((Count::NotTried, auth));
    }
    let unreadable = |why: &str, auth| Ok((Count::Unreadable(why.to_string()), auth));
    let info = auth.info()?.clone();
    let Ok(Some(flavor)) = crate::client::cred_mgmt::flavor(&mut auth) else {
        return unreadable("this key cannot list its credentials", auth);
    };
    if !info.pin().is_set() {
        return unreadable("the key has no PIN, and listing credentials needs one", auth);
    }
    match crate::client::pin::get_retries(&mut auth) {
        Ok(r) if r.retries == 0 => return unreadable("the PIN is blocked", auth),
        Ok(r) if r.power_cycle_required == Some(true) => {
            return unreadable("the key refuses PINs until it is re-plugged (three wrong PINs in a row)", auth)
        }
        Ok(_) => {}
        Err(_) => return unreadable("the key did not say whether its PIN can be used", auth),
    }
    if info.force_pin_change == Some(true) {
        return unreadable("the key requires a PIN change before its PIN can be used", auth);
    }
    let pin_given = ctx.global.pin_stdin || std::env::var_os(ENV_PIN).is_some_and(|v| !v.is_empty());
    if !pin_given {
        return unreadable("no PIN was given (FIDOCTL_PIN or --pin-stdin)", auth);
    }
    let mut input = pin_input(ctx)?;
    let token = match token_with_pin(
        ctx,
        &mut auth,
        &mut input,
        Permissions::CREDENTIAL_MANAGEMENT,
        None,
        "counting the credentials",
    ) {
        Ok(token) => token,
        Err(f) if f.exit_code == exit::PIN => {
            return Err(f.hint(
                "The reset was stopped before anything was erased. Run `fidoctl reset` again with the right PIN \
                 to count the credentials, or with no PIN (no FIDOCTL_PIN, no --pin-stdin) to reset without \
                 counting them.",
            ))
        }
        Err(f) => return Ok((Count::Unreadable(reason(&f)), ctx.open(device)?)),
    };
    let counted = CredentialManager::new(&mut auth, &token, flavor).metadata();
    match counted {
        Ok(m) => Ok((Count::Counted(m.existing), auth)),
        Err(e) => Ok((Count::Unreadable(reason(&Failure::from(e))), ctx.open(device)?)),
    }
}

/// A failure's sentence as a clause after "cannot be read: ".
fn reason(f: &Failure) -> String {
    let m = f.message.trim_end_matches('.');
    // "The key …" → "the key …"; an initialism ("PIN …") keeps its capitals.
    match m.chars().nth(1) {
        Some(second) if second.is_lowercase() => {
            let mut chars = m.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        }
        _ => m.to_string(),
    }
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

#[cfg(test)]
mod tests {
    use super::how_to_reset;
    use crate::proto::get_info::AuthenticatorInfo;

    #[test]
    fn the_reset_sentences_name_the_long_touch_and_the_transports() {
        let mut info = AuthenticatorInfo::default();
        assert_eq!(how_to_reset(&info), "");
        info.long_touch_for_reset = Some(false);
        info.transports_for_reset = vec!["usb".into()];
        assert_eq!(how_to_reset(&info), " This key can be reset only over USB.");
        info.long_touch_for_reset = Some(true);
        info.transports_for_reset = vec!["usb".into(), "nfc".into(), "ble".into()];
        assert_eq!(
            how_to_reset(&info),
            " The key asks for a long touch to confirm: keep your finger on it for several seconds. This key can be \
             reset only over USB, NFC or Bluetooth."
        );
    }
}
