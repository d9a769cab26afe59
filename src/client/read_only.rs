//! CTAP 2.2 persistent read-only credential-management tokens (permission pcmr): getting
//! one with the PIN, and reading what it decrypts from getInfo (the key's stable identifier
//! and its credential-store state).

use super::pin::{self, PinSession, PinToken};
use super::{Authenticator, ClientError};
use crate::proto::ctap2::client_pin::Permissions;

/// What a persistent token decrypts from one getInfo answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyIdentity {
    /// encIdentifier in the clear: names the key, the same across power cycles.
    pub identifier: [u8; 16],
    /// encCredStoreState in the clear: changes when a credential is added or removed.
    pub cred_store_state: Option<[u8; 16]>,
}

/// Does the key offer persistent read-only tokens (getInfo option perCredMgmtRO)?
pub fn supported(auth: &mut Authenticator) -> Result<bool, ClientError> {
    Ok(auth.info()?.per_cred_mgmt_read_only())
}

/// A persistent read-only token: getPinUvAuthTokenUsingPinWithPermissions with pcmr alone
/// and no rpId (the specification allows pcmr with nothing else).
pub fn obtain(auth: &mut Authenticator, session: &PinSession, pin: &[u8]) -> Result<PinToken, ClientError> {
    if !supported(auth)? {
        return Err(ClientError::Unsupported(
            "This key has no persistent read-only tokens (a CTAP 2.2 feature, getInfo option perCredMgmtRO).".into(),
        ));
    }
    pin::get_token(auth, session, pin, Permissions::PERSISTENT_CREDENTIAL_MANAGEMENT_READ_ONLY, None)
}

/// Decrypt the identifier and store state of the getInfo answer `info` with `token`.
/// `None` when the key sent no encIdentifier or it does not have the right length.
pub fn decrypt_identity(info: &crate::proto::get_info::AuthenticatorInfo, token: &[u8]) -> Option<KeyIdentity> {
    Some(KeyIdentity { identifier: info.identifier(token)?, cred_store_state: info.cred_store_state(token) })
}

/// A fresh getInfo, decrypted: the store state must be current (it moves with every
/// credential added or removed, and a key gives encIdentifier only once a token exists).
pub fn read_identity(auth: &mut Authenticator, token: &[u8]) -> Result<Option<KeyIdentity>, ClientError> {
    Ok(decrypt_identity(auth.refresh_info()?, token))
}
