//! `fidoctl virtual create | serve | replug`: software authenticators for tests and training.

use super::{exit, Context, Failure, Outcome};
use crate::cli::{ProfileArg, VirtualCommand};
use crate::output::message::Message;
use crate::virtual_key::link::StreamLink;
use crate::virtual_key::profile::parse_aaguid;
use crate::virtual_key::state::Profile;
use crate::virtual_key::{format_aaguid, CreateOptions, VirtualKey};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

pub fn run(ctx: &Context, command: VirtualCommand) -> anyhow::Result<Outcome> {
    match command {
        VirtualCommand::Create { file, profile, aaguid, firmware, max_resident } => {
            let mut options = CreateOptions {
                profile: match profile {
                    ProfileArg::Ctap21 => Profile::Ctap21,
                    ProfileArg::Ctap21Pre => Profile::Ctap21Pre,
                    ProfileArg::Ctap20 => Profile::Ctap20,
                },
                ..CreateOptions::default()
            };
            if let Some(a) = aaguid {
                options.aaguid = parse_aaguid(&a).ok_or_else(|| {
                    Failure::usage(format!("--aaguid {a:?} is not a UUID such as 2fc0579f-8113-47ea-b116-bb5a8db9202a"))
                })?;
            }
            if let Some(f) = firmware {
                options.firmware = parse_firmware(&f).ok_or_else(|| {
                    Failure::usage(format!("--firmware {f:?} is not a version such as 5.7.1 or an integer"))
                })?;
            }
            if let Some(m) = max_resident {
                options.max_resident = m;
            }
            let key = VirtualKey::create(&file, &options).map_err(state_failure)?;
            let state = key.state();
            ctx.diag(format!("created {}", file.display()));
            Ok(Outcome::ok(Message {
                text: format!(
                    "Created virtual key {} ({}, AAGUID {}). Use it with --device virtual:{}",
                    file.display(),
                    state.identity.profile.name(),
                    format_aaguid(&options.aaguid),
                    file.display()
                ),
                fields: serde_json::json!({
                    "file": file.display().to_string(),
                    "device": format!("virtual:{}", file.display()),
                    "profile": state.identity.profile.name(),
                    "aaguid": state.identity.aaguid,
                }),
            }))
        }
        VirtualCommand::Replug { file } => {
            let mut key = VirtualKey::open(&file).map_err(state_failure)?;
            key.replug().map_err(state_failure)?;
            Ok(Outcome::ok(Message {
                text: format!("Virtual key {} was unplugged and plugged back in.", file.display()),
                fields: serde_json::json!({ "file": file.display().to_string(), "replugged": true }),
            }))
        }
        VirtualCommand::Serve { file, socket } => serve(ctx, &file, &socket),
    }
}

fn state_failure(e: crate::virtual_key::state::StateError) -> Failure {
    Failure::from(e)
}

/// "5.7.1" → 0x050701; a plain integer is taken as is.
fn parse_firmware(s: &str) -> Option<u64> {
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    let parts: Vec<u64> = s.split('.').map(|p| p.parse::<u64>().ok().filter(|n| *n < 256)).collect::<Option<_>>()?;
    match parts.as_slice() {
        [a, b, c] => Some(a << 16 | b << 8 | c),
        [a, b] => Some(a << 16 | b << 8),
        _ => None,
    }
}

fn serve_lock(socket: &Path) -> Result<std::fs::File, Failure> {
    let name = socket.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lock_path = socket.with_file_name(format!(".{name}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Failure::new(exit::FAILED, "socket", format!("Cannot use {}: {e}", socket.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(_) => Err(Failure::new(
            exit::USAGE,
            "socket_in_use",
            format!("Something is already serving on {}.", socket.display()),
        )
        .hint("Stop it, or choose another --socket path.")),
    }
}

/// Serve until killed. Each connection is a power-up; a newer connection replaces the older.
fn serve(ctx: &Context, file: &Path, socket: &Path) -> anyhow::Result<Outcome> {
    let key = VirtualKey::open(file).map_err(state_failure)?;
    // A lock beside the socket says a server is running; probing the socket instead would
    // connect, and a connection unplugs the running server's host.
    let _serving = serve_lock(socket)?;
    if let Ok(meta) = std::fs::symlink_metadata(socket) {
        use std::os::unix::fs::FileTypeExt;
        if !meta.file_type().is_socket() {
            return Err(Failure::usage(format!("{} exists and is not a socket; it was left alone.", socket.display()))
                .hint("Choose another --socket path.")
                .into());
        }
        // A leftover from a server that died (we hold the lock): safe to replace.
        std::fs::remove_file(socket).map_err(|e| {
            Failure::new(exit::FAILED, "socket", format!("{} could not be replaced: {e}", socket.display()))
        })?;
    }
    let listener = UnixListener::bind(socket)
        .map_err(|e| Failure::new(exit::FAILED, "socket", format!("Cannot listen on {}: {e}", socket.display())))?;
    eprintln!("fidoctl: serving virtual key {} on unix:{} (stop with Ctrl-C)", file.display(), socket.display());
    let mut key = Some(key);
    let mut current: Option<(UnixStream, std::thread::JoinHandle<VirtualKey>)> = None;
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                ctx.diag(format!("accept failed: {e}"));
                continue;
            }
        };
        // Unplug the previous host: close its socket and wait for the key to be handed back.
        if let Some((old, thread)) = current.take() {
            let _ = old.shutdown(std::net::Shutdown::Both);
            match thread.join() {
                Ok(k) => key = Some(k),
                Err(_) => {
                    return Err(Failure::new(
                        exit::FAILED,
                        "virtual_key_crashed",
                        "The virtual key stopped unexpectedly.",
                    )
                    .into())
                }
            }
        }
        let Some(mut k) = key.take() else { break };
        if let Err(e) = k.replug() {
            return Err(state_failure(e).into());
        }
        ctx.diag("host connected: key powered up");
        let control = stream.try_clone().map_err(|e| Failure::new(exit::FAILED, "socket", e.to_string()))?;
        let thread = std::thread::spawn(move || {
            k.serve(&mut StreamLink::new(stream));
            k
        });
        current = Some((control, thread));
    }
    Ok(Outcome::silent())
}

#[cfg(test)]
mod tests {
    use super::parse_firmware;

    #[test]
    fn firmware_forms() {
        assert_eq!(parse_firmware("5.7.0"), Some(329472));
        assert_eq!(parse_firmware("329472"), Some(329472));
        assert_eq!(parse_firmware("5.4"), Some(0x050400));
        assert_eq!(parse_firmware("5.256.0"), None);
        assert_eq!(parse_firmware("five"), None);
    }
}
