//! The files `ssh-keygen -K` writes for a resident SSH key: an unencrypted `openssh-key-v1`
//! private key file (PROTOCOL.key, PROTOCOL.u2f) whose "private" part is only the key handle
//! (the credential id) and flags (the secret stays on the FIDO key), the `.pub` file, and
//! the file name.

use super::public_key::SkPublicKey;
use super::wire::Writer;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// SSH_SK_USER_PRESENCE_REQD: signatures need a touch.
pub const FLAG_USER_PRESENCE: u8 = 0x01;
/// SSH_SK_USER_VERIFICATION_REQD: signatures need the PIN (or built-in UV).
pub const FLAG_USER_VERIFICATION: u8 = 0x04;
/// SSH_SK_RESIDENT_KEY: the key is discoverable on the FIDO key.
pub const FLAG_RESIDENT_KEY: u8 = 0x20;
/// credProtect level 3: the credential cannot be used without UV.
const CRED_PROTECT_UV_REQUIRED: u8 = 3;

const MAGIC: &[u8] = b"openssh-key-v1\0";
/// Block size of cipher "none": the private section is padded to a multiple of it.
const BLOCK: usize = 8;
/// ssh-keygen wraps the base64 of a private key file at this width.
const LINE: usize = 70;

/// One resident SSH credential, everything `ssh-keygen -K` puts in its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentSshKey {
    pub public: SkPublicKey,
    /// The key handle OpenSSH signs with.
    pub credential_id: Vec<u8>,
    pub user_id: Vec<u8>,
    pub flags: u8,
}

impl ResidentSshKey {
    /// The flags `ssh-keygen -K` gives a downloaded key: touch required and resident, plus
    /// user verification when the credential's credProtect level requires it.
    pub fn new(public: SkPublicKey, credential_id: &[u8], user_id: &[u8], cred_protect: Option<u8>) -> Self {
        let mut flags = FLAG_USER_PRESENCE | FLAG_RESIDENT_KEY;
        if cred_protect == Some(CRED_PROTECT_UV_REQUIRED) {
            flags |= FLAG_USER_VERIFICATION;
        }
        ResidentSshKey { public, credential_id: credential_id.to_vec(), user_id: user_id.to_vec(), flags }
    }

    /// The user OpenSSH stored in the user id, if any ([`super::user_from_id`]).
    pub fn user(&self) -> Option<String> {
        super::user_from_id(&self.user_id)
    }

    /// The private key file's name as `ssh-keygen -K` chooses it: `id_ed25519_sk_rk` or
    /// `id_ecdsa_sk_rk`, then `_` and the application without `ssh:`, and the user, joined by
    /// `_` (`ssh:work` for alice → `id_ed25519_sk_rk_work_alice`). A part that could leave the
    /// directory or hide in a terminal (`/`, `\`, `..`, control characters) is written in hex:
    /// the key, not the user, chose it.
    pub fn file_name(&self) -> String {
        let application = self.public.application();
        let application = application.strip_prefix("ssh://").or_else(|| application.strip_prefix("ssh:"));
        let mut parts = Vec::new();
        if let Some(part) = application.filter(|a| !a.is_empty()) {
            parts.push(safe_part(part.as_bytes()));
        }
        if let Some(end) = self.user_id.iter().rposition(|b| *b != 0) {
            parts.push(safe_part(&self.user_id[..=end]));
        }
        let mut name = format!("id_{}_rk", self.public.algorithm().file_tag());
        if !parts.is_empty() {
            name.push('_');
            name.push_str(&parts.join("_"));
        }
        name
    }

    /// The `.pub` file: the public key line with the application as its comment.
    pub fn public_key_file(&self) -> String {
        format!("{} {}\n", self.public.to_openssh(), self.public.application())
    }

