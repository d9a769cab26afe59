//! CTAP 2.2 values encrypted under a persistent read-only token (permission pcmr):
//! getInfo encIdentifier (0x19) and encCredStoreState (0x1E). Each is a 16-byte IV followed
//! by AES-128-CBC ciphertext (no padding) under HKDF-SHA-256(salt = 32 zero bytes, the token,
//! info = the field's name, 16 bytes).

use aes::Aes128;
use cbc::cipher::{block_padding::NoPadding, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hkdf::Hkdf;
use sha2::Sha256;

/// HKDF info for encIdentifier.
pub const IDENTIFIER_INFO: &[u8] = b"encIdentifier";
/// HKDF info for encCredStoreState.
pub const CRED_STORE_STATE_INFO: &[u8] = b"encCredStoreState";

/// Both values are 16 bytes in the clear; a key that sends more is not believed.
pub const PLAINTEXT_LEN: usize = 16;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EncryptedFieldError {
    #[error("the encrypted value is {0} bytes long instead of 32 (a 16-byte IV and one AES block)")]
    Length(usize),
    #[error("the token is empty")]
    EmptyToken,
}

fn derive(token: &[u8], info: &[u8]) -> Result<[u8; 16], EncryptedFieldError> {
    if token.is_empty() {
        return Err(EncryptedFieldError::EmptyToken);
    }
    let mut key = [0u8; 16];
    // 16 bytes is far below HKDF-SHA-256's limit, so expand cannot fail.
    Hkdf::<Sha256>::new(Some(&[0u8; 32]), token).expand(info, &mut key).map_err(|_| EncryptedFieldError::EmptyToken)?;
    Ok(key)
}

/// Decrypt one field. Anything but exactly IV + one block is refused: hostile input never
/// makes us decrypt (or allocate) more than that.
pub fn decrypt(token: &[u8], info: &[u8], encrypted: &[u8]) -> Result<[u8; PLAINTEXT_LEN], EncryptedFieldError> {
    if encrypted.len() != 16 + PLAINTEXT_LEN {
        return Err(EncryptedFieldError::Length(encrypted.len()));
    }
    let key = derive(token, info)?;
    let (iv, ct) = encrypted.split_at(16);
    let mut block = [0u8; PLAINTEXT_LEN];
    block.copy_from_slice(ct);
    let iv: [u8; 16] = iv.try_into().map_err(|_| EncryptedFieldError::Length(encrypted.len()))?;
    cbc::Decryptor::<Aes128>::new(&key.into(), &iv.into())
        .decrypt_padded_mut::<NoPadding>(&mut block)
        .map_err(|_| EncryptedFieldError::Length(encrypted.len()))?;
    Ok(block)
}

/// Encrypt one field with the given IV (the virtual key picks a random one each time).
pub fn encrypt(
    token: &[u8],
    info: &[u8],
    iv: &[u8; 16],
    plaintext: &[u8; PLAINTEXT_LEN],
) -> Result<Vec<u8>, EncryptedFieldError> {
    let key = derive(token, info)?;
    let ct = cbc::Encryptor::<Aes128>::new(&key.into(), iv.into()).encrypt_padded_vec_mut::<NoPadding>(plaintext);
    Ok([iv.as_slice(), &ct].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: [u8; 32] = {
        let mut t = [0u8; 32];
        let mut i = 0;
        while i < 32 {
            t[i] = i as u8;
            i += 1;
        }
        t
    };

    /// Made with python-fido2 2.2.1 (HKDF + AES-CBC from `cryptography`, the same
    /// derivation as `Info.get_identifier` / `get_cred_store_state`, which decrypt these back):
    /// token = 00..1f, IV = 16 x 0x10.
    const IDENTIFIER_ENC: &str = "101010101010101010101010101010101d48f6ca5e03c5649f5ece2ff3a9c008";
    const STATE_ENC: &str = "1010101010101010101010101010101005d1d2760b196818660b5d6d5bd21e0b";

    #[test]
    fn known_answers_from_python_fido2() {
        let id = decrypt(&TOKEN, IDENTIFIER_INFO, &hex::decode(IDENTIFIER_ENC).unwrap()).unwrap();
        assert_eq!(id, [0xaa; 16]);
        let state = decrypt(&TOKEN, CRED_STORE_STATE_INFO, &hex::decode(STATE_ENC).unwrap()).unwrap();
        assert_eq!(hex::encode(state), "6465666768696a6b6c6d6e6f70717273");
        assert_eq!(hex::encode(encrypt(&TOKEN, IDENTIFIER_INFO, &[0x10; 16], &[0xaa; 16]).unwrap()), IDENTIFIER_ENC);
    }

    #[test]
    fn the_label_and_the_token_matter() {
        let enc = hex::decode(IDENTIFIER_ENC).unwrap();
        assert_ne!(decrypt(&TOKEN, CRED_STORE_STATE_INFO, &enc).unwrap(), [0xaa; 16]);
        assert_ne!(decrypt(&[1u8; 32], IDENTIFIER_INFO, &enc).unwrap(), [0xaa; 16]);
    }

    #[test]
    fn hostile_lengths_are_refused() {
        for len in [0usize, 1, 16, 31, 33, 48, 4096] {
            assert_eq!(decrypt(&TOKEN, IDENTIFIER_INFO, &vec![7u8; len]), Err(EncryptedFieldError::Length(len)));
        }
        assert_eq!(decrypt(&[], IDENTIFIER_INFO, &[0u8; 32]), Err(EncryptedFieldError::EmptyToken));
    }
}
