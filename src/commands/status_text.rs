//! The help-desk text of every CTAP2 status and CTAPHID error: what happened, and what to do
//! next. Part of the failure catalogue (`failure.rs` maps errors to codes and exit codes).
//!
//! The PIN entries never state how many attempts are left: the caller knows (from
//! getPINRetries) and appends it, so the text cannot go stale or contradict the key.

use crate::proto::ctaphid::error as hid;
use crate::proto::status::{code, CtapStatus as S};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    pub code: u8,
    /// The name the specification uses, e.g. "CTAP2_ERR_PIN_AUTH_BLOCKED".
    pub name: &'static str,
    /// One or two plain sentences: what the key told us.
    pub what_happened: &'static str,
    /// What the person in front of the key should do now.
    pub next_step: &'static str,
}

const fn e(status: S, name: &'static str, what_happened: &'static str, next_step: &'static str) -> Explanation {
    Explanation { code: status.byte(), name, what_happened, next_step }
}

/// A CTAPHID error (a byte of its own numbering, not a CTAP status).
const fn h(code: u8, name: &'static str, what_happened: &'static str, next_step: &'static str) -> Explanation {
    Explanation { code, name, what_happened, next_step }
}

// Shared next steps, so the same situation always gets the same advice.
const REPORT: &str = "Try again. If it keeps happening, run the command again with -v and report \
                      the output: fidoctl or the key's firmware may have a bug.";
const TOUCH_AGAIN: &str = "Run the command again and touch the key when it starts blinking.";
const REPLUG: &str = "Unplug the key, plug it back in, then try again.";
const SEE_INFO: &str = "Run `fidoctl info` to see what this key supports. The key may be too old \
                        for this feature; use a key that has it.";

// The transport-level situations have a CTAP1 status and a CTAPHID error code each; both
// tables tell them the same way.
const OUT_OF_ORDER: (&str, &str) = (
    "A message to the key arrived out of order, usually because the connection was disturbed.",
    "Try again. If it keeps happening, plug the key into another USB port.",
);
const MESSAGE_TIMEOUT: (&str, &str) = (
    "The key stopped waiting for the rest of a message from the computer.",
    "Try again. If it keeps happening, plug the key straight into the computer rather than through a hub or dock.",
);
const BUSY: (&str, &str) = (
    "The key is busy with a request from another program.",
    "Wait a moment and try again. Close other programs that may be using the key, such as a browser sign-in window.",
);
const LOCKED: (&str, &str) = (
    "Another program has reserved the key for a moment.",
    "Wait a few seconds and try again. Close other programs that may be using the key.",
);

