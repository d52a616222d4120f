//! Batch learning: a paragraph that repeats on many pages of one site in one import run is
//! that site's template (a slogan, a disclaimer, a "send us your news" box the page rules did
//! not catch), as in boilerpipe's and trafilatura's site-level de-duplication. Learned from
//! the extracted articles of the batch, grouped by the host of their source URL.

use std::collections::{HashMap, HashSet};

use super::{Dropped, Extraction};

/// A paragraph is template when it is on at least this share of a site's pages...
const MIN_SHARE: f64 = 0.3;

/// ...and on at least this many of them.
const MIN_PAGES: usize = 3;

/// Removes the template paragraphs of each site from the articles of `batch`, noting each
/// drop with the rule "repeats on N of M pages of HOST" (pages with one headline count as
/// one). An article is never emptied: when every paragraph of it repeats, it is left alone.
pub fn drop_site_templates(batch: &mut [&mut Extraction]) {
    let mut by_host: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, ex) in batch.iter().enumerate() {
        if let Some(host) = ex.article.source.as_deref().and_then(host_of) {
            by_host.entry(host).or_default().push(i);
        }
    }
    for (host, pages) in by_host {
        // Copies of one article (an updated version, an AMP page) count once: a site's
        // template is what its different articles share.
        let articles: HashSet<&str> = pages
            .iter()
            .map(|&i| batch[i].article.title.trim())
            .collect();
        if articles.len() < MIN_PAGES {
            continue;
        }
        let needed = MIN_PAGES.max((MIN_SHARE * articles.len() as f64).ceil() as usize);
        let mut seen_in: HashMap<String, HashSet<&str>> = HashMap::new();
        for &i in &pages {
            let title = batch[i].article.title.trim();
            for f in paragraphs(&batch[i].article.body).filter_map(fingerprint) {
                seen_in.entry(f).or_default().insert(title);
            }
        }
        let template: HashMap<String, usize> = seen_in
            .into_iter()
            .map(|(f, titles)| (f, titles.len()))
            .filter(|(_, n)| *n >= needed)
            .collect();
        if template.is_empty() {
            continue;
        }
        let of = articles.len();
        for &i in &pages {
            remove_template(batch[i], &template, &host, of);
        }
    }
}

fn remove_template(ex: &mut Extraction, template: &HashMap<String, usize>, host: &str, of: usize) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for paragraph in paragraphs(&ex.article.body) {
        match fingerprint(paragraph).and_then(|f| template.get(&f)) {
            Some(n) => dropped.push(Dropped {
                text: paragraph.to_string(),
                rule: format!("repeats on {n} of {of} pages of {host} (site template)"),
            }),
            None => kept.push(paragraph),
        }
    }
    if dropped.is_empty() || kept.is_empty() {
        return;
    }
    ex.article.body = format!("{}\n", kept.join("\n\n"));
    ex.dropped.extend(dropped);
}

/// The paragraphs of a Markdown body (blocks between blank lines).
fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

/// A short line whose numbers are left out when compared (a counter or a date changes from
/// page to page); longer paragraphs must match with their numbers.
const SHORT_LINE_WORDS: usize = 8;

/// A paragraph compared across pages: its words, lowercased, without punctuation (and
/// without numbers in a short line). `None` for a paragraph with no letters.
fn fingerprint(paragraph: &str) -> Option<String> {
    let words = paragraph.split_whitespace().count();
    let keep = |c: char| c.is_alphabetic() || (words > SHORT_LINE_WORDS && c.is_numeric());
    let mut out = String::new();
    for word in paragraph.split(|c: char| !keep(c)) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    (out.chars().any(char::is_alphabetic)).then_some(out)
}

