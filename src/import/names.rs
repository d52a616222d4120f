//! Author names, one set of rules for both importers: "By JOHN SMITH and Jane Doe, Staff
//! Writer" is two names, spelled as people write them; roles, outlet names and profile-link
//! texts ("View my complete profile") are not names; an agency's abbreviation ("AFP") stays
//! as written.

use std::sync::LazyLock;

use regex::Regex;

mod caseless;

pub use caseless::caseless_byline_names;

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A line that starts like a byline ("By ...", "Oleh: ...", "Penulis: ...", Javanese
/// "Pawarta: ...").
pub static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by|oleh|penulis|reporter|pewarta|pawarta|laporan|written by|author)\b\s*[:：]?\s+\S",
    )
    .expect("byline prefix")
});

/// A time zone left after a date's time ("07:40 WITA"), before the credits of an info row.
static TIME_ZONE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:WIB|WITA|WIT|UTC|GMT)\b").expect("time zone word"));

/// Words of a role, a desk, a degree, a company, a department or a link, not of a person's
/// name ("Staff Writer", "Associated Press", "Die Redaktion", "PhD", "Verlag GmbH", "Show all
/// articles", "Unknown", "Agencies", "Abteilung Öffentlichkeitsarbeit"), nor of a photo credit
/// ("Cortesía", "Courtesy"), a control ("Social Share", "Reset Password") or a sidebar's
/// heading ("Latest Stories").
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(staff|writer|reporter|correspondent|editor|contributor|columnist|wartawan|kontributor|redaksi|redaktion|redacción|redaccion|rédaction|redazione|redactie|newsroom|koresponden|press|phd|gmbh|kg|verlag|inc|ltd|llc|articles?|stories|latest|artikel|beiträge|posts|profile|profil|unknown|anonymous|admin|administrator|copyright|team|courtesy|cortesía|cortesia|share|password|login|subscribe|agencies|abteilung|öffentlichkeitsarbeit|pressestelle|department)\b",
    )
    .expect("role words")
});

/// Labels that introduce a byline in the languages of the pages mirrored, longest first:
/// "Posted by", "Post author By" (a screen-reader label before "By"), "Eingestellt von",
/// "Publicado por", "Autor:", "Text:", "Teks:", "Erstellt von", "Blog Beitrag von". Not
/// "Editor:": an editor is no author (see [`EDITOR_MARK`]).
const BYLINE_LABELS: &str = r"post\s+author\s+by|(?:diposting|ditulis|dipublikasikan|diterbitkan|dikirim|diunggah|cerita|kisah|artikel|dipandu)\s+oleh|erstellt\s+von|(?:ein\s+)?(?:blog\s*)?(?:beitrag|artikel)\s+von|posted\s+by|published\s+by|article\s+by|written\s+by|story\s+by|words\s+by|eingestellt\s+von|veröffentlicht\s+von|geschrieben\s+von|publicado\s+por|escrito\s+por|publié\s+par|écrit\s+par|scritto\s+da|by|oleh|penulis|reporter|pewarta|pawarta|laporan|liputan|kontributor|author|autor|autorin|auteur|autore|text|teks|von|vom|par|por|door";

static NAME_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?i:{BYLINE_LABELS})\b\s*[:：]?\s*")).expect("prefix"));

/// A short line that starts with a byline label and goes on ("Posted by Konstantin",
/// "Por: Juan Diego", "Autor: Die Redaktion"); whether names follow is for
/// [`clean_names`] to say.
pub static LABELLED_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?i:{BYLINE_LABELS})\b\s*[:：]?\s+\S")).expect("labelled byline")
});

/// A line that is a byline label alone ("By", "Por:", "Autor"): the names are on the next.
pub static BYLINE_LABEL_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?i:{BYLINE_LABELS})\s*[:：]?$")).expect("byline label")
});

