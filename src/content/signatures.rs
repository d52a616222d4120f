//! The hashes of an article's fields that builds compare with the last build's: what its card
//! and its page show, and what its search terms and search result are made of.
//!
//! Made once, when the article is read, and kept with it in the build cache: a build after
//! one edit compares every article's hashes, and hashing the fields of 100,000 articles again
//! (their dates formatted, their `extra` written as JSON) was ~9% of such a build.

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3Default;

use super::Article;

/// See the module's documentation. Equal hashes mean equal fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatures {
    /// What the article's card shows (lists, feeds' entries, neighbours on its page): every
    /// field but the body and its table of contents.
    pub card: u64,
    /// What its own page shows: the card's fields, the body and the table of contents.
    pub page: u64,
    /// What its search terms are made of: title, tags' names, summary text and body.
    pub words: u64,
    /// What its search result shows: title, path, summary text, date (in its zone), source.
    pub result: u64,
}

impl Signatures {
    /// The hashes of `a`'s fields as they are now.
    pub fn of(a: &Article) -> Signatures {
        let mut h = Xxh3Default::new();
        (&a.title, &a.slug, &a.path, a.lastmod(), &a.authors, &a.tags).hash(&mut h);
        (a.date.to_rfc3339(), a.updated().map(|d| d.to_rfc3339())).hash(&mut h);
        (
            &a.summary_html,
            &a.description,
            a.word_count,
            a.reading_time,
        )
            .hash(&mut h);
        (
            &a.source,
            &a.source_name,
            &a.category,
            &a.image,
            a.image_caption(),
            a.draft,
        )
            .hash(&mut h);
        serde_json::to_string(a.extra())
            .expect("JSON serializes")
            .hash(&mut h);
        for image in a.images() {
            (&image.name, &image.home, image.width, image.height).hash(&mut h);
            image
                .outputs
                .iter()
                .for_each(|o| (o.key, o.len).hash(&mut h));
        }
        let card = h.finish();
        (a.content_html.hash(), &a.toc).hash(&mut h);
        let page = h.finish();

        let mut h = Xxh3Default::new();
        a.title.hash(&mut h);
        for tag in &a.tags {
            tag.name.hash(&mut h);
        }
        a.description.hash(&mut h);
        (a.content_html.len(), a.content_html.hash()).hash(&mut h);
        let words = h.finish();

        let mut h = Xxh3Default::new();
        (&a.title, &a.path, &a.description).hash(&mut h);
        (a.date.timestamp(), a.date.timestamp_subsec_nanos()).hash(&mut h);
        a.date.timezone().name().hash(&mut h);
        (&a.source_name, &a.source).hash(&mut h);
        let result = h.finish();

        Signatures {
            card,
            page,
            words,
            result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn article(front_matter: &str, body: &str) -> Article {
        let root = tempfile::tempdir().expect("temp dir");
        let config = Config::parse(
            root.path(),
            &root.path().join("site.toml"),
            "title = \"T\"\nbase_url = \"https://contoh.test/\"\n",
        )
        .expect("config");
        let file = config.content_dir().join("a.md");
        let text = format!("---\n{front_matter}\n---\n{body}\n");
        crate::content::load::parse_bytes(&config, &file, text.into_bytes())
            .expect("parsed")
            .0
    }

    /// With a summary of its own: the body's first paragraph is not the summary.
    const FRONT: &str =
        "title: Banjir\ndate: 2024-05-01T08:00:00+07:00\ntags: [Cuaca]\nsummary: Air naik di kota.";

    /// An article read from its file carries the hashes of its fields.
    #[test]
    fn a_read_article_carries_the_hashes_of_its_fields() {
        let a = article(FRONT, "Air naik.");
        assert_eq!(a.signatures, Signatures::of(&a));
        assert_ne!(a.signatures.card, a.signatures.page);
    }

    /// Each hash moves with the fields it covers and only with them.
    #[test]
    fn each_hash_follows_its_own_fields() {
        let a = article(FRONT, "Air naik.").signatures;
        // As many words (the card shows the count and the reading time).
        let body = article(FRONT, "Air surut.").signatures;
        assert_eq!(body.card, a.card, "the body is not on the card");
        assert_ne!(body.page, a.page);
        assert_ne!(body.words, a.words);
        assert_eq!(body.result, a.result, "nor in the search result");

        // The same two words, one of them a heading.
        let heading = article(FRONT, "## Air\n\nnaik.").signatures;
        assert_ne!(heading.page, a.page, "the table of contents is on the page");
        assert_eq!(heading.card, a.card);

        let tagged = article(&FRONT.replace("Cuaca", "Kota"), "Air naik.").signatures;
        assert_ne!(tagged.card, a.card);
        assert_ne!(tagged.words, a.words);
        assert_eq!(tagged.result, a.result, "tags are not in the result");

        let later = article(&FRONT.replace("08:00", "09:00"), "Air naik.").signatures;
        assert_ne!(later.card, a.card);
        assert_ne!(later.result, a.result);
        assert_eq!(later.words, a.words, "the date is not a word");

        let sourced = article(&format!("{FRONT}\nsource_name: Kompas"), "Air naik.").signatures;
        assert_ne!(sourced.card, a.card);
        assert_ne!(sourced.result, a.result);
    }
}
