//! Known-vulnerable firmware: a small table, by AAGUID set and firmware range, each row with its
//! advisory id, CVE where one was assigned, and a source.
//!
//! Conservative by design: a row is here only when the vendor's own advisory names the products
//! and the fixed version. Firmware numbers use the encoding of getInfo 0x0E and Yubico's metadata
//! entries, major<<16 | minor<<8 | patch (329472 = 5.7.0); the CTAPHID INIT version is encoded the
//! same way by [`crate::audit::KeyFacts::set_firmware_from_ctaphid_init`].
//!
//! The AAGUID sets list every AAGUID the embedded model table gives for the product family,
//! including AAGUIDs that only ship with already-fixed firmware: the firmware range decides. A
//! test checks that every AAGUID here is in the model table under the family's name.

/// Encode a firmware version the way getInfo 0x0E and Yubico's metadata do.
pub const fn firmware(major: u32, minor: u32, patch: u32) -> u32 {
    major << 16 | minor << 8 | patch
}

/// One advisory row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advisory {
    /// The vendor's advisory id.
    pub id: &'static str,
    /// The CVE, when the vendor's advisory or the CVE record names these products.
    pub cve: Option<&'static str>,
    /// Short name of the weakness.
    pub title: &'static str,
    /// The products, as the advisory names them.
    pub products: &'static str,
    /// AAGUIDs of those products (canonical lowercase).
    pub aaguids: &'static [&'static str],
    /// First affected firmware, inclusive; `None` = every version before `fixed_in`.
    pub affected_from: Option<u32>,
    /// First fixed firmware.
    pub fixed_in: u32,
    /// Where the facts come from.
    pub source: &'static str,
}

/// How an advisory applies to one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// The key's model and firmware are in the affected range.
    Affected,
    /// The model is listed but the firmware is outside the range.
    NotAffected,
    /// The model is listed but the firmware version is unknown.
    FirmwareUnknown,
}

impl Advisory {
    /// Whether this advisory lists the AAGUID (canonical lowercase expected).
    pub fn covers(&self, aaguid: &str) -> bool {
        self.aaguids.iter().any(|a| a.eq_ignore_ascii_case(aaguid))
    }

    /// Whether a firmware version is in the affected range.
    pub fn affects_firmware(&self, version: u32) -> bool {
        version < self.fixed_in && self.affected_from.is_none_or(|from| version >= from)
    }

    /// How this advisory applies to a key, or `None` when it does not list the key's AAGUID.
    pub fn applies(&self, aaguid: &str, firmware: Option<u32>) -> Option<Applies> {
        if !self.covers(aaguid) {
            return None;
        }
        Some(match firmware {
            None => Applies::FirmwareUnknown,
            Some(v) if self.affects_firmware(v) => Applies::Affected,
            Some(_) => Applies::NotAffected,
        })
    }

    /// "CVE-2024-45678 / YSA-2024-03" or just the advisory id.
    pub fn reference(&self) -> String {
        match self.cve {
            Some(cve) => format!("{cve} / {}", self.id),
            None => self.id.to_string(),
        }
    }
}

/// Every advisory that lists the AAGUID, with how it applies.
pub fn matching<'a>(advisories: &'a [Advisory], aaguid: &str, firmware: Option<u32>) -> Vec<(&'a Advisory, Applies)> {
    advisories.iter().filter_map(|a| a.applies(aaguid, firmware).map(|how| (a, how))).collect()
}

const EUCLEAK_TITLE: &str =
    "EUCLEAK: ECDSA private keys recoverable through a side channel in Infineon's cryptographic library";
const YSA_2024_03: &str = "https://www.yubico.com/support/security-advisories/ysa-2024-03/";

