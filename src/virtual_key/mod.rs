//! The virtual key: a software CTAP 2.1 authenticator that sits below CTAPHID, so every test
//! runs the same framing, CBOR and PIN code a real key sees. Depends on `proto` only.

pub mod attestation;
mod bio;
pub mod client_pin;
mod config;
mod cred_mgmt;
mod ctap2;
mod get_assertion;
pub mod hid;
mod large_blobs;
pub mod link;
mod make_credential;
pub mod presence;
pub mod profile;
mod request;
pub mod state;
#[cfg(test)]
mod testing;

use state::{Identity, KeyState, Profile, StateError, StateFile};
use std::path::Path;

/// What `fidoctl virtual create` may choose.
#[derive(Debug, Clone)]
pub struct CreateOptions {
    pub profile: Profile,
    pub aaguid: [u8; 16],
    pub firmware: u64,
    pub max_resident: u32,
    /// A simulated fingerprint sensor: bioEnrollment and built-in UV (`virtual create --bio`).
    pub bio: bool,
}

impl Default for CreateOptions {
    fn default() -> Self {
        CreateOptions {
            profile: Profile::Ctap21,
            aaguid: profile::parse_aaguid(profile::DEFAULT_AAGUID).unwrap_or_default(),
            firmware: profile::DEFAULT_FIRMWARE,
            max_resident: profile::DEFAULT_MAX_RESIDENT,
            bio: false,
        }
    }
}

/// An open virtual key: its state file is locked until this is dropped.
#[derive(Debug)]
pub struct VirtualKey {
    file: StateFile,
    /// Why the key stopped: a save that failed. The transport reports it instead of a CTAP status.
    fault: Option<StateError>,
}

impl VirtualKey {
    pub fn create(path: &Path, options: &CreateOptions) -> Result<VirtualKey, StateError> {
        if options.max_resident > state::MAX_RESIDENT_LIMIT {
            return Err(StateError::Io {
                path: path.display().to_string(),
                action: "created",
                reason: format!(
                    "a virtual key holds at most {} discoverable credentials, not {}",
                    state::MAX_RESIDENT_LIMIT,
                    options.max_resident
                ),
            });
        }
        let identity = Identity {
            profile: options.profile,
            aaguid: crate::proto::get_info::uuid_string(&options.aaguid),
            firmware: options.firmware,
            max_resident: options.max_resident,
            bio: options.bio,
        };
        let mut state = KeyState::new(identity);
        let material = attestation::AttestationMaterial::create(&options.aaguid).map_err(|e| StateError::Io {
            path: path.display().to_string(),
            action: "created",
            reason: format!("its attestation certificate could not be made: {e}"),
        })?;
        state.attestation = Some(attestation::StoredAttestation::from(&material));
        let mut serial = [0u8; 8];
        rand_core::RngCore::try_fill_bytes(&mut rand_core::OsRng, &mut serial).map_err(|e| StateError::Io {
            path: path.display().to_string(),
            action: "created",
            reason: format!("no random serial number for it: {e}"),
        })?;
        let leaf = material.issue_enterprise(&options.aaguid, &hex::encode(serial)).map_err(|e| StateError::Io {
            path: path.display().to_string(),
            action: "created",
            reason: format!("its enterprise attestation certificate could not be made: {e}"),
        })?;
        state.enterprise_attestation_leaf = Some(leaf);
        Ok(VirtualKey { file: StateFile::create(path, state)?, fault: None })
    }

    pub fn open(path: &Path) -> Result<VirtualKey, StateError> {
        Ok(VirtualKey { file: StateFile::open(path)?, fault: None })
    }

    pub fn state(&self) -> &KeyState {
        &self.file.state
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Unplug and plug back in: volatile state is forgotten and the reset window opens.
    pub fn replug(&mut self) -> Result<(), StateError> {
        self.file.state.power_up();
        self.file.save()
    }

    /// Answer a host over `link` until it goes away, or until a change cannot be saved
    /// (then `take_fault` says why).
    pub fn serve(&mut self, link: &mut dyn link::Link) {
        hid::serve(self, link)
    }

    /// The state-file error that stopped the key, if one did.
    pub fn take_fault(&mut self) -> Option<StateError> {
        self.fault.take()
    }

    /// Save a change; on failure the key stops, and what is on disk is what it was before.
    fn save_or_fail(&mut self) {
        if let Err(e) = self.file.save() {
            let _ = self.file.reload();
            self.fault = Some(e);
        }
    }
}

impl hid::Authenticator for VirtualKey {
    fn handle_cbor(&mut self, request: &[u8], presence: &mut dyn hid::UserPresence) -> Vec<u8> {
        let reply = ctap2::dispatch(&mut self.file.state, request, presence);
        if reply.changed {
            // The host must not believe a change happened that is not on disk.
            self.save_or_fail();
        }
        reply.bytes
    }

    fn wink(&mut self) {
        self.file.state.wink_count += 1;
        self.save_or_fail();
    }

    fn failed(&self) -> bool {
        self.fault.is_some()
    }

    fn device_version(&self) -> (u8, u8, u8) {
        let f = self.file.state.identity.firmware;
        (((f >> 16) & 0xFF) as u8, ((f >> 8) & 0xFF) as u8, (f & 0xFF) as u8)
    }
}
