//! Managing `virtual:` keys for the command layer: create, re-plug, and serve one on the
//! socket protocol (each connection is a power-up; a newer connection replaces the older).

use crate::virtual_key::link::StreamLink;
use crate::virtual_key::VirtualKey;
use std::fs::File;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

pub use crate::virtual_key::profile::parse_aaguid;
pub use crate::virtual_key::state::{Profile, StateError};
pub use crate::virtual_key::CreateOptions;

/// What `create` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub profile: &'static str,
    pub aaguid: String,
}

pub fn create(path: &Path, options: &CreateOptions) -> Result<Created, StateError> {
    let key = VirtualKey::create(path, options)?;
    let state = key.state();
    Ok(Created { profile: state.identity.profile.name(), aaguid: state.identity.aaguid.clone() })
}

/// Unplug and plug back in.
pub fn replug(path: &Path) -> Result<(), StateError> {
    VirtualKey::open(path)?.replug()
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    State(#[from] StateError),
    #[error("Something is already serving on {0}.")]
    InUse(String),
    #[error("{0} exists and is not a socket; it was left alone.")]
    NotASocket(String),
    #[error("Cannot serve on {path}: {reason}.")]
    Socket { path: String, reason: String },
    #[error("The virtual key stopped unexpectedly.")]
    Crashed,
}

/// A lock beside the socket says a server is running. Probing the socket instead would
/// connect, and a connection unplugs the running server's host.
fn serve_lock(socket: &Path) -> Result<File, ServeError> {
    let name = socket.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lock_path = socket.with_file_name(format!(".{name}.lock"));
    let socket_err =
        |e: std::io::Error| ServeError::Socket { path: socket.display().to_string(), reason: e.to_string() };
    let file =
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(socket_err)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(_) => Err(ServeError::InUse(socket.display().to_string())),
    }
}

/// Serve the key in `file` on `socket` until the process is stopped. `event` hears about
/// connections (for -v).
pub fn serve(file: &Path, socket: &Path, event: &dyn Fn(&str)) -> Result<(), ServeError> {
    let key = VirtualKey::open(file)?;
    let _serving = serve_lock(socket)?;
    let socket_err =
        |e: std::io::Error| ServeError::Socket { path: socket.display().to_string(), reason: e.to_string() };
    if let Ok(meta) = std::fs::symlink_metadata(socket) {
        use std::os::unix::fs::FileTypeExt;
        if !meta.file_type().is_socket() {
            return Err(ServeError::NotASocket(socket.display().to_string()));
        }
        // A leftover from a server that died (we hold the lock): safe to replace.
        std::fs::remove_file(socket).map_err(socket_err)?;
    }
    let listener = UnixListener::bind(socket).map_err(socket_err)?;
    event(&format!("serving virtual key {} on unix:{} (stop with Ctrl-C)", file.display(), socket.display()));
    let mut key = Some(key);
    let mut current: Option<(UnixStream, std::thread::JoinHandle<VirtualKey>)> = None;
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                event(&format!("accept failed: {e}"));
                continue;
            }
        };
        // Unplug the previous host: close its socket and wait for the key to be handed back.
        if let Some((old, thread)) = current.take() {
            let _ = old.shutdown(std::net::Shutdown::Both);
            key = Some(thread.join().map_err(|_| ServeError::Crashed)?);
        }
        let Some(mut k) = key.take() else { break };
        k.replug()?;
        event("host connected: key powered up");
        let control = stream.try_clone().map_err(socket_err)?;
        // The key closes the connection itself when the host leaves: `control` keeps the
        // socket open until the next connection, and the host must see the key go away.
        let closer = stream.try_clone().map_err(socket_err)?;
        let thread = std::thread::spawn(move || {
            k.serve(&mut StreamLink::new(stream));
            let _ = closer.shutdown(std::net::Shutdown::Both);
            k
        });
        current = Some((control, thread));
    }
    Ok(())
}
