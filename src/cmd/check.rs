//! `cermin check`: prints what `crate::check` found, as text or JSON.

use std::io::Write;

use anyhow::Result;

use crate::check::{Report, Severity};

/// Prints the report; returns whether the site is free of errors. A closed output (`cermin
/// check | head`) is an error to return, not a panic as `println!` makes it.
pub fn print(report: &Report, json: bool) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, report)?;
        writeln!(out)?;
        return Ok(report.errors() == 0);
    }
    for p in &report.problems {
        let level = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(out, "{level}[{}]: {}: {}", p.kind, p.location, p.message)?;
    }
    for (url, pages) in &report.external_links {
        writeln!(
            out,
            "external: {url} (on {} page{})",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        )?;
    }
    writeln!(
        out,
        "Checked {} pages and {} links: {} errors, {} warnings",
        report.pages_checked,
        report.links_checked,
        report.errors(),
        report.warnings()
    )?;
    Ok(report.errors() == 0)
}
