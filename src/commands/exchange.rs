//! `fidoctl test` (a health check) and the expert exchanges `make-credential` and
//! `get-assertion`.

use super::auth::PinHolder;
use super::journal as cj;
use super::{exit, Context, Failure, Outcome};
use crate::cli::{AlgArg, ClientDataHash};
use crate::client::attestation::{verify_assertion_signature, AttestationVerdict};
use crate::client::cred_blob::{check_cred_blob, get_assertions_with_cred_blob, make_credential_with};
use crate::client::cred_mgmt::{flavor, CredentialManager};
use crate::client::exchange::{get_assertions, make_credential, Assertion, GetAssertionRequest, MakeCredentialRequest};
use crate::client::Authenticator;
use crate::journal::{Arg, Change, CredentialId as RecordedId};
use crate::output::exchange::{
    AssertionEntry, Assertions, Attestation, Counter, CounterVerdict, Exchange, HealthCheck, MadeCredential, Step,
    StepId, Trust,
};
use crate::output::notice;
use crate::output::vocabulary::Algorithm;
use crate::output::{b64url, pem};
use crate::proto::ctap2::{alg, client_pin::Permissions};
use crate::proto::entities::{RelyingParty, User};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::time::Instant;

/// The health check's relying party: .invalid can never be a real site (RFC 2606).
pub const TEST_RP_ID: &str = "test.fidoctl.invalid";

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

/// Does this operation need the PIN on this key?
fn needs_pin(auth: &mut Authenticator, uv: bool, resident: bool) -> Result<bool, Failure> {
    let info = auth.info()?;
    Ok(uv || info.registration_needs_uv(resident))
}

/// The typed attestation result of a verified statement of format `fmt`.
fn attestation_of(fmt: &str, v: &AttestationVerdict) -> Attestation {
    let (trust, chain_length, detail) = match v {
        AttestationVerdict::Packed { chain } => {
            (Trust::CertificateChain, chain.len(), format!("packed, certificate chain of {}", chain.len()))
        }
        AttestationVerdict::SelfAttestation => {
            (Trust::SelfSigned, 0, "packed self-attestation (proves nothing about the make)".into())
        }
        AttestationVerdict::FidoU2f { chain } => (Trust::CertificateChain, chain.len(), "fido-u2f".into()),
        AttestationVerdict::None => (Trust::None, 0, "none (the key gave no attestation)".into()),
    };
    Attestation { format: fmt.to_string(), trust, chain_length: chain_length as u64, detail }
}

fn alg_of(a: AlgArg) -> i64 {
    match a {
        AlgArg::Es256 => alg::ES256,
        AlgArg::Eddsa => alg::EDDSA,
        AlgArg::Es384 => alg::ES384,
        AlgArg::Rs256 => alg::RS256,
    }
}

/// An algorithm the key does not list in getInfo is refused before anything is sent, in words
/// that name what it does offer (the key itself would only say UNSUPPORTED_ALGORITHM). A key
/// that lists none (CTAP 2.0) is asked anyway.
fn check_algorithm(info: &crate::proto::get_info::AuthenticatorInfo, wanted: i64) -> Result<(), Failure> {
    if info.algorithms.is_empty() || info.algorithms.iter().any(|a| a.alg == wanted) {
        return Ok(());
    }
    let offered: Vec<String> = info.algorithms.iter().map(|a| Algorithm::new(a.alg).text()).collect();
    let wanted = Algorithm::new(wanted).text();
    Err(Failure::new(
        exit::FAILED,
        "unsupported_algorithm",
        format!("This key cannot make {wanted} credentials; it offers {}. Nothing was created.", offered.join(", ")),
    )
    .hint(format!(
        "Choose one the key offers with --alg (for example `--alg {}`), or use a key that supports {wanted}.",
        offered.first().map_or("es256".into(), |o| o.to_lowercase())
    )))
}

/// A credBlob the key cannot take, said before anything is sent.
fn cred_blob_refused(why: &str) -> Failure {
    Failure::usage(format!("--cred-blob cannot be used here: {}.", why))
        .hint("`fidoctl info` shows the key's extensions and max_cred_blob_length; give a shorter blob, or leave --cred-blob out.")
}

