//! JSON-LD for `<script type="application/ld+json">`: the `jsonld` filter's sorted JSON of any
//! value, and the `news_article_ld` filter's schema.org `NewsArticle` of an article, written
//! in Rust because a template literal of the same object cost a tenth of a build.

use tera::value::Key;
use tera::{Map, Value};

use crate::urls::Links;

/// JSON with every map's keys sorted (Tera's maps keep insertion order, which templates that
/// build a value piece by piece do not control), written straight from the Tera value. Map
/// entries whose value is `none` are left out, so a template can write optional properties
/// in one literal (`"image": image if image else none`).
pub fn json_sorted(value: &Value) -> serde_json::Result<String> {
    fn write(value: &Value, out: &mut Vec<u8>) -> serde_json::Result<()> {
        if let Some(map) = value.as_map() {
            let mut entries: Vec<(&str, &Value)> = Vec::with_capacity(map.len());
            for (key, v) in map {
                if v.is_none() {
                    continue;
                }
                match key.as_str() {
                    Some(k) => entries.push((k, v)),
                    // Non-string keys: serde_json's own conversion turns them into strings.
                    None => return serde_json::to_writer(out, &serde_json::to_value(value)?),
                }
            }
            entries.sort_unstable_by_key(|&(k, _)| k);
            out.push(b'{');
            for (n, (k, v)) in entries.into_iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, k)?;
                out.push(b':');
                write(v, out)?;
            }
            out.push(b'}');
            Ok(())
        } else if let Some(items) = value.as_array() {
            out.push(b'[');
            for (n, v) in items.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                write(v, out)?;
            }
            out.push(b']');
            Ok(())
        } else {
            serde_json::to_writer(out, value)
        }
    }
    let mut out = Vec::with_capacity(1024);
    write(value, &mut out)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// Makes JSON safe inside `<script>`: no `</script>`, no `<!--`, no HTML entities.
pub fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let mut plain_from = 0;
    for i in memchr::memchr3_iter(b'<', b'>', b'&', json.as_bytes()) {
        out.push_str(&json[plain_from..i]);
        out.push_str(match json.as_bytes()[i] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        plain_from = i + 1;
    }
    out.push_str(&json[plain_from..]);
    out
}

/// What every article's JSON-LD says about the site that publishes it.
pub struct Publisher {
    links: Links,
    /// `"publisher":{…}` and `"inLanguage":"…"`, written once.
    publisher_json: String,
    language_json: String,
}

