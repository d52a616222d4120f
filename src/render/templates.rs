//! The Tera environment: the theme's templates, the site's overrides, and cermin's filters.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Result, anyhow, bail};
use tera::{Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use super::cached_partial::{CachedPartial, TeraSlot};
use super::jsonld;
use super::links::ROOT_PATHS;
use crate::config::Config;
use crate::i18n::DateFormatter;
use crate::urls::Links;

/// Templates every theme must provide.
pub const REQUIRED: &[&str] = &[
    "index.html",
    "article.html",
    "tags.html",
    "tag.html",
    "archive.html",
    "archive_year.html",
    "archive_list.html",
    "404.html",
];

/// The theme's folder, checked to exist.
pub fn theme_dir(config: &Config) -> Result<PathBuf> {
    let dir = crate::text::in_root(&config.root, "themes").join(&config.theme);
    if !dir.is_dir() {
        bail!(
            "theme `{}` not found: there is no folder {}; set `theme` in site.toml to a folder under themes/",
            config.theme,
            dir.display()
        );
    }
    Ok(dir)
}

/// Template files by name: the theme's, then the site's own `templates/` replacing same names.
fn template_files(config: &Config) -> Result<Vec<(PathBuf, String)>> {
    let mut files: std::collections::BTreeMap<String, PathBuf> = Default::default();
    for dir in [
        theme_dir(config)?.join("templates"),
        config.root.join("templates"),
    ] {
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(|e| anyhow!("cannot read {}: {e}", dir.display()))?;
            if entry.file_type().is_file() {
                let name = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let name = name.to_string_lossy().replace('\\', "/");
                if !name.starts_with('.') {
                    files.insert(name, entry.path().to_path_buf());
                }
            }
        }
    }
    Ok(files.into_iter().map(|(name, path)| (path, name)).collect())
}

/// The compiled templates of a site, and the files they came from (for messages).
pub struct Templates {
    pub tera: Arc<Tera>,
    files: Vec<(PathBuf, String)>,
    root: PathBuf,
    /// Hash of every template's name and text (for the build cache).
    pub fingerprint: u64,
    /// The site's images, for `image_variant`: set before each render.
    pub images: crate::images::lookup::ImageIndex,
    /// What each template names of its context, to leave out values no page shows.
    reads: TemplateReads,
}

impl Templates {
    /// Renders one template; a failure names the template file and line.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e, &self.root, &self.files))
    }

    /// [`Templates::render`] as bytes, for pages that go straight to a file: no UTF-8 check
    /// of the whole page, and room for a typical page from the start.
    pub fn render_bytes(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, context, &mut out)
            .map_err(|e| template_error(&e, &self.root, &self.files))?;
        Ok(out)
    }

    /// Whether rendering `template` may read the context variable `variable`: a list page
    /// whose template never names `articles` needs no card values (most of a list page's
    /// cost when it shows only `cards_html`).
    pub fn reads(&self, template: &str, variable: &str) -> bool {
        self.reads.reads(template, variable)
    }
}

impl Templates {
    /// Loads and compiles every template once, with cermin's filters registered first.
    pub fn load(config: &Config, links: &Links) -> Result<Templates> {
        load(config, links)
    }
}

fn load(config: &Config, links: &Links) -> Result<Templates> {
    let (mut tera, tera_slot) = environment(config, links);
    let images = crate::images::lookup::ImageIndex::default();
    register_image_variant(&mut tera, images.clone());
    let files = template_files(config)?;
    let mut sources = Vec::with_capacity(files.len());
    let mut fingerprint = xxhash_rust::xxh3::Xxh3Default::new();
    for (path, name) in &files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow!("cannot read template {}: {e}", path.display()))?;
        std::hash::Hash::hash(&(name, &text), &mut fingerprint);
        sources.push((name.clone(), text));
    }
    // Every page's card tags show the default image's size: another file of another size in
    // its place must render them again, as a changed template does.
    std::hash::Hash::hash(&default_image_size(config), &mut fingerprint);
    let fingerprint = std::hash::Hasher::finish(&fingerprint);
    let sources_text: Vec<String> = sources.iter().map(|(_, text)| text.clone()).collect();
    tera.add_raw_templates(sources)
        .map_err(|e| template_error(&e, &config.root, &files))?;
    for name in REQUIRED {
        if !tera.contains_template(name) {
            bail!(
                "missing template `{name}`: the theme `{}` has no templates/{name}; add it to themes/{}/templates/ or to the site's templates/",
                config.theme,
                config.theme
            );
        }
    }
    if config.search.enabled && !tera.contains_template("search.html") {
        bail!(
            "missing template `search.html`: site.toml has `[search] enabled = true` but the theme `{}` has no templates/search.html; copy the default theme's into themes/{}/templates/ or the site's templates/, or set `enabled = false`",
            config.theme,
            config.theme
        );
    }
    let reads = TemplateReads::of(&tera, &sources_text);
    let tera = ready(tera, &tera_slot);
    Ok(Templates {
        tera,
        files,
        root: config.root.clone(),
        fingerprint,
        images,
        reads,
    })
}

