//! `fidoctl bio info | list | enroll | rename | delete`: fingerprints on keys with a sensor.

use super::auth::PinHolder;
use super::confirm::{can_confirm, confirm};
use super::journal as cj;
use super::{exit, Context, Failure, Outcome};
use crate::cli::BioCommand;
use crate::client::bio::BioEnrollment;
use crate::client::pin::PinToken;
use crate::client::Authenticator;
use crate::journal::{Arg, Change};
use crate::output::bio::{Fingerprint, FingerprintChanged, FingerprintList, SensorDetails};
use crate::output::message::Message;
use crate::output::notice;
use crate::proto::bio::{FingerprintKind, SampleStatus};
use crate::proto::ctap2::client_pin::Permissions;

/// How long the key waits for each finger placement.
const SAMPLE_TIMEOUT_MS: u32 = 30_000;

pub fn run(ctx: &Context, command: BioCommand) -> Result<Outcome, Failure> {
    match command {
        BioCommand::Info => info(ctx),
        BioCommand::List => list(ctx),
        BioCommand::Enroll { name } => enroll(ctx, name.as_deref()),
        BioCommand::Rename { id, name } => rename(ctx, &id, &name),
        BioCommand::Delete { id } => delete(ctx, &id),
    }
}

/// The sensor's kind as `bio info` and `info` name it.
pub fn sensor_word(kind: FingerprintKind) -> &'static str {
    match kind {
        FingerprintKind::Touch => "touch",
        FingerprintKind::Swipe => "swipe",
        FingerprintKind::Other(_) => "other",
    }
}

/// What the sensor said about a sample, for a help-desk person.
pub fn sample_words(status: SampleStatus) -> &'static str {
    match status {
        SampleStatus::Good => "good",
        SampleStatus::TooHigh => "the finger was too high; place it lower",
        SampleStatus::TooLow => "the finger was too low; place it higher",
        SampleStatus::TooLeft => "the finger was too far left; move it right",
        SampleStatus::TooRight => "the finger was too far right; move it left",
        SampleStatus::TooFast => "the finger moved too fast; hold it still",
        SampleStatus::TooSlow => "the finger moved too slowly",
        SampleStatus::PoorQuality => "poor quality; clean and dry the finger",
        SampleStatus::TooSkewed => "the finger was at an angle; place it straight",
        SampleStatus::TooShort => "the finger was lifted too soon; hold it still",
        SampleStatus::MergeFailure => "it did not match the others; use one finger",
        SampleStatus::Exists => "this finger is already enrolled",
        SampleStatus::DatabaseFull => "the key has no room for another fingerprint",
        SampleStatus::NoUserActivity => "no finger was placed in time",
        SampleStatus::NoUserPresenceTransition => "lift the finger between samples",
        SampleStatus::Other(_) => "the sensor rejected the sample",
    }
}

fn parse_id(written: &str) -> Result<Vec<u8>, Failure> {
    hex::decode(written.trim()).ok().filter(|id| !id.is_empty()).ok_or_else(|| {
        Failure::usage(format!("The fingerprint id {written} is not hex.")).hint("Copy the id from `fidoctl bio list`.")
    })
}

fn token(ctx: &Context, auth: &mut Authenticator) -> Result<PinToken, Failure> {
    PinHolder::default().token(ctx, auth, Permissions::BIO_ENROLLMENT, None, "fingerprint management")
}

fn sensor_key(ctx: &Context) -> Result<Authenticator, Failure> {
    let mut auth = ctx.open_one()?;
    BioEnrollment::open(&mut auth).map_err(|_| {
        Failure::new(exit::FAILED, "bio_unsupported", "This key has no fingerprint sensor to manage.")
            .hint("Fingerprints can only be enrolled on a key with a sensor (for example a YubiKey Bio).")
    })?;
    Ok(auth)
}

fn device(auth: &Authenticator) -> crate::output::vocabulary::Device {
    super::device_object(auth)
}

