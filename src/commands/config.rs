//! `fidoctl config always-uv on|off` (switched either way), `config enterprise-attestation
//! enable`, `pin min-length`, `pin force-change` (only a factory reset undoes these).

use super::auth::{pin_input, token_with_pin};
use super::confirm::{confirm, confirm_setting};
use super::failure::Cause;
use super::journal as cj;
use super::{exit, Context, Failure, Outcome};
use crate::cli::{ConfigCommand, OnOff};
use crate::client::config as client_config;
use crate::client::pin::PinToken;
use crate::client::Authenticator;
use crate::journal::{Arg, Change, Setting as JSetting};
use crate::output::message::Message;
use crate::output::results::{AlwaysUv, Configured, EnterpriseAttestation, ForcePinChange, MinPinLength};
use crate::proto::ctap2::client_pin::Permissions;
use crate::proto::get_info::Setting;
use crate::proto::status::CtapStatus;
use serde::Serialize;

pub fn run(ctx: &Context, command: ConfigCommand) -> Result<Outcome, Failure> {
    match command {
        ConfigCommand::AlwaysUv { state } => always_uv(ctx, state == OnOff::On),
        ConfigCommand::EnterpriseAttestation { .. } => enterprise_attestation(ctx),
    }
}

fn require_config(auth: &mut Authenticator, setting: Setting, what: &str) -> Result<(), Failure> {
    let info = auth.info()?;
    if !info.authenticator_config() || info.setting(setting).is_none() {
        return Err(Failure::new(
            exit::FAILED,
            "config_unsupported",
            format!("This key cannot {what}: it does not offer that setting."),
        ));
    }
    Ok(())
}

/// A token with the acfg permission when the key has a PIN; none when it has no PIN (the key
/// then accepts configuration without one, unless always-UV is on: refused with a pointer
/// to `pin set`).
fn config_token(ctx: &Context, auth: &mut Authenticator) -> Result<Option<PinToken>, Failure> {
    let info = auth.info()?;
    if !info.pin().is_set() {
        // With always-UV on, the key takes configuration only with a token (CTAP 2.1 §6.11),
        // and with no PIN there is none to get: asking for "the key's PIN" would be a dead end.
        if info.always_uv() {
            return Err(Failure::new(
                exit::PIN,
                "pin_not_set",
                "Always-UV is on and this key has no PIN, so its settings can only be changed after a PIN is set.",
            )
            .hint("Set a PIN with `fidoctl pin set`, then run this again with it."));
        }
        return Ok(None);
    }
    let mut input = pin_input(ctx)?;
    token_with_pin(ctx, auth, &mut input, Permissions::AUTHENTICATOR_CONFIG, None, "changing the key's settings")
        .map(Some)
}

fn done<T: Serialize + 'static>(auth: &Authenticator, text: String, setting: T, changed: bool) -> Outcome {
    Outcome::ok(Message { text, fields: Configured { setting, changed, device: super::device_object(auth) } })
}

fn always_uv(ctx: &Context, wanted: bool) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    require_config(&mut auth, Setting::AlwaysUv, "require user verification for every use")?;
    let current = auth.info()?.always_uv();
    let word = if wanted { "on" } else { "off" };
    if current == wanted {
        return Ok(done(
            &auth,
            format!("Always-UV is already {word}; nothing was changed."),
            AlwaysUv { always_uv: wanted },
            false,
        ));
    }
    let attempt = cj::attempt(&mut auth, "config always-uv", Change::Setting { setting: JSetting::AlwaysUv(wanted) })
        .arg(Arg::text("state", word))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = toggle_always_uv(ctx, &mut auth, wanted);
    cj::finish(ctx, attempt, result)
}