/// The host of a URL without `www.`.
fn host_of(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportedArticle;

    fn page(url: &str, body: &str) -> Extraction {
        Extraction {
            article: ImportedArticle {
                title: format!("Judul {url}"),
                source: Some(url.to_string()),
                body: body.to_string(),
                ..Default::default()
            },
            dropped: Vec::new(),
        }
    }

    #[test]
    fn a_paragraph_on_many_pages_of_a_site_goes() {
        let slogan = "Kabar Pesisir hadir setiap pagi untuk warga pantai utara.";
        let topics = ["nelayan", "petani", "pelabuhan", "sekolah", "pasar"];
        let mut pages: Vec<Extraction> = (1..=5)
            .map(|i| {
                let topic = topics[i - 1];
                let body = if i <= 3 {
                    format!("Berita tentang {topic}.\n\n{slogan}\n")
                } else {
                    format!("Berita tentang {topic}.\n")
                };
                page(&format!("https://www.kabarpesisir.example/{i}"), &body)
            })
            .collect();
        pages.push(page(
            "https://other.example/1",
            &format!("Lain.\n\n{slogan}\n"),
        ));
        let mut refs: Vec<&mut Extraction> = pages.iter_mut().collect();
        drop_site_templates(&mut refs);
        assert_eq!(pages[0].article.body, "Berita tentang nelayan.\n");
        assert_eq!(
            pages[0].dropped,
            [Dropped {
                text: slogan.into(),
                rule: "repeats on 3 of 5 pages of kabarpesisir.example (site template)".into()
            }]
        );
        assert_eq!(pages[3].article.body, "Berita tentang sekolah.\n");
        assert!(
            pages[5].article.body.contains(slogan),
            "another site's page keeps it"
        );
    }

    #[test]
    fn too_few_pages_or_too_rare_teach_nothing() {
        let line = "Ikuti kami di semua kanal.";
        // Two pages: below the minimum of three.
        let mut two: Vec<Extraction> = (1..=2)
            .map(|i| {
                let body = format!("Isi {}.\n\n{line}\n", "x".repeat(i));
                page(&format!("https://a.example/{i}"), &body)
            })
            .collect();
        drop_site_templates(&mut two.iter_mut().collect::<Vec<_>>());
        assert!(two.iter().all(|p| p.article.body.contains(line)));
        // Three of twelve pages: below 30%.
        let mut twelve: Vec<Extraction> = (1..=12)
            .map(|i| {
                let extra = if i <= 3 { line } else { "Lain." };
                let body = format!("Isi {}.\n\n{extra}\n", "x".repeat(i));
                page(&format!("https://a.example/{i}"), &body)
            })
            .collect();
        drop_site_templates(&mut twelve.iter_mut().collect::<Vec<_>>());
        assert!(twelve[0].article.body.contains(line));
    }

    #[test]
    fn counters_do_not_hide_a_template_and_an_article_is_never_emptied() {
        let mut pages: Vec<Extraction> = (1..=3)
            .map(|i| {
                page(
                    &format!("https://a.example/{i}"),
                    &format!("Isi berita {}.\n\nKomentar ({i})\n", "abc".repeat(i)),
                )
            })
            .collect();
        pages.push(page("https://a.example/4", "Komentar (9)\n"));
        drop_site_templates(&mut pages.iter_mut().collect::<Vec<_>>());
        assert_eq!(pages[1].article.body, "Isi berita abcabc.\n");
        assert_eq!(pages[3].article.body, "Komentar (9)\n", "never emptied");
    }

    #[test]
    fn copies_of_one_article_teach_nothing() {
        let shared = "Paragraf yang sama di setiap salinan berita ini.";
        let mut pages: Vec<Extraction> = (1..=3)
            .map(|i| {
                let mut p = page(
                    &format!("https://a.example/berita?v={i}"),
                    &format!("{shared}\n\nPembaruan nomor {}.\n", "x".repeat(i)),
                );
                p.article.title = "Satu Berita".into();
                p
            })
            .collect();
        drop_site_templates(&mut pages.iter_mut().collect::<Vec<_>>());
        assert!(pages.iter().all(|p| p.article.body.starts_with(shared)));
    }
}
