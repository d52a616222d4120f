//! Text dumps: a news page flattened to text by a scraper, one paragraph or widget per line.
//!
//! The page keeps everything the site printed: site names and menus above the headline, the
//! headline (often twice), bylines (sometimes with leftover HTML), the dateline, a photo caption,
//! the body with ads, logo alt texts, "Baca juga" lines, share buttons and promos in it, and a
//! "related articles" block at the end. [`extract`] reads it in four steps:
//!
//! 1. each line is cleaned of leftover HTML and classified on its own (`classify`): junk by a
//!    named rule, byline, dateline, the start of a trailing block, or text;
//! 2. the headline is found among the text lines above the first paragraph (`find_headline`);
//! 3. the lines after it are walked in order: metadata is collected, the first caption-like line
//!    of the header becomes the caption, junk is dropped and the rest becomes the body, up to the
//!    first trailing block, which is cut with everything after it;
//! 4. authors, date and tags are settled from what was collected.
//!
//! A source's own rules (site.toml) are tried on each line before the generic ones. Every line
//! that does not reach the article is recorded in [`Extraction::dropped`] with its rule.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use super::names::{is_name_like, title_case_if_shouting};
use super::rules::SourceVerdict;
use super::{Dropped, Extraction, ImportedArticle, NoArticle, Rules, dates, phrases};

/// Finds the article in a text dump. `url`, when given, is the article's source.
pub fn extract(input: &str, rules: &Rules, url: Option<&str>) -> Result<Extraction, NoArticle> {
    check_input(input)?;
    let lines: Vec<String> = input.lines().map(clean_line).collect();
    let mut kinds: Vec<Kind> = lines.iter().map(|l| classify(l, rules)).collect();
    attach_names_to_roles(&lines, &mut kinds);
    names_next_to_datelines(&lines, &mut kinds);
    let first_paragraph = first_paragraph(&lines, &kinds).ok_or_else(|| no_text(&lines))?;
    let headline = find_headline(&lines, &kinds, first_paragraph)
        .ok_or_else(|| NoArticle("no headline found".into()))?;

    let mut page = Page::default();
    page.before_headline(&lines[..headline], &kinds[..headline]);
    page.title = strip_site_from_title(&lines[headline], rules, &mut page.dropped);
    page.after_headline(&lines, &kinds, headline);
    let page_url = url.map(str::to_string).or_else(|| page.url.clone());
    page.outlet = page_url.and_then(|u| outlet_name(&u, &lines));
    page.into_extraction(rules, url)
}

// ---------------------------------------------------------------------------------------------
// Input checks and line cleaning

fn check_input(input: &str) -> Result<(), NoArticle> {
    if input.trim().is_empty() {
        return Err(NoArticle("empty file".into()));
    }
    // Text read lossily from a binary file is full of NULs, control characters and U+FFFD.
    let total = input.chars().count();
    let odd = input
        .chars()
        .filter(|&c| {
            c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        })
        .count();
    if input.contains('\0') || odd * 10 > total {
        return Err(NoArticle("binary data, not a text dump".into()));
    }
    Ok(())
}

static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]*>").expect("valid regex"));

/// The line without leftover HTML tags and entities, trimmed (scrapers leave
/// `<a href='...'>RENI ERINA</a>` in bylines).
fn clean_line(line: &str) -> String {
    let text = HTML_TAG.replace_all(line, "");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
        .to_string()
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether a line ends like a sentence: a full stop, possibly inside closing quotes, not "...".
fn ends_with_full_stop(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', ' ']);
    t.ends_with('.') && !t.ends_with("..")
}

/// A body paragraph, as opposed to a headline, menu or widget.
fn is_paragraph_like(text: &str) -> bool {
    let words = word_count(text);
    (words >= 8 && ends_with_full_stop(text)) || words >= 30
}

/// A line for comparing: words joined by single spaces, lowercase.
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn same_text(a: &str, b: &str) -> bool {
    normalized(a) == normalized(b)
}

// ---------------------------------------------------------------------------------------------
// What a line is, on its own

/// Who a byline names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// Reporter, writer ("LAPORAN", "Penulis", "Oleh", "By"): the article's author.
    Writer,
    /// Editor or additional reporter: the author only when no writer is named.
    Editor,
}

#[derive(Debug, Clone, PartialEq)]
struct Credit {
    name: String,
    role: Role,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Blank,
    /// Not part of the article; the rule's name.
    Junk(String),
    /// Starts a trailing block that ends the article; the rule's name.
    Cut(String),
    /// "Baca Juga" alone: titles follow, then either more body or the end of the page.
    ReadAlsoHeading,
    /// "Tag" / "Tags" alone: the page's tags follow, one a line.
    TagsHeading,
    /// "Tags: A, B".
    Tags(Vec<String>),
    /// "Reporter:" alone, the name on the next line.
    RoleOnly(Role),
    Byline(Vec<Credit>, Option<DateTime<FixedOffset>>),
    Dateline {
        date: DateTime<FixedOffset>,
        updated: bool,
    },
    Url(String),
    Text,
}

/// Classifies a line by the source's rules, then the generic ones (junk before metadata, so a
/// promo that names a date or a person is still a promo).
fn classify(text: &str, rules: &Rules) -> Kind {
    if text.is_empty() {
        return Kind::Blank;
    }
    if let Some(kind) = classify_by_source(text, rules) {
        return kind;
    }
    if let Some(kind) = trailing_block(text) {
        return kind;
    }
    if let Some(rule) = junk_rule(text) {
        return Kind::Junk(rule.to_string());
    }
    if let Some(kind) = tags_line(text) {
        return kind;
    }
    if URL_LINE.is_match(text) {
        return Kind::Url(text.to_string());
    }
    if let Some(kind) = byline(text, rules) {
        return kind;
    }
    if let Some((date, updated)) = dateline(text, rules) {
        return Kind::Dateline { date, updated };
    }
    Kind::Text
}

fn classify_by_source(text: &str, rules: &Rules) -> Option<Kind> {
    let source = rules.source.as_ref()?;
    match source.verdict(text) {
        Some(SourceVerdict::Drop(rule)) => return Some(Kind::Junk(rule)),
        Some(SourceVerdict::Cut(rule)) => return Some(Kind::Cut(rule)),
        None => {}
    }
    for re in &source.byline_patterns {
        if let Some(name) = re
            .captures(text)
            .and_then(|c| c.name("name").map(|m| m.as_str().to_string()))
        {
            let credits = split_names(&name).into_iter().map(|name| Credit {
                name,
                role: Role::Writer,
            });
            return Some(Kind::Byline(credits.collect(), None));
        }
    }
    let dated = source.date_patterns.iter().any(|re| re.is_match(text));
    if dated && let Some(date) = dates::parse_date_with(text, &source.date_patterns) {
        return Some(Kind::Dateline {
            date,
            updated: false,
        });
    }
    None
}

/// A short line that starts the "related articles" part of the page.
static CUT_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s•·*>»-]*(?:
            artikel\ lainnya|berita\ lainnya|berita\ lain|berita\ terkait|artikel\ terkait|terkait|
            (?:berita|artikel)\ \S+\ lainnya|
            related(?:\ (?:articles?|posts?|news|stories|content|coverage))?|
            read\ next|more\ stories|more\ from\ .{1,30}|you\ (?:may|might)\ also\ like|
            recommended(?:\ (?:for\ you|stories|articles))?|
            rekomendasi(?:\ (?:berita|artikel|untuk\ anda))?|
            terpopuler|berita\ terpopuler|populer|berita\ populer|most\ popular|most\ read|
            paling\ banyak\ dibaca|terbaru|berita\ terbaru|berita\ terkini|latest\ news|trending|
            video\ pilihan|video\ terkait|video\ terkini|
            komentar|tulis\ komentar|comments|leave\ a\ comment
        )\s*:?$",
    )
    .expect("valid regex")
});

