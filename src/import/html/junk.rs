//! Boilerplate rules: elements that are never the article (by tag, by class or id words), and
//! lines that are never part of it ("Baca juga: ...", Google News promos, share prompts).
//! Every rule has a name, shown by `--explain` next to what it dropped.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use dom_query::{Document, NodeId, NodeRef};
use regex::Regex;

use super::anchor::Anchor;
use super::dom::{
    class_id_tokens, identifier_words, is_hidden, is_teaser_card, select, shown_text, tag_name,
    word_count,
};
use super::embeds::is_embedded_post;
use crate::import::Dropped;

pub(super) mod threads;

/// Removed without a note: never visible text, or (`<rt>`, `<rp>`) the pronunciation a
/// ruby annotation shows above its base text ("子<rt>こ</rt>ども"), which as plain text would
/// break every word in two.
const SILENT_TAGS: &[&str] = &[
    "script", "style", "link", "meta", "template", "svg", "canvas", "object", "embed", "source",
    "track", "map", "area", "head", "rt", "rp",
];

/// Page furniture by element name.
const FURNITURE_TAGS: &[&str] = &[
    "nav", "aside", "footer", "header", "form", "button", "select", "textarea", "input", "dialog",
    "marquee", "menu", "iframe", "frame", "frameset",
];

/// Inline elements: class rules leave them alone (a linked keyword in a paragraph may have
/// class "tag"); the block around them is what gets judged.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "img", "picture",
    "br", "wbr", "font",
];

/// Class and id words of boilerplate containers.
const JUNK_WORDS: &[&str] = &[
    // ads
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adsense",
    "adslot",
    "adsbygoogle",
    "dfp",
    "gpt",
    "iklan",
    "banner",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "promoted",
    "outbrain",
    "taboola",
    "mgid",
    "paywall",
    "pullquote",
    // sharing and following
    "share",
    "shares",
    "sharing",
    "sharebar",
    "sharethis",
    "sharedaddy",
    "addtoany",
    "social",
    "socials",
    "sosmed",
    "follow",
    // other articles
    "related",
    "relatedposts",
    "terkait",
    "popular",
    "populer",
    "terpopuler",
    "trending",
    "mostread",
    "recommended",
    "recommendation",
    "rekomendasi",
    "readmore",
    "bacajuga",
    "ticker",
    // reader input and sign-ups
    "comment",
    "comments",
    "komentar",
    "disqus",
    "newsletter",
    "subscribe",
    "subscription",
    "langganan",
    "signup",
    "mc4wp",
    "login",
    "search",
    "poll",
    "polling",
    // consent and overlays
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "overlay",
    "hidden",
    // page furniture
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "widget",
    "widgets",
    "rail",
    "aside",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "topbar",
    "footer",
    "header",
    "masthead",
    "branding",
    "logo",
    "skip",
    "pagination",
    "pager",
    "paging",
    "print",
    "toolbar",
    "tools",
    "storytools",
    "copyright",
    // labels and metadata shown around the article
    "tag",
    "tags",
    "tagcloud",
    "taglist",
    "byline",
    "author",
    "penulis",
    "editor",
    "meta",
    "date",
    "dateline",
    "tanggal",
    "kanal",
    "rubric",
    "kicker",
    "category",
    "categories",
];

/// [`JUNK_WORDS`] but the words of comments (see [`threads`]).
static NON_COMMENT_JUNK_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    JUNK_WORDS
        .iter()
        .copied()
        .filter(|w| !threads::COMMENT_WORDS.contains(w))
        .collect()
});

/// Class and id words that mark an inline element as boilerplate: a rating widget (a
/// `<span class="post-ratings">` in the post's last paragraph), a share button, or a card
/// that pops up over a linked name (`<span class="rollover-people-block">`: the person's
/// photo and latest headlines, glued into the sentence as text) is never article text.
/// Only these: an inline `tag` is a keyword link, a `hidden-print` span is text hidden on
/// paper only, a block's "rating" box may be a review's verdict, and a "tooltip" or
/// "popup" may be the visible word or link that opens one.
const INLINE_JUNK_WORDS: &[&str] = &[
    "rating",
    "ratings",
    "share",
    "sharing",
    "rollover",
    "popover",
    "hovercard",
    "tooltiptext",
];

/// Class and id words that mark boilerplate only when the element holds little running text:
/// a theme's "widget", a "hidden" label, an "article-header" or a "category-news" wrapper may
/// hold the article itself; a real date line, tag list or print button does not.
const SOFT_WORDS: &[&str] = &[
    "widget",
    "widgets",
    "hidden",
    "header",
    "print",
    "category",
    "categories",
    "readmore",
    "meta",
    "tag",
    "tags",
    "tools",
    "toolbar",
    "kicker",
    "rubric",
    "editor",
];

/// Running text (outside links, in runs of at least this many characters) that keeps an
/// element with a [`SOFT_WORDS`] class: a short paragraph of an article.
const RUNNING_TEXT_CHARS: usize = 150;

