//! `fidoctl pin set | change | verify`.

use super::auth::{obtain_token, pin_failure, pin_input};
use super::failure::{self, During};
use super::journal as cj;
use super::{exit, Context, Failure, Outcome};
use crate::cli::PinCommand;
use crate::client::pin as client_pin;
use crate::client::{Authenticator, ClientError};
use crate::journal::{Arg, Change};
use crate::output::message::Message;
use crate::output::results::{PinChanged, PinSet, PinVerified};
use crate::proto::ctap2::client_pin::Permissions;
use crate::proto::get_info::Flavor;
use crate::proto::status::CtapStatus;

pub fn run(ctx: &Context, command: PinCommand) -> Result<Outcome, Failure> {
    match command {
        PinCommand::Set => set(ctx),
        PinCommand::Change => change(ctx),
        PinCommand::Verify => verify(ctx),
        PinCommand::MinLength { length, rp_ids, force_change } => {
            super::config::min_length(ctx, length, &rp_ids, force_change)
        }
        PinCommand::ForceChange => super::config::force_change(ctx),
    }
}

/// The key must have a PIN (and FIDO2) before we ask the user for one.
fn require_pin_support(auth: &mut Authenticator) -> Result<(), Failure> {
    let info = auth.info()?;
    if !info.pin().supported() {
        return Err(Failure::new(exit::FAILED, "pin_unsupported", "This key does not support a PIN."));
    }
    Ok(())
}

fn set(ctx: &Context) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    require_pin_support(&mut auth)?;
    let attempt = cj::attempt(&mut auth, "pin set", Change::PinSet).arg(Arg::flag("pin_stdin", ctx.global.pin_stdin));
    let result = set_on(ctx, &mut auth);
    cj::finish(ctx, attempt, result)
}

fn set_on(ctx: &Context, auth: &mut Authenticator) -> Result<Outcome, Failure> {
    let info = auth.info()?;
    if info.pin().is_set() {
        return Err(Failure::new(exit::PIN, "pin_already_set", "This key already has a PIN.")
            .hint("Use `fidoctl pin change` to change it (or `fidoctl reset` if nobody knows it)."));
    }
    let (min, max) = (info.min_pin_length, info.max_pin_length);
    let policy = ComplexityPolicy::of(info);
    let new_pin = pin_input(ctx)?.new_pin_within(min, max, "pin set")?;
    let session = client_pin::start_session(auth)?;
    client_pin::set_pin(auth, &session, new_pin.as_bytes())
        .map_err(|e| policy.refusal(e, "pin set").unwrap_or_else(|e| pin_failure(auth, e)))?;
    let device = super::device_object(auth);
    Ok(Outcome::ok(Message {
        text: format!("The PIN of {device} is set."),
        fields: PinSet { device, pin_set: true, pin_protocol: session.protocol.number() },
    }))
}

fn change(ctx: &Context) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    require_pin_support(&mut auth)?;
    let attempt =
        cj::attempt(&mut auth, "pin change", Change::PinChanged).arg(Arg::flag("pin_stdin", ctx.global.pin_stdin));
    let result = change_on(ctx, &mut auth);
    cj::finish(ctx, attempt, result)
}

fn change_on(ctx: &Context, auth: &mut Authenticator) -> Result<Outcome, Failure> {
    let info = auth.info()?;
    if !info.pin().is_set() {
        return Err(Failure::new(exit::PIN, "pin_not_set", "This key has no PIN yet, so there is nothing to change.")
            .hint("Set one with `fidoctl pin set`."));
    }
    let (min, max) = (info.min_pin_length, info.max_pin_length);
    let policy = ComplexityPolicy::of(info);
    let info_forces_change = info.force_pin_change == Some(true);
    let mut input = pin_input(ctx)?;
    let current = input.current("Current PIN")?;
    let new_pin = input.new_pin_within(min, max, "pin change")?;
    // A forced change must pick a new PIN; the key would refuse the old one after costing a
    // round trip, so say it here.
    if info_forces_change && *current == *new_pin {
        return Err(Failure::new(
            exit::PIN,
            "pin_policy_violation",
            "This key requires a new PIN: the new PIN must differ from the current one.",
        )
        .hint("Choose a different PIN and run `fidoctl pin change` again."));
    }
    let session = client_pin::start_session(auth)?;
    client_pin::change_pin(auth, &session, current.as_bytes(), new_pin.as_bytes()).map_err(|e| {
        let e = match policy.refusal(e, "pin change") {
            Ok(f) => return f,
            Err(e) => e,
        };
        match e.ctap_status() {
            Some(CtapStatus::PinPolicyViolation) => failure::refused(e, During::PinChange),
            _ => pin_failure(auth, e),
        }
    })?;
    let device = super::device_object(auth);
    Ok(Outcome::ok(Message {
        text: format!("The PIN of {device} is changed."),
        fields: PinChanged { device, pin_changed: true, pin_protocol: session.protocol.number() },
    }))
}

