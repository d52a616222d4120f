//! The line diff the golden tests of both importers print when an import is not what an
//! editor would keep: `-` lines expected only, `+` lines the importer made only.

use similar::{ChangeTag, TextDiff};

/// Only the lines that differ, each marked `- ` (expected) or `+ ` (got).
pub fn line_diff(expected: &str, got: &str) -> String {
    // A last line without its line break is the same line as one with it.
    let (expected, got) = (with_final_newline(expected), with_final_newline(got));
    let mut out = String::new();
    for change in TextDiff::from_lines(&expected, &got).iter_all_changes() {
        let mark = match change.tag() {
            ChangeTag::Equal => continue,
            ChangeTag::Delete => "- ",
            ChangeTag::Insert => "+ ",
        };
        out.push_str(mark);
        out.push_str(change.value().trim_end_matches('\n'));
        out.push('\n');
    }
    out
}

fn with_final_newline(text: &str) -> String {
    let mut text = text.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[test]
fn only_the_lines_that_differ() {
    assert_eq!(line_diff("a\nb\nc", "a\nc\nd"), "- b\n+ d\n");
    assert_eq!(line_diff("a\nb\n", "a\nb\n"), "");
}
