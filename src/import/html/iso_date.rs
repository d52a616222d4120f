//! Machine-readable dates of meta tags, JSON-LD and `<time datetime>`: RFC 3339 and the
//! near misses pages write ("2024-02-26 13:45:00", "2024-02-26T13:45:00+0700", a bare date).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

/// A machine-readable date; `default_offset` is used when it names no offset.
pub fn parse_iso(text: &str, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(text) {
        return Some(d);
    }
    let spaced = text.replacen(' ', "T", 1).replace('/', "-");
    if let Ok(d) = DateTime::parse_from_rfc3339(&spaced) {
        return Some(d);
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(d) = DateTime::parse_from_str(&spaced, format) {
            return Some(d);
        }
    }
    naive(&spaced).and_then(|n| default_offset.from_local_datetime(&n).single())
}

/// Whether a machine-readable date names its offset.
pub fn has_offset(text: &str) -> bool {
    parse_iso(text, FixedOffset::east_opt(0).expect("zero offset")).is_some()
        && naive(&text.trim().replacen(' ', "T", 1).replace('/', "-")).is_none()
}

/// The date and time of a text without an offset.
pub fn naive(text: &str) -> Option<NaiveDateTime> {
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(text, format) {
            return Some(n);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wib() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    #[test]
    fn forms_pages_write() {
        let p = |s| parse_iso(s, wib()).map(|d| d.to_rfc3339());
        assert_eq!(
            p("2024-03-05T09:30:00+07:00").unwrap(),
            "2024-03-05T09:30:00+07:00"
        );
        assert_eq!(
            p("2024-04-10T13:47:21Z").unwrap(),
            "2024-04-10T13:47:21+00:00"
        );
        assert_eq!(
            p("2024-04-10T13:47:21.000Z").unwrap(),
            "2024-04-10T13:47:21+00:00"
        );
        assert_eq!(
            p("2024-02-26T13:45:00+0700").unwrap(),
            "2024-02-26T13:45:00+07:00"
        );
        assert_eq!(
            p("2024-02-26 13:45:00").unwrap(),
            "2024-02-26T13:45:00+07:00"
        );
        assert_eq!(
            p("2024/03/05 09:30:00").unwrap(),
            "2024-03-05T09:30:00+07:00"
        );
        assert_eq!(p("2024-02-26").unwrap(), "2024-02-26T00:00:00+07:00");
        assert_eq!(p("5 Maret 2024"), None);
        assert_eq!(
            p("Wed, 13 Mar 2024 14:32:59 +0700").unwrap(),
            "2024-03-13T14:32:59+07:00"
        );
        assert!(has_offset("2024-04-10T13:47:21Z"));
        assert!(!has_offset("2024-02-26 13:45:00"));
    }
}
