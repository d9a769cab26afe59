//! Canonical CBOR (CTAP2 form) on top of ciborium, and a bounded decoder for bytes a peer sent.
//!
//! CTAP2 canonical form: shortest integer/length headers, definite lengths, no tags we do not
//! expect, and map keys sorted by major type, then encoded length, then encoded bytes.

use ciborium::value::{Integer, Value};
use std::cmp::Ordering;

/// Deepest nesting we accept from a peer. Real CTAP messages nest at most 4-5 levels.
pub const MAX_DEPTH: usize = 16;
/// Largest CBOR message we accept: the CTAPHID payload limit.
pub const MAX_MESSAGE: usize = crate::proto::ctaphid::MAX_PAYLOAD;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CborError {
    #[error("the message is not valid CBOR ({0})")]
    Malformed(String),
    #[error("the message is larger than {MAX_MESSAGE} bytes")]
    TooLarge,
    #[error("the message has bytes after its end")]
    TrailingBytes,
    #[error("the message nests deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("the message repeats the map key {0}")]
    DuplicateKey(String),
    #[error("field {0} is missing")]
    Missing(String),
    #[error("field {0} has the wrong type")]
    WrongType(String),
}

/// Encode a value in CTAP2 canonical form (maps are sorted recursively).
pub fn encode(value: &Value) -> Vec<u8> {
    let canonical = canonicalize(value);
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and every Value is serializable.
    if ciborium::ser::into_writer(&canonical, &mut out).is_err() {
        out.clear();
    }
    out
}

