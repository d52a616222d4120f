//! The site's language: UI words for themes and dates written the local way.

use std::collections::BTreeMap;

use chrono::{DateTime, Locale};
use chrono_tz::Tz;

/// (key, English, Indonesian) for every UI word a theme receives as `t.<key>`.
const WORDS: &[(&str, &str, &str)] = &[
    ("home", "Home", "Beranda"),
    ("tags", "Tags", "Tag"),
    ("tag", "Tag", "Tag"),
    ("archive", "Archive", "Arsip"),
    ("next", "Next", "Berikutnya"),
    ("previous", "Previous", "Sebelumnya"),
    ("newer", "Newer", "Lebih baru"),
    ("older", "Older", "Lebih lama"),
    ("page", "Page", "Halaman"),
    ("of", "of", "dari"),
    ("read_more", "Read more", "Baca selengkapnya"),
    ("minutes_read", "min read", "menit baca"),
    ("words", "words", "kata"),
    ("by", "By", "Oleh"),
    ("published", "Published", "Terbit"),
    ("updated", "Updated", "Diperbarui"),
    ("source", "Source", "Sumber"),
    ("category", "Section", "Rubrik"),
    (
        "read_original",
        "Read the original at",
        "Baca artikel asli di",
    ),
    ("related", "Related articles", "Artikel terkait"),
    ("articles", "Articles", "Artikel"),
    ("article_count", "articles", "artikel"),
    ("skip_to_content", "Skip to content", "Langsung ke isi"),
    (
        "not_found_title",
        "Page not found",
        "Halaman tidak ditemukan",
    ),
    (
        "not_found_text",
        "The page you asked for is not here. It may have moved or been removed.",
        "Halaman yang Anda cari tidak ada. Mungkin sudah dipindahkan atau dihapus.",
    ),
    ("back_home", "Back to the front page", "Kembali ke beranda"),
    ("feeds", "Feeds", "Umpan"),
    ("feed_tag", "Articles tagged", "Artikel bertopik"),
    ("watch_on", "Watch on", "Tonton di"),
    ("view_post_on", "View the post on", "Lihat kiriman di"),
    ("all_articles", "All articles", "Semua artikel"),
    ("photo", "Photo", "Foto"),
    (
        "remote_photo",
        "See the photo at the source",
        "Lihat foto di sumber",
    ),
    ("menu", "Menu", "Menu"),
    ("year", "Year", "Tahun"),
    ("month", "Month", "Bulan"),
    ("day", "Day", "Hari"),
    ("up", "Up", "Naik"),
    ("sources", "Sources", "Sumber"),
    ("authors", "Authors", "Penulis"),
    ("categories", "Sections", "Rubrik"),
    ("source_home", "Outlet's site", "Situs sumber"),
    ("feed_term", "Articles in", "Artikel di"),
    ("latest", "Latest", "Terbaru"),
    ("more_in", "More in", "Selengkapnya di"),
    ("active_sources", "Most active sources", "Sumber teraktif"),
    ("search", "Search", "Cari"),
    ("search_label", "Search the articles", "Cari artikel"),
    ("search_results", "results", "hasil"),
    (
        "search_none",
        "No articles match.",
        "Tidak ada artikel yang cocok.",
    ),
    ("search_any", "Any", "Semua"),
    ("search_more", "More results", "Hasil lainnya"),
    (
        "search_no_script",
        "Searching needs JavaScript. Browse the archive or the tags instead.",
        "Pencarian memerlukan JavaScript. Telusuri arsip atau tag.",
    ),
    (
        "search_help",
        "Quotes for a phrase (\"harga beras\"); narrow with year:2022, source:name or tag:name.",
        "Tanda kutip untuk frasa (\"harga beras\"); persempit dengan year:2022, source:nama atau tag:nama.",
    ),
];

