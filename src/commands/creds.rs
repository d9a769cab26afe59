//! `fidoctl creds list | delete | update`: discoverable credentials, exactly.

use super::auth::{pin_input, token_with_pin};
use super::confirm::confirm;
use super::journal as cj;
use super::{exit, Context, Failure, Outcome};
use crate::cli::{CredentialId, CredsCommand};
use crate::client::cred_mgmt::{flavor, CredentialEntry, CredentialManager, Flavor, RpEntry};
use crate::client::pin::PinToken;
use crate::client::{Authenticator, ClientError};
use crate::journal::{Arg, Change, CredentialId as RecordedId};
use crate::output::b64url;
use crate::output::creds::{CredentialList, CredentialRow, RpGroup};
use crate::output::message::Message;
use crate::output::results::{CredentialDeleted, CredentialRef, CredentialUpdated};
use crate::proto::cose::CoseKey;
use crate::proto::ctap2::client_pin::Permissions;
use crate::proto::entities::User;
use crate::ssh::{self, SshKeySummary};

pub fn run(ctx: &Context, command: CredsCommand) -> Result<Outcome, Failure> {
    match command {
        CredsCommand::List { rp } => list(ctx, rp.as_deref()),
        CredsCommand::Delete { credential_id } => delete(ctx, &credential_id),
        CredsCommand::Update { credential_id, name, display_name } => update(ctx, &credential_id, name, display_name),
    }
}

/// Everything a credential-management run needs: the key, its flavour and one cm token.
pub struct CmSession {
    pub auth: Authenticator,
    pub flavor: Flavor,
    pub token: PinToken,
}

impl CmSession {
    pub fn open(ctx: &Context, auth: Authenticator) -> Result<CmSession, Failure> {
        let mut auth = auth;
        let Some(flavor) = flavor(&mut auth)? else {
            return Err(Failure::new(
                exit::FAILED,
                "cred_mgmt_unsupported",
                "This key does not support credential management, so its discoverable credentials cannot be listed, deleted or changed.",
            )
            .hint("Only a factory reset (`fidoctl reset`) removes credentials from such a key, and it removes all of them."));
        };
        let mut input = pin_input(ctx)?;
        let token = token_with_pin(
            ctx,
            &mut auth,
            &mut input,
            Permissions::CREDENTIAL_MANAGEMENT,
            None,
            "credential management",
        )?;
        Ok(CmSession { auth, flavor, token })
    }

    pub fn manager(&mut self) -> CredentialManager<'_> {
        CredentialManager::new(&mut self.auth, &self.token, self.flavor)
    }

    /// Every RP with its credentials.
    pub fn everything(&mut self) -> Result<Vec<(RpEntry, Vec<CredentialEntry>)>, Failure> {
        let mut m = self.manager();
        let rps = m.relying_parties()?;
        let mut out = Vec::with_capacity(rps.len());
        for rp in rps {
            let creds = m.credentials(&rp.rp_id_hash)?;
            out.push((rp, creds));
        }
        Ok(out)
    }
}

fn list(ctx: &Context, rp_filter: Option<&str>) -> Result<Outcome, Failure> {
    let auth = ctx.open_one()?;
    let mut s = CmSession::open(ctx, auth)?;
    let mut m = s.manager();
    let meta = m.metadata()?;
    // With --rp, only that RP's credentials are read: fewer round trips to the key.
    let rps: Vec<RpEntry> =
        m.relying_parties()?.into_iter().filter(|rp| rp_filter.is_none_or(|f| rp.rp.id == f)).collect();
    let mut groups = Vec::with_capacity(rps.len());
    for rp in rps {
        let creds = m.credentials(&rp.rp_id_hash)?;
        groups.push(RpGroup {
            rp_id: rp.rp.id.clone(),
            rp_name: rp.rp.name.clone(),
            credentials: creds
                .iter()
                .map(|c| {
                    CredentialRow::new(&c.credential_id, &c.user, c.cred_protect, c.algorithm, ssh_view(&rp.rp.id, c))
                })
                .collect(),
        });
    }
    Ok(Outcome::ok(CredentialList {
        device: super::device_object(&s.auth),
        existing: meta.existing,
        remaining: meta.remaining,
        rps: groups,
    }))
}

/// The OpenSSH view of a credential whose RP id is `ssh:…`. A key OpenSSH could not use (an
/// unreadable COSE key or another algorithm) is listed as an ordinary credential.
pub fn ssh_view(rp_id: &str, c: &CredentialEntry) -> Option<SshKeySummary> {
    let key = CoseKey::from_value(&c.public_key).ok()?;
    ssh::describe(&key, rp_id, &c.user.id).ok().flatten()
}

/// Find the one credential the id names, exactly; refuse if the readings name two.
fn find_exact<'a>(
    all: &'a [(RpEntry, Vec<CredentialEntry>)],
    written: &CredentialId,
) -> Result<(&'a RpEntry, &'a CredentialEntry), Failure> {
    let readings = &written.readings;
    let mut hits: Vec<(&RpEntry, &CredentialEntry)> = Vec::new();
    for (rp, creds) in all {
        for c in creds {
            if readings.contains(&c.credential_id) && !hits.iter().any(|(_, h)| h.credential_id == c.credential_id) {
                hits.push((rp, c));
            }
        }
    }
    // Name them in the order of the readings (hex first), not the order the key listed them.
    hits.sort_by_key(|(_, c)| readings.iter().position(|r| *r == c.credential_id));
    match hits.len() {
        0 => Err(Failure::new(exit::FAILED, "credential_not_found", format!("No credential on this key has the id {written}; nothing was changed."))
            .hint("List the credentials with `fidoctl creds list` and copy the id exactly.")),
        1 => Ok(hits[0]),
        _ => Err(Failure::usage(format!(
            "The id {written} names two different credentials, read as hex ({}) and as base64url ({}); nothing was changed.",
            b64url(&hits[0].1.credential_id),
            b64url(&hits[1].1.credential_id)
        ))
        .hint("Write it as hex:… or b64:… to say which one you mean.")),
    }
}

