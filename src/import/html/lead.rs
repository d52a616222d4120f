//! The lead paragraphs readability leaves out. Many templates set the lead (the standfirst,
//! the first paragraph in a larger type) apart from the body, in a box of its own between the
//! headline and the text; readability picks the body's box and the lead is lost. The
//! paragraphs of running text between the headline and the first paragraph readability kept
//! are put back in front of the body. So is the standfirst: the block before the body whose
//! text is the page's own description (`og:description`), wherever the template puts it.

use std::collections::HashSet;

use dom_query::{Document, NodeRef};

use super::dom::{collapse_whitespace, leaf_blocks, link_text_len, tag_name, text_of, word_count};
use super::junk::{is_lead_box, junk_line_rule};

/// A lead paragraph has at least this many words: shorter lines between the headline and
/// the text are datelines, labels and captions.
const MIN_LEAD_WORDS: usize = 10;

/// The first paragraph of the body readability found has at least this many words.
const MIN_BODY_PARAGRAPH_WORDS: usize = 8;

/// At most this many paragraphs are put back: a lead is short.
const MAX_LEAD_PARAGRAPHS: usize = 3;

/// One line of the cleaned page.
struct Line {
    key: String,
    /// The line's HTML when it reads as a paragraph of a lead.
    lead_html: Option<String>,
}

/// The lines of the cleaned page after its headline, read before readability takes the page.
pub struct PageLines {
    lines: Vec<Line>,
    standfirst: Option<Standfirst>,
}

/// The page's standfirst and where it stands among the page's lines.
struct Standfirst {
    key: String,
    html: String,
    /// Its index in `page_keys`.
    position: usize,
    /// The keys of all the page's lines, to find where the body starts.
    page_keys: Vec<String>,
}

/// A line that is the title marks the headline only when the title has this many words: a
/// shorter one may be a label or a menu item that happens to read the same.
const MIN_TITLE_LINE_WORDS: usize = 3;

/// A heading of this many words that ends as a sentence is a lead paragraph set in a
/// heading's type, not a section heading.
const MIN_LEAD_HEADING_WORDS: usize = 15;

/// A standfirst has at least this many words: a shorter description is a label or a title.
const MIN_STANDFIRST_WORDS: usize = 8;

/// Reads the lines that follow the page's headline: the `<h1>` whose text is the title, else
/// the page's only `<h1>` when most of its words are in the title (the title may name the
/// site or be worded a little differently; an `<h1>` of another text is often the site's
/// name, followed by its tagline). A page without one has no lead to restore; its
/// standfirst, the line that is the page's `summary`, may still be.
pub fn lines_after_headline(
    doc: &Document,
    title: Option<&str>,
    summary: Option<&str>,
) -> PageLines {
    let Some(body) = doc.body() else {
        return PageLines {
            lines: Vec::new(),
            standfirst: None,
        };
    };
    let blocks = leaf_blocks(&body);
    // Each line's text is read once: the standfirst and the headline's lines both use it.
    let texts: Vec<String> = blocks.iter().map(|b| text_of(b)).collect();
    let keys: Vec<String> = texts.iter().map(|t| key_of(t)).collect();
    let standfirst = summary.and_then(|s| find_standfirst(&blocks, &keys, s));
    let Some(title) = title.map(key_of).filter(|t| !t.is_empty()) else {
        return PageLines {
            lines: Vec::new(),
            standfirst,
        };
    };
    let headings: Vec<(usize, String)> = (0..blocks.len())
        .filter(|&i| tag_name(&blocks[i]) == "h1")
        .map(|i| (i, keys[i].clone()))
        .collect();
    // Some themes set the headline in an `<h2>` (the `<h1>` is the site's name): one whose
    // text is the title is the headline when no `<h1>` is.
    let exact_h2 = || (0..blocks.len()).find(|&i| tag_name(&blocks[i]) == "h2" && keys[i] == title);
    // Others show it in a styled box (`<div class="h1">`), their `<h1>` gone with the
    // breadcrumb it sat in: the first line that is the title, not a link, is the headline.
    let exact_line = || {
        (word_count(&title) >= MIN_TITLE_LINE_WORDS)
            .then(|| {
                (0..blocks.len()).find(|&i| {
                    keys[i] == title
                        && link_text_len(&blocks[i]) == 0
                        && !blocks[i].ancestors_it(None).any(|a| tag_name(&a) == "a")
                })
            })
            .flatten()
    };
    let headline = headings
        .iter()
        .find(|(_, h)| *h == title)
        .map(|&(i, _)| i)
        .or_else(|| match headings.as_slice() {
            [only] if shares_most_words(&only.1, &title) => Some(only.0),
            _ => None,
        })
        .or_else(exact_h2)
        .or_else(exact_line);
    let Some(start) = headline else {
        return PageLines {
            lines: Vec::new(),
            standfirst,
        };
    };
    let lines = (start + 1..blocks.len())
        .map(|i| {
            let (block, text, key) = (&blocks[i], &texts[i], keys[i].clone());
            let lead_like = is_lead_like(block, text) || is_deck(block, text, start, &blocks);
            let lead_html =
                (lead_like && !key.contains(&title)).then(|| block.inner_html().to_string());
            Line { key, lead_html }
        })
        .collect();
    PageLines { lines, standfirst }
}

