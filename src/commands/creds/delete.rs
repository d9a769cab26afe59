//! `fidoctl creds delete`: exactly one credential, shown and confirmed first.

use super::lookup::{describe, find_exact};
use super::CmSession;
use crate::cli::CredentialId;
use crate::client::ClientError;
use crate::commands::confirm::confirm;
use crate::commands::journal as cj;
use crate::commands::{Context, Failure, Outcome};
use crate::journal::{Arg, Change, CredentialId as RecordedId};
use crate::output::b64url;
use crate::output::message::Message;
use crate::output::results::{CredentialDeleted, CredentialRef};

pub(super) fn delete(ctx: &Context, written: &CredentialId) -> Result<Outcome, Failure> {
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
    let device = crate::commands::device_object(&s.auth);
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
