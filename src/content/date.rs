//! Dates in front matter: RFC 3339, or a plain local date read in the site's time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

const LOCAL_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
];

/// Years every output can write: RFC 2822 (RSS) and RFC 3339 (Atom, sitemaps, JSON-LD)
/// have four-digit years, and a date must stay in range in UTC and in the site's time zone.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Why a front matter date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not a date, or not one in the site's time zone: the message says which forms work.
    Unreadable(String),
    /// A date some output cannot write (see [`YEARS`]).
    OutOfRange,
}

impl DateError {
    /// The message about `input`, the value of the front matter key `key`.
    pub fn message(&self, key: &str, input: &str) -> String {
        match self {
            DateError::Unreadable(m) => format!("{key}: {m}"),
            DateError::OutOfRange => format!(
                "{key} {} is out of range (years 1 to 9999 in UTC and in the site's time zone)",
                input.trim()
            ),
        }
    }
}

/// Reads a front matter date, refusing dates that some output cannot write.
pub fn parse_date(input: &str, tz: Tz) -> Result<DateTime<Tz>, DateError> {
    let date = read(input.trim(), tz).map_err(DateError::Unreadable)?;
    if !YEARS.contains(&date.year()) || !YEARS.contains(&date.with_timezone(&Utc).year()) {
        return Err(DateError::OutOfRange);
    }
    Ok(date)
}

fn read(input: &str, tz: Tz) -> Result<DateTime<Tz>, String> {
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
            parse_date("27-01-2022", jakarta())
                .unwrap_err()
                .message("date", "27-01-2022"),
            "date: `27-01-2022` is not a date: write 2022-01-27T14:52:00+07:00 (RFC 3339), 2022-01-27 14:52 or 2022-01-27"
        );
        assert!(parse_date("2022-02-30", jakarta()).is_err());
    }

    #[test]
    fn dates_no_output_can_write_are_refused() {
        assert_eq!(
            DateError::OutOfRange.message("updated", " 9999-12-31T23:00:00-12:00"),
            "updated 9999-12-31T23:00:00-12:00 is out of range (years 1 to 9999 in UTC and in the site's time zone)"
        );
        let new_york: Tz = "America/New_York".parse().unwrap();
        for (input, tz) in [
            // Year 10000 in UTC, and in Jakarta only.
            ("9999-12-31T23:00:00-12:00", jakarta()),
            ("9999-12-31T20:00:00Z", jakarta()),
            // Year 0 in UTC, and in the site's time zone only (west of UTC).
            ("0001-01-01T03:00:00+07:00", jakarta()),
            ("0001-01-01T02:00:00Z", new_york),
            ("0000-06-01", jakarta()),
        ] {
            assert_eq!(
                parse_date(input, tz),
                Err(DateError::OutOfRange),
                "{input} in {tz}"
            );
        }
        // The last and first instants every output can write are kept.
        assert!(parse_date("9999-12-31T16:59:59Z", jakarta()).is_ok());
        assert!(parse_date("0001-01-01T12:00:00+07:00", jakarta()).is_ok());
    }
}