/// The top-level context variables each template names, with the templates it extends and
/// includes (Tera's `get_template_variables`).
struct TemplateReads {
    /// `None`: every template may read any variable, because one dumps the whole context
    /// (`__tera_context`) or a component takes implicit arguments from its caller's scope,
    /// which no template names.
    names: Option<std::collections::HashMap<String, std::collections::HashSet<String>>>,
}

impl TemplateReads {
    fn of(tera: &Tera, sources: &[String]) -> TemplateReads {
        let dumps_context = sources.iter().any(|text| text.contains("__tera_context"));
        let implicit_arguments = tera.get_component_names().any(|name| {
            tera.get_component_definition(name)
                .is_some_and(|c| c.args().iter().any(|a| a.is_implicit()))
        });
        if dumps_context || implicit_arguments {
            return TemplateReads { names: None };
        }
        let names = tera
            .get_template_names()
            .filter_map(|name| {
                let vars = tera.get_template_variables(name).ok()?;
                Some((
                    name.to_string(),
                    vars.into_iter().map(String::from).collect(),
                ))
            })
            .collect();
        TemplateReads { names: Some(names) }
    }

    fn reads(&self, template: &str, variable: &str) -> bool {
        match &self.names {
            None => true,
            // A template it could not look into: assume it reads everything.
            Some(names) => names
                .get(template)
                .is_none_or(|vars| vars.contains(variable)),
        }
    }
}

/// `image_variant(path="/2024/05/27/a/foto.jpg", width=600, format="webp")`: the narrowest
/// variant of a bundle photo at least `width` wide (else the widest; never upscaled), as
/// `{url, width, height, type}` with a site path; in the photo's fallback format unless
/// `format="webp"`. None when `path` is no photo of the site.
fn register_image_variant(tera: &mut Tera, images: crate::images::lookup::ImageIndex) {
    tera.register_function(
        "image_variant",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let path: String = kwargs.must_get("path")?;
            let width: i64 = kwargs.get("width")?.unwrap_or(0);
            let format = match kwargs.get::<String>("format")?.as_deref() {
                None => None,
                Some("webp") => Some(crate::images::Format::Webp),
                Some(other) => {
                    return Err(tera::Error::message(format!(
                        "image_variant: format must be \"webp\" or left out (got \"{other}\")"
                    )));
                }
            };
            let width = u32::try_from(width.max(0)).unwrap_or(u32::MAX);
            Ok(match images.variant(&path, width, format) {
                Some(found) => super::values::map([
                    ("url", found.url.into()),
                    ("width", found.width.into()),
                    ("height", found.height.into()),
                    ("type", found.format.mime().into()),
                ]),
                None => Value::none(),
            })
        },
    );
}

/// A Tera environment with cermin's filters, functions and globals, and no templates yet.
/// [`ready`] it once its templates are added.
pub(super) fn environment(config: &Config, links: &Links) -> (Tera, TeraSlot) {
    let mut tera = Tera::new();
    register_filters(&mut tera, config, links);
    let tera_slot = TeraSlot::default();
    let cached_partial = CachedPartial::new(tera_slot.clone(), links.clone());
    tera.register_function("cached_partial", move |kwargs: Kwargs, state: &State| {
        cached_partial.call(kwargs, state)
    });
    tera.global_context()
        .insert_value("site", site_value(config));
    tera.global_context().insert("t", &config.strings);
    (tera, tera_slot)
}

/// The environment, shared, and known to the functions that render templates themselves.
pub(super) fn ready(tera: Tera, slot: &TeraSlot) -> Arc<Tera> {
    let tera = Arc::new(tera);
    let _ = slot.set(Arc::downgrade(&tera));
    tera
}

