//! The page's header: photo captions, menus, the headline and the site name in it.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

pub(super) static CAPTION_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
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
pub(super) static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?\s*(?:foto|photo|gambar|image|keterangan\s+foto|caption)\s*:")
        .expect("valid regex")
});

/// A caption on two lines, the description and then the credit: both joined, and the next line to read.
pub(super) fn two_line_caption(
    lines: &[String],
    kinds: &[Kind],
    i: usize,
) -> Option<(String, usize)> {
    let next = (i + 1..lines.len()).find(|&j| kinds[j] != Kind::Blank)?;
    let credit = kinds[next] == Kind::Text && CREDIT_LINE.is_match(&lines[next]);
    (credit && lines[i].chars().count() <= 300)
        .then(|| (format!("{} {}", lines[i], lines[next]), next + 1))
}

/// A caption without a credit ("Ilustrasi"), known by its place: right after the repeated
/// headline (the seed's layout), short, and followed by the text.
pub(super) fn caption_by_place(
    lines: &[String],
    kinds: &[Kind],
    i: usize,
    headline: usize,
) -> bool {
    let prev = (0..i).rev().find(|&j| kinds[j] != Kind::Blank);
    let next = (i + 1..lines.len()).find(|&j| kinds[j] != Kind::Blank);
    let after_repeat =
        prev.is_some_and(|j| j != headline && same_text(&lines[j], &lines[headline]));
    let text_follows = next.is_some_and(|j| kinds[j] == Kind::Text && is_paragraph_like(&lines[j]));
    after_repeat && text_follows && !is_paragraph_like(&lines[i]) && word_count(&lines[i]) <= 25
}

/// A photo caption: a short line that ends with a photo credit or starts with "Foto:".
pub(super) fn is_caption(text: &str) -> bool {
    // The shared rule reads "… Senin (2/12/2024). Foto: Diskominfo Banyuasin" too.
    let shared = phrases::junk_phrase(text) == Some(phrases::rule::PHOTO_CREDIT);
    text.chars().count() <= 300
        && (shared
            || CREDIT_LINE.is_match(text)
            || CAPTION_RULES.iter().any(|re| re.is_match(text)))
}

/// Section names sites put in their menus.
#[rustfmt::skip]
pub(super) const MENU_WORDS: &[&str] = &[
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
pub(super) fn is_menu_like(text: &str) -> bool {
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
pub(super) fn is_title_like(text: &str, min_words: usize) -> bool {
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
pub(super) fn first_paragraph(lines: &[String], kinds: &[Kind]) -> Option<usize> {
    (0..lines.len())
        .find(|&i| kinds[i] == Kind::Text && is_paragraph_like(&lines[i]) && !is_caption(&lines[i]))
}

pub(super) fn no_text(lines: &[String]) -> NoArticle {
    let short = lines.iter().filter(|l| !l.is_empty()).count();
    NoArticle(format!("no article text found (only {short} short lines)"))
}

/// The headline: a title-like line above the first paragraph that the page repeats; else the
/// last one above the first byline or dateline (not an edition line) that has one above it; else the first one below
/// the bylines and datelines; else the last one above the first paragraph.
pub(super) fn find_headline(
    lines: &[String],
    kinds: &[Kind],
    first_paragraph: usize,
) -> Option<usize> {
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
    // A masthead's edition line ("Edisi Selasa, 8 Desember 2026") dates the issue: the
    // title-like line over it is the masthead's name, not a headline.
    let marks: Vec<usize> = (0..first_paragraph)
        .filter(|&i| match kinds[i] {
            Kind::Byline(..) => true,
            Kind::Dateline { .. } => !is_edition_line(&lines[i]),
            _ => false,
        })
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

pub(super) static TITLE_AND_SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>.+?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$").expect("valid regex")
});

/// "Judul - Kompas.com" → "Judul": a site name after the headline is not part of it.
pub(super) fn strip_site_from_title(
    title: &str,
    rules: &Rules,
    dropped: &mut Vec<Dropped>,
) -> String {
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

/// A social post's caption opens with the account's name, as the app shows it glued to the
/// first line ("kabarmataram.id Ratusan Warga Antre …" under the account's line
/// "kabarmataram.id"): the headline is the rest. The name is a one-word line above the
/// headline.
pub(super) fn without_account_name(
    title: String,
    above: &[String],
    dropped: &mut Vec<Dropped>,
) -> String {
    let Some((first, rest)) = title.split_once(char::is_whitespace) else {
        return title;
    };
    let account_above = above
        .iter()
        .any(|l| word_count(l) == 1 && l.eq_ignore_ascii_case(first));
    if !account_above || word_count(rest) < 3 {
        return title;
    }
    dropped.push(Dropped {
        text: first.to_string(),
        rule: "account name before the caption".into(),
    });
    rest.trim().to_string()
}