/// Every status code with a fixed meaning, in code order.
const CTAP_STATUS: &[Explanation] = &[
    e(S::Ok, "CTAP2_OK", "The key completed the request.", "Nothing to do."),
    e(
        S::InvalidCommand,
        "CTAP1_ERR_INVALID_COMMAND",
        "The key does not recognise this request. It may be too old for it, or not offer this \
         feature at all.",
        SEE_INFO,
    ),
    e(
        S::InvalidParameter,
        "CTAP1_ERR_INVALID_PARAMETER",
        "The key rejected a value in the request as not valid.",
        REPORT,
    ),
    e(
        S::InvalidLength,
        "CTAP1_ERR_INVALID_LENGTH",
        "The key rejected the request because part of it had the wrong length.",
        REPORT,
    ),
    e(S::InvalidSeq, "CTAP1_ERR_INVALID_SEQ", OUT_OF_ORDER.0, OUT_OF_ORDER.1),
    e(S::Timeout, "CTAP1_ERR_TIMEOUT", MESSAGE_TIMEOUT.0, MESSAGE_TIMEOUT.1),
    e(S::ChannelBusy, "CTAP1_ERR_CHANNEL_BUSY", BUSY.0, BUSY.1),
    e(S::LockRequired, "CTAP1_ERR_LOCK_REQUIRED", LOCKED.0, LOCKED.1),
    e(
        S::InvalidChannel,
        "CTAP1_ERR_INVALID_CHANNEL",
        "The key refused the request because the connection to it was not set up the way it \
         expected.",
        REPLUG,
    ),
    e(
        S::CborUnexpectedType,
        "CTAP2_ERR_CBOR_UNEXPECTED_TYPE",
        "The key could not read the request: a value in it had the wrong kind of data.",
        REPORT,
    ),
    e(
        S::InvalidCbor,
        "CTAP2_ERR_INVALID_CBOR",
        "The key could not read the request because it was not properly formatted.",
        REPORT,
    ),
    e(
        S::MissingParameter,
        "CTAP2_ERR_MISSING_PARAMETER",
        "The key rejected the request because a required part of it was missing.",
        REPORT,
    ),
    e(
        S::LimitExceeded,
        "CTAP2_ERR_LIMIT_EXCEEDED",
        "The request asked for more than the key can handle at once, for example too many items.",
        "Try again with fewer items. If it keeps happening, report it with the output of -v.",
    ),
    e(
        S::UnsupportedExtension,
        "CTAP2_ERR_UNSUPPORTED_EXTENSION",
        "The key does not support an optional feature the request asked for.",
        "Try again without that option, or use a key that supports it.",
    ),
    e(
        S::FpDatabaseFull,
        "CTAP2_ERR_FP_DATABASE_FULL",
        "The key has no room for another fingerprint.",
        "Remove a fingerprint that is no longer needed with `fidoctl bio delete`, then try again.",
    ),
    e(
        S::LargeBlobStorageFull,
        "CTAP2_ERR_LARGE_BLOB_STORAGE_FULL",
        "The key's space for extra data stored with credentials is full.",
        "Remove data that is no longer needed with `fidoctl blobs delete`, then try again.",
    ),
    e(
        S::CredentialExcluded,
        "CTAP2_ERR_CREDENTIAL_EXCLUDED",
        "This key is already registered for this account, so it did not register a second time.",
        "Nothing needs fixing: keep using the existing registration, or remove it on the website \
         first if a new one is really wanted.",
    ),
    e(
        S::Processing,
        "CTAP2_ERR_PROCESSING",
        "The key is still working on the request.",
        "Wait a moment and try again.",
    ),
    e(
        S::InvalidCredential,
        "CTAP2_ERR_INVALID_CREDENTIAL",
        "The key does not accept the credential it was given. It may belong to a different key, \
         or it was deleted.",
        "Check that this is the right key. `fidoctl creds list` shows the credentials stored on \
         it.",
    ),
    e(
        S::UserActionPending,
        "CTAP2_ERR_USER_ACTION_PENDING",
        "The key is still waiting for someone to touch it or to check a fingerprint.",
        "Touch the key when it blinks (or place the enrolled finger on it), then try again.",
    ),
    e(
        S::OperationPending,
        "CTAP2_ERR_OPERATION_PENDING",
        "The key is still busy with an earlier request.",
        "Wait for it to finish, or unplug the key and plug it back in, then try again.",
    ),
    e(
        S::NoOperations,
        "CTAP2_ERR_NO_OPERATIONS",
        "The key has no operation in progress that could be continued.",
        "Start the operation again from the beginning.",
    ),
    e(
        S::UnsupportedAlgorithm,
        "CTAP2_ERR_UNSUPPORTED_ALGORITHM",
        "The key cannot create the type of signing key that was asked for.",
        "Try again with another algorithm (for example `--alg es256`), or use a key that supports \
         the one needed.",
    ),
    e(
        S::OperationDenied,
        "CTAP2_ERR_OPERATION_DENIED",
        "The key refused the operation. Either it was declined at the key, or, for a factory \
         reset, the key does not allow it over this connection (many keys refuse a reset over \
         NFC).",
        "If it was declined by mistake, run the command again and confirm at the key. For a \
         reset, plug the key into a USB port and try again.",
    ),
    e(
        S::KeyStoreFull,
        "CTAP2_ERR_KEY_STORE_FULL",
        "The key has no room left for another credential stored on it.",
        "Delete credentials that are no longer needed with `fidoctl creds delete`, then try \
         again.",
    ),
    e(
        S::NotBusy,
        "CTAP2_ERR_NOT_BUSY",
        "The key had nothing in progress to act on.",
        "Start the operation again from the beginning.",
    ),
    e(
        S::NoOperationPending,
        "CTAP2_ERR_NO_OPERATION_PENDING",
        "There was no operation in progress on the key to cancel or continue.",
        "Start the operation again from the beginning if it is still needed.",
    ),
    e(
        S::UnsupportedOption,
        "CTAP2_ERR_UNSUPPORTED_OPTION",
        "The key does not support an option the request asked for, such as storing the \
         credential on the key or checking the user's PIN or fingerprint.",
        "Run `fidoctl info` to see the key's options, then try without that option or with a \
         key that has it.",
    ),
    e(
        S::InvalidOption,
        "CTAP2_ERR_INVALID_OPTION",
        "The key rejected an option in the request as not valid for this operation.",
        REPORT,
    ),
    e(
        S::KeepaliveCancel,
        "CTAP2_ERR_KEEPALIVE_CANCEL",
        "The operation was cancelled before it finished.",
        "Run the command again if it is still needed.",
    ),
    e(
        S::NoCredentials,
        "CTAP2_ERR_NO_CREDENTIALS",
        "The key has no credential for this website or account.",
        "Check that this is the right key. `fidoctl creds list` shows the credentials stored on \
         it.",
    ),
    e(
        S::UserActionTimeout,
        "CTAP2_ERR_USER_ACTION_TIMEOUT",
        "Nobody touched the key in time, so it stopped waiting.",
        TOUCH_AGAIN,
    ),
    e(
        S::NotAllowed,
        "CTAP2_ERR_NOT_ALLOWED",
        "The key does not allow this right now. For example, a factory reset is only accepted \
         within 10 seconds of plugging the key in (some keys allow even less).",
        "For a reset: unplug the key, plug it back in, and start the reset straight away. \
         Otherwise, start the operation again from the beginning.",
    ),
    e(
        S::PinInvalid,
        "CTAP2_ERR_PIN_INVALID",
        "The PIN that was entered is wrong.",
        "Check the PIN (watch for Caps Lock and the keyboard layout) and try again.",
    ),
    e(
        S::PinBlocked,
        "CTAP2_ERR_PIN_BLOCKED",
        "Too many wrong PINs were entered, so the key has locked its PIN for good.",
        "Only a factory reset (`fidoctl reset`) makes the key usable again, and it erases every \
         credential on it: the user will have to register the key again with every account.",
    ),
    e(
        S::PinAuthInvalid,
        "CTAP2_ERR_PIN_AUTH_INVALID",
        "The key did not accept the proof that the PIN was checked. The PIN session may have \
         ended, the key may have been unplugged in between, or the key already has a PIN.",
        "Try again. If you were setting a new PIN, the key already has one: use `fidoctl pin \
         change` instead.",
    ),
    e(
        S::PinAuthBlocked,
        "CTAP2_ERR_PIN_AUTH_BLOCKED",
        "Three wrong PINs were entered in a row, so the key stopped accepting PINs until it is \
         unplugged.",
        REPLUG,
    ),
    e(
        S::PinNotSet,
        "CTAP2_ERR_PIN_NOT_SET",
        "This key has no PIN yet, and this operation needs one.",
        "Set a PIN with `fidoctl pin set`, then try again.",
    ),
    e(
        S::PuatRequired,
        "CTAP2_ERR_PUAT_REQUIRED",
        "This operation needs the key's PIN (or fingerprint) to be checked first.",
        "Run the command again and give the key's PIN when asked (or with --pin-stdin or \
         FIDOCTL_PIN).",
    ),
    e(
        S::PinPolicyViolation,
        "CTAP2_ERR_PIN_POLICY_VIOLATION",
        "The key's PIN rules do not allow this: the new PIN may be too short, too long or too \
         simple, or it is the same as the old PIN when the key requires a change.",
        "Choose a different PIN that meets the key's minimum length (`fidoctl info` shows it) and \
         try again.",
    ),
    e(
        S::PinTokenExpired,
        "CTAP2_ERR_PIN_TOKEN_EXPIRED",
        "The PIN session ended before the operation finished.",
        "Run the command again; the PIN will be asked for again.",
    ),
    e(
        S::RequestTooLarge,
        "CTAP2_ERR_REQUEST_TOO_LARGE",
        "The request was too large for the key to accept.",
        "Try again with less data, for example a smaller file or fewer items.",
    ),
    e(
        S::ActionTimeout,
        "CTAP2_ERR_ACTION_TIMEOUT",
        "Nobody touched the key (or completed the fingerprint check) in time, so it stopped \
         waiting.",
        TOUCH_AGAIN,
    ),
    e(S::UpRequired, "CTAP2_ERR_UP_REQUIRED", "The key needs someone to touch it for this operation.", TOUCH_AGAIN),
    e(
        S::UvBlocked,
        "CTAP2_ERR_UV_BLOCKED",
        "The fingerprint (or other built-in check) failed too many times, so the key stopped \
         accepting it.",
        "Use the PIN instead: entering the right PIN turns the fingerprint check back on.",
    ),
    e(
        S::IntegrityFailure,
        "CTAP2_ERR_INTEGRITY_FAILURE",
        "The key found that data stored on it, or sent to it, is damaged or incomplete.",
        "Try again. If it keeps happening, the extra data stored with credentials may need to be \
         written again or cleared.",
    ),
    e(
        S::InvalidSubcommand,
        "CTAP2_ERR_INVALID_SUBCOMMAND",
        "The key does not support this particular operation.",
        SEE_INFO,
    ),
    e(
        S::UvInvalid,
        "CTAP2_ERR_UV_INVALID",
        "The fingerprint (or other built-in check) did not match.",
        "Try again, placing an enrolled finger flat on the sensor, or use the PIN instead.",
    ),
    e(
        S::UnauthorizedPermission,
        "CTAP2_ERR_UNAUTHORIZED_PERMISSION",
        "The key refused because the PIN session was not allowed to do this, or the key does not \
         offer this feature.",
        "Run the command again. If it still fails, check with `fidoctl info` that the key offers \
         this feature.",
    ),
    e(
        S::Other,
        "CTAP1_ERR_OTHER",
        "The key reported an error without saying what went wrong.",
        "Unplug the key, plug it back in, then try again. If it keeps happening, the key may be \
         faulty.",
    ),
    e(
        S::SpecLast,
        "CTAP2_ERR_SPEC_LAST",
        "The key answered with code 0xdf, which the standard reserves as a boundary marker and \
         never uses as a real answer.",
        "Unplug the key, plug it back in, then try again. If it keeps happening, the key's \
         firmware may be faulty.",
    ),
];

