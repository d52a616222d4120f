//! Dates as news sites write them, found anywhere in a short line.
//!
//! Indonesian sites write "Kamis, 27 Januari 2022, 14:52 WIB", "Senin 3 Okt 2022 - 08:15 WIB",
//! "27/01/2022 14:52" or "27 Jan 2022 14.52 WIB"; English ones "January 27, 2022 2:52 PM" or
//! "01:38:07 PM IST Nov 20, 2019"; scripts "Tue Nov 19 2019 03:05:46 GMT+0000" (JavaScript)
//! and "Mon Oct 11 14:57:21 CEST 2021" (Java); feeds and meta tags RFC 3339 and RFC 2822.
//! [`parse_date`] reads all of them, with long and short month names in Indonesian and
//! English (and, for pages in those languages, German, Spanish, French, Portuguese, Italian,
//! Dutch, Russian, Ukrainian and Arabic), in any case.
//!
//! Time zones: WIB = +07:00, WITA = +08:00, WIT = +09:00, GMT/UTC/Z, numeric offsets
//! (`+07:00`, `+0700`, `-0800`, `GMT+7`) and common abbreviations (EST, PST, CET, IST, JST, ...).
//! A date written without a zone is taken as +07:00 (WIB) by [`parse_date`]: the mirrors this
//! tool feeds are Indonesian, and Jakarta time is what their pages mean when they say nothing;
//! [`find_date_parts`] leaves the zone open for callers that know better.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::{Captures, Regex};

/// The offset of a date written without a zone: WIB, see the module notes.
const DEFAULT_OFFSET_SECS: i32 = 7 * 3600;

/// Month names and the abbreviations news sites use, Indonesian and English first, lowercase.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("pebruari", 2),
    ("february", 2),
    ("feb", 2),
    ("peb", 2),
    ("maret", 3),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("agustus", 8),
    ("august", 8),
    ("agst", 8),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nopember", 11),
    ("nov", 11),
    ("nop", 11),
    ("desember", 12),
    ("december", 12),
    ("des", 12),
    ("dec", 12),
    // German, Spanish, French and Portuguese, for the pages of a mirror in those languages.
    ("januar", 1),
    ("jänner", 1),
    ("enero", 1),
    ("ene", 1),
    ("janvier", 1),
    ("janeiro", 1),
    ("februar", 2),
    ("febrero", 2),
    ("février", 2),
    ("fevrier", 2),
    ("fevereiro", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("marzo", 3),
    ("mars", 3),
    ("março", 3),
    ("abril", 4),
    ("abr", 4),
    ("avril", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("junio", 6),
    ("juin", 6),
    ("junho", 6),
    ("julio", 7),
    ("juillet", 7),
    ("julho", 7),
    ("agosto", 8),
    ("août", 8),
    ("aout", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("septembre", 9),
    ("setembro", 9),
    ("oktober", 10),
    ("octubre", 10),
    ("octobre", 10),
    ("outubro", 10),
    ("noviembre", 11),
    ("novembre", 11),
    ("novembro", 11),
    ("dezember", 12),
    ("dez", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("dezembro", 12),
    // Italian and Dutch; Russian and Ukrainian as dates write them ("15 августа 2016").
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("maart", 3),
    ("augustus", 8),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    // Arabic: the Maghreb's names (from French) and the Mashriq's (from English).
    ("جانفي", 1),
    ("يناير", 1),
    ("فيفري", 2),
    ("فبراير", 2),
    ("مارس", 3),
    ("أفريل", 4),
    ("أبريل", 4),
    ("ابريل", 4),
    ("ماي", 5),
    ("مايو", 5),
    ("جوان", 6),
    ("يونيو", 6),
    ("جويلية", 7),
    ("يوليو", 7),
    ("أوت", 8),
    ("أغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
];

/// Zone names and their offsets in minutes (beyond numeric offsets). Where an abbreviation
/// is ambiguous, the zone news pages mean by it most often wins (IST: India).
const ZONES: &[(&str, i32)] = &[
    ("wib", 7 * 60),
    ("wita", 8 * 60),
    ("wit", 9 * 60),
    ("gmt", 0),
    ("utc", 0),
    ("ut", 0),
    ("z", 0),
    ("est", -5 * 60),
    ("edt", -4 * 60),
    ("cst", -6 * 60),
    ("cdt", -5 * 60),
    ("mst", -7 * 60),
    ("mdt", -6 * 60),
    ("pst", -8 * 60),
    ("pdt", -7 * 60),
    ("akst", -9 * 60),
    ("hst", -10 * 60),
    ("bst", 60),
    ("wet", 0),
    ("west", 60),
    ("cet", 60),
    ("cest", 2 * 60),
    ("mez", 60),
    ("mesz", 2 * 60),
    ("eet", 2 * 60),
    ("eest", 3 * 60),
    ("msk", 3 * 60),
    ("ist", 5 * 60 + 30),
    ("pkt", 5 * 60),
    ("ict", 7 * 60),
    ("sgt", 8 * 60),
    ("myt", 8 * 60),
    ("pht", 8 * 60),
    ("hkt", 8 * 60),
    ("awst", 8 * 60),
    ("jst", 9 * 60),
    ("kst", 9 * 60),
    ("aest", 10 * 60),
    ("aedt", 11 * 60),
    ("nzst", 12 * 60),
    ("nzdt", 13 * 60),
];

/// The month alternation, longest names first so "Januari" is not read as "Jan".
fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

/// "27 Januari 2022", "3 Okt. 2022", "27-Jan-2022", "2nd February 2022", "5 de mayo de 2022",
/// "26, Abril, 2022" (the year's end is checked in code: no lookahead).
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?,?[\s./-]+(?:de\s+)?(?P<mon>{})\b\.?,?[\s./-]+(?:de\s+)?(?P<y>\d{{4}})",
        month_alternation()
    ))
    .expect("valid regex")
});

