//! Discoverable credentials: `fidoctl creds list | delete | update` against virtual keys.
//!
//! Every credential is made through the binary (`make-credential --resident`), except where a
//! test needs ids with a chosen relation to each other; those are written into the virtual
//! key's state file ([`add_credential_with_id`], which says why).

mod common;

use common::cli::{expect_error, Run, TempKeys, VirtualKeyFile};
use common::creds::{creds_list, make_resident};
use common::csv::parse_csv;
use common::schema::{
    from_b64url, to_b64url, AlgorithmRef, CredentialList, Deleted, DeletedDocument, ErrorDocument, ListedCredential,
    MadeCredential, Updated, UpdatedDocument,
};
use common::state::{add_credential_with_id, stored_credentials, StoredCredential};
use common::terminal::Terminal;
use std::collections::BTreeSet;

/// The PIN every key here gets (never on the command line: FIDOCTL_PIN / FIDOCTL_NEW_PIN).
const PIN: &str = "271828";

const NOT_FOUND_HINT: &str = "List the credentials with `fidoctl creds list` and copy the id exactly.";
const NO_TTY: &str = "This changes the key irreversibly and needs a confirmation, but there is no terminal to ask on.";
const NO_TTY_HINT: &str = "Run it in a terminal to confirm, or add --yes if you are sure (for scripts).";
const NO_PIN: &str =
    "This key has no PIN, and credential management needs one (the key only allows it after a PIN is entered).";
const NO_PIN_HINT: &str = "Set a PIN with `fidoctl pin set`, then try again.";
const NO_CM: &str = "This key does not support credential management, so its discoverable credentials cannot be listed, deleted or changed.";
const NO_CM_HINT: &str =
    "Only a factory reset (`fidoctl reset`) removes credentials from such a key, and it removes all of them.";
const NO_UPDATE: &str = "This key only has the preview version of credential management, which cannot change a credential's user name or display name.";

fn not_found(written: &str) -> String {
    format!("No credential on this key has the id {written}; nothing was changed.")
}

/// The error document a failed `--json` run prints, with exactly this code and sentence.
#[track_caller]
fn json_error(run: &Run, exit: i32, code: &str, message: &str) -> ErrorDocument {
    let doc = expect_error(run, exit, code);
    assert_eq!(doc.error.message, message, "\n{}", run.describe());
    doc
}

/// The text-mode failure: `fidoctl: MESSAGE` then the hint, nothing on stdout.
#[track_caller]
fn text_error(run: &Run, exit: i32, message: &str, hint: Option<&str>) {
    run.expect_code(exit);
    let mut expected = format!("fidoctl: {message}\n");
    if let Some(hint) = hint {
        expected.push_str(hint);
        expected.push('\n');
    }
    assert!(run.stderr.ends_with(&expected), "stderr should end with {expected:?}\n{}", run.describe());
    assert!(run.stdout.is_empty(), "nothing on stdout\n{}", run.describe());
}

/// What the state file holds, in any order.
fn stored(key: &VirtualKeyFile) -> BTreeSet<StoredCredential> {
    stored_credentials(key).into_iter().collect()
}

// --- a key with 3 RPs × 2 users -------------------------------------------------------------

/// One credential as it was made: what `creds list` must show for it.
#[derive(Debug, Clone)]
struct Made {
    rp: &'static str,
    user: &'static str,
    display: &'static str,
    made: MadeCredential,
}

impl Made {
    fn id(&self) -> &str {
        &self.made.credential_id
    }

    /// The entry `creds list --json` must print for it.
    fn expected(&self) -> ListedCredential {
        ListedCredential {
            credential_id: self.made.credential_id.clone(),
            user_id: self.made.user_id.clone(),
            user_name: Some(self.user.to_string()),
            display_name: Some(self.display.to_string()),
            // make-credential asks for no credProtect: the key stores level 1 and says so.
            cred_protect: Some(1),
            algorithm: Some(AlgorithmRef { alg: -7, name: Some("ES256".to_string()) }),
            ssh: None,
        }
    }
}

