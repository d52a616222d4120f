//! Pages that hold no article: error pages, index and home pages, pages with too little text.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;

use super::dom::{leaf_blocks, link_text_len, select, tag_name, text_of, word_count};
use super::metadata::PageMeta;
use crate::import::NoArticle;

/// An article body has at least this many words outside links.
const MIN_ARTICLE_WORDS: usize = 40;

/// The words outside links of the shortest body kept on a page that declares itself one
/// article or video: a blog post of two lines, a video page's description, a photo post's
/// few notes are real posts; a page that says so is not an index or an error page.
const MIN_DECLARED_WORDS: usize = 10;

/// What the page says about itself, for judging the body found.
#[derive(Clone, Copy)]
pub struct PageEvidence {
    /// The words of the longest line of the cleaned page (for messages).
    pub longest_block: usize,
    /// The page declares itself one article or one video (`og:type`).
    pub declared_piece: bool,
}

/// Whether the page's `og:type` says it is one article or one video ("article",
/// "video.episode"), read before the head is removed.
pub fn declares_one_piece(doc: &Document) -> bool {
    doc.select("meta[property='og:type'], meta[name='og:type']")
        .nodes()
        .iter()
        .filter_map(|m| m.attr("content"))
        .any(|kind| {
            let kind = kind.trim().to_ascii_lowercase();
            kind == "article" || kind == "video" || kind.starts_with("video.")
        })
}

/// A body with this many linked headlines, and few words for each, is a list of teasers.
const MAX_LINKED_HEADINGS: usize = 3;

/// Words per linked headline below which a body is a list of teasers (a teaser has a
/// sentence or two; an article with a few linked subheadings has far more text).
const TEASER_WORDS: usize = 60;

/// Words of text in a row, between two linked headlines, that no teaser has: an article
/// followed by a list of related headlines is an article.
const ARTICLE_RUN_WORDS: usize = 150;

static ERROR_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // A bare number is not enough ("500 Warga Mengungsi" is news): it must come with an
        // error word, or be the whole title.
        r"(?i)^\W*(404|410|500)\W*$|\b(error|kesalahan)\s*(404|410|500)\b|\b(404|410|500)\s*[-–:|]?\s*(not\s+found|error|page|halaman|tidak)\b|\binternal\s+(server\s+)?error\b|\bnot\s+found\b|\bpage\s+(you.{1,20}looking\s+for|does\s*n.t\s+exist|no\s+longer\s+exists)\b|\btidak\s+ditemukan\b|\bhalaman\s+tidak\b|\berror\s+page\b",
    )
    .expect("error title")
});