/// "January 27, 2022", "Jan. 27 2022".
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<mon>{})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        month_alternation()
    ))
    .expect("valid regex")
});

/// "Mon Oct 11 14:57:21 CEST 2021" (Java), "Nov 19 03:05:46 2019" (C): the time between
/// the day and the year.
static MONTH_DAY_TIME_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<mon>{})\s+(?P<d>\d{{1,2}})\s+(?P<h>\d{{1,2}}):(?P<min>\d{{2}})(?::(?P<s>\d{{2}}))?(?:\s+(?P<zone>[a-z]{{1,5}}|[+-]\d{{4}}))?\s+(?P<y>\d{{4}})\b",
        month_alternation()
    ))
    .expect("valid regex")
});

/// "27/01/2022", "27-01-2022", "27.01.2022" (day first, as Indonesian sites write it).
static NUMERIC_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\b").expect("valid regex")
});

/// "31.10.23", "2.11.22": day, month and a two-digit year with dots, as German sites write a
/// dateline ("Von: Björn Jahner | 31.10.23"). Dots only: "11/01/23" may be month first. No
/// digit or dot-and-digit around it, so version numbers ("1.2.3.4") are no dates.
static NUMERIC_DMY_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\d.])(?P<all>(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{2}))(?:$|[^\d.]|\.(?:$|\D))",
    )
    .expect("valid regex")
});

/// "2022-01-27", the date part of RFC 3339 (the day's end is checked in code: no lookahead).
static ISO_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})").expect("valid regex")
});

/// A clock time with optional seconds, am/pm and zone.
fn time_pattern() -> String {
    let mut zones: Vec<&str> = ZONES.iter().map(|(n, _)| *n).collect();
    zones.sort_by_key(|n| std::cmp::Reverse(n.len()));
    format!(
        r"(?P<h>\d{{1,2}})[:.](?P<min>\d{{2}})(?:[:.](?P<s>\d{{2}})(?:\.\d+)?)?(?P<more>\d)?(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?(?:\s*(?P<zone>(?:gmt|utc)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?\b|[+-]\d{{2}}:?\d{{2}}\b|(?:{})\b))?",
        zones.join("|")
    )
}

/// A time right after the date: "…2022, 14:52 WIB", "…2022 - 08:15", "…2022 pukul 10.00", "T14:52:00Z".
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:T|[\s,|•·/@–—-]+(?:(?:pukul|pkl\.?|jam|at|om|um|a\s+las|à|às|alle)\s+)?){}",
        time_pattern()
    ))
    .expect("valid regex")
});

