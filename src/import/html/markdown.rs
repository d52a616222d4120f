//! The cleaned body as Markdown (htmd): paragraphs, headings, lists, quotes, links, images
//! with captions, and compact GFM tables.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use htmd::HtmlToMarkdown;
use htmd::options::{BrStyle, BulletListMarker, Options};
use unicode_normalization::UnicodeNormalization;

use super::dom::{collapse_whitespace, select};

/// Elements whose content never belongs in Markdown (the body is cleaned before, this is a
/// second lock on the door).
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "iframe", "noscript", "svg", "video", "audio", "object", "embed", "form",
    "button", "input", "select", "textarea", "template", "canvas", "head",
];

static CONVERTER: LazyLock<HtmlToMarkdown> = LazyLock::new(|| {
    HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            br_style: BrStyle::Backslash,
            ..Default::default()
        })
        .skip_tags(SKIPPED_TAGS.to_vec())
        .build()
});

/// Marks where a table goes; Markdown tables are written by [`table_markdown`].
const TABLE_PLACEHOLDER: &str = "CERMINTABLEPLACEHOLDER";

/// The body's Markdown: blocks separated by one blank line, no trailing spaces, one final
/// newline.
pub fn to_markdown(doc: &Document) -> String {
    let root = doc.root();
    let tables: Vec<String> = outer_tables(&root)
        .iter()
        .enumerate()
        .map(|(i, table)| {
            let md = table_markdown(table);
            table.replace_with_html(format!("<p>{TABLE_PLACEHOLDER}{i}</p>"));
            md
        })
        .collect();
    spaces_out_of_links(&root);
    let markdown = CONVERTER.convert(&root.html()).unwrap_or_default();
    tidy(&markdown, &tables)
}

/// The converter trims a link's text and drops the space it opened with ("the<a> Go Fund
/// Me </a>page" would read "theGo Fund Me page"): that space goes before the link. (It keeps
/// the spaces at the edges of emphasis, and the one a link ends with.)
fn spaces_out_of_links(root: &NodeRef) {
    for link in select(root, "a") {
        if link.text().starts_with(char::is_whitespace) {
            link.before_html(" ");
        }
    }
}

fn outer_tables<'a>(root: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    select(root, "table")
        .iter()
        .filter(|t| !t.ancestors_it(None).any(|a| a.has_name("table")))
        .copied()
        .collect()
}

/// A table as a GFM table: an emphasised caption line, the header row, a `| --- |` row and
/// the other rows; cells on one line, `|` escaped.
fn table_markdown(table: &NodeRef) -> String {
    let rows: Vec<Vec<String>> = select(table, "tr")
        .iter()
        .map(|tr| {
            tr.element_children()
                .iter()
                .filter(|c| c.has_name("td") || c.has_name("th"))
                .map(cell_markdown)
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    if let Some(caption) = select(table, "caption").first() {
        let text = collapse_whitespace(&caption.text());
        if !text.is_empty() {
            out.push_str(&format!("*{}*\n\n", escape_markdown(&text)));
        }
    }
    for (i, row) in rows.iter().enumerate() {
        let mut cells = row.clone();
        cells.resize(columns, String::new());
        let line: String = cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    " |".to_string()
                } else {
                    format!(" {c} |")
                }
            })
            .collect();
        out.push_str(&format!("|{line}\n"));
        if i == 0 {
            out.push_str(&format!("|{}\n", " --- |".repeat(columns)));
        }
    }
    out.trim_end().to_string()
}

fn cell_markdown(cell: &NodeRef) -> String {
    let md = CONVERTER.convert(&cell.inner_html()).unwrap_or_default();
    collapse_whitespace(&md.replace("\\\n", " ")).replace('|', "\\|")
}

/// Escapes text put into HTML that htmd will read.
pub fn escape_text(text: &str) -> String {
    crate::text::escape_html(text)
}