const CTAPHID_ERRORS: &[Explanation] = &[
    h(
        hid::INVALID_CMD,
        "ERR_INVALID_CMD",
        "The key does not understand this kind of message from the computer.",
        SEE_INFO,
    ),
    h(hid::INVALID_PAR, "ERR_INVALID_PAR", "The key rejected a value in the message from the computer.", REPORT),
    h(
        hid::INVALID_LEN,
        "ERR_INVALID_LEN",
        "The key rejected a message from the computer because its length was wrong.",
        REPORT,
    ),
    h(hid::INVALID_SEQ, "ERR_INVALID_SEQ", OUT_OF_ORDER.0, OUT_OF_ORDER.1),
    h(hid::MSG_TIMEOUT, "ERR_MSG_TIMEOUT", MESSAGE_TIMEOUT.0, MESSAGE_TIMEOUT.1),
    h(hid::CHANNEL_BUSY, "ERR_CHANNEL_BUSY", BUSY.0, BUSY.1),
    h(hid::LOCK_REQUIRED, "ERR_LOCK_REQUIRED", LOCKED.0, LOCKED.1),
    h(
        hid::INVALID_CHANNEL,
        "ERR_INVALID_CHANNEL",
        "The key no longer recognises the connection, for example because it restarted.",
        REPLUG,
    ),
    h(
        hid::OTHER,
        "ERR_OTHER",
        "The key reported a connection error without saying what went wrong.",
        "Unplug the key, plug it back in, then try again. If it keeps happening, the key may be \
         faulty.",
    ),
];

