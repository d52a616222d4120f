//! The inverted index: for every term, the documents it is in with a one-byte impact.
//!
//! Documents are the site's articles oldest first, so a new article (the usual change to a
//! news mirror) takes the next number and leaves every other document's number, every
//! posting list it is not in, and every result chunk but the last as they were. An impact is
//! the BM25 term-frequency part of a term in a document, measured against a fixed reference
//! length rather than the site's average, so it depends on that document alone; the search
//! page multiplies it by the term's idf, which it works out from the list's length.

use std::collections::HashMap;

use anyhow::Result;
use rayon::prelude::*;

use super::fold;
use super::stem::Stemmer;
use crate::content::Article;

/// BM25's saturation and length normalization.
pub const K1: f32 = 1.2;
pub const B: f32 = 0.75;
/// The document length (in weighted words) impacts are normalized to: a typical article.
pub const REFERENCE_LENGTH: f32 = 400.0;
/// The most an impact can be: `(K1 + 1)`, stored as 255.
pub const MAX_TF_PART: f32 = K1 + 1.0;

/// How much a word counts in each field.
const TITLE: f32 = 4.0;
const TAGS: f32 = 3.0;
const SUMMARY: f32 = 1.5;
const BODY: f32 = 1.0;

/// One term's documents: (document number, impact) pairs as bytes, numbers as
/// varint deltas, and how many there are.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Postings {
    pub bytes: Vec<u8>,
    pub count: u32,
    /// The last document pushed (deltas are taken from it).
    pub last: Option<u32>,
}

impl Postings {
    fn push(&mut self, doc: u32, impact: u8) {
        let delta = match self.last {
            Some(last) => doc - last,
            None => doc,
        };
        push_varint(&mut self.bytes, delta);
        self.bytes.push(impact);
        self.last = Some(doc);
        self.count += 1;
    }
}

/// Appends `n` as a varint: 7 bits a byte, low bits first, the high bit set on all but the last.
pub fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The index of a site: every term's postings, sorted by term.
pub struct Index {
    pub terms: Vec<(String, Postings)>,
    pub documents: usize,
}

/// The filter terms of an article: `year:2022`, `tag:<slug>`, `source:<words-of-the-name>`.
/// They are in the index like words (impact 0), so a filter is one more list to intersect.
pub fn filter_terms(article: &Article, year: i32) -> Vec<String> {
    let mut terms = vec![format!("year:{year}")];
    terms.extend(article.tags.iter().map(|t| format!("tag:{}", t.slug)));
    if let Some(source) = source_label(article) {
        terms.push(format!("source:{}", filter_value(&source)));
    }
    terms
}

/// The words of a filter's shown value joined by `-` (`Kompas.com` → `kompas-com`); the
/// search page makes the same of what a reader types after `source:`.
pub fn filter_value(label: &str) -> String {
    fold::word_list(label).join("-")
}

/// The name of an article's source: `source_name`, else the host of its `source` URL.
pub fn source_label(article: &Article) -> Option<String> {
    if let Some(name) = article
        .source_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        return Some(name.trim().to_string());
    }
    let url = url::Url::parse(article.source.as_deref()?).ok()?;
    let host = url.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// One document's terms with their impacts (filter terms with 0), sorted by term.
fn document_terms(article: &Article, stemmer: Stemmer, year: i32) -> Result<Vec<(String, u8)>> {
    let mut weights: HashMap<String, f32> = HashMap::new();
    let mut length = 0.0f32;
    let mut add = |text: &str, weight: f32| {
        fold::words(text, |w| {
            *weights.entry(stemmer.stem(w)).or_default() += weight;
            length += 1.0;
        });
    };
    add(&article.title, TITLE);
    for tag in &article.tags {
        add(&tag.name, TAGS);
    }
    add(&article.description, SUMMARY);
    let body = article.content_html.html()?;
    add(&super::text::html_text(&body), BODY);
    let norm = K1 * (1.0 - B + B * length / REFERENCE_LENGTH);
    let mut terms: Vec<(String, u8)> = weights
        .into_iter()
        .map(|(term, tf)| {
            let part = tf * (K1 + 1.0) / (tf + norm);
            let impact = (part / MAX_TF_PART * 255.0).round().clamp(1.0, 255.0) as u8;
            (term, impact)
        })
        .collect();
    terms.extend(filter_terms(article, year).into_iter().map(|t| (t, 0)));
    terms.sort_unstable();
    terms.dedup_by(|a, b| a.0 == b.0);
    Ok(terms)
}

/// Indexes `articles` (oldest first: their positions are the document numbers) with the
/// years given for them (in the site's time zone).
pub fn build(articles: &[(&Article, i32)], stemmer: Stemmer) -> Result<Index> {
    let mut lists: HashMap<String, Postings> = HashMap::new();
    // Batches tokenized in parallel, merged in document order (postings are delta-coded).
    const BATCH: usize = 512;
    for (b, batch) in articles.chunks(BATCH).enumerate() {
        let terms: Vec<Vec<(String, u8)>> = batch
            .par_iter()
            .map(|(article, year)| document_terms(article, stemmer, *year))
            .collect::<Result<_>>()?;
        for (i, doc_terms) in terms.into_iter().enumerate() {
            let doc = (b * BATCH + i) as u32;
            for (term, impact) in doc_terms {
                lists.entry(term).or_default().push(doc, impact);
            }
        }
    }
    let mut terms: Vec<(String, Postings)> = lists.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(Index {
        terms,
        documents: articles.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_take_seven_bits_a_byte() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300, u32::MAX] {
            push_varint(&mut out, n);
        }
        assert_eq!(
            out,
            [0, 127, 0x80, 1, 0xac, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]
        );
    }

    #[test]
    fn postings_are_deltas_with_impacts() {
        let mut p = Postings::default();
        p.push(3, 10);
        p.push(5, 200);
        p.push(300, 1);
        assert_eq!(p.bytes, [3, 10, 2, 200, 0xa7, 2, 1]);
        assert_eq!(p.count, 3);
    }

    #[test]
    fn filter_values_are_folded_words() {
        assert_eq!(filter_value("Kompas.com"), "kompas-com");
        assert_eq!(filter_value(" Tempo  Énglish "), "tempo-english");
    }
}
