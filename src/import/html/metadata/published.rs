//! The publication date: the one the page states for machines (JSON-LD, meta tags,
//! `itemprop`, `<time datetime>`), else the one it shows by the headline, else its last change.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use super::super::dom::{class_id_words, tag_name, text_of};
use super::super::iso_date::{MachineDate, read_machine_date};
use super::super::jsonld::JsonLdArticle;
use super::{Line, MetaTags, Page};
use crate::import::Rules;
use crate::import::dates;

/// Meta tags that carry the publication date, the most specific first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "article:published_date",
    "published_time",
    "published_date",
    "publication_date",
    "datepublished",
    "pubdate",
    "og:pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date_published",
    "article.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dc.date",
    "dcterms.created",
    "prism.publicationdate",
    "citation_publication_date",
    "citation_date",
    "parsely-pub-date",
    "sailthru.date",
    "shareaholic:article_published_time",
    "cxenseparse:recs:publishtime",
    // Kompas Gramedia's and detik's sites
    "content_publisheddate",
    "date",
];

/// Meta tags that carry the date of the last change: used only when nothing says when the
/// article was published.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// Class and id words of elements that show a date.
const DATE_WORDS: &[&str] = &[
    "date",
    "dateline",
    "time",
    "pubdate",
    "published",
    "posted",
    "tanggal",
    "tgl",
    "waktu",
    "timestamp",
    "meta",
    "info",
    "byline",
    "datum",
    "fecha",
    "authored",
];

/// Whether a class or id word marks a date: one of [`DATE_WORDS`], or a word built on "date"
/// ("date2", "postdate", "datetime").
pub(super) fn is_date_word(word: &str) -> bool {
    DATE_WORDS.contains(&word)
        || (word.starts_with("date") && !word.starts_with("dater"))
        || word.ends_with("date") && !word.ends_with("update")
}

/// The publication date: one the page states for machines (JSON-LD, meta tags, `itemprop`,
/// `<time datetime>`), else one it shows near the headline, else its last change.
pub(super) fn published(
    page: &Page,
    ld: &JsonLdArticle,
    meta: &MetaTags,
    rules: &Rules,
    lang: &str,
) -> Option<DateTime<FixedOffset>> {
    // A date that names no zone: Jakarta time on a page in Indonesian, UTC on a page in
    // another language; a date shown to readers of a page in no stated language is taken
    // as Jakarta time too, machine dates of such a page as UTC.
    let wib = FixedOffset::east_opt(7 * 3600).expect("WIB");
    let (machine_offset, shown_offset) = match lang {
        l if l.starts_with("id") => (wib, wib),
        "" => (utc(), wib),
        _ => (utc(), utc()),
    };
    let shown = visible_date(page.lines(), rules);
    let stated: Vec<(String, MachineDate)> = machine_dates(page, ld, meta)
        .into_iter()
        .filter_map(|raw| read_machine_date(&raw).map(|m| (raw, m)))
        .collect();
    // A `<time>`, when no other source states a date, may be that of a teaser below the
    // article ("published" as much as the article's own): another day shown in the byline
    // under the headline wins, unless that line gives an update.
    if let [(_, only)] = stated.as_slice()
        && time_only(page, ld, meta)
        && let Some(near) = page
            .lines()
            .iter()
            .filter(|l| l.near_headline && l.words <= 20)
            .find_map(|l| dates::find_date_parts(&l.text).map(|d| (d, l)))
            .filter(|(_, l)| !UPDATE_WORD.is_match(&l.text))
            .map(|(d, _)| d)
        && near.local.date() != only.local.date()
    {
        let near = MachineDate {
            local: near.local,
            offset: near.offset,
        };
        return near.at(shown_offset);
    }
    if let Some((raw, first)) = stated.first() {
        let same_minute = shown_at_the_same_minute(page.lines(), first);
        let m = in_the_pages_zone(first, &stated, same_minute.as_ref().or(shown.as_ref()));
        if let Some(shown) = shown.as_ref().filter(|s| is_read_the_other_way(raw, &m, s)) {
            return shown.at(m.offset.unwrap_or(machine_offset));
        }
        if m.offset.is_some() {
            return m.at(utc());
        }
        // A visible "13:45 WITA" for the same moment gives the offset the date lacks, and a
        // visible time completes a machine date that has only the day.
        if let Some(shown) = &shown {
            let same_moment = shown.local == m.local;
            let same_day_with_time =
                m.local.time() == chrono::NaiveTime::MIN && shown.local.date() == m.local.date();
            if same_moment || same_day_with_time {
                return shown.at(machine_offset);
            }
        }
        return m.at(machine_offset);
    }
    if let Some(shown) = shown {
        return shown.at(shown_offset);
    }
    // Dates the page states less clearly: of another JSON-LD node (a video, a recipe), of
    // creation, of the last change.
    ld.other_date_published
        .iter()
        .chain(meta.all("datecreated"))
        .chain(itemprop_dates(page, "dateCreated").iter())
        .chain(ld.date_modified.iter())
        .chain(MODIFIED_META.iter().flat_map(|k| meta.all(k)))
        .find_map(|raw| read_machine_date(raw))
        .and_then(|m| m.at(machine_offset))
        // Last, a date the page shows as its last update ("Aktualisiert am 17.01.2021"):
        // the only day it gives.
        .or_else(|| {
            page.lines()
                .iter()
                .filter(|l| l.words <= 8 && UPDATED_LABEL.is_match(&l.text))
                .find_map(|l| dates::find_date_parts(&l.text))
                .and_then(|w| {
                    MachineDate {
                        local: w.local,
                        offset: w.offset,
                    }
                    .at(shown_offset)
                })
        })
}

