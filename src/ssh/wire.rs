//! The SSH wire encoding (RFC 4251 §5) that key blobs and key files are made of.

/// A growing SSH wire buffer.
#[derive(Debug, Default, Clone)]
pub struct Writer(Vec<u8>);

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }

    /// uint32, big-endian.
    pub fn u32(&mut self, value: u32) -> &mut Self {
        self.0.extend_from_slice(&value.to_be_bytes());
        self
    }

    pub fn u8(&mut self, value: u8) -> &mut Self {
        self.0.push(value);
        self
    }

    /// string: uint32 length, then the bytes. Lengths here are key material and names, far
    /// below 4 GiB; a longer input is cut off at the length written (never happens in practice).
    pub fn string(&mut self, bytes: &[u8]) -> &mut Self {
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        self.u32(len);
        self.0.extend_from_slice(&bytes[..len as usize]);
        self
    }

    /// Bytes as they are, with no length.
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.extend_from_slice(bytes);
        self
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_integers() {
        let mut w = Writer::new();
        w.u32(0x0102_0304).string(b"ssh").u8(0x21).string(b"").raw(b"x");
        assert_eq!(w.into_bytes(), b"\x01\x02\x03\x04\0\0\0\x03ssh\x21\0\0\0\0x".to_vec());
    }
}