impl Publisher {
    /// For a site called `title`, written in `language`.
    pub fn new(title: &str, language: &str, links: &Links) -> Publisher {
        let mut publisher = Vec::new();
        publisher.extend_from_slice(br#"{"@type":"Organization","name":"#);
        json_string(&mut publisher, title);
        publisher.extend_from_slice(br#","url":"#);
        json_string(&mut publisher, &links.absolute("/"));
        publisher.push(b'}');
        let mut language_json = Vec::new();
        json_string(&mut language_json, language);
        Publisher {
            links: links.clone(),
            publisher_json: String::from_utf8(publisher).expect("JSON is UTF-8"),
            language_json: String::from_utf8(language_json).expect("JSON is UTF-8"),
        }
    }

    /// The `NewsArticle` of an article value (as templates get it), keys sorted, properties
    /// without a value left out. The default theme's article page shows it.
    pub fn news_article(&self, article: &Value) -> Result<String, String> {
        let a = article
            .as_map()
            .ok_or("expects an article, such as `article`")?;
        let text = |key: &'static str| {
            field(a, key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
        };
        let title = text("title").ok_or("the article has no `title`")?;
        let date = text("date").ok_or("the article has no `date`")?;
        let path = text("path").ok_or("the article has no `path`")?;
        let permalink = self.links.absolute(path);
        // A site path becomes absolute; a full or protocol-relative URL stays as written.
        let image = text("image").map(|image| {
            if image.starts_with('/') && !image.starts_with("//") {
                self.links.absolute(image)
            } else {
                image.to_string()
            }
        });
        let names = |key: &'static str, inner: Option<&'static str>| -> Vec<&str> {
            let items = field(a, key).and_then(Value::as_array).unwrap_or(&[]);
            items
                .iter()
                .filter_map(|v| match inner {
                    Some(k) => v.as_map().and_then(|m| field(m, k)).and_then(Value::as_str),
                    None => v.as_str(),
                })
                .collect()
        };
        let authors = names("authors", None);
        let keywords = names("tags", Some("name"));

        let mut out = Vec::with_capacity(1024);
        out.extend_from_slice(br#"{"@context":"https://schema.org","@type":"NewsArticle""#);
        if !authors.is_empty() {
            out.extend_from_slice(br#","author":"#);
            json_list(&mut out, &authors, |out, name| {
                out.extend_from_slice(br#"{"@type":"Person","name":"#);
                json_string(out, name);
                out.push(b'}');
            });
        }
        out.extend_from_slice(br#","dateModified":"#);
        json_string(&mut out, text("updated").unwrap_or(date));
        out.extend_from_slice(br#","datePublished":"#);
        json_string(&mut out, date);
        if let Some(description) = text("description") {
            out.extend_from_slice(br#","description":"#);
            json_string(&mut out, description);
        }
        out.extend_from_slice(br#","headline":"#);
        json_string(&mut out, title);
        if let Some(image) = &image {
            out.extend_from_slice(br#","image":["#);
            json_string(&mut out, image);
            out.push(b']');
        }
        out.extend_from_slice(br#","inLanguage":"#);
        out.extend_from_slice(self.language_json.as_bytes());
        if let Some(source) = text("source") {
            out.extend_from_slice(br#","isBasedOn":"#);
            json_string(&mut out, source);
        }
        if !keywords.is_empty() {
            out.extend_from_slice(br#","keywords":"#);
            json_list(&mut out, &keywords, json_string);
        }
        out.extend_from_slice(br#","mainEntityOfPage":{"@id":"#);
        json_string(&mut out, &permalink);
        out.extend_from_slice(br#","@type":"WebPage"},"publisher":"#);
        out.extend_from_slice(self.publisher_json.as_bytes());
        out.extend_from_slice(br#","url":"#);
        json_string(&mut out, &permalink);
        out.extend_from_slice(br#","wordCount":"#);
        let word_count = field(a, "word_count").ok_or("the article has no `word_count`")?;
        serde_json::to_writer(&mut out, word_count).map_err(|e| e.to_string())?;
        out.push(b'}');
        Ok(String::from_utf8(out).expect("JSON is UTF-8"))
    }
}

fn field<'m>(map: &'m Map, key: &'static str) -> Option<&'m Value> {
    map.get(&Key::Str(key))
        .filter(|v| !v.is_none() && !v.is_undefined())
}

/// `[item,item,…]`, each item written by `write`.
fn json_list(out: &mut Vec<u8>, items: &[&str], write: impl Fn(&mut Vec<u8>, &str)) {
    out.push(b'[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

fn json_string(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(out, s).expect("a string serializes");
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Value;

    #[test]
    fn jsonld_sorts_keys_like_serde_json_and_escapes_for_script() {
        use crate::render::values::map;
        // Built in an unsorted order, as a template builds its JSON-LD.
        let value = map([
            ("z", Value::from(1)),
            (
                "a",
                Value::from(vec![
                    map([
                        ("y", Value::from("</script>")),
                        ("b", Value::from(2.5)),
                        ("x", Value::none()),
                    ]),
                    Value::from(true),
                    Value::from(-3),
                ]),
            ),
            (
                "m",
                map([
                    ("é", Value::from("\"q\" & <b>")),
                    ("A", Value::from("tab\there")),
                ]),
            ),
            ("@type", Value::from("NewsArticle")),
            ("image", Value::none()),
        ]);
        let mut expected = serde_json::to_value(&value).unwrap();
        // Keys with no value are left out, at the top and inside lists of maps alike.
        expected.as_object_mut().unwrap().remove("image");
        expected["a"][0].as_object_mut().unwrap().remove("x");
        let expected = serde_json::to_string(&expected).unwrap();
        assert_eq!(json_sorted(&value).unwrap(), expected);
        assert_eq!(
            escape_json_for_script(&expected),
            r#"{"@type":"NewsArticle","a":[{"b":2.5,"y":"\u003c/script\u003e"},true,-3],"m":{"A":"tab\there","é":"\"q\" \u0026 \u003cb\u003e"},"z":1}"#
        );
    }

    /// The article page's JSON-LD as a template literal, as the default theme wrote it before
    /// `news_article_ld`: the filter must give the same bytes.
    const LITERAL: &str = r#"{%- set permalink = article.path | abs_url %}
{%- set image_abs = "" %}
{%- if article.image %}{% set image_abs = article.image | abs_url if article.image is starting_with(pat="/") and not article.image is starting_with(pat="//") else article.image %}{% endif %}
{%- set ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title, "datePublished": article.date, "dateModified": article.updated or article.date, "url": permalink, "mainEntityOfPage": {"@type": "WebPage", "@id": permalink}, "inLanguage": site.language, "wordCount": article.word_count, "publisher": {"@type": "Organization", "name": site.title, "url": "/" | abs_url}, "description": article.description or none, "author": [{"@type": "Person", "name": name} for name in article.authors] if article.authors else none, "image": [image_abs] if image_abs else none, "keywords": [tg.name for tg in article.tags] if article.tags else none, "isBasedOn": article.source or none} %}
{{- ld | jsonld | safe }}"#;

    #[test]
    fn news_article_ld_writes_what_the_template_literal_wrote() {
        use crate::render::values::map;
        let links = Links::new("https://berita.example/mirror", false);
        let mut tera = tera::Tera::new();
        let abs = links.clone();
        tera.register_filter(
            "abs_url",
            move |path: &str, _: tera::Kwargs, _: &tera::State| abs.absolute(path),
        );
        tera.register_filter(
            "jsonld",
            |value: Value, _: tera::Kwargs, _: &tera::State| {
                Value::safe_string(&escape_json_for_script(&json_sorted(&value).unwrap()))
            },
        );
        tera.add_raw_template("ld", LITERAL).unwrap();
        let publisher = Publisher::new("Kabar <Nusantara> & \"Co\"", "id", &links);
        let tag = |name: &str| map([("name", name.into()), ("path", "/tags/x/".into())]);
        let full = || {
            map([
                ("title", "Banjir </script> di \"Jakarta\"".into()),
                ("date", "2024-05-02T09:30:00+07:00".into()),
                ("updated", "2024-05-03T10:00:00+07:00".into()),
                ("path", "/2024/05/02/banjir/".into()),
                ("word_count", 412.into()),
                ("description", "Air naik & surut.".into()),
                ("authors", Value::from(vec!["Ani", "Budi <B>"])),
                (
                    "tags",
                    Value::from(vec![tag("Cuaca"), tag("Jakarta & Sekitarnya")]),
                ),
                ("image", "/images/banjir.jpg".into()),
                ("source", "https://sumber.example/a?b=1&c=2".into()),
            ])
        };
        let with = |changes: &[(&'static str, Value)]| {
            let mut m = full().as_map().unwrap().clone();
            for (k, v) in changes {
                m.insert((*k).into(), v.clone());
            }
            Value::from(m)
        };
        let cases = [
            full(),
            with(&[("image", "//cdn.example/x.jpg".into())]),
            with(&[("image", "https://cdn.example/x.jpg".into())]),
            with(&[
                ("updated", Value::none()),
                ("description", "".into()),
                ("authors", Value::from(Vec::<Value>::new())),
                ("tags", Value::from(Vec::<Value>::new())),
                ("image", Value::none()),
                ("source", Value::none()),
            ]),
        ];
        for article in cases {
            let mut ctx = tera::Context::new();
            ctx.insert_value("article", article.clone());
            ctx.insert_value(
                "site",
                map([
                    ("title", "Kabar <Nusantara> & \"Co\"".into()),
                    ("language", "id".into()),
                ]),
            );
            let expected = tera.render("ld", &ctx).unwrap();
            let json = publisher.news_article(&article).unwrap();
            assert_eq!(escape_json_for_script(&json), expected);
        }
        assert_eq!(
            publisher.news_article(&Value::from("x")).unwrap_err(),
            "expects an article, such as `article`"
        );
        let untitled = with(&[("title", Value::none())]);
        assert_eq!(
            publisher.news_article(&untitled).unwrap_err(),
            "the article has no `title`"
        );
        let mut uncounted = full().as_map().unwrap().clone();
        uncounted.shift_remove(&tera::value::Key::Str("word_count"));
        assert_eq!(
            publisher.news_article(&Value::from(uncounted)).unwrap_err(),
            "the article has no `word_count`"
        );
    }

    #[test]
    fn a_template_that_misuses_news_article_ld_is_told_how() {
        let config = crate::config::Config::parse(
            std::path::Path::new("/s"),
            std::path::Path::new("/s/site.toml"),
            "title = \"Kabar\"\nbase_url = \"https://kabar.example\"\n",
        )
        .unwrap();
        let links = Links::new(&config.base_url, false);
        let (mut tera, _) = crate::render::templates::environment(&config, &links);
        tera.add_raw_template("page.html", "{{ page_kind | news_article_ld }}")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("page_kind", "home");
        let err = tera.render("page.html", &ctx).unwrap_err();
        let mut msg = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            msg.push_str(&format!(" / {s}"));
            source = s.source();
        }
        assert!(
            msg.contains("news_article_ld: expects an article, such as `article`"),
            "{msg}"
        );
    }
}
