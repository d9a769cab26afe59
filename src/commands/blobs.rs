//! `fidoctl blobs list | get | set | delete | clear`: the key's large-blob storage, per
//! discoverable credential. Each entry is opened with its credential's largeBlobKey, which
//! credential management hands out with the credential (so one PIN token serves the run).

use super::auth::PinHolder;
use super::confirm::{can_confirm, confirm};
use super::creds::lookup::{describe, find_exact};
use super::creds::CmSession;
use super::journal as cj;
use super::{exit, Context, Failure, Outcome};
use crate::cli::{BlobsCommand, CredentialId, Format};
use crate::client::cred_mgmt::{flavor, CredentialEntry, RpEntry};
use crate::client::large_blobs::{self as lbc, BlobError, LargeBlobs, Limits};
use crate::client::Authenticator;
use crate::journal::{Arg, Change, CredentialId as RecordedId};
use crate::output::b64url;
use crate::output::blobs::{BlobChanged, BlobEntry, BlobList, BlobOwner, BlobRead, BlobsCleared};
use crate::output::message::Message;
use crate::proto::ctap2::client_pin::Permissions;
use crate::proto::large_blob::{BlobArray, Item};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, command: BlobsCommand) -> Result<Outcome, Failure> {
    match command {
        BlobsCommand::List => list(ctx),
        BlobsCommand::Get { cred, output } => get(ctx, &cred, output.as_deref()),
        BlobsCommand::Set { cred, file } => set(ctx, &cred, &file),
        BlobsCommand::Delete { cred } => delete(ctx, &cred),
        BlobsCommand::Clear { orphans: _, all } => clear(ctx, all),
    }
}

/// A large-blob error in help-desk words.
pub fn blob_failure(e: BlobError) -> Failure {
    match e {
        BlobError::Client(e) => e.into(),
        BlobError::Corrupted(why) => Failure::new(
            exit::FAILED,
            "large_blobs_damaged",
            format!("The large-blob storage on this key is damaged ({why}), so no blob on it can be read or changed; fidoctl did not write anything."),
        )
        .hint("`fidoctl blobs clear --all` replaces it with empty storage: every blob on the key is lost, the credentials stay."),
        BlobError::TooLarge { needed, capacity } => Failure::new(
            exit::FAILED,
            "large_blob_too_large",
            format!("The large blobs would take {needed} bytes, but this key stores at most {capacity}; nothing was changed."),
        )
        .hint("Store a smaller file, or make room with `fidoctl blobs delete` or `fidoctl blobs clear --orphans`."),
        BlobError::Unsupported => unsupported(),
    }
}

fn unsupported() -> Failure {
    Failure::new(exit::FAILED, "large_blobs_unsupported", "This key has no large-blob storage.")
        .hint("Large blobs need a CTAP 2.1 key that lists the largeBlobs option (`fidoctl info` shows the options).")
}

/// The key's large-blob sizes, or the refusal for a key without the storage.
pub fn limits(auth: &mut Authenticator) -> Result<Limits, Failure> {
    Limits::from_info(auth.info()?).ok_or_else(unsupported)
}

/// One run: the key, a token (cm, plus lbw when writing) and every credential with its key.
struct Session {
    cm: CmSession,
    limits: Limits,
    all: Vec<(RpEntry, Vec<CredentialEntry>)>,
}

impl Session {
    fn open(ctx: &Context, write: bool) -> Result<Session, Failure> {
        let mut auth = ctx.open_one()?;
        let limits = limits(&mut auth)?;
        let Some(flavor) = flavor(&mut auth)? else {
            return Err(Failure::new(
                exit::FAILED,
                "cred_mgmt_unsupported",
                "This key cannot list its credentials, so fidoctl cannot tell which large blob belongs to which credential.",
            )
            .hint("`fidoctl blobs clear --all` still empties the storage."));
        };
        let permissions = if write {
            Permissions::CREDENTIAL_MANAGEMENT | Permissions::LARGE_BLOB_WRITE
        } else {
            Permissions::CREDENTIAL_MANAGEMENT
        };
        let token = PinHolder::default().token(ctx, &mut auth, permissions, None, "large-blob management")?;
        let mut cm = CmSession { auth, flavor, token };
        let all = cm.everything()?;
        Ok(Session { cm, limits, all })
    }

