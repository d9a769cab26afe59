//! Stored persistent read-only tokens: one JSON file per key, mode 0600, in the token
//! directory (`--token-dir`, else `FIDOCTL_TOKEN_DIR`, else `$XDG_STATE_HOME/fidoctl/tokens`,
//! else `~/.local/state/fidoctl/tokens`). A token is a secret: it reads every credential on
//! its key without the PIN. It is never logged and never journaled; only the file holds it.
//!
//! A file names its key by the key's decrypted identifier, so a token is only ever used for
//! the key it came from: `lookup` decrypts the key's encIdentifier with each stored token and
//! takes the one whose identifier matches.

use crate::client::pin::PinToken;
use crate::client::read_only::KeyIdentity;
use crate::commands::{exit, Context, Failure};
use crate::proto::get_info::AuthenticatorInfo;
use crate::proto::pin_protocol::PinProtocol;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

pub const ENV_DIR: &str = "FIDOCTL_TOKEN_DIR";
/// The file name ending `list`, `forget` and the automatic lookup read.
pub const EXTENSION: &str = "token";
/// What this version writes in `format`.
pub const FORMAT: &str = "fidoctl-read-only-token-v1";
/// A token file is a few hundred bytes; anything far larger is not one of ours.
const FILE_MAX: u64 = 16 * 1024;
/// Files looked at in the token directory, at most.
const DIR_MAX_ENTRIES: usize = 1000;

/// One token file, as written. The token and identifier are lowercase hex.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenFile {
    pub format: String,
    /// The PIN/UV auth protocol the token was issued under (1 or 2).
    pub pin_protocol: u8,
    /// The persistent read-only token itself: a secret.
    pub token: String,
    /// The key's identifier (encIdentifier decrypted).
    pub identifier: String,
    /// The credential-store state (encCredStoreState decrypted) when the token was created.
    pub cred_store_state: Option<String>,
    pub aaguid: String,
    /// Where the key was when the token was created (only to recognise a token that stopped working).
    pub device_path: String,
    /// RFC 3339, UTC.
    pub created: String,
}

impl std::fmt::Debug for TokenFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenFile").field("identifier", &self.identifier).finish_non_exhaustive()
    }
}

/// A token file read back, with the token ready to use.
pub struct Stored {
    pub path: PathBuf,
    pub file: TokenFile,
    pub token: PinToken,
}

impl Stored {
    pub fn identifier(&self) -> &str {
        &self.file.identifier
    }
}

impl TokenFile {
    pub fn new(token: &PinToken, identity: &KeyIdentity, info: &AuthenticatorInfo, device: &str) -> TokenFile {
        TokenFile {
            format: FORMAT.into(),
            pin_protocol: token.protocol.number(),
            token: hex::encode(token.secret()),
            identifier: hex::encode(identity.identifier),
            cred_store_state: identity.cred_store_state.map(hex::encode),
            aaguid: info.aaguid_string(),
            device_path: device.into(),
            created: crate::journal::time::now(),
        }
    }

    /// Parse and check a file's bytes; the error says what is wrong, in plain words.
    pub fn parse(bytes: &[u8]) -> Result<(TokenFile, PinToken), String> {
        let file: TokenFile = serde_json::from_slice(bytes).map_err(|e| format!("it is not a token file ({e})"))?;
        if file.format != FORMAT {
            return Err(format!("its format is {:?}, not {FORMAT:?}", file.format));
        }
        let protocol = PinProtocol::from_number(u64::from(file.pin_protocol))
            .ok_or_else(|| format!("it names PIN protocol {}, which fidoctl does not know", file.pin_protocol))?;
        let token = Zeroizing::new(hex::decode(&file.token).map_err(|_| "its token is not hex".to_string())?);
        let token = PinToken::persistent_read_only(protocol, token).map_err(|e| e.to_string())?;
        if hex::decode(&file.identifier).map(|b| b.len()) != Ok(16) {
            return Err("its identifier is not 16 bytes of hex".into());
        }
        Ok((file, token))
    }
}

/// The token directory from the options and the environment.
pub fn directory(ctx: &Context) -> Result<PathBuf, Failure> {
    directory_with(ctx.global.token_dir.clone(), |name| std::env::var_os(name).filter(|v| !v.is_empty()))
}