const RPS: [&str; 3] = ["shop.example", "bank.example", "mail.example"];
/// The second display name has a comma and quotes, so CSV must quote it.
const USERS: [(&str, &str); 2] = [("alice", "Alice Liddell"), ("bob", "Bob \"the builder\", Jr.")];
const MAX_RESIDENT: u64 = 10;

struct SixCredentials {
    _keys: TempKeys,
    key: VirtualKeyFile,
    made: Vec<Made>,
}

impl SixCredentials {
    fn by(&self, rp: &str, user: &str) -> &Made {
        self.made.iter().find(|m| m.rp == rp && m.user == user).expect("made")
    }
}

/// A key with a PIN, room for 10, and 6 discoverable credentials (3 RPs × 2 users), plus one
/// non-discoverable credential that credential management must not show.
fn six_credentials() -> SixCredentials {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &["--max-resident", &MAX_RESIDENT.to_string()], PIN);
    let mut made = Vec::new();
    for rp in RPS {
        for (user, display) in USERS {
            made.push(Made { rp, user, display, made: make_resident(&key, PIN, rp, user, display) });
        }
    }
    key.run_with_pin(PIN, &["make-credential", "--rp", "shop.example", "--user-name", "carol", "--json"]).success();
    let ids: BTreeSet<&str> = made.iter().map(Made::id).collect();
    assert_eq!(ids.len(), 6, "six different credential ids: {made:#?}");
    SixCredentials { _keys: keys, key, made }
}

/// `list` shows exactly the credentials of `expected` (grouped by RP, each RP once), and the
/// key's counts.
#[track_caller]
fn assert_lists_exactly(doc: &CredentialList, expected: &[&Made], existing: u64) {
    assert_eq!((doc.existing, doc.remaining), (existing, MAX_RESIDENT - existing), "{doc:#?}");
    let listed_rps: Vec<&str> = doc.rps.iter().map(|rp| rp.rp_id.as_str()).collect();
    let unique: BTreeSet<&str> = listed_rps.iter().copied().collect();
    assert_eq!(unique.len(), listed_rps.len(), "each RP once: {listed_rps:?}");
    let expected_rps: BTreeSet<&str> = expected.iter().map(|m| m.rp).collect();
    assert_eq!(unique, expected_rps, "{doc:#?}");
    for rp in &doc.rps {
        // make-credential names no RP, so the key has no name for it.
        assert_eq!(rp.rp_name, None);
        let mut listed = rp.credentials.clone();
        listed.sort();
        let mut wanted: Vec<ListedCredential> =
            expected.iter().filter(|m| m.rp == rp.rp_id).map(|m| m.expected()).collect();
        wanted.sort();
        assert_eq!(listed, wanted, "the credentials of {}", rp.rp_id);
    }
}

#[test]
fn list_json_three_rps_two_users_exactly() {
    let six = six_credentials();
    let doc = creds_list(&six.key, PIN, &[]);
    assert_lists_exactly(&doc, &six.made.iter().collect::<Vec<_>>(), 6);
    // The ids are the ones make-credential printed, byte for byte.
    for m in &six.made {
        let (rp, listed) = doc.find(m.id());
        assert_eq!((rp.as_str(), listed.user_id.as_str()), (m.rp, m.made.user_id.as_str()));
        assert_eq!(from_b64url(&listed.credential_id), from_b64url(m.id()));
    }
    // The non-discoverable credential is not there.
    assert!(doc.flat().iter().all(|(_, c)| c.user_name.as_deref() != Some("carol")), "{doc:#?}");
}

