//! The lines a reader sees, for bylines and datelines: the innermost blocks, and also the
//! text that stands loose beside blocks (`<div><em class="date">2. November 2021</em><h2>…`),
//! which a walk over leaf blocks alone never reads.

use dom_query::NodeRef;

use super::dom::{BLOCK_TAGS, collapse_whitespace, tag_name};

/// A block of text: a leaf block, or a run of inline content between blocks.
pub struct LineBlock<'a> {
    /// The leaf block, or the element holding the run.
    pub node: NodeRef<'a>,
    /// The elements of a run (empty for a leaf block): they carry its class words.
    pub run: Vec<NodeRef<'a>>,
    /// Its text, split at `<br>`, whitespace collapsed, empty lines left out.
    pub texts: Vec<String>,
}

/// The line blocks under `root`, in document order.
pub fn line_blocks<'a>(root: &NodeRef<'a>) -> Vec<LineBlock<'a>> {
    let mut out = Vec::new();
    walk(root, &mut out);
    out
}

/// Elements whose text no reader sees.
const HIDDEN_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg"];

/// Pushes the line blocks under `node`; returns whether `node` contains any block.
fn walk<'a>(node: &NodeRef<'a>, out: &mut Vec<LineBlock<'a>>) -> bool {
    let mut has_block = false;
    let mut run_text = String::new();
    let mut run: Vec<NodeRef<'a>> = Vec::new();
    let mut pending: Vec<LineBlock<'a>> = Vec::new();
    for child in node.children_it(false) {
        if child.is_text() {
            run_text.push_str(&child.text());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let tag = tag_name(&child);
        if HIDDEN_TAGS.contains(&tag.as_str()) {
            continue;
        }
        if tag == "br" {
            run_text.push('\n');
            continue;
        }
        let child_is_block = BLOCK_TAGS.contains(&tag.as_str());
        let mut inner = Vec::new();
        let child_has_block = walk(&child, &mut inner);
        if !child_is_block && !child_has_block {
            // Inline content: part of the current run.
            push_text(&child, &mut run_text);
            run.push(child);
            continue;
        }
        flush(node, &mut run_text, &mut run, &mut pending);
        if child_is_block && !child_has_block {
            let mut text = String::new();
            push_text(&child, &mut text);
            pending.push(LineBlock {
                node: child,
                run: Vec::new(),
                texts: split_lines(&text),
            });
        } else {
            pending.extend(inner);
        }
        has_block = true;
    }
    if has_block {
        // Inline text after the last block is a run of its own; a node without blocks is
        // read whole by its caller instead.
        flush(node, &mut run_text, &mut run, &mut pending);
        out.extend(pending);
    }
    has_block
}

/// Appends the text of `node`: `<br>` as a line break, and a space where an element starts
/// or ends, so that "<span>By</span><span>Alex Bozarjian</span>", which a stylesheet spaces
/// apart, reads "By Alex Bozarjian".
fn push_text(node: &NodeRef, out: &mut String) {
    for child in node.children_it(false) {
        if child.is_text() {
            out.push_str(&child.text());
        } else if child.has_name("br") {
            out.push('\n');
        } else if child.is_element() && !HIDDEN_TAGS.contains(&tag_name(&child).as_str()) {
            out.push(' ');
            push_text(&child, out);
            out.push(' ');
        }
    }
}

fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Ends the current run of inline content, keeping it when it has text.
fn flush<'a>(
    parent: &NodeRef<'a>,
    text: &mut String,
    run: &mut Vec<NodeRef<'a>>,
    out: &mut Vec<LineBlock<'a>>,
) {
    let texts = split_lines(text);
    if !texts.is_empty() {
        out.push(LineBlock {
            node: *parent,
            run: std::mem::take(run),
            texts,
        });
    }
    text.clear();
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        let doc = dom_query::Document::from(html);
        let body = doc.body().unwrap();
        line_blocks(&body)
            .iter()
            .map(|b| b.texts.join(" / "))
            .collect()
    }

    #[test]
    fn loose_text_beside_blocks_is_a_line_of_its_own() {
        assert_eq!(
            texts(
                "<div><h1>Head</h1><div class=c><em class=date>Dienstag, 2. November 2021</em>\
                 <h2>Sub</h2><p>Body <b>bold</b></p>tail<br>end</div></div>"
            ),
            [
                "Head",
                "Dienstag, 2. November 2021",
                "Sub",
                "Body bold",
                "tail / end"
            ]
        );
        assert_eq!(
            texts("<div><span>By</span><span><a href=/a>Alex Bozarjian</a></span></div>"),
            ["By Alex Bozarjian"]
        );
    }

    #[test]
    fn hidden_text_and_empty_runs_are_left_out() {
        assert_eq!(
            texts("<div> <script>var x = 1;</script><p>a</p> <span> </span><p>b</p></div>"),
            ["a", "b"]
        );
        assert_eq!(
            texts("<div><p>Pewarta: A B<br>Editor: <b>C</b> D<br><br></p></div>"),
            ["Pewarta: A B / Editor: C D"]
        );
        // A page of inline text only has no block: nothing is read twice.
        assert_eq!(texts("<span>x</span>"), Vec::<String>::new());
    }
}
