//! AAGUID → model name.

/// Models fidoctl knows by AAGUID (canonical lowercase UUID form).
const MODELS: &[(&str, &str)] = &[
    // Our own software authenticator (`fidoctl virtual create` without --aaguid).
    (crate::virtual_key::profile::DEFAULT_AAGUID, "fidoctl virtual key"),
];

pub fn model_name(aaguid: &str) -> Option<&'static str> {
    let wanted = aaguid.to_ascii_lowercase();
    MODELS.iter().find(|(a, _)| *a == wanted).map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_virtual_key_in_any_case() {
        assert_eq!(
            model_name(&crate::virtual_key::profile::DEFAULT_AAGUID.to_uppercase()),
            Some("fidoctl virtual key")
        );
        assert_eq!(model_name("00000000-0000-0000-0000-000000000000"), None);
    }
}