fn toggle_always_uv(ctx: &Context, auth: &mut Authenticator, wanted: bool) -> Result<Outcome, Failure> {
    let word = if wanted { "on" } else { "off" };
    let what = if wanted {
        "This turns always-UV on: the key will ask for its PIN (or fingerprint) for every registration and sign-in, and sites that cannot ask for one (U2F) stop working with it. `fidoctl config always-uv off` turns it off again."
    } else {
        "This turns always-UV off, which weakens the key's protection: it will allow sign-ins with a touch alone where the site allows it. `fidoctl config always-uv on` turns it back on."
    };
    confirm_setting(ctx, what, &format!("Turn always-UV {word}?"))?;
    let token = config_token(ctx, auth)?;
    client_config::toggle_always_uv(auth, token.as_ref())?;
    let now = auth.refresh_info()?.always_uv();
    if now != wanted {
        return Err(Failure::new(
            exit::FAILED,
            "config_not_applied",
            format!("The key accepted the change but still reports always-UV {}.", if now { "on" } else { "off" }),
        ));
    }
    Ok(done(auth, format!("Always-UV is now {word}."), AlwaysUv { always_uv: wanted }, true))
}

fn enterprise_attestation(ctx: &Context) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    require_config(&mut auth, Setting::EnterpriseAttestation, "enable enterprise attestation")?;
    if auth.info()?.enterprise_attestation() == Some(true) {
        return Ok(done(
            &auth,
            "Enterprise attestation is already enabled; nothing was changed.".into(),
            EnterpriseAttestation { enterprise_attestation: true },
            false,
        ));
    }
    let change = Change::Setting { setting: JSetting::EnterpriseAttestation(true) };
    let attempt = cj::attempt(&mut auth, "config enterprise-attestation", change).arg(Arg::flag("yes", ctx.global.yes));
    let result = enable_enterprise_attestation(ctx, &mut auth);
    cj::finish(ctx, attempt, result)
}

fn enable_enterprise_attestation(ctx: &Context, auth: &mut Authenticator) -> Result<Outcome, Failure> {
    confirm(
        ctx,
        "This enables enterprise attestation: sites your organisation lists in the browser policy will be able to identify this individual key. Only a factory reset turns it off again.",
        "Enable enterprise attestation?",
    )?;
    let token = config_token(ctx, auth)?;
    client_config::enable_enterprise_attestation(auth, token.as_ref())?;
    auth.refresh_info()?;
    Ok(done(
        auth,
        "Enterprise attestation is enabled.".into(),
        EnterpriseAttestation { enterprise_attestation: true },
        true,
    ))
}

/// `pin min-length N [--rp-id ID]... [--force-change]`
pub fn min_length(ctx: &Context, new_min: u64, rp_ids: &[String], force_change: bool) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    require_config(&mut auth, Setting::MinPinLength, "change its minimum PIN length")?;
    let info = auth.info()?;
    let current = info.min_pin_length.unwrap_or(4);
    if new_min == current && rp_ids.is_empty() && !force_change {
        let forced = info.force_pin_change == Some(true);
        return Ok(done(
            &auth,
            format!("The minimum PIN length is already {current}; nothing was changed."),
            MinPinLength { min_pin_length: Some(current), force_pin_change: forced, rp_ids: rp_ids.to_vec() },
            false,
        ));
    }
    let change = Change::MinPinLength { length: new_min, rp_ids: rp_ids.to_vec(), force_change };
    let mut attempt = cj::attempt(&mut auth, "pin min-length", change)
        .arg(Arg::number("length", new_min))
        .arg(Arg::flag("force_change", force_change))
        .arg(Arg::flag("yes", ctx.global.yes));
    if !rp_ids.is_empty() {
        attempt = attempt.arg(Arg::list("rp_id", rp_ids.iter().cloned()));
    }
    let result = raise_min_length(ctx, &mut auth, current, new_min, rp_ids, force_change);
    cj::finish(ctx, attempt, result)
}