    fn blobs(&mut self) -> LargeBlobs<'_, Authenticator> {
        LargeBlobs::with_limits(&mut self.cm.auth, self.limits)
    }

    /// Every credential that has a largeBlobKey, with its RP.
    fn keyed(&self) -> Vec<(&RpEntry, &CredentialEntry, &[u8])> {
        let mut out = Vec::new();
        for (rp, creds) in &self.all {
            for c in creds {
                if let Some(k) = &c.large_blob_key {
                    out.push((rp, c, k.as_slice()));
                }
            }
        }
        out
    }

    /// The credential the operator named, with its largeBlobKey.
    fn target(&self, written: &CredentialId) -> Result<(BlobOwner, String, Vec<u8>), Failure> {
        let (rp, cred) = find_exact(&self.all, written)?;
        let owner = owner_of(rp, cred);
        let key = cred.large_blob_key.clone().ok_or_else(|| {
            Failure::new(
                exit::FAILED,
                "no_large_blob_key",
                format!("Credential {} was registered without a large-blob key, so it cannot have a large blob; nothing was changed.", owner.credential_id),
            )
            .hint("Only credentials made with the largeBlobKey extension (or largeBlob support) can store large blobs.")
        })?;
        Ok((owner, describe(rp, cred), key))
    }

    fn device(&self) -> crate::output::vocabulary::Device {
        super::device_object(&self.cm.auth)
    }

    fn read(&mut self) -> Result<BlobArray, Failure> {
        self.blobs().read_array().map_err(blob_failure)
    }

    fn write(&mut self, array: &BlobArray) -> Result<(), Failure> {
        let CmSession { auth, token, .. } = &mut self.cm;
        LargeBlobs::with_limits(auth, self.limits).write_array(Some(&*token), array).map_err(blob_failure)
    }
}

fn owner_of(rp: &RpEntry, c: &CredentialEntry) -> BlobOwner {
    BlobOwner { credential_id: b64url(&c.credential_id), rp_id: rp.rp.id.clone(), user_name: c.user.name.clone() }
}

/// The entries of an array, with their owners among `keyed`.
fn entries(array: &BlobArray, keyed: &[(&RpEntry, &CredentialEntry, &[u8])]) -> Vec<BlobEntry> {
    let keys: Vec<&[u8]> = keyed.iter().map(|(_, _, k)| *k).collect();
    lbc::report(array, &keys)
        .into_iter()
        .zip(&array.items)
        .map(|(r, item)| BlobEntry {
            index: r.index as u64,
            owner: r.owner.map(|i| owner_of(keyed[i].0, keyed[i].1)),
            orphan: r.owner.is_none(),
            size: matches!(item, Item::Entry(_)).then_some(r.orig_size),
            stored_size: r.stored_size as u64,
        })
        .collect()
}

fn list(ctx: &Context) -> Result<Outcome, Failure> {
    let mut s = Session::open(ctx, false)?;
    let array = s.read()?;
    let blobs = entries(&array, &s.keyed());
    Ok(Outcome::ok(BlobList {
        device: s.device(),
        capacity: s.limits.capacity as u64,
        used: array.serialize().len() as u64,
        blobs,
    }))
}

/// Where `get` writes: a file, standard output, or (with --json) the document itself.
enum Sink {
    File(PathBuf),
    Stdout,
    Document,
}

fn sink(ctx: &Context, output: Option<&Path>) -> Result<Sink, Failure> {
    let json = ctx.global.format() == Format::Json;
    match output {
        Some(p) if p != Path::new("-") => Ok(Sink::File(p.to_path_buf())),
        Some(_) if json => Err(Failure::usage("-o - and --json both want standard output.").hint(
            "Write the blob to a file with -o FILE, or leave -o out to get it base64url-encoded in the JSON document.",
        )),
        None if json => Ok(Sink::Document),
        _ if std::io::stdout().is_terminal() => {
            Err(Failure::usage("A large blob is binary data, and fidoctl does not print it to a terminal.")
                .hint("Write it to a file with -o FILE, or send it to another program (for example `| xxd`)."))
        }
        _ => Ok(Sink::Stdout),
    }
}