/// YubiKey 5 Series, 5 FIPS Series (every AAGUID the model table gives for them).
const YUBIKEY_5: &[&str] = &[
    "03012cb7-4fb2-42e7-9e8d-a81f10e2a5e9", // YubiKey 5 Series with Lightning (Consumer Profile)
    "0a357157-9b18-4c8a-920e-d156e972b2f8", // YubiKey 5 Series (Consumer Profile)
    "0ebd9f2c-f685-441c-8c3e-a02a234a840a", // YubiKey 5 Series with NFC Enhanced PIN (Consumer Profile)
    "19083c3d-8383-4b18-bc03-8f1c9ab2fd1b", // YubiKey 5 Series
    "1ac71f64-468d-4fe0-bef1-0e5f2f551f18", // YubiKey 5 Series with NFC (Enterprise Profile)
    "20ac7a17-c814-4833-93fe-539f0d5e3389", // YubiKey 5 Series (Enterprise Profile)
    "24673149-6c86-42e7-98d9-433fb5b73296", // YubiKey 5 Series with Lightning
    "2fc0579f-8113-47ea-b116-bb5a8db9202a", // YubiKey 5 Series with NFC
    "3124e301-f14e-4e38-876d-fbeeb090e7bf", // YubiKey 5 Series with Lightning Preview
    "34f5766d-1536-4a24-9033-0e294e510fb0", // YubiKey 5 Series with NFC Preview
    "3b24bf49-1d45-4484-a917-13175df0867b", // YubiKey 5 Series with Lightning (Enterprise Profile)
    "41e39911-c669-4811-b860-c6ad0b411b96", // YubiKey 5 Series with NFC (Enterprise Profile)
    "4599062e-6926-4fe7-9566-9e8fb1aedaa0", // YubiKey 5 Series (Enterprise Profile)
    "524de2de-982f-49b4-a769-2b5e3b73ad79", // YubiKey 5 Series (Enterprise Profile)
    "662ef48a-95e2-4aaa-a6c1-5b9c40375824", // YubiKey 5 Series with NFC - Enhanced PIN
    "6ab56fad-881f-4a43-acb2-0be065924522", // YubiKey 5 Series with NFC (Enterprise Profile)
    "7dab85a5-d16d-4eaf-a7ef-4c1385b151c5", // YubiKey 5 Series with NFC (Consumer Profile) KVZR57-2
    "9a3f2abd-a73d-439c-9ee7-1b53a857eaa7", // YubiKey 5 Series with NFC Enhanced PIN (Enterprise Profile)
    "9eb7eabc-9db5-49a1-b6c3-555a802093f4", // YubiKey 5 Series with NFC KVZR57
    "a02167b9-ae71-4ac7-9a07-06432ebb6f1c", // YubiKey 5 Series with Lightning
    "a25342c0-3cdc-4414-8e46-f4807fca511c", // YubiKey 5 Series with NFC
    "b2c1a50b-dad8-4dc7-ba4d-0ce9597904bc", // YubiKey 5 Series with NFC - Enhanced PIN (Enterprise Profile)
    "b90e7dc1-316e-4fee-a25a-56a666a670fe", // YubiKey 5 Series with Lightning (Enterprise Profile)
    "c3479970-e58a-4f70-836f-853bf42fb063", // YubiKey 5 Series with Lightning (Enterprise Profile)
    "c5ef55ff-ad9a-4b9f-b580-adebafe026d0", // YubiKey 5 Series with Lightning
    "cb69481e-8ff7-4039-93ec-0a2729a154a8", // YubiKey 5 Series
    "d7781e5d-e353-46aa-afe2-3ca49f13332a", // YubiKey 5 Series with NFC
    "ee882879-721c-4913-9775-3dfcce97072a", // YubiKey 5 Series
    "f4ce5fc0-57d3-46f5-a736-efb7d5bc63b5", // YubiKey 5 Series with NFC (Consumer Profile)
    "fa2b99dc-9e39-4257-8f92-4a30d23c4118", // YubiKey 5 Series with NFC
    "ff4dac45-ede8-4ec2-aced-cf66103f4335", // YubiKey 5 Series
    "3a662962-c6d4-4023-bebb-98ae92e78e20", // YubiKey 5 FIPS Series with Lightning (Enterprise Profile)
    "57f7de54-c807-4eab-b1c6-1c9be7984e92", // YubiKey 5 FIPS Series
    "5b0e46ba-db02-44ac-b979-ca9b84f5e335", // YubiKey 5 FIPS Series with Lightning Preview
    "62e54e98-c209-4df3-b692-de71bb6a8528", // YubiKey 5 FIPS Series with NFC Preview
    "73bb0cd4-e502-49b8-9c6f-b59445bf720b", // YubiKey 5 FIPS Series
    "79f3c8ba-9e35-484b-8f47-53a5a0f5c630", // YubiKey 5 FIPS Series with NFC (Enterprise Profile)
    "7b96457d-e3cd-432b-9ceb-c9fdd7ef7432", // YubiKey 5 FIPS Series with Lightning
    "85203421-48f9-4355-9bc8-8a53846e5083", // YubiKey 5 FIPS Series with Lightning
    "905b4cb4-ed6f-4da9-92fc-45e0d4e9b5c7", // YubiKey 5 FIPS Series (Enterprise Profile)
    "9e66c661-e428-452a-a8fb-51f7ed088acf", // YubiKey 5 FIPS Series with Lightning (RC Preview)
    "c1f9a0bc-1dd2-404a-b27f-8e29047a43fd", // YubiKey 5 FIPS Series with NFC
    "ce6bf97f-9f69-4ba7-9032-97adc6ca5cf1", // YubiKey 5 FIPS Series with NFC (RC Preview)
    "d2fbd093-ee62-488d-9dad-1e36389f8826", // YubiKey 5 FIPS Series (RC Preview)
    "fcc0118f-cd45-435b-8da1-9782b2da0715", // YubiKey 5 FIPS Series with NFC
];

