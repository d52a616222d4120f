//! Every `tests/import_golden/text/NAME.txt` must import (default rules, no URL) to exactly
//! `NAME.expected.md`, written by hand.

use super::*;
use crate::import::write::to_content_file;
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_golden/text")
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
                    failures.push(format!(
                        "{name}:\n{}",
                        crate::import::golden_diff::line_diff(&expected, &got)
                    ));
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