/// Escapes the characters Markdown reads as emphasis in a caption written directly.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '`' | '\\' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Characters that show nothing but split words for search and copy: soft hyphens
/// (`&shy;`, put in by hyphenation plugins), zero-width spaces, word joiners and stray
/// byte-order marks. Zero-width (non-)joiners stay: scripts and emoji need them.
const INVISIBLE: &[char] = &['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// A line of text that CommonMark would read as an ordered list item with a parenthesis
/// ("2) Zweitens"), which the converter leaves unescaped (it escapes "2." only); also inside
/// a quote.
static PAREN_LIST_START: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^((?:> ?)*\d{1,9})\)( |$)").expect("list start"));

/// A heading whose text starts with a number and a dot ("## 1\\. Pakai tabir surya"): a
/// heading's text is never read as a list item, so the converter's escape is taken off.
static NUMBERED_HEADING: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^(#{1,6} +\d{1,9})\\\.").expect("numbered heading"));

/// A line with the escape taken off each underscore between two letters or digits
/// ("@warga\\_palu" as "@warga_palu"): CommonMark never reads such an underscore as emphasis,
/// and a handle or a file name reads as written.
fn without_inword_underscore_escapes(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let inword_escape = c == '\\'
            && chars.get(i + 1) == Some(&'_')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 2).is_some_and(|n| n.is_alphanumeric());
        if !inword_escape {
            out.push(c);
        }
    }
    out
}

