//! A Markdown body: rendering never panics, and what comes out can neither run code nor
//! load a dangerous URL (the same checks as tests/it/hostile.rs, on every input).
#![no_main]

use libfuzzer_sys::fuzz_target;

const FORBIDDEN: &[&str] = &[
    "script", "iframe", "object", "embed", "form", "base", "style", "link", "frame", "meta",
];

fuzz_target!(|body: &str| {
    let rendered = cermin::markdown::render(body);
    for html in [&rendered.html, &rendered.summary_html] {
        let doc = dom_query::Document::fragment(html.as_str());
        for node in doc.select("*").nodes() {
            let tag = node
                .node_name()
                .map(|t| t.to_lowercase())
                .unwrap_or_default();
            assert!(!FORBIDDEN.contains(&tag.as_str()), "<{tag}> in {html:?}");
            for a in node.attrs() {
                let key = a.name.local.to_lowercase();
                assert!(!key.starts_with("on"), "{key} on <{tag}> in {html:?}");
                // Table alignment from Markdown (`|--:|`) is the one style allowed.
                let alignment = matches!(tag.as_str(), "th" | "td")
                    && matches!(
                        &*a.value,
                        "text-align: left" | "text-align: center" | "text-align: right"
                    );
                assert!(key != "style" || alignment, "style on <{tag}> in {html:?}");
                let value: String = a
                    .value
                    .to_lowercase()
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                if matches!(key.as_str(), "href" | "src" | "action" | "srcset" | "data") {
                    assert!(
                        !value.starts_with("javascript:")
                            && !value.starts_with("data:")
                            && !value.starts_with("vbscript:"),
                        "{key}={value} on <{tag}> in {html:?}"
                    );
                }
            }
        }
    }
});