/// Security Key Series by Yubico.
const YUBICO_SECURITY_KEY: &[&str] = &[
    "0f083f18-4105-43a8-ad69-24e812e38141", // Security Key Series with NFC (Consumer Profile)
    "149a2021-8ef6-4133-96b8-81f8d5b7f1f5", // Security Key by Yubico with NFC
    "6d44ba9b-f6ec-2e49-b930-0c8fe920cb73", // Security Key by Yubico with NFC
    "b92c3f9a-c014-4056-887f-140a2501163b", // Security Key by Yubico
    "f8a011f3-8c0a-4d15-8006-17111f9edc7d", // Security Key by Yubico
    "0bb43545-fd2c-4185-87dd-feb0b2916ace", // Security Key NFC by Yubico - Enterprise Edition
    "2772ce93-eb4b-4090-8b73-330f48477d73", // Security Key NFC by Yubico - Enterprise Edition Preview
    "47ab2fb4-66ac-4184-9ae1-86be814012d5", // Security Key NFC by Yubico - Enterprise Edition
    "72c6b72d-8512-4c66-8359-9d3d10d9222f", // Security Key NFC by Yubico - Enterprise Edition (Enterprise Profile)
    "760eda36-00aa-4d29-855b-4012a182cdeb", // Security Key NFC by Yubico Preview
    "9ff4cc65-6154-4fff-ba09-9e2af7882ad2", // Security Key NFC by Yubico - Enterprise Edition (Enterprise Profile)
    "a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa", // Security Key NFC by Yubico
    "b7d3f68e-88a6-471e-9ecf-2df26d041ede", // Security Key NFC by Yubico
    "e77e3c64-05e3-428b-8824-0cbeb04b829d", // Security Key NFC by Yubico
    "ed042a3a-4b22-4455-bb69-a267b652ae7e", // Security Key NFC by Yubico - Enterprise Edition
];

/// YubiKey Bio Series (FIDO Edition and Multi-protocol Edition).
const YUBIKEY_BIO: &[&str] = &[
    "34744913-4f57-4e6e-a527-e9ec3c4b94e6", // YubiKey Bio Series - Multi-protocol Edition
    "58276709-bb4b-4bb3-baf1-60eea99282a7", // YubiKey Bio Series - Multi-protocol Edition 1VDJSN
    "6ec5cff2-a0f9-4169-945b-f33b563f7b99", // YubiKey Bio Series - Multi-protocol Edition (Enterprise Profile)
    "7409272d-1ff9-4e10-9fc9-ac0019c124fd", // YubiKey Bio Series - FIDO Edition
    "7d1351a6-e097-4852-b8bf-c9ac5c9ce4a3", // YubiKey Bio Series - Multi-protocol Edition
    "83c47309-aabb-4108-8470-8be838b573cb", // YubiKey Bio Series - FIDO Edition (Enterprise Profile)
    "8c39ee86-7f9a-4a95-9ba3-f6b097e5c2ee", // YubiKey Bio Series - FIDO Edition (Enterprise Profile)
    "90636e1f-ef82-43bf-bdcf-5255f139d12f", // YubiKey Bio Series - Multi-protocol Edition
    "97e6a830-c952-4740-95fc-7c78dc97ce47", // YubiKey Bio Series - Multi-protocol Edition (Enterprise Profile)
    "9806a2c8-c0da-478e-b4ca-620005d34182", // YubiKey Bio Multi-protocol Edition (Consumer Profile) 1VDJSN-2
    "9dd8d593-2213-438a-97f8-d6b813d51c27", // YubiKey Bio Fido Edition (Consumer Profile)
    "ad08c78a-4e41-49b9-86a2-ac15b06899e2", // YubiKey Bio Series - FIDO Edition (Enterprise Profile)
    "add92433-0d69-4026-8166-29b25bce64e9", // YubiKey Bio Fido Edition (Enterprise Profile)
    "ba0a9266-40d8-4048-9786-d710b5474752", // YubiKey Bio Multi-protocol Edition (Consumer Profile)
    "d8522d9f-575b-4866-88a9-ba99fa02f35b", // YubiKey Bio Series - FIDO Edition
    "dc5e949d-f939-43b3-9877-a85c7186b753", // YubiKey Bio Multi-protocol Edition (Enterprise Profile)
    "dd86a2da-86a0-4cbe-b462-4bd31f57bc6f", // YubiKey Bio Series - FIDO Edition
];

