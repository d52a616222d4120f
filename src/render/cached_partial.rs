//! `cached_partial(name="partials/site_header.html", page_kind=page_kind)`: a template rendered
//! once per distinct set of arguments and reused on every page, like Hugo's `partialCached`.
//! The site header and footer are the same on thousands of pages, and rendering them on each
//! was a tenth of a build.
//!
//! The partial sees only its arguments and the globals (`site`, `t`), so equal arguments give
//! equal HTML. It is rendered with site paths; in relative-links mode they are made relative
//! to each page that shows it, as cards are.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, OnceLock, RwLock, Weak};

use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use super::links::{for_page, fragment_page_path};
use crate::urls::Links;

/// The Tera the function renders with, set once it is built (it holds the function itself).
pub type TeraSlot = Arc<OnceLock<Weak<Tera>>>;

/// The `cached_partial` function of one Tera environment.
pub struct CachedPartial {
    tera: TeraSlot,
    links: Links,
    /// Rendered partials by page class (see [`Links::page_class`]), name and arguments.
    rendered: RwLock<HashMap<String, Arc<str>, ahash::RandomState>>,
}

impl CachedPartial {
    pub fn new(tera: TeraSlot, links: Links) -> CachedPartial {
        CachedPartial {
            tera,
            links,
            rendered: RwLock::default(),
        }
    }

    pub fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        let name = kwargs.must_get::<&str>("name")?;
        // In relative mode, the page's place decides its links; pages alike share an entry.
        let page: Option<Value> = if self.links.is_relative() {
            state.get("page_path")?
        } else {
            None
        };
        let page = page.as_ref().and_then(Value::as_str).unwrap_or("/");
        let mut key = String::with_capacity(64);
        let _ = write!(key, "{}", self.links.page_class(page));
        for (k, v) in kwargs.iter() {
            key.push('\0');
            key.push_str(k.as_str().unwrap_or(""));
            // The type too: `1` and `"1"` print alike but compare differently.
            match (v.as_str(), v.as_bool()) {
                (Some(s), _) => {
                    key.push_str("\0s");
                    key.push_str(s);
                }
                (None, Some(b)) => key.push_str(if b { "\0t" } else { "\0f" }),
                (None, None) => {
                    let _ = write!(key, "\0{v}");
                }
            }
        }
        let cached = self.rendered.read().expect("cache lock").get(&key).cloned();
        let html = match cached {
            Some(html) => html,
            None => {
                let html = self.render(name, &kwargs)?;
                let html: Arc<str> = for_page(&self.links, &html, page).into();
                self.rendered
                    .write()
                    .expect("cache lock")
                    .insert(key, html.clone());
                html
            }
        };
        Ok(Value::safe_string(&html))
    }

    fn render(&self, name: &str, kwargs: &Kwargs) -> TeraResult<String> {
        let tera = self
            .tera
            .get()
            .and_then(Weak::upgrade)
            .ok_or_else(|| tera::Error::message("cached_partial: templates are not ready"))?;
        if !tera.contains_template(name) {
            return Err(tera::Error::message(format!(
                "cached_partial: there is no template `{name}`: add templates/{name} to the theme or the site"
            )));
        }
        let mut ctx = Context::new();
        for (k, v) in kwargs.iter() {
            if let Some(k) = k.as_str()
                && k != "name"
            {
                ctx.insert_value(k.to_string(), v.clone());
            }
        }
        // Without `page_path` as an argument, `url` writes site paths, made relative per page.
        if kwargs.get::<Value>("page_path")?.is_none() {
            ctx.insert("page_path", fragment_page_path(&self.links));
        }
        tera.render(name, &ctx)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;
    use crate::render::templates::{environment, ready};

    const NAV: &str = r#"<nav>{% if at_home %}<b>{{ site.title }}</b>{% endif %}<a href="{{ "/tags/" | url }}">{{ t.tags }}</a><a href="https://x.example/">x</a></nav>"#;
    const PAGE: &str = r#"{{ cached_partial(name="nav.html", at_home=page_path == "/") | safe }}|{{ cached_partial(name="nav.html", at_home=page_path == "/") | safe }}"#;

    /// A Tera environment for a site at `base_url`, with the two templates above.
    fn tera(relative: bool) -> (Arc<Tera>, Links) {
        let toml = format!(
            "title = \"Kabar\"\nbase_url = \"https://kabar.example/m\"\nrelative_links = {relative}\n"
        );
        let config = Config::parse(Path::new("/s"), Path::new("/s/site.toml"), &toml).unwrap();
        let links = Links::new(&config.base_url, relative);
        let (mut tera, slot) = environment(&config, &links);
        tera.add_raw_templates([("nav.html", NAV), ("page.html", PAGE)])
            .unwrap();
        (ready(tera, &slot), links)
    }

    fn page(tera: &Tera, path: &str) -> String {
        let mut ctx = Context::new();
        ctx.insert("page_path", path);
        tera.render("page.html", &ctx).unwrap()
    }

    #[test]
    fn relative_links_follow_each_page_and_arguments_pick_the_variant() {
        let (tera, _) = tera(true);
        let nav = |home: &str, tags: &str| {
            format!(
                "<nav>{home}<a href=\"{tags}\">Tags</a><a href=\"https://x.example/\">x</a></nav>"
            )
        };
        let twice = |s: String| format!("{s}|{s}");
        let deep = "../../../../tags/index.html";
        assert_eq!(
            page(&tera, "/"),
            twice(nav("<b>Kabar</b>", "tags/index.html"))
        );
        assert_eq!(page(&tera, "/tags/"), twice(nav("", "../tags/index.html")));
        assert_eq!(page(&tera, "/2024/05/02/banjir/"), twice(nav("", deep)));
        assert_eq!(page(&tera, "/2023/01/01/lain/"), twice(nav("", deep)));
        // Served at any missing path: links from the site's root path.
        assert_eq!(page(&tera, "/404.html"), twice(nav("", "/m/tags/")));
    }

    #[test]
    fn absolute_links_are_the_same_on_every_page() {
        let (tera, _) = tera(false);
        let expected = "<nav><a href=\"https://kabar.example/m/tags/\">Tags</a><a href=\"https://x.example/\">x</a></nav>";
        assert_eq!(
            page(&tera, "/2024/05/02/banjir/"),
            format!("{expected}|{expected}")
        );
        assert_eq!(page(&tera, "/tags/x/"), format!("{expected}|{expected}"));
    }

    #[test]
    fn a_missing_partial_is_named() {
        let (tera, _) = tera(false);
        let err = tera
            .render_str(
                r#"{{ cached_partial(name="partials/nope.html") }}"#,
                &Context::new(),
                false,
            )
            .unwrap_err();
        let mut msg = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            msg.push_str(&format!(" / {s}"));
            source = s.source();
        }
        assert!(
            msg.contains("cached_partial: there is no template `partials/nope.html`: add templates/partials/nope.html to the theme or the site"),
            "{msg}"
        );
    }
}