/// Whether the page's only machine-readable date is that of a `<time>`.
fn time_only(page: &Page, ld: &JsonLdArticle, meta: &MetaTags) -> bool {
    ld.date_published.is_none()
        && DATE_META.iter().all(|k| meta.all(k).is_empty())
        && itemprop_dates(page, "datePublished").is_empty()
}

/// A word that says a date is that of an update.
static UPDATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)aktualisiert|geändert|updated|modified|actualizado|mis à jour|diperbarui")
        .expect("valid regex")
});

/// A date in UTC is the page's machine date as a server wrote it; the page shows the day in
/// its own zone. So another of its stated dates for the same moment with an offset wins
/// ("2022-04-22T04:11:44+00:00" and "2022-04-21T22:11:44-06:00": the 21st), and so does the
/// zone a time shown by the headline states or implies ("16:20 WIT" for 07:20 UTC: +09:00;
/// 04:08 UTC shown as "11:08 PM": -05:00).
fn in_the_pages_zone(
    first: &MachineDate,
    stated: &[(String, MachineDate)],
    shown: Option<&MachineDate>,
) -> MachineDate {
    let Some(moment) = first.at(utc()).filter(|_| first.offset == Some(utc())) else {
        return first.clone();
    };
    let same_moment = stated
        .iter()
        .map(|(_, m)| m)
        .find(|m| m.offset.is_some_and(|o| o != utc()) && m.at(utc()) == Some(moment));
    if let Some(m) = same_moment {
        return m.clone();
    }
    // The page shows the same minute with its zone ("16:20 WIT" for 07:20:35 UTC).
    let shown_zone = shown
        .filter(|s| {
            s.at(utc())
                .is_some_and(|t| (t - moment).num_seconds().abs() < 60)
        })
        .and_then(|s| s.offset)
        .filter(|&o| o != utc());
    if let Some(offset) = shown_zone {
        return MachineDate {
            local: moment.with_timezone(&offset).naive_local(),
            offset: Some(offset),
        };
    }
    let shown_offset = shown
        .filter(|s| s.offset.is_none() && s.local.time() != chrono::NaiveTime::MIN)
        .map(|s| (s.local - first.local).num_minutes())
        .filter(|&minutes| minutes != 0 && minutes.abs() <= 14 * 60 && minutes % 15 == 0)
        .and_then(|minutes| FixedOffset::east_opt(i32::try_from(minutes * 60).ok()?));
    match shown_offset {
        Some(offset) => MachineDate {
            local: moment.with_timezone(&offset).naive_local(),
            offset: Some(offset),
        },
        None => first.clone(),
    }
}

