//! Machine-readable dates of meta tags, JSON-LD and `<time datetime>`: RFC 3339 and RFC 2822,
//! the near misses pages write ("2024-02-26 13:45:00", "2024-02-26T13:45:00+0700", a bare
//! date), and whatever else a page puts there that a reader can read as a date
//! ("2019-11-18 17:19:53 GMT", "Mon Oct 11 14:57:21 CEST 2021", "10/05/2022 05:22 pm").

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use crate::import::dates;

/// A date as a page states it: the local moment, and its offset when the text names one.
#[derive(Debug, Clone, PartialEq)]
pub struct MachineDate {
    pub local: NaiveDateTime,
    pub offset: Option<FixedOffset>,
}

impl MachineDate {
    /// The moment, with `default_offset` when the text named none.
    pub fn at(&self, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
        self.local
            .and_local_timezone(self.offset.unwrap_or(default_offset))
            .single()
    }
}

/// Reads a machine-readable date; `None` when the text holds no date.
pub fn read_machine_date(text: &str) -> Option<MachineDate> {
    let text = text.trim();
    let zoned = |d: DateTime<FixedOffset>| MachineDate {
        local: d.naive_local(),
        offset: Some(*d.offset()),
    };
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(zoned(d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(text) {
        return Some(zoned(d));
    }
    let spaced = text.replacen(' ', "T", 1).replace('/', "-");
    if let Ok(d) = DateTime::parse_from_rfc3339(&spaced) {
        return Some(zoned(d));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(d) = DateTime::parse_from_str(&spaced, format) {
            return Some(zoned(d));
        }
    }
    if let Some(local) = naive(&spaced) {
        return Some(MachineDate {
            local,
            offset: None,
        });
    }
    // Not a standard form: read it as a person would.
    let written = dates::find_date_parts(text)?;
    Some(MachineDate {
        local: written.local,
        offset: written.offset,
    })
}

/// The date and time of an ISO text without an offset.
fn naive(text: &str) -> Option<NaiveDateTime> {
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

    fn p(text: &str) -> Option<String> {
        read_machine_date(text)
            .and_then(|d| d.at(wib()))
            .map(|d| d.to_rfc3339())
    }

    #[test]
    fn standard_forms() {
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
            p("2024-02-26T13:45:00-0800").unwrap(),
            "2024-02-26T13:45:00-08:00"
        );
        assert_eq!(
            p("Wed, 13 Mar 2024 14:32:59 +0700").unwrap(),
            "2024-03-13T14:32:59+07:00"
        );
    }

    #[test]
    fn forms_without_an_offset_take_the_default() {
        assert_eq!(
            p("2024-02-26 13:45:00").unwrap(),
            "2024-02-26T13:45:00+07:00"
        );
        assert_eq!(
            p("2024/03/05 09:30:00").unwrap(),
            "2024-03-05T09:30:00+07:00"
        );
        assert_eq!(p("2024-02-26").unwrap(), "2024-02-26T00:00:00+07:00");
        assert_eq!(
            read_machine_date("2024-02-26 13:45:00").unwrap().offset,
            None
        );
    }

    #[test]
    fn near_misses_pages_write() {
        assert_eq!(
            p("2019-11-18 17:19:53 GMT").unwrap(),
            "2019-11-18T17:19:53+00:00"
        );
        assert_eq!(
            p("2022-05-04T03:00:00 UTC").unwrap(),
            "2022-05-04T03:00:00+00:00"
        );
        assert_eq!(
            p("Mon Oct 11 14:57:21 CEST 2021").unwrap(),
            "2021-10-11T14:57:21+02:00"
        );
        assert_eq!(
            p("Tue Nov 19 2019 03:05:46 GMT+0000").unwrap(),
            "2019-11-19T03:05:46+00:00"
        );
        assert_eq!(
            p("10/05/2022 05:22 pm").unwrap(),
            "2022-05-10T17:22:00+07:00"
        );
        assert_eq!(p("5 Maret 2024").unwrap(), "2024-03-05T00:00:00+07:00");
        assert_eq!(p("PT15M"), None);
        assert_eq!(p("Mo-Su 08:00-20:00"), None);
    }
}
