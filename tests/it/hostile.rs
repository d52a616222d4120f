//! Hostile mirrored content: script-injection vectors through every front-matter field and the
//! body must come out inert in every page, feed and sitemap.

use crate::common::Fixture;

const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><script>alert(2)</script>",
    "'><img src=x onerror=alert(3)>",
    "<svg onload=alert(4)>",
    "</script><script>alert(5)</script>",
    "<a href=\"javascript:alert(6)\">x</a>",
    "<iframe src=\"javascript:alert(7)\"></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(8)>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<div style=\"background:url(javascript:alert(9))\">x</div>",
    "&lt;script&gt;alert(10)&lt;/script&gt;",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=\"></object>",
    "<form action=\"https://evil.example/\"><input name=q></form>",
    "<img src=\"https://tracker.example/p.gif\" width=\"1\" height=\"1\">",
];

/// Characters XML forbids, which YAML refuses in front matter but a body may carry.
const CONTROL: &str = "\u{1}\u{8}\u{b}\u{c}\u{fffe}kontrol";

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Elements that must never come out of mirrored content. (Inline SVG is allowed: the theme
/// draws its icons with it, and everything inside is held to the same attribute checks.)
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "iframe", "object", "embed", "form", "input", "base", "style", "link", "frame",
];

/// Parses a page as a browser would and checks that nothing in it can run or track: no script
/// but JSON-LD data, no event handler, no dangerous URL, no refresh, no forbidden element.
fn assert_inert_html(name: &str, html: &str) {
    let doc = dom_query::Document::from(html);
    for node in doc.select("*").nodes() {
        let tag = node
            .node_name()
            .map(|t| t.to_lowercase())
            .unwrap_or_default();
        let attr = |n: &str| node.attr(n).map(|v| v.to_lowercase());
        if tag == "script" {
            assert_eq!(
                attr("type").as_deref(),
                Some("application/ld+json"),
                "{name}: a <script> that runs"
            );
            assert!(node.attr("src").is_none(), "{name}: an external script");
            assert!(!node.text().contains('<'), "{name}: `<` inside JSON-LD");
            continue;
        }
        // The theme's own <link>s (style sheets, feeds, canonical, icon) live in <head>.
        let in_head = node
            .ancestors(None)
            .iter()
            .any(|a| a.node_name().is_some_and(|n| &*n == "head"));
        if !(in_head && (tag == "link" || tag == "style")) {
            assert!(
                !FORBIDDEN_ELEMENTS.contains(&tag.as_str()),
                "{name}: a <{tag}> element"
            );
        }
        if tag == "meta" {
            assert!(attr("http-equiv").is_none(), "{name}: <meta http-equiv>");
        }
        if tag == "img" {
            let tiny = |n: &str| attr(n).is_some_and(|v| v == "0" || v == "1");
            assert!(
                !tiny("width") && !tiny("height"),
                "{name}: a tracking pixel"
            );
        }
        for a in node.attrs() {
            let key = a.name.local.to_lowercase();
            let value: String = a
                .value
                .to_lowercase()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            assert!(
                !key.starts_with("on"),
                "{name}: event handler {key} on <{tag}>"
            );
            assert!(key != "style", "{name}: a style attribute on <{tag}>");
            if matches!(
                key.as_str(),
                "href" | "src" | "action" | "formaction" | "srcset" | "data" | "poster"
            ) {
                assert!(
                    !value.starts_with("javascript:")
                        && !value.starts_with("data:")
                        && !value.starts_with("vbscript:"),
                    "{name}: dangerous URL {value} in <{tag} {key}>"
                );
            }
        }
    }
}

/// Characters no HTML page or XML document may hold: controls (but tab and line breaks) and
/// noncharacters (U+FDD0–U+FDEF, the last two code points of every plane).
fn is_invalid(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || (0xFDD0..=0xFDEF).contains(&u)
        || u % 0x10000 >= 0xFFFE
}

fn assert_no_control_characters(name: &str, text: &str) {
    for c in text.chars() {
        assert!(!is_invalid(c), "{name} holds invalid character {c:?}");
    }
}

/// Written as YAML escapes in front matter strings: a C0 control, DEL, a C1 control (NEL), and
/// noncharacters of the first and of another plane.
const YAML_INVALID: &str = "\\x01\\x7f\\u0085\\uFDD0\\uFFFE\\U0001FFFF";

/// Written as character references in the body: the same, NUL, and a lone surrogate.
const ENTITIES: &str = "&#1;&#x7f;&#x85;&#xFDD0;&#xFFFE;&#x1FFFF;&#0;&#xD800;";

