//! SSH keys that live on FIDO keys, as OpenSSH sees them. Pure: a credential's COSE public key,
//! its RP id (OpenSSH's "application", `ssh:` or `ssh:…`), its user id and credential id go
//! in; the OpenSSH public key line, its `SHA256:` fingerprint, the user name OpenSSH stored, and
//! the file pair `ssh-keygen -K` writes come out. Nothing here opens a file or a device.
//!
//! - [`wire`]: the SSH wire encoding (RFC 4251 strings and integers).
//! - [`public_key`]: [`SkPublicKey`]: key blob, public key line, fingerprint.
//! - [`key_file`]: [`ResidentSshKey`]: the `openssh-key-v1` private key file (key handle and
//!   flags, no secret), the `.pub` file, and the file name `ssh-keygen -K` chooses.

pub mod key_file;
pub mod public_key;
pub mod wire;

pub use key_file::{ResidentSshKey, FLAG_RESIDENT_KEY, FLAG_USER_PRESENCE, FLAG_USER_VERIFICATION};
pub use public_key::{SkAlgorithm, SkPublicKey, SshKeyError};

use crate::proto::cose::CoseKey;

/// What a credential listing shows of an SSH key (the JSON `ssh` object of `creds list`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SshKeySummary {
    /// `sk-ssh-ed25519@openssh.com AAAA…` / `sk-ecdsa-sha2-nistp256@openssh.com AAAA…`.
    pub public_key: String,
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fingerprint: String,
    /// The RP id: `ssh:` or `ssh:NAME`.
    pub application: String,
    /// What `ssh-keygen -O user=` stored, if anything.
    pub user: Option<String>,
}

/// The SSH view of a discoverable credential: `Ok(None)` when its RP id is no OpenSSH
/// application (an ordinary web credential), an error when it is one but its key has no
/// OpenSSH type.
pub fn describe(public_key: &CoseKey, rp_id: &str, user_id: &[u8]) -> Result<Option<SshKeySummary>, SshKeyError> {
    // OpenSSH has no sk-ecdsa-p384 or RSA security-key types: such a credential is no SSH key.
    if !is_ssh_application(rp_id) || matches!(public_key, CoseKey::P384 { .. } | CoseKey::Rsa { .. }) {
        return Ok(None);
    }
    let key = SkPublicKey::from_cose(public_key, rp_id)?;
    Ok(Some(SshKeySummary {
        public_key: key.to_openssh(),
        fingerprint: key.fingerprint(),
        application: rp_id.to_string(),
        user: user_from_id(user_id),
    }))
}

/// The RP id every OpenSSH credential has: `ssh:` alone (the default) or `ssh:` and a name.
pub const APPLICATION_PREFIX: &str = "ssh:";

/// Is this RP id an OpenSSH application (and so the credential an SSH key)?
pub fn is_ssh_application(rp_id: &str) -> bool {
    rp_id.starts_with(APPLICATION_PREFIX)
}

/// The user OpenSSH stored: `ssh-keygen -O user=NAME` puts NAME into a 32-byte user id padded
/// with zeros; without it the id is all zeros. `None` for an all-zero (or empty) id, and for an
/// id that is not UTF-8 text (a random id from another tool names no user); the text before
/// the padding otherwise.
pub fn user_from_id(user_id: &[u8]) -> Option<String> {
    let end = user_id.iter().rposition(|b| *b != 0)? + 1;
    std::str::from_utf8(&user_id[..end]).ok().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applications() {
        assert!(is_ssh_application("ssh:"));
        assert!(is_ssh_application("ssh:work"));
        assert!(!is_ssh_application("ssh"));
        assert!(!is_ssh_application("example.com"));
        assert!(!is_ssh_application("SSH:"));
    }

    #[test]
    fn summaries_for_ssh_credentials_only() {
        use public_key::tests::{hex32, ED25519_FINGERPRINT, ED25519_LINE, ED25519_X};
        let key = CoseKey::Ed25519 { x: hex32(ED25519_X) };
        assert_eq!(describe(&key, "example.com", b"alice"), Ok(None));
        assert_eq!(
            describe(&key, "ssh:", b"alice\0\0"),
            Ok(Some(SshKeySummary {
                public_key: ED25519_LINE.into(),
                fingerprint: ED25519_FINGERPRINT.into(),
                application: "ssh:".into(),
                user: Some("alice".into()),
            }))
        );
        let ecdh = CoseKey::P256 { alg: -25, x: [1; 32], y: [2; 32] };
        assert_eq!(describe(&ecdh, "ssh:x", &[]), Err(SshKeyError::UnsupportedAlgorithm(-25)));
    }

    #[test]
    fn users() {
        let mut id = [0u8; 32];
        assert_eq!(user_from_id(&id), None);
        assert_eq!(user_from_id(&[]), None);
        id[..5].copy_from_slice(b"alice");
        assert_eq!(user_from_id(&id).as_deref(), Some("alice"));
        assert_eq!(user_from_id(b"bob").as_deref(), Some("bob"));
        // Zeros inside the name are kept; only the padding goes.
        assert_eq!(user_from_id(b"a\0b\0\0").as_deref(), Some("a\0b"));
        // A random binary id (from `fidoctl make-credential`, say) is no user name.
        assert_eq!(user_from_id(&[0xC8, 0x9F, 0xFF, 0x7F, 0x53]), None);
    }
}
