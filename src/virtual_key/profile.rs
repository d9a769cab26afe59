//! What each profile says about itself in getInfo, derived from the key's state.

use super::state::{KeyState, Profile};
use crate::proto::ctap2::alg;
use crate::proto::ctaphid::MAX_PAYLOAD;
use crate::proto::get_info::{Algorithm, AuthenticatorInfo};
use std::collections::BTreeMap;

/// The AAGUID `fidoctl virtual create` gives a key unless told otherwise: the model "fidoctl virtual key".
pub const DEFAULT_AAGUID: &str = "6f1d0c7a-5e1b-4c3e-9a7d-0f1d0c7a11e5";
pub const DEFAULT_FIRMWARE: u64 = 0x01_00_00;
pub const DEFAULT_MAX_RESIDENT: u32 = 25;
pub const MAX_CREDENTIAL_ID_LENGTH: u64 = 128;
pub const MAX_RP_IDS_FOR_SET_MIN_PIN_LENGTH: u64 = 4;
/// getInfo maxCredBlobLength (0x0F); the spec's minimum is 32.
pub const MAX_CRED_BLOB_LENGTH: u64 = 32;

impl Profile {
    /// CTAP 2.1 or later: everything the ctap2.1 profile does.
    pub fn is_21(self) -> bool {
        matches!(self, Profile::Ctap21 | Profile::Ctap22)
    }
    pub fn versions(self) -> &'static [&'static str] {
        match self {
            Profile::Ctap22 => &["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1", "FIDO_2_2"],
            // Like real 2.1 keys (YubiKey 5.7): the preview stays advertised for older hosts.
            Profile::Ctap21 => &["FIDO_2_0", "FIDO_2_1_PRE", "FIDO_2_1"],
            Profile::Ctap21Pre => &["FIDO_2_0", "FIDO_2_1_PRE"],
            Profile::Ctap20 => &["FIDO_2_0"],
        }
    }
    pub fn pin_protocols(self) -> &'static [u64] {
        match self {
            Profile::Ctap21 | Profile::Ctap22 => &[2, 1],
            Profile::Ctap21Pre | Profile::Ctap20 => &[1],
        }
    }
    /// The credential algorithms (COSE), in the order getInfo lists them. RSA and P-384 came
    /// with CTAP 2.2 keys here; older profiles keep the two algorithms such keys shipped with.
    pub fn algorithms(self) -> &'static [i64] {
        match self {
            Profile::Ctap22 => &[alg::ES256, alg::EDDSA, alg::ES384, alg::RS256],
            _ => &[alg::ES256, alg::EDDSA],
        }
    }
    pub fn has_selection(self) -> bool {
        self.is_21()
    }
    pub fn has_token_permissions(self) -> bool {
        self.is_21()
    }
}

pub fn parse_aaguid(s: &str) -> Option<[u8; 16]> {
    let hex: String = s.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || s.len() != 36 {
        return None;
    }
    let mut out = [0u8; 16];
    hex::decode_to_slice(&hex, &mut out).ok()?;
    Some(out)
}

pub fn get_info(state: &KeyState) -> AuthenticatorInfo {
    let profile = state.identity.profile;
    let mut options = BTreeMap::new();
    options.insert("rk".to_string(), true);
    options.insert("up".to_string(), true);
    options.insert("plat".to_string(), false);
    options.insert("clientPin".to_string(), state.pin.is_some());
    match profile {
        Profile::Ctap21 | Profile::Ctap22 => {
            if profile == Profile::Ctap22 {
                options.insert("perCredMgmtRO".to_string(), true);
            }
            options.insert("credMgmt".to_string(), true);
            // libfido2 up to 1.14 manages credentials only through the preview command.
            options.insert("credentialMgmtPreview".to_string(), true);
            options.insert("authnrCfg".to_string(), true);
            options.insert("pinUvAuthToken".to_string(), true);
            options.insert("setMinPINLength".to_string(), true);
            options.insert("makeCredUvNotRqd".to_string(), true);
            options.insert("alwaysUv".to_string(), state.always_uv);
            options.insert("ep".to_string(), state.enterprise_attestation);
            options.insert("largeBlobs".to_string(), true);
        }
        Profile::Ctap21Pre => {
            options.insert("credentialMgmtPreview".to_string(), true);
        }
        Profile::Ctap20 => {}
    }
    if state.identity.bio {
        let enrolled = !state.bio.enrollments.is_empty();
        options.insert("uv".to_string(), enrolled);
        if profile.is_21() {
            options.insert("bioEnroll".to_string(), enrolled);
        }
        options.insert("userVerificationMgmtPreview".to_string(), enrolled);
    }
    let mut extensions = vec!["credProtect".to_string(), "hmac-secret".to_string()];
    if profile.is_21() {
        extensions.extend(["credBlob", "largeBlobKey", "minPinLength"].map(String::from));
    }
    if profile == Profile::Ctap22 {
        extensions.extend(["hmac-secret-mc", "thirdPartyPayment"].map(String::from));
    }
    let is_21 = profile.is_21();
    let is_22 = profile == Profile::Ctap22;
    let pin_policy = super::client_pin::PinPolicy::of(profile);
    AuthenticatorInfo {
        versions: profile.versions().iter().map(|v| v.to_string()).collect(),
        extensions,
        aaguid: parse_aaguid(&state.identity.aaguid).unwrap_or_default(),
        options,
        max_msg_size: Some(MAX_PAYLOAD as u64),
        pin_uv_auth_protocols: profile.pin_protocols().to_vec(),
        max_credential_count_in_list: Some(8),
        max_credential_id_length: Some(MAX_CREDENTIAL_ID_LENGTH),
        transports: vec!["usb".to_string()],
        algorithms: profile
            .algorithms()
            .iter()
            .map(|&a| Algorithm { alg: a, kind: "public-key".to_string() })
            .collect(),
        force_pin_change: is_21.then_some(state.force_pin_change),
        min_pin_length: is_21.then_some(u64::from(state.min_pin_length)),
        firmware_version: is_21.then_some(state.identity.firmware),
        max_rp_ids_for_set_min_pin_length: is_21.then_some(MAX_RP_IDS_FOR_SET_MIN_PIN_LENGTH),
        remaining_discoverable_credentials: is_21.then_some(u64::from(state.remaining_discoverable())),
        max_serialized_large_blob_array: is_21.then_some(super::large_blobs::MAX_SERIALIZED_LARGE_BLOB_ARRAY as u64),
        max_cred_blob_length: is_21.then_some(MAX_CRED_BLOB_LENGTH),
        // fingerprint_internal (FIDO registry), and the platform may try UV 3 times.
        uv_modality: state.identity.bio.then_some(0x02),
        preferred_platform_uv_attempts: state.identity.bio.then_some(3),
        long_touch_for_reset: is_22.then_some(false),
        transports_for_reset: if is_22 { vec!["usb".to_string()] } else { Vec::new() },
        max_pin_length: is_22.then_some(u64::from(pin_policy.max_length)),
        pin_complexity_policy: (is_22 && pin_policy.complexity).then_some(true),
        pin_complexity_policy_url: pin_policy.url.map(String::into_bytes),
        enc_identifier: if is_22 { super::persistent::enc_identifier(state) } else { None },
        enc_cred_store_state: if is_22 { super::persistent::enc_cred_store_state(state) } else { None },
        ..AuthenticatorInfo::default()
    }
}