/// A date shown near the headline, in a zone of its own, for the same minute as the UTC
/// machine date `first`: not only the first date shown, since an update often comes first
/// ("Updated … 6:40 p.m. EST | Published … 3:12 p.m. EST"). Every date of a short line is
/// read, one after another.
fn shown_at_the_same_minute(lines: &[Line], first: &MachineDate) -> Option<MachineDate> {
    let moment = first.at(utc()).filter(|_| first.offset == Some(utc()))?;
    lines
        .iter()
        .filter(|l| (l.near_headline || l.before_headline) && l.words <= 30)
        .flat_map(|l| dates_in(&l.text))
        .find(|d| {
            d.offset.is_some_and(|o| o != utc())
                && d.at(utc())
                    .is_some_and(|t| (t - moment).num_seconds().abs() < 60)
        })
}

/// Every date written in `text`, in order.
fn dates_in(text: &str) -> Vec<MachineDate> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(w) = dates::find_date_parts(rest) {
        found.push(MachineDate {
            local: w.local,
            offset: w.offset,
        });
        let Some(after) = rest.get(w.span.end.max(1)..) else {
            break;
        };
        rest = after;
    }
    found
}

/// Whether a machine date written with slashes, day or month first ("11/01/2023 12:43:42":
/// month first, as US software writes it), is the date shown to readers ("Erstellt am:
/// 01.11.2023") with day and month read the other way round.
fn is_read_the_other_way(raw: &str, machine: &MachineDate, shown: &MachineDate) -> bool {
    use chrono::Datelike;
    let (m, s) = (machine.local.date(), shown.local.date());
    let raw = raw.trim();
    let leading_digits = raw.chars().take_while(char::is_ascii_digit).count();
    (1..=2).contains(&leading_digits)
        && raw.contains('/')
        && m != s
        && m.year() == s.year()
        && m.day() == s.month()
        && m.month() == s.day()
}

/// The page's machine-readable publication dates, in the order they are trusted.
fn machine_dates(page: &Page, ld: &JsonLdArticle, meta: &MetaTags) -> Vec<String> {
    let mut dates: Vec<String> = ld.date_published.iter().cloned().collect();
    dates.extend(DATE_META.iter().flat_map(|k| meta.all(k)).cloned());
    dates.extend(itemprop_dates(page, "datePublished"));
    dates.extend(time_element_date(page));
    dates
}

/// `itemprop="datePublished"` (or another `prop`) on elements other than `<meta>`: its
/// `datetime` or `content`, else its text.
fn itemprop_dates(page: &Page, prop: &str) -> Vec<String> {
    page.doc
        .select("[itemprop]")
        .nodes()
        .iter()
        .filter(|n| tag_name(n) != "meta" && !page.in_comments(n))
        .filter(|n| {
            n.attr("itemprop")
                .is_some_and(|p| p.split_whitespace().any(|t| t.eq_ignore_ascii_case(prop)))
        })
        .filter_map(|n| {
            n.attr("datetime")
                .or_else(|| n.attr("content"))
                // hAtom's `<abbr class="published" title="2024-12-02T14:35:00+08:00">` (Blogger).
                .or_else(|| n.attr("title").filter(|_| tag_name(n) == "abbr"))
                .map(|v| v.to_string())
                .or_else(|| Some(text_of(n)))
        })
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("UTC")
}

/// The `datetime` of the page's publication `<time>`: one marked as such, else the first
/// outside the comments.
fn time_element_date(page: &Page) -> Option<String> {
    marked_time(page)
        .or_else(|| {
            page.doc
                .select("time[datetime]")
                .nodes()
                .iter()
                .find(|t| !page.in_comments(t))
                .and_then(|t| t.attr("datetime"))
                .map(|d| d.to_string())
        })
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
}

/// The `datetime` of a `<time>` marked as the publication's (itemprop, class "published").
fn marked_time(page: &Page) -> Option<String> {
    page.doc
        .select("time[datetime]")
        .nodes()
        .iter()
        .find(|t| {
            t.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                || class_id_words(t)
                    .iter()
                    .any(|w| w == "published" || w == "entry")
        })
        .and_then(|t| t.attr("datetime"))
        .map(|d| d.to_string())
}