/// Where a byline goes on to name who edited, reviewed or translated the story: none of them
/// is its author ("Ani Lestari. Editor: Budi", "Ditulis oleh: Clara · Ditinjau oleh: dr.
/// Sari", "Text: A, translated by B"). A line that starts with one names no author at all.
static EDITOR_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)[\s.,;|/·•–—(-]*\b(?:
            editor|penyunting|redaktur|editing\s+by|edited\s+by
          | (?:medically\s+|fact[-\s]?checked\s+and\s+)?reviewed\s+by|ditinjau\s+oleh|peninjau
          | translated\s+by|translation\s+by|translator|diterjemahkan\s+oleh|penerjemah|alih\s+bahasa
          | übersetzt\s+von|übersetzung|lektorat|traducido\s+por|traduit\s+par|traduction
        )\b\s*[:：]?",
    )
    .expect("editor mark")
});

/// What joins a byline to the date after it: "on", "am", "le", "el", "pada", a separator.
static DATE_CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:[\s,|·•–—-]|\b(?:on|am|le|el|il|pada|at|um)\b)*$").expect("date connector")
});

/// What a line that gives the date first says before it: "Posted", "Published on",
/// "Diposting pada" (no name).
static POSTING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:posted|published|updated|written|diposting|diposkan|diterbitkan|dipublikasikan|ver(?:ö|oe)ffentlicht|publicado|publié)$",
    )
    .expect("posting label")
});

/// The author named after the date: "… 2020 by Adi Tzlil", "… 14:35 oleh Reni".
static BY_AFTER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,|·•–—-]*(?:by|oleh|von|par|por)\s*:?\s+(.+)$").expect("by after date")
});

/// A day's name, whole or short, and its comma just before a date: "pada Sen, 12/08/2026",
/// "on Tue, 8 Dec 2026".
static WEEKDAY_BEFORE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|sen|sel|rab|kam|jum|sab|min|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?\s*,\s*$")
        .expect("weekday before a date")
});

/// Symbols set beside a name (a check mark, an emoji, a star); not "©", which makes the
/// name a photo's or a site's credit, no byline.
static SYMBOLS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{So}--[©®℗]]").expect("symbols"));

/// An outlet in brackets after a name: "Nur Aisyah (Kabar Sulsel)".
static OUTLET_IN_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\S)\s*\([^()]{1,40}\)").expect("outlet in brackets"));

/// The parts of a byline that may be names: the prefix ("By", "Oleh:") and anything after
/// " - " or " | " cut off, split at commas, "&" and "and" (also "dan", "und", "et", "y").
fn byline_parts(raw: &str) -> Vec<String> {
    // "Rahmah Febriani ✔": a verified account's mark or an emoji beside a name is no part of it.
    let text = collapse_whitespace(&SYMBOLS.replace_all(raw, " "));
    let text = NAME_PREFIX.replace(&text, "");
    // "oz on December 4, 2006", "Jane Doe | 31.10.23": the date and what follows are no name;
    // but "Posted on September 21, 2020 by Adi Tzlil" names its author after the date.
    let text = match crate::import::dates::find_date_parts(&text) {
        Some(date) if date.span.start > 0 => {
            // "… pada Sen, 12/08/2026": the day's name, written short, is the date's.
            let before = WEEKDAY_BEFORE_DATE.replace(&text[..date.span.start], "");
            let before = DATE_CONNECTOR.replace(&before, "");
            let after = &text[date.span.end..];
            match BY_AFTER_DATE.captures(after) {
                _ if !POSTING_LABEL.is_match(before.trim()) => before.to_string(),
                Some(by) => by[1].to_string(),
                None => String::new(),
            }
        }
        _ => text.to_string(),
    };
    // "Nur Aisyah (Kabar Sulsel)", "John Doe (AFP)": the outlet a name is credited to, in
    // brackets after it, is no part of the name.
    let text = OUTLET_IN_BRACKETS.replace_all(&text, "$1").to_string();
    // "Ani Lestari, Dedi Kurniawan. Editor: Budi": the editor is no author.
    let text = match EDITOR_MARK.find(&text) {
        Some(m) => text[..m.start()].to_string(),
        None => text.to_string(),
    };
    let first_part = text
        .split(" - ")
        .flat_map(|p| p.split(" | "))
        .flat_map(|p| p.split(" — "))
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split('\u{b7}'))
        .next()
        .unwrap_or("");
    first_part
        .split([',', ';', '&', '/'])
        .flat_map(|p| {
            p.split(" and ")
                .flat_map(|q| q.split(" dan "))
                .flat_map(|q| q.split(" und "))
                .flat_map(|q| q.split(" et "))
                .flat_map(|q| q.split(" y "))
                .map(|q| q.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Author names in a byline: "By JOHN SMITH and Jane Doe, Staff Writer" gives
/// ["John Smith", "Jane Doe"]; outlet names, roles, academic titles and degrees are left
/// out ("Dr. Rahmawati Idris, M.T." gives ["Rahmawati Idris"]).
pub fn clean_names(raw: &str) -> Vec<String> {
    let names: Vec<String> = byline_parts(raw)
        .iter()
        .filter(|p| !is_academic_degree(p))
        .map(|p| without_titles(p))
        .filter(|p| is_author_name(p))
        .map(|p| title_case_if_shouting(&p))
        .collect();
    dedup(names)
}

/// Academic and professional titles written before a name ("Dr.", "Prof.", "Ir.", "Drs.",
/// "dr.", "drg."; "Dr" and "Prof" also without the dot): the credit names the person, so a byline keeps the name alone, the way
/// the golden articles and the metadata truth write every author.
static TITLES_BEFORE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:prof|dr)\.?\s+|(?i:drs|dra|ir|drg)\.\s*)+").expect("titles before a name")
});