#[test]
fn list_text_shows_whole_ids() {
    let six = six_credentials();
    // A wide terminal shows every column, ids whole.
    let out = six.key.run_env(&[("FIDOCTL_PIN", PIN), ("COLUMNS", "1000")], &["creds", "list"]);
    out.success();
    assert_eq!(
        out.stdout.lines().next(),
        Some(format!("{}: 6 discoverable credentials, room for 4 more.", six.key.selector()).as_str()),
        "{}",
        out.describe()
    );
    assert!(!out.stdout.contains('…') && !out.stdout.contains("..."), "nothing elided\n{}", out.describe());
    for m in &six.made {
        // Each credential's row carries its RP, user and whole id on one line.
        let row = out
            .stdout
            .lines()
            .find(|l| l.contains(m.id()))
            .unwrap_or_else(|| panic!("the whole id {} is not in the text\n{}", m.id(), out.describe()));
        for part in [m.rp, m.user, m.display, &m.made.user_id] {
            assert!(row.contains(part), "{part:?} missing from the row of {}: {row}", m.id());
        }
    }
    // At 80 columns the ids are still whole (the names wrap beside them); at 40 they are
    // shortened, and the text says where the whole ones are.
    let eighty = six.key.run_env(&[("FIDOCTL_PIN", PIN), ("COLUMNS", "80")], &["creds", "list"]);
    for m in &six.made {
        eighty.stdout_has(m.id());
    }
    let forty = six.key.run_env(&[("FIDOCTL_PIN", PIN), ("COLUMNS", "40")], &["creds", "list"]);
    forty.success().stdout_has("Ids are shortened to fit;");
    for m in &six.made {
        assert!(!forty.stdout.contains(m.id()), "{}", forty.describe());
        forty.stdout_has(&format!("{}…{}", &m.id()[..6], &m.id()[m.id().len() - 6..]));
    }
    assert!(!out.stdout.contains("carol"), "{}", out.describe());
}

