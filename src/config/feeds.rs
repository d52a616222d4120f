//! `[feeds.site]` and `[feeds.terms]` in site.toml: what the site's feed and each term's feed
//! carry (whole articles or summaries), how many entries, and in which formats. A term's
//! feed is read for what is new in it, so an archive of a million articles can keep term feeds
//! short while its site feed carries full text.

use serde::Deserialize;
use toml::Spanned;

use crate::text::line_col;

/// Whether feeds carry whole articles or only their summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    Full,
    Summary,
}

/// A feed format, named as in `formats = ["rss", "atom"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
enum FeedFormat {
    Rss,
    Atom,
}

/// The formats a kind of feed is published in; both, or one, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FeedFormats {
    /// RSS 2.0, `rss.xml`.
    pub rss: bool,
    /// Atom 1.0, `atom.xml`.
    pub atom: bool,
}

impl FeedFormats {
    pub const BOTH: FeedFormats = FeedFormats {
        rss: true,
        atom: true,
    };
    pub const NONE: FeedFormats = FeedFormats {
        rss: false,
        atom: false,
    };

    /// Whether any format is published.
    pub fn any(self) -> bool {
        self.rss || self.atom
    }

    /// The file names of the formats published, RSS first.
    pub fn files(self) -> impl Iterator<Item = &'static str> {
        [(self.rss, "rss.xml"), (self.atom, "atom.xml")]
            .into_iter()
            .filter_map(|(on, file)| on.then_some(file))
    }
}

/// What one kind of feed holds and where it is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeedSettings {
    pub content: FeedContent,
    /// Entries per feed, newest first.
    pub limit: usize,
    pub formats: FeedFormats,
}

/// The settings of the site's feed and of the term feeds (tags and every other taxonomy's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Feeds {
    pub site: FeedSettings,
    pub terms: FeedSettings,
}

/// `[feeds]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeeds {
    #[serde(default)]
    site: RawFeedSettings,
    #[serde(default)]
    terms: RawFeedSettings,
}

/// `[feeds.site]` or `[feeds.terms]` as written; a key left out takes the top-level
/// `feed_content` / `feed_limit`, or both formats.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeedSettings {
    #[serde(default)]
    content: Option<FeedContent>,
    #[serde(default)]
    limit: Option<Spanned<usize>>,
    #[serde(default)]
    formats: Option<Spanned<Vec<FeedFormat>>>,
}

/// The feeds' settings, checked; `content` and `limit` are the top-level `feed_content` and
/// `feed_limit`, the defaults of both kinds. Errors begin with site.toml's line number.
pub(super) fn check(
    raw: RawFeeds,
    text: &str,
    content: FeedContent,
    limit: usize,
) -> Result<Feeds, String> {
    let kind = |raw: RawFeedSettings, table: &str, what: &str| -> Result<FeedSettings, String> {
        let limit = match raw.limit {
            Some(l) if *l.get_ref() == 0 => {
                return Err(format!(
                    "{}: [feeds.{table}] limit must be 1 or more: to publish no {what}, set `formats = []`",
                    line_col(text, l.span().start).0
                ));
            }
            Some(l) => l.into_inner(),
            None => limit,
        };
        let formats = match raw.formats {
            None => FeedFormats::BOTH,
            Some(list) => {
                let line = line_col(text, list.span().start).0;
                let mut formats = FeedFormats::NONE;
                for format in list.into_inner() {
                    let (on, name) = match format {
                        FeedFormat::Rss => (&mut formats.rss, "rss"),
                        FeedFormat::Atom => (&mut formats.atom, "atom"),
                    };
                    if *on {
                        return Err(format!(
                            "{line}: [feeds.{table}] formats lists \"{name}\" twice: list each format once, such as [\"rss\", \"atom\"]"
                        ));
                    }
                    *on = true;
                }
                formats
            }
        };
        Ok(FeedSettings {
            content: raw.content.unwrap_or(content),
            limit,
            formats,
        })
    };
    Ok(Feeds {
        site: kind(raw.site, "site", "site feed")?,
        terms: kind(raw.terms, "terms", "term feeds")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn feeds(text: &str) -> Feeds {
        let path = std::path::Path::new("/s/site.toml");
        Config::parse(std::path::Path::new("/s"), path, text)
            .unwrap()
            .feeds
    }

    #[test]
    fn both_kinds_follow_feed_content_and_feed_limit_unless_set_apart() {
        let full = FeedSettings {
            content: FeedContent::Full,
            limit: 20,
            formats: FeedFormats::BOTH,
        };
        assert_eq!(
            feeds("title = \"T\"\n"),
            Feeds {
                site: full,
                terms: full
            }
        );
        let short = FeedSettings {
            content: FeedContent::Summary,
            limit: 5,
            formats: FeedFormats::BOTH,
        };
        let old = feeds("title = \"T\"\nfeed_content = \"summary\"\nfeed_limit = 5\n");
        assert_eq!((old.site, old.terms), (short, short));
        let apart = feeds(
            "title = \"T\"\nfeed_limit = 5\n[feeds.terms]\ncontent = \"summary\"\nformats = [\"atom\"]\n",
        );
        assert_eq!(
            apart.site,
            FeedSettings {
                content: FeedContent::Full,
                ..short
            }
        );
        assert_eq!(
            apart.terms,
            FeedSettings {
                formats: FeedFormats {
                    rss: false,
                    atom: true
                },
                ..short
            }
        );
    }

    #[test]
    fn taxonomies_take_the_term_formats_unless_they_have_no_feeds() {
        let c = Config::parse(
            std::path::Path::new("/s"),
            std::path::Path::new("/s/site.toml"),
            "title = \"T\"\n[[taxonomies]]\nname = \"authors\"\n[[taxonomies]]\nname = \"sources\"\nfeeds = false\n[feeds.terms]\nformats = [\"rss\"]\n",
        )
        .unwrap();
        let rss = FeedFormats {
            rss: true,
            atom: false,
        };
        assert_eq!(c.tags.feeds, rss);
        assert_eq!(c.taxonomies[0].feeds, rss);
        assert_eq!(c.taxonomies[1].feeds, FeedFormats::NONE);
        assert_eq!(
            feeds("title = \"T\"\n[feeds.terms]\nformats = []\n")
                .terms
                .formats,
            FeedFormats::NONE
        );
    }

    #[test]
    fn formats_are_files_rss_first() {
        let files = |f: FeedFormats| f.files().collect::<Vec<_>>();
        assert_eq!(files(FeedFormats::BOTH), ["rss.xml", "atom.xml"]);
        let atom = FeedFormats {
            rss: false,
            atom: true,
        };
        assert_eq!(files(atom), ["atom.xml"]);
        assert!(files(FeedFormats::NONE).is_empty() && !FeedFormats::NONE.any());
    }
}