static READ_ALSO_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s•·*-]*(?:baca\s+juga|baca\s+pula|lihat\s+juga|simak\s+juga|tonton\s+juga|saksikan\s+juga|(?:baca|lihat|simak)\s+(?:berita|artikel)\s+(?:lainnya|lain|terkait|menarik)|read\s+also|also\s+read|see\s+also)\s*[:：]?$")
        .expect("valid regex")
});

static TAGS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tags?|tag\s+terkait|topik|topik\s+terkait|topics?|kata\s+kunci|keywords?)\s*[:：]?$")
        .expect("valid regex")
});

fn trailing_block(text: &str) -> Option<Kind> {
    if READ_ALSO_HEADING.is_match(text) {
        Some(Kind::ReadAlsoHeading)
    } else if TAGS_HEADING.is_match(text) {
        Some(Kind::TagsHeading)
    } else if CUT_MARKER.is_match(text) {
        Some(Kind::Cut("related block cut".into()))
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Junk lines

/// The shared phrase rules (see [`phrases`]).
fn junk_rule(text: &str) -> Option<&'static str> {
    phrases::junk_phrase(text)
}

static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^https?://\S+$").expect("valid regex"));

/// A URL of a picture (the page's lead image), not of the article.
fn is_image_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

static TAGS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tags?|tag\s+terkait|topik|topik\s+terkait|topics?|kata\s+kunci|keywords?)\s*[:：]\s*(?P<tags>.+)$")
        .expect("valid regex")
});

/// A tag as the page wrote it, without the "#" some sites put before it.
fn tidy_tag(tag: &str) -> &str {
    tag.trim().trim_start_matches('#').trim()
}

/// "Tags: Rusia, Kuba" → the page's tags.
fn tags_line(text: &str) -> Option<Kind> {
    let caps = TAGS_LINE.captures(text)?;
    let tags: Vec<String> = caps["tags"]
        .split([',', '#', '•', '·', ';', '|'])
        .map(tidy_tag)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    (!tags.is_empty()).then_some(Kind::Tags(tags))
}

// ---------------------------------------------------------------------------------------------
// Bylines

/// A byline role at the start of a line or after a separator. "Laporan Wartawan X.com, NAME"
/// (Tribun) names the outlet between the role and the name.
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:^|[\s|•·;,(\[])(?:
            (?P<outlet>laporan\s+(?:wartawan|reporter|kontributor|koresponden)\s+[^,]{1,60},)
          | (?P<short>rep|red)\s*[:：]
          | (?P<role>additional\s+reporting\s+by|reporting\s+by|reported\s+by|writing\s+by|written\s+by|ditulis\s+oleh
            |editing\s+by|edited\s+by|words\s+by|laporan|penulis|reporter|wartawan|jurnalis|pewarta|kontributor
            |koresponden|oleh|author|writer|editor|penyunting|redaktur|by)\b
        )\s*(?P<colon>[:：])?\s*",
    )
    .expect("valid regex")
});

fn role_of(word: &str) -> Role {
    let word = word.to_lowercase();
    let editor = ["penyunting", "redaktur", "red"].contains(&word.as_str());
    if editor || word.starts_with("edit") || word.starts_with("additional") {
        Role::Editor
    } else {
        Role::Writer
    }
}

/// "Reni Erina - detikNews", "Deny Prastyo Utomo - detikJatim": a name and the outlet.
static NAME_AND_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>\p{Lu}[\p{L}.'’]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,4})\s+[-–—|]\s+(?P<outlet>\S+)$",
    )
    .expect("valid regex")
});

/// The name in "Deny Prastyo Utomo - detikJatim".
fn name_and_outlet(text: &str) -> Option<String> {
    let caps = NAME_AND_OUTLET.captures(text)?;
    looks_like_outlet(&caps["outlet"]).then(|| tidy_name(&caps["name"]))
}

/// An outlet as bylines write it: a domain ("Kompas.com") or a brand in camel case ("detikJatim").
fn looks_like_outlet(word: &str) -> bool {
    let domain = word.contains('.') && word.chars().last().is_some_and(char::is_alphabetic);
    let camel =
        word.starts_with(|c: char| c.is_lowercase()) && word.chars().any(char::is_uppercase);
    domain || camel
}

/// Reads a byline line, with or without a date in it.
fn byline(text: &str, rules: &Rules) -> Option<Kind> {
    if text.chars().count() > 160 {
        return None;
    }
    let found = dates::find_date(text);
    let without_date = match &found {
        Some(f) => {
            let before = DAY_NAME_AT_END.replace(&text[..f.span.start], "");
            format!("{before} {}", &text[f.span.end..])
        }
        None => text.to_string(),
    };
    let date = found
        .as_ref()
        .and_then(|_| dates::parse_date_with(text, date_patterns(rules)));
    match credits_in(without_date.trim(), found.is_some())? {
        RoleLine::Credits(credits) => Some(Kind::Byline(credits, date)),
        RoleLine::RoleOnly(role) => Some(Kind::RoleOnly(role)),
    }
}

/// The day's name written before a date ("… · Kamis 27 Januari 2022").
static DAY_NAME_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b[\s,.]*$")
        .expect("valid regex")
});

/// "Feby Novalius, Jurnalis" (Okezone): the name first, then the role.
static NAME_THEN_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<name>[^,|•·]{2,60}),\s*(?P<role>jurnalis|reporter|wartawan|kontributor|koresponden|penulis|editor)\b[\s·•|,-]*$")
        .expect("valid regex")
});

/// The credits of a byline in any of its forms (`without_date`: the line with its date taken
/// out). "Name - outlet" counts only with a date on the line; alone, it needs one next to it
/// (see `names_next_to_datelines`), since "Judul Berita - detikNews" has the same shape.
fn credits_in(without_date: &str, has_date: bool) -> Option<RoleLine> {
    let name_and_outlet = has_date
        .then(|| name_and_outlet(without_date.trim_end_matches(|c: char| " |•·,-–".contains(c))))
        .flatten();
    if let Some(name) = name_and_outlet {
        return Some(RoleLine::Credits(vec![Credit {
            name,
            role: Role::Writer,
        }]));
    }
    if let Some(caps) = NAME_THEN_ROLE.captures(without_date) {
        let name = tidy_name(&caps["name"]);
        return is_name_like(&name).then(|| {
            RoleLine::Credits(vec![Credit {
                name,
                role: role_of(&caps["role"]),
            }])
        });
    }
    // "Posted on January 27, 2022 by John Smith": the labels before the date are no name.
    let without_labels = if has_date {
        skip_date_labels(without_date)
    } else {
        without_date
    };
    role_credits(without_labels)
}

/// The text after the dateline labels it starts with ("Posted on", "Diterbitkan pada").
fn skip_date_labels(text: &str) -> &str {
    let mut rest = text.trim_start();
    while let Some((word, after)) = rest.split_once(char::is_whitespace) {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !DATELINE_WORDS.contains(&word.as_str()) || word == "by" {
            break;
        }
        rest = after.trim_start();
    }
    rest
}

fn date_patterns(rules: &Rules) -> &[Regex] {
    rules
        .source
        .as_ref()
        .map_or(&[], |s| s.date_patterns.as_slice())
}

enum RoleLine {
    Credits(Vec<Credit>),
    RoleOnly(Role),
}

