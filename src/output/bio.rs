//! Typed JSON documents of `fidoctl bio`.

use super::vocabulary::Device;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Fingerprint {
    /// The template id, hex.
    pub id: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FingerprintList {
    pub device: Device,
    pub fingerprints: Vec<Fingerprint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SensorDetails {
    pub device: Device,
    /// "touch", "swipe" or "other".
    pub sensor: String,
    pub samples_required: u64,
    pub max_name_bytes: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FingerprintChanged {
    pub device: Device,
    pub fingerprint: Fingerprint,
    /// Samples the sensor rejected during an enrollment (0 otherwise).
    pub rejected_samples: u64,
}
