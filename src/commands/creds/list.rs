//! `fidoctl creds list`: every discoverable credential, grouped by RP.

use super::session::Access;
use super::CmSession;
use crate::client::cred_mgmt::{CredentialEntry, RpEntry};
use crate::commands::{Context, Failure, Outcome};
use crate::output::creds::{CredentialList, CredentialRow, RpGroup};
use crate::proto::cose::CoseKey;
use crate::proto::status::CtapStatus;
use crate::ssh::{self, SshKeySummary};

pub(super) fn list(ctx: &Context, rp_filter: Option<&str>) -> Result<Outcome, Failure> {
    let auth = ctx.open_one()?;
    let (mut s, mut access) = CmSession::open_for_reading(ctx, auth)?;
    let meta = match (s.manager().metadata(), &access) {
        // The key ended the stored token (PIN change, reset) after its identifier matched.
        (Err(e), Access::ReadOnlyToken(path)) if e.ctap_status() == Some(CtapStatus::PinAuthInvalid) => {
            s = s.fall_back_to_pin(ctx, &path.clone())?;
            access = Access::Pin;
            s.manager().metadata()?
        }
        (meta, _) => meta?,
    };
    let mut m = s.manager();
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
        device: crate::commands::device_object(&s.auth),
        existing: meta.existing,
        remaining: meta.remaining,
        rps: groups,
        read_only_token: match access {
            Access::ReadOnlyToken(path) => Some(path.display().to_string()),
            Access::Pin => None,
        },
    }))
}

/// The OpenSSH view of a credential whose RP id is `ssh:…`. A key OpenSSH could not use (an
/// unreadable COSE key or another algorithm) is listed as an ordinary credential.
pub fn ssh_view(rp_id: &str, c: &CredentialEntry) -> Option<SshKeySummary> {
    let key = CoseKey::from_value(&c.public_key).ok()?;
    ssh::describe(&key, rp_id, &c.user.id).ok().flatten()
}
