//! What a line is on its own: junk by a named rule (the shared phrase rules and the source's
//! own), the start of a trailing block, tags, a URL, a byline, a dateline or text.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use super::*;

/// Who a byline names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Role {
    /// Reporter, writer ("LAPORAN", "Penulis", "Oleh", "By"): the article's author.
    Writer,
    /// Photographer or additional reporter: the author only when no writer is named (a photo
    /// story's only credit is its photographer).
    Contributor,
    /// Editor, reviewer or translator: never the author.
    Editor,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Credit {
    pub(super) name: String,
    pub(super) role: Role,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
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
pub(super) fn classify(text: &str, rules: &Rules) -> Kind {
    if text.is_empty() {
        return Kind::Blank;
    }
    if let Some(kind) = classify_by_source(text, rules) {
        return kind;
    }
    if let Some(kind) = trailing_block(text) {
        return kind;
    }
    if PRINTED_PAGE_HEADER.is_match(text) {
        return Kind::Junk(PRINTED_PAGE_HEADER_RULE.to_string());
    }
    if let Some(caps) = PRINTED_PAGE_FOOTER.captures(text) {
        return Kind::Url(caps["url"].to_string());
    }
    if IMAGE_ALT_LINE.is_match(text) {
        return Kind::Junk(SCRAPER_ARTIFACT_RULE.to_string());
    }
    // Before the phrase rules: "Baca selengkapnya: https://…" reads as a read-also line,
    // but it gives the article's address.
    if let Some(caps) = LABELLED_URL_LINE.captures(text) {
        return Kind::Url(caps["url"].to_string());
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

pub(super) fn classify_by_source(text: &str, rules: &Rules) -> Option<Kind> {
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
pub(super) static CUT_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // After the outlet's name and a bullet too ("Sulteng Kini · Berita lainnya").
        r"(?ix)^[\s•·*>»-]*(?:[\p{L}\d.&'’]+(?:\s+[\p{L}\d.&'’]+){0,3}\s*[·•|]\s*)?(?:
            artikel\ lainnya|berita\ lainnya|berita\ lain|berita\ terkait|artikel\ terkait|terkait|
            (?:berita|artikel)\ \S+\ lainnya|
            (?:siaran\ pers|rilis(?:\ pers)?|press\ releases?)\ (?:lainnya|terkait|terbaru)|
            more\ press\ releases|
            (?:warta|berita)\ (?:sejenna|sanesna|lianna|liyane|sanesipun)|
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

pub(super) static READ_ALSO_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s•·*-]*(?:baca\s+juga|baca\s+pula|lihat\s+juga|simak\s+juga|tonton\s+juga|saksikan\s+juga|(?:baca|lihat|simak)\s+(?:berita|artikel)\s+(?:lainnya|lain|terkait|menarik)|read\s+also|also\s+read|see\s+also)\s*[:：]?$")
        .expect("valid regex")
});

pub(super) static TAGS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tags?|tag\s+terkait|topik|topik\s+terkait|topics?|kata\s+kunci|keywords?)\s*[:：]?$")
        .expect("valid regex")
});

/// The heading of a press release's contact block ("Narahubung:", "Kontak media:",
/// "Media contact:"): the release ended above it, with the office that issued it.
pub(super) static CONTACT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s•·*-]*(?:narahubung|kontak\s+(?:media|person|pers)|contact\s+person|(?:media|press)\s+contacts?|(?:untuk\s+)?informasi\s+lebih\s+lanjut,?(?:\s+(?:silakan\s+)?hubungi)?|for\s+(?:more|further)\s+information,?(?:\s+(?:please\s+)?contact)?)\s*[:：]?$")
        .expect("valid regex")
});

/// Where a social post copied as text ends: its link preview, which opens with the linked
/// site's host in capitals ("KABARJAMBI.EXAMPLE", "DETIK.COM"), or the reactions under it
/// ("Semua reaksi:", "All reactions:"). Reactions, shares and the comment thread follow.
static SOCIAL_POST_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Z0-9][A-Z0-9-]*\.)+[A-Z]{2,}$|(?i)^(?:semua\s+reaksi|all\s+reactions)\s*:?$",
    )
    .expect("valid regex")
});

pub(super) const SOCIAL_POST_TAIL_RULE: &str = "social post's link preview and reactions";

/// The rule that cuts a press release's contact block.
pub(super) const CONTACT_CUT: &str = "press contact block cut";