    /// The private key file (PEM-style armour around `openssh-key-v1`, cipher "none"). The
    /// check integers, random in ssh-keygen, are taken from a hash of the key handle here so
    /// the same credential always gives the same file.
    pub fn private_key_file(&self) -> String {
        let blob = self.public.blob();
        let check_hash = Sha256::digest([blob.as_slice(), &self.credential_id].concat());
        let check = [check_hash[0], check_hash[1], check_hash[2], check_hash[3]];

        let mut private = Writer::new();
        private.raw(&check).raw(&check);
        private.string(self.public.algorithm().key_type().as_bytes());
        self.public.write_key_fields(&mut private);
        private.u8(self.flags).string(&self.credential_id).string(b"");
        private.string(self.public.application().as_bytes());
        let mut pad = 1u8;
        while !private.len().is_multiple_of(BLOCK) {
            private.u8(pad);
            pad += 1;
        }

        let mut file = Writer::new();
        file.raw(MAGIC).string(b"none").string(b"none").string(b"").u32(1).string(&blob);
        file.string(&private.into_bytes());
        let encoded = STANDARD.encode(file.into_bytes());

        let mut text = String::from("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        for chunk in encoded.as_bytes().chunks(LINE) {
            // base64 is ASCII, so every chunk is text.
            text.push_str(&String::from_utf8_lossy(chunk));
            text.push('\n');
        }
        text.push_str("-----END OPENSSH PRIVATE KEY-----\n");
        text
    }
}

