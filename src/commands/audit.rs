//! `fidoctl audit`: read every selected key at once (no PIN), check each against a policy,
//! optionally with the FIDO metadata and a genuine-key check.

use super::token::store::{self, Lookup};
use super::{exit, Context, Failure, Outcome};
use crate::audit::facts::ReadOnlyFacts;
use crate::audit::mds::{self, MetadataBlob};
use crate::audit::verdict::{self, MetadataView};
use crate::audit::{KeyFacts, Policy, ADVISORIES};
use crate::client::attestation::AttestationVerdict;
use crate::client::cred_mgmt::CredentialManager;
use crate::client::exchange::{make_credential, MakeCredentialRequest};
use crate::client::inventory::{self, Depth, Firmware};
use crate::client::read_only;
use crate::client::Authenticator;
use crate::output::audit::{outcome_word, AuditReport, KeyAudit, MetadataSummary};
use crate::output::devices::ReadError;
use crate::output::notice;
use crate::output::vocabulary::Device;
use crate::proto::ctap2::alg;
use crate::proto::entities::{RelyingParty, User};
use crate::proto::status::CtapStatus;
use crate::transport::DeviceDescription;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The throwaway registration of `--attest` is for a site that cannot exist (RFC 2606).
const ATTEST_RP_ID: &str = "audit.fidoctl.invalid";

pub use crate::cli::AuditArgs;

fn now_unix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn read_file(path: &std::path::Path, what: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    crate::limits::read_input_file(path, limit)
        .map_err(|e| Failure::usage(format!("The {what} {} cannot be read: {e}.", path.display())).hint(e.hint()))
}

pub(crate) fn load_policy(path: Option<&PathBuf>) -> Result<(Policy, String), Failure> {
    match path {
        None => Ok((Policy::default_policy(), "default (require_pin, forbid_known_vulnerable)".into())),
        Some(p) => {
            let text = String::from_utf8(read_file(p, "policy file", crate::limits::POLICY_FILE_MAX)?)
                .map_err(|_| Failure::usage(format!("The policy file {} is not UTF-8 text.", p.display())))?;
            let policy = Policy::from_toml(&text)
                .map_err(|e| Failure::usage(format!("The policy file {} cannot be used: {e}.", p.display())))?;
            Ok((policy, p.display().to_string()))
        }
    }
}

pub(crate) fn load_metadata(args: &AuditArgs, now: u64) -> Result<Option<MetadataBlob>, Failure> {
    let Some(path) = &args.mds else {
        if args.mds_root.is_some() {
            return Err(Failure::usage("--mds-root only makes sense with --mds FILE."));
        }
        return Ok(None);
    };
    if std::fs::symlink_metadata(path).is_err() {
        return Err(Failure::usage(format!("The metadata file {} does not exist.", path.display())).hint(format!(
            "--mds wants the FIDO Metadata Service BLOB, which the FIDO Alliance publishes at \
https://mds3.fidoalliance.org/ (fidoctl never downloads it itself): curl -fsSL -o {} https://mds3.fidoalliance.org/",
            path.display()
        )));
    }
    let bytes = read_file(path, "metadata file", crate::limits::MDS_BLOB_MAX)?;
    let refused = |e: mds::MdsError| {
        Failure::new(
            exit::FAILED,
            "metadata_invalid",
            format!("The metadata BLOB {} was refused: {e}.", path.display()),
        )
        .hint("Download a fresh BLOB from the FIDO Metadata Service (or check --mds-root); nothing was audited.")
    };
    let jwt = mds::blob_text(&bytes).map_err(refused)?;
    let blob = match &args.mds_root {
        None => mds::verify_blob_pinned(jwt, now),
        Some(root_path) => {
            let root =
                mds::certificate_from_file(&read_file(root_path, "root certificate", crate::limits::TRUST_ROOT_MAX)?)
                    .map_err(|e| Failure::usage(format!("{}: {e}.", root_path.display())))?;
            // A private metadata service signs with its own certificate name.
            mds::verify_blob_with(jwt, &[root.as_slice()], now, None)
        }
    }
    .map_err(refused)?;
    if blob.is_stale(now) {
        notice::note("warning: the metadata BLOB is past its nextUpdate date; download a fresh one.");
    }
    Ok(Some(blob))
}

