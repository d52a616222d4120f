//! schema.org JSON-LD: the article node (`NewsArticle`, `Article`, `ReportageNewsArticle`, ...)
//! found at the top level, in arrays or inside `@graph`, with `@id` references resolved.

use std::collections::HashMap;

use dom_query::Document;
use serde_json::Value;

use super::dom::{collapse_whitespace, decode_entities};

/// schema.org types that are an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "AskPublicQuestionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "SatiricalArticle",
    "TechArticle",
];

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonLdArticle {
    pub headline: Option<String>,
    pub date_published: Option<String>,
    /// The `datePublished` of a node that is no article (a `WebPage`, a `Recipe`): trusted
    /// less than the page's meta tags.
    pub other_date_published: Option<String>,
    /// `dateModified`: a date of last resort when the page states no other.
    pub date_modified: Option<String>,
    /// People named as authors.
    pub authors: Vec<String>,
    /// Organizations named as authors (used only when no person is named anywhere).
    pub author_organizations: Vec<String>,
    pub image: Option<String>,
    pub keywords: Vec<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// The publisher is a person (a one-person blog), who may well be the author too.
    pub publisher_is_person: bool,
    /// `articleBody`: the article's text as the page states it, one paragraph a line.
    pub article_body: Option<String>,
    /// The page has an article node: it declares itself one article.
    pub is_article: bool,
}

