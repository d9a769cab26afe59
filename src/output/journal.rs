//! `fidoctl journal` and `fidoctl journal verify`: records for people (80 columns) and scripts.

use super::Render;
use crate::journal::chain::{Problem, Verification};
use crate::journal::record::{ArgValue, Change, Outcome, Record, Setting};
use serde_json::{json, Value};

/// Text lines never exceed this many characters.
const WIDTH: usize = 80;

/// The records `fidoctl journal` selected.
pub struct JournalListing {
    pub journal: String,
    pub exists: bool,
    pub records: Vec<Record>,
    /// Lines that are not records (`journal verify` names them).
    pub unreadable_lines: usize,
    /// A filter was given.
    pub filtered: bool,
}

/// What `fidoctl journal verify` found.
pub struct JournalCheck {
    pub journal: String,
    pub exists: bool,
    pub verification: Verification,
}

/// Cut a line to `WIDTH` characters, marking the cut.
fn clip(line: String) -> String {
    if line.chars().count() <= WIDTH {
        return line;
    }
    let mut cut: String = line.chars().take(WIDTH - 1).collect();
    cut.push('…');
    cut
}

/// Words into lines of at most `WIDTH` characters: the first after `label`, the others
/// indented as far.
fn wrap(text: &str, label: &str) -> String {
    let pad = " ".repeat(label.chars().count());
    let mut out = String::new();
    let mut line = String::new();
    let mut lead = label;
    for word in text.split_whitespace() {
        if !line.is_empty() && lead.chars().count() + line.chars().count() + 1 + word.chars().count() > WIDTH {
            out += &clip(format!("{lead}{line}"));
            out.push('\n');
            line.clear();
            lead = &pad;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += word;
    }
    if !line.is_empty() {
        out += &clip(format!("{lead}{line}"));
        out.push('\n');
    }
    out
}

fn or_unknown(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("?")
}

/// The change in a few words.
pub fn change_text(c: &Change) -> String {
    match c {
        Change::PinSet => "set a PIN".into(),
        Change::PinChanged => "changed the PIN".into(),
        Change::MinPinLength { length, rp_ids, force_change } => {
            let mut s = format!("minimum PIN length {length}");
            if !rp_ids.is_empty() {
                s += &format!(", readable by {}", rp_ids.join(", "));
            }
            if *force_change {
                s += ", PIN change forced";
            }
            s
        }
        Change::ForcePinChange => "forced a PIN change".into(),
        Change::CredentialDeleted { rp_id, user_name, credential_id } => {
            format!("delete credential {} of {} at {rp_id}", credential_id.b64url(), or_unknown(user_name))
        }
        Change::CredentialUpdated { rp_id, credential_id, user_name, display_name } => format!(
            "update credential {} at {rp_id}: name {}, display name {}",
            credential_id.b64url(),
            or_unknown(user_name),
            or_unknown(display_name)
        ),
        Change::Setting { setting: Setting::AlwaysUv(on) } => format!("always-uv {}", if *on { "on" } else { "off" }),
        Change::Setting { setting: Setting::EnterpriseAttestation(on) } => {
            format!("enterprise attestation {}", if *on { "enabled" } else { "disabled" })
        }
        Change::Reset { credential_count: Some(n) } => format!("factory reset ({n} discoverable credentials on it)"),
        Change::Reset { credential_count: None } => "factory reset (credential count not known)".into(),
        Change::TestCredential { rp_id, credential_id, deleted } => format!(
            "test credential {} at {rp_id}, {}",
            credential_id.as_ref().map_or("?".to_string(), |c| c.b64url()),
            if *deleted { "deleted again" } else { "NOT deleted" }
        ),
        Change::Enrollment { enrolled_for, steps, .. } => {
            let steps: Vec<String> = steps.iter().map(|s| format!("{} {}", s.step, s.status)).collect();
            format!("enrolment for {}: {}", or_unknown(enrolled_for), steps.join(", "))
        }
        Change::LargeBlobSet { rp_id, user_name, credential_id, size } => format!(
            "write a {size}-byte large blob for credential {} of {} at {rp_id}",
            credential_id.b64url(),
            or_unknown(user_name)
        ),
        Change::LargeBlobDeleted { rp_id, user_name, credential_id } => format!(
            "delete the large blob of credential {} of {} at {rp_id}",
            credential_id.b64url(),
            or_unknown(user_name)
        ),
        Change::LargeBlobsCleared { scope, entries, damaged } => format!(
            "clear large blobs ({scope}): {entries} entries{}",
            if *damaged { ", storage was damaged" } else { "" }
        ),
        Change::FingerprintEnrolled { template_id, name } => {
            format!("enroll fingerprint {template_id} ({})", or_unknown(name))
        }
        Change::FingerprintRenamed { template_id, name } => format!("rename fingerprint {template_id} to \"{name}\""),
        Change::FingerprintDeleted { template_id, name } => {
            format!("delete fingerprint {template_id} ({})", or_unknown(name))
        }
    }
}

pub fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Done => "done".into(),
        Outcome::Refused { status, .. } => format!("refused ({status})"),
        Outcome::Failed { code, .. } => format!("failed ({code})"),
        Outcome::Unknown { note, .. } => format!("unknown: {note}"),
    }
}

