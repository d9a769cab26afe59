//! A metadata BLOB that is not one (random bytes, binary, text that is no JWT) is a broken
//! BLOB: exit 1, `metadata_invalid`, as the README says — never a usage error.

mod common;

use common::cli::{expect_error, TempKeys};

const HINT: &str = "Download a fresh BLOB from the FIDO Metadata Service (or check --mds-root); nothing was audited.";

/// xorshift64: the same "random" bytes on every run.
fn random_bytes(mut seed: u64, len: usize) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn random_bytes_as_a_metadata_blob_are_metadata_invalid() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    let blob = keys.path("random.jwt");
    let bytes = random_bytes(0x5EED, 4096);
    assert!(std::str::from_utf8(&bytes).is_err(), "the test needs bytes that are not text");
    std::fs::write(&blob, &bytes).expect("write the BLOB");
    let shown = blob.display().to_string();
    let run = key.run(&["audit", "--json", "--mds", &shown]);
    let doc = expect_error(&run, 1, "metadata_invalid");
    assert_eq!(
        doc.error.message,
        format!(
            "The metadata BLOB {shown} was refused: the metadata file is not a FIDO MDS BLOB (a JWT): it is not text."
        ),
        "{}",
        run.describe()
    );
    assert_eq!(doc.error.hint.as_deref(), Some(HINT));
}

#[test]
fn text_that_is_no_jwt_is_metadata_invalid_too() {
    let keys = TempKeys::new();
    let key = keys.create("k.json", &[]);
    let blob = keys.path("notes.txt");
    std::fs::write(&blob, "this is not a BLOB\n").expect("write the BLOB");
    let run = key.run(&["audit", "--json", "--mds", &blob.display().to_string()]);
    expect_error(&run, 1, "metadata_invalid");
}