/// Degrees written after a name, as a part of their own after a comma: "S.H.", "M.Si.",
/// "S.Pd.", "Ph.D.", "M.Hum", "MBA". Each piece a capital and up to three letters, closed by
/// a dot but the last; at least two pieces, or a known degree without dots.
static ACADEMIC_DEGREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\p{Lu}\p{Ll}{0,3}\.){1,3}\p{Lu}\p{Ll}{0,3}\.?$|^(?:MBA|MSc|MA|PhD|LLM|SH|SE|MM|MT)$",
    )
    .expect("academic degree")
});

/// A name without the academic titles before it ("Dr. Rahmawati Idris" → "Rahmawati
/// Idris"); a title alone stays as it is (it is then no name and goes elsewhere).
pub fn without_titles(name: &str) -> String {
    let name = name.trim();
    let rest = TITLES_BEFORE_NAME.replace(name, "");
    if rest.trim().is_empty() {
        name.to_string()
    } else {
        rest.trim().to_string()
    }
}

/// Whether a byline's part is an academic degree after the name ("M.Si.", "Ph.D.").
pub fn is_academic_degree(part: &str) -> bool {
    ACADEMIC_DEGREE.is_match(part.trim())
}

/// The names of a labelled line when it is a byline and nothing else: every part a name or
/// a role ("Von: Björn Jahner | 31.10.23"), not the headline of a linked story that starts
/// with the same word ("Von Einheimischen, Gästen und ganz viel Kühen").
pub fn byline_names(text: &str) -> Vec<String> {
    let parts = byline_parts(text);
    if parts.iter().all(|p| is_author_name(p) || ROLE.is_match(p)) {
        clean_names(text)
    } else {
        Vec::new()
    }
}

/// The label of a photo story's credit: "Fotografer:", "Pewarta foto:", "Photographer:".
/// Not "Foto oleh" or "Photo by", which credit one picture (often the lead photo's, right
/// under the headline), not the story.
static PHOTOGRAPHER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:fotografer|pewarta\s+foto|jurnalis\s+foto|photographer)\s*[:：]?\s+(\S.*)$")
        .expect("photographer label")
});

/// The photographer a photo story credits ("Fotografer: Teguh Prasetya · Senin, 07 Des
/// 2026"), when the line credits a photographer and nothing else.
pub fn photographer_names(text: &str) -> Vec<String> {
    PHOTOGRAPHER_LABEL
        .captures(text)
        .map(|c| byline_names(&c[1]))
        .unwrap_or_default()
}

/// Whether a byline names only a desk or an account of the outlet ("Published by BBNTEAM",
/// "Autor: Die Redaktion").
pub fn names_only_a_desk(text: &str) -> bool {
    let parts = byline_parts(text);
    !parts.is_empty()
        && parts
            .iter()
            .all(|p| (is_name_like(p) && ROLE.is_match(p)) || is_desk_account(p))
}