// ---- codes nobody defined ---------------------------------------------------------------
//
// Explanation holds &'static str, so the texts that quote an unknown code are generated at
// compile time: each template has "##" where the two hex digits go.

const fn fill<const N: usize>(template: &[u8; N], code: u8) -> [u8; N] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = *template;
    let mut i = 0;
    while i + 1 < N {
        if out[i] == b'#' && out[i + 1] == b'#' {
            out[i] = HEX[(code >> 4) as usize];
            out[i + 1] = HEX[(code & 0x0f) as usize];
        }
        i += 1;
    }
    out
}

/// `M` filled-in copies of `template`, for the codes `first..first + M`.
const fn table<const N: usize, const M: usize>(template: &[u8; N], first: u8) -> [[u8; N]; M] {
    let mut out = [[0u8; N]; M];
    let mut i = 0;
    while i < M {
        out[i] = fill(template, first.wrapping_add(i as u8));
        i += 1;
    }
    out
}

/// Look up a generated text; `fallback` only if the table and the code disagree, which the
/// tests rule out.
fn pick<const N: usize>(rows: &'static [[u8; N]], index: usize, fallback: &'static str) -> &'static str {
    rows.get(index).and_then(|row| std::str::from_utf8(row).ok()).unwrap_or(fallback)
}