#[test]
fn invalid_characters_from_every_field_reach_no_output() {
    let f = Fixture::new();
    let q = |text: &str| format!("\"{}{YAML_INVALID}{}\"", &text[..2], &text[2..]);
    f.write(
        "content/kotor.md",
        &format!(
            "---\ntitle: {}\ndate: 2024-01-02\nauthor: {}\ntags: [{}]\nsummary: {}\nsource: https://asal.example/a\nsource_name: {}\nimage: /gambar/a.jpg\nimage_caption: {}\nextra:\n  catatan: {}\n---\n\n## Ju{ENTITIES}dul\n\nIsi{ENTITIES} teks [tautan{ENTITIES}](/ \"judul{ENTITIES}\").\n\n<p>Mentah{ENTITIES}</p>\n\n<!-- more -->\n\nLanjut.\n",
            q("Judul Kotor"),
            q("Ani Kotor"),
            q("Tag Kotor"),
            q("Ringkasan kotor"),
            q("Sumber Kotor"),
            q("Foto kotor"),
            q("Catatan"),
        ),
    );
    f.write(
        "content/toml.md",
        "+++\ntitle = \"Ju\\u0001dul\\uFDEF TOML\"\ndate = 2024-01-03\ntags = [\"Ta\\u009Fg\"]\n+++\n\nIsi&#x1;.\n",
    );
    f.build_ok(&[]);
    let page = f.read("2024/01/02/kotor/index.html");
    for cleaned in [
        "<title>Judul Kotor",
        "Ani Kotor",
        "Tag Kotor",
        "Ringkasan kotor",
        "Sumber Kotor",
        "Foto kotor",
        // NUL and the surrogate become U+FFFD, as HTML parsers read them.
        "Isi\u{fffd}\u{fffd} teks",
        "<h2 id=\"ju-dul\">Ju\u{fffd}\u{fffd}dul</h2>",
        // HTML reads the C1 reference &#x85; as the Windows-1252 character it names.
        "<p>Mentah\u{2026}\u{fffd}\u{fffd}</p>",
    ] {
        assert!(page.contains(cleaned), "{cleaned} not in {page}");
    }
    assert!(
        f.read("2024/01/03/toml/index.html")
            .contains("<title>Judul TOML")
    );
    assert!(f.exists("tags/tag/index.html"));
    let mut checked = 0;
    for (path, bytes) in crate::common::snapshot(&f.root().join("public")) {
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert_no_control_characters(&path, &text);
        checked += 1;
    }
    assert!(checked > 20, "only {checked} files checked");
}

#[test]
fn injection_vectors_are_inert_everywhere() {
    let f = Fixture::new();
    for (i, v) in VECTORS.iter().enumerate() {
        let q = yaml_string(v);
        f.write(
            &format!("content/h{i}.md"),
            &format!(
                "---\ntitle: {q}\ndate: 2024-01-{:02}\nauthor: {q}\ntags: [{q}, \"Aman\"]\nsummary: {q}\nsource: \"https://asal.example/{i}?q=<x>\"\nsource_name: {q}\nimage_caption: {q}\nimage: \"/gambar/{i}.jpg\"\n---\n\nParagraf {v} akhir.\n\n{v}\n\n[tautan](javascript:alert({i})) ![g](javascript:alert({i}))\n",
                i + 1
            ),
        );
    }
    f.write(
        "content/kontrol.md",
        &format!(
            "+++\ntitle = \"Kontrol\"\ndate = \"2024-02-01\"\n+++\n\nIsi {CONTROL} di sini.\n"
        ),
    );
    let run = f.build_ok(&[]);
    assert!(
        run.stdout
            .starts_with(&format!("Built {} articles", VECTORS.len() + 1)),
        "{}",
        run.stdout
    );
    let files = crate::common::snapshot(&f.root().join("public"));
    let mut checked = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            assert_inert_html(path, &text);
            checked += 1;
        }
        if path.ends_with(".html") || path.ends_with(".xml") {
            assert_no_control_characters(path, &text);
        }
        // Every feed parses, and the HTML it carries is as inert as the pages.
        if path.ends_with("rss.xml") {
            let channel =
                rss::Channel::read_from(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
            for item in channel.items() {
                assert_inert_html(path, item.content().unwrap_or_default());
                assert_inert_html(path, item.description().unwrap_or_default());
            }
        }
        if path.ends_with("atom.xml") {
            let feed = atom_syndication::Feed::read_from(text.as_bytes())
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            for entry in feed.entries() {
                let content = entry.content().and_then(|c| c.value()).unwrap_or_default();
                assert_inert_html(path, content);
            }
        }
    }
    assert!(checked > 40, "only {checked} pages checked");
}
