//! The OpenSSH form of a FIDO credential's public key (PROTOCOL.u2f): the key blob, the
//! `authorized_keys` line and the `SHA256:` fingerprint `ssh-keygen -l` prints.

use super::wire::Writer;
use crate::proto::cose::{CoseKey, ALG_ES256};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Why a credential cannot be shown as an SSH key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SshKeyError {
    #[error("the RP id \"{0}\" is not an OpenSSH application (those start with \"ssh:\")")]
    NotSshApplication(String),
    #[error("COSE algorithm {0} has no OpenSSH security-key type (OpenSSH uses ES256 and EdDSA)")]
    UnsupportedAlgorithm(i64),
}

/// The two key types OpenSSH makes on FIDO keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkAlgorithm {
    /// `ssh-keygen -t ed25519-sk` (COSE EdDSA).
    Ed25519,
    /// `ssh-keygen -t ecdsa-sk` (COSE ES256).
    EcdsaP256,
}

impl SkAlgorithm {
    /// The key type name, first word of the public key line.
    pub fn key_type(self) -> &'static str {
        match self {
            SkAlgorithm::Ed25519 => "sk-ssh-ed25519@openssh.com",
            SkAlgorithm::EcdsaP256 => "sk-ecdsa-sha2-nistp256@openssh.com",
        }
    }

    /// The name `ssh-keygen -K` uses in file names (`id_<this>_rk…`).
    pub fn file_tag(self) -> &'static str {
        match self {
            SkAlgorithm::Ed25519 => "ed25519_sk",
            SkAlgorithm::EcdsaP256 => "ecdsa_sk",
        }
    }
}

/// A security-key public key as OpenSSH knows it: the credential's public key plus the
/// application (the credential's RP id), which is part of the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkPublicKey {
    key: Key,
    application: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Ed25519([u8; 32]),
    /// SEC1 uncompressed point: 0x04 || x || y.
    EcdsaP256([u8; 65]),
}

const NISTP256: &[u8] = b"nistp256";

impl SkPublicKey {
    /// From the COSE key credential management (or makeCredential) returned and the
    /// credential's RP id.
    pub fn from_cose(key: &CoseKey, application: &str) -> Result<SkPublicKey, SshKeyError> {
        if !super::is_ssh_application(application) {
            return Err(SshKeyError::NotSshApplication(application.to_string()));
        }
        let key = match key {
            CoseKey::Ed25519 { x } => Key::Ed25519(*x),
            CoseKey::P256 { alg: ALG_ES256, x, y } => {
                let mut point = [0u8; 65];
                point[0] = 0x04;
                point[1..33].copy_from_slice(x);
                point[33..].copy_from_slice(y);
                Key::EcdsaP256(point)
            }
            CoseKey::P256 { alg, .. } => return Err(SshKeyError::UnsupportedAlgorithm(*alg)),
            // OpenSSH has no security-key types for these.
            CoseKey::P384 { .. } | CoseKey::Rsa { .. } => return Err(SshKeyError::UnsupportedAlgorithm(key.alg())),
        };
        Ok(SkPublicKey { key, application: application.to_string() })
    }

    pub fn algorithm(&self) -> SkAlgorithm {
        match self.key {
            Key::Ed25519(_) => SkAlgorithm::Ed25519,
            Key::EcdsaP256(_) => SkAlgorithm::EcdsaP256,
        }
    }

    pub fn application(&self) -> &str {
        &self.application
    }

    /// The key fields after the type name, as in both the public blob and the private key.
    pub(super) fn write_key_fields(&self, w: &mut Writer) {
        match &self.key {
            Key::Ed25519(x) => w.string(x),
            Key::EcdsaP256(point) => w.string(NISTP256).string(point),
        };
        w.string(self.application.as_bytes());
    }

    /// The public key blob: type name, key, application.
    pub fn blob(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.string(self.algorithm().key_type().as_bytes());
        self.write_key_fields(&mut w);
        w.into_bytes()
    }