/// Reads the first article node of the page's JSON-LD blocks.
pub fn read_article(doc: &Document) -> Option<JsonLdArticle> {
    let mut values = Vec::new();
    for script in doc.select("script").nodes() {
        let is_json_ld = script
            .attr("type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
        if is_json_ld && let Some(v) = parse_block(&script.text()) {
            values.push(v);
        }
    }
    let mut nodes = Vec::new();
    for v in &values {
        collect_objects(v, &mut nodes, 0);
    }
    let index: HashMap<&str, &Value> = nodes
        .iter()
        .filter(|n| n.as_object().is_some_and(|o| o.len() > 1))
        .filter_map(|n| Some((n.get("@id")?.as_str()?, *n)))
        .collect();
    let article = nodes
        .iter()
        .copied()
        .filter(|n| is_article(n))
        .max_by_key(|n| n.get("headline").is_some() as u8);
    let other = dates_of_any_node(&nodes);
    match article {
        Some(article) => Some(JsonLdArticle {
            other_date_published: other.and_then(|o| o.other_date_published),
            ..article_fields(article, &index)
        }),
        None => other,
    }
}

/// A page whose JSON-LD has no article node may still date itself in another node (a
/// `WebPage`, a `Recipe`, a `BlogPosting` under an unknown type): only its dates are taken.
fn dates_of_any_node(nodes: &[&Value]) -> Option<JsonLdArticle> {
    let first = |keys: &[&str]| {
        nodes
            .iter()
            .find_map(|n| keys.iter().find_map(|k| n.get(*k).and_then(text_value)))
    };
    let other_date_published = first(&["datePublished", "dateCreated", "uploadDate"]);
    let date_modified = first(&["dateModified"]);
    (other_date_published.is_some() || date_modified.is_some()).then(|| JsonLdArticle {
        other_date_published,
        date_modified,
        ..JsonLdArticle::default()
    })
}

/// Parses one `<script type="application/ld+json">`, forgiving the CDATA and comment
/// wrappers some sites put around it.
fn parse_block(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    let unwrapped = trimmed
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_start_matches("<!--")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim_end_matches("-->")
        .trim()
        .trim_end_matches(';');
    serde_json::from_str(unwrapped).ok()
}

/// Every JSON object in a value, depth-first (a `@graph`, a list, `mainEntity`, ...).
fn collect_objects<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Object(map) => {
            out.push(v);
            for child in map.values() {
                collect_objects(child, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_objects(item, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article(v: &Value) -> bool {
    types(v).iter().any(|t| {
        let t = t.trim_start_matches("schema:");
        ARTICLE_TYPES.contains(&t)
    })
}

/// Follows an `{"@id": ...}` reference to the full node, when the page has it.
fn resolve<'a>(v: &'a Value, index: &HashMap<&str, &'a Value>) -> &'a Value {
    match v.as_object() {
        Some(o) if o.len() == 1 => o
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| index.get(id).copied())
            .unwrap_or(v),
        _ => v,
    }
}

fn article_fields(a: &Value, index: &HashMap<&str, &Value>) -> JsonLdArticle {
    let (authors, author_organizations) = authors(a.get("author"), index);
    JsonLdArticle {
        article_body: a.get("articleBody").and_then(paragraphs_value),
        headline: a
            .get("headline")
            .or_else(|| a.get("name"))
            .and_then(text_value),
        date_published: a
            .get("datePublished")
            .or_else(|| a.get("dateCreated"))
            .and_then(text_value),
        date_modified: a.get("dateModified").and_then(text_value),
        other_date_published: None,
        authors,
        author_organizations,
        image: a
            .get("image")
            .and_then(|i| image_url(i, index))
            .or_else(|| a.get("thumbnailUrl").and_then(text_value)),
        keywords: keywords(a.get("keywords")),
        description: a.get("description").and_then(text_value),
        url: a
            .get("url")
            .and_then(text_value)
            .or_else(|| a.get("mainEntityOfPage").and_then(|m| page_url(m, index))),
        publisher: a
            .get("publisher")
            .map(|p| resolve(p, index))
            .and_then(|p| p.get("name"))
            .and_then(text_value),
        publisher_is_person: a
            .get("publisher")
            .map(|p| resolve(p, index))
            .is_some_and(|p| types(p).contains(&"Person")),
        is_article: true,
    }
}

/// A string value (or the first of a list), whitespace collapsed; HTML entities decoded.
fn text_value(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Array(a) => return a.iter().find_map(text_value),
        _ => return None,
    };
    let s = collapse_whitespace(&decode_entities(s));
    (!s.is_empty()).then_some(s)
}

/// A text of paragraphs: its lines with whitespace collapsed, empty ones left out.
fn paragraphs_value(v: &Value) -> Option<String> {
    let text = decode_entities(v.as_str()?);
    let lines: Vec<String> = text
        .lines()
        .map(collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// People and organizations named in `author`: a string, an object, a reference or a list.
fn authors(v: Option<&Value>, index: &HashMap<&str, &Value>) -> (Vec<String>, Vec<String>) {
    let mut people = Vec::new();
    let mut orgs = Vec::new();
    let items: Vec<&Value> = match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    for item in items {
        let item = resolve(item, index);
        match item {
            Value::String(_) => people.extend(text_value(item)),
            Value::Object(_) => {
                let Some(name) = item.get("name").and_then(text_value) else {
                    continue;
                };
                if types(item).iter().any(|t| t.contains("Organization")) {
                    orgs.push(name);
                } else {
                    people.push(name);
                }
            }
            _ => {}
        }
    }
    (people, orgs)
}

/// The URL of `image`: a string, an `ImageObject`, a reference or a list (first wins).
fn image_url(v: &Value, index: &HashMap<&str, &Value>) -> Option<String> {
    let v = resolve(v, index);
    match v {
        Value::String(_) => text_value(v),
        Value::Array(a) => a.iter().find_map(|i| image_url(i, index)),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(text_value),
        _ => None,
    }
}

fn page_url(v: &Value, index: &HashMap<&str, &Value>) -> Option<String> {
    let v = resolve(v, index);
    match v {
        Value::String(_) => text_value(v),
        Value::Object(o) => o.get("url").or_else(|| o.get("@id")).and_then(text_value),
        _ => None,
    }
}

/// `keywords`: a comma-separated string or a list of strings.
fn keywords(v: Option<&Value>) -> Vec<String> {
    let raw: Vec<String> = match v {
        Some(Value::String(s)) => s.split(',').map(str::to_string).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(text_value).collect(),
        _ => Vec::new(),
    };
    raw.iter()
        .map(|k| collapse_whitespace(&decode_entities(k)))
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Option<JsonLdArticle> {
        read_article(&Document::from(html))
    }

    #[test]
    fn graph_with_references() {
        let a = read(r##"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","@id":"p","name":"Page"},
            {"@type":"Article","headline":"H &#8211; x","author":{"@id":"#me"},"image":{"@id":"#img"},
             "keywords":["A","B"],"datePublished":"2024-02-18T14:05:12+00:00"},
            {"@type":"Person","@id":"#me","name":"Marcus Webb"},
            {"@type":"ImageObject","@id":"#img","url":"https://x/img.jpg"}]}</script>"##)
        .unwrap();
        assert_eq!(a.headline.as_deref(), Some("H – x"));
        assert_eq!(a.authors, ["Marcus Webb"]);
        assert_eq!(a.image.as_deref(), Some("https://x/img.jpg"));
        assert_eq!(a.keywords, ["A", "B"]);
    }

    #[test]
    fn lists_strings_and_organizations() {
        let a = read(r#"<script type="application/ld+json">
            //<![CDATA[
            [{"@type":["NewsArticle"],"headline":"H","author":[{"@type":"Organization","name":"Wire"},"Jane Doe"],
              "image":["https://x/1.jpg","https://x/2.jpg"],"keywords":"satu, dua ,tiga"}]
            //]]></script>"#)
        .unwrap();
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.author_organizations, ["Wire"]);
        assert_eq!(a.image.as_deref(), Some("https://x/1.jpg"));
        assert_eq!(a.keywords, ["satu", "dua", "tiga"]);
        assert!(
            read(r#"<script type="application/ld+json">{"@type":"WebSite"}</script>"#).is_none()
        );
        let page = read(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},
            {"@type":"WebPage","name":"About us","datePublished":"2019-10-18T13:07:38+00:00",
             "dateModified":"2020-01-02T10:00:00+00:00"}]}</script>"#,
        )
        .unwrap();
        assert_eq!(
            page.date_published, None,
            "no article node: no article date"
        );
        assert_eq!(
            page.other_date_published.as_deref(),
            Some("2019-10-18T13:07:38+00:00")
        );
        assert_eq!(
            page.date_modified.as_deref(),
            Some("2020-01-02T10:00:00+00:00")
        );
        assert_eq!(page.headline, None);
        assert!(read(r#"<script type="application/ld+json">{broken</script>"#).is_none());
    }
}