pub fn directory_with(
    option: Option<PathBuf>,
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Result<PathBuf, Failure> {
    if let Some(dir) = option.or_else(|| env(ENV_DIR).map(PathBuf::from)) {
        return Ok(dir);
    }
    // As for the journal: a relative XDG_STATE_HOME is ignored (the XDG rule).
    let base = env("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".local/state")))
        .ok_or_else(|| {
            Failure::usage("There is no place for stored tokens: neither XDG_STATE_HOME nor HOME is set.")
                .hint("Name a folder with --token-dir DIR or FIDOCTL_TOKEN_DIR.")
        })?;
    Ok(base.join("fidoctl").join("tokens"))
}

fn unsafe_place(message: String) -> Failure {
    Failure::new(exit::USAGE, "token_file_unsafe", message)
        .hint("Choose a folder only you can write to (e.g. the default token folder), and a path that is not a symbolic link.")
}

/// Write a token file: refuse a world-writable folder (another user could swap the file) and
/// a symbolic link at the path; write a fresh 0600 file next to it and rename it into place.
pub fn write(path: &Path, file: &TokenFile) -> Result<(), Failure> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let meta = std::fs::metadata(&parent)
        .map_err(|e| Failure::usage(format!("The folder {} cannot be used for the token: {e}.", parent.display())))?;
    if !meta.is_dir() {
        return Err(Failure::usage(format!("{} is not a folder.", parent.display())));
    }
    if meta.permissions().mode() & 0o002 != 0 {
        return Err(unsafe_place(format!(
            "The folder {} is writable by every user, so fidoctl does not store a token there.",
            parent.display()
        )));
    }
    if let Ok(existing) = std::fs::symlink_metadata(path) {
        if existing.file_type().is_symlink() {
            return Err(unsafe_place(format!(
                "{} is a symbolic link; fidoctl does not write a token through one.",
                path.display()
            )));
        }
        if !existing.is_file() {
            return Err(Failure::usage(format!("{} exists and is not a file.", path.display())));
        }
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "token".into());
    let temp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let body = Zeroizing::new(serde_json::to_vec_pretty(file).unwrap_or_default());
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&temp)?;
        f.write_all(&body)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(Failure::new(
            exit::FAILED,
            "token_write_failed",
            format!("The token could not be written to {}: {e}.", path.display()),
        ));
    }
    Ok(())
}

/// Create the token directory (0700) when it does not exist yet.
pub fn ensure_directory(dir: &Path) -> Result<(), Failure> {
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| {
        Failure::new(
            exit::FAILED,
            "token_dir_unusable",
            format!("The token folder {} cannot be made: {e}.", dir.display()),
        )
    })
}

/// Read one token file. Files other users can read are not used: the token is a secret.
pub fn read(path: &Path) -> Result<Stored, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if meta.permissions().mode() & 0o077 != 0 {
        return Err("other users can read or change it (make it private with chmod 600)".into());
    }
    let bytes = crate::limits::read_input_file(path, FILE_MAX).map_err(|e| e.to_string())?;
    let (file, token) = TokenFile::parse(&bytes)?;
    Ok(Stored { path: path.to_path_buf(), file, token })
}

/// Every `*.token` file of the directory, read (or why not), in name order. A missing
/// directory holds no tokens.
pub fn all(dir: &Path) -> Vec<(PathBuf, Result<Stored, String>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION))
        .take(DIR_MAX_ENTRIES)
        .collect();
    paths.sort();
    paths.into_iter().map(|p| (p.clone(), read(&p))).collect()
}

/// What the token directory holds for one key.
pub enum Lookup {
    /// A token whose identifier the key's encIdentifier decrypts to.
    Found(Box<Stored>),
    /// No token matches, but one was made for a key at this path with this AAGUID: the key's
    /// PIN was changed or it was reset since, which ends every persistent token.
    Stale(PathBuf),
    None,
}

