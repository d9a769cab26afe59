//! Applying the plan: each step through the client, checked in getInfo afterwards, with its
//! own journal record. Every step re-reads the key first, so a run after an interruption
//! skips what is already done (toggleAlwaysUv in particular is a toggle, not a set).

use super::plan::{Status, Step, StepKind};
use crate::client::config as client_config;
use crate::client::pin::{self as client_pin, PinToken};
use crate::client::Authenticator;
use crate::commands::auth::{pin_failure, token_from_pin};
use crate::commands::journal as cj;
use crate::commands::{exit, Context, Failure};
use crate::journal::{Arg, Change, Setting};
use crate::proto::ctap2::client_pin::Permissions;

/// What the steps need: the PIN (new or current) and, once there is one, a config token.
pub struct Applier<'a> {
    pub ctx: &'a Context,
    pub pin: &'a str,
    pub rp_ids: &'a [String],
    token: Option<PinToken>,
}

impl<'a> Applier<'a> {
    pub fn new(ctx: &'a Context, pin: &'a str, rp_ids: &'a [String]) -> Self {
        Applier { ctx, pin, rp_ids, token: None }
    }

    /// Apply the steps marked will-do, in order. Stops at the first failure: that step is
    /// `failed`, the ones after it `not_reached`, and the failure is returned.
    pub fn apply(&mut self, auth: &mut Authenticator, steps: &mut [Step]) -> Result<(), Failure> {
        for i in 0..steps.len() {
            if steps[i].status != Status::WillDo {
                continue;
            }
            match self.one(auth, &steps[i]) {
                Ok(true) => steps[i].status = Status::Applied,
                Ok(false) => steps[i].status = Status::Already,
                Err(f) => {
                    steps[i].status = Status::Failed;
                    for later in steps[i + 1..].iter_mut().filter(|s| s.status == Status::WillDo) {
                        later.status = Status::NotReached;
                    }
                    return Err(f);
                }
            }
        }
        Ok(())
    }

    /// One step with its journal record. `Ok(false)`: the key turned out to be as asked already.
    fn one(&mut self, auth: &mut Authenticator, step: &Step) -> Result<bool, Failure> {
        let info = auth.refresh_info()?.clone();
        let change = match step.step {
            StepKind::Pin if info.pin().is_set() => return Ok(false),
            StepKind::Pin => Change::PinSet,
            StepKind::MinPinLength => {
                let target = step.value.unwrap_or(4);
                if info.min_pin_length.unwrap_or(4) >= target {
                    return Ok(false);
                }
                Change::MinPinLength { length: target, rp_ids: self.rp_ids.to_vec(), force_change: false }
            }
            StepKind::AlwaysUv if info.always_uv() => return Ok(false),
            StepKind::AlwaysUv => Change::Setting { setting: Setting::AlwaysUv(true) },
            StepKind::EnterpriseAttestation if info.enterprise_attestation() == Some(true) => return Ok(false),
            StepKind::EnterpriseAttestation => Change::Setting { setting: Setting::EnterpriseAttestation(true) },
            StepKind::ForcePinChange if info.force_pin_change == Some(true) => return Ok(false),
            StepKind::ForcePinChange => Change::ForcePinChange,
        };
        let attempt = cj::attempt(auth, "enroll", change)
            .arg(Arg::text("step", step.step.name()))
            .arg(Arg::flag("yes", self.ctx.global.yes));
        let result = self.write(auth, step);
        cj::finish(self.ctx, attempt, result).map(|()| true)
    }

    fn write(&mut self, auth: &mut Authenticator, step: &Step) -> Result<(), Failure> {
        match step.step {
            StepKind::Pin => {
                let session = client_pin::start_session(auth)?;
                client_pin::set_pin(auth, &session, self.pin.as_bytes()).map_err(|e| pin_failure(auth, e))?;
            }
            StepKind::MinPinLength => {
                let target = step.value.unwrap_or(4);
                self.config_token(auth)?;
                client_config::set_min_pin_length(auth, self.token.as_ref(), Some(target), self.rp_ids, false)?;
            }
            StepKind::AlwaysUv => {
                self.config_token(auth)?;
                client_config::toggle_always_uv(auth, self.token.as_ref())?;
            }
            StepKind::EnterpriseAttestation => {
                self.config_token(auth)?;
                client_config::enable_enterprise_attestation(auth, self.token.as_ref())?;
            }
            StepKind::ForcePinChange => {
                self.config_token(auth)?;
                client_config::set_min_pin_length(auth, self.token.as_ref(), None, &[], true)?;
            }
        }
        let info = auth.refresh_info()?.clone();
        let took = match step.step {
            StepKind::Pin => info.pin().is_set(),
            StepKind::MinPinLength => info.min_pin_length.unwrap_or(4) >= step.value.unwrap_or(4),
            StepKind::AlwaysUv => info.always_uv(),
            StepKind::EnterpriseAttestation => info.enterprise_attestation() == Some(true),
            StepKind::ForcePinChange => info.force_pin_change == Some(true),
        };
        if !took {
            return Err(Failure::new(
                exit::FAILED,
                "config_not_applied",
                format!("The key accepted the {} step but does not report it as done.", step.step.name()),
            ));
        }
        Ok(())
    }

    /// One acfg token for every setting of the run (a token keeps its permissions across
    /// configuration commands; only makeCredential/getAssertion clear them).
    fn config_token(&mut self, auth: &mut Authenticator) -> Result<(), Failure> {
        if self.token.is_none() {
            let token = token_from_pin(self.ctx, auth, self.pin, Permissions::AUTHENTICATOR_CONFIG, None, "enrolment")?;
            self.token = Some(token);
        }
        Ok(())
    }
}
