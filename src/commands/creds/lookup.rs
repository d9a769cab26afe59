//! Finding the one credential an id written by the operator names, and describing it.

use crate::cli::CredentialId;
use crate::client::cred_mgmt::{CredentialEntry, RpEntry};
use crate::commands::{exit, Failure};
use crate::output::{b64url, text};

/// Find the one credential the id names, exactly; refuse if the readings name two.
pub(crate) fn find_exact<'a>(
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

pub(crate) fn describe(rp: &RpEntry, c: &CredentialEntry) -> String {
    format!(
        "RP {} — user {}, user id {}, credential id {}",
        text::escape_control(&rp.rp.id),
        text::user_words(c.user.name.as_deref(), c.user.display_name.as_deref()),
        b64url(&c.user.id),
        b64url(&c.credential_id)
    )
}