/// Two class or id words in a row that mark boilerplate ("baca-juga", "MostRead").
const JUNK_PAIRS: &[(&str, &str)] = &[
    ("baca", "juga"),
    ("lihat", "juga"),
    ("read", "more"),
    ("read", "also"),
    ("also", "read"),
    ("most", "read"),
    ("most", "popular"),
    ("more", "stories"),
    ("more", "news"),
    ("berita", "lain"),
    ("berita", "lainnya"),
    ("artikel", "lain"),
    ("artikel", "lainnya"),
    ("you", "may"),
    ("screen", "reader"),
    ("sr", "only"),
    ("visually", "hidden"),
    ("pull", "quote"),
    // a box of the article's details (author, category, date, views: Joomla's "Rincian")
    ("article", "info"),
    ("post", "info"),
    ("entry", "info"),
];

/// Removes everything that is never the article from a page, except the main text container
/// and its ancestors; notes each removed block that had text.
pub fn remove_junk_elements(doc: &Document, anchor: &Anchor, dropped: &mut Vec<Dropped>) {
    let Some(body) = doc.body() else {
        return;
    };
    doc.select("head").remove();
    remove_sign_up_boxes(doc, anchor, dropped);
    let nodes: Vec<NodeRef> = body.descendants_it().filter(|n| n.is_element()).collect();
    // A page of one post has one box named a post; a page with a loop of posts has many.
    // Counted only when a box needs it.
    let one_post_box =
        std::cell::LazyCell::new(|| nodes.iter().filter(|n| is_post_box(n)).count() == 1);
    let comments_are_the_text = std::cell::LazyCell::new(|| threads::comments_are_the_text(&body));
    let page = PageShape {
        one_post_box: &|| *one_post_box,
        comments_are_the_text: &|| *comments_are_the_text,
    };
    let teaser_cards = std::cell::LazyCell::new(|| teaser_articles(doc, &nodes, anchor));
    let mut removed: HashSet<NodeId> = HashSet::new();
    for node in nodes.iter().copied() {
        if anchor.is_protected(&node) || node.ancestors_it(None).any(|a| removed.contains(&a.id)) {
            continue;
        }
        let rule = if node.has_name("article") && teaser_cards.contains(&node.id) {
            Some(Some(TEASER_ARTICLES.to_string()))
        } else {
            junk_element_rule(&node, &page)
        };
        let Some(rule) = rule else {
            continue;
        };
        if let Some(rule) = rule {
            let text = shown_text(&node);
            if !text.is_empty() {
                dropped.push(Dropped {
                    text: shorten(&text),
                    rule,
                });
            }
        }
        removed.insert(node.id);
        node.remove_from_parent();
    }
}

/// A sign-up box has at most this many words around its e-mail field: its name, a line
/// of pitch, the button and the legal line.
const MAX_SIGN_UP_BOX_WORDS: usize = 60;

