//! Getting PIN tokens for a command: reading the PIN from its sources, checking the key can
//! take one, and telling a refused PIN with the attempts left. Shared by every command that
//! needs a token (pin, config, creds, exchange, reset).

use super::failure::{self, During};
use super::{exit, Context, Failure};
use crate::client::pin::{self as client_pin, PinSession, PinToken};
use crate::client::{Authenticator, ClientError};
use crate::proto::ctap2::client_pin::Permissions;
use crate::proto::get_info::PinSupport;
use crate::proto::status::CtapStatus;
use crate::secrets::{Pin, PinInput};
use crate::transport::Location;

pub fn pin_input(ctx: &Context) -> Result<PinInput, Failure> {
    Ok(PinInput::new(ctx.global.pin_stdin)?.with_cancel(ctx.cancel.clone()))
}

/// Turn a PIN-related refusal into a sentence that says how many attempts remain.
pub fn pin_failure(auth: &mut Authenticator, err: ClientError) -> Failure {
    if let Some(status @ (CtapStatus::PinInvalid | CtapStatus::PinAuthBlocked)) = err.ctap_status() {
        if let Some(f) = client_pin::get_retries(auth).ok().and_then(|r| failure::wrong_pin(status, r.retries)) {
            return replug_hint(auth, status, f);
        }
    }
    failure::refused(err, During::Any)
}

/// "Unplug and re-plug" is what a HID key needs; a virtual key is re-plugged with a command.
fn replug_hint(auth: &Authenticator, status: CtapStatus, f: Failure) -> Failure {
    match (&auth.device().location, status) {
        (Location::Virtual(path), CtapStatus::PinAuthBlocked) => {
            f.hint(format!("Re-plug the virtual key with `fidoctl virtual replug {}`, then try again.", path.display()))
        }
        _ => f,
    }
}

/// Check the PIN by asking the key for a token with it.
pub fn obtain_token(
    auth: &mut Authenticator,
    session: &PinSession,
    pin: &[u8],
    permissions: Permissions,
    rp_id: Option<&str>,
) -> Result<PinToken, Failure> {
    client_pin::get_token(auth, session, pin, permissions, rp_id).map_err(|e| pin_failure(auth, e))
}

/// Ask for the PIN (from its sources) and get one token with these permissions: one key
/// agreement and one token for the whole command run.
pub fn token_with_pin(
    ctx: &Context,
    auth: &mut Authenticator,
    input: &mut PinInput,
    permissions: Permissions,
    rp_id: Option<&str>,
    needed_for: &str,
) -> Result<PinToken, Failure> {
    let pin = read_pin_for(auth, input, needed_for)?;
    token_from_pin(ctx, auth, &pin, permissions, rp_id, needed_for)
}

/// Check the key can take a PIN for this purpose, then read the PIN from its sources.
pub fn read_pin_for(auth: &mut Authenticator, input: &mut PinInput, needed_for: &str) -> Result<Pin, Failure> {
    let info = auth.info()?;
    match info.pin() {
        PinSupport::Unsupported => {
            return Err(Failure::new(
                exit::FAILED,
                "pin_unsupported",
                format!("This key does not support a PIN, which {needed_for} needs."),
            ))
        }
        PinSupport::NotSet => {
            return Err(Failure::new(
                exit::PIN,
                "pin_not_set",
                format!(
                    "This key has no PIN, and {needed_for} needs one (the key only allows it after a PIN is entered)."
                ),
            )
            .hint("Set a PIN with `fidoctl pin set`, then try again."))
        }
        PinSupport::Set => {}
    }
    if info.force_pin_change == Some(true) {
        return Err(Failure::from(ClientError::PinChangeRequired));
    }
    Ok(input.current("PIN")?)
}

/// A fresh token from a PIN already read (keys clear a token's permissions after
/// makeCredential/getAssertion, so one run may need several).
pub fn token_from_pin(
    ctx: &Context,
    auth: &mut Authenticator,
    pin: &str,
    permissions: Permissions,
    rp_id: Option<&str>,
    needed_for: &str,
) -> Result<PinToken, Failure> {
    ctx.diag(format!("getting a PIN token for {needed_for}"));
    let session = client_pin::start_session(auth)?;
    obtain_token(auth, &session, pin.as_bytes(), permissions, rp_id)
}

/// The PIN, read once per run when needed.
#[derive(Default)]
pub struct PinHolder {
    pin: Option<Pin>,
}

impl PinHolder {
    pub fn token(
        &mut self,
        ctx: &Context,
        auth: &mut Authenticator,
        perm: Permissions,
        rp_id: Option<&str>,
        what: &str,
    ) -> Result<PinToken, Failure> {
        if self.pin.is_none() {
            // A key with an enrolled finger verifies the user itself: no PIN needed.
            let info = auth.info()?;
            if info.uv() == Some(true) && info.token_permissions() {
                ctx.diag(format!("getting a token by fingerprint for {what}"));
                let session = client_pin::start_session(auth)?;
                match client_pin::get_token_using_uv(auth, &session, perm, rp_id) {
                    Ok(token) => return Ok(token),
                    // Not recognised or blocked: fall back to the PIN where the key has one.
                    Err(e)
                        if matches!(e.ctap_status(), Some(CtapStatus::UvInvalid | CtapStatus::UvBlocked))
                            && auth.info()?.pin().is_set() =>
                    {
                        ctx.diag("the fingerprint was not accepted; asking for the PIN instead");
                    }
                    Err(e) => return Err(failure::refused(e, During::Any)),
                }
            }
            let mut input = pin_input(ctx)?;
            self.pin = Some(read_pin_for(auth, &mut input, what)?);
        }
        let pin = self.pin.as_ref().map(|p| p.as_str()).unwrap_or_default();
        token_from_pin(ctx, auth, pin, perm, rp_id, what)
    }
}
