//! `cermin import`: scraped news pages in, clean front-matter articles out.
//!
//! Each input (an HTML page or a text dump) goes through an extractor that finds the article
//! and its metadata and drops everything else, recording each drop and the rule behind it
//! (`--explain` prints them). The command then writes `content/YYYY/MM/slug.md`, skipping
//! articles already in the mirror; an article with images of its own (saved with the page,
//! see [`saved_files`], or downloaded, see [`images`]) becomes the page bundle
//! `content/YYYY/MM/slug/index.md` with the image files beside it.

pub mod batch;
pub mod dates;
#[cfg(test)]
mod golden_diff;
pub mod html;
pub mod images;
pub mod names;
pub mod phrases;
pub mod rules;
pub mod saved_files;
pub mod text;
pub mod undated;
pub mod write;

use chrono::{DateTime, FixedOffset};

pub use rules::{RuleBook, Rules};

/// An article as found in a scraped page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedArticle {
    pub title: String,
    pub date: Option<DateTime<FixedOffset>>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// The original article's URL.
    pub source: Option<String>,
    pub source_name: Option<String>,
    pub image: Option<String>,
    pub image_caption: Option<String>,
    /// Clean Markdown, paragraphs separated by blank lines, ending with one newline.
    pub body: String,
    /// The feed entry id the article keeps when its date or slug are corrected later (set
    /// when the content file is placed).
    pub id: Option<String>,
}

/// One line or block the cleaner dropped, and the rule that dropped it (for `--explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub text: String,
    pub rule: String,
}

/// What an extractor returns.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub article: ImportedArticle,
    pub dropped: Vec<Dropped>,
}

/// Why a page gave no article (shown as `FILE: reason`).
#[derive(Debug, Clone, PartialEq)]
pub struct NoArticle(pub String);

impl std::fmt::Display for NoArticle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