/// Removes each newsletter sign-up box: the largest box around an e-mail field that holds
/// a few words at most and not the article ("Get the Science Lab newsletter / The week's
/// best stories … / [Your email] Sign up / By signing up …"). Its name and pitch are no
/// text of the article, whatever words they use.
fn remove_sign_up_boxes(doc: &Document, anchor: &Anchor, dropped: &mut Vec<Dropped>) {
    let fields: Vec<NodeRef> = doc.select(r#"body input[type="email" i]"#).nodes().to_vec();
    for field in fields {
        let mut sign_up_box = None;
        for above in field.ancestors_it(None) {
            if matches!(
                tag_name(&above).as_str(),
                "body" | "html" | "article" | "main"
            ) || anchor.is_protected(&above)
                || word_count(&above.text()) > MAX_SIGN_UP_BOX_WORDS
            {
                break;
            }
            sign_up_box = Some(above);
        }
        if let Some(sign_up_box) = sign_up_box {
            let text = shown_text(&sign_up_box);
            if !text.is_empty() {
                dropped.push(Dropped {
                    text: shorten(&text),
                    rule: "newsletter sign-up box (an e-mail field)".to_string(),
                });
            }
            sign_up_box.remove_from_parent();
        }
    }
}

/// The rule that drops other stories' cards beside the main text.
const TEASER_ARTICLES: &str = "related-articles list";

/// Other stories' cards around the main text: `<article>` elements outside the main text
/// container (neither holding it nor inside it), each a linked headline and a line or two
/// ([`is_teaser_card`], [`has_headline_link`]), when there are at least two and the main
/// text is not one of them. A feed of such cards under a story
/// reads to readability as short paragraphs once their headlines are gone; the page's own
/// article holds the main text, so it is never one of them.
fn teaser_articles(doc: &Document, nodes: &[NodeRef], anchor: &Anchor) -> HashSet<NodeId> {
    let Some(main_node) = anchor.node(doc) else {
        return HashSet::new();
    };
    // On an index page the longest text is one card's summary: every card is a story of
    // its own, for the verdict to see.
    let is_card = |n: &NodeRef| is_teaser_card(n) && has_headline_link(n);
    if std::iter::once(main_node)
        .chain(main_node.ancestors_it(None))
        .any(|a| a.has_name("article") && is_card(&a))
    {
        return HashSet::new();
    }
    let cards: HashSet<NodeId> = nodes
        .iter()
        .filter(|n| n.has_name("article") && !anchor.is_protected(n))
        .filter(|n| {
            // Not inside the main text, and still in the page (not inside a box removed
            // before the first card was met: the set is worked out when it is needed).
            let mut above = n.ancestors_it(None).map(|a| a.id);
            !above.any(|id| id == main_node.id) && n.ancestors_it(None).any(|a| a.has_name("body"))
        })
        .filter(|n| is_card(n))
        .map(|n| n.id)
        .collect();
    if cards.len() < 2 {
        return HashSet::new();
    }
    cards
}

/// Whether a card's headline is a link: a heading whose link has at least three words. A
/// forum post or a box of the article's own (pros and cons, a download button) has none.
fn has_headline_link(card: &NodeRef) -> bool {
    select(card, "h1 a, h2 a, h3 a, h4 a, h5 a, h6 a")
        .iter()
        .any(|a| word_count(&a.text()) >= 3)
}

/// Pages that build the article with a script keep a copy of it in `<noscript>` (Blogger
/// does), which the parser reads as raw text: such a copy that holds running text becomes
/// part of the page again, and so does an embedded post a consent box holds back until the
/// reader accepts the network's cookies (`<noscript><blockquote class="twitter-tweet">`).
/// Small ones (tracking pixels, style tweaks) are left to the rules.
pub fn reveal_noscript_articles(doc: &Document) {
    let holds_a_post = |node: &NodeRef| select(node, "blockquote").iter().any(is_embedded_post);
    for noscript in doc.select("noscript").nodes().to_vec() {
        let raw = noscript.text();
        let markup_only = noscript.children_it(false).all(|c| !c.is_element());
        if markup_only && (raw.contains("<p") || raw.contains("<blockquote")) {
            let probe = Document::fragment(raw.to_string());
            if holds_a_post(&probe.root()) || holds_running_text(&probe.root()) {
                noscript.replace_with_html(format!("<div>{raw}</div>"));
            }
        } else if holds_a_post(&noscript) || holds_running_text(&noscript) {
            noscript.rename("div");
        }
    }
}

/// What the class rules ask of the whole page, each worked out only when a box needs it.
struct PageShape<'a> {
    /// The page has one box named a post (see [`is_post_box`]).
    one_post_box: &'a dyn Fn() -> bool,
    /// The boxes named "comment" hold the page's running text (a forum thread, a live
    /// ticker; see [`threads`]).
    comments_are_the_text: &'a dyn Fn() -> bool,
}

/// Whether an element is boilerplate: `Some(None)` for silent removals (scripts, styles),
/// `Some(Some(rule))` for others, `None` to keep it.
fn junk_element_rule(node: &NodeRef, page: &PageShape) -> Option<Option<String>> {
    let tag = tag_name(node);
    if SILENT_TAGS.contains(&tag.as_str()) {
        return Some(None);
    }
    if tag == "noscript" {
        // Lazy-loading pages put the real <img> in <noscript>; readability unwraps it.
        return select(node, "img").is_empty().then_some(None);
    }
    if FURNITURE_TAGS.contains(&tag.as_str()) {
        // An article's own header holds its headline and often its lead; what else is in
        // it (kicker, date, share bar) is judged on its own.
        if tag == "header"
            && (holds_running_text(node)
                || !select(node, "h1").is_empty()
                || is_section_heading_box(node))
        {
            return None;
        }
        return Some(Some(format!("page furniture <{tag}>")));
    }
    if is_hidden(node) {
        return Some(Some("hidden element".to_string()));
    }
    if INLINE_TAGS.contains(&tag.as_str()) {
        // Most inline elements have no such word: a cheap look first.
        let may_name_widget = ["class", "id"].iter().any(|attr| {
            node.attr(attr).is_some_and(|v| {
                v.contains("ating")
                    || v.contains("har")
                    || v.contains("over")
                    || v.contains("tooltip")
            })
        });
        if !may_name_widget {
            return None;
        }
        let (token, word) = class_word(node, INLINE_JUNK_WORDS, &[])?;
        return Some(Some(format!("boilerplate class/id \"{token}\" ({word})")));
    }
    let (token, word) = class_word(node, JUNK_WORDS, JUNK_PAIRS)?;
    // On a page whose text is all in comment boxes, "comment" names the posts; another
    // junk word in the class still counts ("comment-share").
    let (token, word) =
        if threads::COMMENT_WORDS.contains(&word.as_str()) && (page.comments_are_the_text)() {
            class_word(node, &NON_COMMENT_JUNK_WORDS, JUNK_PAIRS)?
        } else {
            (token, word)
        };
    // A soft word on the box that holds the headline or names itself the post (WordPress
    // marks a post's own box "post type-post category-news") is no verdict on the box: its
    // parts are judged on their own.
    if SOFT_WORDS.contains(&word.as_str())
        && (holds_running_text(node)
            || is_lead_box(node)
            || (is_post_box(node) && (page.one_post_box)())
            || !select(node, "h1").is_empty()
            || (word == "header" && is_section_heading_box(node)))
    {
        return None;
    }
    Some(Some(format!("boilerplate class/id \"{token}\" ({word})")))
}