/// A key's PIN complexity policy (CTAP 2.2 getInfo pinComplexityPolicy and its URL): what a
/// PIN_POLICY_VIOLATION on a new PIN means on such a key.
struct ComplexityPolicy {
    on: bool,
    url: Option<String>,
}

impl ComplexityPolicy {
    fn of(info: &crate::proto::get_info::AuthenticatorInfo) -> ComplexityPolicy {
        // The URL is shown to a person: only a short, printable one is.
        let url = info
            .pin_complexity_policy_url_text()
            .map(str::trim)
            .filter(|u| !u.is_empty() && u.len() <= 200 && !u.chars().any(|c| c.is_control() || c.is_whitespace()))
            .map(str::to_string);
        ComplexityPolicy { on: info.pin_complexity_policy == Some(true), url }
    }

    /// The help-desk sentence for a new PIN the key's complexity policy refused; the error
    /// back when the key has no such policy or refused for another reason.
    fn refusal(&self, e: ClientError, command: &str) -> Result<Failure, ClientError> {
        if !self.on || e.ctap_status() != Some(CtapStatus::PinPolicyViolation) {
            return Err(e);
        }
        let hint = match &self.url {
            Some(url) => format!(
                "The key's policy is described at {url}. Choose a PIN that follows it and run `fidoctl {command}` again."
            ),
            None => format!(
                "The key does not say what its policy asks. Avoid repeated characters (1111) and sequences (123456), \
                 choose a longer PIN, and run `fidoctl {command}` again."
            ),
        };
        let unchanged = if command == "pin set" { "No PIN was set." } else { "The PIN was not changed." };
        let mut f = Failure::from(e);
        f.code = "pin_policy_violation".into();
        f.message =
            format!("The key refused the new PIN: it does not meet the key's PIN complexity policy. {unchanged}");
        Ok(f.hint(hint))
    }
}

/// A permission this key will grant with the PIN alone.
fn verify_permission(auth: &mut Authenticator) -> Result<Permissions, ClientError> {
    let info = auth.info()?;
    Ok(if !info.no_mc_ga_with_pin() {
        Permissions::GET_ASSERTION
    } else if info.cred_mgmt() == Some(Flavor::Standard) {
        Permissions::CREDENTIAL_MANAGEMENT
    } else if info.authenticator_config() {
        Permissions::AUTHENTICATOR_CONFIG
    } else {
        Permissions::LARGE_BLOB_WRITE
    })
}

fn verify(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = ctx.open_one()?;
    require_pin_support(&mut auth)?;
    let info = auth.info()?;
    if !info.pin().is_set() {
        return Err(Failure::new(exit::PIN, "pin_not_set", "This key has no PIN yet, so there is nothing to verify.")
            .hint("Set one with `fidoctl pin set`."));
    }
    if info.force_pin_change == Some(true) {
        return Err(Failure::from(ClientError::PinChangeRequired));
    }
    let pin = pin_input(ctx)?.current("PIN")?;
    let perm = verify_permission(&mut auth)?;
    let session = client_pin::start_session(&mut auth)?;
    obtain_token(&mut auth, &session, pin.as_bytes(), perm, None)?;
    let retries = client_pin::get_retries(&mut auth)?;
    let device = super::device_object(&auth);
    Ok(Outcome::ok(Message {
        text: format!("The PIN is correct ({device}; {} attempts allowed before it locks).", retries.retries),
        fields: PinVerified {
            device,
            pin_verified: true,
            pin_retries: retries.retries,
            pin_protocol: session.protocol.number(),
        },
    }))
}