/// Whether a short line is a byline and nothing else: "By SAMUEL OKAFOR and LENA HOFFMANN",
/// "Oleh: Reni Erina", "By María Fernández, Staff Writer" (not "By Monday, officials said").
pub fn is_byline(text: &str) -> bool {
    // "Sabtu, 19 Desember 2026 07:40 WITA Reporter: Syamsul Bahri Editor: Andi Tenri": the
    // date first, then the credits (an info row under the headline).
    let separator = |c: char| c.is_whitespace() || "|·•,-–—".contains(c);
    if let Some(found) = crate::import::dates::find_date(text)
        && found.span.end < text.len()
        && {
            let day = text[..found.span.start].trim_matches(separator);
            day.is_empty() || WEEKDAY.is_match(day)
        }
    {
        let rest = TIME_ZONE_WORD.replace(text[found.span.end..].trim_start_matches(separator), "");
        return is_byline(rest.trim_start_matches(separator));
    }
    if word_count(text) > 10 || !BYLINE_PREFIX.is_match(text) {
        return false;
    }
    let parts = byline_parts(text);
    !parts.is_empty()
        && parts.iter().any(|p| is_author_name(p))
        && parts
            .iter()
            .all(|p| is_author_name(p) || ROLE.is_match(p) || (!p.contains(' ') && p.contains('.')))
}

/// Words of link texts that are no handles ("Mehr von diesem Autor", "Read all").
const NOT_HANDLE_WORDS: &[&str] = &[
    "von", "vom", "by", "autor", "author", "mehr", "all", "alle", "view", "see", "read", "lesen",
    "the", "der", "die", "das", "of", "home", "blog",
];

/// The name an author goes by online, as written ("gizzmo", "karstenruppert", "Catch more
/// fish"): the text of a link to the author's page that is no proper name. One to three
/// words of letters, digits, "_", "-" or "."; no role, label or account word.
pub fn handle_name(text: &str) -> Option<String> {
    let text = collapse_whitespace(text);
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let word_ok = |w: &&str| {
        w.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c))
            && !NOT_HANDLE_WORDS.contains(&w.to_lowercase().as_str())
    };
    ((1..=3).contains(&words.len())
        && text.chars().count() <= 30
        && text.chars().any(char::is_alphabetic)
        && words.iter().all(word_ok)
        && !ROLE.is_match(&text)
        && !text.to_lowercase().contains("admin")
        && !WEEKDAY.is_match(&text))
    .then_some(text)
}

/// Lowercase words names carry ("Ahmad bin Said", "Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &[
    "bin", "binti", "van", "der", "de", "da", "dos", "von", "al", "el", "la", "le",
];

/// One to six capitalised words of letters (with . ' - for initials and compound names), no
/// domain ("Kompas.com"), no digits or handles.
pub fn is_name_like(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let word_ok = |w: &&str| {
        let starts_upper = w.starts_with(|c: char| c.is_uppercase());
        let particle = NAME_PARTICLES.contains(&w.to_lowercase().as_str());
        // Honorifics and initials written in lowercase: "dr.", "ir.", "hj."
        let honorific = w.ends_with('.') && w.chars().count() <= 4;
        let chars_ok = w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c));
        let domain = w.trim_end_matches('.').contains('.') && w.chars().count() > 4;
        chars_ok && !domain && (starts_upper || particle || honorific)
    };
    (1..=6).contains(&words.len())
        && name.chars().count() <= 60
        && words.iter().all(word_ok)
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

/// Days of the week, which datelines put where a byline would be ("Donnerstag, 4. November").
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|senin|selasa|rabu|kamis|jumat|sabtu|minggu)$",
    )
    .expect("weekdays")
});

fn is_author_name(part: &str) -> bool {
    is_name_like(part)
        && !ROLE.is_match(part)
        && !is_desk_account(part)
        && !is_dateline_place(part)
        && !WEEKDAY.is_match(part.trim())
}

