//! A one-line result ("Done.") with a few typed fields for scripts.

use super::Render;
use serde::Serialize;
use serde_json::Value;

pub struct Message<T: Serialize> {
    pub text: String,
    pub fields: T,
}

impl<T: Serialize> Render for Message<T> {
    fn json(&self) -> Value {
        serde_json::to_value(&self.fields).unwrap_or_default()
    }
    fn text(&self) -> String {
        format!("{}\n", self.text)
    }
}