/// "Penulis Rahel Narda Chaterine | Editor Dani Prabowo", "By A and B", "Reporter:" (name below).
/// The line must start with a role, and every name after a role without a colon must look like
/// one ("Oleh karena itu, …" is prose).
fn role_credits(text: &str) -> Option<RoleLine> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || "•·*-([".contains(c));
    let roles: Vec<_> = ROLE.captures_iter(text).collect();
    let first = roles.first()?.get(0)?;
    if text[..first.start()].trim() != "" {
        return None;
    }
    let mut credits = Vec::new();
    for (i, caps) in roles.iter().enumerate() {
        let end = roles
            .get(i + 1)
            .and_then(|c| c.get(0))
            .map_or(text.len(), |m| m.start());
        let role = caps
            .name("role")
            .or(caps.name("short"))
            .map_or(Role::Writer, |m| role_of(m.as_str()));
        let part = &text[caps.get(0)?.end()..end];
        let names = split_names(part);
        if names.is_empty() && roles.len() == 1 && part.trim().is_empty() {
            return Some(RoleLine::RoleOnly(role));
        }
        if names.iter().all(|n| is_name_like(n)) && !names.is_empty() {
            credits.extend(names.into_iter().map(|name| Credit { name, role }));
            continue;
        }
        // "Editor: redaksi" is still a byline, if no name; without a colon it may be prose.
        let labelled = caps.name("colon").is_some()
            || caps.name("short").is_some()
            || caps.name("outlet").is_some();
        if !labelled || word_count(part) > 8 {
            return None;
        }
    }
    Some(RoleLine::Credits(credits))
}

/// Words that join a name to what follows it in a byline ("Oleh X pada 05 Sep 2023").
const NAME_TAIL_WORDS: &[&str] = &[
    "pada", "on", "at", "di", "in", "dari", "from", "|", "-", "–", "—",
];

/// The names in a byline's name part: up to the first separator, split at "dan", "and", "&", ",".
fn split_names(part: &str) -> Vec<String> {
    let part = part
        .split(['|', '•', '·', ';', '/', '(', ')', '[', ']'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("")
        .split(" – ")
        .next()
        .unwrap_or("");
    static JOINERS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s+(?:dan|and|&)\s+|\s*,\s*").expect("valid regex"));
    let mut names: Vec<String> = JOINERS
        .split(part)
        .map(tidy_name)
        .filter(|n| !n.is_empty())
        .collect();
    // "By Jane Doe, Staff Writer": the job is no second author (but "Oleh: Tim Redaksi" stays).
    if names.len() > 1 {
        names.retain(|n| !JOB_TITLE.is_match(n));
    }
    names
}

static JOB_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|jurnalis|wartawan|kontributor|koresponden|penulis|redaksi)\b")
        .expect("valid regex")
});

/// Trims separators and joining words off a name, and turns a name in capitals into title case.
fn tidy_name(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| NAME_TAIL_WORDS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let name = words.join(" ");
    let name =
        name.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’');
    title_case_if_shouting(name)
}

/// "Yosef Rangga | Iwan Supriyatna" or "Deny Prastyo Utomo - detikJatim" next to a dateline: a
/// byline without roles. Only several names, so a headline in title case is never taken for one.
fn names_next_to_datelines(lines: &[String], kinds: &mut [Kind]) {
    for i in 0..kinds.len() {
        if kinds[i] != Kind::Text {
            continue;
        }
        let prev = (0..i).rev().find(|&j| kinds[j] != Kind::Blank);
        let next = (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank);
        let near_dateline = [prev, next]
            .into_iter()
            .flatten()
            .any(|j| matches!(kinds[j], Kind::Dateline { .. }));
        let names = near_dateline
            .then(|| {
                name_and_outlet(&lines[i])
                    .map(|n| vec![n])
                    .or_else(|| names_only(&lines[i]))
            })
            .flatten();
        if let Some(names) = names {
            kinds[i] = Kind::Byline(
                names
                    .into_iter()
                    .map(|name| Credit {
                        name,
                        role: Role::Writer,
                    })
                    .collect(),
                None,
            );
        }
    }
}

fn names_only(text: &str) -> Option<Vec<String>> {
    if text.chars().count() > 100 {
        return None;
    }
    let names: Vec<String> = text.split(['|', '/', ';']).map(tidy_name).collect();
    let enough = (2..=3).contains(&names.len());
    let all_names = names
        .iter()
        .all(|n| is_name_like(n) && (2..=4).contains(&word_count(n)));
    (enough && all_names).then_some(names)
}

/// "Reporter:" on one line and the name on the next (Tempo): the pair becomes one byline.
fn attach_names_to_roles(lines: &[String], kinds: &mut [Kind]) {
    for i in 0..kinds.len() {
        let Kind::RoleOnly(role) = kinds[i] else {
            continue;
        };
        let next = (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank);
        match next {
            // At most five words: a headline right below "Editor:" is no name.
            Some(j)
                if kinds[j] == Kind::Text
                    && is_name_like(&tidy_name(&lines[j]))
                    && word_count(&lines[j]) <= 5 =>
            {
                kinds[i] = Kind::Byline(
                    vec![Credit {
                        name: tidy_name(&lines[j]),
                        role,
                    }],
                    None,
                );
                kinds[j] = Kind::Junk("byline".into());
            }
            _ => kinds[i] = Kind::Junk("byline".into()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Datelines

/// Words a dateline may carry besides the date: day names, labels, relative times.
#[rustfmt::skip]
const DATELINE_WORDS: &[&str] = &[
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "diterbitkan", "dipublikasikan", "terbit", "publikasi", "published",
    "posted", "diposting", "updated", "update", "diperbarui", "diupdate", "pembaruan", "tanggal",
    "date", "on", "pada", "pukul", "jam", "at", "last", "modified", "terakhir", "hours", "hour",
    "minutes", "ago", "lalu", "menit", "yang",
];

/// Words that mark a dateline as the last update rather than the publication.
static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:diperbarui|diupdate|updated?|pembaruan|last\s+modified|terakhir)\b")
        .expect("valid regex")
});

/// A short line that is a date and little else ("  • Kamis, 27 Januari 2022, 14:52 WIB",
/// "Kompas.com - 14/03/2022, 09:41 WIB"); body sentences that mention a date are not.
fn dateline(text: &str, rules: &Rules) -> Option<(DateTime<FixedOffset>, bool)> {
    if text.chars().count() > 120 {
        return None;
    }
    let found = dates::find_date(text)?;
    let before = &text[..found.span.start];
    let rest = format!("{before} {}", &text[found.span.end..]);
    let other_words = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.'))
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| w.chars().any(char::is_alphabetic) && !DATELINE_WORDS.contains(&w.as_str()))
        .count();
    if other_words > 3 {
        return None;
    }
    let date = dates::parse_date_with(text, date_patterns(rules))?;
    Some((date, UPDATED.is_match(before)))
}

// ---------------------------------------------------------------------------------------------
// Captions, menus, titles

static CAPTION_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "Menteri Luar Negeri Sergey Lavrov/Net", "…/Ist", "…/Foto: Humas"
        r"(?i)/\s*(?:net|ist|istimewa|dok|dokumentasi|antara|reuters|afp|ap|epa|getty\s+images|shutterstock|foto|photo|humas)\b[^/]*$",
        // "… (Foto: Deny Prastyo Utomo/detikJatim)", "… (Photo: Jakarta Daily/Budi Santoso)"
        r"(?i)\((?:foto|photo|dok|dokumentasi|sumber\s+foto|image|gambar|credit)\b[^()]*\)\.?$",
        // "… (KOMPAS.com/Dok. Polres)", "… (CNN Indonesia/Andry Novelino)", "… [Suara.com/Alfian]"
        r"[(\[][A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*\s*/\s*[^()\[\]]+[)\]]\.?$",
        // "Gedung KPK/RMOL", "Ilustrasi/Repro": any short credit after a slash, unless the line
        // ends like a sentence
        r"\S\s?/\s*\p{L}[\p{L}\d.&' -]{1,30}[\p{L}\d]$",
        // "… REUTERS/Issei Kato", "… ANTARA FOTO/Aditya Pradana Putra/foc."
        r"\b[A-Z][A-Z0-9.-]+(?:\s[A-Z][A-Z0-9.-]+)?\s*/\s*\p{L}[\p{L} .'’/-]*$",
    ]
    .iter()
    .map(|re| Regex::new(re).expect("valid regex"))
    .collect()
});