/// Trailing spaces, no-break spaces and invisible characters gone, one blank line between
/// blocks, tables put back; text that would read as a "1)" list item escaped.
fn tidy(markdown: &str, tables: &[String]) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = true;
    let mut in_code = false;
    for line in markdown.lines() {
        let line = line.replace('\u{a0}', " ").replace(INVISIBLE, "");
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        let line = if in_code {
            line
        } else {
            let line = PAREN_LIST_START.replace(&line, "$1\\)$2");
            let line = NUMBERED_HEADING.replace(&line, "$1.");
            without_inword_underscore_escapes(&line)
        };
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !blank {
                out.push('\n');
                blank = true;
            }
            continue;
        }
        let table = line
            .trim()
            .strip_prefix(TABLE_PLACEHOLDER)
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| tables.get(i));
        match table {
            Some(t) => out.push_str(&t.replace(INVISIBLE, "")),
            None => out.push_str(line),
        }
        out.push('\n');
        blank = false;
    }
    let trimmed = out.trim();
    if trimmed.is_empty() {
        String::new()
    } else if unicode_normalization::is_nfc(trimmed) {
        format!("{trimmed}\n")
    } else {
        // One spelling for one text (NFC, as the web's own text model asks): a page may
        // write "য়" as one code point or as two, and search and copy must find both.
        let mut nfc: String = trimmed.nfc().collect();
        nfc.push('\n');
        nfc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        to_markdown(&Document::fragment(html))
    }

    #[test]
    fn soft_hyphens_and_zero_width_spaces_leave_the_text() {
        assert_eq!(
            md(
                "<p>Der Pfan&shy;nen&shy;stiel&#8203;hof</p><table><tr><td>Ver&shy;nat&shy;sch</td><td>b</td></tr></table>"
            ),
            "Der Pfannenstielhof\n\n| Vernatsch | b |\n| --- | --- |\n"
        );
        assert_eq!(md("<p>👩\u{200d}💻 kerja</p>"), "👩\u{200d}💻 kerja\n");
    }

    #[test]
    fn text_comes_out_in_one_normal_form() {
        // Bengali "য়" as the page wrote it (U+09DF) and as NFC has it (U+09AF U+09BC);
        // "é" as two code points becomes one.
        assert_eq!(
            md("<p>\u{995}\u{9bf}\u{9df}\u{9be} cafe\u{301}</p>"),
            "\u{995}\u{9bf}\u{9af}\u{9bc}\u{9be} caf\u{e9}\n"
        );
    }

    #[test]
    fn text_that_reads_as_markdown_syntax_stays_text() {
        assert_eq!(
            md(
                "<p>1. Erstens</p><p>2) Zweitens</p><p>- dash</p><p>+ plus</p><p># hash</p><p>&gt; gt</p>\
                 <p>*a* _b_ [c](d) `e` &lt;f&gt;</p><blockquote><p>3) Drittens</p></blockquote>"
            ),
            "1\\. Erstens\n\n2\\) Zweitens\n\n\\- dash\n\n\\+ plus\n\n\\# hash\n\n\\> gt\n\n\
             \\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\<f>\n\n> 3\\) Drittens\n"
        );
        // An underscore inside a word is never emphasis: no escape ("@warga_palu").
        assert_eq!(
            md("<p>Kata @warga_palu di file foto_01_a.jpg, _b_ dan x_</p>"),
            "Kata @warga_palu di file foto_01_a.jpg, \\_b\\_ dan x\\_\n"
        );
        // A heading is never a list item: its number keeps its dot unescaped.
        assert_eq!(
            md("<h2>1. Pakai tabir surya</h2><h3>2) Kedua</h3><p>3. Tiga</p>"),
            "## 1. Pakai tabir surya\n\n### 2) Kedua\n\n3\\. Tiga\n"
        );
        // A real list keeps its numbers, and code keeps its text.
        assert_eq!(
            md("<ol><li>one</li><li>two</li></ol><pre><code>2) as typed\n</code></pre>"),
            "1. one\n2. two\n\n```\n2) as typed\n```\n"
        );
    }

    #[test]
    fn blocks_lists_quotes_and_tables() {
        assert_eq!(
            md(
                "<h2>Sub</h2><p>A <a href=\"https://x.example/\">link</a>&nbsp;and <em>em</em>.</p><ul><li>one</li><li>two</li></ul>\
                <blockquote><p>q1</p><p>q2</p></blockquote>"
            ),
            "## Sub\n\nA [link](https://x.example/) and *em*.\n\n- one\n- two\n\n> q1\n>\n> q2\n"
        );
        assert_eq!(
            md(
                "<table><caption>Cap</caption><tr><th>A</th><th>B</th></tr><tr><td>1 | 2</td></tr></table>"
            ),
            "*Cap*\n\n| A | B |\n| --- | --- |\n| 1 \\| 2 | |\n"
        );
    }

    #[test]
    fn a_space_at_the_edge_of_a_link_or_emphasis_stays_between_the_words() {
        // The converter trims the text of a link or emphasis; the space it held must not go
        // with it, or "the Go Fund Me page" reads "theGo Fund Me page".
        assert_eq!(
            md(
                "<p>started the<a href=\"https://x.example/\"> Go Fund Me </a>page and<em> a </em>b<strong>c </strong>d.</p>"
            ),
            "started the [Go Fund Me](https://x.example/) page and *a* b**c** d.\n"
        );
        // Words glued in the page stay glued: no space is made up.
        assert_eq!(
            md("<p>wir wissen<a href=\"https://x.example/\">aus Daten</a>, dass <b>B</b>c.</p>"),
            "wir wissen[aus Daten](https://x.example/), dass **B**c.\n"
        );
    }

    #[test]
    fn layout_tables_become_blocks() {
        let doc = Document::fragment(
            "<table><tr><td><p>First paragraph of the story.</p><p>Second one.</p></td><td><h2>x</h2></td></tr></table>",
        );
        super::super::content::shape_for_markdown(&doc, None);
        assert_eq!(
            to_markdown(&doc),
            "First paragraph of the story.\n\nSecond one.\n\n## x\n"
        );
    }

    #[test]
    fn nothing_executable_survives() {
        let out = md(
            "<p>x<script>alert(1)</script></p><iframe src=\"https://e\"></iframe><p>&lt;script&gt;</p>",
        );
        assert_eq!(out, "x\n\n\\<script>\n");
    }
}