/// A box named a header that holds a section's heading and nothing else (a heading, or a
/// heading element itself, with text and no link) and is followed by running text. Page
/// builders wrap each heading of the text in one (Jimdo's "j-header", an accordion item's
/// `<header>`); a page's or a widget's header has a link (the logo, the menu, "more") or
/// other text beside its heading, and a gallery's, a rating box's or a teaser list's has no
/// paragraphs after it.
fn is_section_heading_box(node: &NodeRef) -> bool {
    if !node
        .next_element_sibling()
        .is_some_and(|next| holds_running_text(&next))
    {
        return false;
    }
    const HEADINGS: &str = "h2, h3, h4, h5, h6";
    let headings = if matches!(tag_name(node).as_str(), "h2" | "h3" | "h4" | "h5" | "h6") {
        vec![*node]
    } else {
        select(node, HEADINGS)
    };
    if headings.is_empty() || !select(node, "a").is_empty() {
        return false;
    }
    // Counted without spaces: markup often sets no space between a heading and what follows.
    let shown = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
    let heading_chars: usize = headings.iter().map(|h| shown(&h.text())).sum();
    heading_chars > 0 && heading_chars == shown(&node.text())
}

/// Class and id words of the box that holds an article's lead (its standfirst), which
/// templates often put inside the article's header ("contentHeader__abstract").
const LEAD_WORDS: &[&str] = &[
    "abstract",
    "lead",
    "intro",
    "standfirst",
    "subtitle",
    "subheadline",
    "dek",
    "deck",
    "excerpt",
    "perex",
    "chapo",
    "chapeau",
];

/// An element whose class or id names it the article's lead.
pub fn is_lead_box(node: &NodeRef) -> bool {
    class_id_tokens(node).iter().any(|token| {
        identifier_words(token)
            .iter()
            .any(|w| LEAD_WORDS.contains(&w.as_str()))
    })
}

/// Class words by which a box names itself one post or article: WordPress's `post_class()`
/// ("post type-post hentry"), microformats' "hentry", a generic "article".
const POST_BOX_TOKENS: &[&str] = &["post", "type-post", "type-page", "hentry", "article"];

/// An `<article>` element, or an element whose class (not id) names it one post. When it is the
/// page's only one, it is the post: a post of short lines (a dialogue, a poem) holds no long
/// runs of text but is still the post (a loop of related posts gives each the same classes).
fn is_post_box(node: &NodeRef) -> bool {
    tag_name(node) == "article"
        || node.attr("class").is_some_and(|class| {
            class.split_whitespace().any(|token| {
                POST_BOX_TOKENS
                    .iter()
                    .any(|post| token.eq_ignore_ascii_case(post))
            })
        })
}

/// Whether an element holds at least [`RUNNING_TEXT_CHARS`] of text outside links, counting
/// only text runs long enough to be sentences.
fn holds_running_text(node: &NodeRef) -> bool {
    let mut total = 0;
    let mut stack: Vec<NodeRef> = node.children_it(false).collect();
    while let Some(n) = stack.pop() {
        if n.is_text() {
            let chars = n
                .text()
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>();
            if chars >= 40 {
                total += chars;
                if total >= RUNNING_TEXT_CHARS {
                    return true;
                }
            }
        } else if n.is_element()
            && !matches!(tag_name(&n).as_str(), "a" | "script" | "style" | "nav")
        {
            stack.extend(n.children_it(false));
        }
    }
    false
}

/// Whether an element's class or id names boilerplate by a word that is no soft one (see
/// [`SOFT_WORDS`]): an ad, a share bar, a sign-up box, a footer.
pub fn names_boilerplate(node: &NodeRef) -> bool {
    class_word(node, JUNK_WORDS, JUNK_PAIRS)
        .is_some_and(|(_, word)| !SOFT_WORDS.contains(&word.as_str()))
}

/// The class or id token that marks an element as boilerplate, and the word (or pair of
/// words) of `words` or `pairs` in it that does.
fn class_word(node: &NodeRef, words: &[&str], pairs: &[(&str, &str)]) -> Option<(String, String)> {
    class_id_tokens(node).into_iter().find_map(|token| {
        // Utility classes ("md:hidden", "print:block") say how, not what.
        if token.contains(':') {
            return None;
        }
        let token_words = identifier_words(&token);
        let word = token_words
            .iter()
            .find(|w| words.contains(&w.as_str()))
            .cloned()
            .or_else(|| {
                token_words.windows(2).find_map(|pair| {
                    pairs
                        .iter()
                        .any(|(a, b)| pair[0] == *a && pair[1] == *b)
                        .then(|| format!("{} {}", pair[0], pair[1]))
                })
            })?;
        Some((token, word))
    })
}

