//! One JSON vocabulary (docs/json.md, "Shared values"): every field name has one JSON type in
//! every document fidoctl prints, `device` is always the same object, and an algorithm is always
//! `{"alg": integer, "name": string or null}`. The documents checked are every ` ```json output `
//! block of docs/json.md and README.md, and the real output of each command on virtual keys
//! (which also covers paths the examples do not show, such as `test --resident`).

mod common;

use common::cli::{run_virtual, TempKeys};
use common::readme::{Document, Kind};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The fields of the `device` object, in order.
const DEVICE_FIELDS: [&str; 7] = ["path", "backend", "vid_pid", "product", "manufacturer", "aaguid", "model"];

const PIN: &str = "vocabulary-pin";

/// The JSON type of a value; `None` for null, which fits any type ("or null").
fn type_of(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(_) => "boolean".into(),
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        // An empty array, or one of nulls, says nothing about its items.
        Value::Array(items) => match items.iter().find_map(type_of) {
            Some(t) => format!("array of {t}"),
            None => "array".into(),
        },
        Value::Object(_) => "object".into(),
    })
}

/// Do two recorded types agree? (`array` with no known item type fits any array.)
fn agree(a: &str, b: &str) -> bool {
    a == b || (a == "array" && b.starts_with("array")) || (b == "array" && a.starts_with("array"))
}

/// Field name → (type, where it was first seen), built over every document.
#[derive(Default)]
struct Vocabulary {
    types: BTreeMap<String, (String, String)>,
    conflicts: Vec<String>,
    shapes: Vec<String>,
    documents: usize,
}

impl Vocabulary {
    fn add(&mut self, source: &str, doc: &Value) {
        self.documents += 1;
        self.walk(source, "", doc);
    }

    fn walk(&mut self, source: &str, at: &str, v: &Value) {
        match v {
            Value::Object(fields) => {
                for (name, value) in fields {
                    let here = format!("{at}.{name}");
                    // getInfo's options are the key's own option names, not fidoctl fields.
                    if at.ends_with(".options") || at.ends_with(".certifications") {
                        continue;
                    }
                    self.record(source, &here, name, value);
                    self.check_shape(source, &here, name, value);
                    self.walk(source, &here, value);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(source, &format!("{at}[{i}]"), item);
                }
            }
            _ => {}
        }
    }

    fn record(&mut self, source: &str, at: &str, name: &str, value: &Value) {
        let Some(t) = type_of(value) else { return };
        let seen = format!("{source} at {at}");
        match self.types.get_mut(name) {
            None => {
                self.types.insert(name.to_string(), (t, seen));
            }
            Some((known, first)) if agree(known, &t) => {
                if known == "array" {
                    (*known, *first) = (t, seen);
                }
            }
            Some((known, first)) => {
                self.conflicts.push(format!("`{name}` is {known} in {first} but {t} in {seen}"));
            }
        }
    }

    fn check_shape(&mut self, source: &str, at: &str, name: &str, value: &Value) {
        let here = format!("{source} at {at}");
        match name {
            "device" => {
                let keys: Vec<&str> =
                    value.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
                let mut want = DEVICE_FIELDS.to_vec();
                want.sort_unstable();
                let mut got = keys.clone();
                got.sort_unstable();
                if got != want {
                    self.shapes.push(format!("`device` in {here} is not the device object: {value}"));
                }
            }
            "algorithm" if !value.is_null() => self.check_algorithm(&here, value),
            "algorithms" => {
                for item in value.as_array().into_iter().flatten() {
                    self.check_algorithm(&here, item);
                }
            }
            _ => {}
        }
    }

    fn check_algorithm(&mut self, here: &str, v: &Value) {
        let ok =
            v.get("alg").is_some_and(|a| a.is_i64()) && v.get("name").is_some_and(|n| n.is_string() || n.is_null());
        if !ok {
            self.shapes
                .push(format!("an algorithm in {here} is not {{\"alg\": integer, \"name\": string or null}}: {v}"));
        }
    }
}

fn documented(vocabulary: &mut Vocabulary, page: &Path) -> usize {
    let doc = Document::load(page);
    let mut n = 0;
    for (_, block) in doc.blocks(&Kind::Output) {
        let value: Value = serde_json::from_str(&block.body)
            .unwrap_or_else(|e| panic!("{}:{}: not JSON: {e}", page.display(), block.line));
        vocabulary.add(&format!("{}:{}", page.file_name().unwrap_or_default().to_string_lossy(), block.line), &value);
        n += 1;
    }
    n
}

