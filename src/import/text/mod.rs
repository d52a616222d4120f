//! Text dumps: a news page flattened to text by a scraper, one paragraph or widget per line.
//!
//! The page keeps everything the site printed: site names and menus above the headline, the
//! headline (often twice), bylines (sometimes with leftover HTML), the dateline, a photo caption,
//! the body with ads, logo alt texts, "Baca juga" lines, share buttons and promos in it, and a
//! "related articles" block at the end. [`extract`] reads it in four steps:
//!
//! 1. each line is cleaned of leftover HTML and classified on its own (`classify`): junk by a
//!    named rule, byline, dateline, the start of a trailing block, or text;
//! 2. the headline is found among the text lines above the first paragraph (`find_headline`);
//! 3. the lines after it are walked in order: metadata is collected, the first caption-like line
//!    of the header becomes the caption, junk is dropped and the rest becomes the body, up to the
//!    first trailing block, which is cut with everything after it;
//! 4. authors, date and tags are settled from what was collected.
//!
//! A source's own rules (site.toml) are tried on each line before the generic ones, the shared
//! phrase rules of [`super::phrases`] after them. Every line that does not reach the article is
//! recorded in [`Extraction::dropped`] with its rule.
//!
//! The modules, by concern: [`lines`] (input checks, line cleaning), [`classify`] (what a
//! line is on its own), [`bylines`], [`datelines`], [`header`] (captions, menus, the
//! headline), [`outlet`] (logo alt texts, the outlet's name) and [`walk`] (the walk down the
//! page and the article it gives).

mod bylines;
mod classify;
mod datelines;
mod email;
mod header;
mod lines;
mod outlet;
mod quoted;
mod walk;

#[cfg(test)]
mod golden;
#[cfg(test)]
mod tests;

use super::names::{is_academic_degree, is_name_like, title_case_if_shouting, without_titles};
use super::rules::SourceVerdict;
use super::{Dropped, Extraction, ImportedArticle, NoArticle, Rules, dates, phrases};
use bylines::*;
use classify::*;
use datelines::*;
use email::*;
use header::*;
use lines::*;
use outlet::*;
use quoted::*;
use walk::*;

/// Finds the article in a text dump. `url`, when given, is the article's source.
pub fn extract(input: &str, rules: &Rules, url: Option<&str>) -> Result<Extraction, NoArticle> {
    check_input(input)?;
    let lines: Vec<String> = join_hard_wraps(input.lines().map(clean_line).collect());
    let mut kinds: Vec<Kind> = lines.iter().map(|l| classify(l, rules)).collect();
    attach_names_to_roles(&lines, &mut kinds);
    names_next_to_datelines(&lines, &mut kinds);
    mark_mail_headers(&lines, &mut kinds);
    let mut page = Page::default();
    // A forum post that quotes a whole article: the article is the quote, the thread not.
    let (lines, kinds) = match quoted_article(&lines, &kinds) {
        Some(quote) => {
            page.drop_block(&lines[..quote.start], FORUM_THREAD);
            if quote.end < lines.len() {
                page.drop_block(&lines[quote.end..], FORUM_THREAD);
            }
            (lines[quote.clone()].to_vec(), kinds[quote].to_vec())
        }
        None => (lines, kinds),
    };
    let first_paragraph = first_paragraph(&lines, &kinds).ok_or_else(|| no_text(&lines))?;
    let headline = find_headline(&lines, &kinds, first_paragraph)
        .ok_or_else(|| NoArticle("no headline found".into()))?;

    page.before_headline(&lines[..headline], &kinds[..headline]);
    let title = strip_site_from_title(&lines[headline], rules, &mut page.dropped);
    page.title = without_account_name(title, &lines[..headline], &mut page.dropped);
    page.after_headline(&lines, &kinds, headline);
    let page_url = url.map(str::to_string).or_else(|| page.url.clone());
    // A link preview's host names the linked site, not the page's outlet; a promo or a
    // copyright line names it in passing.
    let (naming_lines, in_passing): (Vec<String>, Vec<bool>) = lines
        .iter()
        .zip(&kinds)
        .filter(|(_, kind)| !matches!(kind, Kind::Cut(rule) if rule == SOCIAL_POST_TAIL_RULE))
        .map(|(line, kind)| (line.clone(), matches!(kind, Kind::Junk(_) | Kind::Cut(_))))
        .unzip();
    page.outlet = page_url.and_then(|u| outlet_name(&u, &naming_lines, &in_passing));
    page.into_extraction(rules, url)
}
