//! `cermin new "Title"`: a new article file with its front matter filled in.

use std::fs;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::config::Config;
use crate::text::slugify;

/// What `cermin new` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The article's title.
    pub title: String,
    /// The site's folder (holds site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Tags, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Mark the article as a draft.
    #[arg(long)]
    pub draft: bool,
}

/// `cermin new "Title"`: writes the article file and says where.
pub fn execute(args: NewArgs) -> Result<()> {
    let config = Config::load(&args.root)?;
    let path = new_article(&config, &args.title, &args.tags, args.draft)?;
    println!("Created {}", args.root.join(path).display());
    Ok(())
}

/// Writes `content/YYYY/MM/<slug>.md` dated now in the site's time zone; returns its path.
pub fn new_article(config: &Config, title: &str, tags: &[String], draft: bool) -> Result<PathBuf> {
    let slug = slugify(title);
    if slug.is_empty() {
        bail!("cannot make a file name from the title `{title}`: use letters or digits in it");
    }
    let now = chrono::Utc::now().with_timezone(&config.timezone);
    let rel = PathBuf::from("content")
        .join(now.format("%Y/%m").to_string())
        .join(format!("{slug}.md"));
    let path = config.root.join(&rel);
    if path.exists() {
        bail!(
            "{} already exists: choose another title or edit that file",
            rel.display()
        );
    }
    let mut front = format!(
        "---\ntitle: {}\ndate: {}\n",
        serde_json::to_string(title)?,
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    );
    if !config.author.is_empty() {
        front.push_str(&format!(
            "author: {}\n",
            serde_json::to_string(&config.author)?
        ));
    }
    front.push_str(&format!("tags: {}\n", serde_json::to_string(tags)?));
    if draft {
        front.push_str("draft: true\n");
    }
    front.push_str("---\n\n");
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(&path, front)?;
    Ok(rel)
}