/// The words of the longest line of a page (for the message about pages with no article).
pub fn longest_block_words(doc: &Document) -> usize {
    doc.body()
        .map(|b| {
            leaf_blocks(&b)
                .iter()
                .map(|n| word_count(&text_of(n)))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
}

/// A "404" or "not found" page: its title or headline says so and it has no long text.
pub fn error_page(doc: &Document, meta: &PageMeta, longest_block: usize) -> Option<NoArticle> {
    if longest_block >= 60 {
        return None;
    }
    let h1 = doc.select("h1").nodes().first().map(text_of);
    let says_error = [meta.page_title.as_deref(), h1.as_deref()]
        .into_iter()
        .flatten()
        .find(|t| ERROR_TITLE.is_match(t))?;
    Some(NoArticle(format!(
        "the page is an error page (\"{says_error}\"), not an article"
    )))
}

/// Whether the extracted body is an article: not a list of linked headlines, not mostly
/// links, and long enough.
pub fn check_body(body: &Document, page: PageEvidence) -> Result<(), NoArticle> {
    let root = body.root();
    let text = text_of(&root);
    let words = word_count(&text);
    let prose_words = words.saturating_sub(link_words(&root));
    let linked_headings = linked_headings(&root);
    if linked_headings >= MAX_LINKED_HEADINGS
        && prose_words < linked_headings * TEASER_WORDS
        && longest_run_between_linked_headings(&root) < ARTICLE_RUN_WORDS
    {
        return Err(NoArticle(format!(
            "the page is a list of {linked_headings} linked headlines (an index or home page), not an article"
        )));
    }
    let link_chars = link_text_len(&root);
    let chars = text.chars().count().max(1);
    if link_chars * 2 > chars && words < 500 {
        return Err(NoArticle(format!(
            "the page is mostly links ({}% of its text), not an article",
            link_chars * 100 / chars
        )));
    }
    let min_words = if page.declared_piece {
        MIN_DECLARED_WORDS
    } else {
        MIN_ARTICLE_WORDS
    };
    if prose_words < min_words {
        return Err(NoArticle(format!(
            "no article text found (the longest text block has {} words)",
            page.longest_block
        )));
    }
    Ok(())
}

/// Headings whose whole text is a link: the teasers of an index page.
fn linked_headings(root: &NodeRef) -> usize {
    select(root, "h1, h2, h3, h4")
        .iter()
        .filter(|h| is_linked_heading(h))
        .count()
}

/// The most words outside links in consecutive lines with no linked headline among them.
fn longest_run_between_linked_headings(root: &NodeRef) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for block in leaf_blocks(root) {
        if is_linked_heading(&block) {
            run = 0;
            continue;
        }
        let words = word_count(&text_of(&block)).saturating_sub(link_words(&block));
        run += words;
        longest = longest.max(run);
    }
    longest
}

fn is_linked_heading(node: &NodeRef) -> bool {
    matches!(tag_name(node).as_str(), "h1" | "h2" | "h3" | "h4") && {
        let text = text_of(node);
        !text.is_empty() && link_text_len(node) >= text.chars().count()
    }
}

fn link_words(root: &NodeRef) -> usize {
    select(root, "a")
        .iter()
        .map(|a| word_count(&text_of(a)))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undeclared(longest_block: usize) -> PageEvidence {
        PageEvidence {
            longest_block,
            declared_piece: false,
        }
    }

    #[test]
    fn a_short_post_is_kept_when_the_page_declares_itself_one() {
        // A two-line blog post (19 words), as WordPress serves it with og:type "article".
        let post = Document::fragment(
            "<p>M: Wer rutscht als nächstes aus auf dem Glatteis?</p>\
             <p>Ich: Ich wette, dass du als nächstes ausrutschst. Aua. M: Gewonnen!</p>",
        );
        let declared = PageEvidence {
            longest_block: 11,
            declared_piece: true,
        };
        assert!(check_body(&post, declared).is_ok());
        assert_eq!(
            check_body(&post, undeclared(11)).unwrap_err().0,
            "no article text found (the longest text block has 11 words)"
        );
        // A few words are no post, whatever the page says.
        let stub = Document::fragment("<p>Wird geladen … bitte warten.</p>");
        assert_eq!(
            check_body(
                &stub,
                PageEvidence {
                    longest_block: 4,
                    declared_piece: true
                }
            )
            .unwrap_err()
            .0,
            "no article text found (the longest text block has 4 words)"
        );
        // An index of teasers stays refused.
        let teaser = "<h3><a href='/a'>Judul berita</a></h3><p>Satu kalimat ringkas tentang berita ini saja.</p>";
        let index = Document::fragment(teaser.repeat(5));
        assert!(check_body(&index, declared).is_err());
    }

    #[test]
    fn og_type_article_or_video_declares_one_piece() {
        for (head, declared) in [
            ("<meta property='og:type' content='article'>", true),
            ("<meta property='og:type' content='Article'>", true),
            ("<meta property='og:type' content='video.episode'>", true),
            ("<meta name='og:type' content='video'>", true),
            ("<meta property='og:type' content='website'>", false),
            ("", false),
        ] {
            let doc = Document::from(format!("<html><head>{head}</head><body></body></html>"));
            assert_eq!(declares_one_piece(&doc), declared, "{head}");
        }
    }

    #[test]
    fn teasers_are_refused_but_articles_with_linked_subheads_kept() {
        let teaser = "<h3><a href='/a'>Judul berita</a></h3><p>Satu kalimat ringkas tentang berita ini saja.</p>";
        let index = Document::fragment(teaser.repeat(5));
        let err = check_body(&index, undeclared(7)).unwrap_err();
        assert!(
            err.0
                .starts_with("the page is a list of 5 linked headlines"),
            "{err}"
        );
        let paragraph = format!("<p>{}</p>", "kata ".repeat(80));
        let article = Document::fragment(format!(
            "{paragraph}<h2><a href='/x'>Satu</a></h2>{paragraph}<h2><a href='/y'>Dua</a></h2>{paragraph}<h2><a href='/z'>Tiga</a></h2>{paragraph}"
        ));
        assert!(check_body(&article, undeclared(80)).is_ok());
        // An article of short paragraphs, then six related headlines with their teasers.
        let short_paragraph = format!("<p>{}</p>", "kata ".repeat(35));
        let related = "<h3><a href='/r'>Berita lain yang terkait</a></h3><p>Ringkasan singkat.</p>";
        let with_related = Document::fragment(format!(
            "{}{}",
            short_paragraph.repeat(6),
            related.repeat(6)
        ));
        assert!(check_body(&with_related, undeclared(35)).is_ok());
        let short = Document::fragment("<p>Hanya beberapa kata di sini.</p>");
        assert_eq!(
            check_body(&short, undeclared(5)).unwrap_err().0,
            "no article text found (the longest text block has 5 words)"
        );
    }
}

#[cfg(test)]
mod error_title_tests {
    use super::ERROR_TITLE;

    #[test]
    fn numbers_in_headlines_are_not_errors() {
        for news in [
            "500 Warga Mengungsi Akibat Banjir",
            "Nomor 404 di Daftar Tunggu",
            "BPS: 410 Desa Tertinggal",
        ] {
            assert!(!ERROR_TITLE.is_match(news), "{news}");
        }
        for error in [
            "404",
            "404 Not Found",
            "Error 404 | Kompas",
            "Halaman tidak ditemukan",
            "500 - Internal error",
        ] {
            assert!(ERROR_TITLE.is_match(error), "{error}");
        }
    }
}