/// A dropped text as `--explain` shows it: at most 160 characters.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 160;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Records `node`'s text, as a reader sees it, as dropped by `rule` (for `--explain`); a node
/// with no text is not listed.
pub fn note_removed(node: &NodeRef, rule: &str, dropped: &mut Vec<Dropped>) {
    let text = shown_text(node);
    if !text.is_empty() {
        dropped.push(Dropped {
            text: shorten(&text),
            rule: rule.to_string(),
        });
    }
}

// ---------------------------------------------------------------------------------------
// Lines

/// A credit line under the text ("Editor: Ani", "Reporting by Jane Doe", "(Reporting by
/// Jane Doe; editing by John Roe)"), or a block of several labelled roles ("Reporter: A, B
/// / Penulis: A / Editor: C"): the HTML page states its authors elsewhere, so the line goes
/// (the text importer reads it as a byline); "Associated Press writer Jane Doe contributed
/// to this report." too.
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(editor|penulis|reporter|pewarta|penyunting|redaktur|editing\s+by|reporting\s+by|writing\s+by)\s*[:：]\s*\S.{0,80}$|^\W*\(\s*(?:additional\s+)?(?:reporting|writing)\s+by\b[^()]{0,200}\b(?:editing|edited)\s+by\b[^()]{0,100}\)\W*$|^[^.!?]{0,200}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\W*$|^\W*(?:(?:reporter|reporters|penulis|editor|redaktur|pewarta|penyunting|fotografer|teks|grafis|infografis|liputan|desain)\s*[:：]\s*[^:：]{2,80}?\W*){2,}$",
    )
    .expect("credit line")
});

/// Junk-line rules apply to blocks of at most this many words; longer blocks are prose.
pub const MAX_JUNK_LINE_WORDS: usize = crate::import::phrases::MAX_JUNK_LINE_WORDS;

/// The name of the rule that drops a line, if one does: the phrase rules both importers
/// share, then the credit line. The verdict is remembered for the page being read (see
/// [`PageVerdicts`]).
pub fn junk_line_rule(text: &str) -> Option<&'static str> {
    if let Some(known) = VERDICTS.with_borrow(|v| v.get(text).copied()) {
        return known;
    }
    let verdict = judge_line(text);
    VERDICTS.with_borrow_mut(|v| {
        // A caller outside a page (a test, a helper) must not make it grow without end.
        if v.len() >= MAX_VERDICTS {
            v.clear();
        }
        v.insert(text.to_string(), verdict)
    });
    verdict
}

/// More verdicts than a page has lines: the memory is forgotten then.
const MAX_VERDICTS: usize = 20_000;

fn judge_line(text: &str) -> Option<&'static str> {
    if let Some(rule) = crate::import::phrases::junk_phrase(text) {
        return Some(rule);
    }
    (word_count(text) <= MAX_JUNK_LINE_WORDS && CREDIT_LINE.is_match(text)).then_some("credit line")
}

thread_local! {
    /// The verdicts of [`junk_line_rule`] on the lines of the page this thread reads: the
    /// lead search and the body's cleaning judge the same paragraphs, and a verdict depends
    /// on the text alone.
    static VERDICTS: RefCell<HashMap<String, Option<&'static str>>> = RefCell::new(HashMap::new());
}

/// Held while one page is read: its lines' verdicts are kept until it is dropped, and a
/// page never sees another's (no page is read faster for coming after a similar one).
pub struct PageVerdicts(());

impl PageVerdicts {
    pub fn start() -> Self {
        VERDICTS.with_borrow_mut(HashMap::clear);
        PageVerdicts(())
    }
}

impl Drop for PageVerdicts {
    fn drop(&mut self) {
        VERDICTS.with_borrow_mut(HashMap::clear);
    }
}