/// The words that open a line giving the publication date, in the languages of the pages.
static PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:erstellt|veröffentlicht|publiziert|published|posted|publicado|publié|pubblicato|diterbitkan|dipublikasikan)\b",
    )
    .expect("valid regex")
});

/// The words that open a line giving the date of the last update.
static UPDATED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:aktualisiert|zuletzt\s+aktualisiert|updated|last\s+updated|actualizado|mis\s+à\s+jour|diperbarui)\b")
        .expect("valid regex")
});

/// A date shown on the page: by the source's date patterns, else in a short line that
/// follows the headline, else in one marked as a date (class "date", "tanggal", ...), else
/// in a line labelled as the publication date, else in one just above the headline. Its
/// zone stays open when the line names none.
fn visible_date(lines: &[Line], rules: &Rules) -> Option<MachineDate> {
    let written = |text: &str| {
        dates::find_date_parts(text).map(|w| MachineDate {
            local: w.local,
            offset: w.offset,
        })
    };
    let patterns = rules
        .source
        .as_ref()
        .map_or(&[][..], |s| &s.date_patterns[..]);
    let by_pattern = lines.iter().find_map(|l| {
        patterns
            .iter()
            .filter_map(|re| re.captures(&l.text))
            .find_map(|c| c.name("date").and_then(|m| written(m.as_str())))
    });
    by_pattern
        .or_else(|| {
            // The lines under the headline first: a line marked as a date elsewhere may be
            // the site's clock in its header ("Viernes, 22 de abril de 2022").
            let dateline = |l: &Line| {
                if l.words <= 20 {
                    return written(&l.text);
                }
                // A long line near the headline counts only for a dateline at its start
                // ("01.02.2022 Der Arbeitsmarkt ...", "Pressemitteilung vom 25. Januar 2022 | ...").
                let start: String = l.text.chars().take(60).collect();
                dates::find_date_parts(&start)
                    .filter(|w| w.span.start <= 30)
                    .map(|w| MachineDate {
                        local: w.local,
                        offset: w.offset,
                    })
            };
            let near = lines.iter().filter(|l| l.near_headline).find_map(dateline);
            near.or_else(|| lines.iter().filter(|l| l.date_marked).find_map(dateline))
        })
        .or_else(|| {
            // A line that says it gives the publication date ("Erstellt am: 01.11.2023"),
            // wherever it is.
            lines
                .iter()
                .filter(|l| l.words <= 8 && PUBLISHED_LABEL.is_match(&l.text))
                .find_map(|l| written(&l.text))
        })
        .or_else(|| {
            // Last, a short line set just above the headline, the closest first.
            lines
                .iter()
                .rev()
                .filter(|l| l.before_headline && l.words <= 20)
                .find_map(|l| written(&l.text))
        })
}

#[cfg(test)]
mod tests {
    use dom_query::Document;

    use super::super::read;
    use crate::import::Rules;

    fn date_of(html: &str) -> Option<String> {
        read(&Document::from(html), &Rules::default())
            .date
            .map(|d| d.to_rfc3339())
    }

    #[test]
    fn a_meta_tag_answers_to_each_of_its_names() {
        let html = r#"<html><head><meta property="article:published" itemprop="datePublished dateCreated" content="2019-11-18T10:00:00-0800"></head><body></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2019-11-18T10:00:00-08:00");
    }

    #[test]
    fn time_elements_with_a_named_zone_or_none() {
        let html = r#"<body><h1>Headline of the story here</h1><time datetime="2019-11-18 17:19:53 GMT">Nov 18</time></body>"#;
        assert_eq!(date_of(html).unwrap(), "2019-11-18T17:19:53+00:00");
        let html = r#"<body><time datetime="2019-11-18T17:19:53">Nov 18</time></body>"#;
        assert_eq!(date_of(html).unwrap(), "2019-11-18T17:19:53+00:00");
        let html = r#"<html lang="id"><body><time datetime="2019-11-18T17:19:53">18 Nov</time></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2019-11-18T17:19:53+07:00");
    }

