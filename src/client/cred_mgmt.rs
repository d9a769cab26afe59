//! authenticatorCredentialManagement (0x0A, or the FIDO_2_1_PRE preview 0x41): metadata,
//! enumeration, delete and update of discoverable credentials, with one PIN token per run.

use super::pin::PinToken;
use super::{Authenticator, Call, ClientError};
use crate::proto::cbor::{self, MapView};
use crate::proto::cose::CoseKey;
use crate::proto::ctap2::credential_management as cm;
use crate::proto::entities::{CredentialDescriptor, RelyingParty, User};
use crate::proto::status::CtapStatus;
use ciborium::value::Value;

/// A hostile key could claim billions of entries; nobody has more than this.
const MAX_ENTRIES: u64 = 10_000;

pub use crate::proto::get_info::Flavor;

/// `None` when the key has no credential management at all.
pub fn flavor(auth: &mut Authenticator) -> Result<Option<Flavor>, ClientError> {
    Ok(auth.info()?.cred_mgmt())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metadata {
    pub existing: u64,
    pub remaining: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpEntry {
    pub rp: RelyingParty,
    pub rp_id_hash: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CredentialEntry {
    pub user: User,
    pub credential_id: Vec<u8>,
    /// The COSE key as sent; `alg` read from it when possible.
    pub public_key: Value,
    pub algorithm: Option<i64>,
    pub cred_protect: Option<u64>,
    /// The credential's largeBlobKey (0x0B), when it has one: opens its large blob.
    pub large_blob_key: Option<Vec<u8>>,
}

pub struct CredentialManager<'a> {
    auth: &'a mut Authenticator,
    token: &'a PinToken,
    flavor: Flavor,
}

impl<'a> CredentialManager<'a> {
    pub fn new(auth: &'a mut Authenticator, token: &'a PinToken, flavor: Flavor) -> Self {
        CredentialManager { auth, token, flavor }
    }

    fn call(&mut self, sub: u8, params: Option<Value>, authenticated: bool) -> Result<Option<Value>, ClientError> {
        let auth = authenticated
            .then(|| (self.token.protocol.number(), self.token.authenticate(&auth_message(sub, params.as_ref()))));
        let req = request(sub, params, auth.as_ref().map(|(p, a)| (*p, a.as_slice())));
        self.auth.call(self.flavor.command(), Some(&req), Call::default())
    }

    pub fn metadata(&mut self) -> Result<Metadata, ClientError> {
        let answer = self.call(cm::sub::GET_CREDS_METADATA, None, true)?.ok_or_else(|| empty("getCredsMetadata"))?;
        let m = MapView::new(&answer, "getCredsMetadata")?;
        Ok(Metadata {
            existing: m.req_u64(cm::response::EXISTING_RESIDENT_CREDENTIALS_COUNT)?,
            remaining: m.req_u64(cm::response::MAX_POSSIBLE_REMAINING_RESIDENT_CREDENTIALS_COUNT)?,
        })
    }

    pub fn relying_parties(&mut self) -> Result<Vec<RpEntry>, ClientError> {
        let first = match self.call(cm::sub::ENUMERATE_RPS_BEGIN, None, true) {
            Err(ClientError::Status { status: CtapStatus::NoCredentials, .. }) => return Ok(Vec::new()),
            other => other?.ok_or_else(|| empty("enumerateRPsBegin"))?,
        };
        let m = MapView::new(&first, "enumerateRPs")?;
        let total = m.opt_u64(cm::response::TOTAL_RPS)?.unwrap_or(0);
        if total > MAX_ENTRIES {
            return Err(ClientError::Malformed(format!("the key claims {total} relying parties")));
        }
        let mut out = vec![rp_entry(&first)?];
        for _ in 1..total {
            let next =
                self.call(cm::sub::ENUMERATE_RPS_NEXT, None, false)?.ok_or_else(|| empty("enumerateRPsGetNextRP"))?;
            out.push(rp_entry(&next)?);
        }
        Ok(out)
    }

    pub fn credentials(&mut self, rp_id_hash: &[u8]) -> Result<Vec<CredentialEntry>, ClientError> {
        let params = cbor::int_map([(cm::param::RP_ID_HASH, Some(cbor::bytes(rp_id_hash)))]);
        let first = match self.call(cm::sub::ENUMERATE_CREDENTIALS_BEGIN, Some(params), true) {
            Err(ClientError::Status { status: CtapStatus::NoCredentials, .. }) => return Ok(Vec::new()),
            other => other?.ok_or_else(|| empty("enumerateCredentialsBegin"))?,
        };
        let m = MapView::new(&first, "enumerateCredentials")?;
        let total = m.opt_u64(cm::response::TOTAL_CREDENTIALS)?.unwrap_or(0);
        if total > MAX_ENTRIES {
            return Err(ClientError::Malformed(format!("the key claims {total} credentials")));
        }
        let mut out = vec![credential_entry(&first)?];
        for _ in 1..total {
            let next = self
                .call(cm::sub::ENUMERATE_CREDENTIALS_NEXT, None, false)?
                .ok_or_else(|| empty("enumerateCredentialsGetNextCredential"))?;
            out.push(credential_entry(&next)?);
        }
        Ok(out)
    }

    pub fn delete(&mut self, credential_id: &[u8]) -> Result<(), ClientError> {
        let id = CredentialDescriptor { id: credential_id.to_vec() }.to_value();
        let params = cbor::int_map([(cm::param::CREDENTIAL_ID, Some(id))]);
        match self.call(cm::sub::DELETE_CREDENTIAL, Some(params), true)? {
            None => Ok(()),
            Some(_) => Err(ClientError::Malformed("it answered with data where a success carries none".into())),
        }
    }

    /// The key replaces the whole user entity: pass every field, changed or not.
    pub fn update_user(&mut self, credential_id: &[u8], user: &User) -> Result<(), ClientError> {
        if self.flavor == Flavor::Preview {
            return Err(ClientError::Unsupported(
                "This key only has the preview version of credential management, which cannot change a credential's user name.".into(),
            ));
        }
        let id = CredentialDescriptor { id: credential_id.to_vec() }.to_value();
        let params = cbor::int_map([(cm::param::CREDENTIAL_ID, Some(id)), (cm::param::USER, Some(user.to_value()))]);
        match self.call(cm::sub::UPDATE_USER_INFORMATION, Some(params), true)? {
            None => Ok(()),
            Some(_) => Err(ClientError::Malformed("it answered with data where a success carries none".into())),
        }
    }
}

/// What pinUvAuthParam authenticates: subCommand || CBOR(subCommandParams).
pub fn auth_message(sub: u8, params: Option<&Value>) -> Vec<u8> {
    let mut message = vec![sub];
    if let Some(p) = params {
        message.extend(cbor::encode(p));
    }
    message
}

/// The request map; `auth` is (protocol, pinUvAuthParam) for the subcommands that carry it.
pub fn request(sub: u8, params: Option<Value>, auth: Option<(u8, &[u8])>) -> Value {
    cbor::int_map([
        (cm::SUB_COMMAND, Some(cbor::uint(u64::from(sub)))),
        (cm::SUB_COMMAND_PARAMS, params),
        (cm::PIN_UV_AUTH_PROTOCOL, auth.map(|(p, _)| cbor::uint(u64::from(p)))),
        (cm::PIN_UV_AUTH_PARAM, auth.map(|(_, a)| cbor::bytes(a))),
    ])
}

fn empty(what: &str) -> ClientError {
    ClientError::Malformed(format!("the {what} answer is empty"))
}

fn rp_entry(v: &Value) -> Result<RpEntry, ClientError> {
    let m = MapView::new(v, "enumerateRPs")?;
    let rp = RelyingParty::from_value(m.require(cm::response::RP)?)?;
    let hash = m.req_bytes(cm::response::RP_ID_HASH)?;
    if hash.len() != 32 {
        return Err(ClientError::Malformed(format!("rpIDHash is {} bytes", hash.len())));
    }
    Ok(RpEntry { rp, rp_id_hash: hash.to_vec() })
}

fn credential_entry(v: &Value) -> Result<CredentialEntry, ClientError> {
    let m = MapView::new(v, "enumerateCredentials")?;
    let user = User::from_value(m.require(cm::response::USER)?)?;
    let descriptor = CredentialDescriptor::from_value(m.require(cm::response::CREDENTIAL_ID)?)?
        .ok_or_else(|| ClientError::Malformed("a credential of a type other than public-key".into()))?;
    let public_key = m.require(cm::response::PUBLIC_KEY)?.clone();
    let algorithm = CoseKey::from_value(&public_key)
        .ok()
        .map(|k| k.alg())
        .or_else(|| MapView::new(&public_key, "publicKey").ok().and_then(|k| k.opt_i64(3).ok().flatten()));
    Ok(CredentialEntry {
        user,
        credential_id: descriptor.id,
        public_key,
        algorithm,
        cred_protect: m.opt_u64(cm::response::CRED_PROTECT)?,
        large_blob_key: m.opt_bytes(cm::response::LARGE_BLOB_KEY)?.map(<[u8]>::to_vec),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::test_vectors::{message_hex, param_of, request_hex};

    fn ours(sub: u8, params: Option<Value>, expected: &str) -> String {
        let auth = param_of(expected, cm::PIN_UV_AUTH_PARAM);
        let with_auth = !auth.is_empty();
        let req = request(sub, params, with_auth.then_some((2, auth.as_slice())));
        format!("0a{}", hex::encode(cbor::encode(&req)))
    }

    #[test]
    fn requests_match_python_fido2() {
        let hash = hex::decode("a379a6f6eeafb9a55e378c118034e2751e682fab9f2d30ab13d2125586ce1947").unwrap();
        let rp_params = cbor::int_map([(cm::param::RP_ID_HASH, Some(cbor::bytes(&hash)))]);
        let cred = CredentialDescriptor { id: vec![0xbb; 16] }.to_value();
        let user = User { id: vec![1, 2, 3], name: Some("bob".into()), display_name: Some("Bob".into()) };
        let cases: Vec<(&str, u8, Option<Value>)> = vec![
            ("credentialManagement getCredsMetadata", cm::sub::GET_CREDS_METADATA, None),
            ("credentialManagement enumerateRPsBegin", cm::sub::ENUMERATE_RPS_BEGIN, None),
            ("credentialManagement enumerateRPsGetNextRP", cm::sub::ENUMERATE_RPS_NEXT, None),
            (
                "credentialManagement enumerateCredentialsBegin",
                cm::sub::ENUMERATE_CREDENTIALS_BEGIN,
                Some(rp_params.clone()),
            ),
            (
                "credentialManagement deleteCredential",
                cm::sub::DELETE_CREDENTIAL,
                Some(cbor::int_map([(cm::param::CREDENTIAL_ID, Some(cred.clone()))])),
            ),
            (
                "credentialManagement updateUserInformation",
                cm::sub::UPDATE_USER_INFORMATION,
                Some(cbor::int_map([(cm::param::CREDENTIAL_ID, Some(cred)), (cm::param::USER, Some(user.to_value()))])),
            ),
        ];
        for (name, sub, params) in cases {
            let expected = request_hex(name);
            assert_eq!(ours(sub, params, &expected), expected, "{name}");
        }
        assert_eq!(
            hex::encode(auth_message(cm::sub::GET_CREDS_METADATA, None)),
            message_hex("credMgmt getCredsMetadata")
        );
        assert_eq!(
            hex::encode(auth_message(cm::sub::ENUMERATE_CREDENTIALS_BEGIN, Some(&rp_params))),
            message_hex("credMgmt enumerateCredentialsBegin")
        );
    }
}