fn describe(rp: &RpEntry, c: &CredentialEntry) -> String {
    format!(
        "RP {} — user {} ({}), user id {}, credential id {}",
        rp.rp.id,
        c.user.name.as_deref().unwrap_or("-"),
        c.user.display_name.as_deref().unwrap_or("-"),
        b64url(&c.user.id),
        b64url(&c.credential_id)
    )
}

fn delete(ctx: &Context, written: &CredentialId) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let auth = ctx.open_one()?;
    let mut s = CmSession::open(ctx, auth)?;
    let all = s.everything()?;
    let (rp, cred) = find_exact(&all, written)?;
    let id = cred.credential_id.clone();
    let (rp_id, user_name) = (rp.rp.id.clone(), cred.user.name.clone());
    let change = Change::CredentialDeleted {
        rp_id: rp_id.clone(),
        user_name: user_name.clone(),
        credential_id: RecordedId(id.clone()),
    };
    let attempt = cj::attempt(&mut s.auth, "creds delete", change)
        .arg(Arg::text("credential_id", written.written.clone()))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = confirm(
        ctx,
        &format!("This deletes one credential for good:\n  {}\nThe user will no longer be able to sign in to {} with this key.", describe(rp, cred), rp.rp.id),
        "Delete this credential?",
    )
    .and_then(|()| s.manager().delete(&id).map_err(delete_failure));
    cj::finish(ctx, attempt, result)?;
    let device = super::device_object(&s.auth);
    Ok(Outcome::ok(Message {
        text: format!("Deleted credential {} ({} for {}).", b64url(&id), user_name.as_deref().unwrap_or("-"), &rp_id),
        fields: CredentialDeleted {
            device,
            deleted: CredentialRef { credential_id: b64url(&id), rp_id, user_name, display_name: None },
        },
    }))
}

/// A delete that was sent but not answered in a way we can read (silence, a garbled or cut
/// answer, an unplugged key, a status no standard defines) may have happened: say so, and how
/// to find out, instead of suggesting to simply try again.
fn delete_failure(e: ClientError) -> Failure {
    let unknown = match &e {
        ClientError::Channel(_) | ClientError::Malformed(_) => true,
        ClientError::Status { status, .. } => matches!(status, crate::proto::status::CtapStatus::Unknown(_)),
        _ => false,
    };
    let failure = Failure::from(e);
    if !unknown {
        return failure;
    }
    Failure {
        message: format!(
            "{} fidoctl cannot tell whether the key deleted the credential before this happened.",
            failure.message
        ),
        hint: Some(
            "Plug the key back in and run `fidoctl creds list` to check whether the credential is still there.".into(),
        ),
        ..failure
    }
}

fn update(
    ctx: &Context,
    written: &CredentialId,
    name: Option<String>,
    display_name: Option<String>,
) -> Result<Outcome, Failure> {
    if name.is_none() && display_name.is_none() {
        return Err(Failure::usage("Nothing to change: give --name, --display-name or both."));
    }
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    // Known from getInfo: refuse before asking for a PIN that could not be used anyway.
    if flavor(&mut auth)? == Some(Flavor::Preview) {
        return Err(Failure::new(
            exit::FAILED,
            "update_unsupported",
            "This key only has the preview version of credential management, which cannot change a credential's user name or display name.",
        ));
    }
    let mut s = CmSession::open(ctx, auth)?;
    let all = s.everything()?;
    let (rp, cred) = find_exact(&all, written)?;
    let (name_arg, display_arg) = (name.clone(), display_name.clone());
    // The key replaces the whole user entity: resend what is not being changed.
    let user = User {
        id: cred.user.id.clone(),
        name: name.or_else(|| cred.user.name.clone()),
        display_name: display_name.or_else(|| cred.user.display_name.clone()),
    };
    let id = cred.credential_id.clone();
    let rp_id = rp.rp.id.clone();
    let change = Change::CredentialUpdated {
        rp_id: rp_id.clone(),
        credential_id: RecordedId(id.clone()),
        user_name: user.name.clone(),
        display_name: user.display_name.clone(),
    };
    let mut attempt =
        cj::attempt(&mut s.auth, "creds update", change).arg(Arg::text("credential_id", written.written.clone()));
    if let Some(n) = &name_arg {
        attempt = attempt.arg(Arg::text("name", n.clone()));
    }
    if let Some(d) = &display_arg {
        attempt = attempt.arg(Arg::text("display_name", d.clone()));
    }
    let result: Result<(), Failure> = s.manager().update_user(&id, &user).map_err(Into::into);
    cj::finish(ctx, attempt, result)?;
    let device = super::device_object(&s.auth);
    Ok(Outcome::ok(Message {
        text: format!(
            "Updated credential {} for {}: name {}, display name {}.",
            b64url(&id),
            rp_id,
            user.name.as_deref().unwrap_or("-"),
            user.display_name.as_deref().unwrap_or("-")
        ),
        fields: CredentialUpdated {
            device,
            updated: CredentialRef {
                credential_id: b64url(&id),
                rp_id: rp_id.clone(),
                user_name: user.name.clone(),
                display_name: Some(user.display_name.clone()),
            },
        },
    }))
}