/// The line of the page that is its description: the same text, or a line of at most twice
/// its words that holds it (after a kicker: "Schwere Schlappe für Johnson: <description>"),
/// or what is left of it when the description was cut short ("…"). Lines in lists, tables,
/// quotes and captions are never the standfirst.
fn find_standfirst(blocks: &[NodeRef], keys: &[String], summary: &str) -> Option<Standfirst> {
    let summary = key_of(summary);
    let stem = summary
        .trim_end_matches(|c: char| c == '.' || c == '…' || c.is_whitespace())
        .to_string();
    let cut_short = summary.ends_with("...") || summary.ends_with('…');
    let stem_words = word_count(&stem);
    if stem_words < MIN_STANDFIRST_WORDS {
        return None;
    }
    let position = keys.iter().position(|key| {
        key == &summary
            || key.trim_end_matches(['.', '!', '?']) == stem
            || (key.contains(if cut_short { &stem } else { &summary })
                && word_count(key) <= 2 * stem_words)
    })?;
    let block = &blocks[position];
    let set_apart = std::iter::once(*block)
        .chain(block.ancestors_it(None))
        .any(|a| {
            matches!(
                tag_name(&a).as_str(),
                "figure" | "figcaption" | "li" | "blockquote" | "table" | "a"
            )
        });
    if set_apart || link_text_len(block) > 0 {
        return None;
    }
    Some(Standfirst {
        key: keys[position].clone(),
        html: block.inner_html().to_string(),
        position,
        page_keys: keys.to_vec(),
    })
}

/// The body readability found with the standfirst and the lead paragraphs it left out in
/// front of it.
pub fn with_lead(found: String, page: &PageLines) -> String {
    if page.lines.is_empty() && page.standfirst.is_none() {
        return found;
    }
    let fragment = Document::fragment(found.as_str());
    let kept: Vec<String> = leaf_blocks(&fragment.root())
        .iter()
        .map(|b| text_of(b))
        .collect();
    let kept_keys: HashSet<String> = kept.iter().map(|t| key_of(t)).collect();
    let (found, restored) = with_paragraphs_after_headline(found, page, &kept, &kept_keys);
    match &page.standfirst {
        Some(standfirst)
            if !restored.contains(&standfirst.key.as_str())
                && left_out_before_body(standfirst, &kept) =>
        {
            format!("<p>{}</p>{found}", standfirst.html)
        }
        _ => found,
    }
}

/// Whether readability left the standfirst out and it stands before the first paragraph it
/// kept (a description repeated in a teaser further down is no standfirst).
fn left_out_before_body(standfirst: &Standfirst, kept: &[String]) -> bool {
    let keys: Vec<String> = kept.iter().map(|t| key_of(t)).collect();
    if keys.iter().any(|k| k.contains(&standfirst.key)) {
        return false;
    }
    // Readability may split a line at its breaks or wrap loose text: a kept paragraph is
    // found in the page's line that holds it.
    let body_start = keys
        .iter()
        .filter(|k| word_count(k) >= MIN_BODY_PARAGRAPH_WORDS)
        .find_map(|k| {
            standfirst
                .page_keys
                .iter()
                .position(|p| p == k || (p.len() > k.len() && p.contains(k.as_str())))
        });
    body_start.is_some_and(|start| standfirst.position < start)
}