/// A photo credit on its own line: "Foto: Republika/Putra M. Akbar", "(Photo: AP)".
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?\s*(?:foto|photo|gambar|image|keterangan\s+foto|caption)\s*:")
        .expect("valid regex")
});

/// A caption on two lines, the description and then the credit: both joined, and the next line to read.
fn two_line_caption(lines: &[String], kinds: &[Kind], i: usize) -> Option<(String, usize)> {
    let next = (i + 1..lines.len()).find(|&j| kinds[j] != Kind::Blank)?;
    let credit = kinds[next] == Kind::Text && CREDIT_LINE.is_match(&lines[next]);
    (credit && lines[i].chars().count() <= 300)
        .then(|| (format!("{} {}", lines[i], lines[next]), next + 1))
}

/// A caption without a credit ("Ilustrasi"), known by its place: right after the repeated
/// headline (the seed's layout), short, and followed by the text.
fn caption_by_place(lines: &[String], kinds: &[Kind], i: usize, headline: usize) -> bool {
    let prev = (0..i).rev().find(|&j| kinds[j] != Kind::Blank);
    let next = (i + 1..lines.len()).find(|&j| kinds[j] != Kind::Blank);
    let after_repeat =
        prev.is_some_and(|j| j != headline && same_text(&lines[j], &lines[headline]));
    let text_follows = next.is_some_and(|j| kinds[j] == Kind::Text && is_paragraph_like(&lines[j]));
    after_repeat && text_follows && !is_paragraph_like(&lines[i]) && word_count(&lines[i]) <= 25
}

/// A photo caption: a short line that ends with a photo credit or starts with "Foto:".
fn is_caption(text: &str) -> bool {
    text.chars().count() <= 300
        && (CREDIT_LINE.is_match(text) || CAPTION_RULES.iter().any(|re| re.is_match(text)))
}

/// Section names sites put in their menus.
#[rustfmt::skip]
const MENU_WORDS: &[&str] = &[
    "home", "beranda", "news", "berita", "nasional", "politik", "ekonomi", "bisnis", "finansial",
    "keuangan", "olahraga", "sport", "sports", "bola", "tekno", "teknologi", "tech", "technology",
    "hiburan", "entertainment", "lifestyle", "gaya", "hidup", "otomotif", "oto", "internasional",
    "international", "dunia", "world", "daerah", "regional", "video", "videos", "foto", "photo",
    "photos", "opini", "opinion", "kesehatan", "health", "travel", "wisata", "kuliner", "login",
    "masuk", "register", "subscribe", "search", "cari", "menu", "indeks", "index", "terkini",
    "terpopuler", "populer", "trending", "seleb", "selebriti", "cantik", "metro", "megapolitan",
    "hukum", "pendidikan", "edukasi", "sains", "science", "markets", "business", "legal",
    "politics", "culture", "budaya", "infografis", "podcast", "tv", "live", "kolom", "khas",
    "economy", "sustainability",
];

/// A menu row or breadcrumb: "Nasional › Hukum", "Home / Business / Economy",
/// "Nasional Bisnis Metro Dunia Bola".
fn is_menu_like(text: &str) -> bool {
    let parts: Vec<&str> = text
        .split(['›', '>', '»', '/', '|'])
        .map(str::trim)
        .collect();
    if parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && word_count(p) <= 3) {
        return true;
    }
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let menu = words
        .iter()
        .filter(|w| MENU_WORDS.contains(&w.as_str()))
        .count();
    words.len() >= 3 && menu * 2 >= words.len()
}

/// A line that can be a headline: a few words, no full stop, no caption, no menu.
fn is_title_like(text: &str, min_words: usize) -> bool {
    let words = word_count(text);
    let chars = text.chars().count();
    (min_words..=30).contains(&words)
        && (15..=250).contains(&chars)
        && !ends_with_full_stop(text)
        && !text.ends_with(':')
        && text.chars().any(char::is_alphabetic)
        && !is_caption(text)
        && !is_menu_like(text)
}

/// The first body paragraph of the page (the headline is above it).
fn first_paragraph(lines: &[String], kinds: &[Kind]) -> Option<usize> {
    (0..lines.len())
        .find(|&i| kinds[i] == Kind::Text && is_paragraph_like(&lines[i]) && !is_caption(&lines[i]))
}

fn no_text(lines: &[String]) -> NoArticle {
    let short = lines.iter().filter(|l| !l.is_empty()).count();
    NoArticle(format!("no article text found (only {short} short lines)"))
}

/// The headline: a title-like line above the first paragraph that the page repeats; else the
/// last one above the first byline or dateline that has one above it; else the first one below
/// the bylines and datelines; else the last one above the first paragraph.
fn find_headline(lines: &[String], kinds: &[Kind], first_paragraph: usize) -> Option<usize> {
    let head = &lines[..first_paragraph];
    let is_text = |i: usize| kinds[i] == Kind::Text;
    // A repeat is title-like too, so only title-like lines are compared (one pass, any length).
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut repeated: Option<usize> = None;
    for i in (0..first_paragraph).filter(|&i| is_text(i) && is_title_like(&head[i], 3)) {
        if let Some(&first) = seen.get(&normalized(&head[i])) {
            repeated = Some(repeated.map_or(first, |r: usize| r.min(first)));
        } else {
            seen.insert(normalized(&head[i]), i);
        }
    }
    if repeated.is_some() {
        return repeated;
    }
    let candidates: Vec<usize> = (0..first_paragraph)
        .filter(|&i| is_text(i) && is_title_like(&head[i], 4))
        .collect();
    let marks: Vec<usize> = (0..first_paragraph)
        .filter(|&i| matches!(kinds[i], Kind::Byline(..) | Kind::Dateline { .. }))
        .collect();
    for &mark in &marks {
        if let Some(&c) = candidates.iter().rev().find(|&&c| c < mark) {
            return Some(c);
        }
    }
    match marks.last() {
        Some(&last) => candidates.iter().copied().find(|&c| c > last),
        None => candidates.last().copied(),
    }
}

static TITLE_AND_SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>.+?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$").expect("valid regex")
});

/// "Judul - Kompas.com" → "Judul": a site name after the headline is not part of it.
fn strip_site_from_title(title: &str, rules: &Rules, dropped: &mut Vec<Dropped>) -> String {
    let Some(caps) = TITLE_AND_SITE.captures(title) else {
        return title.to_string();
    };
    let site = caps["site"].trim();
    let named = rules.source.as_ref().is_some_and(|s| {
        site.eq_ignore_ascii_case(&s.name)
            || s.source_name
                .as_deref()
                .is_some_and(|n| site.eq_ignore_ascii_case(n))
    });
    if named || (word_count(site) == 1 && looks_like_outlet(site)) {
        dropped.push(Dropped {
            text: site.to_string(),
            rule: "site name in the headline".into(),
        });
        return caps["title"].to_string();
    }
    title.to_string()
}

// ---------------------------------------------------------------------------------------------
// Logo alt texts glued to paragraphs

/// "rmol news logo Rencana Rusia…" → "Rencana Rusia…"; the phrase is recorded as dropped.
fn strip_logo_alt_text(text: &str, dropped: &mut Vec<Dropped>) -> String {
    let (text, removed) = phrases::strip_logo_alt_text(text);
    for alt in removed {
        dropped.push(Dropped {
            text: alt,
            rule: phrases::rule::LOGO.into(),
        });
    }
    text.trim().to_string()
}

