//! Imported articles as content files: YAML front matter and the Markdown body.

use super::ImportedArticle;

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// The text of `content/YYYY/MM/slug.md` for an article (its date must be known).
pub fn to_content_file(a: &ImportedArticle) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", quoted(&a.title)));
    if let Some(date) = &a.date {
        out.push_str(&format!("date: {}\n", date.to_rfc3339()));
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
}
