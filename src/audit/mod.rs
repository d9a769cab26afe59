//! `fidoctl audit`: the pure logic. Facts about a key come in (filled by the command layer from
//! getInfo, clientPIN and CTAPHID INIT), a policy file and optionally the FIDO Metadata Service
//! BLOB come in as text, and verdicts come out. Nothing here opens a file, a device or a socket.
//!
//! - [`facts`]: what was read from one key ([`KeyFacts`]).
//! - [`policy`]: the policy file (TOML) and the default policy.
//! - [`verdict`]: the rules, one [`Verdict`] per rule, the per-key result and the exit code.
//! - [`advisories`]: the embedded table of known-vulnerable firmware.
//! - [`models`]: the embedded AAGUID → model-name table.
//! - [`mds`]: the FIDO Metadata Service 3 BLOB: JWT, certificate chain to a pinned root, payload.
//!
//! Certificate path checks live in [`crate::proto::certificate`], shared with the client's
//! attestation checks.

pub mod advisories;
pub mod facts;
pub mod mds;
pub mod models;
pub mod policy;
pub mod verdict;

#[cfg(test)]
pub(crate) mod testpki;

pub use advisories::{Advisory, ADVISORIES};
pub use facts::KeyFacts;
pub use mds::{verify_blob, verify_blob_pinned, MdsError, MetadataBlob, MetadataEntry, StatusReport};
pub use models::model_name;
pub use policy::{Policy, PolicyError};
pub use verdict::{evaluate, overall, Outcome, Verdict};

/// Canonical form of an AAGUID: lowercase hex in 8-4-4-4-12 groups. Accepts any case, with or
/// without the dashes, and with surrounding braces or whitespace. `None` when it is not 16 bytes of
/// hex.
pub fn canonical_aaguid(text: &str) -> Option<String> {
    let trimmed = text.trim().trim_start_matches('{').trim_end_matches('}');
    let hex: String = trimmed.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    // Dashes, when present, must sit where a UUID puts them.
    if trimmed.contains('-') {
        let groups: Vec<usize> = trimmed.split('-').map(str::len).collect();
        if groups != [8, 4, 4, 4, 12] {
            return None;
        }
    }
    let h = hex.to_ascii_lowercase();
    Some(format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32]))
}

/// Canonical AAGUID of 16 raw bytes (as getInfo 0x03 carries it).
pub fn aaguid_from_bytes(bytes: &[u8; 16]) -> String {
    crate::proto::get_info::uuid_string(bytes)
}

/// The all-zero AAGUID that U2F-only keys and some privacy-minded keys report: it names no model.
pub const ZERO_AAGUID: &str = "00000000-0000-0000-0000-000000000000";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_aaguid_accepts_the_usual_spellings() {
        let want = Some("cb69481e-8ff7-4039-93ec-0a2729a154a8".to_string());
        assert_eq!(canonical_aaguid("cb69481e-8ff7-4039-93ec-0a2729a154a8"), want);
        assert_eq!(canonical_aaguid("CB69481E-8FF7-4039-93EC-0A2729A154A8"), want);
        assert_eq!(canonical_aaguid("cb69481e8ff7403993ec0a2729a154a8"), want);
        assert_eq!(canonical_aaguid(" {cb69481e-8ff7-4039-93ec-0a2729a154a8} "), want);
        assert_eq!(canonical_aaguid("cb69481e-8ff74039-93ec-0a2729a154a8"), None);
        assert_eq!(canonical_aaguid("cb69481e-8ff7-4039-93ec-0a2729a154a"), None);
        assert_eq!(canonical_aaguid("zb69481e-8ff7-4039-93ec-0a2729a154a8"), None);
        assert_eq!(aaguid_from_bytes(&[0; 16]), ZERO_AAGUID);
    }
}
