//! Content: loading `content/**/*.md`, front matter, validation, the Article type.

pub mod article;
pub mod authors;
pub mod body;
pub mod bundle;
pub mod date;
pub mod error;
pub mod fields;
pub mod front_matter;
pub mod interned;
pub mod load;
mod plain_yaml;
pub mod remote_images;
pub mod signatures;
pub mod tags;
pub mod terms;

pub use article::{Article, ArticleExtras, TagName};
pub use body::BodyHtml;
pub use error::{ContentError, ContentErrors};
pub use load::{Loaded, load_all, load_file, parse_article};
