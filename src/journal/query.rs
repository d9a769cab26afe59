//! Reading the journal back: `--since DATE` and `--key AAGUID|PATH|ID`.

use super::record::Record;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Seconds since the epoch: records at or after it.
    pub since: Option<i64>,
    /// An AAGUID (any case, dashes or not), a device path or a key identifier.
    pub key: Option<String>,
}

fn aaguid_digits(s: &str) -> Option<String> {
    let d: String = s.chars().filter(|c| *c != '-').collect::<String>().to_ascii_lowercase();
    (d.len() == 32 && d.bytes().all(|b| b.is_ascii_hexdigit())).then_some(d)
}

impl Filter {
    pub fn matches(&self, r: &Record) -> bool {
        let since_ok = self.since.is_none_or(|t| super::time::parse(&r.time).is_some_and(|rt| rt >= t));
        let key_ok = self.key.as_deref().is_none_or(|k| {
            let d = &r.device;
            d.path == k
                || d.identifier.as_deref() == Some(k)
                || aaguid_digits(k).is_some_and(|a| d.aaguid.as_deref().and_then(aaguid_digits) == Some(a))
        });
        since_ok && key_ok
    }
}

/// The records of a journal text that match, oldest first, and how many lines were not
/// records at all (`journal verify` says which).
pub fn select(journal: &[u8], filter: &Filter) -> (Vec<Record>, usize) {
    let mut unreadable = 0;
    let mut out = Vec::new();
    for line in journal.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        match std::str::from_utf8(line).ok().and_then(|s| Record::from_line(s).ok()) {
            Some(r) if filter.matches(&r) => out.push(r),
            Some(_) => {}
            None => unreadable += 1,
        }
    }
    (out, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::record::tests::sample;

    #[test]
    fn filters_by_time_and_key() {
        let mut a = sample();
        a.time = "2026-12-01T10:00:00Z".into();
        let mut b = sample();
        b.time = "2026-12-03T10:00:00Z".into();
        b.device.path = "/dev/hidraw3".into();
        b.device.aaguid = Some("cb69481e-8ff7-4039-93ec-0a2729a154a8".into());
        b.device.identifier = Some("key-7".into());
        let text = format!("{}\nnot a record\n{}\n", a.to_line(), b.to_line());
        let pick = |f: Filter| select(text.as_bytes(), &f).0.into_iter().map(|r| r.time).collect::<Vec<_>>();
        assert_eq!(pick(Filter::default()).len(), 2);
        assert_eq!(select(text.as_bytes(), &Filter::default()).1, 1);
        let since = super::super::time::parse("2026-12-02");
        assert_eq!(pick(Filter { since, key: None }), vec!["2026-12-03T10:00:00Z"]);
        for key in ["/dev/hidraw3", "CB69481E8FF7403993EC0A2729A154A8", "key-7"] {
            assert_eq!(pick(Filter { since: None, key: Some(key.into()) }), vec!["2026-12-03T10:00:00Z"], "{key}");
        }
        assert!(pick(Filter { since: None, key: Some("/dev/hidraw4".into()) }).is_empty());
    }
}
