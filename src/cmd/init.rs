//! `cermin init DIR`: a new site with the default theme, ready to build.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use include_dir::{Dir, include_dir};

/// The default theme, built into the binary so `init` works anywhere.
static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

const SITE_TOML: &str = r#"# Settings of this site; every key is described in cermin's docs/configuration.md.
title = "My News Mirror"
description = "A clean mirror of the news"
# The address the site will be published at (with its path, if any): feeds and the sitemap
# use it. Pages link relatively (relative_links), so public/ also works from disk.
base_url = "https://example.org"
relative_links = true
language = "en"
timezone = "UTC"
theme = "default"
paginate_by = 10
# Byline of articles that name no author.
author = "The Editors"
# A photo on another host is shown as its caption and a link to it, never loaded from there
# ("hotlink" loads it from the other host in every reader's browser).
remote_images = "link"

# How readers browse besides dates: each taxonomy has a page listing its terms and a page
# with RSS and Atom feeds per term. Rename a `segment` (/topik/, /sumber/) or set `title`;
# `menu` puts sections in the navigation bar.
[[taxonomies]]
name = "tags"          # tags: [..]

[[taxonomies]]
name = "sources"       # source_name:, else the host of source:
key = "source_name"

[[taxonomies]]
name = "authors"       # author: "A, B" or "A and B", or authors: [..]
key = "author"

[[taxonomies]]
name = "categories"    # category: one section per article
key = "category"
menu = ["News"]

# The site feed (/rss.xml, /atom.xml) carries whole articles; each term's feed the summaries,
# which keeps a large archive's output small. `formats` can drop RSS or Atom (or both: []).
[feeds.site]
content = "full"
limit = 20

[feeds.terms]
content = "summary"
limit = 20
formats = ["rss", "atom"]

# The search page (/search/) and its index, written by every build.
[search]
enabled = true
"#;

const FIRST_ARTICLE: &str = r#"---
title: "Hello, mirror"
date: {date}
author: "The Editors"
tags: ["Meta"]
category: "News"
---

This is the first article of the mirror. Write articles as Markdown files under `content/`,
or bring scraped pages in with `cermin import`.
"#;

/// What `cermin init` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct InitArgs {
    /// The folder to create (must be new or empty).
    pub dir: PathBuf,
}

/// `cermin init DIR`: creates the site and says how to build it.
pub fn execute(args: InitArgs) -> Result<()> {
    init(&args.dir)?;
    print!("{}", next_steps(&args.dir));
    Ok(())
}

/// What to do after `init`, with the commands for this folder.
fn next_steps(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        "Created a new site in {dir}. Next:\n  \
         1. set `title`, `base_url` and `language` in {dir}/site.toml\n  \
         2. cermin serve --watch --root {dir}    preview at http://127.0.0.1:1111/, reloads on save\n  \
         3. cermin build --root {dir}            writes {dir}/public/ (opens from disk too)\n"
    )
}

/// Creates the site folder; refuses a folder that already holds files.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        bail!(
            "{} is not empty: choose a new folder for the site",
            dir.display()
        );
    }
    let theme = dir.join("themes/default");
    fs::create_dir_all(&theme).with_context(|| format!("cannot create {}", theme.display()))?;
    DEFAULT_THEME
        .extract(&theme)
        .with_context(|| format!("cannot write {}", theme.display()))?;
    fs::write(dir.join("site.toml"), SITE_TOML)?;
    let now = chrono::Utc::now();
    let article_dir = dir.join("content").join(now.format("%Y/%m").to_string());
    fs::create_dir_all(&article_dir)?;
    fs::write(
        article_dir.join("hello-mirror.md"),
        FIRST_ARTICLE.replace("{date}", &now.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    )?;
    fs::write(dir.join(".gitignore"), "/public/\n/.cermin-cache/\n")?;
    Ok(())
}
