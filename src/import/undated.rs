//! Pages that state no publication date. A real article must not be lost over its date, so
//! such a page is dated, in this order, by a date in its URL's path, by `--date`, or by the
//! file's modification time, and the import warns which one it used. `--strict-dates`
//! refuses such pages instead.

use std::sync::LazyLock;
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use regex::Regex;

use super::dates;

/// Where the date of an undated page came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateOrigin {
    Url,
    Flag,
    FileTime,
}

/// The date given to a page that states none, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FallbackDate {
    pub date: DateTime<FixedOffset>,
    pub origin: DateOrigin,
}

impl FallbackDate {
    /// The warning the import prints for the page.
    pub fn warning(&self) -> String {
        let day = self.date.format("%Y-%m-%d");
        let from = match self.origin {
            DateOrigin::Url => format!("dated {day} from its URL"),
            DateOrigin::Flag => format!("dated {day} from --date"),
            DateOrigin::FileTime => format!(
                "dated {} from the file's modification time; pass --date to set it",
                self.date.format("%Y-%m-%d %H:%M")
            ),
        };
        format!("no publication date in the page; {from}")
    }
}

/// The refusal of an undated page under `--strict-dates`.
pub const STRICT_REFUSAL: &str = "no publication date found in the page (--strict-dates: not \
     dating it by its URL, --date or the file's modification time)";

/// The date for a page that states none: its URL's, else `flag`, else `modified`; days are
/// taken at midnight in the site's time zone.
pub fn fallback_date(
    url: Option<&str>,
    flag: Option<DateTime<FixedOffset>>,
    modified: Option<SystemTime>,
    tz: Tz,
) -> Option<FallbackDate> {
    if let Some(day) = url.and_then(date_in_url)
        && let Some(date) = midnight(day, tz)
    {
        return Some(FallbackDate {
            date,
            origin: DateOrigin::Url,
        });
    }
    if let Some(date) = flag {
        return Some(FallbackDate {
            date,
            origin: DateOrigin::Flag,
        });
    }
    let modified: DateTime<Utc> = modified?.into();
    // Whole seconds: a content file's date has no fraction.
    let modified = modified.with_nanosecond(0).unwrap_or(modified);
    Some(FallbackDate {
        date: modified.with_timezone(&tz).fixed_offset(),
        origin: DateOrigin::FileTime,
    })
}

/// "/2019/11/18/", "/2019-11-18-", "/2019_11_18", "/20191118/" or, lacking a day,
/// "/2019/11/" (taken as the 1st).
static URL_DATES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?:^|[/_-])(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})(?:/(?P<d>\d{1,2}))?(?:$|[/_.-])",
        r"(?:^|[/_-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:$|[/_.-])",
        r"(?:^|[/_-])(?P<y>(?:19|20)\d{2})_(?P<m>\d{1,2})_(?P<d>\d{1,2})(?:$|[/_.-])",
        r"(?:^|[/_-])(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:$|[/_.-])",
    ]
    .iter()
    .map(|re| Regex::new(re).expect("valid regex"))
    .collect()
});

/// A date in a URL's path ("https://x.id/read/2022/01/27/520736/judul" → 2022-01-27).
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    let path = match url::Url::parse(url) {
        Ok(u) => u.path().to_string(),
        Err(_) => url.split(['?', '#']).next().unwrap_or(url).to_string(),
    };
    let mut found: Vec<(usize, NaiveDate)> = URL_DATES
        .iter()
        .flat_map(|re| re.captures_iter(&path))
        .filter_map(|c| {
            let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let day = NaiveDate::from_ymd_opt(num("y")? as i32, num("m")?, num("d").unwrap_or(1))?;
            Some((c.get(0)?.start(), day))
        })
        .collect();
    found.sort();
    found.first().map(|&(_, day)| day)
}

fn midnight(day: NaiveDate, tz: Tz) -> Option<DateTime<FixedOffset>> {
    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|d| d.fixed_offset())
}