/// A time anywhere (used before the date: "14:52 WIB, Kamis 27 Januari 2022").
static TIME_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{}", time_pattern())).expect("valid regex"));

/// A date found in a line: the moment, and the bytes of the line it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub date: DateTime<FixedOffset>,
    /// The date and, when present, its time and zone.
    pub span: Range<usize>,
}

/// A date as written: the local day and time, and the zone when the text names one.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenDate {
    pub local: NaiveDateTime,
    pub offset: Option<FixedOffset>,
    pub span: Range<usize>,
}

/// Reads the first date in `text` (see the module notes for the forms and zones).
///
/// A date without a time is midnight; a date without a zone is +07:00 (WIB), because the
/// mirrors this tool feeds are Indonesian. Impossible dates ("30 Februari 2022", "25:61")
/// give `None`.
pub fn parse_date(text: &str) -> Option<DateTime<FixedOffset>> {
    find_date(text).map(|f| f.date)
}

/// First tries a source's `date_patterns` (the text of their `date` group), then [`parse_date`].
pub fn parse_date_with(text: &str, patterns: &[Regex]) -> Option<DateTime<FixedOffset>> {
    patterns
        .iter()
        .filter_map(|re| re.captures(text))
        .filter_map(|c| c.name("date").and_then(|m| parse_date(m.as_str())))
        .next()
        .or_else(|| parse_date(text))
}

/// Like [`parse_date`], also saying where in `text` the date was.
pub fn find_date(text: &str) -> Option<FoundDate> {
    let written = find_date_parts(text)?;
    let offset = written
        .offset
        .unwrap_or(FixedOffset::east_opt(DEFAULT_OFFSET_SECS)?);
    let date = offset.from_local_datetime(&written.local).single()?;
    Some(FoundDate {
        date,
        span: written.span,
    })
}

/// The first date in `text` as written, its zone left open when the text names none.
pub fn find_date_parts(text: &str) -> Option<WrittenDate> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for caps in DAY_MONTH_YEAR.captures_iter(text) {
        let end = caps.get(0).map_or(0, |m| m.end());
        if year_ends_at(text, end) {
            push_candidate(&mut candidates, &caps, day_month_year(&caps), None);
        }
    }
    for caps in MONTH_DAY_YEAR.captures_iter(text) {
        push_candidate(&mut candidates, &caps, day_month_year(&caps), None);
    }
    for caps in MONTH_DAY_TIME_YEAR.captures_iter(text) {
        let Some(clock) = clock(&caps) else { continue };
        push_candidate(&mut candidates, &caps, day_month_year(&caps), Some(clock));
    }
    for caps in NUMERIC_DMY.captures_iter(text) {
        push_candidate(&mut candidates, &caps, numeric_dmy(&caps), None);
    }
    for caps in NUMERIC_DMY_SHORT.captures_iter(text) {
        if let (Some(all), Some(day)) = (caps.name("all"), numeric_dmy_short(&caps)) {
            candidates.push(Candidate {
                span: all.range(),
                day,
                clock: None,
            });
        }
    }
    for caps in ISO_YMD.captures_iter(text) {
        let end = caps.get(0).map_or(0, |m| m.end());
        if !text[end..].starts_with(|c: char| c.is_ascii_digit()) {
            push_candidate(&mut candidates, &caps, iso_ymd(&caps), None);
        }
    }
    candidates.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    candidates.into_iter().find_map(|c| match c.clock {
        Some((time, offset)) => Some(WrittenDate {
            local: NaiveDateTime::new(c.day, time),
            offset,
            span: c.span,
        }),
        None => with_time(text, c.span, c.day),
    })
}

/// Whether the year of a written date ends at `end`: no digit follows, or only the same
/// date in numbers, glued to it by a page that shows one of the two by screen size
/// ("Jueves, 21 de Abril de 202221/04/2022").
fn year_ends_at(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let year = &text[end.saturating_sub(4)..end];
    NUMERIC_DMY
        .captures(rest)
        .is_some_and(|c| c.get(0).is_some_and(|m| m.start() == 0) && &c["y"] == year)
}

/// A date matched by one of the forms; `clock` when the form holds the time too.
struct Candidate {
    span: Range<usize>,
    day: NaiveDate,
    clock: Option<(NaiveTime, Option<FixedOffset>)>,
}