/// The built-in table.
///
/// Sources: Yubico Security Advisory YSA-2024-03 (2024-09-03) lists as affected "YubiKey 5
/// Series / 5 FIPS Series / 5 CSPN Series prior to 5.7", "YubiKey Bio Series prior to 5.7.2" and
/// "Security Key Series all versions prior to 5.7" (and YubiHSM 2 < 2.4.0, not a FIDO key). The CVE
/// record CVE-2024-45678 names the YubiKey 5 Series before 5.7.0. NinjaLab's EUCLEAK paper
/// (<https://ninjalab.io/eucleak/>) is the research behind both.
///
/// Not listed, deliberately: Feitian and other vendors' keys (no vendor advisory with a firmware
/// range that fidoctl could check by AAGUID is known to us with certainty); YubiKey 5 CCN Series
/// (not named in YSA-2024-03); the FIPS 4.x and U2F-only keys of older advisories (no AAGUID).
pub const ADVISORIES: &[Advisory] = &[
    Advisory {
        id: "YSA-2024-03",
        cve: Some("CVE-2024-45678"),
        title: EUCLEAK_TITLE,
        products: "YubiKey 5 Series and YubiKey 5 FIPS Series",
        aaguids: YUBIKEY_5,
        affected_from: None,
        fixed_in: firmware(5, 7, 0),
        source: YSA_2024_03,
    },
    Advisory {
        id: "YSA-2024-03",
        cve: None,
        title: EUCLEAK_TITLE,
        products: "Security Key Series by Yubico",
        aaguids: YUBICO_SECURITY_KEY,
        affected_from: None,
        fixed_in: firmware(5, 7, 0),
        source: YSA_2024_03,
    },
    Advisory {
        id: "YSA-2024-03",
        cve: None,
        title: EUCLEAK_TITLE,
        products: "YubiKey Bio Series",
        aaguids: YUBIKEY_BIO,
        affected_from: None,
        fixed_in: firmware(5, 7, 2),
        source: YSA_2024_03,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{canonical_aaguid, models};

    const YK5_NFC_OLD: &str = "2fc0579f-8113-47ea-b116-bb5a8db9202a";

    #[test]
    fn version_boundary_5_6_vs_5_7() {
        let row = &ADVISORIES[0];
        assert_eq!(firmware(5, 7, 0), 329472);
        assert_eq!(row.applies(YK5_NFC_OLD, Some(firmware(5, 6, 99))), Some(Applies::Affected));
        assert_eq!(row.applies(YK5_NFC_OLD, Some(firmware(5, 4, 3))), Some(Applies::Affected));
        assert_eq!(row.applies(YK5_NFC_OLD, Some(firmware(5, 7, 0))), Some(Applies::NotAffected));
        assert_eq!(row.applies(YK5_NFC_OLD, Some(firmware(5, 7, 4))), Some(Applies::NotAffected));
        assert_eq!(row.applies(YK5_NFC_OLD, None), Some(Applies::FirmwareUnknown));
        assert_eq!(row.applies(models::VIRTUAL_KEY_AAGUID, Some(1)), None);
        assert_eq!(row.reference(), "CVE-2024-45678 / YSA-2024-03");
    }

    #[test]
    fn bio_is_fixed_only_in_5_7_2() {
        let hits = matching(ADVISORIES, "d8522d9f-575b-4866-88a9-ba99fa02f35b", Some(firmware(5, 7, 1)));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].1, Applies::Affected);
        let hits = matching(ADVISORIES, "d8522d9f-575b-4866-88a9-ba99fa02f35b", Some(firmware(5, 7, 2)));
        assert_eq!(hits[0].1, Applies::NotAffected);
    }

    #[test]
    fn affected_from_bounds_the_range() {
        let row = Advisory { affected_from: Some(firmware(5, 2, 0)), ..ADVISORIES[0] };
        assert!(!row.affects_firmware(firmware(5, 1, 9)));
        assert!(row.affects_firmware(firmware(5, 2, 0)));
    }

    #[test]
    fn every_row_is_sourced_and_matches_the_model_table() {
        let families = [("YubiKey 5 ", 0), ("Security Key ", 1), ("YubiKey Bio", 2)];
        for (prefix, index) in families {
            let row = &ADVISORIES[index];
            assert!(row.source.starts_with("https://"));
            assert!(!row.aaguids.is_empty());
            for aaguid in row.aaguids {
                assert_eq!(canonical_aaguid(aaguid).as_deref(), Some(*aaguid));
                let name = models::model_name(aaguid).unwrap_or_else(|| panic!("{aaguid} not in the model table"));
                assert!(name.starts_with(prefix), "{aaguid} is {name}, not {prefix}…");
                assert!(!name.contains("CCN"), "{aaguid} is {name}: CCN is not in YSA-2024-03");
            }
        }
    }
}
