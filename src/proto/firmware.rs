//! A key's firmware version, as getInfo or CTAPHID INIT reports it, written as people write it.

/// A firmware version and where it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firmware {
    /// getInfo 0x0E, vendor encoding (Yubico: major << 16 | minor << 8 | patch).
    GetInfo(u64),
    /// The CTAPHID INIT device version, for keys whose getInfo has no 0x0E.
    CtaphidInit(u8, u8, u8),
}

impl Firmware {
    /// As one number, major << 16 | minor << 8 | patch for the INIT version.
    pub fn number(self) -> u64 {
        match self {
            Firmware::GetInfo(v) => v,
            Firmware::CtaphidInit(a, b, c) => u64::from(a) << 16 | u64::from(b) << 8 | u64::from(c),
        }
    }
}

/// "5.7.0" for 329472 when the number decodes as major<<16 | minor<<8 | patch with a sensible
/// major (1..=99); otherwise the number itself.
impl std::fmt::Display for Firmware {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Firmware::CtaphidInit(a, b, c) => write!(f, "{a}.{b}.{c}"),
            Firmware::GetInfo(v) => {
                let major = v >> 16;
                if (1..=99).contains(&major) && v <= u64::from(u32::MAX) {
                    write!(f, "{}.{}.{}", major, (v >> 8) & 0xff, v & 0xff)
                } else {
                    write!(f, "{v}")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firmware_reads_as_people_write_it() {
        assert_eq!(Firmware::GetInfo(329472).to_string(), "5.7.0");
        assert_eq!(Firmware::GetInfo(7).to_string(), "7");
        assert_eq!(Firmware::CtaphidInit(5, 4, 3).to_string(), "5.4.3");
        assert_eq!(Firmware::CtaphidInit(5, 4, 3).number(), 0x050403);
    }
}