/// The hash given, or a random one.
fn cdh_or_random(given: Option<ClientDataHash>) -> [u8; 32] {
    given.map_or_else(random, |c| c.0)
}

pub use crate::cli::{GetAssertionArgs, MakeCredentialArgs};

pub fn make_credential_cmd(ctx: &Context, a: MakeCredentialArgs) -> Result<Outcome, Failure> {
    // A bad argument is a usage error before any key is touched.
    let cdh = cdh_or_random(a.client_data_hash);
    let mut auth = ctx.open_one()?;
    check_algorithm(auth.info()?, alg_of(a.alg))?;
    if let Some(blob) = &a.cred_blob {
        check_cred_blob(auth.info()?, blob.0.len()).map_err(|e| cred_blob_refused(&e.to_string()))?;
    }
    if a.large_blob_key && !auth.info()?.extensions.iter().any(|e| e == "largeBlobKey") {
        return Err(Failure::usage(
            "This key does not offer the largeBlobKey extension, so its credentials cannot own large blobs.",
        )
        .hint("Leave out --large-blob-key."));
    }
    let mut pins = PinHolder::default();
    let token = if needs_pin(&mut auth, a.uv, a.resident)? {
        Some(pins.token(
            ctx,
            &mut auth,
            Permissions::MAKE_CREDENTIAL,
            Some(&a.rp),
            "a registration with user verification",
        )?)
    } else {
        None
    };
    let user_id = random::<16>().to_vec();
    let req = MakeCredentialRequest {
        client_data_hash: cdh,
        rp: RelyingParty { id: a.rp.clone(), name: None },
        user: User {
            id: user_id.clone(),
            name: a.user_name.clone().or(Some("fidoctl".into())),
            display_name: a.display_name.clone(),
        },
        algorithms: vec![alg_of(a.alg)],
        resident: a.resident,
        ..MakeCredentialRequest::default()
    };
    let made = make_credential_with(
        &mut auth,
        &req,
        token.as_ref(),
        a.cred_blob.as_ref().map(|b| b.0.as_slice()),
        a.large_blob_key,
    )?;
    let att = made.attestation;
    let verdict = att.verify(&cdh).map_err(|e| {
        Failure::new(exit::FAILED, "attestation_invalid", format!("The key's attestation does not verify: {e}."))
    })?;
    let cred = att
        .auth_data
        .attested
        .as_ref()
        .ok_or_else(|| Failure::new(exit::FAILED, "malformed_answer", "The key returned no credential."))?;
    let attestation = attestation_of(&att.fmt, &verdict);
    let fields = MadeCredential {
        device: super::device_object(&auth),
        rp_id: a.rp.clone(),
        credential_id: b64url(&cred.credential_id),
        user_id: b64url(&user_id),
        aaguid: crate::audit::aaguid_from_bytes(&cred.aaguid),
        algorithm: Algorithm::new(cred.public_key.alg()),
        public_key_cose: b64url(&cred.public_key.to_bytes()),
        public_key_pem: pem("PUBLIC KEY", &cred.public_key.to_spki_der()),
        client_data_hash: b64url(&cdh),
        attestation_format: att.fmt.clone(),
        attestation,
        attestation_object: b64url(&att.to_webauthn_bytes()),
        authenticator_data: b64url(&att.auth_data_raw),
        sign_count: att.auth_data.sign_count,
        user_verified: att.auth_data.user_verified(),
        resident: a.resident,
        cred_blob_stored: a.cred_blob.as_ref().map(|_| made.cred_blob_stored == Some(true)),
        large_blob_key: a.large_blob_key.then_some(made.large_blob_key.is_some()),
    };
    let mut text = format!(
        "Registered credential {} for {} ({}).\n",
        b64url(&cred.credential_id),
        fields.rp_id,
        fields.attestation.detail
    );
    match (&a.cred_blob, fields.cred_blob_stored) {
        (Some(b), Some(true)) => text += &format!("The key stored the {}-byte credBlob with it.\n", b.0.len()),
        (Some(_), _) => text += "The key did not store the credBlob.\n",
        _ => {}
    }
    match fields.large_blob_key {
        Some(true) => text += "It has a large-blob key: `fidoctl blobs set` can store data for it.\n",
        Some(false) => text += "The key gave it no large-blob key.\n",
        None => {}
    }
    Ok(Outcome::ok(Exchange { text, fields }))
}

