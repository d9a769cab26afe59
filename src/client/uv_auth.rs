//! What produces pinUvAuthParam for a request: a PIN/UV token, or a test double with a known
//! token, so request encodings can be checked byte for byte.

use super::pin::PinToken;

pub trait UvAuth {
    fn protocol_number(&self) -> u8;
    fn authenticate(&self, message: &[u8]) -> Vec<u8>;
}

impl UvAuth for PinToken {
    fn protocol_number(&self) -> u8 {
        self.protocol.number()
    }
    fn authenticate(&self, message: &[u8]) -> Vec<u8> {
        PinToken::authenticate(self, message)
    }
}

/// A known token through the real PIN protocol (tests only).
#[cfg(test)]
pub(crate) struct TestToken(pub crate::proto::pin_protocol::PinProtocol, pub Vec<u8>);

#[cfg(test)]
impl UvAuth for TestToken {
    fn protocol_number(&self) -> u8 {
        self.0.number()
    }
    fn authenticate(&self, message: &[u8]) -> Vec<u8> {
        self.0.authenticate(&self.1, message)
    }
}

/// The token python-fido2 known answers in this crate were made with: bytes(range(0x40, 0x60)),
/// PIN/UV protocol 2.
#[cfg(test)]
pub(crate) fn python_test_token() -> TestToken {
    TestToken(crate::proto::pin_protocol::PinProtocol::V2, (0x40u8..0x60).collect())
}
