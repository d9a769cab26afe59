//! authenticatorMakeCredential and authenticatorGetAssertion (+ getNextAssertion), typed.

use super::attestation::AttestationObject;
use super::pin::PinToken;
use super::{Authenticator, Call, ClientError};
use crate::proto::auth_data::AuthenticatorData;
use crate::proto::cbor::{self, MapView};
use crate::proto::ctap2::{command, get_assertion as ga, make_credential as mc};
use crate::proto::entities::{credential_parameter, CredentialDescriptor, RelyingParty, User};
use ciborium::value::Value;

/// A key may claim more assertions than anyone has credentials for one site.
pub const MAX_ASSERTIONS: u64 = 1000;

#[derive(Debug, Clone, Default)]
pub struct MakeCredentialRequest {
    pub client_data_hash: [u8; 32],
    pub rp: RelyingParty,
    pub user: User,
    /// COSE algorithms in order of preference.
    pub algorithms: Vec<i64>,
    pub exclude_list: Vec<Vec<u8>>,
    /// Discoverable (resident) credential.
    pub resident: bool,
    /// credProtect level 1-3.
    pub cred_protect: Option<u8>,
    pub hmac_secret: bool,
}

#[derive(Debug, Clone, Default)]
pub struct GetAssertionRequest {
    pub rp_id: String,
    pub client_data_hash: [u8; 32],
    pub allow_list: Vec<Vec<u8>>,
    /// false = a silent check (no touch) whether the key knows a credential.
    pub user_presence: bool,
}

#[derive(Debug, Clone)]
pub struct Assertion {
    pub credential_id: Vec<u8>,
    pub auth_data_raw: Vec<u8>,
    pub auth_data: AuthenticatorData,
    pub signature: Vec<u8>,
    pub user: Option<User>,
    pub number_of_credentials: Option<u64>,
}

fn extensions_for(req: &MakeCredentialRequest) -> Option<Value> {
    let mut ext = Vec::new();
    if let Some(level) = req.cred_protect {
        ext.push((cbor::text("credProtect"), cbor::uint(u64::from(level))));
    }
    if req.hmac_secret {
        ext.push((cbor::text("hmac-secret"), Value::Bool(true)));
    }
    (!ext.is_empty()).then_some(Value::Map(ext))
}

/// The request map (pure, so its encoding can be compared with other implementations').
pub fn make_credential_request(req: &MakeCredentialRequest, auth: Option<(u8, Vec<u8>)>) -> Value {
    let exclude = (!req.exclude_list.is_empty()).then(|| {
        Value::Array(req.exclude_list.iter().map(|id| CredentialDescriptor { id: id.clone() }.to_value()).collect())
    });
    let options = req.resident.then(|| Value::Map(vec![(cbor::text("rk"), Value::Bool(true))]));
    cbor::int_map([
        (mc::CLIENT_DATA_HASH, Some(cbor::bytes(&req.client_data_hash))),
        (mc::RP, Some(req.rp.to_value())),
        (mc::USER, Some(req.user.to_value())),
        (
            mc::PUB_KEY_CRED_PARAMS,
            Some(Value::Array(req.algorithms.iter().map(|a| credential_parameter(*a)).collect())),
        ),
        (mc::EXCLUDE_LIST, exclude),
        (mc::EXTENSIONS, extensions_for(req)),
        (mc::OPTIONS, options),
        (mc::PIN_UV_AUTH_PARAM, auth.as_ref().map(|(_, p)| cbor::bytes(p))),
        (mc::PIN_UV_AUTH_PROTOCOL, auth.as_ref().map(|(v, _)| cbor::uint(u64::from(*v)))),
    ])
}

/// makeCredential; with a token, pinUvAuthParam = authenticate(token, clientDataHash) (UV).
pub fn make_credential(
    auth: &mut Authenticator,
    req: &MakeCredentialRequest,
    token: Option<&PinToken>,
) -> Result<AttestationObject, ClientError> {
    let pin_auth = token.map(|t| (t.protocol.number(), t.authenticate(&req.client_data_hash)));
    let request = make_credential_request(req, pin_auth);
    let answer =
        auth.call(command::MAKE_CREDENTIAL, Some(&request), Call { may_need_touch: true, sensitive: false })?;
    let answer = answer.ok_or_else(|| ClientError::Malformed("the makeCredential answer is empty".into()))?;
    AttestationObject::from_ctap_response(&answer).map_err(|e| ClientError::Malformed(e.to_string()))
}

