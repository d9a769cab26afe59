//! The hidapi backend: FIDO HID interfaces as the OS shows them (on Linux, hidraw nodes
//! found through hidapi's pure-Rust sysfs scanner).
//!
//! Everything that can be decided without hardware — which interfaces are keys, their
//! order, their names, how reports and errors are shaped — lives in pure functions over
//! [`HidRecord`] and plain values, so it is unit-tested here; the hidapi calls themselves
//! are thin.
//!
//! Interfaces whose usage page hidapi reports as 0 are dropped from enumeration. hidapi
//! reports 0 when it could not read the report descriptor, and then a key cannot be told
//! from a keyboard or a UPS; a scan must never send CTAPHID frames to an unknown device.
//! (libfido2 and python-fido2 skip such devices too.) A user who knows better can still
//! name the node with `-d /dev/hidrawN`, which [`open`] accepts without a usage check.

use super::{DeviceDescription, HidDevice, Location, TransportError};
use crate::proto::ctaphid::{Report, REPORT_LEN};
use hidapi::{HidApi, HidError};
use std::cmp::Ordering;
use std::ffi::{CStr, CString};
use std::fmt;
use std::time::Duration;

/// The FIDO Alliance usage page and the CTAPHID usage within it.
pub const FIDO_USAGE_PAGE: u16 = 0xF1D0;
pub const FIDO_USAGE: u16 = 0x01;

/// One HID interface as hidapi describes it, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HidRecord {
    /// The OS path exactly as the OS gave it; only its rendering is lossy.
    pub path: CString,
    pub vendor_id: u16,
    pub product_id: u16,
    pub usage_page: u16,
    pub usage: u16,
    pub product: Option<String>,
    pub manufacturer: Option<String>,
    pub serial: Option<String>,
}