/// Real documents of every command that prints one about a key, on virtual keys.
fn printed(vocabulary: &mut Vocabulary) {
    let keys = TempKeys::new();
    let created = run_virtual("create", &keys.path("made.json"), &["--json"]);
    created.success();
    vocabulary.add("virtual create", &created.value());
    let key = keys.create("key.json", &[]);
    let other = keys.create("other.json", &[]);
    let missing = keys.path("missing.json");
    let missing = format!("virtual:{}", missing.display());

    let mut add = |what: &str, run: common::cli::Run, code: i32| {
        run.expect_code(code);
        vocabulary.add(what, &run.value());
    };
    add("info (no PIN)", key.run(&["info", "--json"]), 0);
    add("pin set", key.run_env(&[("FIDOCTL_NEW_PIN", PIN)], &["pin", "set", "--json"]), 0);
    add("info (PIN set)", key.run(&["info", "--json"]), 0);
    add("pin verify", key.run_with_pin(PIN, &["pin", "verify", "--json"]), 0);
    let made = key.run_with_pin(
        PIN,
        &["make-credential", "--rp", "vocabulary.example", "--user-name", "v", "--resident", "--json"],
    );
    add("make-credential", made, 0);
    add("get-assertion", key.run_with_pin(PIN, &["get-assertion", "--rp", "vocabulary.example", "--json"]), 0);
    add("creds list", key.run_with_pin(PIN, &["creds", "list", "--json"]), 0);
    add("test --resident", key.run_with_pin(PIN, &["test", "--resident", "--json"]), 0);
    add("test", other.run(&["test", "--json"]), 0);
    add("wink", key.run(&["wink", "--json"]), 0);
    add("config always-uv", key.run_with_pin(PIN, &["config", "always-uv", "on", "--yes", "--json"]), 0);
    add("pin min-length", key.run_with_pin(PIN, &["pin", "min-length", "6", "--yes", "--json"]), 0);
    add("list", common::cli::run(["-d", &key.selector(), "-d", &missing, "list", "--json"]), 3);
    add("audit", common::cli::run(["-d", &key.selector(), "-d", &missing, "audit", "--json"]), 1);
    add("error", other.run(&["pin", "verify", "--json"]), 4);
    add("reset", other.run(&["reset", "--yes", "--json"]), 0);
}

#[test]
fn every_field_has_one_json_type_in_every_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut vocabulary = Vocabulary::default();
    let from_docs = documented(&mut vocabulary, &root.join("docs/json.md"));
    let from_readme = documented(&mut vocabulary, &root.join("README.md"));
    assert!(from_docs >= 20 && from_readme >= 1, "too few documented outputs: {from_docs} + {from_readme}");
    printed(&mut vocabulary);

    assert!(vocabulary.conflicts.is_empty(), "one name, two JSON types:\n{}", vocabulary.conflicts.join("\n"));
    assert!(vocabulary.shapes.is_empty(), "shared values of another shape:\n{}", vocabulary.shapes.join("\n"));
    // The walk saw the shared values it is about.
    for name in ["device", "algorithm", "algorithms", "pin_retries", "power_cycle_required", "pin_blocked", "counter"] {
        assert!(vocabulary.types.contains_key(name), "no document had `{name}`");
    }
    assert_eq!(vocabulary.types["device"].0, "object");
    assert_eq!(vocabulary.types["pin_retries"].0, "integer");
}

/// The checker itself: it finds a field with two types and a device of another shape.
#[test]
fn the_vocabulary_check_finds_conflicts() {
    let mut v = Vocabulary::default();
    v.add(
        "a",
        &serde_json::json!({ "device": { "path": "p", "backend": "virtual", "vid_pid": null,
        "product": null, "manufacturer": null, "aaguid": null, "model": null }, "retries": 8 }),
    );
    v.add("b", &serde_json::json!({ "device": "virtual:k.json", "retries": null, "algorithm": "ES256" }));
    assert_eq!(v.conflicts, ["`device` is object in a at .device but string in b at .device"]);
    assert_eq!(v.shapes.len(), 2, "{:?}", v.shapes);
    assert!(v.shapes[0].starts_with("`device` in b at .device is not the device object"), "{:?}", v.shapes);
    assert!(v.shapes[1].starts_with("an algorithm in b at .algorithm"), "{:?}", v.shapes);
}