/// The body with the lead paragraphs between the headline and the text put back, and the
/// keys of those paragraphs.
fn with_paragraphs_after_headline<'p>(
    found: String,
    page: &'p PageLines,
    kept: &[String],
    kept_keys: &HashSet<String>,
) -> (String, Vec<&'p str>) {
    if page.lines.is_empty() {
        return (found, Vec::new());
    }
    // The first paragraph kept that follows the headline: readability may also keep a hero
    // photo's caption that stands above it.
    let Some(end) = kept
        .iter()
        .filter(|t| word_count(t) >= MIN_BODY_PARAGRAPH_WORDS)
        .find_map(|t| {
            let key = key_of(t);
            page.lines.iter().position(|l| l.key == key)
        })
    else {
        return (found, Vec::new());
    };
    // Readability may split a paragraph at its line breaks: a line whose text it kept in
    // two pieces or more, all but a few words of it, is kept.
    let holds_kept = |line: &Line| {
        let mut rest = line.key.clone();
        let mut pieces = 0;
        for k in kept_keys
            .iter()
            .filter(|k| word_count(k) >= MIN_BODY_PARAGRAPH_WORDS && line.key.contains(k.as_str()))
        {
            rest = rest.replace(k.as_str(), " ");
            pieces += 1;
        }
        pieces >= 2 && word_count(&rest) < MIN_LEAD_WORDS
    };
    let lead: Vec<&Line> = page.lines[..end]
        .iter()
        .filter(|l| !kept_keys.contains(&l.key) && l.lead_html.is_some() && !holds_kept(l))
        .collect();
    if lead.is_empty() || lead.len() > MAX_LEAD_PARAGRAPHS {
        return (found, Vec::new());
    }
    let mut html: String = lead
        .iter()
        .filter_map(|l| l.lead_html.as_deref())
        .map(|l| format!("<p>{l}</p>"))
        .collect();
    html.push_str(&found);
    (html, lead.iter().map(|l| l.key.as_str()).collect())
}

/// A sentence-long subheading right under the headline: the deck ("In den Vereinigten
/// Staaten trommeln Aktivisten für einen Mietenstopp …").
fn is_deck(block: &NodeRef, text: &str, headline: usize, blocks: &[NodeRef]) -> bool {
    matches!(tag_name(block).as_str(), "h2" | "h3")
        && blocks
            .get(headline + 1)
            .is_some_and(|next| next.id == block.id)
        && word_count(text) >= MIN_LEAD_WORDS
        && link_text_len(block) == 0
}

/// A paragraph of running text: enough words, few of them links, ending as a sentence ends
/// (a headline, a label or a tagline rarely does) or in a box named the lead, not a caption or list item, not a junk
/// line; a heading only when it is a long sentence (a lead set in a heading's type).
fn is_lead_like(block: &NodeRef, text: &str) -> bool {
    let tag = tag_name(block);
    let heading = matches!(tag.as_str(), "h2" | "h3" | "h4" | "h5" | "h6");
    if !matches!(tag.as_str(), "p" | "div" | "section") && !heading {
        return false;
    }
    if heading && word_count(text) < MIN_LEAD_HEADING_WORDS {
        return false;
    }
    if block.ancestors_it(None).any(|a| {
        matches!(
            tag_name(&a).as_str(),
            "figure" | "li" | "blockquote" | "table"
        )
    }) {
        return false;
    }
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    word_count(text) >= MIN_LEAD_WORDS
        && (ends_as_sentence(text) || names_itself_the_lead(block))
        && link_text_len(block) * 4 < chars
        && junk_line_rule(text).is_none()
}

/// A box whose class names it the lead ("c-page-intro__copy", "article-lead"): its
/// sentence may end without a full stop, as a teaser's does.
fn names_itself_the_lead(block: &NodeRef) -> bool {
    std::iter::once(*block)
        .chain(block.ancestors_it(Some(LEAD_BOX_LEVELS)))
        .any(|a| is_lead_box(&a))
}

/// How far up from a line its lead box may be: the box, or a wrapper around its paragraph.
const LEAD_BOX_LEVELS: usize = 2;

