//! One credential-management run: the key, its flavour and one cm token.

use crate::client::cred_mgmt::{flavor, CredentialEntry, CredentialManager, Flavor, RpEntry};
use crate::client::pin::PinToken;
use crate::client::Authenticator;
use crate::commands::auth::{pin_input, token_with_pin};
use crate::commands::token::store::{self, Lookup};
use crate::commands::{exit, Context, Failure};
use crate::output::notice;
use crate::proto::ctap2::client_pin::Permissions;
use std::path::PathBuf;

/// How a reading session got its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Pin,
    /// A stored persistent read-only token (this file).
    ReadOnlyToken(PathBuf),
}

/// Everything a credential-management run needs: the key, its flavour and one cm token.
pub struct CmSession {
    pub auth: Authenticator,
    pub flavor: Flavor,
    pub token: PinToken,
}

impl CmSession {
    pub fn open(ctx: &Context, auth: Authenticator) -> Result<CmSession, Failure> {
        let (auth, flavor) = Self::flavor_of(auth)?;
        Self::with_pin(ctx, auth, flavor)
    }

    /// For reading only (listing): a stored read-only token that matches the key, else the PIN
    /// as `open`. Never for delete or update: the key refuses those with such a token.
    pub fn open_for_reading(ctx: &Context, auth: Authenticator) -> Result<(CmSession, Access), Failure> {
        let (mut auth, flavor) = Self::flavor_of(auth)?;
        let info = auth.info()?.clone();
        match store::lookup(ctx, &info, auth.device().path())? {
            Lookup::Found(stored) => {
                let stored = *stored;
                return Ok((CmSession { auth, flavor, token: stored.token }, Access::ReadOnlyToken(stored.path)));
            }
            Lookup::Stale(path) => notice::note(&store::stale_message(&path)),
            Lookup::None => {}
        }
        Ok((Self::with_pin(ctx, auth, flavor)?, Access::Pin))
    }

    /// After a stored token was refused mid-run: say so, then ask for the PIN.
    pub fn fall_back_to_pin(self, ctx: &Context, stale: &std::path::Path) -> Result<CmSession, Failure> {
        notice::note(&store::stale_message(stale));
        Self::with_pin(ctx, self.auth, self.flavor)
    }

    fn flavor_of(auth: Authenticator) -> Result<(Authenticator, Flavor), Failure> {
        let mut auth = auth;
        let Some(flavor) = flavor(&mut auth)? else {
            return Err(Failure::new(
                exit::FAILED,
                "cred_mgmt_unsupported",
                "This key does not support credential management, so its discoverable credentials cannot be listed, deleted or changed.",
            )
            .hint("Only a factory reset (`fidoctl reset`) removes credentials from such a key, and it removes all of them."));
        };
        Ok((auth, flavor))
    }

    fn with_pin(ctx: &Context, auth: Authenticator, flavor: Flavor) -> Result<CmSession, Failure> {
        let mut auth = auth;
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