fn safe_part(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text)
            if !text.contains('/')
                && !text.contains('\\')
                && !text.contains("..")
                && !text.chars().any(char::is_control) =>
        {
            text.to_string()
        }
        _ => hex::encode(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::super::public_key::tests::{ed25519, p256};
    use super::*;

    /// Files ssh-keygen 9.2 `-K` wrote for the keys of `public_key::tests`.
    const ED25519_FILE: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAASgAAABpzay1zc2
gtZWQyNTUxOUBvcGVuc3NoLmNvbQAAACBKmuTn0jnKrzSzHI0h5FDVMvyvZ6UfwbEF3saH
8NBpZgAAAARzc2g6AAAAiBa2j/MWto/zAAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY2
9tAAAAIEqa5OfSOcqvNLMcjSHkUNUy/K9npR/BsQXexofw0GlmAAAABHNzaDohAAAAIIPm
hVsE6bcsm/MpM4SsfJoO44fbzdQazSMO1yXvSb8HAAAAAAAAAARzc2g6AQIDBAU=
-----END OPENSSH PRIVATE KEY-----
";
    const ED25519_HANDLE: &str = "83e6855b04e9b72c9bf3293384ac7c9a0ee387dbcdd41acd230ed725ef49bf07";
    const P256_FILE: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAgwAAACJzay1lY2
RzYS1zaGEyLW5pc3RwMjU2QG9wZW5zc2guY29tAAAACG5pc3RwMjU2AAAAQQRymhtdMuSS
ezkDPQLhXZHzHaZhK9fUca1AK/oD6OOmZOargK/weUrxg8i4NcTZWi127UztWBR8w941nJ
QZ6kHpAAAACHNzaDp3b3JrAAAAwK8AUrWvAFK1AAAAInNrLWVjZHNhLXNoYTItbmlzdHAy
NTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBHKaG10y5JJ7OQM9AuFdkfMdpmEr19
RxrUAr+gPo46Zk5quAr/B5SvGDyLg1xNlaLXbtTO1YFHzD3jWclBnqQekAAAAIc3NoOndv
cmshAAAAIBEnKzYtLtcUVC1MeND7bWhEAFEaDS9p/Yu1nK3njZqkAAAAAAAAAAhzc2g6d2
9yaw==
-----END OPENSSH PRIVATE KEY-----
";
    const P256_HANDLE: &str = "11272b362d2ed714542d4c78d0fb6d684400511a0d2f69fd8bb59cade78d9aa4";

    fn decoded(file: &str) -> Vec<u8> {
        let body: String = file.lines().filter(|l| !l.starts_with("-----")).collect();
        STANDARD.decode(body).unwrap()
    }

    /// The file's bytes with the two check integers (random in ssh-keygen) zeroed.
    fn without_check(file: &str) -> Vec<u8> {
        let mut bytes = decoded(file);
        // magic, "none", "none", "", nkeys, public blob, then the private section's length.
        let mut at = MAGIC.len() + 8 + 8 + 4 + 4;
        let blob_len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        at += 4 + blob_len + 4;
        assert_eq!(bytes[at..at + 4], bytes[at + 4..at + 8], "the two check integers agree");
        bytes[at..at + 8].fill(0);
        bytes
    }

    #[test]
    fn private_key_files_match_ssh_keygen_but_for_the_check_integers() {
        let ed = ResidentSshKey::new(ed25519(), &hex::decode(ED25519_HANDLE).unwrap(), b"alice", None);
        let ours = ed.private_key_file();
        assert_eq!(without_check(&ours), without_check(ED25519_FILE));
        assert_eq!(
            ours.lines().map(str::len).collect::<Vec<_>>(),
            ED25519_FILE.lines().map(str::len).collect::<Vec<_>>()
        );
        assert_eq!(ours, ed.private_key_file(), "the same credential gives the same file");

        let ec = ResidentSshKey::new(p256(), &hex::decode(P256_HANDLE).unwrap(), &[0; 32], Some(2));
        assert_eq!(without_check(&ec.private_key_file()), without_check(P256_FILE));
        assert_eq!(ec.flags, FLAG_USER_PRESENCE | FLAG_RESIDENT_KEY);
    }

    #[test]
    fn public_key_files_and_names() {
        let mut user_id = [0u8; 32];
        user_id[..5].copy_from_slice(b"alice");
        let ed = ResidentSshKey::new(ed25519(), &[1; 16], &user_id, None);
        assert_eq!(ed.public_key_file(), format!("{} ssh:\n", super::super::public_key::tests::ED25519_LINE));
        assert_eq!(ed.file_name(), "id_ed25519_sk_rk_alice");
        assert_eq!(ed.user().as_deref(), Some("alice"));

        let ec = ResidentSshKey::new(p256(), &[1; 16], &[0; 32], None);
        assert_eq!(ec.file_name(), "id_ecdsa_sk_rk_work");
        assert_eq!(ec.user(), None);
        let both = ResidentSshKey::new(p256(), &[1; 16], b"bob\0\0", None);
        assert_eq!(both.file_name(), "id_ecdsa_sk_rk_work_bob");
        let bare = ResidentSshKey::new(ed25519(), &[1; 16], &[], None);
        assert_eq!(bare.file_name(), "id_ed25519_sk_rk");
    }

    #[test]
    fn names_from_the_key_cannot_leave_the_directory() {
        let ed = ResidentSshKey::new(ed25519(), &[1; 16], b"../../etc/x", None);
        assert_eq!(ed.file_name(), format!("id_ed25519_sk_rk_{}", hex::encode(b"../../etc/x")));
        let cose = crate::proto::cose::CoseKey::Ed25519 { x: [9; 32] };
        let app = SkPublicKey::from_cose(&cose, "ssh:a/b").unwrap();
        let key = ResidentSshKey::new(app, &[1; 16], b"\x1b[2J", None);
        assert_eq!(key.file_name(), format!("id_ed25519_sk_rk_{}_{}", hex::encode("a/b"), hex::encode(b"\x1b[2J")));
    }

    #[test]
    fn uv_required_credentials_keep_the_flag() {
        let key = ResidentSshKey::new(ed25519(), &[1; 16], &[], Some(3));
        assert_eq!(key.flags, 0x25);
        let bytes = decoded(&key.private_key_file());
        // flags, then the key handle, reserved and comment close the private section.
        let tail = [&[0x25u8][..], &[0, 0, 0, 16], &[1; 16], &[0, 0, 0, 0], &[0, 0, 0, 4], b"ssh:"].concat();
        assert!(bytes.windows(tail.len()).any(|w| w == tail.as_slice()));
    }
}
