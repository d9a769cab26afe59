//! `fidoctl creds delete`: exactly one credential, shown and confirmed first.

use super::lookup::{describe, find_exact};
use super::CmSession;
use crate::cli::CredentialId;
use crate::client::cred_mgmt::flavor;
use crate::client::large_blobs::{LargeBlobs, Limits};
use crate::client::ClientError;
use crate::commands::auth::{pin_input, token_with_pin};
use crate::commands::blobs::blob_failure;
use crate::commands::confirm::confirm;
use crate::commands::journal as cj;
use crate::commands::{Context, Failure, Outcome};
use crate::journal::{Arg, Change, CredentialId as RecordedId};
use crate::output::b64url;
use crate::output::message::Message;
use crate::output::results::{CredentialDeleted, CredentialRef};
use crate::proto::ctap2::client_pin::Permissions;

pub(super) fn delete(ctx: &Context, written: &CredentialId) -> Result<Outcome, Failure> {
    cj::preflight(ctx)?;
    let mut auth = ctx.open_one()?;
    // On a key with large blobs, one token also removes the credential's blob (as libfido2 does).
    let blob_limits = Limits::from_info(auth.info()?);
    let mut s = match (blob_limits, flavor(&mut auth)?) {
        (Some(_), Some(flavor)) => {
            let mut input = pin_input(ctx)?;
            let permissions = Permissions::CREDENTIAL_MANAGEMENT | Permissions::LARGE_BLOB_WRITE;
            let token = token_with_pin(ctx, &mut auth, &mut input, permissions, None, "credential management")?;
            CmSession { auth, flavor, token }
        }
        _ => CmSession::open(ctx, auth)?,
    };
    let all = s.everything()?;
    let (rp, cred) = find_exact(&all, written)?;
    let id = cred.credential_id.clone();
    let large_blob_key = cred.large_blob_key.clone();
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
    let mut text = format!(
        "Deleted credential {} ({} for {}).",
        b64url(&id),
        crate::output::text::user_words(user_name.as_deref(), None),
        crate::output::text::escape_control(&rp_id)
    );
    if let (Some(limits), Some(key)) = (blob_limits, large_blob_key) {
        text += &remove_blob(ctx, &mut s, limits, &key, &rp_id, &user_name, &id);
    }
    let device = crate::commands::device_object(&s.auth);
    Ok(Outcome::ok(Message {
        text,
        fields: CredentialDeleted {
            device,
            deleted: CredentialRef { credential_id: b64url(&id), rp_id, user_name, display_name: None },
        },
    }))
}

/// After the credential is gone: remove its large blob, if it has one. The deletion stands
/// whatever happens here; a blob that stays is an orphan, and the words say how to clear it.
fn remove_blob(
    ctx: &Context,
    s: &mut CmSession,
    limits: Limits,
    key: &[u8],
    rp_id: &str,
    user_name: &Option<String>,
    id: &[u8],
) -> String {
    let change = Change::LargeBlobDeleted {
        rp_id: rp_id.to_string(),
        user_name: user_name.clone(),
        credential_id: RecordedId(id.to_vec()),
    };
    let CmSession { auth, token, .. } = s;
    // Only a blob that is there is a change worth a record.
    let mut blobs = LargeBlobs::with_limits(auth, limits);
    let has_blob = match blobs.get(key) {
        Ok(found) => found.is_some(),
        Err(e) => return orphan_note(ctx, &blob_failure(e)),
    };
    if !has_blob {
        return String::new();
    }
    let attempt = cj::attempt(auth, "creds delete", change).arg(Arg::flag("yes", ctx.global.yes));
    let result = LargeBlobs::with_limits(auth, limits).delete(Some(&*token), key).map_err(blob_failure);
    match cj::finish(ctx, attempt, result) {
        Ok(_) => "\nIts large blob was removed too; the other blobs are unchanged.".to_string(),
        Err(f) => orphan_note(ctx, &f),
    }
}

/// The sentence goes into the text; a JSON reader gets it on stderr.
fn orphan_note(ctx: &Context, f: &Failure) -> String {
    // Damaged storage cannot be read to find the blob, nor cleared of orphans alone.
    let said = if f.code == "large_blobs_damaged" {
        "The credential is deleted, but the key's large-blob storage is damaged, so a blob it had could not be removed. Replace the storage with `fidoctl blobs clear --all` (every blob on the key is lost).".to_string()
    } else {
        format!(
            "The credential is deleted, but its large blob could not be removed: {} It stays on the key as an orphan; remove it with `fidoctl blobs clear --orphans`.",
            f.message
        )
    };
    if ctx.global.format() == crate::cli::Format::Json {
        crate::output::notice::note(&said);
    }
    format!("\n{said}")
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