fn push_candidate(
    out: &mut Vec<Candidate>,
    caps: &Captures,
    day: Option<NaiveDate>,
    clock: Option<(NaiveTime, Option<FixedOffset>)>,
) {
    if let (Some(m), Some(day)) = (caps.get(0), day) {
        out.push(Candidate {
            span: m.range(),
            day,
            clock,
        });
    }
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// Years a news page can mean; anything else is a number that only looks like a year.
fn plausible_ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    (1900..=2199)
        .contains(&y)
        .then(|| NaiveDate::from_ymd_opt(y, m, d))
        .flatten()
}

fn day_month_year(caps: &Captures) -> Option<NaiveDate> {
    plausible_ymd(
        caps["y"].parse().ok()?,
        month_number(&caps["mon"])?,
        caps["d"].parse().ok()?,
    )
}

/// Day first; month first only when the first number cannot be a month ("1/27/2022").
fn numeric_dmy(caps: &Captures) -> Option<NaiveDate> {
    let a: u32 = caps["a"].parse().ok()?;
    let b: u32 = caps["b"].parse().ok()?;
    let y: i32 = caps["y"].parse().ok()?;
    let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
    plausible_ymd(y, m, d)
}

/// Day, month, and a year of this century.
fn numeric_dmy_short(caps: &Captures) -> Option<NaiveDate> {
    let d: u32 = caps["a"].parse().ok()?;
    let m: u32 = caps["b"].parse().ok()?;
    let y: i32 = caps["y"].parse().ok()?;
    plausible_ymd(2000 + y, m, d)
}

fn iso_ymd(caps: &Captures) -> Option<NaiveDate> {
    plausible_ymd(
        caps["y"].parse().ok()?,
        caps["m"].parse().ok()?,
        caps["d"].parse().ok()?,
    )
}

/// Completes a date with the time written after it (or else before it) and its zone.
/// `None` when the time or zone is impossible, so a line like "27/01/2022 25:61" is rejected.
fn with_time(text: &str, span: Range<usize>, day: NaiveDate) -> Option<WrittenDate> {
    // A digit right after the minutes means a number such as "14.000", not a time.
    let is_time = |caps: &Captures| caps.name("more").is_none();
    let after = &text[span.end..];
    let (time, offset, span) = if let Some(caps) = TIME_AFTER.captures(after).filter(is_time) {
        let (time, offset) = clock(&caps)?;
        (time, offset, span.start..span.end + caps[0].len())
    } else if let Some(caps) = TIME_ANYWHERE
        .captures_iter(&text[..span.start])
        .filter(is_time)
        .last()
    {
        let (time, offset) = clock(&caps)?;
        (time, offset, caps.get(0)?.start()..span.end)
    } else {
        (NaiveTime::MIN, None, span)
    };
    Some(WrittenDate {
        local: NaiveDateTime::new(day, time),
        offset,
        span,
    })
}

