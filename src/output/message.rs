//! A one-line result ("Done.") with a few fields for scripts.

use super::Render;
use serde_json::Value;

pub struct Message {
    pub text: String,
    pub fields: Value,
}

impl Render for Message {
    fn json(&self) -> Value {
        self.fields.clone()
    }
    fn text(&self) -> String {
        format!("{}\n", self.text)
    }
}
