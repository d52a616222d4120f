//! Lines of page furniture around an article that say when or how often, not what: a
//! relative time under the date ("2 jam yang lalu"), an info row with a view counter
//! ("Rabu, 04 Desember 2024 | 10:15 WITA · Dibaca 312 kali"), and a broadcaster's promo
//! for the full report ("Saksikan berita selengkapnya dalam program …").

use std::sync::LazyLock;

use super::gate::GatedRegex;
use super::rule;

/// A relative time alone on its line: "2 jam yang lalu", "sejam lalu", "5 minutes ago",
/// "kemarin", or after the outlet's name and a bullet ("Kabar Borneo • 2 jam lalu", as an
/// app's card shows it). Sites print it under the date or under each related headline.
static RELATIVE_TIME: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(
        r"(?i)^\W*(?:[\p{L}\d.&'’]+(?:\s+[\p{L}\d.&'’]+){0,3}\s*[•·|]\s*)?(?:(?:\d+|se|satu|dua|tiga|beberapa)\s*(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s+(?:yang\s+)?lalu|(?:\d+|an?|one|two|three|a\s+few)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|kemarin|baru\s+saja|just\s+now|yesterday)\W*$",
    )
    .expect("valid phrase rule")
});

/// A view counter: "Dibaca 312 kali", "Dilihat: 1.204", "312 kali dibaca", "1,2K views".
static VIEW_COUNT: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(r"(?i)\b(?:dibaca|dilihat|views?)\s*:?\s*\d[\d.,]*\s*(?:kali|x|k)?\b|\b\d[\d.,]*\s*(?:k\s+)?(?:kali\s+dibaca|x\s+dibaca|views|pembaca)\b")
        .expect("valid phrase rule")
});

/// Info rows are short: up to this many words.
const MAX_INFO_WORDS: usize = 25;

/// A broadcaster's pointer to the full report in a programme, stream or channel:
/// "Saksikan berita selengkapnya dalam program Papua Malam pukul 19.00 WIT",
/// "Watch the full report on our YouTube channel".
static BROADCAST_PROMO: LazyLock<GatedRegex> = LazyLock::new(|| {
    GatedRegex::new(
        r"(?i)^\W*(?:saksikan|tonton|simak|dengarkan|ikuti)\s+(?:\S+\s+){0,3}(?:selengkapnya|lengkapnya)\b.{0,150}\b(?:program|siaran|tayang(?:an)?|pukul|live|streaming|youtube|kanal|channel|hanya\s+di)\b|^\W*(?:watch|listen\s+to|catch)\s+(?:the\s+)?(?:full|complete)\s+(?:report|story|interview|broadcast|programme|program|episode|bulletin)\b.{0,150}$",
    )
    .expect("valid phrase rule")
});

/// The rule that drops a line of page furniture, if one does.
pub(super) fn page_meta_rule(text: &str) -> Option<&'static str> {
    if RELATIVE_TIME.is_match(text) {
        return Some(rule::RELATIVE_TIME);
    }
    // A counter with a date or time beside it is the info row; a sentence about how often a
    // text was read ends like a sentence ("Video itu dilihat 2 juta kali sejak Senin, …").
    let sentence = text.trim_end().ends_with(['.', '!', '?', '"', '”']);
    let info_row = !sentence
        && text.split_whitespace().count() <= MAX_INFO_WORDS
        && VIEW_COUNT.is_match(text)
        && crate::import::dates::find_date(text).is_some();
    if info_row {
        return Some(rule::INFO_ROW);
    }
    BROADCAST_PROMO.is_match(text).then_some(rule::VIDEO_PROMO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_compiles() {
        for re in [&RELATIVE_TIME, &VIEW_COUNT, &BROADCAST_PROMO] {
            re.rule();
        }
    }

    #[test]
    fn relative_times_alone_go_and_sentences_with_them_stay() {
        for line in [
            "2 jam yang lalu",
            "sejam lalu",
            "15 menit yang lalu",
            "Beberapa hari lalu",
            "5 minutes ago",
            "an hour ago",
            "kemarin",
            "Yesterday",
            "Kabar Borneo • 2 jam lalu",
            "detikNews · 5 menit yang lalu",
            "The Daily Courier | 3 hours ago",
        ] {
            assert_eq!(page_meta_rule(line), Some(rule::RELATIVE_TIME), "{line}");
        }
        for line in [
            "Dua jam yang lalu, polisi menutup jalan menuju pelabuhan.",
            "Kemarin sore warga kembali ke rumah mereka.",
            "Five minutes ago the last train left the station.",
            "Warga mengungsi sejak dua hari lalu • kata Camat",
        ] {
            assert_eq!(page_meta_rule(line), None, "{line}");
        }
    }

    #[test]
    fn info_rows_with_a_counter_and_a_date_go() {
        for line in [
            "Rabu, 04 Desember 2024 | 10:15 WITA   Admin Humas   Dibaca 312 kali   Kategori: Pemerintahan",
            "02/12/2024 14:35 · 1.204 kali dibaca",
            "Dec 3, 2024 | 2,310 views",
        ] {
            assert_eq!(page_meta_rule(line), Some(rule::INFO_ROW), "{line}");
        }
        for line in [
            "Dibaca 312 kali",
            "Buku itu sudah dibaca 300 kali oleh siswa di perpustakaan desa.",
            "Video itu dilihat 2 juta kali sejak diunggah pada Senin, 2 Desember 2024, kata polisi kepada wartawan di Jayapura yang menanyakan asal rekaman tersebut.",
        ] {
            assert_ne!(page_meta_rule(line), Some(rule::INFO_ROW), "{line}");
        }
    }

    #[test]
    fn broadcast_promos_go_and_reports_of_broadcasts_stay() {
        for line in [
            "Saksikan berita selengkapnya dalam program Papua Malam, setiap hari pukul 19.00 WIT hanya di Papua TV.",
            "Simak selengkapnya di kanal YouTube Kabar Timur TV.",
            "Tonton wawancara lengkapnya di program Sapa Pagi.",
            "Watch the full report on our YouTube channel.",
        ] {
            assert_eq!(page_meta_rule(line), Some(rule::VIDEO_PROMO), "{line}");
        }
        for line in [
            "Warga menyaksikan siaran langsung pelantikan itu selengkapnya di balai desa pada pukul 10.00.",
            "Saksikan saja sendiri, air sudah setinggi lutut orang dewasa, kata Yulius.",
            "The broadcaster will air the full interview on Sunday.",
        ] {
            assert_eq!(page_meta_rule(line), None, "{line}");
        }
    }
}
