//! Watching a HID key being unplugged and plugged back in, for `fidoctl reset`.

use crate::transport::DeviceDescription;
use std::time::{Duration, Instant};

/// Where the watcher reads the current device list (the HID scan; a script in tests).
pub trait DeviceLister {
    fn list(&mut self) -> Vec<DeviceDescription>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplugOutcome {
    /// The key is back, possibly under a new path.
    Back(DeviceDescription),
    /// It never went away within the time allowed.
    NeverUnplugged,
    /// It went away but did not come back in time.
    NeverReturned,
}

/// Same physical model: VID, PID and serial (when the key reports one).
fn same_key(a: &DeviceDescription, b: &DeviceDescription) -> bool {
    a.vendor_id == b.vendor_id
        && a.product_id == b.product_id
        && (a.serial.is_none() || b.serial.is_none() || a.serial == b.serial)
}

/// Wait for `key` to disappear, then for a key of the same kind to appear. A key of the same
/// kind already plugged in elsewhere is not mistaken for the returning one.
pub fn watch(
    lister: &mut dyn DeviceLister,
    key: &DeviceDescription,
    poll: Duration,
    timeout: Duration,
    mut sleep: impl FnMut(Duration),
) -> ReplugOutcome {
    let started = Instant::now();
    let bystanders: Vec<String> =
        lister.list().into_iter().filter(|d| d.path() != key.path()).map(|d| d.path().to_string()).collect();
    let mut gone = false;
    let mut polls: u32 = 0;
    // Counting polls keeps a scripted (instant) sleep from looping forever.
    let max_polls = (timeout.as_millis() / poll.as_millis().max(1)).max(1) as u32;
    loop {
        let now = lister.list();
        if !gone {
            gone = !now.iter().any(|d| d.path() == key.path());
        } else if let Some(back) =
            now.into_iter().find(|d| same_key(d, key) && !bystanders.iter().any(|b| b == d.path()))
        {
            return ReplugOutcome::Back(back);
        }
        polls += 1;
        if polls >= max_polls || started.elapsed() >= timeout {
            return if gone { ReplugOutcome::NeverReturned } else { ReplugOutcome::NeverUnplugged };
        }
        sleep(poll);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Location;
    use std::collections::VecDeque;

    fn dev(path: &str, serial: Option<&str>) -> DeviceDescription {
        let mut d = DeviceDescription::at(Location::Hid(path.into()));
        d.vendor_id = Some(0x1050);
        d.product_id = Some(0x0407);
        d.product = Some("YubiKey".into());
        d.serial = serial.map(String::from);
        d
    }

    struct Script(VecDeque<Vec<DeviceDescription>>);
    impl DeviceLister for Script {
        fn list(&mut self) -> Vec<DeviceDescription> {
            if self.0.len() > 1 {
                self.0.pop_front().unwrap_or_default()
            } else {
                self.0.front().cloned().unwrap_or_default()
            }
        }
    }

    fn run(script: Vec<Vec<DeviceDescription>>, key: &DeviceDescription) -> ReplugOutcome {
        watch(&mut Script(script.into()), key, Duration::from_millis(10), Duration::from_millis(200), |_| {})
    }

    #[test]
    fn unplug_then_replug_under_a_new_path() {
        let key = dev("/dev/hidraw3", None);
        let out =
            run(vec![vec![key.clone()], vec![key.clone()], vec![], vec![], vec![dev("/dev/hidraw4", None)]], &key);
        assert_eq!(out, ReplugOutcome::Back(dev("/dev/hidraw4", None)));
    }

    #[test]
    fn never_unplugged() {
        let key = dev("/dev/hidraw3", None);
        assert_eq!(run(vec![vec![key.clone()]], &key), ReplugOutcome::NeverUnplugged);
    }

    #[test]
    fn never_returned() {
        let key = dev("/dev/hidraw3", None);
        assert_eq!(run(vec![vec![key.clone()], vec![]], &key), ReplugOutcome::NeverReturned);
    }

    #[test]
    fn another_key_of_the_same_model_is_not_taken_for_it() {
        let key = dev("/dev/hidraw3", None);
        let other = dev("/dev/hidraw5", None);
        let out = run(
            vec![vec![key.clone(), other.clone()], vec![other.clone()], vec![other.clone(), dev("/dev/hidraw6", None)]],
            &key,
        );
        assert_eq!(out, ReplugOutcome::Back(dev("/dev/hidraw6", None)));
    }

    #[test]
    fn a_different_serial_is_not_the_same_key() {
        let key = dev("/dev/hidraw3", Some("111"));
        let out = run(vec![vec![key.clone()], vec![], vec![dev("/dev/hidraw4", Some("222"))]], &key);
        assert_eq!(out, ReplugOutcome::NeverReturned);
    }
}