// ---------------------------------------------------------------------------------------------
// The outlet

/// The outlet's name as the page spells it: a word of the page equal to its URL's host
/// ("Kompas.com") or to the host's name part ("RMOL" for rmol.id), in capitals or capitalised;
/// the spelling the page uses most wins. `None` when the page never writes it so.
fn outlet_name(url: &str, lines: &[String]) -> Option<String> {
    let host = super::rules::host_of(url)?;
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let labels: Vec<&str> = host.split('.').collect();
    // "tribunnews.com" → "tribunnews"; "cahayatimur.co.id" → "cahayatimur".
    let second_level = [
        "co", "or", "ac", "go", "web", "my", "net", "com", "org", "sch",
    ];
    let name = match labels.as_slice() {
        [.., name, sl, _] if second_level.contains(sl) => *name,
        [.., name, _] => *name,
        _ => return None,
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for word in lines.iter().flat_map(|l| l.split_whitespace()) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let matches = word.eq_ignore_ascii_case(name) || word.eq_ignore_ascii_case(&host);
        if !matches || !word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        match counts.iter_mut().find(|(w, _)| w == word) {
            Some((_, n)) => *n += 1,
            None => counts.push((word.to_string(), 1)),
        }
    }
    // Most used; on a tie the one with the domain ("Kompas.com"), then the first seen.
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (w, n))| (*n, w.contains('.'), std::cmp::Reverse(*i)))?;
    Some(best.1.0.clone())
}

// ---------------------------------------------------------------------------------------------
// Walking the page

/// What the walk collects.
#[derive(Default)]
struct Page {
    title: String,
    /// The outlet's name as the page writes it (see [`outlet_name`]).
    outlet: Option<String>,
    credits: Vec<Credit>,
    /// (date, whether it is an update) in page order.
    dates: Vec<(DateTime<FixedOffset>, bool)>,
    caption: Option<String>,
    image: Option<String>,
    paragraphs: Vec<String>,
    tags: Vec<String>,
    url: Option<String>,
    dropped: Vec<Dropped>,
}

impl Page {
    fn drop_line(&mut self, text: &str, rule: &str) {
        self.dropped.push(Dropped {
            text: text.to_string(),
            rule: rule.to_string(),
        });
    }

    /// Collects metadata from a line; `false` when the line carries none.
    fn take_metadata(&mut self, text: &str, kind: &Kind) -> bool {
        match kind {
            Kind::Byline(credits, date) => {
                self.credits.extend(credits.iter().cloned());
                self.dates.extend(date.map(|d| (d, false)));
                self.drop_line(text, "byline");
            }
            Kind::Dateline { date, updated } => {
                self.dates.push((*date, *updated));
                self.drop_line(text, "dateline");
            }
            Kind::Url(url) if is_image_url(url) => {
                self.image.get_or_insert_with(|| url.clone());
                self.drop_line(text, "image URL line");
            }
            Kind::Url(url) => {
                self.url.get_or_insert_with(|| url.clone());
                self.drop_line(text, "source URL line");
            }
            Kind::Tags(tags) => {
                self.tags.extend(tags.iter().cloned());
                self.drop_line(text, "tags line");
            }
            _ => return false,
        }
        true
    }

    /// Above the headline: metadata is kept, everything else is the site's header.
    fn before_headline(&mut self, lines: &[String], kinds: &[Kind]) {
        for (text, kind) in lines.iter().zip(kinds) {
            if self.take_metadata(text, kind) {
                continue;
            }
            match kind {
                Kind::Blank => {}
                Kind::Junk(rule) => self.drop_line(text, rule),
                _ if is_menu_like(text) => self.drop_line(text, "menu line"),
                _ => self.drop_line(text, "site name before the headline"),
            }
        }
    }

    /// Below the headline: the header (bylines, dateline, caption), then the body up to the cut.
    fn after_headline(&mut self, lines: &[String], kinds: &[Kind], headline: usize) {
        let mut in_header = true;
        let mut i = headline + 1;
        while i < lines.len() {
            match self.line_below_headline(lines, kinds, i, headline, &mut in_header) {
                Some(next) => i = next,
                None => return,
            }
        }
    }

    /// Reads line `i` below the headline; returns the next line to read, `None` once the article ended.
    fn line_below_headline(
        &mut self,
        lines: &[String],
        kinds: &[Kind],
        i: usize,
        headline: usize,
        in_header: &mut bool,
    ) -> Option<usize> {
        let (text, kind) = (&lines[i], &kinds[i]);
        if self.take_metadata(text, kind) {
            return Some(i + 1);
        }
        match kind {
            Kind::Blank => {}
            Kind::Junk(rule) => self.drop_line(text, rule),
            Kind::TagsHeading => return Some(self.take_tags_block(lines, kinds, i)),
            Kind::ReadAlsoHeading => {
                let Some(end) = read_also_titles_end(lines, kinds, i) else {
                    self.cut(lines, kinds, i, "related block cut");
                    return None;
                };
                self.drop_block(&lines[i..end], phrases::rule::READ_ALSO);
                return Some(end);
            }
            // A "Terpopuler" box between the headline and the text ends nothing.
            Kind::Cut(_) if *in_header && text_follows(lines, kinds, i) => {
                let end = end_of_box(lines, kinds, i);
                self.drop_block(&lines[i..end], "related block before the text");
                return Some(end);
            }
            Kind::Cut(rule) => {
                self.cut(lines, kinds, i, rule);
                return None;
            }
            _ if same_text(text, &lines[headline]) => self.drop_line(text, "repeated headline"),
            // The author's name alone below the text starts a bio box ("NINIEK KARMINI / Karmini is…").
            _ if !*in_header && self.credits.iter().any(|c| same_text(&c.name, text)) => {
                self.cut(lines, kinds, i, "author bio cut");
                return None;
            }
            // A second caption, or a credit line under the first one.
            _ if *in_header && self.caption.is_some() && is_caption(text) => {
                self.drop_line(text, "photo caption")
            }
            // A photo's credit in the text, its photo gone with the page ("Foto: Dok. Humas").
            _ if !*in_header && CREDIT_LINE.is_match(text) && word_count(text) <= 25 => {
                self.drop_line(text, "photo caption in the body")
            }
            _ if *in_header && self.caption.is_none() && is_caption(text) => {
                self.caption = Some(text.clone())
            }
            _ if *in_header && self.caption.is_none() => match two_line_caption(lines, kinds, i) {
                Some((caption, next)) => {
                    self.caption = Some(caption);
                    return Some(next);
                }
                None if caption_by_place(lines, kinds, i, headline) => {
                    self.caption = Some(text.clone())
                }
                None => self.push_paragraph(text, in_header),
            },
            _ => self.push_paragraph(text, in_header),
        }
        Some(i + 1)
    }

    fn push_paragraph(&mut self, text: &str, in_header: &mut bool) {
        *in_header = false;
        let paragraph = strip_logo_alt_text(text, &mut self.dropped);
        if !paragraph.is_empty() {
            self.paragraphs.push(paragraph);
        }
    }

    fn drop_block(&mut self, lines: &[String], rule: &str) {
        let block: Vec<&str> = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(String::as_str)
            .collect();
        self.drop_line(&block.join("\n"), rule);
    }

    /// "Tag" followed by one tag a line; returns the index after the block.
    fn take_tags_block(&mut self, lines: &[String], kinds: &[Kind], heading: usize) -> usize {
        let (tags, end) = tags_block(lines, kinds, heading);
        self.drop_block(&lines[heading..end], "tags block");
        self.tags.extend(tags);
        end
    }