/// A static table of `$count` texts made from `$template`, for the codes from `$first` on.
macro_rules! coded_texts {
    ($table:ident, $template:literal, $first:expr, $count:literal) => {
        static $table: [[u8; $template.len()]; $count] = table($template, $first);
    };
}

coded_texts!(EXTENSION_NAMES, b"CTAP2_ERR_EXTENSION_0x##", code::EXTENSION_FIRST, 16);
coded_texts!(
    EXTENSION_TEXTS,
    b"The key reported error 0x## from one of its optional features (an extension).",
    code::EXTENSION_FIRST,
    16
);
coded_texts!(VENDOR_NAMES, b"CTAP2_ERR_VENDOR_0x##", code::VENDOR_FIRST, 16);
coded_texts!(
    VENDOR_TEXTS,
    b"The key reported error 0x##, which only its manufacturer can explain.",
    code::VENDOR_FIRST,
    16
);
coded_texts!(UNKNOWN_NAMES, b"unknown status 0x##", 0, 256);
coded_texts!(UNKNOWN_TEXTS, b"The key answered with status 0x##, which no version of the standard uses.", 0, 256);
coded_texts!(UNKNOWN_HID_NAMES, b"unknown CTAPHID error 0x##", 0, 256);
coded_texts!(
    UNKNOWN_HID_TEXTS,
    b"The key reported connection error 0x##, which no version of the standard uses.",
    0,
    256
);

const VENDOR_DOCS: &str = "Unplug the key, plug it back in, then try again. If it keeps \
                           happening, look the code up in the key manufacturer's documentation.";
const UNKNOWN_NEXT: &str = "Try again. If it keeps happening, note the code and check for a newer \
                            fidoctl or ask the key's manufacturer what it means.";