/// Whether most of a heading's words are words of the title.
fn shares_most_words(heading: &str, title: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let title_words: HashSet<String> = words(title).into_iter().collect();
    let heading_words = words(heading);
    let shared = heading_words
        .iter()
        .filter(|w| title_words.contains(*w))
        .count();
    !heading_words.is_empty() && shared * 2 > heading_words.len()
}

fn ends_as_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’»«“)]".contains(c))
        .ends_with(['.', '!', '?', '…', ':', '。', '！', '？'])
}

fn key_of(text: &str) -> String {
    collapse_whitespace(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAD: &str =
        "Die Nachfrage nach erneuerbaren Energien in Deutschland steigt seit Jahren deutlich an.";
    const BODY: &str = "Aufgrund seiner schadstoffarmen Verbrennung ist Dimethylether ein aussichtsreicher Energieträger.";

    fn page(between: &str) -> Document {
        Document::from(format!(
            "<body><h1>Dimethylether</h1>{between}<div class='text'><p>{BODY}</p><p>{BODY} 2</p></div></body>"
        ))
    }

    #[test]
    fn the_lead_between_headline_and_body_comes_back() {
        let doc = page(&format!(
            "<div class='date'>24. Oktober 2022</div><div class='post-text'><p>{LEAD}</p></div>"
        ));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let body = with_lead(format!("<p>{BODY}</p><p>{BODY} 2</p>"), &lines);
        assert_eq!(body, format!("<p>{LEAD}</p><p>{BODY}</p><p>{BODY} 2</p>"));
    }

    #[test]
    fn a_hero_caption_above_the_headline_does_not_hide_the_lead() {
        let caption = "Wenn du ständig müde bist, kann das an einer Erkrankung liegen.";
        let doc = Document::from(format!(
            "<body><figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure>\
             <h1>Dimethylether</h1><div class='lead'><p>{LEAD}</p></div>\
             <div class='text'><p>{BODY}</p><p>{BODY} 2</p></div></body>"
        ));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let found = format!("<figure><figcaption>{caption}</figcaption></figure><p>{BODY}</p>");
        assert_eq!(
            with_lead(found.clone(), &lines),
            format!("<p>{LEAD}</p>{found}")
        );
    }

    #[test]
    fn a_headline_in_an_h2_is_the_headline_when_no_h1_is() {
        let doc = Document::from(format!(
            "<body><h1>Das Magazin</h1><header><h2> Dimethylether</h2>\
             <div class='lead'><p>{LEAD}</p></div></header>\
             <div class='text'><p>{BODY}</p><p>{BODY} 2</p></div></body>"
        ));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let found = format!("<p>{BODY}</p>");
        assert_eq!(
            with_lead(found.clone(), &lines),
            format!("<p>{LEAD}</p>{found}")
        );
    }

    #[test]
    fn lines_that_are_not_running_text_stay_out() {
        let doc = page(
            "<p>24. Oktober 2022</p><ul><li>A list item that is long enough to be counted as words.</li></ul>\
             <p><a href='/a'>A linked teaser of another article with enough words in it.</a></p>\
             <p>Dimethylether: Alternative für das Heizen der Zukunft | Flüssiggas.de Magazin</p>\
             <p>Ein Untertitel ohne Punkt am Ende der Zeile mit genug Wörtern darin</p>",
        );
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let found = format!("<p>{BODY}</p>");
        assert_eq!(with_lead(found.clone(), &lines), found);
    }

    #[test]
    fn a_page_without_headline_or_with_the_lead_kept_is_unchanged() {
        let doc = Document::from(format!("<body><p>{LEAD}</p><p>{BODY}</p></body>"));
        let found = format!("<p>{BODY}</p>");
        assert_eq!(
            with_lead(found.clone(), &lines_after_headline(&doc, None, None)),
            found
        );
        let doc = page(&format!("<p>{LEAD}</p>"));
        let found = format!("<p>{LEAD}</p><p>{BODY}</p>");
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        assert_eq!(with_lead(found.clone(), &lines), found);
    }

    #[test]
    fn a_sentence_long_subheading_under_the_headline_is_the_deck() {
        let deck =
            "In den Vereinigten Staaten trommeln Aktivisten für einen Mietenstopp in der Krise";
        let doc = page(&format!("<h2>{deck}</h2>"));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let body = with_lead(format!("<p>{BODY}</p>"), &lines);
        assert_eq!(body, format!("<p>{deck}</p><p>{BODY}</p>"));
        // A short subheading, or one further down, is a section heading.
        let doc = page(&format!("<p>{LEAD}</p><h2>{deck}</h2><h2>Kurz</h2>"));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let body = with_lead(format!("<p>{BODY}</p>"), &lines);
        assert_eq!(body, format!("<p>{LEAD}</p><p>{BODY}</p>"));
    }

    #[test]
    fn a_lead_set_as_a_heading_comes_back() {
        // Some templates set the whole lead paragraph in an `<h2>`, below the date and the
        // share bar, in the body's own box.
        let lead_heading = "Die UN-Konvention hat mit der FAO eine Arbeitsgruppe zur Vogelgrippe und zu Wildvögeln eingerichtet, die am Dienstag Empfehlungen veröffentlicht hat.";
        let doc = page(&format!(
            "<div class='date'>24. Oktober 2022</div><div class='share'>Teilen</div><h2>{lead_heading}</h2>"
        ));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let body = with_lead(format!("<p>{BODY}</p>"), &lines);
        assert_eq!(body, format!("<p>{lead_heading}</p><p>{BODY}</p>"));
        // A section heading, even a long one, is no lead: it does not end as a sentence.
        let heading = "Was Verbraucher über die erneuerbare Alternative zum Flüssiggas beim Heizen wissen sollten";
        let doc = page(&format!(
            "<div class='date'>24. Oktober 2022</div><h2>{heading}</h2>"
        ));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let found = format!("<p>{BODY}</p>");
        assert_eq!(with_lead(found.clone(), &lines), found);
    }

    #[test]
    fn a_paragraph_readability_split_at_its_line_breaks_is_not_put_back() {
        let doc = Document::from(format!(
            "<body><h4>DIMETHYLETHER ALS HEIZSTOFF</h4><div class='text'><p>{LEAD}<br><br>{BODY}</p><p>{BODY} 2</p></div></body>"
        ));
        let lines = lines_after_headline(&doc, Some("Dimethylether als Heizstoff"), None);
        let found = format!("<p>{LEAD}</p><p>{BODY}</p><p>{BODY} 2</p>");
        assert_eq!(with_lead(found.clone(), &lines), found);
    }

    #[test]
    fn a_lead_readability_kept_only_part_of_still_comes_back() {
        // Readability kept the lead's last sentence alone (split at a line break); its first
        // sentence is lost unless the line comes back.
        let doc = Document::from(format!(
            "<body><h1>Heizen morgen</h1><div class='lead'><p>{LEAD}<br>{BODY} 3</p></div>\
             <div class='text'><p>{BODY}</p><p>{BODY} 2</p></div></body>"
        ));
        let lines = lines_after_headline(&doc, Some("Heizen morgen"), None);
        let found = format!("<p>{BODY} 3</p><p>{BODY}</p><p>{BODY} 2</p>");
        let body = with_lead(found.clone(), &lines);
        assert!(body.starts_with(&format!("<p>{LEAD}")), "{body}");
    }

    #[test]
    fn a_lead_box_comes_back_even_without_a_full_stop() {
        let teaser = "Die Lokalwahlen endeten nicht nur mit einem Sieg der Opposition, sondern auch mit dem Rücktritt des Premierministers";
        let doc = page(&format!(
            "<div class='c-page-intro__author'>von Daniel Braun</div><div class='c-page-intro__copy'>{teaser}</div>"
        ));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        let found = format!("<p>{BODY}</p>");
        assert_eq!(
            with_lead(found.clone(), &lines),
            format!("<p>{teaser}</p>{found}")
        );
        // The same line in a box that does not name itself the lead is a subtitle or a label.
        let doc = page(&format!("<div class='c-page-copy'>{teaser}</div>"));
        let lines = lines_after_headline(&doc, Some("Dimethylether"), None);
        assert_eq!(with_lead(found.clone(), &lines), found);
    }

    #[test]
    fn a_headline_that_is_no_heading_element_still_marks_where_the_lead_starts() {
        // The page's `<h1>` sat in a breadcrumb (removed as navigation); the headline shown
        // is a styled box with the title's text.
        let doc = Document::from(format!(
            "<body><div class='h1 page-title'><span>Was ist eine Vorsatzschalung?</span></div>\
             <div class='author'>André Borbe, 25.01.2022</div>\
             <div class='intro-text'><p>{LEAD}</p></div>\
             <div class='text'><p>{BODY}</p><p>{BODY} 2</p></div></body>"
        ));
        let lines = lines_after_headline(&doc, Some("Was ist eine Vorsatzschalung?"), None);
        let found = format!("<p>{BODY}</p>");
        assert_eq!(
            with_lead(found.clone(), &lines),
            format!("<p>{LEAD}</p>{found}")
        );
        // The title's text as a link (a teaser of this very article) marks nothing.
        let doc = Document::from(format!(
            "<body><p><a href='/a'>Was ist eine Vorsatzschalung?</a></p><p>{LEAD}</p>\
             <div class='text'><p>{BODY}</p></div></body>"
        ));
        let lines = lines_after_headline(&doc, Some("Was ist eine Vorsatzschalung?"), None);
        assert_eq!(with_lead(found.clone(), &lines), found);
    }

    #[test]
    fn the_only_h1_worded_like_the_title_is_the_headline() {
        let doc = page(&format!("<p>{LEAD}</p>"));
        let lines = lines_after_headline(&doc, Some("Dimethylether – was lohnt sich?"), None);
        let body = with_lead(format!("<p>{BODY}</p>"), &lines);
        assert_eq!(body, format!("<p>{LEAD}</p><p>{BODY}</p>"));
        let lines = lines_after_headline(&doc, Some("Heizen mit Gas"), None);
        assert_eq!(
            with_lead(format!("<p>{BODY}</p>"), &lines),
            format!("<p>{BODY}</p>")
        );
    }

    #[test]
    fn the_line_that_is_the_description_before_the_body_is_the_standfirst() {
        let standfirst =
            "Stühle, Leuchten und ein Abendmahl aus Gips wurden im Kirchen-Forum versteigert.";
        // Set apart from the headline by a photo and a share bar, in a box of its own.
        let doc = Document::from(format!(
            "<body><div class='teaser'><h1>Die Auktion</h1><div class='share'><a href='/s'>Teilen</a></div>             <div class='intro'><div>{standfirst}</div></div></div>             <div class='text'><p>{BODY}</p><p>{BODY} 2</p></div>             <div class='teasers'><p>{LEAD}</p></div></body>"
        ));
        let found = format!("<p>{BODY}</p><p>{BODY} 2</p>");
        let lines = lines_after_headline(&doc, Some("Andere Überschrift"), Some(standfirst));
        assert_eq!(
            with_lead(found.clone(), &lines),
            format!("<p>{standfirst}</p>{found}")
        );
        // A description cut short ("…") finds the line that holds the rest of it.
        let cut = "Leuchten und ein Abendmahl aus Gips wurden im Kirchen-Forum …";
        let lines = lines_after_headline(&doc, None, Some(cut));
        assert_eq!(
            with_lead(found.clone(), &lines),
            format!("<p>{standfirst}</p>{found}")
        );
        // The description further down (a teaser after the text) is no standfirst, and one
        // the body has already is not put back twice.
        let lines = lines_after_headline(&doc, None, Some(LEAD));
        assert_eq!(with_lead(found.clone(), &lines), found);
        let kept = format!("<p>{standfirst}</p>{found}");
        let lines = lines_after_headline(&doc, Some("Die Auktion"), Some(standfirst));
        assert_eq!(with_lead(kept.clone(), &lines), kept);
        // A standfirst may open with a kicker the description leaves out.
        let summary = "Leuchten und ein Abendmahl aus Gips wurden im Kirchen-Forum versteigert.";
        let lines = lines_after_headline(&doc, None, Some(summary));
        assert_eq!(
            with_lead(found.clone(), &lines),
            format!("<p>{standfirst}</p>{found}")
        );
        // A short description is a label, not a standfirst.
        let lines = lines_after_headline(&doc, None, Some("Im Kirchen-Forum"));
        assert_eq!(with_lead(found.clone(), &lines), found);
    }
}