fn get(ctx: &Context, written: &CredentialId, output: Option<&Path>) -> Result<Outcome, Failure> {
    let sink = sink(ctx, output)?;
    let mut s = Session::open(ctx, false)?;
    let (owner, _, key) = s.target(written)?;
    let array = s.read()?;
    let data = array.entries().find_map(|(_, e)| lbc::open(&key, e)).ok_or_else(|| {
        Failure::new(
            exit::FAILED,
            "large_blob_not_found",
            format!(
                "Credential {} ({} at {}) has no large blob on this key.",
                owner.credential_id,
                owner.user_name.as_deref().unwrap_or("-"),
                owner.rp_id
            ),
        )
        .hint("`fidoctl blobs list` shows which credentials have one.")
    })?;
    let size = data.len() as u64;
    let device = s.device();
    let (file, document) = match sink {
        Sink::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(&data).and_then(|()| out.flush()).map_err(|e| {
                Failure::new(
                    exit::FAILED,
                    "blob_write_failed",
                    format!("The blob could not be written to standard output: {e}."),
                )
            })?;
            return Ok(Outcome::silent());
        }
        Sink::File(path) => {
            std::fs::write(&path, &data).map_err(|e| {
                Failure::new(
                    exit::FAILED,
                    "blob_write_failed",
                    format!("The blob could not be written to {}: {e}.", path.display()),
                )
                .hint("Check the folder exists and you may write there.")
            })?;
            (Some(path.display().to_string()), None)
        }
        Sink::Document => (None, Some(b64url(&data))),
    };
    let text = match &file {
        Some(f) => format!("Wrote the {size}-byte large blob of credential {} to {f}.", owner.credential_id),
        None => format!("The large blob of credential {} is {size} bytes.", owner.credential_id),
    };
    Ok(Outcome::ok(Message { text, fields: BlobRead { device, blob: owner, size, file, data: document } }))
}

/// The sentence for a credential's current blob, when it has one.
fn current(array: &BlobArray, key: &[u8]) -> Option<usize> {
    array.entries().find_map(|(_, e)| lbc::open(key, e)).map(|d| d.len())
}

fn set(ctx: &Context, written: &CredentialId, file: &Path) -> Result<Outcome, Failure> {
    // Even data that compresses well stays below what an entry may claim to inflate to.
    if std::fs::metadata(file).is_ok_and(|m| m.len() > lbc::MAX_ORIGINAL_SIZE) {
        return Err(Failure::usage(format!(
            "The file {} is larger than {} MiB, far more than a key can store as a large blob.",
            file.display(),
            lbc::MAX_ORIGINAL_SIZE >> 20
        )));
    }
    let data = std::fs::read(file).map_err(|e| {
        Failure::usage(format!("The file {} cannot be read: {e}.", file.display()))
            .hint("Name a file you can read; it is stored as it is.")
    })?;
    if !can_confirm(ctx) {
        return confirm(ctx, "This replaces a credential's large blob on the key.", "").map(|_| Outcome::silent());
    }
    cj::preflight(ctx)?;
    let mut s = Session::open(ctx, true)?;
    let (owner, described, key) = s.target(written)?;
    let mut array = s.read()?;
    let before = current(&array, &key);
    array.items.retain(|item| !matches!(item, Item::Entry(e) if lbc::open(&key, e).is_some()));
    let entry = lbc::seal(&key, &data)
        .map_err(|e| Failure::new(exit::FAILED, "large_blob_encryption_failed", super::failure::sentence(&e)))?;
    array.items.push(Item::Entry(entry));
    let used = array.serialize().len();
    if used > s.limits.capacity {
        return Err(blob_failure(BlobError::TooLarge { needed: used, capacity: s.limits.capacity }));
    }
    let replaces = match before {
        Some(n) => format!("It replaces the {n}-byte blob this credential has now."),
        None => "The credential has no large blob now.".to_string(),
    };
    let change = Change::LargeBlobSet {
        rp_id: owner.rp_id.clone(),
        user_name: owner.user_name.clone(),
        credential_id: RecordedId(key_id(&s, written)?),
        size: data.len() as u64,
    };
    let attempt = cj::attempt(&mut s.cm.auth, "blobs set", change)
        .arg(Arg::text("credential_id", written.written.clone()))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = confirm(
        ctx,
        &format!(
            "This stores {} ({} bytes) as the large blob of:\n  {described}\n{replaces}",
            file.display(),
            data.len()
        ),
        "Store it?",
    )
    .and_then(|()| s.write(&array));
    cj::finish(ctx, attempt, result)?;
    let size = data.len() as u64;
    Ok(Outcome::ok(Message {
        text: format!(
            "Stored {size} bytes as the large blob of credential {} ({used} of {} bytes used).",
            owner.credential_id, s.limits.capacity
        ),
        fields: BlobChanged {
            device: s.device(),
            blob: owner,
            size: Some(size),
            used: Some(used as u64),
            capacity: s.limits.capacity as u64,
        },
    }))
}