/// The stored token for the key whose getInfo is `info`, at `device`.
pub fn lookup(ctx: &Context, info: &AuthenticatorInfo, device: &str) -> Result<Lookup, Failure> {
    // Only CTAP 2.2 keys have such tokens: nothing changes for any other key.
    if !info.per_cred_mgmt_read_only() {
        return Ok(Lookup::None);
    }
    // No place for tokens (no HOME): nothing stored, and the command goes on as before.
    let Ok(dir) = directory(ctx) else {
        ctx.diag("no token folder (neither --token-dir, FIDOCTL_TOKEN_DIR, XDG_STATE_HOME nor HOME)");
        return Ok(Lookup::None);
    };
    let mut stale = None;
    for (path, read) in all(&dir) {
        match read {
            Ok(stored) => {
                let mine = info.identifier(stored.token.secret()).map(hex::encode);
                if mine.as_deref() == Some(stored.identifier()) {
                    ctx.diag(format!("using the read-only token {}", path.display()));
                    return Ok(Lookup::Found(Box::new(stored)));
                }
                if stored.file.device_path == device && stored.file.aaguid == info.aaguid_string() {
                    stale = Some(path);
                }
            }
            Err(why) => ctx.diag(format!("not using {}: {why}", path.display())),
        }
    }
    Ok(stale.map_or(Lookup::None, Lookup::Stale))
}

/// What to say when a stored token stopped working.
pub fn stale_message(path: &Path) -> String {
    format!(
        "The read-only token stored in {} no longer works for this key: its PIN was changed or it was reset, which ends every stored token. Run `fidoctl token create --read-only` again (it needs the PIN) to make a new one.",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<std::ffi::OsString> {
        move |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.into())
    }

    #[test]
    fn the_directory_comes_from_the_option_then_the_environment_then_xdg() {
        let all = env_of(&[(ENV_DIR, "/env/t"), ("XDG_STATE_HOME", "/xdg"), ("HOME", "/home/a")]);
        assert_eq!(directory_with(Some("/opt/t".into()), &all).unwrap(), PathBuf::from("/opt/t"));
        assert_eq!(directory_with(None, &all).unwrap(), PathBuf::from("/env/t"));
        let xdg = env_of(&[("XDG_STATE_HOME", "/xdg"), ("HOME", "/home/a")]);
        assert_eq!(directory_with(None, xdg).unwrap(), PathBuf::from("/xdg/fidoctl/tokens"));
        let relative = env_of(&[("XDG_STATE_HOME", "state"), ("HOME", "/home/a")]);
        assert_eq!(directory_with(None, relative).unwrap(), PathBuf::from("/home/a/.local/state/fidoctl/tokens"));
        assert!(directory_with(None, env_of(&[])).is_err());
    }

    fn sample() -> TokenFile {
        TokenFile {
            format: FORMAT.into(),
            pin_protocol: 2,
            token: hex::encode([7u8; 32]),
            identifier: hex::encode([1u8; 16]),
            cred_store_state: None,
            aaguid: "00000000-0000-0000-0000-000000000000".into(),
            device_path: "virtual:/k.json".into(),
            created: "2026-12-03T10:00:00Z".into(),
        }
    }

    #[test]
    fn files_are_private_and_never_written_through_links_or_into_shared_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let path = dir.path().join("a.token");
        write(&path, &sample()).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(read(&path).unwrap().identifier(), hex::encode([1u8; 16]));

        let link = dir.path().join("link.token");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &link).unwrap();
        assert_eq!(write(&link, &sample()).unwrap_err().code, "token_file_unsafe");
        assert!(!dir.path().join("elsewhere").exists());

        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert_eq!(write(&shared.join("t.token"), &sample()).unwrap_err().code, "token_file_unsafe");

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(read(&path).err().unwrap().contains("chmod 600"));
    }

    #[test]
    fn damaged_files_are_refused_with_a_reason() {
        assert!(TokenFile::parse(b"{}").is_err());
        let mut f = sample();
        f.token = hex::encode([7u8; 5]);
        assert!(TokenFile::parse(&serde_json::to_vec(&f).unwrap()).unwrap_err().contains("5 bytes"));
        let mut f = sample();
        f.pin_protocol = 9;
        assert!(TokenFile::parse(&serde_json::to_vec(&f).unwrap()).unwrap_err().contains("protocol 9"));
        let mut f = sample();
        f.format = "other".into();
        assert!(TokenFile::parse(&serde_json::to_vec(&f).unwrap()).is_err());
        assert!(TokenFile::parse(&serde_json::to_vec(&sample()).unwrap()).is_ok());
    }

    #[test]
    fn the_token_is_not_in_debug_output() {
        let dbg = format!("{:?}", sample());
        assert!(!dbg.contains(&hex::encode([7u8; 32])), "{dbg}");
    }
}