fn raise_min_length(
    ctx: &Context,
    auth: &mut Authenticator,
    current: u64,
    new_min: u64,
    rp_ids: &[String],
    force_change: bool,
) -> Result<Outcome, Failure> {
    if new_min < current {
        // Not a PIN problem (exit 4): the key's rule, which it would enforce by refusing.
        return Err(not_lowered(current, new_min));
    }
    if new_min > 63 {
        return Err(Failure::usage(format!("{new_min} is longer than any PIN can be (63 bytes).")));
    }
    if let Some(max) = auth.info()?.max_rp_ids_for_set_min_pin_length {
        if rp_ids.len() as u64 > max {
            return Err(Failure::usage(format!(
                "This key accepts at most {max} --rp-id values; {} were given.",
                rp_ids.len()
            )));
        }
    } else if !rp_ids.is_empty() {
        return Err(Failure::usage("This key cannot tell sites its minimum PIN length (--rp-id is not supported)."));
    }
    let mut what = if new_min == current {
        format!("This keeps the minimum PIN length of {} at {current}.", auth.device().path())
    } else {
        format!("This raises the minimum PIN length of {} from {current} to {new_min}.", auth.device().path())
    };
    if force_change {
        what.push_str(" It also forces a PIN change: the PIN cannot be used until it is changed.");
    }
    if !rp_ids.is_empty() {
        what.push_str(&format!(" These sites may read the minimum: {}.", rp_ids.join(", ")));
    }
    what.push_str(" Only a factory reset undoes this.");
    confirm(ctx, &what, "Raise the minimum PIN length?")?;
    let token = config_token(ctx, auth)?;
    client_config::set_min_pin_length(auth, token.as_ref(), Some(new_min), rp_ids, force_change).map_err(|e| {
        match e.ctap_status() {
            // The key's own answer to a minimum it takes as lower (it knew better than getInfo).
            Some(status @ CtapStatus::PinPolicyViolation) => {
                let mut f = not_lowered(current, new_min);
                f.cause = Cause::KeyRefused(status);
                f
            }
            _ => Failure::from(e),
        }
    })?;
    let info = auth.refresh_info()?.clone();
    let forced = info.force_pin_change == Some(true);
    let mut text = format!("The minimum PIN length is now {}.", info.min_pin_length.unwrap_or(new_min));
    if forced {
        text.push_str(" The PIN must be changed (`fidoctl pin change`) before it can be used again.");
    }
    Ok(done(
        auth,
        text,
        MinPinLength { min_pin_length: info.min_pin_length, force_pin_change: forced, rp_ids: rp_ids.to_vec() },
        true,
    ))
}

/// The refusal to lower the minimum PIN length: keys only ever raise it.
fn not_lowered(current: u64, new_min: u64) -> Failure {
    Failure::new(
        exit::FAILED,
        "min_pin_length_not_lowered",
        format!(
            "Security keys never lower their minimum PIN length: this key's is {current}, so the key refuses {new_min}. Nothing was changed."
        ),
    )
    .hint("Only a factory reset (`fidoctl reset`) lowers it again, and that erases the key.")
}

/// `pin force-change`
pub fn force_change(ctx: &Context) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    require_config(&mut auth, Setting::MinPinLength, "force a PIN change")?;
    let info = auth.info()?;
    if info.pin().is_set() && info.force_pin_change == Some(true) {
        return Ok(done(
            &auth,
            "A PIN change is already required on this key; nothing was changed.".into(),
            ForcePinChange { force_pin_change: true },
            false,
        ));
    }
    let attempt =
        cj::attempt(&mut auth, "pin force-change", Change::ForcePinChange).arg(Arg::flag("yes", ctx.global.yes));
    let result = force_pin_change(ctx, &mut auth);
    cj::finish(ctx, attempt, result)
}

fn force_pin_change(ctx: &Context, auth: &mut Authenticator) -> Result<Outcome, Failure> {
    if !auth.info()?.pin().is_set() {
        return Err(Failure::new(
            exit::PIN,
            "pin_not_set",
            "This key has no PIN, so there is no PIN to force a change of.",
        )
        .hint("Set one with `fidoctl pin set`."));
    }
    confirm(
        ctx,
        &format!(
            "This forces a PIN change on {}: the current PIN will only be accepted to change it.",
            auth.device().path()
        ),
        "Force a PIN change?",
    )?;
    let token = config_token(ctx, auth)?;
    client_config::set_min_pin_length(auth, token.as_ref(), None, &[], true)?;
    auth.refresh_info()?;
    Ok(done(
        auth,
        "A PIN change is now required: change it with `fidoctl pin change`.".into(),
        ForcePinChange { force_pin_change: true },
        true,
    ))
}