/// Explain a CTAP2 status byte. Never fails: unknown codes get a generic entry that quotes
/// the code.
pub fn ctap_status(status: impl Into<crate::proto::status::CtapStatus>) -> Explanation {
    let code = u8::from(status.into());
    if let Some(known) = CTAP_STATUS.iter().find(|x| x.code == code) {
        return *known;
    }
    match code {
        code::EXTENSION_FIRST..=code::EXTENSION_LAST => {
            let i = usize::from(code - code::EXTENSION_FIRST);
            h(
                code,
                pick(&EXTENSION_NAMES, i, "CTAP2_ERR_EXTENSION"),
                pick(&EXTENSION_TEXTS, i, "The key reported an error from one of its optional features."),
                "Try again without optional features. If it keeps happening, look the code up in \
                 the key manufacturer's documentation.",
            )
        }
        code::VENDOR_FIRST..=code::VENDOR_LAST => {
            let i = usize::from(code - code::VENDOR_FIRST);
            h(
                code,
                pick(&VENDOR_NAMES, i, "CTAP2_ERR_VENDOR"),
                pick(&VENDOR_TEXTS, i, "The key reported an error that only its manufacturer can explain."),
                VENDOR_DOCS,
            )
        }
        _ => {
            let i = usize::from(code);
            h(
                code,
                pick(&UNKNOWN_NAMES, i, "unknown status"),
                pick(&UNKNOWN_TEXTS, i, "The key answered with a status no version of the standard uses."),
                UNKNOWN_NEXT,
            )
        }
    }
}