pub fn get_assertion_cmd(ctx: &Context, args: GetAssertionArgs) -> Result<Outcome, Failure> {
    let GetAssertionArgs { rp, creds, uv, client_data_hash: cdh_hex, cred_blob } = args;
    if let Some(bad) = creds.iter().find(|c| c.readings.is_empty()) {
        return Err(Failure::usage(crate::cli::BadCredentialId(bad.written.clone()).to_string()));
    }
    let allow: Vec<Vec<u8>> = creds.into_iter().flat_map(|c| c.readings).collect();
    let cdh = cdh_or_random(cdh_hex);
    let mut auth = ctx.open_one()?;
    let mut pins = PinHolder::default();
    let token = if uv || auth.info()?.always_uv() {
        Some(pins.token(ctx, &mut auth, Permissions::GET_ASSERTION, Some(&rp), "a sign-in with user verification")?)
    } else {
        None
    };
    let req = GetAssertionRequest { rp_id: rp.clone(), client_data_hash: cdh, allow_list: allow, user_presence: true };
    if cred_blob && !auth.info()?.extensions.iter().any(|e| e == "credBlob") {
        return Err(cred_blob_refused("this key cannot store a credBlob"));
    }
    let assertions: Vec<(Assertion, Option<Vec<u8>>)> = if cred_blob {
        get_assertions_with_cred_blob(&mut auth, &req, token.as_ref())?
    } else {
        get_assertions(&mut auth, &req, token.as_ref())?.into_iter().map(|a| (a, None)).collect()
    };
    let list: Vec<AssertionEntry> = assertions
        .iter()
        .map(|(a, blob)| AssertionEntry {
            credential_id: b64url(&a.credential_id),
            authenticator_data: b64url(&a.auth_data_raw),
            signature: b64url(&a.signature),
            sign_count: a.auth_data.sign_count,
            user_verified: a.auth_data.user_verified(),
            user_id: a.user.as_ref().map(|u| b64url(&u.id)),
            user_name: a.user.as_ref().and_then(|u| u.name.clone()),
            cred_blob: blob.as_deref().map(b64url),
        })
        .collect();
    let text = assertions
        .iter()
        .map(|(a, blob)| {
            let mut line = format!(
                "Signed in with credential {} (counter {}).\n",
                b64url(&a.credential_id),
                a.auth_data.sign_count
            );
            match blob.as_deref() {
                Some([]) => line += "  credBlob: none stored\n",
                Some(b) => line += &format!("  credBlob ({} bytes): {}\n", b.len(), hex::encode(b)),
                None => {}
            }
            line
        })
        .collect();
    Ok(Outcome::ok(Exchange {
        text,
        fields: Assertions {
            device: super::device_object(&auth),
            rp_id: rp,
            client_data_hash: b64url(&cdh),
            assertions: list,
        },
    }))
}

/// `fidoctl test`: register, sign in, verify everything, clean up.
/// What `fidoctl test` asked for.
#[derive(Debug, Clone, Copy)]
struct TestPlan {
    resident: bool,
    uv: bool,
    /// COSE algorithm of the test credential.
    algorithm: i64,
}

pub fn health_check(ctx: &Context, resident: bool, uv: bool, alg: Option<AlgArg>) -> Result<Outcome, Failure> {
    // Only --resident leaves (and removes) something on the key, so only it is journaled.
    if resident {
        cj::preflight(ctx)?;
    }
    let mut auth = ctx.open_one()?;
    let info = auth.info()?.clone();
    let algorithm = match alg {
        Some(a) => {
            check_algorithm(&info, alg_of(a))?;
            alg_of(a)
        }
        // ES256 where the key offers it (or says nothing), else EdDSA.
        None if info.algorithms.iter().any(|a| a.alg == alg::ES256) || info.algorithms.is_empty() => alg::ES256,
        None => alg::EDDSA,
    };
    let plan = TestPlan { resident, uv, algorithm };
    let cm = flavor(&mut auth)?;
    let mut trail = TestTrail::default();
    if !resident {
        return check(ctx, &mut auth, &info, cm, plan, &mut trail);
    }
    if cm.is_none() {
        return Err(Failure::new(
            exit::FAILED,
            "cred_mgmt_unsupported",
            "This key cannot delete single credentials, so `fidoctl test --resident` would leave a credential behind; nothing was created.",
        )
        .hint("Run `fidoctl test` without --resident."));
    }
    let mut attempt = cj::attempt(
        &mut auth,
        "test",
        Change::TestCredential { rp_id: TEST_RP_ID.into(), credential_id: None, deleted: false },
    )
    .arg(Arg::flag("resident", resident))
    .arg(Arg::flag("uv", uv));
    let result = check(ctx, &mut auth, &info, cm, plan, &mut trail);
    *attempt.change() = Change::TestCredential {
        rp_id: TEST_RP_ID.into(),
        credential_id: trail.created.map(RecordedId),
        deleted: trail.deleted,
    };
    // The check itself reports a credential it could not delete; the record says why.
    let outcome = match (&result, trail.not_deleted) {
        (Ok(_), Some(f)) => cj::outcome_of(&Err::<(), _>(f)),
        _ => cj::outcome_of(&result),
    };
    cj::finish_as(ctx, attempt, outcome, result)
}