/// A Tera error as one message whose report names the template file, line and column.
pub fn template_error(
    e: &tera::Error,
    root: &std::path::Path,
    files: &[(PathBuf, String)],
) -> anyhow::Error {
    let mut msg = format!("template error: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    // Tera knows templates by name; show the file each name came from.
    for (path, name) in files {
        let shown = path.strip_prefix(root).unwrap_or(path);
        msg = msg.replace(
            &format!("--> {name}:"),
            &format!("--> {}:", shown.display()),
        );
    }
    anyhow!(msg)
}

fn register_filters(tera: &mut Tera, config: &Config, links: &Links) {
    let l = Arc::new(links.clone());
    let page_links = l.clone();
    tera.register_filter(
        "url",
        move |path: &str, _: Kwargs, state: &State| -> String {
            if !page_links.is_relative() {
                // Absolute links do not depend on the page: no context lookup.
                return page_links.link(path, "/");
            }
            // As a Value: its string is shared, not copied, on every link of every page.
            let from: Option<Value> = state.get("page_path").ok().flatten();
            let from = from.as_ref().and_then(Value::as_str).unwrap_or("/");
            if from == ROOT_PATHS {
                return path.to_string();
            }
            page_links.link(path, from)
        },
    );
    let srcset_links = l.clone();
    tera.register_filter(
        "srcset_url",
        move |srcset: &str, _: Kwargs, state: &State| -> String {
            // Each candidate's site path, as the `url` filter makes it on this page.
            let from: Option<Value> = state.get("page_path").ok().flatten();
            let from = from.as_ref().and_then(Value::as_str).unwrap_or("/");
            if srcset_links.is_relative() && from == ROOT_PATHS {
                return srcset.to_string();
            }
            srcset
                .split(", ")
                .map(|candidate| match candidate.split_once(' ') {
                    Some((path, width)) => format!("{} {width}", srcset_links.link(path, from)),
                    None => srcset_links.link(candidate, from),
                })
                .collect::<Vec<_>>()
                .join(", ")
        },
    );
    let abs_links = l;
    tera.register_filter(
        "abs_url",
        move |path: &str, _: Kwargs, _: &State| -> String { abs_links.absolute(path) },
    );
    let dates = DateFormatter::new(&config.language);
    let tz = config.timezone;
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format: String = kwargs
                .get("format")?
                .unwrap_or_else(|| "%Y-%m-%d".to_string());
            let date = chrono::DateTime::parse_from_rfc3339(value).map_err(|_| {
                tera::Error::message(format!("date filter: `{value}` is not an RFC 3339 date"))
            })?;
            Ok(dates.format(&date.with_timezone(&tz), &format))
        },
    );
    tera.register_filter(
        "jsonld",
        |value: Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let json = jsonld::json_sorted(&value)
                .map_err(|e| tera::Error::message(format!("jsonld: {e}")))?;
            Ok(Value::safe_string(&jsonld::escape_json_for_script(&json)))
        },
    );
    let publisher = jsonld::Publisher::new(&config.title, &config.language, links);
    tera.register_filter(
        "news_article_ld",
        move |article: Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let json = publisher
                .news_article(&article)
                .map_err(|e| tera::Error::message(format!("news_article_ld: {e}")))?;
            Ok(Value::safe_string(&jsonld::escape_json_for_script(&json)))
        },
    );
}

/// `site.menu`: the terms the taxonomies' `menu` lists, `{name, path}`, in order.
fn menu_value(config: &Config) -> Value {
    use super::values::map;
    let items: Vec<Value> = config
        .taxonomies
        .iter()
        .flat_map(|x| {
            x.menu.iter().map(|name| {
                let slug = crate::content::tags::slug_of(name, &x.slugs);
                map([
                    ("name", name.as_str().into()),
                    ("path", x.term_path(&slug).into()),
                ])
            })
        })
        .collect();
    Value::from(items)
}

/// `site.feeds`: `{rss, atom}`, the site path of each site feed published, else null.
fn site_feeds_value(formats: crate::config::FeedFormats) -> Value {
    let feed = |on: bool, path: &str| match on {
        true => Value::from(path),
        false => Value::none(),
    };
    super::values::map([
        ("rss", feed(formats.rss, "/rss.xml")),
        ("atom", feed(formats.atom, "/atom.xml")),
    ])
}

/// `site.default_image_card`: the type, pixel size and alt text (the site's title) of the
/// default image when it is a raster image of `static/`, for its social-card tags; none
/// otherwise.
fn default_image_card(config: &Config) -> Value {
    let Some((mime, width, height)) = default_image_size(config) else {
        return Value::none();
    };
    super::values::map([
        ("type", mime.into()),
        ("width", width.into()),
        ("height", height.into()),
        ("alt", config.title.as_str().into()),
    ])
}

