//! Device selectors: `-d/--device` (repeatable) and FIDOCTL_DEVICE (comma-separated).

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Every HID authenticator found by enumeration.
    AllHid,
    /// One HID device by its OS path.
    HidPath(String),
    /// A key behind a UNIX socket speaking raw 64-byte reports.
    Unix(PathBuf),
    /// The built-in virtual key whose state lives in this file.
    Virtual(PathBuf),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}' is not a device: write a HID path such as /dev/hidraw3 (or hid:PATH), 'hid' for every HID key, unix:PATH or virtual:PATH.")]
pub struct BadSelector(pub String);

impl std::str::FromStr for Selector {
    type Err = BadSelector;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let non_empty =
            |rest: &str| if rest.is_empty() { Err(BadSelector(s.to_string())) } else { Ok(rest.to_string()) };
        if s == "hid" {
            Ok(Selector::AllHid)
        } else if let Some(rest) = s.strip_prefix("hid:") {
            Ok(Selector::HidPath(non_empty(rest)?))
        } else if let Some(rest) = s.strip_prefix("unix:") {
            Ok(Selector::Unix(PathBuf::from(non_empty(rest)?)))
        } else if let Some(rest) = s.strip_prefix("virtual:") {
            Ok(Selector::Virtual(PathBuf::from(non_empty(rest)?)))
        } else if s.starts_with('/') {
            Ok(Selector::HidPath(s.to_string()))
        } else {
            Err(BadSelector(s.to_string()))
        }
    }
}

impl Selector {
    /// Parse the selectors given on the command line, or else in FIDOCTL_DEVICE; none means `hid`.
    /// The arguments arrive parsed (clap's value parser); the environment is parsed here.
    pub fn from_args_or_env(args: &[Selector], env: Option<&str>) -> Result<Vec<Selector>, BadSelector> {
        if !args.is_empty() {
            return Ok(args.to_vec());
        }
        let raw: Vec<&str> = if let Some(env) = env {
            env.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
        } else {
            Vec::new()
        };
        if raw.is_empty() {
            return Ok(vec![Selector::AllHid]);
        }
        raw.into_iter().map(str::parse).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!("hid".parse(), Ok(Selector::AllHid));
        assert_eq!("/dev/hidraw3".parse(), Ok(Selector::HidPath("/dev/hidraw3".into())));
        assert_eq!("hid:/dev/hidraw3".parse(), Ok(Selector::HidPath("/dev/hidraw3".into())));
        assert_eq!("unix:/tmp/k".parse(), Ok(Selector::Unix("/tmp/k".into())));
        assert_eq!("virtual:k.json".parse(), Ok(Selector::Virtual("k.json".into())));
        assert_eq!("virtual:".parse::<Selector>(), Err(BadSelector("virtual:".into())));
        assert_eq!("k.json".parse::<Selector>(), Err(BadSelector("k.json".into())));
    }

    #[test]
    fn arguments_win_over_environment_and_nothing_means_hid() {
        let env = Some("virtual:a, unix:/b");
        assert_eq!(
            Selector::from_args_or_env(&[], env).unwrap(),
            vec![Selector::Virtual("a".into()), Selector::Unix("/b".into())]
        );
        assert_eq!(Selector::from_args_or_env(&[Selector::AllHid], env).unwrap(), vec![Selector::AllHid]);
        assert_eq!(Selector::from_args_or_env(&[], None).unwrap(), vec![Selector::AllHid]);
    }
}
