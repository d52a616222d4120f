//! cermin: a static site generator for news mirrors.
//!
//! The data flow runs one way: `site.toml` → [`config`]; `content/**/*.md` → [`content`]
//! (front matter, validation, [`markdown`]) → [`site`] (order, tags, archives) → [`render`]
//! (Tera pages, feeds, sitemap) → [`output`] (staging folder swapped in).

pub mod build_lock;
pub mod cache;
pub mod check;
pub mod cmd;
pub mod config;
pub mod content;
pub mod embeds;
pub mod files;
pub mod highlight;
pub mod i18n;
pub mod images;
pub mod import;
pub mod internal_error;
pub mod markdown;
pub mod output;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
pub mod test_fault;
pub mod text;
pub mod timing;
pub mod urls;
