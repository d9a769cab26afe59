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

/// The RP id every OpenSSH credential has: `ssh:` alone (the default) or `ssh:` and a name.
pub const APPLICATION_PREFIX: &str = "ssh:";

/// Is this RP id an OpenSSH application (and so the credential an SSH key)?
pub fn is_ssh_application(rp_id: &str) -> bool {
    rp_id.starts_with(APPLICATION_PREFIX)
}

/// The user OpenSSH stored: `ssh-keygen -O user=NAME` puts NAME into a 32-byte user id padded
/// with zeros; without it the id is all zeros. `None` for an all-zero (or empty) id; the text
/// before the padding otherwise (invalid UTF-8 shown with replacement characters).
pub fn user_from_id(user_id: &[u8]) -> Option<String> {
    let end = user_id.iter().rposition(|b| *b != 0)? + 1;
    Some(String::from_utf8_lossy(&user_id[..end]).into_owned())
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
    fn users() {
        let mut id = [0u8; 32];
        assert_eq!(user_from_id(&id), None);
        assert_eq!(user_from_id(&[]), None);
        id[..5].copy_from_slice(b"alice");
        assert_eq!(user_from_id(&id).as_deref(), Some("alice"));
        assert_eq!(user_from_id(b"bob").as_deref(), Some("bob"));
        // Zeros inside the name are kept; only the padding goes.
        assert_eq!(user_from_id(b"a\0b\0\0").as_deref(), Some("a\0b"));
    }
}
