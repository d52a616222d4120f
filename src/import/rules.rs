//! Cleaning rules: the generic ones built in, and per-source ones from site.toml.
//!
//! ```toml
//! [import.sources.rmol]
//! domains = ["rmol.id"]                 # pages from these hosts use this source's rules
//! source_name = "RMOL"                  # default source_name of its articles
//! tags = ["Politik"]                    # tags added to every article from it
//! drop_lines = ["Dimensy.id"]           # exact lines (after trimming) to drop
//! drop_patterns = ["(?i)^apollo solar"] # regular expressions; a matching line is dropped
//! cut_after = ["ARTIKEL LAINNYA"]       # a line starting with one ends the article
//! byline_patterns = ['^LAPORAN:\s*(?P<name>.+)$']   # regexes with a `name` group
//! date_patterns = ['(?P<date>\d{1,2} \w+ \d{4}, \d{2}:\d{2} WIB)']  # a `date` group
//! ```

use std::collections::BTreeMap;

use anyhow::{Context, Result, anyhow, bail};
use regex::Regex;
use serde::Deserialize;

/// One source's rules as written in site.toml.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRulesToml {
    #[serde(default)]
    pub domains: Vec<String>,
    pub source_name: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub drop_lines: Vec<String>,
    #[serde(default)]
    pub drop_patterns: Vec<String>,
    #[serde(default)]
    pub cut_after: Vec<String>,
    #[serde(default)]
    pub byline_patterns: Vec<String>,
    #[serde(default)]
    pub date_patterns: Vec<String>,
}

/// `[import]` in site.toml.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportToml {
    #[serde(default)]
    pub sources: BTreeMap<String, SourceRulesToml>,
    /// Download images at every import (as `--fetch-images` does), within these limits.
    pub fetch_images: Option<bool>,
    pub fetch_timeout_ms: Option<u64>,
    pub fetch_max_bytes: Option<u64>,
    pub fetch_max_images: Option<usize>,
    pub fetch_max_redirects: Option<u32>,
    pub fetch_delay_ms: Option<u64>,
}

impl ImportToml {
    /// The fetch settings it gives, defaults for the rest.
    fn fetch_settings(&self) -> Result<super::images::FetchSettings> {
        for (key, value) in [
            ("fetch_timeout_ms", self.fetch_timeout_ms),
            ("fetch_max_bytes", self.fetch_max_bytes),
        ] {
            if value == Some(0) {
                bail!("[import]: {key} must be 1 or more (0 would refuse every image)");
            }
        }
        let d = super::images::FetchSettings::default();
        Ok(super::images::FetchSettings {
            enabled: self.fetch_images.unwrap_or(d.enabled),
            timeout_ms: self.fetch_timeout_ms.unwrap_or(d.timeout_ms),
            max_bytes: self.fetch_max_bytes.unwrap_or(d.max_bytes),
            max_images: self.fetch_max_images.unwrap_or(d.max_images),
            max_redirects: self.fetch_max_redirects.unwrap_or(d.max_redirects),
            delay_ms: self.fetch_delay_ms.unwrap_or(d.delay_ms),
        })
    }
}

/// A source's rules, compiled.
#[derive(Debug, Clone, Default)]
pub struct SourceRules {
    /// The key under `[import.sources]`.
    pub name: String,
    pub domains: Vec<String>,
    pub source_name: Option<String>,
    pub tags: Vec<String>,
    pub drop_lines: Vec<String>,
    pub drop_patterns: Vec<Regex>,
    pub cut_after: Vec<String>,
    pub byline_patterns: Vec<Regex>,
    pub date_patterns: Vec<Regex>,
}

/// What a source's own rules say about one line of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceVerdict {
    /// The line goes (`drop_lines`, `drop_patterns`); the rule's name for `--explain`.
    Drop(String),
    /// The line and everything after it go (`cut_after`); the rule's name.
    Cut(String),
}