pub use crate::import::phrases::is_related_heading;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_lines_are_named() {
        let rule = |t| junk_line_rule(t);
        assert_eq!(rule("Baca juga: Harga Gabah Naik"), Some("read-also line"));
        assert_eq!(rule("BACA JUGA"), Some("read-also line"));
        assert_eq!(
            rule(
                "Temukan berita-berita hangat terpercaya dari Kantor Berita Politik RMOL di Google News."
            ),
            Some("follow/subscribe promo")
        );
        assert_eq!(
            rule("Untuk mengikuti silakan klik tanda bintang."),
            Some("follow/subscribe promo")
        );
        assert_eq!(
            rule("Ikuti berita terkini Harian Pagi di WhatsApp Channel dan Google News."),
            Some("follow/subscribe promo")
        );
        assert_eq!(rule("ADVERTISEMENT"), Some("advertisement"));
        assert_eq!(
            rule("SCROLL TO CONTINUE WITH CONTENT"),
            Some("advertisement")
        );
        assert_eq!(rule("___"), Some("separator"));
        assert_eq!(rule("Editor: Dimas Prasetyo"), Some("credit line"));
        for line in [
            "Reporter: Nadia Putri Lestari, Yosua Manurung Penulis: Nadia Putri Lestari Editor: Fikri Hamdani",
            "Teks: Wulan Anggraini / Grafis: Dimas / Editor: Teguh Prasetyo",
            "(Reporting by Greg Roe, Jane Doe, with reporting by Herb Poe, editing by Martin Low.)",
            "Associated Press writers Alan Fram and Zeke Roe contributed to this report.",
            "Fox News’ Jessica Doe contributed to this report.",
        ] {
            assert_eq!(rule(line), Some("credit line"), "{line}");
        }
        for line in [
            "Reporting by the newspaper, she said, changed how the city was run.",
            "Dozens of volunteers contributed to this report's findings over two years.",
            "The mayor, who said residents contributed to this report, thanked them. Then she left.",
        ] {
            assert_eq!(rule(line), None, "{line}");
        }
        assert_eq!(
            rule("Copyright 2024 Global Wire Service. All rights reserved."),
            Some("copyright line")
        );
        assert_eq!(rule("Share this:"), Some("share buttons"));
        assert_eq!(rule("[Gambas:Video CNN]"), Some("embed placeholder"));
        assert_eq!(rule("Halaman 1/1"), Some("pagination"));
        assert_eq!(rule("BACA HALAMAN BERIKUTNYA"), Some("pagination"));
        assert_eq!(
            rule(
                "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini tanpa izin tertulis dari Kantor Berita ANTARA."
            ),
            Some("copyright line")
        );
        assert_eq!(
            rule("Bagikan: Facebook Twitter WhatsApp"),
            Some("share buttons")
        );
        assert_eq!(rule("Warga membaca juga berita lain di pasar."), None);
        assert_eq!(
            rule("Warga diminta mengikuti berita resmi dari BMKG."),
            None
        );
        assert_eq!(
            rule("Follow us on Instagram for more"),
            Some("follow/subscribe promo")
        );
        assert_eq!(
            rule("Pilihan Editor: Harga Beras Naik"),
            Some("read-also line")
        );
        assert_eq!(
            rule("The editor said the council would share the report."),
            None
        );
        assert_eq!(
            rule("Advertisement revenue fell by a third last year."),
            None
        );
    }

    #[test]
    fn related_headings() {
        for h in [
            "Berita Terkait",
            "Related Coverage",
            "Most Read",
            "Terpopuler",
            "ARTIKEL LAINNYA",
            "Read more",
        ] {
            assert!(is_related_heading(h), "{h}");
        }
        assert!(!is_related_heading("What the council approved"));
        assert!(!is_related_heading(
            "Related to the flood, the council said"
        ));
    }

    #[test]
    fn boilerplate_containers_go_but_the_article_stays() {
        let long = "word ".repeat(30);
        let html = format!(
            "<body><nav>Home News</nav><article class='post tag-share'><div class='entry'><p>{long}</p>\
             <div class='ShareBar'>Share on X</div><p>{long}</p><span class='tag'>kw</span></div></article>\
             <div id='jp-relatedposts'>Other</div><div class='baca-juga'>Baca</div></body>"
        );
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        let text = doc.select("body").text();
        assert!(text.contains("kw") && text.contains("word"));
        assert!(!text.contains("Share on X") && !text.contains("Other") && !text.contains("Home"));
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "page furniture <nav>",
                "boilerplate class/id \"ShareBar\" (share)",
                "boilerplate class/id \"jp-relatedposts\" (relatedposts)",
                "boilerplate class/id \"baca-juga\" (baca juga)"
            ]
        );
    }

    #[test]
    fn the_posts_of_a_thread_in_comment_boxes_stay_and_comments_under_an_article_go() {
        let post = "Seit dem Update auf die neue Version habe ich unterwegs keinen Zugriff mehr auf den Store. ";
        let posts: String = (0..3)
            .map(|i| {
                format!(
                    "<div class='MtnComment'><span>user{i}</span><div class='MtnCommentText'>{post}{post}</div>\
                     <div class='MtnComment-share'>Teilen</div></div>"
                )
            })
            .collect();
        let html = format!("<body><form><h2>Kein Store mehr?</h2>{posts}</form></body>");
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        assert_eq!(doc.select("div.MtnCommentText").length(), 3);
        // Another junk word in a comment box's class still drops it.
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["boilerplate class/id \"MtnComment-share\" (share)"; 3]
        );

        let comments: String = (0..4)
            .map(|_| format!("<div class='comment'><p>{post}{post}</p></div>"))
            .collect();
        let html = format!(
            "<body><article><p>{post}{post}{post}</p></article><section>{comments}</section></body>"
        );
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        assert_eq!(doc.select("div.comment").length(), 0);
        assert_eq!(dropped.len(), 4, "{dropped:?}");
    }

    #[test]
    fn ruby_glosses_leave_the_base_text() {
        let html = "<body><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの\
                    <ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくす</p></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        assert_eq!(doc.select("p").text().to_string(), "子どもへの虐待をなくす");
        assert!(dropped.is_empty());
    }

    #[test]
    fn soft_class_words_keep_running_text() {
        let sentence =
            "Das Konzeptpapier der Fraktion sieht vor, die Regeln zum Ende des Jahres zu ändern. ";
        let html = format!(
            "<body><div class='main'><p>{sentence}{sentence}</p>\
             <div class='field--label-hidden'><p>{sentence}{sentence}</p></div>\
             <header class='article-header'><p>{sentence}{sentence}</p></header>\
             <div class='post-tags'><a href='/t/a'>Politik</a> <a href='/t/b'>Berlin</a></div>\
             <div class='field--label-hidden'>Kurz</div></div></body>"
        );
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        assert_eq!(doc.select("p").length(), 3, "the paragraphs stay");
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "boilerplate class/id \"post-tags\" (tags)",
                "boilerplate class/id \"field--label-hidden\" (hidden)"
            ]
        );
    }

    #[test]
    fn a_box_named_header_around_a_section_heading_stays() {
        // Page builders wrap each heading of the text in a box named a header (Jimdo's
        // "j-header", an accordion item's <header>); a page's header with its logo link, a
        // header box with a line beside its heading, a linked heading and a gallery's
        // heading (no text after it) still go.
        let sentence = "Die Fraktion legt ein Konzept vor, das die Regeln zum Jahresende ändert. ";
        let html = format!(
            "<body><header class='site'><a href='/'>Logo</a><h2>Das Magazin</h2></header>\
             <div class='main'><p>{sentence}{sentence}{sentence}</p>\
             <div class='j-module j-header'><h2>Angaben gemäß § 5 TMG</h2></div>\
             <p>{sentence}{sentence}{sentence}</p>\
             <ul><li><header class='item_head'><h3>Vorteile bei der Finanzierung:</h3></header>\
             <p>{sentence}{sentence}{sentence}</p></li></ul>\
             <div class='section-header'><h3>Mehr zum Thema</h3><span>Anzeige</span></div>\
             <p>{sentence}{sentence}{sentence}</p>\
             <div class='box-header'><h3><a href='/x'>Ein anderer Artikel</a></h3></div>\
             <p>{sentence}{sentence}{sentence}</p>\
             <div class='content-header'><h3>Bildergalerie: Das Konzept</h3></div>\
             <div class='gallery'><img src='/a.jpg'><img src='/b.jpg'></div>\
             </div></body>"
        );
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        let headings: Vec<String> = doc
            .select("h2, h3")
            .iter()
            .map(|h| h.text().to_string())
            .collect();
        assert_eq!(
            headings,
            ["Angaben gemäß § 5 TMG", "Vorteile bei der Finanzierung:"]
        );
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "page furniture <header>",
                "boilerplate class/id \"section-header\" (header)",
                "boilerplate class/id \"box-header\" (header)",
                "boilerplate class/id \"content-header\" (header)"
            ]
        );
    }

    #[test]
    fn a_post_box_with_a_category_class_that_holds_the_headline_stays() {
        // WordPress's post_class() names the post's own box after its category.
        let html = "<body><div class='hero-post post-95579 category-aktuell'>\
             <div class='hero-cats'><a href='/c/a'>Aktuell</a><a href='/c/r'>Rezension</a></div>\
             <h1>Unstillbares Heimweh</h1><p>In seinem Essay erkundet er ein paradoxes Gefühl.</p></div>\
             <div class='category-list'><h2>Aktuell</h2></div></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        let text = doc.select("body").text();
        assert!(text.contains("Unstillbares Heimweh") && text.contains("paradoxes Gefühl"));
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["boilerplate class/id \"category-list\" (category)"]);
    }

    #[test]
    fn a_post_box_of_short_lines_with_a_category_class_stays() {
        // A post of short dialogue lines, its headline an <h2>: no long run of text and no
        // <h1>, but its own class names it the post, the page's only one.
        let post = "<div id='post-7' class='post-7 post type-post hentry category-notes'>\
             <h2><a href='/p/7'>Nothing to do</a></h2><p>„Are you coming?“</p><p>– „No.“</p></div>";
        let html = format!(
            "<body>{post}<div class='category-notes'><a href='/c/notes'>Notes</a></div></body>"
        );
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        let text = doc.select("body").text();
        assert!(text.contains("„Are you coming?“") && text.contains("– „No.“"));
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["boilerplate class/id \"category-notes\" (category)"]
        );

        // A loop of posts with the same classes (related posts) is judged as before.
        let teaser = "<article class='post type-post category-notes'><h3><a href='/p/8'>Another day</a></h3></article>";
        let doc = Document::from(format!("<body>{post}{teaser}</body>").as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        assert_eq!(dropped.len(), 2, "{dropped:?}");
    }

    #[test]
    fn rating_and_share_widgets_go_even_inline() {
        let html = "<body><div class='entry'><p>Hummeln fliegen auch bei Kälte, <a class='tag' href='/t'>Biologie</a>.\
             <span class='hidden-print'>Mehr im Winter.</span></p>\
             <p><span id='post-ratings-7' class='post-ratings'>Was this article useful? (95 votes)</span>\
             <span class='post-ratings-loading'>Loading...</span></p>\
             <p><a class='share-link' href='/s'>Share</a></p>\
             <div class='review-rating'>Pros: fresh fish</div></div></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        // A keyword link, text hidden only on paper and a review's verdict box stay.
        assert_eq!(
            doc.select("body").text().to_string(),
            "Hummeln fliegen auch bei Kälte, Biologie.Mehr im Winter.Pros: fresh fish"
        );
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "boilerplate class/id \"post-ratings\" (ratings)",
                "boilerplate class/id \"post-ratings-loading\" (ratings)",
                "boilerplate class/id \"share-link\" (share)"
            ]
        );
    }

    #[test]
    fn a_card_that_pops_up_over_a_name_goes_and_the_name_stays() {
        let html = "<body><div class='entry'><p>A man threatened Rep. <a href='/p/jane'>Jane Roe</a>\
             <span class='rollover-people-block'><span><a class='name' href='/p/jane'>Jane Roe</a>\
             <a href='/a/1'>Council passes the budget | Mayor resigns</a> MORE</span></span> \
             (D-Minn.), the office said.</p>\
             <p>The defendant's <span class='tooltip'>attorney<span class='tooltiptext'>a lawyer</span></span> spoke.</p></div></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        assert_eq!(
            doc.select("body").text().to_string(),
            "A man threatened Rep. Jane Roe (D-Minn.), the office said.The defendant's attorney spoke."
        );
    }

    #[test]
    fn a_row_of_other_stories_cards_goes_and_the_article_stays() {
        let long = "The reviews of the new service are in, and they are mixed at best. ".repeat(5);
        let card = |n: usize| {
            format!(
                "<article class='fp-story'><header><h2><a href='/s/{n}'>Another story number {n} here</a></h2></header>\
                 <div class='description'><p>A summary of that other story, long enough to read as a paragraph.</p></div></article>"
            )
        };
        let html = format!(
            "<body><article class='single-story'><h1>The reviews are in</h1><div id='text'><p>{long}</p><p>{long}</p></div></article>\
             <section class='wrapper'>{}{}{}</section></body>",
            card(1),
            card(2),
            card(3)
        );
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        assert_eq!(doc.select("article").length(), 1);
        assert!(doc.select("#text").exists());
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["related-articles list"; 3]);

        // One card beside the article is left to the other rules; so is a card inside the
        // main text (an embedded story).
        let html = format!(
            "<body><article><div id='text'><p>{long}</p>{}<p>{long}</p></div></article>{}</body>",
            card(1),
            card(2)
        );
        let doc = Document::from(html.as_str());
        let anchor = super::super::anchor::find_anchor(&doc);
        remove_junk_elements(&doc, &anchor, &mut Vec::new());
        assert_eq!(doc.select("article").length(), 3);
    }

    #[test]
    fn the_articles_header_and_lead_stay() {
        let html = "<body><div class='main'><header><h1>Wärmepumpen</h1>\
             <div class='contentHeaderHeader__abstract'>Wärmepumpen boomen, aber nicht alle können sie nutzen.</div>\
             <div class='contentHeader__date'>3. Mai</div></header>\
             <header class='site'><a href='/'>Home</a></header></div></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        remove_junk_elements(&doc, &anchor, &mut dropped);
        let text = doc.select("body").text();
        assert!(text.contains("Wärmepumpen boomen") && text.contains("Wärmepumpen"));
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "boilerplate class/id \"contentHeader__date\" (header)",
                "page furniture <header>"
            ]
        );
    }

    #[test]
    fn a_tweet_held_back_by_a_consent_box_comes_back() {
        let doc = Document::from(
            "<body><div class='embed'><p>Allow X content?</p><button>Accept</button>\
             <noscript><blockquote class='twitter-tweet'><p>Bridge still intact.</p>&mdash; \
             History (@hist) <a href='https://twitter.com/hist/status/1'>Dec 3</a></blockquote></noscript>\
             </div><noscript><blockquote><p>No post here.</p></blockquote></noscript></body>",
        );
        reveal_noscript_articles(&doc);
        assert_eq!(doc.select("div.embed blockquote.twitter-tweet").length(), 1);
        assert_eq!(
            doc.select("noscript").length(),
            1,
            "a short quote that links to no post stays hidden"
        );
    }

    #[test]
    fn an_article_kept_in_noscript_comes_back() {
        let sentence =
            "Over the past few years we have seen threats on the web becoming more sophisticated. ";
        let html = format!(
            "<body><div class='post-body'><noscript><span class='byline'>Posted by A</span>\
             <p>{sentence}{sentence}</p></noscript></div>\
             <noscript><img src='/pixel.gif' width='1' height='1'></noscript>\
             <noscript><style>.x {{}}</style></noscript></body>"
        );
        let doc = Document::from(html.as_str());
        reveal_noscript_articles(&doc);
        assert_eq!(doc.select("div.post-body p").length(), 1);
        assert_eq!(doc.select("noscript").length(), 2);
    }
}