/// The named credential's id bytes (for the journal).
fn key_id(s: &Session, written: &CredentialId) -> Result<Vec<u8>, Failure> {
    Ok(find_exact(&s.all, written)?.1.credential_id.clone())
}

fn delete(ctx: &Context, written: &CredentialId) -> Result<Outcome, Failure> {
    if !can_confirm(ctx) {
        return confirm(ctx, "This deletes a credential's large blob from the key.", "").map(|_| Outcome::silent());
    }
    cj::preflight(ctx)?;
    let mut s = Session::open(ctx, true)?;
    let (owner, described, key) = s.target(written)?;
    let mut array = s.read()?;
    let Some(size) = current(&array, &key) else {
        return Err(Failure::new(
            exit::FAILED,
            "large_blob_not_found",
            format!("Credential {} has no large blob on this key; nothing was changed.", owner.credential_id),
        )
        .hint("`fidoctl blobs list` shows which credentials have one."));
    };
    array.items.retain(|item| !matches!(item, Item::Entry(e) if lbc::open(&key, e).is_some()));
    let change = Change::LargeBlobDeleted {
        rp_id: owner.rp_id.clone(),
        user_name: owner.user_name.clone(),
        credential_id: RecordedId(key_id(&s, written)?),
    };
    let attempt = cj::attempt(&mut s.cm.auth, "blobs delete", change)
        .arg(Arg::text("credential_id", written.written.clone()))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = confirm(
        ctx,
        &format!("This deletes the {size}-byte large blob of:\n  {described}\nThe credential itself stays."),
        "Delete the blob?",
    )
    .and_then(|()| s.write(&array));
    cj::finish(ctx, attempt, result)?;
    let used = array.serialize().len() as u64;
    Ok(Outcome::ok(Message {
        text: format!("Deleted the large blob of credential {}; the other blobs are unchanged.", owner.credential_id),
        fields: BlobChanged {
            device: s.device(),
            blob: owner,
            size: None,
            used: Some(used),
            capacity: s.limits.capacity as u64,
        },
    }))
}

fn clear(ctx: &Context, all: bool) -> Result<Outcome, Failure> {
    let scope = if all { "all" } else { "orphans" };
    if !can_confirm(ctx) {
        return confirm(ctx, "This removes large blobs from the key.", "").map(|_| Outcome::silent());
    }
    cj::preflight(ctx)?;
    if all {
        return clear_all(ctx);
    }
    let mut s = Session::open(ctx, true)?;
    let mut array = s.read()?;
    let keyed = s.keyed();
    let listed = entries(&array, &keyed);
    let orphans: Vec<&BlobEntry> = listed.iter().filter(|b| b.orphan).collect();
    if orphans.is_empty() {
        return Ok(Outcome::ok(Message {
            text: "No orphaned large blobs on this key; nothing was changed.".into(),
            fields: BlobsCleared { device: s.device(), scope: scope.into(), removed: 0, damaged: false },
        }));
    }
    let lines: Vec<String> =
        orphans.iter().map(|b| format!("  entry {} ({} bytes stored)", b.index, b.stored_size)).collect();
    let removed = orphans.len() as u64;
    let mut index = 0;
    array.items.retain(|_| {
        let keep = !listed[index].orphan;
        index += 1;
        keep
    });
    let change = Change::LargeBlobsCleared { scope: scope.into(), entries: removed, damaged: false };
    let attempt = cj::attempt(&mut s.cm.auth, "blobs clear", change)
        .arg(Arg::flag("orphans", true))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = confirm(
        ctx,
        &format!(
            "This removes {removed} large {} that no credential on this key owns:\n{}\nThe blobs of existing credentials stay.",
            if removed == 1 { "blob" } else { "blobs" },
            lines.join("\n")
        ),
        "Remove them?",
    )
    .and_then(|()| s.write(&array));
    cj::finish(ctx, attempt, result)?;
    Ok(Outcome::ok(Message {
        text: format!("Removed {removed} orphaned large {}.", if removed == 1 { "blob" } else { "blobs" }),
        fields: BlobsCleared { device: s.device(), scope: scope.into(), removed, damaged: false },
    }))
}

