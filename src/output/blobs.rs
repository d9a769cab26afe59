//! Typed documents of `fidoctl blobs` (docs/json.md, "blobs").

use super::vocabulary::Device;
use super::Render;
use serde::Serialize;
use serde_json::Value;

/// The credential a blob belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct BlobOwner {
    pub credential_id: String,
    pub rp_id: String,
    pub user_name: Option<String>,
}

/// One element of the large-blob array.
#[derive(Debug, Clone, Serialize)]
pub struct BlobEntry {
    /// Position in the array.
    pub index: u64,
    /// Null for an orphan: no credential on the key opens it.
    pub owner: Option<BlobOwner>,
    pub orphan: bool,
    /// The data's size once decrypted (as the entry says); null for an element that is not an
    /// encrypted entry at all.
    pub size: Option<u64>,
    /// Bytes it takes on the key.
    pub stored_size: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlobList {
    pub device: Device,
    /// maxSerializedLargeBlobArray: what the key can store, in bytes.
    pub capacity: u64,
    /// The serialized array's size now, in bytes.
    pub used: u64,
    pub blobs: Vec<BlobEntry>,
}

impl Render for BlobList {
    fn json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn text(&self) -> String {
        let mut out = format!(
            "Large-blob storage: {} of {} bytes used, {} {}.\n",
            self.used,
            self.capacity,
            self.blobs.len(),
            if self.blobs.len() == 1 { "entry" } else { "entries" }
        );
        for b in &self.blobs {
            let size = b.size.map_or_else(|| format!("{} bytes stored", b.stored_size), |s| format!("{s} bytes"));
            match &b.owner {
                Some(o) => out.push_str(&format!(
                    "  {}  {}  {}  {}  {size}\n",
                    b.index,
                    o.credential_id,
                    super::text::escape_control(&o.rp_id),
                    super::text::user_words(o.user_name.as_deref(), None)
                )),
                None => out.push_str(&format!("  {}  orphan (no credential on this key owns it)  {size}\n", b.index)),
            }
        }
        let orphans = self.blobs.iter().filter(|b| b.orphan).count();
        if orphans > 0 {
            out.push_str(&format!(
                "{orphans} orphaned {} can be removed with `fidoctl blobs clear --orphans`.\n",
                if orphans == 1 { "entry" } else { "entries" }
            ));
        }
        out
    }
}

/// `blobs get`: where the bytes went; `data` (base64url) only when they went nowhere else.
#[derive(Debug, Clone, Serialize)]
pub struct BlobRead {
    pub device: Device,
    pub blob: BlobOwner,
    pub size: u64,
    /// The file written; null when the bytes are in `data`.
    pub file: Option<String>,
    pub data: Option<String>,
}

/// `blobs set` and `blobs delete`.
#[derive(Debug, Clone, Serialize)]
pub struct BlobChanged {
    pub device: Device,
    pub blob: BlobOwner,
    /// The size written (`set`); null for `delete`.
    pub size: Option<u64>,
    /// Bytes used on the key afterwards (null when not known).
    pub used: Option<u64>,
    pub capacity: u64,
}

/// `blobs clear`.
#[derive(Debug, Clone, Serialize)]
pub struct BlobsCleared {
    pub device: Device,
    /// `orphans` or `all`.
    pub scope: String,
    pub removed: u64,
    /// The storage was damaged before it was cleared.
    pub damaged: bool,
}