impl HidRecord {
    pub fn from_device_info(info: &hidapi::DeviceInfo) -> Self {
        // hidapi keeps strings it could not decode as wide chars; show them lossily
        // rather than dropping the name.
        fn lossy<W: Copy>(raw: &[W]) -> String
        where
            u32: TryFrom<W>,
        {
            raw.iter()
                .map(|&c| u32::try_from(c).ok().and_then(char::from_u32).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        HidRecord {
            path: info.path().to_owned(),
            vendor_id: info.vendor_id(),
            product_id: info.product_id(),
            usage_page: info.usage_page(),
            usage: info.usage(),
            product: info.product_string().map(str::to_string).or_else(|| info.product_string_raw().map(lossy)),
            manufacturer: info
                .manufacturer_string()
                .map(str::to_string)
                .or_else(|| info.manufacturer_string_raw().map(lossy)),
            serial: info.serial_number().map(str::to_string).or_else(|| info.serial_number_raw().map(lossy)),
        }
    }

    /// True for a CTAPHID interface; usage page 0 ("descriptor unreadable") is not.
    pub fn is_fido(&self) -> bool {
        self.usage_page == FIDO_USAGE_PAGE && self.usage == FIDO_USAGE
    }

    /// The path as printed; a non-UTF-8 path is shown lossily (open it by `self.path`).
    pub fn display_path(&self) -> String {
        String::from_utf8_lossy(self.path.to_bytes()).into_owned()
    }

    pub fn describe(&self) -> DeviceDescription {
        DeviceDescription {
            vendor_id: Some(self.vendor_id),
            product_id: Some(self.product_id),
            product: self.product.clone(),
            manufacturer: self.manufacturer.clone(),
            serial: self.serial.clone(),
            ..DeviceDescription::at(Location::Hid(self.display_path()))
        }
    }
}

/// From everything hidapi listed, the FIDO interfaces: one per path, in path order, with
/// tidy strings.
pub fn fido_interfaces(records: impl IntoIterator<Item = HidRecord>) -> Vec<HidRecord> {
    let mut keys: Vec<HidRecord> = records
        .into_iter()
        .filter(HidRecord::is_fido)
        .map(|r| HidRecord {
            product: tidy(r.product),
            manufacturer: tidy(r.manufacturer),
            serial: tidy(r.serial),
            ..r
        })
        .collect();
    // hidapi lists one entry per top-level collection, so one node can appear twice;
    // the sort is stable, so the first entry for a path is the one kept.
    keys.sort_by(|a, b| natural_cmp(a.path.to_bytes(), b.path.to_bytes()));
    keys.dedup_by(|later, first| later.path == first.path);
    keys
}

/// Trim whitespace and NUL padding (some keys pad string descriptors); empty means absent.
fn tidy(s: Option<String>) -> Option<String> {
    let s = s?;
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    (!t.is_empty()).then(|| t.to_string())
}

/// Byte order, except that runs of digits compare as numbers: hidraw2 before hidraw10.
fn natural_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let run = |s: &[u8], k: usize| k + s[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            let (ei, ej) = (run(a, i), run(b, j));
            // Leading zeros do not change a number; compare significant digits by
            // length, then lexically, then fall back to the raw run so the order is total.
            let strip = |d: &[u8]| -> usize { d.iter().take_while(|&&c| c == b'0').count() };
            let (da, db) = (&a[i..ei], &b[j..ej]);
            let (sa, sb) = (&da[strip(da)..], &db[strip(db)..]);
            let ord = sa.len().cmp(&sb.len()).then_with(|| sa.cmp(sb)).then_with(|| da.cmp(db));
            if ord != Ordering::Equal {
                return ord;
            }
            (i, j) = (ei, ej);
        } else {
            match a[i].cmp(&b[j]) {
                Ordering::Equal => (i, j) = (i + 1, j + 1),
                ord => return ord,
            }
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

/// Every FIDO HID interface (usage page 0xF1D0, usage 0x01) the OS shows, one entry per path.
pub fn enumerate() -> Result<Vec<DeviceDescription>, TransportError> {
    Ok(enumerate_records()?.iter().map(HidRecord::describe).collect())
}

/// [`enumerate`] keeping the raw paths, for callers that open what they found.
pub fn enumerate_records() -> Result<Vec<HidRecord>, TransportError> {
    // HidApi::new scans on creation; on Linux a missing or unreadable /sys/class/hidraw
    // comes back as an empty list, not an error.
    let api = HidApi::new().map_err(|e| TransportError::Io(format!("could not list HID devices: {}", plain(&e))))?;
    Ok(fido_interfaces(api.device_list().map(HidRecord::from_device_info)))
}

/// Open one by its OS path (as enumerate printed it, e.g. "/dev/hidraw3").
pub fn open(path: &str) -> Result<HidapiDevice, TransportError> {
    let raw = CString::new(path).map_err(|_| TransportError::Open {
        path: path.to_string(),
        reason: "the path contains a NUL byte".to_string(),
    })?;
    open_raw(&raw)
}

/// Open by the exact bytes of the path (as in [`HidRecord::path`]).
pub fn open_raw(path: &CStr) -> Result<HidapiDevice, TransportError> {
    let shown = String::from_utf8_lossy(path.to_bytes()).into_owned();
    if path.to_bytes().is_empty() {
        return Err(TransportError::Open { path: shown, reason: "the path is empty".to_string() });
    }
    // hidapi's Linux backend panics on a non-UTF-8 path; refuse it here instead. Kernel
    // device nodes (/dev/hidrawN) are always ASCII, so only a hand-made path gets here.
    if path.to_str().is_err() {
        return Err(TransportError::Open {
            path: shown,
            reason: "the path is not valid UTF-8, which the HID library cannot open".to_string(),
        });
    }
    let api = HidApi::new().map_err(|e| open_failure(&shown, &e))?;
    let device = api.open_path(path).map_err(|e| open_failure(&shown, &e))?;
    Ok(HidapiDevice { device, path: shown })
}

/// An open FIDO HID interface.
pub struct HidapiDevice {
    device: hidapi::HidDevice,
    path: String,
}

impl HidapiDevice {
    /// The path it was opened by (lossy if it was not UTF-8).
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Debug for HidapiDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HidapiDevice").field("path", &self.path).finish_non_exhaustive()
    }
}

impl HidDevice for HidapiDevice {
    fn write_report(&mut self, report: &Report) -> Result<(), TransportError> {
        let buf = output_buffer(report);
        let written = self.device.write(&buf).map_err(io_failure)?;
        check_written(written)
    }

    fn read_report(&mut self, timeout: Duration) -> Result<Option<Report>, TransportError> {
        // One byte more than a report, so an oversized report is seen, not truncated.
        let mut buf = [0u8; REPORT_LEN + 1];
        match self.device.read_timeout(&mut buf, timeout_millis(timeout)) {
            Ok(n) => input_report(&buf, n),
            // A signal (e.g. Ctrl-C) cut the wait short: report "nothing yet" so the
            // caller's loop can check its deadline and cancel flag.
            Err(HidError::IoError { error }) if error.kind() == std::io::ErrorKind::Interrupted => Ok(None),
            Err(e) => Err(io_failure(e)),
        }
    }
}

/// hidapi wants the report ID first; FIDO keys use none, which is written as 0.
fn output_buffer(report: &Report) -> [u8; REPORT_LEN + 1] {
    let mut buf = [0u8; REPORT_LEN + 1];
    buf[1..].copy_from_slice(report);
    buf
}

/// The kernel counts the report-ID byte; anything short of all 65 bytes is a failed write.
fn check_written(written: usize) -> Result<(), TransportError> {
    if written == REPORT_LEN + 1 {
        Ok(())
    } else {
        Err(TransportError::Io(format!("the key accepted only {written} of {} bytes of a report", REPORT_LEN + 1)))
    }
}

/// Milliseconds for hidapi, rounded up so a short non-zero wait does not become a bare
/// poll, and capped below -1 (which would mean "wait forever").
fn timeout_millis(timeout: Duration) -> i32 {
    let ms = timeout.as_nanos().div_ceil(1_000_000);
    i32::try_from(ms).unwrap_or(i32::MAX)
}

/// What a read of `n` bytes into `buf` means. Short reports are rejected, not padded (as
/// libfido2 does): a FIDO key always sends whole 64-byte reports, and zero padding could
/// be mistaken for data by the framing above.
fn input_report(buf: &[u8], n: usize) -> Result<Option<Report>, TransportError> {
    match n {
        0 => Ok(None),
        REPORT_LEN => {
            let mut report = [0u8; REPORT_LEN];
            report.copy_from_slice(&buf[..REPORT_LEN]);
            Ok(Some(report))
        }
        n if n < REPORT_LEN => {
            Err(TransportError::Io(format!("the key sent a {n}-byte report; FIDO keys send {REPORT_LEN}-byte reports")))
        }
        _ => Err(TransportError::Io(format!(
            "the key sent a report longer than {REPORT_LEN} bytes; is this a FIDO security key?"
        ))),
    }
}

const EPERM: i32 = 1;
const ENOENT: i32 = 2;
const ENXIO: i32 = 6;
const EACCES: i32 = 13;
const ENODEV: i32 = 19;
const ESHUTDOWN: i32 = 108;

/// The OS error number behind a hidapi error. The Linux backend reports open failures
/// as text only, so the "(os error N)" that std appends is read back from the message.
fn errno(err: &HidError) -> Option<i32> {
    match err {
        HidError::IoError { error } => error.raw_os_error(),
        HidError::HidApiError { message } => {
            let start = message.rfind("(os error ")? + "(os error ".len();
            let digits: String = message[start..].chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        }
        _ => None,
    }
}

/// hidapi's message without its "hidapi error: " prefix.
fn plain(err: &HidError) -> String {
    let text = err.to_string();
    text.strip_prefix("hidapi error: ").map(str::to_string).unwrap_or(text)
}

fn open_failure(path: &str, err: &HidError) -> TransportError {
    let reason = match errno(err) {
        Some(EACCES | EPERM) => "permission denied: this user may not read and write it; install a udev rule \
             for FIDO keys (such as the 70-u2f.rules that libfido2 ships) or add the user to the plugdev group, \
             then unplug and re-plug the key"
            .to_string(),
        Some(ENOENT) => "no such device; run `fidoctl list` to see the keys that are plugged in".to_string(),
        Some(ENODEV | ENXIO) => "the device is gone (was it unplugged?)".to_string(),
        _ if plain(err).contains("not a HIDRAW device") => "it is not a HID device".to_string(),
        _ => plain(err),
    };
    TransportError::Open { path: path.to_string(), reason }
}

fn io_failure(err: HidError) -> TransportError {
    match errno(&err) {
        Some(ENODEV | ENXIO | ESHUTDOWN) => TransportError::Disconnected,
        // hidapi's Linux backend says this when poll reports a hang-up.
        _ if plain(&err).contains("disconnected") => TransportError::Disconnected,
        _ => TransportError::Io(plain(&err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str, usage_page: u16, usage: u16) -> HidRecord {
        HidRecord {
            path: CString::new(path).unwrap(),
            vendor_id: 0x1050,
            product_id: 0x0407,
            usage_page,
            usage,
            product: Some("YubiKey OTP+FIDO+CCID".into()),
            manufacturer: Some("Yubico".into()),
            serial: None,
        }
    }

    fn paths(records: &[HidRecord]) -> Vec<String> {
        records.iter().map(HidRecord::display_path).collect()
    }

    #[test]
    fn keeps_only_fido_interfaces() {
        let found = fido_interfaces(vec![
            record("/dev/hidraw0", 0x0001, 0x06),          // keyboard
            record("/dev/hidraw1", FIDO_USAGE_PAGE, 0x01), // key
            record("/dev/hidraw2", 0x0000, 0x00),          // descriptor unreadable
            record("/dev/hidraw3", FIDO_USAGE_PAGE, 0x02), // other usage on the FIDO page
            record("/dev/hidraw4", 0xFF00, 0x01),          // vendor page
        ]);
        assert_eq!(paths(&found), ["/dev/hidraw1"]);
    }

    #[test]
    fn one_entry_per_path_keeping_the_first() {
        let mut second = record("/dev/hidraw1", FIDO_USAGE_PAGE, FIDO_USAGE);
        second.product = Some("second".into());
        let found = fido_interfaces(vec![
            record("/dev/hidraw1", 0x0001, 0x06),
            record("/dev/hidraw1", FIDO_USAGE_PAGE, FIDO_USAGE),
            second,
            record("/dev/hidraw0", FIDO_USAGE_PAGE, FIDO_USAGE),
        ]);
        assert_eq!(paths(&found), ["/dev/hidraw0", "/dev/hidraw1"]);
        assert_eq!(found[1].product.as_deref(), Some("YubiKey OTP+FIDO+CCID"));
    }

    #[test]
    fn sorted_by_path_with_numbers_in_numeric_order() {
        let found = fido_interfaces(
            ["/dev/hidraw10", "/dev/hidraw2", "/dev/hidraw1", "/dev/hidraw02", "/dev/a"]
                .into_iter()
                .map(|p| record(p, FIDO_USAGE_PAGE, FIDO_USAGE)),
        );
        assert_eq!(paths(&found), ["/dev/a", "/dev/hidraw1", "/dev/hidraw02", "/dev/hidraw2", "/dev/hidraw10"]);
    }

    #[test]
    fn natural_order_is_total_and_consistent() {
        assert_eq!(natural_cmp(b"hidraw9", b"hidraw10"), Ordering::Less);
        assert_eq!(natural_cmp(b"hidraw10", b"hidraw9"), Ordering::Greater);
        assert_eq!(natural_cmp(b"hidraw3", b"hidraw3"), Ordering::Equal);
        assert_eq!(natural_cmp(b"hidraw", b"hidraw0"), Ordering::Less);
        assert_eq!(natural_cmp(b"a1b", b"a1"), Ordering::Greater);
        assert_eq!(natural_cmp(b"01", b"1"), Ordering::Less);
        assert_eq!(natural_cmp(b"", b""), Ordering::Equal);
    }

    #[test]
    fn strings_are_trimmed_and_empty_ones_dropped() {
        let mut r = record("/dev/hidraw5", FIDO_USAGE_PAGE, FIDO_USAGE);
        r.product = Some("  Security Key NFC \n".into());
        r.manufacturer = Some(" \0\0".into());
        r.serial = Some(String::new());
        let found = fido_interfaces(vec![r]);
        assert_eq!(found[0].product.as_deref(), Some("Security Key NFC"));
        assert_eq!(found[0].manufacturer, None);
        assert_eq!(found[0].serial, None);
        assert_eq!(tidy(Some("A\0".into())).as_deref(), Some("A"));
        assert_eq!(tidy(None), None);
    }

    #[test]
    fn description_carries_ids_and_a_lossy_path() {
        let mut r = record("/dev/x", FIDO_USAGE_PAGE, FIDO_USAGE);
        r.path = CString::new(b"/dev/hid\xffraw".to_vec()).unwrap();
        let d = r.describe();
        assert_eq!(d.path, "/dev/hid\u{FFFD}raw");
        assert_eq!(d.backend(), crate::transport::Backend::Hid);
        assert_eq!((d.vendor_id, d.product_id), (Some(0x1050), Some(0x0407)));
        assert_eq!(d.manufacturer.as_deref(), Some("Yubico"));
        // The raw bytes stay available to open by.
        assert_eq!(r.path.to_bytes(), b"/dev/hid\xffraw");
    }

    #[test]
    fn output_report_gets_a_zero_report_id() {
        let mut report = [0u8; REPORT_LEN];
        report[0] = 0xFF;
        report[63] = 0x42;
        let buf = output_buffer(&report);
        assert_eq!(buf.len(), 65);
        assert_eq!(buf[0], 0);
        assert_eq!(&buf[1..], &report[..]);
        assert!(check_written(65).is_ok());
        assert!(matches!(check_written(64), Err(TransportError::Io(m)) if m.contains("64 of 65")));
        assert!(check_written(0).is_err());
    }

    #[test]
    fn input_reports_whole_none_or_rejected() {
        let mut buf = [0u8; REPORT_LEN + 1];
        buf[0] = 0xAB;
        buf[63] = 0xCD;
        let report = input_report(&buf, 64).unwrap().unwrap();
        assert_eq!((report[0], report[63]), (0xAB, 0xCD));
        assert_eq!(input_report(&buf, 0).unwrap(), None);
        assert!(matches!(input_report(&buf, 7), Err(TransportError::Io(m)) if m.contains("7-byte")));
        assert!(matches!(input_report(&buf, 65), Err(TransportError::Io(m)) if m.contains("longer")));
    }

    #[test]
    fn timeouts_round_up_and_never_mean_forever() {
        assert_eq!(timeout_millis(Duration::ZERO), 0);
        assert_eq!(timeout_millis(Duration::from_micros(1)), 1);
        assert_eq!(timeout_millis(Duration::from_micros(1500)), 2);
        assert_eq!(timeout_millis(Duration::from_secs(30)), 30_000);
        assert_eq!(timeout_millis(Duration::MAX), i32::MAX);
    }

    fn api_error(message: &str) -> HidError {
        HidError::HidApiError { message: message.to_string() }
    }

    #[test]
    fn open_errors_say_what_to_do() {
        // The exact text hidapi's Linux backend produces.
        let denied = api_error("failed to open device with path /dev/hidraw3: Permission denied (os error 13)");
        match open_failure("/dev/hidraw3", &denied) {
            TransportError::Open { path, reason } => {
                assert_eq!(path, "/dev/hidraw3");
                assert!(reason.contains("udev rule") && reason.contains("plugdev"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        let missing = api_error("failed to open device with path /dev/hidraw9: No such file or directory (os error 2)");
        assert!(open_failure("/dev/hidraw9", &missing).to_string().contains("fidoctl list"));
        let io = HidError::IoError { error: std::io::Error::from_raw_os_error(EACCES) };
        assert!(open_failure("/dev/hidraw3", &io).to_string().contains("plugdev"));
        let not_hid = api_error(
            "ioctl(GRDESCSIZE) error for /dev/null, not a HIDRAW device?: ENOTTY: Inappropriate ioctl for device",
        );
        assert_eq!(
            open_failure("/dev/null", &not_hid).to_string(),
            "the security key at /dev/null could not be opened: it is not a HID device"
        );
        let other = api_error("something new");
        assert_eq!(
            open_failure("/dev/hidraw1", &other).to_string(),
            "the security key at /dev/hidraw1 could not be opened: something new"
        );
    }

    #[test]
    fn io_errors_separate_unplugging_from_failure() {
        let hup = api_error("unexpected poll error (device disconnected)");
        assert!(matches!(io_failure(hup), TransportError::Disconnected));
        let gone = HidError::IoError { error: std::io::Error::from_raw_os_error(ENODEV) };
        assert!(matches!(io_failure(gone), TransportError::Disconnected));
        let eio = HidError::IoError { error: std::io::Error::from_raw_os_error(5) };
        assert!(matches!(io_failure(eio), TransportError::Io(_)));
        assert!(matches!(io_failure(api_error("odd")), TransportError::Io(m) if m == "odd"));
    }

    #[test]
    fn errno_is_read_from_messages() {
        assert_eq!(errno(&api_error("x: Permission denied (os error 13)")), Some(13));
        assert_eq!(errno(&api_error("no number here")), None);
        assert_eq!(errno(&api_error("(os error )")), None);
        assert_eq!(errno(&HidError::HidApiErrorEmpty), None);
    }

    // Runs against the real OS. This machine (and CI) has no HID devices at all, and
    // hidapi's basic-udev backend reports a missing or unreadable /sys/class/hidraw as an
    // empty list, so enumeration must succeed everywhere.
    #[test]
    fn enumerate_on_this_machine_succeeds() {
        let nodes = std::fs::read_dir("/sys/class/hidraw").map(|d| d.count()).unwrap_or(0);
        let found = enumerate().expect("enumeration without FIDO devices is an empty list, not an error");
        if nodes == 0 {
            assert!(found.is_empty(), "{found:?}");
        }
        assert!(found.len() <= nodes);
        for d in &found {
            assert_eq!(d.backend(), crate::transport::Backend::Hid);
            assert!(d.path.starts_with("/dev/"), "{}", d.path);
        }
    }

    #[test]
    fn opening_what_is_not_a_key_is_a_plain_error() {
        let missing = open("/dev/hidraw-fidoctl-test-missing").unwrap_err();
        assert!(missing.to_string().contains("no such device"), "{missing}");
        // /dev/null opens but is not hidraw: the descriptor-size ioctl fails.
        let null = open("/dev/null").unwrap_err();
        assert!(null.to_string().contains("not a HID device"), "{null}");
        assert!(open("/dev/a\0b").unwrap_err().to_string().contains("NUL"));
        assert!(open("").unwrap_err().to_string().contains("empty"));
        // hidapi would panic on this; we refuse it.
        let raw = CString::new(b"/dev/hid\xffraw".to_vec()).unwrap();
        assert!(open_raw(&raw).unwrap_err().to_string().contains("UTF-8"));
    }
}
