//! `fidoctl token create --read-only [-o FILE] | list | forget [IDENTIFIER]`: CTAP 2.2
//! persistent read-only tokens, so `creds list` and `audit` need no PIN.

pub mod store;

use super::auth::{pin_failure, pin_input, read_pin_for};
use super::{exit, Context, Failure, Outcome};
use crate::cli::TokenCommand;
use crate::client::{pin as client_pin, read_only};
use crate::output::token::{ForgottenTokens, TokenCreated, TokenList, TokenRow};
use std::path::PathBuf;
use store::{Lookup, TokenFile};

pub fn run(ctx: &Context, command: TokenCommand) -> Result<Outcome, Failure> {
    match command {
        TokenCommand::Create { read_only: _, output } => create(ctx, output),
        TokenCommand::List => list(ctx),
        TokenCommand::Forget { identifier } => forget(ctx, identifier),
    }
}

fn unsupported() -> Failure {
    Failure::new(
        exit::FAILED,
        "read_only_token_unsupported",
        "This key cannot give a persistent read-only token: that is a CTAP 2.2 feature (perCredMgmtRO) it does not have.",
    )
    .hint("Without a token, `fidoctl creds list` and `fidoctl audit` work as before and ask for the PIN where they need it.")
}

fn create(ctx: &Context, output: Option<PathBuf>) -> Result<Outcome, Failure> {
    let mut auth = ctx.open_one()?;
    if !auth.info()?.per_cred_mgmt_read_only() {
        return Err(unsupported());
    }
    // Check where it goes before the PIN is asked for.
    let path = match output {
        Some(p) => p,
        None => {
            let dir = store::directory(ctx)?;
            store::ensure_directory(&dir)?;
            dir
        }
    };
    let mut input = pin_input(ctx)?;
    let pin = read_pin_for(&mut auth, &mut input, "a read-only token")?;
    let session = client_pin::start_session(&mut auth)?;
    let token = read_only::obtain(&mut auth, &session, pin.as_bytes()).map_err(|e| pin_failure(&mut auth, e))?;
    let identity = read_only::read_identity(&mut auth, token.secret())?.ok_or_else(|| {
        Failure::new(
            exit::FAILED,
            "identifier_missing",
            "The key gave a read-only token but no identifier it encrypts (encIdentifier), so the token could not be tied to this key and was not stored.",
        )
    })?;
    let info = auth.info()?.clone();
    let file = TokenFile::new(&token, &identity, &info, auth.device().path());
    let in_token_dir = path.is_dir();
    let path = if in_token_dir { path.join(format!("{}.{}", file.identifier, store::EXTENSION)) } else { path };
    store::write(&path, &file)?;
    Ok(Outcome::ok(TokenCreated {
        device: super::device_object(&auth),
        file: path.display().to_string(),
        identifier: file.identifier.clone(),
        cred_store_state: file.cred_store_state.clone(),
        in_token_dir,
    }))
}

fn list(ctx: &Context) -> Result<Outcome, Failure> {
    let dir = store::directory(ctx)?;
    let tokens = store::all(&dir)
        .into_iter()
        .map(|(path, read)| match read {
            Ok(s) => TokenRow {
                file: path.display().to_string(),
                identifier: Some(s.file.identifier),
                aaguid: Some(s.file.aaguid),
                device_path: Some(s.file.device_path),
                created: Some(s.file.created),
                problem: None,
            },
            Err(why) => TokenRow {
                file: path.display().to_string(),
                identifier: None,
                aaguid: None,
                device_path: None,
                created: None,
                problem: Some(why),
            },
        })
        .collect();
    Ok(Outcome::ok(TokenList { directory: dir.display().to_string(), tokens }))
}

fn forget(ctx: &Context, identifier: Option<String>) -> Result<Outcome, Failure> {
    let dir = store::directory(ctx)?;
    let doomed: Vec<PathBuf> = match identifier {
        Some(id) => {
            let id = id.to_ascii_lowercase();
            store::all(&dir)
                .into_iter()
                .filter(|(_, read)| read.as_ref().is_ok_and(|s| s.identifier() == id))
                .map(|(p, _)| p)
                .collect()
        }
        None => {
            let mut auth = ctx.open_one()?;
            let info = auth.info()?.clone();
            match store::lookup(ctx, &info, auth.device().path())? {
                Lookup::Found(s) => vec![s.path],
                Lookup::Stale(p) => vec![p],
                Lookup::None => Vec::new(),
            }
        }
    };
    if doomed.is_empty() {
        return Err(Failure::new(
            exit::FAILED,
            "no_token",
            format!("There is no stored token for that key in {}.", dir.display()),
        )
        .hint("`fidoctl token list` shows the stored tokens and their identifiers."));
    }
    for p in &doomed {
        std::fs::remove_file(p).map_err(|e| {
            Failure::new(exit::FAILED, "token_forget_failed", format!("{} could not be deleted: {e}.", p.display()))
        })?;
    }
    Ok(Outcome::ok(ForgottenTokens {
        directory: dir.display().to_string(),
        forgotten: doomed.iter().map(|p| p.display().to_string()).collect(),
    }))
}