fn canonicalize(value: &Value) -> Value {
    match value {
        Value::Map(entries) => {
            let mut sorted: Vec<(Vec<u8>, Value, Value)> = entries
                .iter()
                .map(|(k, v)| {
                    let k = canonicalize(k);
                    (encode_plain(&k), k, canonicalize(v))
                })
                .collect();
            sorted.sort_by(|a, b| canonical_key_order(&a.0, &b.0));
            Value::Map(sorted.into_iter().map(|(_, k, v)| (k, v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(canonicalize).collect()),
        Value::Tag(tag, inner) => Value::Tag(*tag, Box::new(canonicalize(inner))),
        other => other.clone(),
    }
}

fn encode_plain(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = ciborium::ser::into_writer(value, &mut out);
    out
}

/// CTAP2 canonical ordering of two encoded keys: major type, then length, then bytes.
pub fn canonical_key_order(a: &[u8], b: &[u8]) -> Ordering {
    let major = |k: &[u8]| k.first().map(|b| b >> 5).unwrap_or(0);
    major(a).cmp(&major(b)).then(a.len().cmp(&b.len())).then_with(|| a.cmp(b))
}

/// Decode exactly one CBOR item from bytes a peer sent: bounded size and depth, no trailing
/// bytes, no duplicate map keys.
pub fn decode(bytes: &[u8]) -> Result<Value, CborError> {
    if bytes.len() > MAX_MESSAGE {
        return Err(CborError::TooLarge);
    }
    let mut reader = bytes;
    let value: Value =
        ciborium::de::from_reader_with_recursion_limit(&mut reader, MAX_DEPTH + 1).map_err(|e| match e {
            ciborium::de::Error::RecursionLimitExceeded => CborError::TooDeep,
            other => CborError::Malformed(other.to_string()),
        })?;
    if !reader.is_empty() {
        return Err(CborError::TrailingBytes);
    }
    check_structure(&value, 0)?;
    Ok(value)
}

fn check_structure(value: &Value, depth: usize) -> Result<(), CborError> {
    if depth > MAX_DEPTH {
        return Err(CborError::TooDeep);
    }
    match value {
        Value::Map(entries) => {
            let mut keys: Vec<Vec<u8>> = entries.iter().map(|(k, _)| encode_plain(k)).collect();
            keys.sort();
            if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
                return Err(CborError::DuplicateKey(hex::encode(&w[0])));
            }
            for (k, v) in entries {
                check_structure(k, depth + 1)?;
                check_structure(v, depth + 1)?;
            }
        }
        Value::Array(items) => {
            for item in items {
                check_structure(item, depth + 1)?;
            }
        }
        Value::Tag(_, inner) => check_structure(inner, depth + 1)?,
        _ => {}
    }
    Ok(())
}

/// Is this encoding already in CTAP2 canonical form? (Used by the virtual key, which, like
/// strict authenticators, rejects non-canonical requests.)
pub fn is_canonical(bytes: &[u8]) -> bool {
    match decode(bytes) {
        Ok(v) => encode(&v) == bytes,
        Err(_) => false,
    }
}

// ---- building values -------------------------------------------------------------------

pub fn int(i: i64) -> Value {
    Value::Integer(Integer::from(i))
}
pub fn uint(i: u64) -> Value {
    Value::Integer(Integer::from(i))
}
pub fn bytes(b: &[u8]) -> Value {
    Value::Bytes(b.to_vec())
}
pub fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// A map with integer keys, the usual CTAP request/response shape. `None` values are left out.
pub fn int_map<I: IntoIterator<Item = (i64, Option<Value>)>>(entries: I) -> Value {
    Value::Map(entries.into_iter().filter_map(|(k, v)| v.map(|v| (int(k), v))).collect())
}

// ---- reading values --------------------------------------------------------------------

/// Read-only view of a CBOR map with typed, error-returning accessors (never panics).
pub struct MapView<'a> {
    entries: &'a [(Value, Value)],
    what: &'static str,
}

impl<'a> MapView<'a> {
    pub fn new(value: &'a Value, what: &'static str) -> Result<Self, CborError> {
        match value {
            Value::Map(entries) => Ok(Self { entries, what }),
            _ => Err(CborError::WrongType(what.to_string())),
        }
    }

    pub fn entries(&self) -> &'a [(Value, Value)] {
        self.entries
    }

    pub fn get(&self, key: i64) -> Option<&'a Value> {
        self.entries.iter().find(|(k, _)| as_i64(k) == Some(key)).map(|(_, v)| v)
    }

    pub fn get_text_key(&self, key: &str) -> Option<&'a Value> {
        self.entries.iter().find(|(k, _)| matches!(k, Value::Text(t) if t == key)).map(|(_, v)| v)
    }

    fn name(&self, key: i64) -> String {
        format!("{} 0x{:02x}", self.what, key)
    }

    pub fn require(&self, key: i64) -> Result<&'a Value, CborError> {
        self.get(key).ok_or_else(|| CborError::Missing(self.name(key)))
    }

    pub fn opt_bytes(&self, key: i64) -> Result<Option<&'a [u8]>, CborError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bytes(b)) => Ok(Some(b)),
            Some(_) => Err(CborError::WrongType(self.name(key))),
        }
    }
    pub fn req_bytes(&self, key: i64) -> Result<&'a [u8], CborError> {
        self.opt_bytes(key)?.ok_or_else(|| CborError::Missing(self.name(key)))
    }
    pub fn opt_text(&self, key: i64) -> Result<Option<&'a str>, CborError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Text(t)) => Ok(Some(t)),
            Some(_) => Err(CborError::WrongType(self.name(key))),
        }
    }
    pub fn req_text(&self, key: i64) -> Result<&'a str, CborError> {
        self.opt_text(key)?.ok_or_else(|| CborError::Missing(self.name(key)))
    }
    pub fn opt_u64(&self, key: i64) -> Result<Option<u64>, CborError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => as_u64(v).map(Some).ok_or_else(|| CborError::WrongType(self.name(key))),
        }
    }
    pub fn req_u64(&self, key: i64) -> Result<u64, CborError> {
        self.opt_u64(key)?.ok_or_else(|| CborError::Missing(self.name(key)))
    }
    pub fn opt_i64(&self, key: i64) -> Result<Option<i64>, CborError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => as_i64(v).map(Some).ok_or_else(|| CborError::WrongType(self.name(key))),
        }
    }
    pub fn opt_bool(&self, key: i64) -> Result<Option<bool>, CborError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(CborError::WrongType(self.name(key))),
        }
    }
    pub fn opt_map(&self, key: i64) -> Result<Option<MapView<'a>>, CborError> {
        match self.get(key) {
            None => Ok(None),
            Some(v @ Value::Map(_)) => Ok(Some(MapView::new(v, self.what)?)),
            Some(_) => Err(CborError::WrongType(self.name(key))),
        }
    }
    pub fn opt_array(&self, key: i64) -> Result<Option<&'a [Value]>, CborError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(_) => Err(CborError::WrongType(self.name(key))),
        }
    }
}

pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Integer(i) => i64::try_from(*i).ok(),
        _ => None,
    }
}
pub fn as_u64(v: &Value) -> Option<u64> {
    match v {
        Value::Integer(i) => u64::try_from(*i).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_keys_sort_positive_first_then_by_length() {
        // {-1: 0, 24: 0, 1: 0, -25: 0}: major type 0 before 1, then shorter encodings.
        let v = Value::Map(vec![(int(-1), int(0)), (int(24), int(0)), (int(1), int(0)), (int(-25), int(0))]);
        assert_eq!(hex::encode(encode(&v)), "a4010018180020003818 00".replace(' ', ""));
    }

    #[test]
    fn text_keys_sort_by_length_then_bytes() {
        let v = Value::Map(vec![
            (text("displayName"), text("Alice")),
            (text("name"), text("alice")),
            (text("id"), bytes(&[1, 2, 3])),
        ]);
        // Same bytes python-fido2 sends for this user entity (shared/vectors ctap2_requests).
        assert_eq!(
            hex::encode(encode(&v)),
            "a362696443010203646e616d6565616c6963656b646973706c61794e616d6565416c696365"
        );
    }

    #[test]
    fn shortest_integer_forms() {
        for (n, expected) in [
            (0i64, "00"),
            (23, "17"),
            (24, "1818"),
            (255, "18ff"),
            (256, "190100"),
            (65536, "1a00010000"),
            (-1, "20"),
            (-25, "3818"),
            (-257, "390100"),
        ] {
            assert_eq!(hex::encode(encode(&int(n))), expected, "{n}");
        }
        assert_eq!(hex::encode(encode(&uint(1 << 32))), "1b0000000100000000");
    }

    #[test]
    fn nested_maps_are_sorted_and_lengths_definite() {
        let v = int_map([
            (2, Some(int_map([(3, Some(int(1))), (1, Some(bytes(&[])))]))),
            (1, Some(Value::Array(vec![text("a")]))),
            (9, None),
        ]);
        assert_eq!(hex::encode(encode(&v)), "a20181616102a2014003 01".replace(' ', ""));
    }

    #[test]
    fn decode_rejects_trailing_bytes_duplicates_depth_and_garbage() {
        assert_eq!(decode(&[0x01, 0x02]), Err(CborError::TrailingBytes));
        assert!(matches!(decode(&[0xa2, 0x01, 0x01, 0x01, 0x02]), Err(CborError::DuplicateKey(_))));
        let deep: Vec<u8> = std::iter::repeat_n(0x81u8, 40).chain([0x00]).collect();
        assert_eq!(decode(&deep), Err(CborError::TooDeep));
        assert!(matches!(decode(&[0x5a, 0xff, 0xff, 0xff, 0xff]), Err(CborError::Malformed(_))));
        assert!(matches!(decode(&[]), Err(CborError::Malformed(_))));
        assert_eq!(decode(&vec![0u8; MAX_MESSAGE + 1]), Err(CborError::TooLarge));
    }

    #[test]
    fn canonical_check() {
        assert!(is_canonical(&[0xa2, 0x01, 0x00, 0x02, 0x00]));
        assert!(!is_canonical(&[0xa2, 0x02, 0x00, 0x01, 0x00]));
        assert!(!is_canonical(&[0x18, 0x01])); // 1 in a two-byte form
    }

    #[test]
    fn map_view_reports_missing_and_wrong_types() {
        let v = int_map([(1, Some(text("x"))), (2, Some(uint(5)))]);
        let m = MapView::new(&v, "response").unwrap();
        assert_eq!(m.req_text(1).unwrap(), "x");
        assert_eq!(m.req_u64(2).unwrap(), 5);
        assert_eq!(m.req_bytes(1), Err(CborError::WrongType("response 0x01".into())));
        assert_eq!(m.req_bytes(3), Err(CborError::Missing("response 0x03".into())));
    }
}