/// The default image's type and published size, when it is a raster image of `static/`.
fn default_image_size(config: &Config) -> Option<(&'static str, u32, u32)> {
    let path = config.default_image.as_deref()?;
    // The static folders, the site's first (as `images::static_images` lists them).
    let mut dirs = vec![config.root.join("static")];
    dirs.extend(theme_dir(config).ok().map(|theme| theme.join("static")));
    crate::images::size_as_published(&dirs, path, config.images.max_pixels)
        .map(|(format, width, height)| (format.mime(), width, height))
}

/// The `site` object every template receives.
fn site_value(config: &Config) -> Value {
    use super::values::map;
    let credit = match config.source_credit {
        crate::config::SourceCredit::Link => "link",
        crate::config::SourceCredit::Canonical => "canonical",
    };
    map([
        ("title", config.title.as_str().into()),
        ("description", config.description.as_str().into()),
        ("base_url", config.base_url.as_str().into()),
        ("language", config.language.as_str().into()),
        ("author", config.author.as_str().into()),
        ("copyright", config.copyright.as_str().into()),
        ("relative_links", config.relative_links.into()),
        ("source_credit", credit.into()),
        (
            "default_image",
            config
                .default_image
                .as_deref()
                .map(Value::from)
                .unwrap_or(Value::none()),
        ),
        ("default_image_card", default_image_card(config)),
        ("extra", Value::from_serializable(&config.extra)),
        ("feeds", site_feeds_value(config.feeds.site.formats)),
        (
            "taxonomies",
            Value::from(
                config
                    .taxonomies
                    .iter()
                    .map(|x| {
                        map([
                            ("name", x.name.as_str().into()),
                            ("title", x.title.as_str().into()),
                            ("path", x.path().into()),
                        ])
                    })
                    .collect::<Vec<_>>(),
            ),
        ),
        ("menu", menu_value(config)),
        (
            "paths",
            map([
                ("home", "/".into()),
                ("tags", config.tags.path().into()),
                ("archive", "/archive/".into()),
                ("search", crate::search::PAGE_PATH.into()),
            ]),
        ),
        ("search", config.search.enabled.into()),
    ])
}

#[cfg(test)]
mod tests {
    use super::TemplateReads;
    use tera::Tera;

    fn reads_of(templates: &[(&str, &str)]) -> TemplateReads {
        let mut tera = Tera::new();
        tera.add_raw_templates(templates.iter().copied()).unwrap();
        let sources: Vec<String> = templates.iter().map(|(_, t)| t.to_string()).collect();
        TemplateReads::of(&tera, &sources)
    }

    #[test]
    fn a_template_reads_what_it_its_parents_and_its_includes_name() {
        let reads = reads_of(&[
            ("base.html", "{{ site_name }}{% block main %}{% endblock %}"),
            (
                "tag.html",
                "{% extends \"base.html\" %}{% block main %}{% include \"list.html\" %}{% endblock %}",
            ),
            (
                "list.html",
                "{% for html in cards_html %}{{ html }}{% endfor %}",
            ),
            (
                "index.html",
                "{% for card in articles %}{{ card.title }}{% endfor %}",
            ),
        ]);
        assert!(reads.reads("tag.html", "cards_html"));
        assert!(reads.reads("tag.html", "site_name"));
        assert!(!reads.reads("tag.html", "articles"));
        assert!(reads.reads("index.html", "articles"));
        assert!(!reads.reads("index.html", "cards_html"));
        // A loop's own variable is not the context's.
        assert!(!reads.reads("index.html", "card"));
        // A template it does not know: anything.
        assert!(reads.reads("other.html", "articles"));
    }

    #[test]
    fn dumping_the_context_reads_everything() {
        let reads = reads_of(&[
            ("tag.html", "{{ __tera_context }}"),
            ("index.html", "{{ title }}"),
        ]);
        assert!(reads.reads("tag.html", "articles"));
        assert!(reads.reads("index.html", "articles"));
    }

    #[test]
    fn a_component_taking_implicit_arguments_reads_everything() {
        let reads = reads_of(&[
            (
                "components.html",
                "{% component Cards(@articles) %}{% for a in articles %}{{ a }}{% endfor %}{% endcomponent Cards %}",
            ),
            ("tag.html", "{{ <Cards/> }}"),
        ]);
        assert!(reads.reads("tag.html", "articles"));
    }
}
