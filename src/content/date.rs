//! Dates in front matter: RFC 3339, or a plain local date read in the site's time zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

const LOCAL_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
];

/// Reads a front matter date. The message on failure says which forms are accepted.
pub fn parse_date(input: &str, tz: Tz) -> Result<DateTime<Tz>, String> {
    let input = input.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(input) {
        return Ok(d.with_timezone(&tz));
    }
    let local = LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(input, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(input, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    match local {
        Some(naive) => tz.from_local_datetime(&naive).earliest().ok_or_else(|| {
            format!("`{input}` does not exist in time zone {tz} (a daylight saving gap): pick another time")
        }),
        None => Err(format!(
            "`{input}` is not a date: write 2022-01-27T14:52:00+07:00 (RFC 3339), 2022-01-27 14:52 or 2022-01-27"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jakarta() -> Tz {
        "Asia/Jakarta".parse().unwrap()
    }

    #[test]
    fn rfc3339_keeps_the_instant() {
        let d = parse_date("2022-01-27T07:52:00Z", jakarta()).unwrap();
        assert_eq!(d.to_rfc3339(), "2022-01-27T14:52:00+07:00");
    }

    #[test]
    fn plain_dates_are_local() {
        assert_eq!(
            parse_date("2023-08-17", jakarta()).unwrap().to_rfc3339(),
            "2023-08-17T00:00:00+07:00"
        );
        assert_eq!(
            parse_date("2024-05-02 09:30", jakarta())
                .unwrap()
                .to_rfc3339(),
            "2024-05-02T09:30:00+07:00"
        );
    }

    #[test]
    fn nonsense_is_explained() {
        assert_eq!(
            parse_date("27-01-2022", jakarta()).unwrap_err(),
            "`27-01-2022` is not a date: write 2022-01-27T14:52:00+07:00 (RFC 3339), 2022-01-27 14:52 or 2022-01-27"
        );
        assert!(parse_date("2022-02-30", jakarta()).is_err());
    }
}
