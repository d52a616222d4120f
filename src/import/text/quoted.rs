//! An article reposted in a forum thread: the poster's "Quote:" holds a whole article (its
//! headline, its byline or dateline, its paragraphs), and the thread around it (the
//! thread's title, the poster's name and time, their greeting, the post's buttons, the
//! replies) is not the article. The quoted article is read as if it were the page.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A forum's quote marker alone on its line: "Quote:", "Kutipan:", "Quote Originally Posted
/// by bang_ucok:", "Kutip dari bang_ucok:".
static QUOTE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:quote|kutipan|kutip)(?:\s+(?:originally\s+posted\s+by|dari)\s+\S.{0,40})?\s*[:：]$",
    )
    .expect("quote marker")
});

/// The rule that drops the thread around a quoted article, for `--explain`.
pub(super) const FORUM_THREAD: &str = "forum thread around a quoted article";

/// How many lines under the quoted headline its byline or dateline may stand.
const MAX_LINES_TO_BYLINE: usize = 4;

/// The lines of the article a forum post quotes: from its headline to its "Sumber:" address
/// (or to a block that ends an article, or to the end of the page). `None` when no quote on
/// the page holds a headline, a byline or dateline under it and a paragraph.
pub(super) fn quoted_article(lines: &[String], kinds: &[Kind]) -> Option<Range<usize>> {
    let marker = lines.iter().position(|l| QUOTE_MARKER.is_match(l))?;
    let headline = (marker + 1..lines.len()).find(|&i| kinds[i] != Kind::Blank)?;
    if kinds[headline] != Kind::Text || !is_title_like(&lines[headline], 3) {
        return None;
    }
    let credited = (headline + 1..lines.len())
        .filter(|&i| kinds[i] != Kind::Blank)
        .take(MAX_LINES_TO_BYLINE)
        .any(|i| matches!(kinds[i], Kind::Byline(..) | Kind::Dateline { .. }));
    let has_text = (headline + 1..lines.len()).any(|i| is_paragraph_like(&lines[i]));
    if !credited || !has_text {
        return None;
    }
    let end = (headline + 1..lines.len())
        .find_map(|i| match &kinds[i] {
            Kind::Url(url) if !is_image_url(url) => Some(i + 1),
            Kind::Cut(_) => Some(i),
            _ => None,
        })
        .unwrap_or(lines.len());
    Some(headline..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range_of(page: &str) -> Option<Range<usize>> {
        let lines: Vec<String> = page.lines().map(str::to_string).collect();
        let kinds: Vec<Kind> = lines
            .iter()
            .map(|l| classify(l, &Rules::default()))
            .collect();
        quoted_article(&lines, &kinds)
    }

    const ARTICLE: &str = "Kapal Cepat Sorong-Raja Ampat Tambah Jadwal Libur Natal\n\n\
        Oleh Natalia Wanma\n\
        Jumat, 18 Desember 2026 19:30 WIT\n\n\
        SORONG - Dinas Perhubungan menambah jadwal kapal cepat rute Sorong-Waisai selama libur Natal dan Tahun Baru.\n\n\
        Harga tiket tetap Rp150.000 untuk kelas ekonomi.\n";

    #[test]
    fn a_quoted_article_ends_at_its_source_address() {
        let page = format!(
            "[Share] Kapal Cepat Tambah Jadwal\n\nPosted by: bang_ucok\n\nGan, info buat yang mau ke Raja Ampat.\n\n\
             Quote:\n{ARTICLE}\nSumber: https://sorongpos.example/2026/12/18/kapal\n\n\
             Semoga bermanfaat gan\nMantap infonya gan, pas banget mau liburan\n"
        );
        let range = range_of(&page).expect("the quote holds an article");
        let lines: Vec<&str> = page.lines().collect();
        assert_eq!(
            lines[range.start],
            "Kapal Cepat Sorong-Raja Ampat Tambah Jadwal Libur Natal"
        );
        assert!(lines[range.end - 1].starts_with("Sumber: https://"));
    }

    #[test]
    fn quote_markers_of_forums() {
        for marker in [
            "Quote:",
            "Kutipan:",
            "Quote Originally Posted by bang_ucok:",
            "Kutip dari ikan.terbang:",
        ] {
            let page = format!("Judul thread yang panjang\n\n{marker}\n{ARTICLE}");
            assert!(range_of(&page).is_some(), "{marker}");
        }
    }

    #[test]
    fn a_quote_of_a_few_words_or_without_a_byline_is_no_article() {
        // A reply quoting another post's sentence.
        let reply =
            "Balasan\n\nQuote:\nMantap infonya gan, pas banget mau liburan\n\nIya gan sama.\n";
        assert_eq!(range_of(reply), None);
        // A quoted statement with no byline or dateline under its first line.
        let statement = "Judul\n\nQuote:\nPernyataan Resmi Dinas Perhubungan\n\n\
            Dinas Perhubungan menambah jadwal kapal cepat rute Sorong-Waisai selama libur Natal dan Tahun Baru.\n";
        assert_eq!(range_of(statement), None);
    }
}
