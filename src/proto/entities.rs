//! WebAuthn entities as CTAP2 carries them (text-keyed maps): relying party, user, credential
//! descriptor. Both the host and the virtual key read and write these.

use super::cbor::{self, CborError};
use ciborium::value::Value;

/// Longest user id the specification allows.
pub const MAX_USER_ID: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RelyingParty {
    pub id: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    pub id: Vec<u8>,
    pub name: Option<String>,
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialDescriptor {
    pub id: Vec<u8>,
}

fn text_map(value: &Value, what: &str) -> Result<Vec<(String, Value)>, CborError> {
    let Value::Map(entries) = value else { return Err(CborError::WrongType(what.to_string())) };
    entries
        .iter()
        .map(|(k, v)| match k {
            Value::Text(t) => Ok((t.clone(), v.clone())),
            _ => Err(CborError::WrongType(format!("{what} key"))),
        })
        .collect()
}

fn opt_text(entries: &[(String, Value)], key: &str, what: &str) -> Result<Option<String>, CborError> {
    match entries.iter().find(|(k, _)| k == key) {
        None => Ok(None),
        Some((_, Value::Text(t))) => Ok(Some(t.clone())),
        Some(_) => Err(CborError::WrongType(format!("{what}.{key}"))),
    }
}

impl RelyingParty {
    pub fn to_value(&self) -> Value {
        let mut m = vec![(cbor::text("id"), cbor::text(&self.id))];
        if let Some(n) = &self.name {
            m.push((cbor::text("name"), cbor::text(n)));
        }
        Value::Map(m)
    }

    pub fn from_value(v: &Value) -> Result<RelyingParty, CborError> {
        let e = text_map(v, "rp")?;
        Ok(RelyingParty {
            id: opt_text(&e, "id", "rp")?.ok_or_else(|| CborError::Missing("rp.id".into()))?,
            name: opt_text(&e, "name", "rp")?,
        })
    }
}

impl User {
    pub fn to_value(&self) -> Value {
        let mut m = vec![(cbor::text("id"), cbor::bytes(&self.id))];
        if let Some(n) = &self.name {
            m.push((cbor::text("name"), cbor::text(n)));
        }
        if let Some(d) = &self.display_name {
            m.push((cbor::text("displayName"), cbor::text(d)));
        }
        Value::Map(m)
    }

    pub fn from_value(v: &Value) -> Result<User, CborError> {
        let e = text_map(v, "user")?;
        let id = match e.iter().find(|(k, _)| k == "id") {
            Some((_, Value::Bytes(b))) if b.len() <= MAX_USER_ID => b.clone(),
            Some((_, Value::Bytes(_))) => return Err(CborError::WrongType("user.id (longer than 64 bytes)".into())),
            Some(_) => return Err(CborError::WrongType("user.id".into())),
            None => return Err(CborError::Missing("user.id".into())),
        };
        Ok(User { id, name: opt_text(&e, "name", "user")?, display_name: opt_text(&e, "displayName", "user")? })
    }
}

impl CredentialDescriptor {
    pub fn to_value(&self) -> Value {
        Value::Map(vec![(cbor::text("id"), cbor::bytes(&self.id)), (cbor::text("type"), cbor::text("public-key"))])
    }

    /// `None` for a descriptor of a type other than public-key (to be ignored, as the spec says).
    pub fn from_value(v: &Value) -> Result<Option<CredentialDescriptor>, CborError> {
        let e = text_map(v, "credential descriptor")?;
        let kind = opt_text(&e, "type", "credential descriptor")?
            .ok_or_else(|| CborError::Missing("credential descriptor type".into()))?;
        let id = match e.iter().find(|(k, _)| k == "id") {
            Some((_, Value::Bytes(b))) => b.clone(),
            Some(_) => return Err(CborError::WrongType("credential descriptor id".into())),
            None => return Err(CborError::Missing("credential descriptor id".into())),
        };
        Ok((kind == "public-key").then_some(CredentialDescriptor { id }))
    }
}

/// pubKeyCredParams entry: {"alg": alg, "type": "public-key"}.
pub fn credential_parameter(alg: i64) -> Value {
    Value::Map(vec![(cbor::text("alg"), cbor::int(alg)), (cbor::text("type"), cbor::text("public-key"))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_encodes_like_python_fido2() {
        let u = User { id: vec![1, 2, 3], name: Some("alice".into()), display_name: Some("Alice".into()) };
        assert_eq!(
            hex::encode(cbor::encode(&u.to_value())),
            "a362696443010203646e616d6565616c6963656b646973706c61794e616d6565416c696365"
        );
        assert_eq!(User::from_value(&u.to_value()).unwrap(), u);
    }

    #[test]
    fn descriptor_round_trip_and_foreign_types() {
        let d = CredentialDescriptor { id: vec![0xbb; 16] };
        assert_eq!(CredentialDescriptor::from_value(&d.to_value()).unwrap(), Some(d));
        let other = Value::Map(vec![(cbor::text("id"), cbor::bytes(&[1])), (cbor::text("type"), cbor::text("other"))]);
        assert_eq!(CredentialDescriptor::from_value(&other).unwrap(), None);
    }

    #[test]
    fn hostile_entities_are_errors() {
        assert!(User::from_value(&cbor::int(1)).is_err());
        let long_id = Value::Map(vec![(cbor::text("id"), cbor::bytes(&[0; 65]))]);
        assert!(User::from_value(&long_id).is_err());
        assert!(RelyingParty::from_value(&Value::Map(vec![])).is_err());
    }
}