    #[test]
    fn itemprop_dates_on_any_element() {
        let html = r#"<body><span itemprop="datePublished" content="2022-01-14 10:31:00">Januar 2022</span></body>"#;
        assert_eq!(date_of(html).unwrap(), "2022-01-14T10:31:00+00:00");
        let html = r#"<body><p>x</p><span itemprop="datePublished">28 December 2022</span></body>"#;
        assert_eq!(date_of(html).unwrap(), "2022-12-28T00:00:00+00:00");
    }

    #[test]
    fn the_most_precise_of_an_elements_dates() {
        let html = r#"<body><time itemprop="datePublished" content="2023-10-18" datetime="2023-10-18T11:45:00+02:00">18.10.2023</time></body>"#;
        assert_eq!(date_of(html).unwrap(), "2023-10-18T11:45:00+02:00");
        // A machine date with only the day takes the time shown under the headline.
        let html = r#"<html lang="id"><head><meta property="article:published_time" content="2022-05-04"></head>
            <body><h1>Judul berita yang cukup panjang</h1><p class="date">Rabu, 4 Mei 2022 05:49 WIB</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2022-05-04T05:49:00+07:00");
        // A page's own date wins over that of a video or recipe node in its JSON-LD.
        let html = r#"<head><meta property="article:published_time" content="2021-03-08T11:15:28Z">
            <script type="application/ld+json">{"@type":"VideoObject","uploadDate":"2021-03-14T19:14:36Z"}</script></head>"#;
        assert_eq!(date_of(html).unwrap(), "2021-03-08T11:15:28+00:00");
    }

    #[test]
    fn visible_datelines() {
        let html = r#"<html lang="de"><body><div class="news_text"><div class="row"><span class="date2">04. November 2021 | PAID CONTENT</span></div><h1>Camping boomt weiter in der Schweiz</h1><p>Text.</p></div></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2021-11-04T00:00:00+00:00");
        let html = r#"<html lang="de"><body><h1>Arbeitsmarkt zum Jahresanfang auf Erholungskurs</h1>
            <p>01.02.2022 Der Arbeitsmarkt ist gut in das neue Jahr gestartet, sagte der Vorstandsvorsitzende am Dienstag in Nürnberg vor der Presse und nannte die Zahlen.</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2022-02-01T00:00:00+00:00");
        // A date deep in a sentence of the text is no dateline.
        let html = r#"<html lang="de"><body><h1>Ein Video ist frei erfunden, sagt Grab</h1>
            <p>BANGKOK: Ein TikTok-Video, in dem behauptet wird, dass ein Lieferbote nach Singapur fliegt, ist frei erfunden, sagte ein Sprecher am Montag (30. Oktober 2023).</p></body></html>"#;
        assert_eq!(date_of(html), None);
    }

