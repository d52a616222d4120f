//! `cermin check`: prints what `crate::check` found, as text or JSON.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, anyhow};

use crate::check::{Problem, Report, Severity};
use crate::session::SessionOptions;
use crate::text::count;

/// What `cermin check` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The site's folder (holds site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Check drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Check articles dated in the future too.
    #[arg(long)]
    pub future: bool,
    /// Also list external links (they are not fetched: no network is assumed).
    #[arg(long)]
    pub external: bool,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The report's form: for people, or for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `cermin check`: checks the site, prints the report, fails when there is an error.
pub fn execute(args: CheckArgs) -> Result<()> {
    let options = SessionOptions {
        drafts: args.drafts,
        future: args.future,
        base_url: None,
        served_memory_mb: None,
    };
    let report = crate::check::check(&args.root, options, args.external)?;
    if print(&report, args.format == Format::Json)? {
        Ok(())
    } else {
        Err(anyhow!(
            "the check found {}",
            count(report.errors(), "error", "errors")
        ))
    }
}

/// Prints the report; returns whether the site is free of errors. A closed output (`cermin
/// check | head`) is an error to return, not a panic as `println!` makes it.
fn print(report: &Report, json: bool) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, report)?;
        writeln!(out)?;
        return Ok(report.errors() == 0);
    }
    for p in &report.problems {
        writeln!(out, "{}", problem_line(p))?;
    }
    for (url, pages) in &report.external_links {
        writeln!(
            out,
            "external: {url} (on {})",
            count(pages.len(), "page", "pages")
        )?;
    }
    writeln!(
        out,
        "Checked {} and {}: {}, {}",
        count(report.pages_checked, "page", "pages"),
        count(report.links_checked, "link", "links"),
        count(report.errors(), "error", "errors"),
        count(report.warnings(), "warning", "warnings")
    )?;
    Ok(report.errors() == 0)
}

/// `error[broken-link]: content/a.md:3:7: link to /x/ goes nowhere (on 5 pages)`: the place
/// once (messages of content problems start with it already), then the pages it shows on.
fn problem_line(p: &Problem) -> String {
    let level = match p.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let text = if p.message.starts_with(&format!("{}:", p.file)) {
        p.message.clone()
    } else {
        format!("{}: {}", p.place(), p.message)
    };
    match p.pages.len() {
        0 => format!("{level}[{}]: {text}", p.kind),
        n => format!(
            "{level}[{}]: {text} (on {})",
            p.kind,
            count(n, "page", "pages")
        ),
    }
}