impl SourceRules {
    /// The verdict of this source's line rules on a line (trimmed), in the order
    /// `drop_lines`, `drop_patterns`, `cut_after`. Both importers use it, so a rule means the
    /// same in a text dump and in an HTML page.
    pub fn verdict(&self, line: &str) -> Option<SourceVerdict> {
        let line = line.trim();
        let name = |field: &str| format!("source {}: {field}", self.name);
        if self.drop_lines.iter().any(|l| l.trim() == line) {
            return Some(SourceVerdict::Drop(name("drop_lines")));
        }
        if let Some(re) = self.drop_patterns.iter().find(|re| re.is_match(line)) {
            return Some(SourceVerdict::Drop(format!(
                "{} `{}`",
                name("drop_patterns"),
                re.as_str()
            )));
        }
        // An empty marker would match every line: it is refused when site.toml is read,
        // and never matches here.
        if self
            .cut_after
            .iter()
            .any(|m| !m.trim().is_empty() && line.starts_with(m.trim()))
        {
            return Some(SourceVerdict::Cut(name("cut_after")));
        }
        None
    }
}

/// `drop_lines` and `cut_after` entries must hold some text: an empty one would drop or cut
/// every line.
fn no_empty_entries(source: &str, field: &str, entries: &[String]) -> Result<()> {
    match entries.iter().position(|e| e.trim().is_empty()) {
        Some(i) => Err(anyhow!(
            "[import.sources.{source}] {field}: entry {} is empty, and an empty \
             entry would match every line: remove it",
            i + 1
        )),
        None => Ok(()),
    }
}

/// The rules that apply to one page: the source's own (if any), used before the generic ones.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub source: Option<SourceRules>,
}

fn compile(
    source: &str,
    field: &str,
    patterns: &[String],
    group: Option<&str>,
) -> Result<Vec<Regex>> {
    patterns
        .iter()
        .map(|p| {
            let re = Regex::new(p).map_err(|e| {
                anyhow!("[import.sources.{source}] {field}: `{p}` is not a valid regular expression: {e}")
            })?;
            if let Some(g) = group
                && !re.capture_names().flatten().any(|n| n == g)
            {
                return Err(anyhow!(
                    "[import.sources.{source}] {field}: `{p}` needs a named group (?P<{g}>...)"
                ));
            }
            Ok(re)
        })
        .collect()
}

/// All sources' rules from site.toml, compiled.
#[derive(Debug, Clone, Default)]
pub struct RuleBook {
    pub sources: Vec<SourceRules>,
    /// How images are fetched (`[import] fetch_images`, `fetch_*`).
    pub fetch: super::images::FetchSettings,
}

impl RuleBook {
    /// Reads `[import]` from the text of site.toml (missing means no source rules).
    pub fn from_site_toml(text: &str) -> Result<RuleBook> {
        #[derive(Deserialize)]
        struct Site {
            #[serde(default)]
            import: ImportToml,
        }
        // site.toml itself is checked by the build; here only `[import]` matters.
        let table: toml::Table = toml::from_str(text).unwrap_or_default();
        let site: Site = match table.get("import") {
            None => Site {
                import: ImportToml::default(),
            },
            Some(_) => {
                let mut only_import = toml::Table::new();
                only_import.insert("import".into(), table["import"].clone());
                only_import
                    .try_into()
                    .map_err(|e: toml::de::Error| anyhow!("[import]: {}", e.message()))?
            }
        };
        let fetch = site.import.fetch_settings()?;
        let mut sources = Vec::new();
        for (name, raw) in site.import.sources {
            no_empty_entries(&name, "drop_lines", &raw.drop_lines)?;
            no_empty_entries(&name, "cut_after", &raw.cut_after)?;
            sources.push(SourceRules {
                drop_patterns: compile(&name, "drop_patterns", &raw.drop_patterns, None)?,
                byline_patterns: compile(
                    &name,
                    "byline_patterns",
                    &raw.byline_patterns,
                    Some("name"),
                )?,
                date_patterns: compile(&name, "date_patterns", &raw.date_patterns, Some("date"))?,
                domains: raw.domains,
                source_name: raw.source_name,
                tags: raw.tags,
                drop_lines: raw.drop_lines,
                cut_after: raw.cut_after,
                name,
            });
        }
        Ok(RuleBook { sources, fetch })
    }