fn info(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = sensor_key(ctx)?;
    let s = BioEnrollment::open(&mut auth)?.sensor_info()?;
    let sensor = sensor_word(s.kind);
    let names = s.max_name_bytes.map_or("-".to_string(), |n| format!("{n} bytes"));
    Ok(Outcome::ok(Message {
        text: format!(
            "Fingerprint sensor: {sensor}, {} good samples per finger, names up to {names}.",
            s.samples_required
        ),
        fields: SensorDetails {
            device: device(&auth),
            sensor: sensor.into(),
            samples_required: s.samples_required,
            max_name_bytes: s.max_name_bytes,
        },
    }))
}

fn templates(auth: &mut Authenticator, t: &PinToken) -> Result<Vec<Fingerprint>, Failure> {
    let list = BioEnrollment::open(auth)?.enumerate(t)?;
    Ok(list.into_iter().map(|t| Fingerprint { id: hex::encode(t.id), name: t.name }).collect())
}

fn list(ctx: &Context) -> Result<Outcome, Failure> {
    let mut auth = sensor_key(ctx)?;
    let t = token(ctx, &mut auth)?;
    let fingerprints = templates(&mut auth, &t)?;
    let text = if fingerprints.is_empty() {
        "No fingerprints are enrolled.".to_string()
    } else {
        let rows: Vec<String> =
            fingerprints.iter().map(|f| format!("{}  {}", f.id, f.name.as_deref().unwrap_or("(no name)"))).collect();
        rows.join("\n")
    };
    Ok(Outcome::ok(Message { text, fields: FingerprintList { device: device(&auth), fingerprints } }))
}

fn find(auth: &mut Authenticator, t: &PinToken, written: &str) -> Result<Fingerprint, Failure> {
    let id = hex::encode(parse_id(written)?);
    templates(auth, t)?.into_iter().find(|f| f.id == id).ok_or_else(|| {
        Failure::new(
            exit::FAILED,
            "fingerprint_not_found",
            format!("No fingerprint on this key has the id {id}; nothing was changed."),
        )
        .hint("List the fingerprints with `fidoctl bio list` and copy the id exactly.")
    })
}

fn label(f: &Fingerprint) -> String {
    format!("{} ({})", f.id, f.name.as_deref().unwrap_or("no name"))
}

fn enroll(ctx: &Context, name: Option<&str>) -> Result<Outcome, Failure> {
    if !can_confirm(ctx) {
        return confirm(ctx, "This enrolls a new fingerprint on the key.", "").map(|_| Outcome::silent());
    }
    cj::preflight(ctx)?;
    let mut auth = sensor_key(ctx)?;
    let t = token(ctx, &mut auth)?;
    confirm(ctx, "This enrolls a new fingerprint on the key.", "Enroll a fingerprint?")?;
    let mut attempt = cj::attempt(
        &mut auth,
        "bio enroll",
        Change::FingerprintEnrolled { template_id: String::new(), name: name.map(String::from) },
    );
    if let Some(n) = name {
        attempt = attempt.arg(Arg::text("name", n));
    }
    let mut enrolled = None;
    let result = capture(&mut auth, &t, name, &mut enrolled);
    if let Some(id) = &enrolled {
        *attempt.change() = Change::FingerprintEnrolled { template_id: hex::encode(id), name: name.map(String::from) };
    }
    let rejected = cj::finish(ctx, attempt, result)?;
    let id = enrolled.unwrap_or_default();
    let fingerprint = Fingerprint { id: hex::encode(&id), name: name.map(String::from) };
    Ok(Outcome::ok(Message {
        text: format!("Enrolled fingerprint {}.", label(&fingerprint)),
        fields: FingerprintChanged { device: device(&auth), fingerprint, rejected_samples: rejected },
    }))
}