/// An outlet's account written as one word with its desk ("BBNTEAM", "Newsstaff").
fn is_desk_account(part: &str) -> bool {
    let lower = part.trim().to_lowercase();
    !lower.contains(' ')
        && ["team", "staff", "desk"]
            .iter()
            .any(|d| lower.len() > d.len() + 1 && lower.ends_with(d))
}

/// Cities and countries bylines name after the reporter ("Nada Tawfik, New York", "Olympia
/// Verlag, Nürnberg, Germany"): where the story was filed, not who wrote it.
#[rustfmt::skip]
const DATELINE_PLACES: &[&str] = &[
    // countries (English, German)
    "germany", "deutschland", "austria", "österreich", "switzerland", "schweiz", "france",
    "frankreich", "italy", "italien", "spain", "spanien", "united kingdom", "uk", "england",
    "usa", "united states", "russia", "russland", "china", "japan", "india", "indonesia",
    "australia", "canada", "brazil", "mexico", "ukraine", "poland", "polen", "turkey",
    "türkei", "egypt", "israel", "singapore", "malaysia", "philippines", "thailand",
    // cities that head datelines
    "new york", "washington", "los angeles", "san francisco", "chicago", "london", "paris",
    "berlin", "brussels", "brüssel", "frankfurt", "frankfurt a. m.", "frankfurt am main",
    "munich", "münchen", "hamburg", "cologne", "köln", "nürnberg", "nuremberg", "stuttgart",
    "düsseldorf", "vienna", "wien", "zurich", "zürich", "geneva", "genf", "bern", "rome",
    "rom", "madrid", "moscow", "moskau", "kyiv", "kiev", "kiew", "warsaw", "warschau",
    "istanbul", "ankara", "beijing", "peking", "shanghai", "hong kong", "tokyo", "tokio",
    "seoul", "new delhi", "mumbai", "dubai", "cairo", "kairo", "jerusalem", "tel aviv",
    "sydney", "canberra", "toronto", "ottawa", "mexico city", "jakarta", "bangkok",
    "kuala lumpur", "manila", "hanoi",
];

fn is_dateline_place(part: &str) -> bool {
    let lower = part.trim().to_lowercase();
    DATELINE_PLACES.contains(&lower.as_str())
}

/// "RENI ERINA" becomes "Reni Erina", "MUH. AL-FATIH" "Muh. Al-Fatih"; names in mixed case
/// stay as written, and so does a short abbreviation alone ("AFP", "AP"): an agency, not a
/// name in capitals.
pub fn title_case_if_shouting(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    if !name.contains(' ') && letters.len() <= 3 {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start_of_word = true;
    for c in name.chars() {
        if start_of_word {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_word = !c.is_alphabetic();
    }
    out
}

pub fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.to_lowercase()))
        .collect()
}

/// A site's posting account, not a reporter: "Admin Diskominfo", "Administrator",
/// "Webmaster" (CMS pages print it where a byline goes, "Oleh: Admin Humas").
static ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:super\s*)?(?:admin|administrator|webmaster)\b").expect("account words")
});