pub fn get_assertion_request(req: &GetAssertionRequest, auth: Option<(u8, Vec<u8>)>) -> Value {
    let allow = (!req.allow_list.is_empty()).then(|| {
        Value::Array(req.allow_list.iter().map(|id| CredentialDescriptor { id: id.clone() }.to_value()).collect())
    });
    let options = (!req.user_presence).then(|| Value::Map(vec![(cbor::text("up"), Value::Bool(false))]));
    cbor::int_map([
        (ga::RP_ID, Some(cbor::text(&req.rp_id))),
        (ga::CLIENT_DATA_HASH, Some(cbor::bytes(&req.client_data_hash))),
        (ga::ALLOW_LIST, allow),
        (ga::OPTIONS, options),
        (ga::PIN_UV_AUTH_PARAM, auth.as_ref().map(|(_, p)| cbor::bytes(p))),
        (ga::PIN_UV_AUTH_PROTOCOL, auth.as_ref().map(|(v, _)| cbor::uint(u64::from(*v)))),
    ])
}

/// getAssertion, then getNextAssertion for every further credential the key reports.
pub fn get_assertions(
    auth: &mut Authenticator,
    req: &GetAssertionRequest,
    token: Option<&PinToken>,
) -> Result<Vec<Assertion>, ClientError> {
    let pin_auth = token.map(|t| (t.protocol.number(), t.authenticate(&req.client_data_hash)));
    let request = get_assertion_request(req, pin_auth);
    let touch = Call { may_need_touch: req.user_presence, sensitive: false };
    let first = auth.call(command::GET_ASSERTION, Some(&request), touch)?;
    let first = parse_assertion(first, &req.allow_list)?;
    let total = first.number_of_credentials.unwrap_or(1).min(MAX_ASSERTIONS);
    let mut out = vec![first];
    for _ in 1..total {
        let next = auth.call(command::GET_NEXT_ASSERTION, None, Call::default())?;
        out.push(parse_assertion(next, &req.allow_list)?);
    }
    Ok(out)
}

pub fn parse_assertion(answer: Option<Value>, allow_list: &[Vec<u8>]) -> Result<Assertion, ClientError> {
    let answer = answer.ok_or_else(|| ClientError::Malformed("the getAssertion answer is empty".into()))?;
    let m = MapView::new(&answer, "getAssertion")?;
    let auth_data_raw = m.req_bytes(ga::response::AUTH_DATA)?.to_vec();
    let auth_data = AuthenticatorData::parse(&auth_data_raw).map_err(|e| ClientError::Malformed(e.to_string()))?;
    // The credential may be left out when the allow list named exactly one.
    let credential_id = match m.get(ga::response::CREDENTIAL) {
        Some(v) => {
            CredentialDescriptor::from_value(v)?
                .ok_or_else(|| ClientError::Malformed("a credential of a type other than public-key".into()))?
                .id
        }
        None if allow_list.len() == 1 => allow_list[0].clone(),
        None => return Err(ClientError::Malformed("the assertion does not say which credential signed it".into())),
    };
    Ok(Assertion {
        credential_id,
        auth_data_raw,
        auth_data,
        signature: m.req_bytes(ga::response::SIGNATURE)?.to_vec(),
        user: m.get(ga::response::USER).map(User::from_value).transpose()?,
        number_of_credentials: m.opt_u64(ga::response::NUMBER_OF_CREDENTIALS)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::test_vectors::{param_of, request_hex};
    use crate::proto::ctap2::alg;

    #[test]
    fn requests_match_python_fido2() {
        let cdh: [u8; 32] = hex::decode("68fc5059dc8435ac151dc60aed97bc05f5aa999752db35fe3d5649d7152079cf")
            .unwrap()
            .try_into()
            .unwrap();
        // python-fido2 states the default up=true explicitly; we leave defaults out. Compare
        // with that one option removed from its request.
        let expected = request_hex("getAssertion with allowList");
        let mut theirs = cbor::decode(&hex::decode(&expected).unwrap()[1..]).unwrap();
        if let Value::Map(entries) = &mut theirs {
            entries.retain(|(k, v)| {
                !(cbor::as_i64(k) == Some(ga::OPTIONS) && *v == Value::Map(vec![(cbor::text("up"), Value::Bool(true))]))
            });
        }
        let ours = get_assertion_request(
            &GetAssertionRequest {
                rp_id: "example.com".into(),
                client_data_hash: cdh,
                allow_list: vec![vec![0xaa; 32]],
                user_presence: true,
            },
            None,
        );
        assert_eq!(hex::encode(cbor::encode(&ours)), hex::encode(cbor::encode(&theirs)));

        let expected = request_hex("makeCredential rk es256+eddsa credProtect=2 with PIN auth (protocol 2)");
        let param = param_of(&expected, mc::PIN_UV_AUTH_PARAM);
        let req = MakeCredentialRequest {
            client_data_hash: cdh,
            rp: RelyingParty { id: "example.com".into(), name: Some("Example".into()) },
            user: User { id: vec![1, 2, 3], name: Some("alice".into()), display_name: Some("Alice".into()) },
            algorithms: vec![alg::ES256, alg::EDDSA],
            exclude_list: vec![],
            resident: true,
            cred_protect: Some(2),
            hmac_secret: false,
        };
        let ours = make_credential_request(&req, Some((2, param)));
        assert_eq!(format!("01{}", hex::encode(cbor::encode(&ours))), expected);
    }
}