/// Everything we can learn from a key without a PIN.
pub(crate) fn read_facts(
    ctx: &Context,
    auth: &mut Authenticator,
    device: &DeviceDescription,
) -> Result<KeyFacts, Failure> {
    let mut f = KeyFacts {
        path: Some(device.path().to_string()),
        vid_pid: Device::new(device, None).vid_pid,
        product: device.product.clone(),
        ..KeyFacts::default()
    };
    let inv = inventory::read(auth, Depth::WithPin)?;
    match inv.firmware {
        Firmware::GetInfo(v) => f.set_firmware_from_get_info(u32::try_from(v).unwrap_or(u32::MAX)),
        Firmware::CtaphidInit(a, b, c) => f.set_firmware_from_ctaphid_init(a, b, c),
    }
    f.versions = inv.versions();
    let (Some(info), Some(pin)) = (inv.info, inv.pin) else {
        f.u2f_only = true;
        return Ok(f);
    };
    f.aaguid = Some(crate::audit::aaguid_from_bytes(&info.aaguid));
    f.pin_supported = Some(pin.support.supported());
    f.pin_set = pin.support.supported().then_some(pin.support.is_set());
    if let Some(retries) = pin.retries {
        f.pin_retries = u32::try_from(retries).ok();
        f.pin_blocked = Some(retries == 0);
        f.power_cycle_required = pin.power_cycle_required;
    }
    if let Some(uv) = pin.uv_retries {
        f.uv_retries = u32::try_from(uv).ok();
        f.uv_blocked = Some(uv == 0);
    }
    f.min_pin_length = info.min_pin_length.and_then(|v| u32::try_from(v).ok());
    f.force_pin_change = info.force_pin_change;
    f.always_uv = info.always_uv_option();
    f.enterprise_attestation = info.enterprise_attestation();
    f.remaining_discoverable_credentials = info.remaining_discoverable_credentials.and_then(|v| u32::try_from(v).ok());
    f.algorithms = info.algorithms.iter().map(|a| a.alg).collect();
    f.pin_protocols = info.pin_uv_auth_protocols.iter().filter_map(|p| u32::try_from(*p).ok()).collect();
    f.apply_model_table();
    read_with_stored_token(ctx, auth, &mut f)?;
    Ok(f)
}

/// With a stored read-only token that matches the key (CTAP 2.2): its identifier, the
/// credentials per RP and whether the credential store changed since the token was made.
/// Still no PIN: a key without a matching token is audited as before.
fn read_with_stored_token(ctx: &Context, auth: &mut Authenticator, f: &mut KeyFacts) -> Result<(), Failure> {
    let info = auth.info()?.clone();
    let stored = match store::lookup(ctx, &info, auth.device().path())? {
        Lookup::Found(stored) => *stored,
        Lookup::Stale(path) => {
            notice::note(&store::stale_message(&path));
            f.read_only_token_ended = Some(path.display().to_string());
            return Ok(());
        }
        Lookup::None => return Ok(()),
    };
    let Some(identity) = read_only::read_identity(auth, stored.token.secret())? else {
        return Ok(());
    };
    let mut facts = ReadOnlyFacts {
        token_file: stored.path.display().to_string(),
        token_created: stored.file.created.clone(),
        identifier: hex::encode(identity.identifier),
        cred_store_changed: match (&identity.cred_store_state, &stored.file.cred_store_state) {
            (Some(now), Some(then)) => Some(hex::encode(now) != *then),
            _ => None,
        },
        ..ReadOnlyFacts::default()
    };
    let Some(flavor) = info.cred_mgmt() else {
        f.read_only = Some(facts);
        return Ok(());
    };
    let mut m = CredentialManager::new(auth, &stored.token, flavor);
    match m.metadata() {
        Ok(meta) => facts.discoverable_credentials = u32::try_from(meta.existing).ok(),
        Err(e) if e.ctap_status() == Some(CtapStatus::PinAuthInvalid) => {
            notice::note(&store::stale_message(&stored.path));
            f.read_only_token_ended = Some(stored.path.display().to_string());
            return Ok(());
        }
        // The identifier is known; the counts stay unknown (`null`) rather than the key unread.
        Err(e) => ctx.diag(format!("the credentials could not be read with the stored token: {e}")),
    }
    let per_rp = (|| -> Result<BTreeMap<String, u32>, crate::client::ClientError> {
        let mut per_rp = BTreeMap::new();
        for rp in m.relying_parties()? {
            let count = m.credentials(&rp.rp_id_hash)?.len();
            *per_rp.entry(rp.rp.id.clone()).or_insert(0u32) += u32::try_from(count).unwrap_or(u32::MAX);
        }
        Ok(per_rp)
    })();
    match per_rp {
        Ok(per_rp) if facts.discoverable_credentials.is_some() => facts.credentials_per_rp = Some(per_rp),
        Ok(_) => {}
        Err(e) => ctx.diag(format!("the credentials could not be listed with the stored token: {e}")),
    }
    f.read_only = Some(facts);
    Ok(())
}

