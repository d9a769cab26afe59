//! UTC timestamps in RFC 3339 form, and the dates `fidoctl journal --since` accepts. The
//! journal needs no calendar beyond the proleptic Gregorian one, so no date crate is pulled in.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `2026-12-03T08:01:02Z` for a count of seconds since the Unix epoch.
pub fn rfc3339(unix_seconds: i64) -> String {
    let (days, secs) = (unix_seconds.div_euclid(86_400), unix_seconds.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Now, to the second, in RFC 3339 UTC.
pub fn now() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    rfc3339(secs)
}

fn number(s: &str, digits: usize) -> Option<u32> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since the epoch of `YYYY-MM-DD` (midnight UTC) or an RFC 3339 date-time
/// (`2026-12-03T08:01:02Z`, `…+02:00`, fractions of a second ignored). `None` when it is neither.
pub fn parse(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let y = number(parts.next()?, 4)? as i64;
    let m = number(parts.next()?, 2)?;
    let d = number(parts.next()?, 2)?;
    if parts.next().is_some() || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let day = days_from_civil(y, m, d) * 86_400;
    let Some(rest) = rest else { return Some(day) };
    let (clock, offset) = if let Some(c) = rest.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else {
        let i = rest.rfind(['+', '-'])?;
        let (sign, hm) = (if &rest[i..=i] == "+" { 1 } else { -1 }, &rest[i + 1..]);
        let (oh, om) = hm.split_once(':')?;
        let (oh, om) = (number(oh, 2)?, number(om, 2)?);
        if oh > 23 || om > 59 {
            return None;
        }
        (&rest[..i], sign * (oh as i64 * 3600 + om as i64 * 60))
    };
    let clock = clock.split_once('.').map_or(clock, |(c, frac)| {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            "invalid"
        } else {
            c
        }
    });
    let mut hms = clock.split(':');
    let h = number(hms.next()?, 2)?;
    let mi = number(hms.next()?, 2)?;
    let se = number(hms.next()?, 2)?;
    if hms.next().is_some() || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    Some(day + h as i64 * 3600 + mi as i64 * 60 + se as i64 - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 (a leap day in a century leap year) 12:34:56 UTC.
        assert_eq!(rfc3339(951_827_696), "2000-02-29T12:34:56Z");
        assert_eq!(rfc3339(1_796_286_062), "2026-12-03T08:21:02Z");
    }

    #[test]
    fn parses_what_it_formats_and_plain_dates() {
        for t in [0, 951_827_696, 1_796_286_062, 4_102_444_799] {
            assert_eq!(parse(&rfc3339(t)), Some(t));
        }
        assert_eq!(parse("2026-12-03"), Some(1_796_256_000));
        assert_eq!(parse("2026-12-03T09:21:02+01:00"), Some(1_796_286_062));
        assert_eq!(parse("2026-12-03T08:21:02.250Z"), Some(1_796_286_062));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in
            ["", "yesterday", "2026-13-01", "2026-02-30", "2026-1-01", "2026-12-03T25:00:00Z", "2026-12-03T08:00Z"]
        {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