/// `clear --all`: also the one way to replace damaged storage. Owners are named when the key
/// can list its credentials; a key without credential management needs only an lbw token.
fn clear_all(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = ctx.open_one()?;
    let limits = limits(&mut auth)?;
    let cm_flavor = flavor(&mut auth)?;
    let permissions = match cm_flavor {
        Some(_) => Permissions::CREDENTIAL_MANAGEMENT | Permissions::LARGE_BLOB_WRITE,
        None => Permissions::LARGE_BLOB_WRITE,
    };
    let token = PinHolder::default().token(ctx, &mut auth, permissions, None, "large-blob management")?;
    let (mut auth, token, all) = match cm_flavor {
        Some(flavor) => {
            let mut cm = CmSession { auth, flavor, token };
            let all = cm.everything()?;
            (cm.auth, cm.token, all)
        }
        None => (auth, token, Vec::new()),
    };
    let read = LargeBlobs::with_limits(&mut auth, limits).read_array();
    let (what, removed, damaged) = match read {
        Ok(array) => {
            let mut keyed = Vec::new();
            for (rp, creds) in &all {
                for c in creds {
                    if let Some(k) = &c.large_blob_key {
                        keyed.push((rp, c, k.as_slice()));
                    }
                }
            }
            let listed = entries(&array, &keyed);
            if listed.is_empty() {
                return Ok(Outcome::ok(Message {
                    text: "The large-blob storage is already empty; nothing was changed.".into(),
                    fields: BlobsCleared { device: super::device_object(&auth), scope: "all".into(), removed: 0, damaged: false },
                }));
            }
            let lines: Vec<String> = listed
                .iter()
                .map(|b| match &b.owner {
                    Some(o) => format!("  entry {}: credential {} ({} at {})", b.index, o.credential_id, o.user_name.as_deref().unwrap_or("-"), o.rp_id),
                    None => format!("  entry {}: orphan ({} bytes stored)", b.index, b.stored_size),
                })
                .collect();
            (format!("This removes every large blob on the key:\n{}", lines.join("\n")), listed.len() as u64, false)
        }
        Err(BlobError::Corrupted(why)) => (
            format!("The large-blob storage on this key is damaged ({why}). This replaces it with empty storage: whatever it held is lost."),
            0,
            true,
        ),
        Err(e) => return Err(blob_failure(e)),
    };
    let change = Change::LargeBlobsCleared { scope: "all".into(), entries: removed, damaged };
    let attempt =
        cj::attempt(&mut auth, "blobs clear", change).arg(Arg::flag("all", true)).arg(Arg::flag("yes", ctx.global.yes));
    let result = confirm(ctx, &format!("{what}\nThe credentials themselves stay."), "Clear the large-blob storage?")
        .and_then(|()| LargeBlobs::with_limits(&mut auth, limits).clear(Some(&token)).map_err(blob_failure));
    cj::finish(ctx, attempt, result)?;
    let text = if damaged {
        "Replaced the damaged large-blob storage with empty storage.".to_string()
    } else {
        format!("Removed all {removed} large {}.", if removed == 1 { "blob" } else { "blobs" })
    };
    Ok(Outcome::ok(Message {
        text,
        fields: BlobsCleared { device: super::device_object(&auth), scope: "all".into(), removed, damaged },
    }))
}