    /// Ends the article at `start`: the block and all after it are dropped, but tags in it are kept.
    fn cut(&mut self, lines: &[String], kinds: &[Kind], start: usize, rule: &str) {
        self.drop_block(&lines[start..], rule);
        let mut i = start + 1;
        while i < lines.len() {
            match &kinds[i] {
                Kind::TagsHeading => {
                    let (tags, end) = tags_block(lines, kinds, i);
                    self.tags.extend(tags);
                    i = end;
                    continue;
                }
                Kind::Tags(tags) => self.tags.extend(tags.iter().cloned()),
                _ => {}
            }
            i += 1;
        }
    }

    fn into_extraction(self, rules: &Rules, url: Option<&str>) -> Result<Extraction, NoArticle> {
        if self.paragraphs.is_empty() {
            return Err(NoArticle("no article text found below the headline".into()));
        }
        let source = rules.source.as_ref();
        let mut tags: Vec<String> = source.map(|s| s.tags.clone()).unwrap_or_default();
        for tag in self.tags {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        let article = ImportedArticle {
            title: self.title,
            date: publication_date(&self.dates),
            authors: authors(&self.credits),
            tags,
            summary: None,
            source: url.map(str::to_string).or(self.url),
            source_name: source.and_then(|s| s.source_name.clone()).or(self.outlet),
            image: self.image,
            image_caption: self.caption,
            body: format!("{}\n", self.paragraphs.join("\n\n")),
        };
        Ok(Extraction {
            article,
            dropped: self.dropped,
        })
    }
}

/// The tags under a "Tag" heading at `heading` (short lines, one a line) and the index after them.
fn tags_block(lines: &[String], kinds: &[Kind], heading: usize) -> (Vec<String>, usize) {
    let mut end = heading + 1;
    let mut tags = Vec::new();
    while end < lines.len() && kinds[end] == Kind::Text && word_count(&lines[end]) <= 5 {
        let tag = tidy_tag(&lines[end]);
        if !tag.is_empty() && tags.len() < 20 {
            tags.push(tag.to_string());
        }
        end += 1;
    }
    (tags, end)
}

/// Whether a body paragraph comes after line `i`.
fn text_follows(lines: &[String], kinds: &[Kind], i: usize) -> bool {
    (i + 1..lines.len()).any(|j| kinds[j] == Kind::Text && is_paragraph_like(&lines[j]))
}

/// The end of a box of short lines starting at `i`: the next paragraph, caption or metadata.
fn end_of_box(lines: &[String], kinds: &[Kind], i: usize) -> usize {
    (i + 1..lines.len())
        .find(|&j| match &kinds[j] {
            Kind::Blank | Kind::Junk(_) => false,
            Kind::Text => is_paragraph_like(&lines[j]) || is_caption(&lines[j]),
            _ => true,
        })
        .unwrap_or(lines.len())
}

/// After "Baca Juga" alone: the end of its titles when the article goes on below them
/// (a read-also box in the middle of the text); `None` when only the page's tail follows.
fn read_also_titles_end(lines: &[String], kinds: &[Kind], heading: usize) -> Option<usize> {
    let mut i = heading + 1;
    while i < lines.len() && kinds[i] == Kind::Blank {
        i += 1;
    }
    // Up to three titles, one a line, blank lines between them allowed.
    let mut titles = 0;
    while i < lines.len() && titles < 3 && kinds[i] == Kind::Text && is_title_like(&lines[i], 2) {
        titles += 1;
        i += 1;
        while i < lines.len() && kinds[i] == Kind::Blank {
            i += 1;
        }
    }
    if titles == 0 {
        return None;
    }
    let body_follows = (i..lines.len())
        .take_while(|&j| {
            !matches!(
                kinds[j],
                Kind::Cut(_) | Kind::ReadAlsoHeading | Kind::TagsHeading
            )
        })
        .any(|j| kinds[j] == Kind::Text && is_paragraph_like(&lines[j]));
    body_follows.then_some(i)
}

/// The first publication date; an update's date only when the page gives no other.
fn publication_date(dates: &[(DateTime<FixedOffset>, bool)]) -> Option<DateTime<FixedOffset>> {
    dates
        .iter()
        .find(|(_, updated)| !updated)
        .or_else(|| dates.first())
        .map(|(d, _)| *d)
}

/// The writers, each once; the editors only when no writer is named.
fn authors(credits: &[Credit]) -> Vec<String> {
    let has_writer = credits.iter().any(|c| c.role == Role::Writer);
    let mut names: Vec<String> = Vec::new();
    for credit in credits {
        let wanted = !has_writer || credit.role == Role::Writer;
        if wanted && !names.iter().any(|n| n.eq_ignore_ascii_case(&credit.name)) {
            names.push(credit.name.clone());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/fixtures/000_6e0f6fd499433cba.txt");
    const SEED_ARTICLE: &str = include_str!(
        "../../content/2022/01/rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua.md"
    );

    fn body_of(content_file: &str) -> &str {
        let after_open = content_file.strip_prefix("---\n").expect("front matter");
        let end = after_open.find("\n---\n\n").expect("closing ---");
        &after_open[end + "\n---\n\n".len()..]
    }

    fn extract_default(input: &str) -> Extraction {
        extract(input, &Rules::default(), None).unwrap_or_else(|e| panic!("no article: {e}"))
    }

    #[test]
    fn the_seed_comes_out_as_the_hand_made_article() {
        let a = extract_default(SEED).article;
        assert_eq!(
            a.title,
            "Rusia Ungkap Rencana Kerja Sama Militer di Kuba, Venzuela dan Nikaragua"
        );
        assert_eq!(a.authors, vec!["Reni Erina"]);
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2022-01-27T14:52:00+07:00")
        );
        assert_eq!(
            a.image_caption.as_deref(),
            Some("Menteri Luar Negeri Sergey Lavrov/Net")
        );
        assert_eq!(a.body, body_of(SEED_ARTICLE));
        assert_eq!(a.summary, None);
        assert_eq!(a.source, None);
    }

    #[test]
    fn the_seed_records_every_drop_with_its_rule() {
        let dropped = extract_default(SEED).dropped;
        let rule_of = |text: &str| {
            dropped
                .iter()
                .find(|d| d.text.starts_with(text))
                .map(|d| d.rule.as_str())
                .unwrap_or_else(|| panic!("{text:?} not dropped: {dropped:#?}"))
        };
        assert_eq!(
            rule_of("Dimensy.id Mobile"),
            "site name before the headline"
        );
        assert_eq!(
            rule_of("Apollo Solar Panel"),
            "site name before the headline"
        );
        assert_eq!(rule_of("LAPORAN: RENI ERINA"), "byline");
        assert_eq!(rule_of("• Kamis, 27 Januari 2022"), "dateline");
        assert_eq!(rule_of("Rusia Ungkap Rencana"), "repeated headline");
        assert_eq!(rule_of("rmol news logo article"), "logo alt text");
        assert_eq!(rule_of("rmol news logo"), "logo alt text");
        assert_eq!(rule_of("Temukan berita-berita"), "follow/subscribe promo");
        assert_eq!(rule_of("Untuk mengikuti"), "follow/subscribe promo");
        let mut none = Vec::new();
        assert_eq!(
            strip_logo_alt_text("Ke Ukraina atau Georgia.rmol news logo article", &mut none),
            "Ke Ukraina atau Georgia."
        );
        assert_eq!(rule_of("ARTIKEL LAINNYA"), "related block cut");
    }

    #[test]
    fn source_rules_come_first_and_fill_metadata() {
        let toml = r#"
[import.sources.rmol]
source_name = "RMOL"
tags = ["Rusia"]
drop_lines = ["Apollo Solar Panel"]
cut_after = ["Temukan berita"]
"#;
        let rules = super::super::RuleBook::from_site_toml(toml)
            .unwrap()
            .rules_for(Some("rmol"), None)
            .unwrap();
        let url = "https://rmol.id/dunia/read/2022/01/27/520736/x";
        let e = extract(SEED, &rules, Some(url)).unwrap();
        assert_eq!(e.article.source_name.as_deref(), Some("RMOL"));
        assert_eq!(e.article.tags, vec!["Rusia"]);
        assert_eq!(e.article.source.as_deref(), Some(url));
        assert_eq!(e.article.body, body_of(SEED_ARTICLE));
        let rules_used: Vec<&str> = e.dropped.iter().map(|d| d.rule.as_str()).collect();
        assert!(
            rules_used.contains(&"source rmol: drop_lines"),
            "{rules_used:?}"
        );
        assert!(
            rules_used.contains(&"source rmol: cut_after"),
            "{rules_used:?}"
        );
    }

    #[test]
    fn the_outlet_is_named_as_the_page_spells_it() {
        let lines: Vec<String> = [
            "rmol news logo",
            "Temukan berita dari Kantor Berita Politik RMOL di Google News.",
        ]
        .iter()
        .map(|l| l.to_string())
        .collect();
        assert_eq!(
            outlet_name("https://rmol.id/dunia/read/1/x", &lines).as_deref(),
            Some("RMOL")
        );
        let lines = vec!["Kompas.com - Warga Kompas berkumpul. Kompas.com".to_string()];
        assert_eq!(
            outlet_name("https://www.kompas.com/read/x", &lines).as_deref(),
            Some("Kompas.com")
        );
        let lines = vec!["Cahaya Timur".to_string(), "cahayatimur logo".to_string()];
        assert_eq!(
            outlet_name("https://cahayatimur.co.id/x", &lines),
            None,
            "never written as one word with a capital"
        );
    }

    #[test]
    fn source_byline_and_date_patterns() {
        let toml = r#"
[import.sources.x]
byline_patterns = ['^Ditulis (?P<name>.+)$']
date_patterns = ['^Terbit (?P<date>\d{2}\.\d{2}\.\d{4} \d{2}:\d{2})$']
"#;
        let rules = super::super::RuleBook::from_site_toml(toml)
            .unwrap()
            .rules_for(Some("x"), None)
            .unwrap();
        let page = "Situs X\nWarga Desa Sukamaju Gotong Royong Bangun Jembatan\nDitulis SITI AMINAH\nTerbit 05.06.2023 10:30\nWarga Desa Sukamaju bergotong royong membangun jembatan bambu yang putus diterjang banjir pekan lalu.\n";
        let a = extract(page, &rules, None).unwrap().article;
        assert_eq!(a.authors, vec!["Siti Aminah"]);
        assert_eq!(a.date.unwrap().to_rfc3339(), "2023-06-05T10:30:00+07:00");
    }

    #[test]
    fn bylines_in_their_forms() {
        let credits = |line: &str| match byline(&clean_line(line), &Rules::default()) {
            Some(Kind::Byline(c, _)) => c.into_iter().map(|c| (c.name, c.role)).collect::<Vec<_>>(),
            other => panic!("{line:?}: {other:?}"),
        };
        use Role::*;
        assert_eq!(
            credits(" LAPORAN: <a href='https://rmol.id/about/reni-erina-1'>RENI ERINA</a>"),
            [("Reni Erina".into(), Writer)]
        );
        assert_eq!(
            credits("Penulis: dr. Siti Fadilah"),
            [("dr. Siti Fadilah".into(), Writer)]
        );
        assert_eq!(
            credits("Reporter: Budi Santoso | Editor: Rina Wati"),
            [
                ("Budi Santoso".into(), Writer),
                ("Rina Wati".into(), Editor)
            ]
        );
        assert_eq!(
            credits("Oleh: Yuliana Lantipo"),
            [("Yuliana Lantipo".into(), Writer)]
        );
        assert_eq!(
            credits("By John Smith and Jane Doe"),
            [("John Smith".into(), Writer), ("Jane Doe".into(), Writer)]
        );
        assert_eq!(
            credits("Editor: Dani Prabowo"),
            [("Dani Prabowo".into(), Editor)]
        );
        assert_eq!(
            credits("Reni Erina - detikNews | Kamis, 27 Jan 2022 14:52 WIB"),
            [("Reni Erina".into(), Writer)]
        );
        assert_eq!(
            credits("Posted on January 27, 2022 by John Smith"),
            [("John Smith".into(), Writer)]
        );
        assert_eq!(
            credits("Laporan Wartawan Tribun-Timur.com, Muh Hasim Arfah"),
            [("Muh Hasim Arfah".into(), Writer)]
        );
        assert!(matches!(
            byline("Editor: redaksi", &Rules::default()),
            Some(Kind::Byline(c, None)) if c.is_empty()
        ));
        for not_a_byline in [
            "Oleh karena itu, pemerintah menunda rencana itu.",
            "By the end of the year, prices rose.",
            "Editor in chief",
        ] {
            assert!(
                !matches!(
                    byline(not_a_byline, &Rules::default()),
                    Some(Kind::Byline(..))
                ),
                "{not_a_byline}"
            );
        }
    }

    #[test]
    fn name_and_outlet_is_a_byline_only_next_to_a_date() {
        let page = |second: &str| {
            format!(
                "Harga Cabai Rawit Tembus Rp 100 Ribu - detikNews\nDeny Prastyo Utomo - detikJatim\n{second}\nHarga cabai rawit di sejumlah pasar tradisional di Surabaya terus merangkak naik pekan ini.\n"
            )
        };
        let a = extract_default(&page("Senin, 07 Mar 2022 11:20 WIB")).article;
        assert_eq!(a.title, "Harga Cabai Rawit Tembus Rp 100 Ribu");
        assert_eq!(a.authors, vec!["Deny Prastyo Utomo"]);
        let a = extract_default(&page("")).article;
        assert!(a.authors.is_empty(), "{:?}", a.authors);
    }

    #[test]
    fn editor_is_the_author_only_without_a_writer() {
        let page = |byline: &str| {
            format!(
                "Banjir Rendam Ratusan Rumah di Kota Bekasi Sejak Pagi\n{byline}\nSenin, 3 Okt 2022 - 08:15 WIB\nHujan deras sejak dini hari membuat ratusan rumah di Bekasi terendam banjir setinggi lutut orang dewasa.\n"
            )
        };
        assert_eq!(
            extract_default(&page("Penulis: Ani Lestari | Editor: Budi Hartono"))
                .article
                .authors,
            vec!["Ani Lestari"]
        );
        assert_eq!(
            extract_default(&page("Editor: Budi Hartono"))
                .article
                .authors,
            vec!["Budi Hartono"]
        );
    }

    #[test]
    fn captions_in_their_forms() {
        for caption in [
            "Menteri Luar Negeri Sergey Lavrov/Net",
            "Suasana rapat di DPR/Ist",
            "Presiden Joko Widodo/Antara",
            "Petugas memeriksa kendaraan/Foto: Humas Polri",
            "(Foto: Dok. Pemkab)",
            "Foto: Ilustrasi banjir",
            "Ilustrasi sabu (KOMPAS.com/Dok. Polres Jakarta Utara)",
            "Perdana Menteri Jepang Fumio Kishida. REUTERS/Issei Kato",
            "Gedung Merah Putih KPK/RMOL",
            "Ilustrasi beras. [Suara.com/Alfian Winanto]",
        ] {
            assert!(is_caption(caption), "{caption}");
        }
        assert!(!is_caption(
            "Rencana Rusia untuk melakukan kerja sama militer, kembali terungkap."
        ));
    }

    /// The seed's layout with other content: the same cleaning, and the caption found by its place.
    fn seed_like(caption: &str) -> String {
        let headline = "KPK Periksa Tiga Saksi Kasus Suap Proyek Jalan di Bengkulu";
        let caption = if caption.is_empty() {
            String::new()
        } else {
            format!("{caption}\n")
        };
        format!(
            "Dimensy.id Mobile\nDimensy.id\nKopi Kenangan Promo\n\n{headline}\n\n LAPORAN: <a href='https://rmol.id/about/agus-dwi-1'>AGUS DWI</a>\nLAPORAN: AGUS DWI\n  • Senin, 3 Oktober 2022, 08:15 WIB\n{headline}\n{caption}rmol news logo Komisi Pemberantasan Korupsi (KPK) memeriksa tiga saksi dalam kasus dugaan suap proyek jalan di Bengkulu.\n\nBaca Juga: KPK Tahan Bupati Nonaktif\n\nPemeriksaan dilakukan di Gedung Merah Putih KPK, Jakarta, Senin (3/10). rmol news logo article\n\nTemukan berita-berita hangat terpercaya dari Kantor Berita Politik RMOL di Google News.\nUntuk mengikuti silakan klik tanda bintang.\n\nARTIKEL LAINNYA\nJudul Lain\n"
        )
    }

    #[test]
    fn seed_layout_with_and_without_caption() {
        let body = "Komisi Pemberantasan Korupsi (KPK) memeriksa tiga saksi dalam kasus dugaan suap proyek jalan di Bengkulu.\n\nPemeriksaan dilakukan di Gedung Merah Putih KPK, Jakarta, Senin (3/10).\n";
        for (caption, expected) in [
            (
                "Gedung Merah Putih KPK/RMOL",
                Some("Gedung Merah Putih KPK/RMOL"),
            ),
            ("Ilustrasi", Some("Ilustrasi")),
            (
                "Juru Bicara KPK Ali Fikri",
                Some("Juru Bicara KPK Ali Fikri"),
            ),
            ("", None),
        ] {
            let a = extract_default(&seed_like(caption)).article;
            assert_eq!(
                a.title,
                "KPK Periksa Tiga Saksi Kasus Suap Proyek Jalan di Bengkulu"
            );
            assert_eq!(a.authors, vec!["Agus Dwi"]);
            assert_eq!(a.date.unwrap().to_rfc3339(), "2022-10-03T08:15:00+07:00");
            assert_eq!(a.image_caption.as_deref(), expected, "{caption:?}");
            assert_eq!(a.body, body, "{caption:?}");
        }
    }

    #[test]
    fn junk_lines_and_their_rules() {
        for (line, rule) in [
            ("Baca juga: Harga Emas Naik Lagi", "read-also line"),
            ("BACA JUGA: Harga Emas Naik Lagi", "read-also line"),
            ("Bagikan", "share buttons"),
            ("Share", "share buttons"),
            ("Facebook Twitter WhatsApp", "share buttons"),
            ("Ikuti kami di Instagram", "follow/subscribe promo"),
            (
                "Follow us on X for the latest news",
                "follow/subscribe promo",
            ),
            ("ADVERTISEMENT", "advertisement"),
            ("SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
            ("(iwd/iwd)", "editor initials"),
            ("rmol news logo", "logo alt text"),
        ] {
            assert_eq!(junk_rule(line), Some(rule), "{line}");
        }
        for body in [
            "Facebook menghapus ribuan akun palsu menjelang pemilu.",
            "Ikuti perkembangannya, kata dia.",
        ] {
            assert_eq!(junk_rule(body), None, "{body}");
        }
    }

    #[test]
    fn trailing_blocks_are_cut() {
        for marker in [
            "ARTIKEL LAINNYA",
            "Berita Terkait",
            "Artikel Terkait",
            "Related",
            "Baca Juga",
        ] {
            let page = format!(
                "Situs Berita\nGempa Magnitudo 5,2 Guncang Cianjur Pagi Ini\nKamis, 27 Januari 2022, 14:52 WIB\nGempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\n{marker}\nJudul Berita Lain yang Tidak Boleh Masuk\nSatu Lagi Judul Berita Lain\n"
            );
            let e = extract_default(&page);
            assert_eq!(
                e.article.body,
                "Gempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\n",
                "{marker}"
            );
            assert!(
                e.dropped.iter().any(|d| d.text.starts_with(marker)),
                "{marker}"
            );
        }
    }

    #[test]
    fn a_box_between_headline_and_text_ends_nothing() {
        let page = "Gempa Magnitudo 5,2 Guncang Cianjur Pagi Ini\nKamis, 27 Januari 2022, 14:52 WIB\nTerpopuler\nHarga Emas Turun Lagi\nJadwal KRL Hari Ini\nWarga Cianjur berhamburan/Ist\nGempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\nBerita Terkait\nJudul Lain\n";
        let e = extract_default(page);
        assert_eq!(
            e.article.body,
            "Gempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\n"
        );
        assert_eq!(
            e.article.image_caption.as_deref(),
            Some("Warga Cianjur berhamburan/Ist")
        );
        assert!(
            e.dropped
                .iter()
                .any(|d| d.rule == "related block before the text")
        );
    }

    #[test]
    fn bad_input_says_why() {
        let err = |input: &str| extract(input, &Rules::default(), None).unwrap_err().0;
        assert_eq!(err(""), "empty file");
        assert_eq!(err("  \n\n "), "empty file");
        assert_eq!(
            err("\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR\0\0"),
            "binary data, not a text dump"
        );
        assert_eq!(
            err("Beranda\nNasional\nKontak Kami\n"),
            "no article text found (only 3 short lines)"
        );
        assert_eq!(
            err("Ini paragraf panjang tanpa judul apa pun di atasnya dan berakhir dengan titik.\n"),
            "no headline found"
        );
    }
}

#[cfg(test)]
mod golden {
    //! Every `tests/import_golden/text/NAME.txt` must import (default rules, no URL) to exactly
    //! `NAME.expected.md`, written by hand.

    use super::*;
    use crate::import::write::to_content_file;
    use std::path::{Path, PathBuf};

    fn golden_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_golden/text")
    }

    /// A line diff that is easy to read in a test failure: `-` expected only, `+` got only.
    fn diff(expected: &str, got: &str) -> String {
        let (e, g): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
        // Longest common subsequence table, from the ends.
        let mut lcs = vec![vec![0usize; g.len() + 1]; e.len() + 1];
        for i in (0..e.len()).rev() {
            for j in (0..g.len()).rev() {
                lcs[i][j] = if e[i] == g[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j, mut out) = (0, 0, String::new());
        while i < e.len() || j < g.len() {
            if i < e.len() && j < g.len() && e[i] == g[j] {
                (i, j) = (i + 1, j + 1);
            } else if j < g.len() && (i == e.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
                out.push_str(&format!("  + {}\n", g[j]));
                j += 1;
            } else {
                out.push_str(&format!("  - {} (expected line {})\n", e[i], i + 1));
                i += 1;
            }
        }
        out
    }

    #[test]
    fn golden_pages() {
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(golden_dir())
            .expect("tests/import_golden/text exists")
            .map(|e| e.expect("readable folder").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        inputs.sort();
        assert!(inputs.len() >= 8, "golden pages missing");
        let mut failures = Vec::new();
        for input in &inputs {
            let expected_path = input.with_extension("expected.md");
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
                panic!("{} has no {}", input.display(), expected_path.display())
            });
            let text = std::fs::read_to_string(input).expect("readable page");
            let name = input
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            match extract(&text, &Rules::default(), None) {
                Ok(e) => {
                    let got = to_content_file(&e.article);
                    if got != expected {
                        failures.push(format!("{name}:\n{}", diff(&expected, &got)));
                    }
                }
                Err(e) => failures.push(format!("{name}: no article: {e}")),
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} golden pages differ:\n{}",
            failures.len(),
            inputs.len(),
            failures.join("\n")
        );
    }
}
