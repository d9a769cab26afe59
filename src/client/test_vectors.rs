//! Access to shared/vectors/ctap2_requests.json for the request-encoding tests.

use crate::proto::cbor::{self, MapView};

fn document() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/ctap2_requests.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("shared vectors missing at {path}: {e}"));
    serde_json::from_str(&text).expect("vectors are JSON")
}

/// The request bytes (command byte + CBOR) python-fido2 sent, in hex.
pub fn request_hex(name: &str) -> String {
    let doc = document();
    doc["requests"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["name"] == name))
        .and_then(|r| r["request_hex"].as_str())
        .unwrap_or_else(|| panic!("no vector named {name}"))
        .to_string()
}

pub fn message_hex(name: &str) -> String {
    document()["pin_uv_auth_param_messages"][name]
        .as_str()
        .unwrap_or_else(|| panic!("no message vector {name}"))
        .to_string()
}

/// The pinUvAuthParam inside a vector request (empty when it has none).
pub fn param_of(request_hex: &str, key: i64) -> Vec<u8> {
    let bytes = hex::decode(request_hex).expect("hex");
    let value = cbor::decode(&bytes[1..]).expect("CBOR");
    let map = MapView::new(&value, "request").expect("map");
    map.opt_bytes(key).expect("bytes").map(|b| b.to_vec()).unwrap_or_default()
}