/// Explain a CTAPHID_ERROR code (an error at the USB message level, before CTAP2).
pub fn ctaphid_error(code: u8) -> Explanation {
    if let Some(known) = CTAPHID_ERRORS.iter().find(|x| x.code == code) {
        return *known;
    }
    let i = usize::from(code);
    h(
        code,
        pick(&UNKNOWN_HID_NAMES, i, "unknown CTAPHID error"),
        pick(&UNKNOWN_HID_TEXTS, i, "The key reported a connection error no version of the standard uses."),
        UNKNOWN_NEXT,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The status codes listed in CTAP_NOTES ("Status codes").
    const SPEC_CODES: &[u8] = &[
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0A, 0x0B, 0x11, 0x12, 0x14, 0x15, 0x17, 0x18, 0x19, 0x21, 0x22,
        0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36,
        0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x40, 0x7F, 0xDF,
    ];
    /// CTAP 2.0 codes that later versions dropped but old keys still send.
    const LEGACY_CODES: &[u8] = &[0x16, 0x29, 0x2A];
    const PIN_CODES: &[u8] = &[0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x3C, 0x3F, 0x40];

    fn well_formed(x: &Explanation) {
        assert!(!x.name.is_empty(), "{x:?}");
        for s in [x.what_happened, x.next_step] {
            assert!(!s.trim().is_empty(), "{x:?}");
            assert!(s.ends_with('.') || s.ends_with(')'), "not a sentence: {s:?}");
            assert!(!s.contains("  "), "doubled space: {s:?}");
            assert!(s.chars().next().is_some_and(char::is_uppercase), "{s:?}");
        }
    }

    #[test]
    fn every_spec_code_has_a_distinct_name_and_sentences() {
        let mut names = HashSet::new();
        for &c in SPEC_CODES.iter().chain(LEGACY_CODES) {
            let x = ctap_status(c);
            assert_eq!(x.code, c);
            well_formed(&x);
            assert!(!x.name.starts_with("unknown"), "0x{c:02x} is not in the table");
            assert_eq!(Some(x.name), crate::proto::status::CtapStatus::from(c).spec_name());
            assert!(names.insert(x.name), "duplicate name {}", x.name);
        }
        // The table holds nothing else, and in order (so a duplicate code cannot hide).
        assert_eq!(CTAP_STATUS.len(), SPEC_CODES.len() + LEGACY_CODES.len());
        assert!(CTAP_STATUS.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn every_ctaphid_error_has_a_distinct_name_and_sentences() {
        let mut names = HashSet::new();
        for c in [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0A, 0x0B, 0x7F] {
            let x = ctaphid_error(c);
            assert_eq!(x.code, c);
            well_formed(&x);
            assert!(names.insert(x.name));
            assert!(!x.name.starts_with("unknown"));
        }
    }

    #[test]
    fn pin_entries_are_pinned_and_never_count_retries() {
        let x = ctap_status(S::PinInvalid);
        assert_eq!(x.name, "CTAP2_ERR_PIN_INVALID");
        assert_eq!(x.what_happened, "The PIN that was entered is wrong.");
        assert_eq!(x.next_step, "Check the PIN (watch for Caps Lock and the keyboard layout) and try again.");

        let x = ctap_status(S::PinBlocked);
        assert_eq!(x.name, "CTAP2_ERR_PIN_BLOCKED");
        assert_eq!(x.what_happened, "Too many wrong PINs were entered, so the key has locked its PIN for good.");
        assert_eq!(
            x.next_step,
            "Only a factory reset (`fidoctl reset`) makes the key usable again, and it erases every \
             credential on it: the user will have to register the key again with every account."
        );

        let x = ctap_status(S::PinAuthBlocked);
        assert_eq!(x.name, "CTAP2_ERR_PIN_AUTH_BLOCKED");
        assert_eq!(
            x.what_happened,
            "Three wrong PINs were entered in a row, so the key stopped accepting PINs until it is \
             unplugged."
        );
        assert_eq!(x.next_step, "Unplug the key, plug it back in, then try again.");

        let x = ctap_status(S::PinNotSet);
        assert_eq!(x.name, "CTAP2_ERR_PIN_NOT_SET");
        assert_eq!(x.what_happened, "This key has no PIN yet, and this operation needs one.");
        assert_eq!(x.next_step, "Set a PIN with `fidoctl pin set`, then try again.");

        // The caller appends "N attempts remain"; a count in the text could contradict it.
        for &c in PIN_CODES {
            let x = ctap_status(c);
            for s in [x.what_happened, x.next_step] {
                assert!(!s.chars().any(|ch| ch.is_ascii_digit()), "0x{c:02x}: {s}");
                let lower = s.to_lowercase();
                for word in ["attempt", "retries", "tries left", "remaining"] {
                    assert!(!lower.contains(word), "0x{c:02x}: {s}");
                }
            }
        }
    }

    #[test]
    fn entries_the_reset_and_touch_flows_rely_on() {
        assert!(ctap_status(S::OperationDenied).what_happened.contains("declined"));
        assert!(ctap_status(S::OperationDenied).what_happened.contains("reset"));
        assert!(ctap_status(S::NotAllowed).what_happened.contains("10 seconds"));
        assert!(ctap_status(S::UserActionTimeout).what_happened.contains("Nobody touched"));
        assert!(ctap_status(S::ActionTimeout).what_happened.contains("Nobody touched"));
        assert!(ctap_status(S::KeyStoreFull).next_step.contains("fidoctl creds delete"));
        assert_eq!(S::PIN_REQUIRED, S::PuatRequired);
    }

    #[test]
    fn unknown_extension_and_vendor_codes_quote_the_code() {
        for c in 0..=u8::MAX {
            let x = ctap_status(c);
            assert_eq!(x.code, c);
            well_formed(&x);
            if CTAP_STATUS.iter().any(|k| k.code == c) {
                continue;
            }
            let hex = format!("0x{c:02x}");
            assert!(x.name.ends_with(&hex), "{x:?}");
            assert!(x.what_happened.contains(&hex), "{x:?}");
            assert!(!x.what_happened.contains('#'), "{x:?}");
        }
        assert_eq!(ctap_status(0xE5).name, "CTAP2_ERR_EXTENSION_0xe5");
        assert_eq!(ctap_status(0xF3).name, "CTAP2_ERR_VENDOR_0xf3");
        assert_eq!(ctap_status(0x42).name, "unknown status 0x42");
        assert!(ctap_status(0xFF).what_happened.contains("manufacturer"));
        assert!(ctap_status(0xE0).what_happened.contains("optional feature"));
    }

    #[test]
    fn unknown_ctaphid_errors_quote_the_code() {
        for c in 0..=u8::MAX {
            let x = ctaphid_error(c);
            assert_eq!(x.code, c);
            well_formed(&x);
            if CTAPHID_ERRORS.iter().any(|k| k.code == c) {
                continue;
            }
            let hex = format!("0x{c:02x}");
            assert!(x.name.ends_with(&hex) && x.what_happened.contains(&hex), "{x:?}");
        }
        assert_eq!(ctaphid_error(0x00).name, "unknown CTAPHID error 0x00");
    }
}
