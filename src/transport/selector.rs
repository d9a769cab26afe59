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

#[derive(Debug, PartialEq, Eq)]
pub struct BadSelector(pub String);

impl std::fmt::Display for BadSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.0;
        // A bare name that is a file here is almost always a virtual key's state file (or a
        // socket): say which selector names it, rather than list every form.
        match std::fs::metadata(s) {
            Ok(m) if !s.is_empty() && std::os::unix::fs::FileTypeExt::is_socket(&m.file_type()) => {
                write!(f, "'{s}' is not a device selector. To use the key behind this socket, write unix:{s}.")
            }
            Ok(m) if !s.is_empty() && m.is_file() => {
                write!(f, "'{s}' is not a device selector. To use the virtual key in this file, write virtual:{s}.")
            }
            _ => write!(
                f,
                "'{s}' is not a device: write a HID path such as /dev/hidraw3 (or hid:PATH), 'hid' for every HID key, unix:PATH or virtual:PATH."
            ),
        }
    }
}

impl std::error::Error for BadSelector {}

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
    fn an_existing_file_or_socket_gets_its_prefix_suggested() {
        let dir = std::env::temp_dir().join(format!("fidoctl-selector-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("j.json");
        std::fs::write(&file, "{}").unwrap();
        let err = BadSelector(file.display().to_string()).to_string();
        assert_eq!(
            err,
            format!(
                "'{0}' is not a device selector. To use the virtual key in this file, write virtual:{0}.",
                file.display()
            )
        );
        let socket = dir.join("k.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(
            BadSelector(socket.display().to_string()).to_string(),
            format!(
                "'{0}' is not a device selector. To use the key behind this socket, write unix:{0}.",
                socket.display()
            )
        );
        let missing = BadSelector("no-such.json".into()).to_string();
        assert!(missing.starts_with("'no-such.json' is not a device: write a HID path"), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
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