/// The time and zone of a TIME match; a word after the time that is no zone is not part of it.
fn clock(caps: &Captures) -> Option<(NaiveTime, Option<FixedOffset>)> {
    let mut h: u32 = caps["h"].parse().ok()?;
    let min: u32 = caps["min"].parse().ok()?;
    let s: u32 = caps
        .name("s")
        .map_or(Some(0), |m| m.as_str().parse().ok())?;
    if let Some(ampm) = caps.name("ampm") {
        if !(1..=12).contains(&h) {
            return None;
        }
        let pm = ampm.as_str().eq_ignore_ascii_case("p");
        h = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    let time = NaiveTime::from_hms_opt(h, min, s)?;
    let offset = match caps.name("zone") {
        Some(z) => zone_offset(z.as_str()),
        None => None,
    };
    Some((time, offset))
}

/// "WIB" → +07:00, "GMT+7" → +07:00, "+0530" → +05:30; `None` for words that are no zone.
fn zone_offset(zone: &str) -> Option<FixedOffset> {
    let zone = zone.trim().to_lowercase();
    if let Some((_, minutes)) = ZONES.iter().find(|(n, _)| *n == zone) {
        return FixedOffset::east_opt(minutes * 60);
    }
    let numeric = zone
        .trim_start_matches("gmt")
        .trim_start_matches("utc")
        .replace([' ', ':'], "");
    let (sign, digits) = match numeric.strip_prefix('+') {
        Some(rest) => (1, rest),
        None => (-1, numeric.strip_prefix('-')?),
    };
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc(text: &str) -> String {
        parse_date(text)
            .map(|d| d.to_rfc3339())
            .unwrap_or_else(|| format!("no date in {text:?}"))
    }

    #[test]
    fn indonesian_long_form_with_wib() {
        assert_eq!(
            rfc("Kamis, 27 Januari 2022, 14:52 WIB"),
            "2022-01-27T14:52:00+07:00"
        );
        assert_eq!(
            rfc("  • Kamis, 27 Januari 2022, 14:52 WIB"),
            "2022-01-27T14:52:00+07:00"
        );
    }

    #[test]
    fn short_month_and_dash() {
        assert_eq!(
            rfc("Senin 3 Okt 2022 - 08:15 WIB"),
            "2022-10-03T08:15:00+07:00"
        );
        assert_eq!(rfc("27 Jan 2022 14.52 WIB"), "2022-01-27T14:52:00+07:00");
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(rfc("27/01/2022 14:52"), "2022-01-27T14:52:00+07:00");
        assert_eq!(rfc("27-01-2022 14:52 WITA"), "2022-01-27T14:52:00+08:00");
        assert_eq!(
            rfc("Kompas.com - 27/01/2022, 14:52 WIB"),
            "2022-01-27T14:52:00+07:00"
        );
        assert_eq!(rfc("27.01.2022"), "2022-01-27T00:00:00+07:00");
        assert_eq!(rfc("1/27/2022"), "2022-01-27T00:00:00+07:00");
    }

    #[test]
    fn a_two_digit_year_with_dots() {
        assert_eq!(
            rfc("Von: Björn Jahner | 31.10.23"),
            "2023-10-31T00:00:00+07:00"
        );
        assert_eq!(rfc("Kultur, 2.11.22"), "2022-11-02T00:00:00+07:00");
        assert_eq!(rfc("06.11.23 - 14:00"), "2023-11-06T14:00:00+07:00");
        // Version numbers, a slash form that may be month first, and an impossible day.
        for text in [
            "Version 1.2.3.4",
            "Release 2.11.22.1",
            "11/01/23",
            "32.10.23",
            "1.13.22",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn wit_and_pipe() {
        assert_eq!(
            rfc("Rabu, 2 Februari 2022 | 10:05 WIT"),
            "2022-02-02T10:05:00+09:00"
        );
    }

    #[test]
    fn a_comma_after_the_day() {
        assert_eq!(
            rfc("Managua, Nicaragua 26, Abril, 2022 7:43 p.m."),
            "2022-04-26T19:43:00+07:00"
        );
    }

    #[test]
    fn a_written_date_glued_to_the_same_date_in_numbers() {
        // Two spans of one `<time>`, one for wide screens, one for narrow ones.
        assert_eq!(
            rfc("Jueves, 21 de Abril de 202221/04/2022"),
            "2022-04-21T00:00:00+07:00"
        );
        // A longer number after the year is no year ("5 Mei 20221 pengunjung").
        assert_eq!(
            rfc("5 Mei 20221 pengunjung"),
            "no date in \"5 Mei 20221 pengunjung\""
        );
        // Nor is a year glued to another date.
        assert_eq!(
            rfc("21 de Abril de 202203/05/2021"),
            "no date in \"21 de Abril de 202203/05/2021\""
        );
    }

    #[test]
    fn arabic_month_names() {
        assert_eq!(rfc("الجمعة 8 فيفري 2019"), "2019-02-08T00:00:00+07:00");
        assert_eq!(rfc("12 أغسطس 2020"), "2020-08-12T00:00:00+07:00");
    }

    #[test]
    fn year_first() {
        assert_eq!(rfc("2022-01-27 14:52"), "2022-01-27T14:52:00+07:00");
        assert_eq!(rfc("2022-01-27"), "2022-01-27T00:00:00+07:00");
    }

    #[test]
    fn english_month_first_with_pm() {
        assert_eq!(rfc("January 27, 2022 2:52 PM"), "2022-01-27T14:52:00+07:00");
        assert_eq!(
            rfc("Published Jan. 27, 2022 at 9:05 a.m. GMT"),
            "2022-01-27T09:05:00+00:00"
        );
        assert_eq!(
            rfc("Thursday 27 January 2022 12:10 AM UTC"),
            "2022-01-27T00:10:00+00:00"
        );
        assert_eq!(
            rfc("March 3rd, 2022, 12:30 pm EST"),
            "2022-03-03T12:30:00-05:00"
        );
    }

    #[test]
    fn rfc3339_and_offsets() {
        assert_eq!(
            rfc("2022-01-27T14:52:00+07:00"),
            "2022-01-27T14:52:00+07:00"
        );
        assert_eq!(rfc("2022-01-27T07:52:00Z"), "2022-01-27T07:52:00+00:00");
        assert_eq!(rfc("2022-01-27T07:52:00.123Z"), "2022-01-27T07:52:00+00:00");
        assert_eq!(rfc("27 Jan 2022 14:52 +0800"), "2022-01-27T14:52:00+08:00");
        assert_eq!(rfc("27 Jan 2022 14:52 GMT+7"), "2022-01-27T14:52:00+07:00");
        assert_eq!(rfc("27 Jan 2022 14:52 UTC"), "2022-01-27T14:52:00+00:00");
    }

    #[test]
    fn every_month_name() {
        let names = [
            ("Januari", 1),
            ("jan", 1),
            ("Februari", 2),
            ("Feb", 2),
            ("Peb", 2),
            ("Maret", 3),
            ("Mar", 3),
            ("April", 4),
            ("Apr", 4),
            ("Mei", 5),
            ("May", 5),
            ("Juni", 6),
            ("Jun", 6),
            ("Juli", 7),
            ("Jul", 7),
            ("Agustus", 8),
            ("Agu", 8),
            ("Agt", 8),
            ("Ags", 8),
            ("August", 8),
            ("September", 9),
            ("Sep", 9),
            ("Sept", 9),
            ("Oktober", 10),
            ("Okt", 10),
            ("October", 10),
            ("November", 11),
            ("Nov", 11),
            ("Nop", 11),
            ("Desember", 12),
            ("Des", 12),
            ("DECEMBER", 12),
        ];
        for (name, month) in names {
            let d = parse_date(&format!("5 {name} 2021")).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                d.date_naive(),
                NaiveDate::from_ymd_opt(2021, month, 5).unwrap(),
                "{name}"
            );
        }
    }

    #[test]
    fn javascript_and_java_date_strings() {
        assert_eq!(
            rfc("Tue Nov 19 2019 03:05:46 GMT+0000"),
            "2019-11-19T03:05:46+00:00"
        );
        assert_eq!(
            rfc("Tue Nov 19 2019 03:05:46 GMT-0800 (Pacific Standard Time)"),
            "2019-11-19T03:05:46-08:00"
        );
        assert_eq!(
            rfc("Mon Oct 11 14:57:21 CEST 2021"),
            "2021-10-11T14:57:21+02:00"
        );
        assert_eq!(rfc("Tue Nov 19 03:05:46 2019"), "2019-11-19T03:05:46+07:00");
    }

    #[test]
    fn rfc_2822() {
        assert_eq!(
            rfc("Thu, 08 May 2014 14:04:53 -0400"),
            "2014-05-08T14:04:53-04:00"
        );
        assert_eq!(
            rfc("Wed, 20 Nov 2019 08:08:00 GMT"),
            "2019-11-20T08:08:00+00:00"
        );
    }

    #[test]
    fn time_and_named_zone_before_the_date() {
        assert_eq!(
            rfc("01:38:07 PM IST Nov 20, 2019"),
            "2019-11-20T13:38:07+05:30"
        );
        assert_eq!(
            rfc("Updated: 10:15 AM PST, Nov 20, 2019"),
            "2019-11-20T10:15:00-08:00"
        );
    }

    #[test]
    fn named_zones() {
        for (zone, offset) in [
            ("WIB", "+07:00"),
            ("WITA", "+08:00"),
            ("WIT", "+09:00"),
            ("IST", "+05:30"),
            ("EST", "-05:00"),
            ("EDT", "-04:00"),
            ("PST", "-08:00"),
            ("GMT", "+00:00"),
            ("CET", "+01:00"),
            ("CEST", "+02:00"),
            ("JST", "+09:00"),
            ("AEST", "+10:00"),
        ] {
            assert_eq!(
                rfc(&format!("20 Nov 2019 13:38 {zone}")),
                format!("2019-11-20T13:38:00{offset}"),
                "{zone}"
            );
        }
    }

    #[test]
    fn offsets_with_and_without_colon() {
        assert_eq!(
            rfc("2019-11-18 17:19:53 -0800"),
            "2019-11-18T17:19:53-08:00"
        );
        assert_eq!(
            rfc("2019-11-18 17:19:53 -08:00"),
            "2019-11-18T17:19:53-08:00"
        );
        assert_eq!(rfc("2019-11-18T17:19:53+0530"), "2019-11-18T17:19:53+05:30");
        assert_eq!(rfc("2019-11-18 17:19:53 GMT"), "2019-11-18T17:19:53+00:00");
        assert_eq!(rfc("2022-05-04T03:00:00 UTC"), "2022-05-04T03:00:00+00:00");
    }

    #[test]
    fn other_languages_of_the_pages_mirrored() {
        assert_eq!(
            rfc("25. Februar 2020 um 13:02 Uhr"),
            "2020-02-25T13:02:00+07:00"
        );
        assert_eq!(rfc("28. Dezember 2022"), "2022-12-28T00:00:00+07:00");
        assert_eq!(rfc("3. März 2021"), "2021-03-03T00:00:00+07:00");
        assert_eq!(rfc("05 de mayo de 2022"), "2022-05-05T00:00:00+07:00");
        assert_eq!(rfc("1er août 2021"), "2021-08-01T00:00:00+07:00");
        assert_eq!(rfc("14 gennaio 2020"), "2020-01-14T00:00:00+07:00");
        assert_eq!(rfc("3 maart 2021"), "2021-03-03T00:00:00+07:00");
        assert_eq!(rfc("15 августа 2016, 13:43"), "2016-08-15T13:43:00+07:00");
        assert_eq!(rfc("2 листопада 2021"), "2021-11-02T00:00:00+07:00");
    }

    #[test]
    fn the_zone_stays_open_when_the_text_names_none() {
        let written = find_date_parts("2019-11-18 17:19:53").unwrap();
        assert_eq!(written.local.to_string(), "2019-11-18 17:19:53");
        assert_eq!(written.offset, None);
        let written = find_date_parts("2019-11-18 17:19:53 GMT").unwrap();
        assert_eq!(written.offset, FixedOffset::east_opt(0));
    }

    #[test]
    fn time_before_the_date() {
        assert_eq!(
            rfc("14:52 WIB, Kamis 27 Januari 2022"),
            "2022-01-27T14:52:00+07:00"
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for text in [
            "30 Februari 2022",
            "31/04/2022",
            "2022-13-01",
            "27/01/2022 25:10",
            "27 Jan 2022 14:61 WIB",
            "27 Jan 2022 13:00 PM",
            "32 Januari 2022",
            "Rabu (26/1) siang",
            "27 Januari",
            "tidak ada tanggal di sini",
            "",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_after_the_date_are_no_time() {
        assert_eq!(
            rfc("27 Jan 2022 - 14.000 orang"),
            "2022-01-27T00:00:00+07:00"
        );
    }

    #[test]
    fn the_span_covers_date_time_and_zone() {
        let line = "  • Kamis, 27 Januari 2022, 14:52 WIB";
        let found = find_date(line).unwrap();
        assert_eq!(&line[found.span], "27 Januari 2022, 14:52 WIB");
    }

    #[test]
    fn source_patterns_come_first() {
        let re = Regex::new(r"Diperbarui (?P<date>\S+ \S+)").unwrap();
        let text = "Terbit 27/01/2022 14:52 · Diperbarui 28/01/2022 09:00";
        assert_eq!(
            parse_date_with(text, &[re]).unwrap().to_rfc3339(),
            "2022-01-28T09:00:00+07:00"
        );
        assert_eq!(
            parse_date_with(text, &[]).unwrap().to_rfc3339(),
            "2022-01-27T14:52:00+07:00"
        );
    }
}
