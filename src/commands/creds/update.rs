//! `fidoctl creds update`: change a credential's user name or display name.

use super::lookup::find_exact;
use super::CmSession;
use crate::cli::CredentialId;
use crate::client::cred_mgmt::{flavor, Flavor};
use crate::commands::journal as cj;
use crate::commands::{exit, Context, Failure, Outcome};
use crate::journal::{Arg, Change, CredentialId as RecordedId};
use crate::output::b64url;
use crate::output::message::Message;
use crate::output::results::{CredentialRef, CredentialUpdated};
use crate::proto::entities::User;

pub(super) fn update(
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
    let device = crate::commands::device_object(&s.auth);
    Ok(Outcome::ok(Message {
        text: format!(
            "Updated credential {} for {}: name {}, display name {}.",
            b64url(&id),
            crate::output::text::escape_control(&rp_id),
            crate::output::text::shown(user.name.as_deref()),
            crate::output::text::shown(user.display_name.as_deref())
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