pub(super) fn trailing_block(text: &str) -> Option<Kind> {
    if CONTACT_HEADING.is_match(text) {
        return Some(Kind::Cut(CONTACT_CUT.into()));
    }
    if READ_ALSO_HEADING.is_match(text) {
        Some(Kind::ReadAlsoHeading)
    } else if TAGS_HEADING.is_match(text) {
        Some(Kind::TagsHeading)
    } else if CUT_MARKER.is_match(text) {
        Some(Kind::Cut("related block cut".into()))
    } else if SOCIAL_POST_TAIL.is_match(text) {
        Some(Kind::Cut(SOCIAL_POST_TAIL_RULE.into()))
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Junk lines

/// The shared phrase rules (see [`phrases`]). Photo credits and captions are left to the
/// walk, which reads them by their place: the header's caption becomes `image_caption`.
pub(super) fn junk_rule(text: &str) -> Option<&'static str> {
    phrases::junk_phrase(text).filter(|rule| *rule != phrases::rule::PHOTO_CREDIT)
}

/// The header a browser prints over each page of a printout: the day and time it was
/// printed, then the page's title, set apart by a tab or a wide space ("08/12/26 07.31\tJudul
/// | Situs", "12/8/26, 7:31 AM    Headline - Site").
static PRINTED_PAGE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?(?:\t|\s{3,})\s*\S+(?:\s+\S+){2,}$")
        .expect("valid regex")
});

pub(super) const PRINTED_PAGE_HEADER_RULE: &str = "printed page header";

/// A browser's print header or footer (see [`PRINTED_PAGE_HEADER`], [`PRINTED_PAGE_FOOTER`]).
pub(super) fn is_print_furniture(text: &str) -> bool {
    PRINTED_PAGE_HEADER.is_match(text) || PRINTED_PAGE_FOOTER.is_match(text)
}

/// The footer a browser prints under each page: the page's address and the page's number
/// ("https://…\t1/2", "https://…   Page 1 of 3"). The address is the article's.
static PRINTED_PAGE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<url>https?://\S+)\s+(?:\d+\s*/\s*\d+|(?:page\s+|halaman\s+)?\d+\s+(?:of|dari)\s+\d+)$")
        .expect("valid regex")
});

pub(super) static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^https?://\S+$").expect("valid regex"));

/// The article's address after a label, as a shared copy ends: "Selengkapnya: https://…",
/// "Baca selengkapnya di https://…", "Sumber: https://…", "Link: https://…", and an app's
/// share sheet naming the outlet: "Baca di Kabar Riau: https://…", "Read on Outlet: …".
pub(super) static LABELLED_URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:baca\s+)?(?:selengkapnya|lengkapnya)(?:\s+di)?|baca(?:\s+(?:berita|artikel)(?:\s+ini)?)?\s+di(?:\s+[^:：/]{1,40}?)?|sumber|source|link|tautan|read\s+more(?:\s+at)?|read(?:\s+(?:it|more|the\s+(?:full\s+)?(?:story|article)))?\s+(?:on|at)(?:\s+[^:：/]{1,40}?)?)\s*[:：]?\s*(?P<url>https?://\S+)$")
        .expect("valid regex")
});

/// An image a text browser (lynx, w3m) printed as its alt text in brackets on a line of
/// its own: "[Klotok ambulans air di Sungai Kahayan]", "[Warta Kalteng]", "[IMG]".
static IMAGE_ALT_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[[^\[\]:/]{0,149}[^\[\]:/.]\]$").expect("valid regex"));

pub(super) const SCRAPER_ARTIFACT_RULE: &str = "scraper artifact";

/// A URL of a picture (the page's lead image), not of the article.
pub(super) fn is_image_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_lowercase();
    [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

pub(super) static TAGS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tags?|tag\s+terkait|topik|topik\s+terkait|topics?|kata\s+kunci|keywords?)\s*[:：]\s*(?P<tags>.+)$")
        .expect("valid regex")
});

/// A tag as the page wrote it, without the "#" some sites put before it.
pub(super) fn tidy_tag(tag: &str) -> &str {
    tag.trim().trim_start_matches('#').trim()
}

/// A line of two hashtags or more and nothing else, as a social post ends: its tags.
static HASHTAG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#[\p{L}\p{N}_]+(?:[\s,]+#[\p{L}\p{N}_]+)+$").expect("valid regex")
});

/// "Tags: Rusia, Kuba" or "#mataram #ntb" → the page's tags.
pub(super) fn tags_line(text: &str) -> Option<Kind> {
    if HASHTAG_LINE.is_match(text) {
        let tags = text
            .split(['#', ',', ' '])
            .map(tidy_tag)
            .filter(|t| !t.is_empty());
        return Some(Kind::Tags(tags.map(str::to_string).collect()));
    }
    let caps = TAGS_LINE.captures(text)?;
    let tags: Vec<String> = caps["tags"]
        .split([',', '#', '•', '·', ';', '|'])
        .map(tidy_tag)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    (!tags.is_empty()).then_some(Kind::Tags(tags))
}