    /// `TYPE BASE64`, the line `authorized_keys` and `.pub` files hold (without a comment).
    pub fn to_openssh(&self) -> String {
        format!("{} {}", self.algorithm().key_type(), STANDARD.encode(self.blob()))
    }

    /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(self.blob())))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Keys ssh-keygen 9.2 made on the virtual key, with what it printed for them.
    pub const ED25519_X: &str = "4a9ae4e7d239caaf34b31c8d21e450d532fcaf67a51fc1b105dec687f0d06966";
    pub const ED25519_LINE: &str = "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIEqa5OfSOcqvNLMcjSHkUNUy/K9npR/BsQXexofw0GlmAAAABHNzaDo=";
    pub const ED25519_FINGERPRINT: &str = "SHA256:E9dbwTVx0IQet1r2msTVjFrX3IdWA5/enLDzA/h98RY";
    pub const P256_X: &str = "729a1b5d32e4927b39033d02e15d91f31da6612bd7d471ad402bfa03e8e3a664";
    pub const P256_Y: &str = "e6ab80aff0794af183c8b835c4d95a2d76ed4ced58147cc3de359c9419ea41e9";
    pub const P256_LINE: &str = "sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBHKaG10y5JJ7OQM9AuFdkfMdpmEr19RxrUAr+gPo46Zk5quAr/B5SvGDyLg1xNlaLXbtTO1YFHzD3jWclBnqQekAAAAIc3NoOndvcms=";
    pub const P256_FINGERPRINT: &str = "SHA256:mZ/ycVNcfscafT8TnbhfT5/8HvRB4pInidk0OxPWTFU";

    pub fn hex32(text: &str) -> [u8; 32] {
        hex::decode(text).unwrap().try_into().unwrap()
    }

    pub fn ed25519() -> SkPublicKey {
        SkPublicKey::from_cose(&CoseKey::Ed25519 { x: hex32(ED25519_X) }, "ssh:").unwrap()
    }

    pub fn p256() -> SkPublicKey {
        SkPublicKey::from_cose(&CoseKey::P256 { alg: ALG_ES256, x: hex32(P256_X), y: hex32(P256_Y) }, "ssh:work")
            .unwrap()
    }

    #[test]
    fn lines_and_fingerprints_match_ssh_keygen() {
        let ed = ed25519();
        assert_eq!(ed.algorithm(), SkAlgorithm::Ed25519);
        assert_eq!(ed.to_openssh(), ED25519_LINE);
        assert_eq!(ed.fingerprint(), ED25519_FINGERPRINT);
        let ec = p256();
        assert_eq!(ec.algorithm(), SkAlgorithm::EcdsaP256);
        assert_eq!(ec.application(), "ssh:work");
        assert_eq!(ec.to_openssh(), P256_LINE);
        assert_eq!(ec.fingerprint(), P256_FINGERPRINT);
    }

    #[test]
    fn the_application_is_part_of_the_key() {
        let x = hex32(ED25519_X);
        let other = SkPublicKey::from_cose(&CoseKey::Ed25519 { x }, "ssh:other").unwrap();
        assert_ne!(other.fingerprint(), ED25519_FINGERPRINT);
        assert!(other.to_openssh().starts_with("sk-ssh-ed25519@openssh.com "));
    }

    #[test]
    fn only_ssh_applications_and_openssh_algorithms() {
        let x = hex32(ED25519_X);
        assert_eq!(
            SkPublicKey::from_cose(&CoseKey::Ed25519 { x }, "example.com"),
            Err(SshKeyError::NotSshApplication("example.com".into()))
        );
        assert_eq!(
            SkPublicKey::from_cose(&CoseKey::P256 { alg: -25, x, y: x }, "ssh:"),
            Err(SshKeyError::UnsupportedAlgorithm(-25))
        );
    }
}
