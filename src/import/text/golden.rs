//! Every `tests/import_golden/text/NAME.txt` must import (default rules, no URL) to exactly
//! `NAME.expected.md`, written by hand.

use super::*;
use crate::import::write::to_content_file;
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_golden/text")
}

/// A line diff that is easy to read in a test failure: `-` expected only, `+` got only.
fn diff(expected: &str, got: &str) -> String {
    let (e, g): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    // Longest common subsequence table, from the ends.
    let mut lcs = vec![vec![0usize; g.len() + 1]; e.len() + 1];
    for i in (0..e.len()).rev() {
        for j in (0..g.len()).rev() {
            lcs[i][j] = if e[i] == g[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < e.len() || j < g.len() {
        if i < e.len() && j < g.len() && e[i] == g[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < g.len() && (i == e.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("  + {}\n", g[j]));
            j += 1;
        } else {
            out.push_str(&format!("  - {} (expected line {})\n", e[i], i + 1));
            i += 1;
        }
    }
    out
}

#[test]
fn golden_pages() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/import_golden/text exists")
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 8, "golden pages missing");
    let mut failures = Vec::new();
    for input in &inputs {
        let expected_path = input.with_extension("expected.md");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no {}", input.display(), expected_path.display()));
        let text = std::fs::read_to_string(input).expect("readable page");
        let name = input
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        match extract(&text, &Rules::default(), None) {
            Ok(e) => {
                let got = to_content_file(&e.article);
                if got != expected {
                    failures.push(format!("{name}:\n{}", diff(&expected, &got)));
                }
            }
            Err(e) => failures.push(format!("{name}: no article: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden pages differ:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}