#[test]
fn list_csv_has_a_header_and_one_row_per_credential() {
    let six = six_credentials();
    let out = six.key.run_with_pin(PIN, &["creds", "list", "--format", "csv"]);
    out.success();
    let records = parse_csv(&out.stdout).unwrap_or_else(|e| panic!("not CSV: {e}\n{}", out.describe()));
    let (header, rows) = records.split_first().expect("a header");
    assert_eq!(
        header,
        &["rp_id", "user_name", "display_name", "user_id", "credential_id", "cred_protect", "algorithm"]
    );
    // The same credentials, in the same order, as the JSON document.
    let json = creds_list(&six.key, PIN, &[]);
    let expected: Vec<Vec<String>> = json
        .flat()
        .into_iter()
        .map(|(rp, c)| {
            vec![
                rp,
                c.user_name.unwrap_or_default(),
                c.display_name.unwrap_or_default(),
                c.user_id,
                c.credential_id,
                c.cred_protect.map(|p| p.to_string()).unwrap_or_default(),
                c.algorithm.map(|a| a.name().to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    assert_eq!(rows, expected.as_slice(), "\n{}", out.describe());
    assert_eq!(rows.len(), 6);
    // The awkward display name came through the quoting intact.
    let bob = six.by("bank.example", "bob");
    assert!(rows.iter().any(|r| r[2] == bob.display && r[4] == bob.id()), "{rows:?}");
}

#[test]
fn list_rp_filter() {
    let six = six_credentials();
    let doc = creds_list(&six.key, PIN, &["--rp", "bank.example"]);
    assert_eq!(doc.rps.len(), 1, "{doc:#?}");
    let bank: Vec<&Made> = six.made.iter().filter(|m| m.rp == "bank.example").collect();
    // The counts are the key's slots, whichever RPs are shown.
    assert_lists_exactly(&doc, &bank, 6);

    let text = six.key.run_with_pin(PIN, &["creds", "list", "--rp", "bank.example"]);
    text.success();
    for m in &six.made {
        assert_eq!(text.stdout.contains(m.id()), m.rp == "bank.example", "{}\n{}", m.id(), text.describe());
    }

    let csv = six.key.run_with_pin(PIN, &["creds", "list", "--rp", "mail.example", "--format", "csv"]);
    csv.success();
    let rows = parse_csv(&csv.stdout).unwrap();
    assert_eq!(rows.len(), 3, "header and two rows\n{}", csv.describe());
    assert!(rows[1..].iter().all(|r| r[0] == "mail.example"), "{rows:?}");

    // An RP the key does not know: nothing listed, not an error.
    let none = creds_list(&six.key, PIN, &["--rp", "nowhere.example"]);
    assert!(none.rps.is_empty(), "{none:#?}");
    // A prefix or a suffix of an RP id is another RP id.
    assert!(creds_list(&six.key, PIN, &["--rp", "bank"]).rps.is_empty());
    assert!(creds_list(&six.key, PIN, &["--rp", "example"]).rps.is_empty());
}

#[test]
fn eddsa_credential_is_listed_with_its_algorithm() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &[], PIN);
    let out = key.run_with_pin(
        PIN,
        &["make-credential", "--rp", "ed.example", "--user-name", "ed", "--alg", "eddsa", "--resident", "--json"],
    );
    let made: MadeCredential = out.doc();
    assert_eq!(made.algorithm, AlgorithmRef { alg: -8, name: Some("EdDSA".into()) });
    let (_, listed) = creds_list(&key, PIN, &[]).find(&made.credential_id);
    assert_eq!(listed.algorithm, Some(made.algorithm), "one algorithm object in both documents");
}

// --- delete -----------------------------------------------------------------------------------

#[test]
fn delete_removes_exactly_one() {
    let six = six_credentials();
    let alice = six.by("bank.example", "alice");
    let out = six.key.run_with_pin(PIN, &["creds", "delete", alice.id(), "--yes", "--json"]);
    out.success();
    let doc: DeletedDocument = out.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.device, six.key.selector());
    assert_eq!(
        doc.deleted,
        Deleted {
            credential_id: alice.id().to_string(),
            rp_id: "bank.example".into(),
            user_name: Some("alice".into())
        }
    );
    // What is deleted is shown first, also with --yes: RP, user and the whole id.
    out.stderr_has("bank.example").stderr_has("alice").stderr_has("Alice Liddell").stderr_has(alice.id());

    let rest: Vec<&Made> = six.made.iter().filter(|m| m.id() != alice.id()).collect();
    assert_lists_exactly(&creds_list(&six.key, PIN, &[]), &rest, 5);

    // The last credential of an RP: the RP goes from the list.
    let bob = six.by("bank.example", "bob");
    let text = six.key.run_with_pin(PIN, &["creds", "delete", bob.id(), "--yes"]);
    text.success();
    assert_eq!(text.stdout, format!("Deleted credential {} (bob for bank.example).\n", bob.id()));
    let rest: Vec<&Made> = rest.into_iter().filter(|m| m.rp != "bank.example").collect();
    let doc = creds_list(&six.key, PIN, &[]);
    assert_lists_exactly(&doc, &rest, 4);
    assert!(doc.rps.iter().all(|rp| rp.rp_id != "bank.example"), "{doc:#?}");
}

#[test]
fn delete_without_a_terminal_or_yes_refuses_and_deletes_nothing() {
    let six = six_credentials();
    let before = stored(&six.key);
    let bob = six.by("shop.example", "bob");

    let out = six.key.run_with_pin(PIN, &["creds", "delete", bob.id()]);
    text_error(&out, 2, NO_TTY, Some(NO_TTY_HINT));
    // The credential is shown before the refusal: RP, user, display name, whole id.
    let shown = out.stderr.find(&format!("RP shop.example — user bob ({})", bob.display));
    let refused = out.stderr.find(NO_TTY);
    assert!(shown.is_some() && shown < refused, "RP and user first\n{}", out.describe());
    out.stderr_has(bob.id()).stderr_has(&bob.made.user_id);

    let json = six.key.run_with_pin(PIN, &["creds", "delete", bob.id(), "--json"]);
    let doc = json_error(&json, 2, "confirmation_required", NO_TTY);
    assert_eq!(doc.error.hint.as_deref(), Some(NO_TTY_HINT));

    assert_eq!(stored(&six.key), before, "nothing deleted");
    assert_lists_exactly(&creds_list(&six.key, PIN, &[]), &six.made.iter().collect::<Vec<_>>(), 6);
}

/// `creds delete` on a terminal: wait for the question, type `answer`.
fn delete_on_a_terminal(key: &VirtualKeyFile, id: &str, answer: &str) -> (Option<i32>, String) {
    let selector = key.selector();
    let mut term = Terminal::start(&["-d", &selector, "creds", "delete", id], &[("FIDOCTL_PIN", PIN)]);
    term.wait_for("Delete this credential?", 1);
    term.type_text(answer);
    term.finish()
}

#[test]
fn delete_on_a_terminal_asks_and_a_no_deletes_nothing() {
    let six = six_credentials();
    let before = stored(&six.key);
    let bob = six.by("mail.example", "bob");

    let (code, shown) = delete_on_a_terminal(&six.key, bob.id(), "n");
    assert_eq!(code, Some(1), "declined\n{shown}");
    assert!(shown.contains("RP mail.example — user bob"), "{shown}");
    assert!(shown.contains("Cancelled: nothing was changed."), "{shown}");
    assert_eq!(stored(&six.key), before, "nothing deleted");

    let (code, shown) = delete_on_a_terminal(&six.key, bob.id(), "y");
    assert_eq!(code, Some(0), "confirmed\n{shown}");
    assert!(shown.contains(&format!("Deleted credential {}", bob.id())), "{shown}");
    let rest: Vec<&Made> = six.made.iter().filter(|m| m.id() != bob.id()).collect();
    assert_lists_exactly(&creds_list(&six.key, PIN, &[]), &rest, 5);
}

#[test]
fn delete_of_a_cut_id_deletes_nothing() {
    let six = six_credentials();
    let before = stored(&six.key);
    let alice = six.by("mail.example", "alice");
    let id = alice.id();
    assert_eq!(id.len(), 43, "a 32-byte id in base64url: {id}");
    // 40 characters: still well-formed base64url (30 bytes), the start of a real id.
    let cut = &id[..40];
    text_error(
        &six.key.run_with_pin(PIN, &["creds", "delete", cut, "--yes"]),
        1,
        &not_found(cut),
        Some(NOT_FOUND_HINT),
    );
    let b64_cut = format!("b64:{cut}");
    let json = six.key.run_with_pin(PIN, &["creds", "delete", &b64_cut, "--yes", "--json"]);
    json_error(&json, 1, "credential_not_found", &not_found(&b64_cut));
    // The same in hex: the first 31 of its 32 bytes.
    let hex_cut = format!("hex:{}", &hex::encode(from_b64url(id))[..62]);
    text_error(
        &six.key.run_with_pin(PIN, &["creds", "delete", &hex_cut, "--yes"]),
        1,
        &not_found(&hex_cut),
        Some(NOT_FOUND_HINT),
    );
    // Longer than a real id is no match either.
    let longer = format!("hex:{}00", hex::encode(from_b64url(id)));
    text_error(
        &six.key.run_with_pin(PIN, &["creds", "delete", &longer, "--yes"]),
        1,
        &not_found(&longer),
        Some(NOT_FOUND_HINT),
    );
    assert_eq!(stored(&six.key), before, "nothing deleted");
}

#[test]
fn delete_takes_hex_b64_and_bare_forms_of_an_id() {
    let six = six_credentials();
    let mut left: Vec<&Made> = six.made.iter().collect();
    let forms = [
        ("shop.example", "alice", "hex"),
        ("shop.example", "bob", "b64"),
        ("bank.example", "alice", "bare hex"),
        ("bank.example", "bob", "bare upper-case hex"),
    ];
    for (rp, user, form) in forms {
        let m = six.by(rp, user);
        let hex = hex::encode(from_b64url(m.id()));
        let written = match form {
            "hex" => format!("hex:{hex}"),
            "b64" => format!("b64:{}", m.id()),
            "bare hex" => hex,
            _ => hex.to_uppercase(),
        };
        let out = six.key.run_with_pin(PIN, &["creds", "delete", &written, "--yes", "--json"]);
        out.success();
        assert_eq!(out.json::<DeletedDocument>().deleted.credential_id, m.id(), "{form}: {written}");
        left.retain(|l| l.id() != m.id());
        assert_lists_exactly(&creds_list(&six.key, PIN, &[]), &left, left.len() as u64);
    }
}

#[test]
fn delete_takes_the_exact_id_when_one_is_a_prefix_of_another() {
    let six = six_credentials();
    let long = six.by("shop.example", "alice");
    let long_bytes = from_b64url(long.id());
    // A credential whose id is the first 20 bytes of another's (see add_credential_with_id).
    let short_bytes = long_bytes[..20].to_vec();
    let short = to_b64url(&short_bytes);
    add_credential_with_id(&six.key, long.id(), &short_bytes, "shorty", b"shorty-user");
    let all = creds_list(&six.key, PIN, &[]);
    assert_eq!(all.existing, 7);
    assert_eq!(all.find(&short).1.user_name.as_deref(), Some("shorty"));

    // The short id deletes the short one only.
    let out = six.key.run_with_pin(PIN, &["creds", "delete", &short, "--yes", "--json"]);
    out.success();
    assert_eq!(out.json::<DeletedDocument>().deleted.credential_id, short);
    assert_lists_exactly(&creds_list(&six.key, PIN, &[]), &six.made.iter().collect::<Vec<_>>(), 6);

    // And the long id the long one only.
    add_credential_with_id(&six.key, long.id(), &short_bytes, "shorty", b"shorty-user");
    let out = six.key.run_with_pin(PIN, &["creds", "delete", long.id(), "--yes", "--json"]);
    out.success();
    assert_eq!(out.json::<DeletedDocument>().deleted.credential_id, long.id());
    let after = creds_list(&six.key, PIN, &[]);
    assert_eq!(after.existing, 6);
    assert!(!after.ids().contains(&long.id().to_string()));
    assert_eq!(after.find(&short).1.user_name.as_deref(), Some("shorty"));
}

#[test]
fn bare_id_with_two_readings_naming_two_credentials_is_refused() {
    let six = six_credentials();
    let real = six.by("mail.example", "bob");
    let real_bytes = from_b64url(real.id());
    // The real id in hex: 64 characters, all also base64url characters. Read as base64url it
    // is 48 other bytes: write a credential with exactly that id into the state file (no
    // command can choose an id; see add_credential_with_id). It is newer and at the same RP,
    // so the key lists it *before* the real one.
    let bare = hex::encode(&real_bytes);
    let other_bytes = from_b64url(&bare);
    assert_eq!(other_bytes.len(), 48);
    let other = to_b64url(&other_bytes);
    add_credential_with_id(&six.key, real.id(), &other_bytes, "twin", b"twin-user");
    let before = stored(&six.key);
    let mail = creds_list(&six.key, PIN, &["--rp", "mail.example"]);
    assert_eq!(mail.rps[0].credentials[0].credential_id, other, "newest first: {mail:#?}");

    let refusal = format!(
        "The id {bare} names two different credentials, read as hex ({}) and as base64url ({other}); nothing was changed.",
        real.id()
    );
    let hint = "Write it as hex:… or b64:… to say which one you mean.";
    text_error(&six.key.run_with_pin(PIN, &["creds", "delete", &bare, "--yes"]), 2, &refusal, Some(hint));
    let doc =
        json_error(&six.key.run_with_pin(PIN, &["creds", "delete", &bare, "--yes", "--json"]), 2, "usage", &refusal);
    assert_eq!(doc.error.hint.as_deref(), Some(hint));
    // update refuses the same way.
    text_error(&six.key.run_with_pin(PIN, &["creds", "update", &bare, "--name", "x"]), 2, &refusal, Some(hint));
    assert_eq!(stored(&six.key), before, "nothing changed");

    // Each prefixed form names one of them.
    let out = six.key.run_with_pin(PIN, &["creds", "delete", &format!("b64:{bare}"), "--yes", "--json"]);
    out.success();
    assert_eq!(out.json::<DeletedDocument>().deleted.credential_id, other);
    assert_lists_exactly(&creds_list(&six.key, PIN, &[]), &six.made.iter().collect::<Vec<_>>(), 6);

    add_credential_with_id(&six.key, real.id(), &other_bytes, "twin", b"twin-user");
    let out = six.key.run_with_pin(PIN, &["creds", "delete", &format!("hex:{bare}"), "--yes", "--json"]);
    out.success();
    assert_eq!(out.json::<DeletedDocument>().deleted.credential_id, real.id());
    let after = creds_list(&six.key, PIN, &[]);
    assert!(!after.ids().contains(&real.id().to_string()));
    assert_eq!(after.find(&other).1.user_name.as_deref(), Some("twin"));
    assert_eq!(after.existing, 6);
}

#[test]
fn delete_of_an_unknown_id_deletes_nothing() {
    let six = six_credentials();
    let before = stored(&six.key);
    // A real credential id, from another key.
    let keys = TempKeys::new();
    let elsewhere = keys.create_with_pin("other.json", &[], PIN);
    let foreign = make_resident(&elsewhere, PIN, "shop.example", "alice", "Alice Liddell").credential_id;
    text_error(
        &six.key.run_with_pin(PIN, &["creds", "delete", &foreign, "--yes"]),
        1,
        &not_found(&foreign),
        Some(NOT_FOUND_HINT),
    );
    json_error(
        &six.key.run_with_pin(PIN, &["creds", "delete", &foreign, "--yes", "--json"]),
        1,
        "credential_not_found",
        &not_found(&foreign),
    );
    // Not an id at all: a usage error, before the key is asked anything.
    let bad = six.key.run_with_pin(PIN, &["creds", "delete", "no/such!id", "--yes"]);
    bad.expect_code(2).stderr_has("\"no/such!id\" is not a credential id");
    assert_eq!(stored(&six.key), before, "nothing deleted");
    assert_lists_exactly(&creds_list(&six.key, PIN, &[]), &six.made.iter().collect::<Vec<_>>(), 6);
}

// --- update -------------------------------------------------------------------------------------

#[test]
fn update_shows_in_the_next_list_and_keeps_the_other_field() {
    let six = six_credentials();
    let alice = six.by("shop.example", "alice");
    let bob = six.by("mail.example", "bob");

    let out = six.key.run_with_pin(PIN, &["creds", "update", alice.id(), "--name", "alice.l", "--json"]);
    out.success();
    let doc: UpdatedDocument = out.json();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.device, six.key.selector());
    assert_eq!(
        doc.updated,
        Updated {
            credential_id: alice.id().into(),
            rp_id: "shop.example".into(),
            user_name: Some("alice.l".into()),
            display_name: Some(alice.display.into()),
        }
    );

    let text = six.key.run_with_pin(PIN, &["creds", "update", bob.id(), "--display-name", "Robert Builder"]);
    text.success();
    assert_eq!(
        text.stdout,
        format!("Updated credential {} for mail.example: name bob, display name Robert Builder.\n", bob.id())
    );

    let doc = creds_list(&six.key, PIN, &[]);
    assert_eq!((doc.existing, doc.remaining), (6, 4));
    for m in &six.made {
        let (rp, listed) = doc.find(m.id());
        assert_eq!(rp, m.rp);
        let mut expected = m.expected();
        if m.id() == alice.id() {
            expected.user_name = Some("alice.l".into());
        }
        if m.id() == bob.id() {
            expected.display_name = Some("Robert Builder".into());
        }
        // The user id never changes; the fields not named are kept.
        assert_eq!(listed, expected);
    }

    // Both at once, and again: the last update wins.
    six.key.run_with_pin(PIN, &["creds", "update", alice.id(), "--name", "a", "--display-name", "A"]).success();
    let (_, listed) = creds_list(&six.key, PIN, &[]).find(alice.id());
    assert_eq!((listed.user_name.as_deref(), listed.display_name.as_deref()), (Some("a"), Some("A")));

    // Nothing to change is a usage error; an unknown id changes nothing.
    let before = stored(&six.key);
    six.key
        .run_with_pin(PIN, &["creds", "update", alice.id()])
        .expect_code(2)
        .stderr_has("Nothing to change: give --name, --display-name or both.");
    let unknown = to_b64url(&[7u8; 32]);
    text_error(
        &six.key.run_with_pin(PIN, &["creds", "update", &unknown, "--name", "x"]),
        1,
        &not_found(&unknown),
        Some(NOT_FOUND_HINT),
    );
    assert_eq!(stored(&six.key), before);
}