/// UI words in the site's language, with the overrides of `[strings]` applied.
#[derive(Debug, Clone, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// Built-in words for `language` (Indonesian or English; other languages start from English),
    /// then `overrides`. An override of a word that does not exist is an error.
    pub fn for_language(
        language: &str,
        overrides: &BTreeMap<String, String>,
    ) -> Result<Strings, String> {
        let indonesian = primary_subtag(language) == "id";
        let mut words: BTreeMap<String, String> = WORDS
            .iter()
            .map(|(key, en, id)| {
                (
                    key.to_string(),
                    if indonesian { id } else { en }.to_string(),
                )
            })
            .collect();
        for (key, value) in overrides {
            match words.get_mut(key) {
                Some(slot) => *slot = value.clone(),
                None => {
                    let known: Vec<&str> = WORDS.iter().map(|w| w.0).collect();
                    return Err(format!(
                        "[strings] has unknown key `{key}`; known keys: {}",
                        known.join(", ")
                    ));
                }
            }
        }
        Ok(Strings(words))
    }

    /// Whether `key` is one of the UI words.
    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map(String::as_str).unwrap_or(key)
    }
}

fn primary_subtag(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

/// Formats dates in one language.
#[derive(Debug, Clone, Copy)]
pub struct DateFormatter {
    locale: Locale,
    indonesian: bool,
}

impl DateFormatter {
    pub fn new(language: &str) -> DateFormatter {
        let primary = primary_subtag(language);
        let locale = Locale::try_from(language.replace('-', "_").as_str())
            .or_else(|_| Locale::try_from(format!("{primary}_{}", primary.to_uppercase()).as_str()))
            .unwrap_or(Locale::en_US);
        DateFormatter {
            locale,
            indonesian: primary == "id",
        }
    }

    /// Any strftime pattern, with month and day names in the site's language.
    pub fn format(&self, date: &DateTime<Tz>, pattern: &str) -> String {
        date.format_localized(pattern, self.locale).to_string()
    }

    /// "Kamis, 27 Januari 2022" / "Thursday, January 27, 2022".
    pub fn long_date(&self, date: &DateTime<Tz>) -> String {
        self.format(
            date,
            if self.indonesian {
                "%A, %-d %B %Y"
            } else {
                "%A, %B %-d, %Y"
            },
        )
    }

    /// "14:52 WIB".
    pub fn time(&self, date: &DateTime<Tz>) -> String {
        self.format(date, "%H:%M %Z")
    }

    /// "Januari 2022".
    pub fn month(&self, date: &DateTime<Tz>) -> String {
        self.format(date, "%B %Y")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn indonesian_dates() {
        let tz: Tz = "Asia/Jakarta".parse().unwrap();
        let d = tz.with_ymd_and_hms(2022, 1, 27, 14, 52, 0).unwrap();
        let f = DateFormatter::new("id");
        assert_eq!(f.long_date(&d), "Kamis, 27 Januari 2022");
        assert_eq!(f.time(&d), "14:52 WIB");
        assert_eq!(f.month(&d), "Januari 2022");
    }

    #[test]
    fn english_dates() {
        let d = chrono_tz::UTC
            .with_ymd_and_hms(2022, 1, 27, 14, 52, 0)
            .unwrap();
        assert_eq!(
            DateFormatter::new("en").long_date(&d),
            "Thursday, January 27, 2022"
        );
    }

    #[test]
    fn words_follow_language_and_overrides() {
        let mut o = BTreeMap::new();
        o.insert("next".to_string(), "Lanjut".to_string());
        let s = Strings::for_language("id", &o).unwrap();
        assert_eq!(s.get("next"), "Lanjut");
        assert_eq!(s.get("archive"), "Arsip");
        o.insert("nxet".to_string(), "x".to_string());
        let err = Strings::for_language("id", &o).unwrap_err();
        assert!(
            err.starts_with("[strings] has unknown key `nxet`; known keys: home, tags"),
            "{err}"
        );
    }
}
