//! The JSON fields of the commands whose result is one sentence (pin, config, reset, wink,
//! select, creds delete/update, virtual, man): one typed struct each, no ad-hoc maps.

use super::vocabulary::Device;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PinSet {
    pub device: Device,
    pub pin_set: bool,
    pub pin_protocol: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct PinChanged {
    pub device: Device,
    pub pin_changed: bool,
    pub pin_protocol: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct PinVerified {
    pub device: Device,
    pub pin_verified: bool,
    pub pin_retries: u64,
    pub pin_protocol: u8,
}

/// A `config` or `pin min-length/force-change` change: the setting's fields, `changed`, and
/// the device (in that order, as documented).
#[derive(Debug, Clone, Serialize)]
pub struct Configured<T: Serialize> {
    #[serde(flatten)]
    pub setting: T,
    pub changed: bool,
    pub device: Device,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlwaysUv {
    pub always_uv: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnterpriseAttestation {
    pub enterprise_attestation: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MinPinLength {
    pub min_pin_length: Option<u64>,
    pub force_pin_change: bool,
    pub rp_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ForcePinChange {
    pub force_pin_change: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResetDone {
    pub device: Device,
    pub reset: bool,
    pub credentials_destroyed: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Winked {
    pub device: Device,
    pub winked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Selected {
    pub device: Device,
}

/// A credential named in `creds delete` / `creds update`.
#[derive(Debug, Clone, Serialize)]
pub struct CredentialRef {
    pub credential_id: String,
    pub rp_id: String,
    pub user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Option<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CredentialDeleted {
    pub device: Device,
    pub deleted: CredentialRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct CredentialUpdated {
    pub device: Device,
    pub updated: CredentialRef,
}

#[derive(Debug, Clone, Serialize)]
pub struct VirtualCreated {
    pub file: String,
    pub device: Device,
    pub profile: String,
    pub aaguid: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VirtualReplugged {
    pub file: String,
    pub replugged: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ManWritten {
    pub dir: String,
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RawText {
    pub text: String,
}