/// Whether a byline's name is a posting account (see [`ACCOUNT`]).
pub fn is_account_name(name: &str) -> bool {
    ACCOUNT.is_match(name.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editor_reviewer_or_translator_is_no_author() {
        // A credit line of its own for the editor names no author.
        assert!(byline_names("Editor: Teguh Prasetyo").is_empty());
        assert!(clean_names("Editor : Teguh Prasetyo").is_empty());
        // After the writer's name, the rest of the line is cut off.
        assert_eq!(
            byline_names("Ditulis oleh: Clara Oktaviani · Ditinjau oleh: dr. Sari Lestari"),
            ["Clara Oktaviani"]
        );
        assert_eq!(
            byline_names("Text: Anna Weber, translated by Mark Hill"),
            ["Anna Weber"]
        );
        assert!(byline_names("Reviewed by Dr. Jane Roe").is_empty());
        assert!(byline_names("Penerjemah: Dimas Aryo").is_empty());
    }

    #[test]
    fn teks_labels_the_writer_of_an_indonesian_credit_row() {
        assert!(LABELLED_BYLINE.is_match("Teks: Wulan Anggraini"));
        assert_eq!(byline_names("Teks: Wulan Anggraini"), ["Wulan Anggraini"]);
    }

    #[test]
    fn a_mark_beside_a_name_is_no_part_of_it() {
        assert_eq!(clean_names("Rahmah Febriani ✔"), ["Rahmah Febriani"]);
        assert_eq!(clean_names("★ Jane Doe"), ["Jane Doe"]);
        // A copyright sign is no such mark: "© Stephan Höferer" credits a photo.
        assert!(clean_names("© Stephan Höferer").is_empty());
    }

    #[test]
    fn a_sidebar_heading_is_no_name() {
        assert!(clean_names("Latest Stories").is_empty());
        assert!(clean_names("Top Stories").is_empty());
    }

    #[test]
    fn labels_that_say_who_made_the_post() {
        assert_eq!(
            byline_names("erstellt von Dominique — veröffentlicht 28.01.2022 06:00"),
            ["Dominique"]
        );
        assert_eq!(
            byline_names("Blog Beitrag von Margarita Koreneva"),
            ["Margarita Koreneva"]
        );
        assert_eq!(byline_names("Ein Artikel von Jana Berg"), ["Jana Berg"]);
    }

    #[test]
    fn academic_titles_and_degrees_are_no_part_of_a_name() {
        assert_eq!(
            clean_names("Penulis: Dr. Rahmawati Idris"),
            ["Rahmawati Idris"]
        );
        assert_eq!(
            clean_names("Oleh Prof. Dr. Ir. Bambang Sutejo"),
            ["Bambang Sutejo"]
        );
        assert_eq!(clean_names("dr. Ayu Lestari, M.Kes."), ["Ayu Lestari"]);
        assert_eq!(clean_names("By Jane Doe, Ph.D."), ["Jane Doe"]);
        assert_eq!(clean_names("Rudi Hartono, S.H., M.H."), ["Rudi Hartono"]);
        // A name that starts like a title is left whole; initials in a name stay.
        assert_eq!(clean_names("Drajat Sukmono"), ["Drajat Sukmono"]);
        assert_eq!(clean_names("Irma Dewi"), ["Irma Dewi"]);
        assert_eq!(clean_names("Fuji E. Permana"), ["Fuji E. Permana"]);
        assert_eq!(
            clean_names("Muh. Al-Fatih dan Jane Doe"),
            ["Muh. Al-Fatih", "Jane Doe"]
        );
    }

    #[test]
    fn a_department_or_unnamed_agencies_are_no_reporters() {
        assert!(clean_names("Agencies").is_empty());
        assert!(clean_names("Dr. Karin J. Schmitz Abteilung Öffentlichkeitsarbeit").is_empty());
        assert_eq!(clean_names("By Reuters"), ["Reuters"]);
    }

    #[test]
    fn posting_accounts_are_no_reporters() {
        for name in [
            "Admin Diskominfo",
            "admin",
            "Administrator Web",
            "Webmaster",
            "Super Admin",
        ] {
            assert!(is_account_name(name), "{name}");
        }
        for name in ["Adminah Putri", "Fitriani", "Andi Admiral"] {
            assert!(!is_account_name(name), "{name}");
        }
    }

    #[test]
    fn a_posting_line_names_its_author_after_the_date() {
        assert_eq!(
            clean_names("Posted on September 21, 2020 by Adi Tzlil"),
            ["Adi Tzlil"]
        );
        assert_eq!(
            clean_names("Diposting pada 2 Desember 2024 oleh Reni Erina"),
            ["Reni Erina"]
        );
        // A name before the date is the author, whatever follows.
        assert_eq!(
            clean_names("Jane Doe on March 3, 2021 by the river"),
            ["Jane Doe"]
        );
        // "Posted" alone with no name after the date names no one.
        assert_eq!(
            clean_names("Posted on September 21, 2020"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_byline_ends_where_its_date_begins() {
        assert_eq!(
            clean_names("By John Smith on January 5, 2020"),
            ["John Smith"]
        );
        assert_eq!(clean_names("Jane Doe, 12. März 2021"), ["Jane Doe"]);
        assert_eq!(
            clean_names("Von: Björn Jahner | 31.10.23"),
            ["Björn Jahner"]
        );
    }

    #[test]
    fn a_posting_line_with_a_short_day_name_before_its_date() {
        assert_eq!(
            byline_names("Dikirim oleh Fransiska Lolaro pada Sen, 12/08/2026 - 08:40"),
            vec!["Fransiska Lolaro"]
        );
        // An aggregator's "Story by" in Indonesian.
        assert_eq!(
            clean_names("Cerita oleh Dian Puspitasari"),
            vec!["Dian Puspitasari"]
        );
        assert_eq!(
            clean_names("By Kim Min on Tue, 8 Dec 2026"),
            vec!["Kim Min"]
        );
    }

    #[test]
    fn the_outlet_in_brackets_after_a_name_is_no_part_of_it() {
        assert_eq!(
            byline_names("Penulis: Nur Aisyah (Kabar Sulsel) · 7 Desember 2026, 10:05 WITA"),
            vec!["Nur Aisyah"]
        );
        assert_eq!(
            clean_names("By Jane Doe (AFP) and John Roe (Reuters)"),
            vec!["Jane Doe", "John Roe"]
        );
    }

    #[test]
    fn a_photo_storys_photographer_credit() {
        assert_eq!(
            photographer_names("Fotografer: Teguh Prasetya · Senin, 07 Des 2026 19:10 WIB"),
            vec!["Teguh Prasetya"]
        );
        assert_eq!(
            photographer_names("Pewarta foto: Ani Lestari"),
            vec!["Ani Lestari"]
        );
        assert_eq!(
            photographer_names("Photographer: Jane Doe"),
            vec!["Jane Doe"]
        );
        // A picture's credit names no story's maker; a sentence is no credit.
        assert!(photographer_names("Foto: Antara/Budi").is_empty());
        assert!(photographer_names("Photo by Jane Doe on Unsplash").is_empty());
        assert!(photographer_names("Fotografer muda itu memotret banjir di Medan").is_empty());
    }

    #[test]
    fn bylines_that_name_only_a_desk() {
        assert!(names_only_a_desk("Published by BBNTEAM at April 21, 2022"));
        assert!(names_only_a_desk("Autor: Die Redaktion"));
        assert!(!names_only_a_desk("Von Carola Pönisch, Redaktion"));
        assert!(!names_only_a_desk("Share this"));
    }

    #[test]
    fn desk_accounts_and_photo_credits_are_no_names() {
        assert_eq!(clean_names("BBNTEAM"), Vec::<String>::new());
        assert_eq!(clean_names("Newsdesk"), Vec::<String>::new());
        assert_eq!(clean_names("Cortesía"), Vec::<String>::new());
        assert_eq!(clean_names("Courtesy"), Vec::<String>::new());
        assert_eq!(clean_names("Social Share"), Vec::<String>::new());
        assert_eq!(clean_names("Reset Password"), Vec::<String>::new());
        // A name that only ends like one stays.
        assert_eq!(clean_names("Steam"), ["Steam"]);
    }

    #[test]
    fn a_labelled_line_is_a_byline_when_every_part_is_a_name_or_role() {
        assert_eq!(
            byline_names("Von Einheimischen, Gästen und ganz viel Kühen"),
            Vec::<String>::new()
        );
        assert_eq!(
            byline_names("Von Carola Pönisch, Redaktion"),
            ["Carola Pönisch"]
        );
    }

    #[test]
    fn bylines_become_names() {
        assert_eq!(
            clean_names("By SAMUEL OKAFOR and LENA HOFFMANN"),
            ["Samuel Okafor", "Lena Hoffmann"]
        );
        assert_eq!(
            clean_names("By María Fernández, Staff Writer"),
            ["María Fernández"]
        );
        assert_eq!(clean_names("Oleh: ENDANG SUHENDAR"), ["Endang Suhendar"]);
        assert_eq!(
            clean_names("Rizky Maulana, Siti Nurhaliza - wartanusantara.example.id"),
            ["Rizky Maulana", "Siti Nurhaliza"]
        );
        assert_eq!(clean_names("LAPORAN: RENI ERINA"), ["Reni Erina"]);
        assert!(clean_names("2 hours ago").is_empty());
        assert!(is_byline("By SAMUEL OKAFOR and LENA HOFFMANN"));
        assert!(is_byline("Oleh: Reni Erina"));
        assert!(!is_byline(
            "By Monday, officials said the road would reopen."
        ));
        assert!(!is_byline("By the end of the year"));
        // A date first, then the credits: an info row under the headline.
        assert!(is_byline(
            "Sabtu, 19 Desember 2026 07:40 WITA Reporter: Syamsul Bahri Editor: Andi Tenri"
        ));
        assert!(!is_byline(
            "Sabtu, 19 Desember 2026 warga berkumpul di alun-alun kota"
        ));
        assert!(is_byline("Pawarta: Wahyu Nugroho"));
    }

    #[test]
    fn byline_labels_of_several_languages() {
        assert_eq!(clean_names("Posted by Konstantin"), ["Konstantin"]);
        assert_eq!(
            clean_names("Post author By Helge Fahrnberger"),
            ["Helge Fahrnberger"]
        );
        assert_eq!(clean_names("Eingestellt von der Michel"), ["der Michel"]);
        assert_eq!(clean_names("vom Krimiblogger"), ["Krimiblogger"]);
        assert_eq!(clean_names("Por: Juan Diego"), ["Juan Diego"]);
        assert_eq!(clean_names("Autor: Die Redaktion"), Vec::<String>::new());
        assert_eq!(
            clean_names("Text: Klausmartin Friedrich"),
            ["Klausmartin Friedrich"]
        );
        assert!(LABELLED_BYLINE.is_match("Veröffentlicht von Chris Jung"));
        assert!(!LABELLED_BYLINE.is_match("Bypass surgery"));
        assert!(BYLINE_LABEL_ALONE.is_match("Por:"));
        assert!(BYLINE_LABEL_ALONE.is_match("By"));
        assert!(!BYLINE_LABEL_ALONE.is_match("By Alex Bozarjian"));
    }

    #[test]
    fn handles_as_written() {
        assert_eq!(handle_name("gizzmo").as_deref(), Some("gizzmo"));
        assert_eq!(
            handle_name("Catch more fish").as_deref(),
            Some("Catch more fish")
        );
        assert_eq!(handle_name("wordpressadmin"), None);
        assert_eq!(handle_name("Mehr von diesem Autor"), None);
        assert_eq!(handle_name("View all posts"), None);
        assert_eq!(handle_name("2019"), None);
    }

    #[test]
    fn profile_links_and_agencies() {
        assert_eq!(
            clean_names("Andrew Zonenberg, View my complete profile"),
            ["Andrew Zonenberg"]
        );
        assert_eq!(clean_names("AFP"), ["AFP"]);
        assert_eq!(clean_names("von Petra Basler"), ["Petra Basler"]);
        assert_eq!(clean_names("Par Stefan Häne"), ["Stefan Häne"]);
        assert_eq!(clean_names("Grant Tinsley, PhD"), ["Grant Tinsley"]);
        assert_eq!(
            clean_names("Heiko Sauer, SHOW ALL ARTICLES OF Heiko Sauer"),
            ["Heiko Sauer"]
        );
        assert_eq!(clean_names("Olympia-Verlag GmbH"), Vec::<String>::new());
        assert_eq!(clean_names("Unknown"), Vec::<String>::new());
        assert_eq!(clean_names("By Nada Tawfik, New York"), ["Nada Tawfik"]);
        assert_eq!(
            clean_names("Markus M. Haefliger, London, und Beat Bumbacher"),
            ["Markus M. Haefliger", "Beat Bumbacher"]
        );
        assert_eq!(clean_names("By AP"), ["AP"]);
        assert_eq!(clean_names("Kompas.com"), Vec::<String>::new());
        assert_eq!(clean_names("Donnerstag"), Vec::<String>::new());
        assert_eq!(
            clean_names("Ahmad bin Said dan MUH. AL-FATIH"),
            ["Ahmad bin Said", "Muh. Al-Fatih"]
        );
    }
}