fn args_text(r: &Record) -> String {
    r.args
        .iter()
        .map(|a| match &a.value {
            ArgValue::Flag(true) => a.name.as_str().to_string(),
            ArgValue::Flag(false) => format!("{}=false", a.name.as_str()),
            ArgValue::Number(n) => format!("{}={n}", a.name.as_str()),
            ArgValue::Text(t) => format!("{}={t}", a.name.as_str()),
            ArgValue::List(l) => format!("{}={}", a.name.as_str(), l.join(",")),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One record as a block of lines of at most 80 characters.
pub fn record_text(r: &Record) -> String {
    const IND: &str = "      ";
    let mut out = clip(format!("#{}  {}  {}", r.seq, r.time, r.command)) + "\n";
    out += &wrap(&outcome_text(&r.outcome), &format!("{IND}result "));
    out += &wrap(&change_text(&r.change), &format!("{IND}change "));
    let d = &r.device;
    let mut key = d.path.clone();
    for part in [&d.model, &d.aaguid, &d.vid_pid, &d.identifier].into_iter().flatten() {
        key += &format!(" {part}");
    }
    out += &wrap(&key, &format!("{IND}key    "));
    let who = match (&r.user.name, &r.user.sudo_user) {
        (Some(n), Some(s)) => format!("{n} (uid {}, via sudo by {s})", r.user.uid),
        (Some(n), None) => format!("{n} (uid {})", r.user.uid),
        (None, _) => format!("uid {}", r.user.uid),
    };
    out += &wrap(&format!("{who} on {}, fidoctl {}", r.host, r.fidoctl), &format!("{IND}by     "));
    let args = args_text(r);
    if !args.is_empty() {
        out += &wrap(&args, &format!("{IND}args   "));
    }
    out
}

impl Render for JournalListing {
    fn json(&self) -> Value {
        json!({
            "journal": self.journal,
            "exists": self.exists,
            "records": self.records,
            "unreadable_lines": self.unreadable_lines,
        })
    }

    fn text(&self) -> String {
        let mut out = String::new();
        if !self.exists {
            out += &wrap(&format!("No journal at {} yet: fidoctl has recorded no change there.", self.journal), "");
        } else if self.records.is_empty() {
            let what = if self.filtered { "No record matches." } else { "The journal holds no records." };
            out += &wrap(&format!("{what} (journal: {})", self.journal), "");
        }
        for (i, r) in self.records.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out += &record_text(r);
        }
        if self.unreadable_lines > 0 {
            out += &wrap(
                &format!(
                    "{} line(s) of the journal are not records; run `fidoctl journal verify` to see where.",
                    self.unreadable_lines
                ),
                "",
            );
        }
        out
    }
}

fn problem_json(p: &Problem) -> Value {
    let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
    if let Some(m) = v.as_object_mut() {
        m.insert("message".into(), Value::String(p.describe()));
    }
    v
}

impl Render for JournalCheck {
    fn json(&self) -> Value {
        let v = &self.verification;
        json!({
            "journal": self.journal,
            "exists": self.exists,
            "valid": v.valid(),
            "records": v.records,
            "first_seq": v.first_seq,
            "last_seq": v.last_seq,
            "starts_mid_chain": v.starts_mid_chain,
            "problem": v.problem.as_ref().map(problem_json),
        })
    }

    fn text(&self) -> String {
        let v = &self.verification;
        let j = &self.journal;
        let mut s = match (&v.problem, v.first_seq, v.last_seq) {
            _ if !self.exists => format!("There is no journal at {j}: nothing to check."),
            (None, _, _) if v.records == 0 => format!("The journal {j} is empty: nothing to check."),
            (None, Some(a), Some(b)) => format!("The journal {j} is intact: {} records, {a} to {b}.", v.records),
            (None, _, _) => format!("The journal {j} is intact: {} records.", v.records),
            (Some(p), _, _) => format!(
                "The journal {j} has been tampered with or damaged: {}. The records before line {} check out. \
                 Compare the journal with the copy your central log received.",
                p.describe(),
                p.line()
            ),
        };
        if v.starts_mid_chain {
            s += &format!(
                " It starts mid-chain, at record {}: the records before it were rotated out (or removed); \
                 check them in the rotated files or the central log.",
                v.first_seq.unwrap_or(0)
            );
        }
        wrap(&s, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::record::{Arg, CredentialId, Device, User};

    fn long_record() -> Record {
        Record {
            seq: 12345,
            prev: crate::journal::record::GENESIS.into(),
            time: "2026-12-03T08:00:00Z".into(),
            host: "a-rather-long-host-name.provisioning.example.org".into(),
            user: User { uid: 0, name: Some("root".into()), sudo_user: Some("helpdesk-operator-7".into()) },
            fidoctl: "0.1.0".into(),
            command: "creds update".into(),
            args: vec![Arg::text("credential_id", "A".repeat(90)), Arg::flag("yes", true)],
            device: Device {
                path: format!("virtual:/tmp/{}/key.json", "x".repeat(70)),
                vid_pid: Some("1050:0407".into()),
                aaguid: Some("cb69481e-8ff7-4039-93ec-0a2729a154a8".into()),
                model: Some("YubiKey 5 Series".into()),
                identifier: None,
            },
            change: Change::CredentialUpdated {
                rp_id: "login.example.com".into(),
                credential_id: CredentialId(vec![7; 64]),
                user_name: Some("alice.with.a.long.name@example.com".into()),
                display_name: Some("Alice With A Very Long Display Name Indeed".into()),
            },
            outcome: Outcome::Unknown { code: "device_disconnected".into(), note: Outcome::UNKNOWN_NOTE.into() },
        }
    }

    #[test]
    fn text_fits_80_columns_and_says_everything() {
        let text = record_text(&long_record());
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?} is {} characters", line.chars().count());
        }
        for needle in [
            "#12345",
            "creds update",
            "unknown: the key stopped answering",
            "YubiKey 5 Series",
            "via sudo by helpdesk-operator-7",
            "login.example.com",
        ] {
            assert!(text.contains(needle), "{needle} missing from\n{text}");
        }
    }

    #[test]
    fn a_break_is_named_in_both_formats() {
        let check = JournalCheck {
            journal: "/j".into(),
            exists: true,
            verification: Verification {
                records: 5,
                first_seq: Some(1),
                last_seq: Some(5),
                starts_mid_chain: false,
                problem: Some(Problem::Edited { line: 3, seq: 3 }),
            },
        };
        let words = check.text().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("record 3 (line 3) was edited after it was written"), "{words}");
        assert!(check.text().lines().all(|l| l.chars().count() <= WIDTH));
        let j = check.json();
        assert_eq!(j["valid"], false);
        assert_eq!(
            j["problem"],
            json!({"kind": "edited", "line": 3, "seq": 3, "message": "record 3 (line 3) was edited after it was written"})
        );
    }
}