    #[test]
    fn dates_that_are_no_iso_dates() {
        let html = r#"<head><meta property="og:article:published_time" content="Mon Oct 11 14:57:21 CEST 2021"></head>"#;
        assert_eq!(date_of(html).unwrap(), "2021-10-11T14:57:21+02:00");
        let html = r#"<head><meta name="publication_date" content="Tue Nov 19 2019 03:05:46 GMT+0000"></head>"#;
        assert_eq!(date_of(html).unwrap(), "2019-11-19T03:05:46+00:00");
        let html = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"Thu, 08 May 2014 14:04:53 -0400"}</script>"#;
        assert_eq!(date_of(html).unwrap(), "2014-05-08T14:04:53-04:00");
    }

    #[test]
    fn json_ld_dates_outside_an_article_node() {
        let html = r#"<script type="application/ld+json">[{"@type":"WebSite","name":"S"},{"@type":"WebPage","datePublished":"2019-10-18T13:07:38+00:00"}]</script>"#;
        assert_eq!(date_of(html).unwrap(), "2019-10-18T13:07:38+00:00");
    }

    #[test]
    fn the_last_change_when_nothing_says_when_it_was_published() {
        let html = r#"<head><meta property="article:modified_time" content="2021-03-04T05:06:07+01:00"></head><body><p>Text.</p></body>"#;
        assert_eq!(date_of(html).unwrap(), "2021-03-04T05:06:07+01:00");
        assert_eq!(date_of("<body><p>No date at all.</p></body>"), None);
    }

    #[test]
    fn datelines_loose_beside_blocks_above_or_below_the_headline() {
        // Inline text beside blocks (no leaf block of its own), marked as a date.
        assert_eq!(
            date_of(
                r#"<html lang="de"><body><h1>Die Haubenfahrzeuge der Nachkriegszeit</h1><div class="content">
                <em class="date">Dienstag, 2. November 2021</em><h2>Büssing-NAG</h2>
                <p>Mit Wirkung zum 1. Januar 1923 wurde die Firma umgewandelt.</p></div></body></html>"#
            )
            .map(|d| d[..10].to_string())
            .as_deref(),
            Some("2021-11-02")
        );
        // Set just above the headline.
        assert_eq!(
            date_of(
                r#"<html lang="es"><body><p>Fama:</p><p>Jueves 28 de Abril de 2022 5:03 PM</p>
                <h1>¡Exclusividad! Ulpiano Vergara ahora será una marca registrada</h1><p>El acordeonista registró su nombre.</p></body></html>"#
            )
            .map(|d| d[..10].to_string())
            .as_deref(),
            Some("2022-04-28")
        );
        // A headline in an `<h2>` (the `<h1>` is the logo), known by the title.
        assert_eq!(
            date_of(
                r#"<html lang="fr"><head><meta property="og:title" content="Deux ans et demi en Macronie"></head><body><h1>Regards</h1>
                <p>Accueil</p><p>Menu</p><p>Rubriques</p><p>Politique</p><p>Société</p>
                <p>| Par Loïc Le Clerc | 30 septembre 2018</p><h2>Deux ans et demi en Macronie</h2><p>Le texte.</p></body></html>"#
            )
            .map(|d| d[..10].to_string())
            .as_deref(),
            Some("2018-09-30")
        );
    }

    #[test]
    fn a_utc_date_gives_way_to_the_same_moment_in_the_pages_zone() {
        // The server's UTC copy and the page's own: the day a reader in Belize sees.
        let html = r#"<head><meta property="article:published_time" content="2022-04-22T04:11:44+00:00"></head>
            <body><h1>Americas at risk of further wave</h1><time class="entry-date" datetime="2022-04-21T22:11:44-06:00">April 21, 2022</time></body>"#;
        assert_eq!(date_of(html).unwrap(), "2022-04-21T22:11:44-06:00");
        // A time shown by the headline for the same moment, with no zone: its zone.
        let html = r#"<html lang="en"><head><meta property="article:published_time" content="2022-04-29T04:08:28+00:00"></head>
            <body><h1>Officials arrest the premier on drug charges</h1><p class="date">April 28, 2022 11:08 PM</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2022-04-28T23:08:28-05:00");
        // The same minute shown with a named zone: that zone, the machine's seconds.
        let html = r#"<html lang="id"><head><meta property="article:published_time" content="2026-12-04T07:20:35.000Z"></head>
            <body><h1>Banjir rob rendam pesisir Sorong</h1><span class="article__date">Jumat, 04 Des 2026 16:20 WIT</span></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2026-12-04T16:20:35+09:00");
        // The same minute shown after an update shown first: still the page's zone.
        let html = r#"<html lang="en"><head><meta property="article:published_time" content="2026-12-01T20:12:05Z"></head>
            <body><h1>Council approves the depot</h1><div class="display-date"><span>Updated December 1, 2026 at 6:40 p.m. EST</span><span>|</span><span>Published December 1, 2026 at 3:12 p.m. EST</span></div></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2026-12-01T15:12:05-05:00");
        // Only an update shown in the page's zone: not the same moment, so UTC stays.
        let html = r#"<html lang="en"><head><meta property="article:published_time" content="2026-12-01T19:32:00Z"></head>
            <body><h1>Council approves the depot</h1><span class="date">Updated 6:40 PM EST, December 1, 2026</span></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2026-12-01T19:32:00+00:00");
        // Another moment in another zone is another date: the first stated stays.
        let html = r#"<head><meta property="article:published_time" content="2022-04-22T04:11:44+00:00"></head>
            <body><time class="entry-date" datetime="2022-04-20T08:00:00-06:00">April 20, 2022</time></body>"#;
        assert_eq!(date_of(html).unwrap(), "2022-04-22T04:11:44+00:00");
    }

    #[test]
    fn a_month_first_machine_date_read_as_the_page_shows_it() {
        let html = r#"<html lang="de"><head><meta name="date" content="11/01/2023 12:43:42"></head>
            <body><h1>Trinkwasser in Schwarzenmatt belastet</h1><p>Am Samstag warnte die Gemeinde vor belastetem Leitungswasser, das ohne Abkochen nicht getrunken werden sollte.</p>
            <p>Die Ursache der Verunreinigung ist noch unklar.</p><p>Erstellt am: 01.11.2023</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2023-11-01T00:00:00+00:00");
        // Unless the page shows it as read.
        let html = r#"<html lang="de"><head><meta name="date" content="11/01/2023 12:43:42"></head>
            <body><h1>Trinkwasser in Schwarzenmatt belastet</h1><p>Erstellt am: 11.01.2023</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2023-01-11T12:43:42+00:00");
    }

    #[test]
    fn an_unmarked_time_of_another_day_gives_way_to_the_dateline() {
        // The `<time>` of a teaser below the article; the byline shows the article's day.
        let html = r#"<html lang="de"><body><h1>Intendanten-Wechsel beim MDR</h1>
            <p>von eseppelt · 31. Oktober 2023</p><p>An der Spitze des Senders steht ein Wechsel bevor.</p>
            <aside><time datetime="2020-12-03 07:32:49">3. Dezember 2020</time></aside></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2023-10-31T00:00:00+00:00");
        // Marked "published" as much as the article's own would be.
        let html = r#"<html lang="de"><body><h1>Intendanten-Wechsel beim MDR</h1>
            <p>von eseppelt · 31. Oktober 2023</p><p>An der Spitze des Senders steht ein Wechsel bevor.</p>
            <aside><h4><a href="/tokio-hotel">Tokio Hotel in Halle</a></h4><time class="published updated" datetime="2020-12-03 07:32:49">3. Dezember 2020</time></aside></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2023-10-31T00:00:00+00:00");
        // An update shown under the headline is not the day of publication.
        let html = r#"<html lang="de"><body><h1>Intendanten-Wechsel beim MDR</h1>
            <p>Aktualisiert am 2. November 2023</p><p>An der Spitze des Senders steht ein Wechsel bevor.</p>
            <p><time datetime="2023-10-31 07:32:49">31. Oktober 2023</time></p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2023-10-31T07:32:49+00:00");
    }

    #[test]
    fn the_shown_update_when_the_page_gives_no_other_day() {
        let html = r#"<html lang="de"><body><h1>Heliumkerne in Zinn-Atomen entdeckt</h1>
            <p>Darmstadt - Januar 2021. Mit Hilfe hochenergetischer Protonen lassen sich Nukleonen aus Atomkernen herausschlagen, wie ein Experiment zeigt.</p>
            <p>Aktualisiert am 17.01.2021.</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2021-01-17T00:00:00+00:00");
    }

    #[test]
    fn a_labelled_date_anywhere_when_none_is_by_the_headline() {
        let html = r#"<html lang="de"><body><h1>Podcasts in Plex einbinden</h1><p>Ich benutze jetzt seit längerem Plex, um Filme und Musik zu verwalten und zu streamen.</p>
            <p>Zunächst habe ich die Adressen exportiert.</p><p>Dann habe ich sie eingelesen.</p><p>Und dann war es fertig.</p>
            <p>Veröffentlicht am 6. Mai 2014</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2014-05-06T00:00:00+00:00");
    }

    #[test]
    fn the_date_under_the_headline_before_the_sites_clock_spacers_not_counted() {
        let html = r#"<html lang="es"><body><div class="header"><time class="date">Viernes, 22 de abril de 2022</time></div>
            <h1>Tras una semana de acoso a la prensa</h1><p></p><p>Tras la intensificación de ataques a periodistas.</p><p></p>
            <div><a href="/user/profile/rmonge">Rebeca Monge</a></div><p></p>
            <time><span class="wide">Jueves, 21 de Abril de 2022</span><span class="narrow">21/04/2022</span></time>
            <p>El texto.</p></body></html>"#;
        assert_eq!(date_of(html).unwrap(), "2022-04-21T00:00:00+00:00");
    }
}
