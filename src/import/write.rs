//! Imported articles as content files: YAML front matter and the Markdown body.

use super::ImportedArticle;

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// A paragraph of plain text as Markdown that shows the same text: characters Markdown would
/// read as syntax are escaped ("1. Mei" at the start of a line is no list, "*" no emphasis,
/// "<b>" no HTML).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = escape_line_start(line, &mut out);
        for c in body.chars() {
            if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Escapes what would start a heading, quote, list or rule at the start of a line; returns
/// the rest of the line.
fn escape_line_start<'a>(line: &'a str, out: &mut String) -> &'a str {
    let trimmed = line.trim_start();
    out.push_str(&line[..line.len() - trimmed.len()]);
    if let Some(c @ ('#' | '>' | '+' | '-' | '=')) = trimmed.chars().next() {
        out.push('\\');
        out.push(c);
        return &trimmed[1..];
    }
    // "1. " or "1) ": an ordered list item.
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &trimmed[digits..];
        if let Some(marker @ ('.' | ')')) = rest.chars().next()
            && rest[1..].chars().next().is_none_or(char::is_whitespace)
        {
            out.push_str(&trimmed[..digits]);
            out.push('\\');
            out.push(marker);
            return &rest[1..];
        }
    }
    trimmed
}

/// The text of `content/YYYY/MM/slug.md` for an article (its date must be known).
pub fn to_content_file(a: &ImportedArticle) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", quoted(&a.title)));
    if let Some(date) = &a.date {
        // Whole seconds: "13:25:44.118Z" in a page's metadata is no more precise a publication time.
        out.push_str(&format!(
            "date: {}\n",
            date.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        ));
    }
    match a.authors.as_slice() {
        [] => {}
        [one] => out.push_str(&format!("author: {}\n", quoted(one))),
        many => {
            let list: Vec<String> = many.iter().map(|s| quoted(s)).collect();
            out.push_str(&format!("authors: [{}]\n", list.join(", ")));
        }
    }
    if !a.tags.is_empty() {
        let list: Vec<String> = a.tags.iter().map(|s| quoted(s)).collect();
        out.push_str(&format!("tags: [{}]\n", list.join(", ")));
    }
    for (key, value) in [
        ("summary", &a.summary),
        ("source", &a.source),
        ("source_name", &a.source_name),
        ("image", &a.image),
        ("image_caption", &a.image_caption),
        ("id", &a.id),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            out.push_str(&format!("{key}: {}\n", quoted(v)));
        }
    }
    out.push_str("---\n\n");
    out.push_str(a.body.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_front_matter_cermin_can_read() {
        let a = ImportedArticle {
            title: "Judul \"kutip\"".into(),
            date: chrono::DateTime::parse_from_rfc3339("2022-01-27T14:52:00+07:00").ok(),
            authors: vec!["Reni Erina".into()],
            tags: vec!["Rusia".into()],
            source: Some("https://rmol.id/a".into()),
            body: "Satu.\n\nDua.\n".into(),
            ..Default::default()
        };
        assert_eq!(
            to_content_file(&a),
            "---\ntitle: \"Judul \\\"kutip\\\"\"\ndate: 2022-01-27T14:52:00+07:00\nauthor: \"Reni Erina\"\ntags: [\"Rusia\"]\nsource: \"https://rmol.id/a\"\n---\n\nSatu.\n\nDua.\n"
        );
    }

    #[test]
    fn plain_text_shows_as_written() {
        let cases = [
            ("1. Mei jadi hari libur.", "1\\. Mei jadi hari libur."),
            ("2) Kedua", "2\\) Kedua"),
            ("- bukan daftar", "\\- bukan daftar"),
            ("# bukan judul", "\\# bukan judul"),
            ("> bukan kutipan", "\\> bukan kutipan"),
            (
                "a *b* _c_ [d](e) `f` <b>g</b>",
                "a \\*b\\* \\_c\\_ \\[d\\](e) \\`f\\` \\<b>g\\</b>",
            ),
            ("Harga naik 20 persen.", "Harga naik 20 persen."),
            ("Tahun 2023. Lalu", "Tahun 2023. Lalu"),
            ("C:\\path", "C:\\\\path"),
        ];
        for (text, markdown) in cases {
            assert_eq!(escape_markdown(text), markdown, "{text}");
        }
    }

    #[test]
    fn escaped_text_renders_as_the_same_text() {
        let text = "1. Mei - *semua* _libur_ [kata] `x` <b> # > \\ ~~coret~~ selesai";
        let html = crate::markdown::render(&escape_markdown(text)).html;
        assert_eq!(
            html.trim(),
            "<p>1. Mei - *semua* _libur_ [kata] `x` &lt;b&gt; # &gt; \\ ~~coret~~ selesai</p>"
        );
    }
}