/// Reads `--date`: "2022-01-27" (midnight in the site's time zone), "2022-01-27 14:52" or
/// "2022-01-27T14:52:00+07:00"; the message says how to write it.
pub fn parse_date_flag(text: &str, tz: Tz) -> Result<DateTime<FixedOffset>, String> {
    let bad = || {
        format!(
            "--date `{text}` is not a date: write it as 2022-01-27, 2022-01-27 14:52 \
             or 2022-01-27T14:52:00+07:00"
        )
    };
    let trimmed = text.trim();
    let written = dates::find_date_parts(trimmed).ok_or_else(bad)?;
    if written.span != (0..trimmed.len()) {
        return Err(bad());
    }
    match written.offset {
        Some(offset) => offset.from_local_datetime(&written.local).single(),
        None => tz
            .from_local_datetime(&written.local)
            .earliest()
            .map(|d| d.fixed_offset()),
    }
    .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_url_paths() {
        let d = |u| date_in_url(u).map(|d| d.to_string());
        assert_eq!(
            d("https://rmol.id/dunia/read/2022/01/27/520736/judul").as_deref(),
            Some("2022-01-27")
        );
        assert_eq!(
            d("https://x.com/news/2019-11-18-storm-hits/").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(
            d("https://x.com/a/20191118/story.html").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(
            d("https://x.com/2019/11/story").as_deref(),
            Some("2019-11-01")
        );
        assert_eq!(d("https://x.com/story-2019"), None);
        assert_eq!(d("https://x.com/read/520736/judul"), None);
        assert_eq!(d("https://x.com/2019/13/40/x"), None);
        assert_eq!(d("https://x.com/id/201911181234/x"), None);
        assert_eq!(
            d("https://x.com/x?date=2019-11-18"),
            None,
            "the query is no path"
        );
    }

    #[test]
    fn the_url_then_the_flag_then_the_file_time() {
        let tz: Tz = "Asia/Jakarta".parse().unwrap();
        let flag = parse_date_flag("2020-05-06", tz).unwrap();
        let mtime =
            SystemTime::UNIX_EPOCH + std::time::Duration::from_nanos(1_600_000_000_250_000_000);
        let from_url = fallback_date(
            Some("https://x.id/2019/11/18/a"),
            Some(flag),
            Some(mtime),
            tz,
        )
        .unwrap();
        assert_eq!(from_url.date.to_rfc3339(), "2019-11-18T00:00:00+07:00");
        assert_eq!(
            from_url.warning(),
            "no publication date in the page; dated 2019-11-18 from its URL"
        );
        let from_flag = fallback_date(Some("https://x.id/a"), Some(flag), Some(mtime), tz).unwrap();
        assert_eq!(from_flag.date.to_rfc3339(), "2020-05-06T00:00:00+07:00");
        assert_eq!(
            from_flag.warning(),
            "no publication date in the page; dated 2020-05-06 from --date"
        );
        let from_file = fallback_date(None, None, Some(mtime), tz).unwrap();
        assert_eq!(from_file.date.to_rfc3339(), "2020-09-13T19:26:40+07:00");
        assert_eq!(
            from_file.warning(),
            "no publication date in the page; dated 2020-09-13 19:26 from the file's \
             modification time; pass --date to set it"
        );
        assert_eq!(fallback_date(None, None, None, tz), None);
    }

    #[test]
    fn the_date_flag() {
        let tz: Tz = "Asia/Jakarta".parse().unwrap();
        let p = |s| parse_date_flag(s, tz).map(|d| d.to_rfc3339());
        assert_eq!(p("2022-01-27").unwrap(), "2022-01-27T00:00:00+07:00");
        assert_eq!(p("2022-01-27 14:52").unwrap(), "2022-01-27T14:52:00+07:00");
        assert_eq!(
            p("2022-01-27T14:52:00+00:00").unwrap(),
            "2022-01-27T14:52:00+00:00"
        );
        assert_eq!(
            p("yesterday").unwrap_err(),
            "--date `yesterday` is not a date: write it as 2022-01-27, 2022-01-27 14:52 \
             or 2022-01-27T14:52:00+07:00"
        );
        assert!(p("2022-01-27 and more").is_err());
    }
}
