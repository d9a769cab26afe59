//! One credential-management run: the key, its flavour and one cm token.

use crate::client::cred_mgmt::{flavor, CredentialEntry, CredentialManager, Flavor, RpEntry};
use crate::client::pin::PinToken;
use crate::client::Authenticator;
use crate::commands::auth::{pin_input, token_with_pin};
use crate::commands::{exit, Context, Failure};
use crate::proto::ctap2::client_pin::Permissions;

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
