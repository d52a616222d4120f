//! Site paths inside article HTML (`<a href="/2022/">`, `<img src="/images/a.jpg">`) must follow
//! the link mode too: absolute in feeds, relative to the page in relative mode.

/// Rewrites every `href="/…"` and `src="/…"` (but not protocol-relative `//host`) with `to_link`.
pub fn rewrite_root_links(html: &str, to_link: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    loop {
        let next = ["href=\"/", "src=\"/"]
            .iter()
            .filter_map(|needle| rest.find(needle).map(|i| (i, needle.len() - 1)))
            .min();
        let Some((at, attr_len)) = next else { break };
        let value_start = at + attr_len;
        let Some(value_len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + value_len];
        out.push_str(&rest[..value_start]);
        if value.starts_with("//") {
            out.push_str(value);
        } else {
            // Values in our HTML are entity-escaped; paths with `&` are rare, keep them as written.
            out.push_str(&to_link(value));
        }
        rest = &rest[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_site_paths_only() {
        let html = r#"<a href="/2022/">y</a><img src="/i.svg" alt=""><a href="//cdn.x/a">c</a><a href="https://e/">e</a>"#;
        let out = rewrite_root_links(html, |p| format!("https://m.org{p}"));
        assert_eq!(
            out,
            r#"<a href="https://m.org/2022/">y</a><img src="https://m.org/i.svg" alt=""><a href="//cdn.x/a">c</a><a href="https://e/">e</a>"#
        );
    }
}
