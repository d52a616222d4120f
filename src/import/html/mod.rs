//! HTML pages: a scraped news page in, the article and its metadata out.
//!
//! The steps, each in its own module:
//! 1. [`decode`]: bytes to text by the declared charset, else detection.
//! 2. [`metadata`]: title, date, authors, tags, summary, URL, site name and image from
//!    JSON-LD ([`jsonld`]), Open Graph and `article:*` meta tags, `<time>` and the visible
//!    byline ([`names`]), read before anything is removed.
//! 3. [`lead_image`]: the photo at the top and its caption move to the front matter;
//!    [`photo_captions`] marks the other photos' captions set beside them as figures'.
//! 4. [`junk`]: boilerplate elements go (navigation, ads, share bars, comments, related and
//!    most-read lists, newsletter and cookie boxes), except the main text container
//!    ([`anchor`]).
//! 5. [`content`]: readability (dom_smoothie) finds the article in what is left ([`thread`]
//!    adds the other posts of a row of posts it took one of, judged by [`running_text`];
//!    [`lead`] puts back a lead paragraph it
//!    left out between the headline and the text; [`container`] overrules a choice that
//!    misses the page's summary); junk lines,
//!    the source's own rules, the repeated headline, byline and dateline are dropped;
//!    [`boxes`] drops boxes that are not the article (contact and newsletter boxes,
//!    teaser lists, call-to-action boxes, a heading with nothing under it).
//! 6. [`verdict`]: error pages, index pages and pages with too little text are refused.
//! 7. [`markdown`]: the body as Markdown (htmd), links and images absolute.
//!
//! Every drop is recorded with the rule that made it, for `--explain`.

mod anchor;
mod boxes;
mod container;
mod content;
mod decode;
mod depth;
mod dom;
mod embeds;
mod iso_date;
mod jsonld;
mod junk;
mod lead;
mod lead_image;
mod line_blocks;
mod markdown;
mod metadata;
mod names;
mod photo_captions;
mod running_text;
mod section;
mod tag_links;
mod thread;
mod urls;
mod verdict;

#[cfg(test)]
mod golden;
#[cfg(test)]
mod microformat_tests;

use dom_query::Document;

use super::{Extraction, ImportedArticle, NoArticle, Rules};
use content::BodyContext;

/// Extracts the article of an HTML page. `url` is the page's original address when the
/// caller knows it (`--url`); otherwise the page's canonical link or og:url is used.
pub fn extract(bytes: &[u8], rules: &Rules, url: Option<&str>) -> Result<Extraction, NoArticle> {
    // A page that trips a bug in a parser must not stop a batch of a thousand pages.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        match extract_page(bytes, rules, url, BodyFinder::Readability) {
            // Rare, so the page is read again rather than kept for the other ways.
            Err(refusal) if refusal.0.starts_with("no article text") => {
                [BodyFinder::MainContainer, BodyFinder::StatedText]
                    .into_iter()
                    .find_map(|finder| extract_page(bytes, rules, url, finder).ok())
                    .ok_or(refusal)
            }
            result => result,
        }
    }))
    .unwrap_or_else(|_| {
        Err(NoArticle(
            "the page could not be read (internal error in the HTML extractor; please report it)"
                .into(),
        ))
    })
}

/// What finds the article's body in the cleaned page.
#[derive(Clone, Copy, PartialEq)]
enum BodyFinder {
    /// Readability (dom_smoothie): the usual way.
    Readability,
    /// The element holding most of the page's paragraphs, when readability finds too little.
    MainContainer,
    /// The text the page's JSON-LD states as its `articleBody`, when neither finds enough:
    /// a page built by a script may hold its article only there.
    StatedText,
}