/// `--attest`: a throwaway non-resident credential; its attestation chain, once its signature
/// checks out. `Err` carries the reason the check could not be made.
pub(crate) fn attestation_chain(auth: &mut Authenticator) -> Result<Vec<Vec<u8>>, String> {
    let info = auth.info().map_err(|e| e.to_string())?.clone();
    if info.registration_needs_uv(false) {
        return Err("this key needs its PIN for any registration, and the audit does not ask for PINs".into());
    }
    let mut cdh = [0u8; 32];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut cdh);
    let req = MakeCredentialRequest {
        client_data_hash: cdh,
        rp: RelyingParty { id: ATTEST_RP_ID.into(), name: Some("fidoctl audit".into()) },
        user: User { id: vec![0xA0], name: Some("fidoctl-audit".into()), display_name: None },
        algorithms: vec![alg::ES256, alg::EDDSA],
        ..MakeCredentialRequest::default()
    };
    let att = make_credential(auth, &req, None).map_err(|e| crate::commands::Failure::from(e).message)?;
    match att.verify(&cdh).map_err(|e| format!("the attestation signature does not verify: {e}"))? {
        AttestationVerdict::Packed { chain } | AttestationVerdict::FidoU2f { chain } => Ok(chain),
        AttestationVerdict::SelfAttestation => {
            Err("the key attests only with its own credential key (self attestation)".into())
        }
        AttestationVerdict::None => Err("the key gave no attestation".into()),
    }
}

struct Read {
    facts: KeyFacts,
    chain: Option<Result<Vec<Vec<u8>>, String>>,
}

pub fn run(ctx: &Context, args: AuditArgs) -> Result<Outcome, Failure> {
    let now = now_unix();
    let (policy, policy_source) = load_policy(args.policy.as_ref())?;
    let blob = load_metadata(&args, now)?;
    let devices = ctx.devices()?;
    let in_flight = Arc::new(AtomicUsize::new(0));
    let max_in_flight = Arc::new(AtomicUsize::new(0));
    if args.attest && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        notice::instruct("Touch each security key when it blinks (one touch per key for --attest)...");
    }
    // One thread per key: keys are slow (USB polling, touches), the host is not.
    let reads: Vec<Result<Read, Failure>> = std::thread::scope(|scope| {
        let handles: Vec<_> = devices
            .iter()
            .map(|d| {
                let (in_flight, max_in_flight) = (in_flight.clone(), max_in_flight.clone());
                let attest = args.attest;
                scope.spawn(move || {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    max_in_flight.fetch_max(now, Ordering::SeqCst);
                    let result = (|| {
                        let mut auth = ctx.open(d)?;
                        let facts = read_facts(ctx, &mut auth, d)?;
                        let chain = (attest && !facts.u2f_only).then(|| attestation_chain(&mut auth));
                        Ok(Read { facts, chain })
                    })();
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    result
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(Failure::new(exit::FAILED, "internal_error", "Reading this key crashed inside fidoctl."))
                })
            })
            .collect()
    });

    let mut keys = Vec::with_capacity(devices.len());
    let mut results = Vec::new();
    let mut unreadable = 0;
    for (d, read) in devices.iter().zip(reads) {
        match read {
            Ok(Read { mut facts, chain }) => {
                let view = MetadataView::of(blob.as_ref(), facts.model_aaguid());
                if let MetadataView::Entry(e) = view {
                    facts.apply_metadata(e);
                }
                let mut verdicts = verdict::evaluate_view(&policy, &facts, view, ADVISORIES);
                if args.attest {
                    let verdict = match &chain {
                        Some(Ok(c)) => verdict::genuine(Some(c), view, now),
                        Some(Err(reason)) => {
                            crate::audit::Verdict::new("genuine", crate::audit::Outcome::Unknown, reason.clone())
                        }
                        None => verdict::genuine(None, view, now),
                    };
                    verdicts.push(verdict);
                }
                let result = verdict::overall(&verdicts, args.strict);
                results.push(result);
                let mut device = Device::new(d, None);
                device.model = facts.aaguid.as_deref().and_then(crate::audit::models::model_name).map(String::from);
                device.aaguid = facts.aaguid.clone();
                keys.push(KeyAudit {
                    device,
                    facts: Some(facts),
                    verdicts,
                    result: outcome_word(result).into(),
                    error: None,
                });
            }
            Err(f) => {
                unreadable += 1;
                keys.push(KeyAudit {
                    device: Device::new(d, None),
                    facts: None,
                    verdicts: Vec::new(),
                    result: "error".into(),
                    error: Some(ReadError { code: f.code, message: f.message }),
                });
            }
        }
    }
    let summary = verdict::summarize(&results, unreadable);
    let exit_code = u8::try_from(summary.exit_code).unwrap_or(exit::FAILED);
    let metadata = blob.as_ref().map(|b| MetadataSummary {
        no: b.no,
        next_update: b.next_update.clone(),
        entries: b.entries.len(),
    });
    Ok(Outcome {
        output: Some(Box::new(AuditReport {
            policy_source,
            metadata,
            keys,
            summary,
            max_in_flight: max_in_flight.load(Ordering::SeqCst),
        })),
        exit_code,
    })
}