/// What `test --resident` did to the key, for its journal record.
#[derive(Default)]
struct TestTrail {
    created: Option<Vec<u8>>,
    deleted: bool,
    not_deleted: Option<Failure>,
}

fn check(
    ctx: &Context,
    auth: &mut Authenticator,
    info: &crate::proto::get_info::AuthenticatorInfo,
    cm: Option<crate::client::cred_mgmt::Flavor>,
    plan: TestPlan,
    trail: &mut TestTrail,
) -> Result<Outcome, Failure> {
    let TestPlan { resident, uv, algorithm } = plan;
    let mut steps = Vec::new();
    let step = |steps: &mut Vec<Step>, id: StepId, started: Instant, ok: bool, detail: String| {
        steps.push(Step { id, name: id.name(), ok, ms: started.elapsed().as_millis() as u64, detail });
    };
    // Deleting the credential again needs a PIN token: without a PIN it would stay behind.
    if resident && !info.pin().is_set() {
        return Err(Failure::new(
            exit::PIN,
            "pin_not_set",
            "This key has no PIN, and deleting the test credential needs one, so `fidoctl test --resident` would leave a credential behind; nothing was created.",
        )
        .hint("Set a PIN with `fidoctl pin set`, or run `fidoctl test` without --resident."))
        ;
    }
    let mut pins = PinHolder::default();
    let need_pin = needs_pin(auth, uv, resident)?;

    // 1. Register.
    let t = Instant::now();
    let token = if need_pin {
        Some(pins.token(
            ctx,
            auth,
            Permissions::MAKE_CREDENTIAL | Permissions::GET_ASSERTION,
            Some(TEST_RP_ID),
            "the health check",
        )?)
    } else {
        None
    };
    let cdh: [u8; 32] = random();
    let user_id = random::<16>().to_vec();
    let req = MakeCredentialRequest {
        client_data_hash: cdh,
        rp: RelyingParty { id: TEST_RP_ID.into(), name: Some("fidoctl health check".into()) },
        user: User {
            id: user_id,
            name: Some("fidoctl-test".into()),
            display_name: Some("fidoctl health check".into()),
        },
        algorithms: vec![algorithm],
        resident,
        ..MakeCredentialRequest::default()
    };
    let att = make_credential(auth, &req, token.as_ref())?;
    let Some(cred) = att.auth_data.attested.clone() else {
        return Err(Failure::new(exit::FAILED, "malformed_answer", "The key returned no credential."));
    };
    if resident {
        trail.created = Some(cred.credential_id.clone());
    }
    step(&mut steps, StepId::Register, t, true, format!("credential {}", b64url(&cred.credential_id)));

    // 2. Verify the registration.
    let t = Instant::now();
    let rp_hash: [u8; 32] = Sha256::digest(TEST_RP_ID.as_bytes()).into();
    let mut failures: Vec<String> = Vec::new();
    let attestation = match att.verify(&cdh) {
        Ok(v) => attestation_of(&att.fmt, &v),
        Err(e) => {
            failures.push(format!("attestation does not verify: {e}"));
            Attestation {
                format: att.fmt.clone(),
                trust: Trust::Invalid,
                chain_length: 0,
                detail: format!("INVALID: {e}"),
            }
        }
    };
    if att.auth_data.rp_id_hash != rp_hash {
        failures.push("the registration is for another site (rpIdHash differs)".into());
    }
    if !att.auth_data.user_present() {
        failures.push("the key did not report a touch (UP flag clear)".into());
    }
    if need_pin && !att.auth_data.user_verified() {
        failures.push("the key did not report user verification (UV flag clear)".into());
    }
    step(&mut steps, StepId::VerifyAttestation, t, failures.is_empty(), attestation.detail.clone());

    // 3. Sign in (the token lost its permissions with makeCredential: ask for a fresh one).
    let t = Instant::now();
    let token = if need_pin {
        Some(pins.token(ctx, auth, Permissions::GET_ASSERTION, Some(TEST_RP_ID), "the health check")?)
    } else {
        None
    };
    let cdh2: [u8; 32] = random();
    let allow_list = if resident { Vec::new() } else { vec![cred.credential_id.clone()] };
    let ga = GetAssertionRequest { rp_id: TEST_RP_ID.into(), client_data_hash: cdh2, allow_list, user_presence: true };
    let assertions = get_assertions(auth, &ga, token.as_ref())?;
    let Some(assertion) = assertions.iter().find(|a| a.credential_id == cred.credential_id) else {
        return Err(Failure::new(
            exit::FAILED,
            "credential_missing",
            "The key signed in with a different credential than the one it just made.",
        ));
    };
    step(&mut steps, StepId::SignIn, t, true, format!("{} credential(s) offered", assertions.len()));

    // 4. Verify the signature and the counter.
    let t = Instant::now();
    let sig_ok = verify_assertion_signature(&cred.public_key, &assertion.auth_data_raw, &cdh2, &assertion.signature);
    if let Err(e) = &sig_ok {
        failures.push(format!("the sign-in signature does not verify: {e}"));
    }
    if assertion.auth_data.rp_id_hash != rp_hash {
        failures.push("the sign-in is for another site (rpIdHash differs)".into());
    }
    let algorithm = Algorithm::new(cred.public_key.alg());
    step(&mut steps, StepId::VerifySignature, t, sig_ok.is_ok(), algorithm.text());
    let (before, after) = (att.auth_data.sign_count, assertion.auth_data.sign_count);
    let verdict = if before == 0 && after == 0 {
        CounterVerdict::AlwaysZero
    } else if after > before {
        CounterVerdict::Increasing
    } else {
        failures.push(format!("the signature counter did not increase ({before} -> {after})"));
        CounterVerdict::NotIncreasing
    };
    let counter = Counter { before, after, verdict };

    // 5. Clean up a discoverable credential.
    let mut cleaned_up = None;
    if resident {
        let t = Instant::now();
        let result = (|| -> Result<(), Failure> {
            let token =
                pins.token(ctx, auth, Permissions::CREDENTIAL_MANAGEMENT, None, "deleting the test credential")?;
            let fl =
                cm.ok_or_else(|| Failure::new(exit::FAILED, "cred_mgmt_unsupported", "no credential management"))?;
            Ok(CredentialManager::new(auth, &token, fl).delete(&cred.credential_id)?)
        })();
        cleaned_up = Some(result.is_ok());
        trail.deleted = result.is_ok();
        trail.not_deleted = result.as_ref().err().cloned();
        let detail = match &result {
            Ok(()) => "deleted".to_string(),
            Err(f) => f.message.clone(),
        };
        if result.is_err() {
            failures.push(format!("the test credential could not be deleted: {detail}"));
        }
        step(&mut steps, StepId::DeleteCredential, t, result.is_ok(), detail);
    }
    let report = HealthCheck {
        device: super::device_object(auth),
        rp_id: TEST_RP_ID.into(),
        resident,
        uv: need_pin,
        algorithm,
        credential_id: b64url(&cred.credential_id),
        attestation,
        counter,
        cleaned_up,
        steps,
        result: if failures.is_empty() { "pass".into() } else { "fail".into() },
    };
    if !failures.is_empty() {
        for f in &failures {
            notice::note(&f.to_string());
        }
        return Ok(Outcome { output: Some(Box::new(report)), exit_code: exit::FAILED });
    }
    Ok(Outcome::ok(report))
}