fn extract_page(
    bytes: &[u8],
    rules: &Rules,
    url: Option<&str>,
    finder: BodyFinder,
) -> Result<Extraction, NoArticle> {
    let _verdicts = junk::PageVerdicts::start();
    let html = decode::decode_page(bytes)?;
    let markup = decode::without_code(&html);
    let doc = Document::from(depth::flatten_markup(&markup).as_ref());
    depth::limit_depth(&doc)?;
    let meta = metadata::read(&doc, rules);
    let declared_piece = verdict::declares_one_piece(&doc) || meta.declares_article;
    let source = url.map(str::to_string).or_else(|| meta.page_url.clone());
    let base = urls::document_base(meta.base_href.as_deref(), urls::base_url(source.as_deref()));
    let known_image = meta
        .image
        .as_deref()
        .map(|i| urls::resolve(i, base.as_ref()));
    let mut dropped = Vec::new();

    let (lead, longest_block, main_container) = clean_page(
        &doc,
        &meta,
        known_image.as_deref(),
        base.as_ref(),
        &mut dropped,
    )?;
    let image = known_image.or(lead.url);
    let context = BodyContext {
        title: meta.title.as_deref(),
        lead_image: image.as_deref(),
        rules,
        base: base.as_ref(),
    };
    let found = match finder {
        BodyFinder::Readability => {
            let page_lines =
                lead::lines_after_headline(&doc, meta.title.as_deref(), meta.summary.as_deref());
            let under_headline = section::article_under_headline(&doc, meta.title.as_deref());
            let found = content::readable_html(doc.clone(), context.base)
                .map(|found| completed(found, &doc))
                .map(|found| lead::with_lead(found, &page_lines));
            container::checked_choice(
                found,
                &[main_container.as_deref(), under_headline.as_deref()],
                meta.summary.as_deref(),
            )
        }
        BodyFinder::MainContainer => main_container,
        BodyFinder::StatedText => meta.stated_body.as_deref().map(stated_body_html),
    };
    let page = verdict::PageEvidence {
        longest_block,
        declared_piece,
    };
    let mut body = article_body(found, &context, page, &mut dropped)?;
    if let Some((kept, initials)) = crate::import::phrases::without_closing_initials(&body) {
        body = kept;
        dropped.push(super::Dropped {
            text: initials,
            rule: crate::import::phrases::rule::EDITOR_INITIALS.to_string(),
        });
    }
    let mut authors = meta.authors;
    if let Some((kept, writer)) = crate::import::phrases::without_letter_signature(&body) {
        body = kept;
        dropped.push(super::Dropped {
            text: writer.clone(),
            rule: crate::import::phrases::LETTER_SIGNATURE.to_string(),
        });
        if authors.is_empty() {
            authors.push(writer);
        }
    }

    let article = ImportedArticle {
        title: meta.title.unwrap_or_default(),
        date: meta.date,
        authors,
        tags: meta.tags,
        summary: meta.summary,
        source,
        source_name: meta.site_name,
        image,
        image_caption: lead.caption,
        body,
        id: None,
    };
    Ok(Extraction { article, dropped })
}

/// Readability's choice with what it left out of the article around it: the other posts of
/// the row it is one post of ([`thread`]). `page` is the cleaned page readability read.
fn completed(found: String, page: &Document) -> String {
    let Some((container, chosen)) = running_text::chosen_container(&found, page) else {
        return found;
    };
    thread::with_whole_row(found, container, &chosen)
}

/// The JSON-LD `articleBody` as HTML: markup kept when it is markup, else a paragraph a line.
fn stated_body_html(text: &str) -> String {
    if text.contains("</p>") || text.contains("<br") {
        return text.to_string();
    }
    text.lines()
        .map(|line| format!("<p>{}</p>", crate::text::escape_html(line)))
        .collect()
}

/// Takes the lead image out and removes the boilerplate; refuses error pages. Returns the
/// lead image, the word count of the longest line left (for messages) and the HTML of the
/// main text container.
fn clean_page(
    doc: &Document,
    meta: &metadata::PageMeta,
    known_image: Option<&str>,
    base: Option<&url::Url>,
    dropped: &mut Vec<super::Dropped>,
) -> Result<(lead_image::LeadImage, usize, Option<String>), NoArticle> {
    junk::reveal_noscript_articles(doc);
    embeds::posts_out_of_their_boxes(doc);
    embeds::videos_to_links(doc);
    photo_captions::captions_as_seen(doc);
    let anchor = anchor::find_anchor(doc);
    let lead = lead_image::take_lead_image(doc, &anchor, known_image, base, dropped);
    photo_captions::mark_photo_captions(doc);
    junk::remove_junk_elements(doc, &anchor, dropped);
    tag_links::remove_kicker_links(doc, dropped);
    let longest_block = verdict::longest_block_words(doc);
    if let Some(refusal) = verdict::error_page(doc, meta, longest_block) {
        return Err(refusal);
    }
    let main_container = anchor.node(doc).map(|n| n.html().to_string());
    Ok((lead, longest_block, main_container))
}

/// The article's body as Markdown: the HTML found, cleaned line by line, checked to be an
/// article, converted.
fn article_body(
    found: Option<String>,
    context: &BodyContext,
    page: verdict::PageEvidence,
    dropped: &mut Vec<super::Dropped>,
) -> Result<String, NoArticle> {
    let no_text = || {
        NoArticle(format!(
            "no article text found (the longest text block has {} words)",
            page.longest_block
        ))
    };
    let body = checked_body(found.ok_or_else(no_text)?, context, page, dropped)?;
    content::shape_for_markdown(&body, context.base);
    let markdown = markdown::to_markdown(&body);
    // Text the Markdown converter does not show (inside an element it drops) is no article.
    if !markdown.chars().any(char::is_alphanumeric) {
        return Err(no_text());
    }
    Ok(markdown)
}

/// A candidate body cleaned line by line and checked to be an article.
fn checked_body(
    html: String,
    context: &BodyContext,
    page: verdict::PageEvidence,
    dropped: &mut Vec<super::Dropped>,
) -> Result<Document, NoArticle> {
    let body = Document::fragment(html);
    content::clean_body(&body, context, dropped);
    verdict::check_body(&body, page)?;
    Ok(body)
}
