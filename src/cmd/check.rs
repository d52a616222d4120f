//! `cermin check`: prints what `crate::check` found, as text or JSON.

use anyhow::Result;

use crate::check::{Report, Severity};

/// Prints the report; returns whether the site is free of errors.
pub fn print(report: &Report, json: bool) -> Result<bool> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
        return Ok(report.errors() == 0);
    }
    for p in &report.problems {
        let level = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        println!("{level}[{}]: {}: {}", p.kind, p.location, p.message);
    }
    for (url, pages) in &report.external_links {
        println!(
            "external: {url} (on {} page{})",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        );
    }
    println!(
        "Checked {} pages and {} links: {} errors, {} warnings",
        report.pages_checked,
        report.links_checked,
        report.errors(),
        report.warnings()
    );
    Ok(report.errors() == 0)
}