/// The samples of one enrollment, with progress in help-desk words; `enrolled` gets the
/// template id as soon as the key gives one. Returns how many samples the sensor rejected.
fn capture(
    auth: &mut Authenticator,
    t: &PinToken,
    name: Option<&str>,
    enrolled: &mut Option<Vec<u8>>,
) -> Result<u64, Failure> {
    let mut bio = BioEnrollment::open(auth)?;
    notice::instruct("Place your finger on the sensor.");
    let (id, mut sample) = bio.enroll_begin(t, Some(SAMPLE_TIMEOUT_MS))?;
    *enrolled = Some(id.clone());
    let mut rejected = 0;
    loop {
        let said = sample_words(sample.status);
        if sample.status.is_good() {
            notice::instruct(&format!("Sample good, {} more needed.", sample.remaining));
        } else {
            rejected += 1;
            notice::instruct(&format!("Sample not taken: {said}. {} more needed.", sample.remaining));
        }
        if sample.is_last() {
            break;
        }
        notice::instruct("Lift and place your finger again.");
        sample = match bio.enroll_capture_next(t, &id, Some(SAMPLE_TIMEOUT_MS)) {
            Ok(s) => s,
            Err(e) => {
                // Leave the key out of its enrollment state; the first error is the one to report.
                let _ = bio.cancel();
                return Err(e.into());
            }
        };
    }
    if let Some(n) = name {
        bio.set_friendly_name(t, &id, n)?;
    }
    Ok(rejected)
}

fn rename(ctx: &Context, written: &str, name: &str) -> Result<Outcome, Failure> {
    if !can_confirm(ctx) {
        return confirm(ctx, "This renames a fingerprint.", "").map(|_| Outcome::silent());
    }
    cj::preflight(ctx)?;
    let mut auth = sensor_key(ctx)?;
    let t = token(ctx, &mut auth)?;
    let found = find(&mut auth, &t, written)?;
    let id = parse_id(&found.id)?;
    let change = Change::FingerprintRenamed { template_id: found.id.clone(), name: name.to_string() };
    let attempt = cj::attempt(&mut auth, "bio rename", change)
        .arg(Arg::text("id", written))
        .arg(Arg::text("name", name))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = confirm(ctx, &format!("This renames fingerprint {} to \"{name}\".", label(&found)), "Rename it?")
        .and_then(|()| Ok(BioEnrollment::open(&mut auth)?.set_friendly_name(&t, &id, name)?));
    cj::finish(ctx, attempt, result)?;
    let fingerprint = Fingerprint { id: found.id, name: Some(name.to_string()) };
    Ok(Outcome::ok(Message {
        text: format!("Renamed fingerprint {}.", label(&fingerprint)),
        fields: FingerprintChanged { device: device(&auth), fingerprint, rejected_samples: 0 },
    }))
}

fn delete(ctx: &Context, written: &str) -> Result<Outcome, Failure> {
    if !can_confirm(ctx) {
        return confirm(ctx, "This deletes a fingerprint.", "").map(|_| Outcome::silent());
    }
    cj::preflight(ctx)?;
    let mut auth = sensor_key(ctx)?;
    let t = token(ctx, &mut auth)?;
    let found = find(&mut auth, &t, written)?;
    let id = parse_id(&found.id)?;
    let change = Change::FingerprintDeleted { template_id: found.id.clone(), name: found.name.clone() };
    let attempt = cj::attempt(&mut auth, "bio delete", change)
        .arg(Arg::text("id", written))
        .arg(Arg::flag("yes", ctx.global.yes));
    let result = confirm(
        ctx,
        &format!("This deletes fingerprint {}.\nThat finger will no longer unlock the key.", label(&found)),
        "Delete it?",
    )
    .and_then(|()| Ok(BioEnrollment::open(&mut auth)?.remove(&t, &id)?));
    cj::finish(ctx, attempt, result)?;
    Ok(Outcome::ok(Message {
        text: format!("Deleted fingerprint {}.", label(&found)),
        fields: FingerprintChanged { device: device(&auth), fingerprint: found, rejected_samples: 0 },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::bio::SAMPLE_STATUSES;

    /// Every status the spec defines has its own sentence, short enough for the progress line.
    #[test]
    fn every_sample_status_has_its_own_words() {
        let mut seen = std::collections::HashSet::new();
        for status in SAMPLE_STATUSES {
            let words = sample_words(status);
            assert!(seen.insert(words), "{status:?} shares its words");
            assert!(format!("Sample not taken: {words}. 16 more needed.").len() <= 80, "{status:?}");
        }
        assert_eq!(sample_words(SampleStatus::Other(0x80)), "the sensor rejected the sample");
    }
}