// --- no PIN, older keys ---------------------------------------------------------------------------

#[test]
fn no_pin_set_is_exit_4_and_explains_why() {
    let keys = TempKeys::new();
    let key = keys.create("key.json", &[]);
    // A discoverable credential needs no PIN on a key without one.
    let out = key.run(&["make-credential", "--rp", "shop.example", "--user-name", "alice", "--resident", "--json"]);
    out.success();
    let id = out.json::<MadeCredential>().credential_id;
    let before = stored(&key);
    let commands: [&[&str]; 3] =
        [&["creds", "list"], &["creds", "delete", &id, "--yes"], &["creds", "update", &id, "--name", "x"]];
    for args in commands {
        // Without a PIN source, and with one (a PIN is no use on a key that has none).
        text_error(&key.run(args), 4, NO_PIN, Some(NO_PIN_HINT));
        text_error(&key.run_with_pin(PIN, args), 4, NO_PIN, Some(NO_PIN_HINT));
        let mut json = args.to_vec();
        json.push("--json");
        let doc = json_error(&key.run(&json), 4, "pin_not_set", NO_PIN);
        assert_eq!(doc.error.hint.as_deref(), Some(NO_PIN_HINT));
    }
    assert_eq!(stored(&key), before, "nothing changed");
}

#[test]
fn ctap2_1_pre_profile_lists_and_deletes_through_the_preview_command() {
    let keys = TempKeys::new();
    // Only the preview command (0x41) exists on this profile: the virtual key answers the
    // standard one (0x0A) with INVALID_COMMAND, so every success here went through 0x41.
    let key = keys.create_with_pin("key.json", &["--profile", "ctap2.1-pre", "--max-resident", "10"], PIN);
    let made: Vec<Made> =
        [("shop.example", "alice", "Alice"), ("shop.example", "bob", "Bob"), ("bank.example", "alice", "Alice")]
            .into_iter()
            .map(|(rp, user, display)| Made { rp, user, display, made: make_resident(&key, PIN, rp, user, display) })
            .collect();
    assert_lists_exactly(&creds_list(&key, PIN, &[]), &made.iter().collect::<Vec<_>>(), 3);
    let text = key.run_with_pin(PIN, &["creds", "list"]);
    text.success().stdout_has("3 discoverable credentials, room for 7 more.");

    let gone = &made[1];
    let out = key.run_with_pin(PIN, &["creds", "delete", gone.id(), "--yes", "--json"]);
    out.success();
    assert_eq!(
        out.json::<DeletedDocument>().deleted,
        Deleted { credential_id: gone.id().into(), rp_id: "shop.example".into(), user_name: Some("bob".into()) }
    );
    let rest: Vec<&Made> = made.iter().filter(|m| m.id() != gone.id()).collect();
    assert_lists_exactly(&creds_list(&key, PIN, &[]), &rest, 2);

    // No updateUserInformation in the preview: refused, and nothing changes.
    let before = stored(&key);
    let alice = &made[0];
    text_error(&key.run_with_pin(PIN, &["creds", "update", alice.id(), "--name", "x"]), 1, NO_UPDATE, None);
    let doc = json_error(
        &key.run_with_pin(PIN, &["creds", "update", alice.id(), "--display-name", "X", "--json"]),
        1,
        "update_unsupported",
        NO_UPDATE,
    );
    assert_eq!(doc.error.hint, None);
    // Known from getInfo, so it is said before any PIN is asked for.
    text_error(&key.run(&["creds", "update", alice.id(), "--name", "x"]), 1, NO_UPDATE, None);
    assert_eq!(stored(&key), before);
    assert_lists_exactly(&creds_list(&key, PIN, &[]), &rest, 2);
}

#[test]
fn ctap2_0_profile_has_no_credential_management() {
    let keys = TempKeys::new();
    let key = keys.create_with_pin("key.json", &["--profile", "ctap2.0"], PIN);
    let made = make_resident(&key, PIN, "shop.example", "alice", "Alice");
    let before = stored(&key);
    let commands: [&[&str]; 3] = [
        &["creds", "list"],
        &["creds", "delete", &made.credential_id, "--yes"],
        &["creds", "update", &made.credential_id, "--name", "x"],
    ];
    for args in commands {
        text_error(&key.run_with_pin(PIN, args), 1, NO_CM, Some(NO_CM_HINT));
        // Said before any PIN is asked for.
        text_error(&key.run(args), 1, NO_CM, Some(NO_CM_HINT));
        let mut json = args.to_vec();
        json.push("--json");
        let doc = json_error(&key.run_with_pin(PIN, &json), 1, "cred_mgmt_unsupported", NO_CM);
        assert_eq!(doc.error.hint.as_deref(), Some(NO_CM_HINT));
    }
    assert_eq!(stored(&key), before, "nothing changed");
}
