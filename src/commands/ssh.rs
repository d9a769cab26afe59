//! `fidoctl ssh list | export`: the resident credentials OpenSSH made (RP id `ssh:…`), as SSH
//! keys. Read-only on the key; export writes the files `ssh-keygen -K` writes.

use super::creds::{ssh_view, CmSession};
use super::{exit, Context, Failure, Outcome};
use crate::cli::SshCommand;
use crate::client::cred_mgmt::{CredentialEntry, RpEntry};
use crate::output::b64url;
use crate::output::ssh::{ExportedKey, SshExport, SshKeyList, SshKeyRow};
use crate::proto::cose::CoseKey;
use crate::ssh::{is_ssh_application, ResidentSshKey, SkPublicKey};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, command: SshCommand) -> Result<Outcome, Failure> {
    match command {
        SshCommand::List { rp } => list(ctx, rp.as_deref()),
        SshCommand::Export { rp, output, force } => export(ctx, rp.as_deref(), &output, force),
    }
}

/// The SSH credentials on the key (only `filter`'s application when given).
fn ssh_credentials(ctx: &Context, filter: Option<&str>) -> Result<(String, Vec<(RpEntry, CredentialEntry)>), Failure> {
    if let Some(f) = filter {
        if !is_ssh_application(f) {
            return Err(Failure::usage(format!(
                "{f:?} is not an SSH application: write ssh: or ssh:NAME (as ssh-keygen -O application= takes it)."
            )));
        }
    }
    let auth = ctx.open_one()?;
    let mut s = CmSession::open(ctx, auth)?;
    let mut m = s.manager();
    let rps: Vec<RpEntry> = m
        .relying_parties()?
        .into_iter()
        .filter(|rp| is_ssh_application(&rp.rp.id) && filter.is_none_or(|f| rp.rp.id == f))
        .collect();
    let mut out = Vec::new();
    for rp in rps {
        for c in m.credentials(&rp.rp_id_hash)? {
            out.push((rp.clone(), c));
        }
    }
    Ok((s.auth.device().path().to_string(), out))
}

fn list(ctx: &Context, filter: Option<&str>) -> Result<Outcome, Failure> {
    let (device, creds) = ssh_credentials(ctx, filter)?;
    let keys = creds
        .iter()
        .filter_map(|(rp, c)| Some(SshKeyRow { credential_id: b64url(&c.credential_id), ssh: ssh_view(&rp.rp.id, c)? }))
        .collect();
    Ok(Outcome::ok(SshKeyList { device, keys }))
}

fn export(ctx: &Context, filter: Option<&str>, dir: &Path, force: bool) -> Result<Outcome, Failure> {
    if !dir.is_dir() {
        return Err(Failure::usage(format!("The folder {} does not exist; nothing was written.", dir.display()))
            .hint("Create it first (mkdir -p), or give another folder with -o."));
    }
    let (device, creds) = ssh_credentials(ctx, filter)?;
    let keys: Vec<ResidentSshKey> = creds
        .iter()
        .filter_map(|(rp, c)| {
            let cose = CoseKey::from_value(&c.public_key).ok()?;
            let public = SkPublicKey::from_cose(&cose, &rp.rp.id).ok()?;
            let protect = c.cred_protect.and_then(|p| u8::try_from(p).ok());
            Some(ResidentSshKey::new(public, &c.credential_id, &c.user.id, protect))
        })
        .collect();
    // Check every target first: either all files are written or none.
    let files: Vec<(PathBuf, PathBuf)> =
        keys.iter().map(|k| (dir.join(k.file_name()), dir.join(format!("{}.pub", k.file_name())))).collect();
    if !force {
        let existing: Vec<String> = files
            .iter()
            .flat_map(|(a, b)| [a, b])
            .filter(|p| p.symlink_metadata().is_ok())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Failure::new(
                exit::USAGE,
                "file_exists",
                format!("Nothing was written: these files already exist: {}.", existing.join(", ")),
            )
            .hint("Move the old files away, export into another folder with -o, or add --force to replace them."));
        }
    }
    let mut exported = Vec::with_capacity(keys.len());
    for (k, (private, public)) in keys.iter().zip(&files) {
        write_file(private, &k.private_key_file(), 0o600)?;
        write_file(public, &k.public_key_file(), 0o644)?;
        exported.push(ExportedKey {
            credential_id: b64url(&k.credential_id),
            application: k.public.application().to_string(),
            fingerprint: k.public.fingerprint(),
            private_key_file: private.display().to_string(),
            public_key_file: public.display().to_string(),
        });
    }
    Ok(Outcome::ok(SshExport { device, directory: dir.display().to_string(), exported }))
}

/// Write `text` to `path` with `mode` (also when replacing: the old file's mode does not stay).
fn write_file(path: &Path, text: &str, mode: u32) -> Result<(), Failure> {
    let failed = |e: std::io::Error| {
        Failure::new(exit::FAILED, "ssh_export_failed", format!("Could not write {}: {e}.", path.display()))
            .hint("Check that the folder is writable and has room, then export again (with --force to replace what was written).")
    };
    if path.symlink_metadata().is_ok() {
        std::fs::remove_file(path).map_err(failed)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(path).map_err(failed)?;
    file.write_all(text.as_bytes()).map_err(failed)?;
    file.sync_all().map_err(failed)
}