    /// Loads the rules of the site at `root` (no site.toml: no source rules).
    pub fn load(root: &std::path::Path) -> Result<RuleBook> {
        let path = crate::text::in_root(root, "site.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => RuleBook::from_site_toml(&text).with_context(|| path.display().to_string()),
            Err(_) => Ok(RuleBook::default()),
        }
    }

    /// The rules for a page: by `--source NAME`, else by the host of its URL.
    pub fn rules_for(&self, source: Option<&str>, url: Option<&str>) -> Result<Rules> {
        if let Some(name) = source {
            let found = self.sources.iter().find(|s| s.name == name).cloned();
            return match found {
                Some(s) => Ok(Rules { source: Some(s) }),
                None => {
                    let known: Vec<&str> = self.sources.iter().map(|s| s.name.as_str()).collect();
                    Err(anyhow!(
                        "--source {name}: site.toml has no [import.sources.{name}] (known: {})",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ))
                }
            };
        }
        let host = url.and_then(host_of);
        let source = host.and_then(|h| {
            self.sources
                .iter()
                .find(|s| {
                    s.domains
                        .iter()
                        .any(|d| h == *d || h.ends_with(&format!(".{d}")))
                })
                .cloned()
        });
        Ok(Rules { source })
    }
}

/// The host of an http(s) URL, lowercased.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
title = "x"
[import.sources.rmol]
domains = ["rmol.id"]
source_name = "RMOL"
drop_lines = ["Dimensy.id"]
byline_patterns = ['^LAPORAN:\s*(?P<name>.+)$']
"#;

    #[test]
    fn sources_are_found_by_name_and_host() {
        let book = RuleBook::from_site_toml(TOML).unwrap();
        assert_eq!(
            book.rules_for(Some("rmol"), None)
                .unwrap()
                .source
                .unwrap()
                .source_name
                .as_deref(),
            Some("RMOL")
        );
        let by_host = book
            .rules_for(None, Some("https://www.rmol.id/dunia/read/1"))
            .unwrap();
        assert_eq!(by_host.source.unwrap().name, "rmol");
        assert!(
            book.rules_for(None, Some("https://example.org/"))
                .unwrap()
                .source
                .is_none()
        );
        let err = book
            .rules_for(Some("kompas"), None)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "--source kompas: site.toml has no [import.sources.kompas] (known: rmol)"
        );
    }

    #[test]
    fn bad_patterns_are_explained() {
        let err = RuleBook::from_site_toml("[import.sources.x]\nbyline_patterns = ['^By (.+)$']\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "[import.sources.x] byline_patterns: `^By (.+)$` needs a named group (?P<name>...)"
        );
    }

    #[test]
    fn empty_markers_are_refused() {
        let err = RuleBook::from_site_toml("[import.sources.x]\ncut_after = ['ARTIKEL', ' ']\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "[import.sources.x] cut_after: entry 2 is empty, and an empty entry \
             would match every line: remove it"
        );
    }

    #[test]
    fn one_verdict_for_both_importers() {
        let source = SourceRules {
            name: "warta".into(),
            drop_lines: vec!["Promo Kopi".into()],
            drop_patterns: vec![Regex::new("^Iklan:").unwrap()],
            cut_after: vec!["BERITA LAIN".into(), String::new()],
            ..SourceRules::default()
        };
        assert_eq!(
            source.verdict("  Promo Kopi "),
            Some(SourceVerdict::Drop("source warta: drop_lines".into()))
        );
        assert_eq!(
            source.verdict("Iklan: sepatu"),
            Some(SourceVerdict::Drop(
                "source warta: drop_patterns `^Iklan:`".into()
            ))
        );
        assert_eq!(
            source.verdict("BERITA LAINNYA"),
            Some(SourceVerdict::Cut("source warta: cut_after".into()))
        );
        assert_eq!(source.verdict("Sebuah kalimat berita."), None);
    }

    #[test]
    fn unknown_rule_keys_are_errors() {
        let err = RuleBook::from_site_toml("[import.sources.x]\ndrop_line = ['a']\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("[import]: unknown field `drop_line`"),
            "{err}"
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://User@WWW.Rmol.id:443/a?b").as_deref(),
            Some("www.rmol.id")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
