//! Every HTML page of the site: which pages exist, and each one rendered through its template.

use anyhow::Result;
use rayon::prelude::*;
use tera::{Context, Value};

use super::links::rewrite_root_links;
use super::templates::Templates;
use super::values;
use crate::i18n::DateFormatter;
use crate::site::{Period, Site};
use crate::urls::{Links, page_path};

/// One page to render. Numbers are indices into the site's lists and 1-based page numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Home(usize),
    Article(usize),
    Tags,
    Tag(usize, usize),
    Archive,
    Year(usize),
    Month(usize, usize),
    Day(usize, usize),
    NotFound,
}

/// Renders pages of one site; holds what all pages share, built once.
pub struct PageRenderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    links: Links,
    dates: DateFormatter,
    /// One card per article (same order as `site.articles`).
    cards: Vec<Value>,
    /// Cards whose summary links to a site path, so relative mode must rewrite it per page.
    summary_has_site_links: Vec<bool>,
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

impl<'a> PageRenderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates, links: Links) -> PageRenderer<'a> {
        let dates = DateFormatter::new(&site.config.language);
        let cards = site
            .articles
            .par_iter()
            .map(|a| values::article_card(a, &links, &dates))
            .collect();
        let summary_has_site_links = site
            .articles
            .iter()
            .map(|a| a.summary_html.contains("=\"/"))
            .collect();
        PageRenderer {
            site,
            templates,
            links,
            dates,
            cards,
            summary_has_site_links,
        }
    }

    /// Every page of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let site = self.site;
        let per = site.config.paginate_by;
        let mut pages = Vec::new();
        pages.extend((1..=page_count(site.articles.len(), per)).map(Page::Home));
        pages.extend((0..site.articles.len()).map(Page::Article));
        pages.push(Page::Tags);
        for (t, tag) in site.tags.iter().enumerate() {
            pages.extend((1..=page_count(tag.articles.len(), per)).map(|n| Page::Tag(t, n)));
        }
        pages.push(Page::Archive);
        pages.extend((0..site.years.len()).map(Page::Year));
        for (m, month) in site.months.iter().enumerate() {
            pages.extend((1..=page_count(month.articles.len(), per)).map(|n| Page::Month(m, n)));
        }
        for (d, day) in site.days.iter().enumerate() {
            pages.extend((1..=page_count(day.articles.len(), per)).map(|n| Page::Day(d, n)));
        }
        pages.push(Page::NotFound);
        pages
    }

    /// The site path a page is published at.
    pub fn path(&self, page: Page) -> String {
        let site = self.site;
        match page {
            Page::Home(n) => page_path("/", n),
            Page::Article(i) => site.articles[i].path.clone(),
            Page::Tags => "/tags/".into(),
            Page::Tag(t, n) => page_path(&site.tags[t].path(), n),
            Page::Archive => "/archive/".into(),
            Page::Year(y) => site.years[y].path(),
            Page::Month(m, n) => page_path(&site.months[m].path(), n),
            Page::Day(d, n) => page_path(&site.days[d].path(), n),
            Page::NotFound => "/404.html".into(),
        }
    }

    /// Renders one page to HTML.
    pub fn render(&self, page: Page) -> Result<String> {
        let site = self.site;
        let path = self.path(page);
        let mut ctx = Context::new();
        ctx.insert("page_path", &path);
        let template = match page {
            Page::Home(n) => {
                ctx.insert_value("page_kind", "home".into());
                let all: Vec<usize> = (0..site.articles.len()).collect();
                self.insert_list(&mut ctx, "/", &all, n, &path);
                "index.html"
            }
            Page::Article(i) => {
                ctx.insert_value("page_kind", "article".into());
                self.insert_article(&mut ctx, i, &path);
                "article.html"
            }
            Page::Tags => {
                ctx.insert_value("page_kind", "tags".into());
                let tags: Vec<Value> = site.tags.iter().map(values::tag_value).collect();
                ctx.insert_value("tags", Value::from(tags));
                "tags.html"
            }
            Page::Tag(t, n) => {
                ctx.insert_value("page_kind", "tag".into());
                let tag = &site.tags[t];
                ctx.insert_value("tag", values::tag_value(tag));
                self.insert_list(&mut ctx, &tag.path(), &tag.articles, n, &path);
                "tag.html"
            }
            Page::Archive => {
                ctx.insert_value("page_kind", "archive".into());
                let years: Vec<Value> = site.years.iter().map(values::year_value).collect();
                ctx.insert_value("years", Value::from(years));
                "archive.html"
            }
            Page::Year(y) => {
                ctx.insert_value("page_kind", "year".into());
                let year = &site.years[y];
                ctx.insert_value("year", values::year_value(year));
                let months: Vec<Value> = site
                    .months
                    .iter()
                    .filter(|m| m.year == year.year)
                    .map(|m| values::period_value(site, m, &self.dates))
                    .collect();
                ctx.insert_value("months", Value::from(months));
                // `previous` is older: the next one in the newest-first list.
                ctx.insert_value(
                    "previous_year",
                    site.years
                        .get(y + 1)
                        .map(values::year_value)
                        .unwrap_or(Value::none()),
                );
                ctx.insert_value(
                    "next_year",
                    y.checked_sub(1)
                        .map(|n| values::year_value(&site.years[n]))
                        .unwrap_or(Value::none()),
                );
                "archive_year.html"
            }
            Page::Month(m, n) => {
                ctx.insert_value("page_kind", "month".into());
                let month = &site.months[m];
                let year = site
                    .years
                    .iter()
                    .find(|y| y.year == month.year)
                    .expect("month has its year");
                self.insert_period(&mut ctx, &site.months, m, year, n, &path);
                "archive_list.html"
            }
            Page::Day(d, n) => {
                ctx.insert_value("page_kind", "day".into());
                let day = &site.days[d];
                let month = site
                    .months
                    .iter()
                    .find(|m| m.year == day.year && m.month == day.month)
                    .expect("day has its month");
                self.insert_period(&mut ctx, &site.days, d, month, n, &path);
                "archive_list.html"
            }
            Page::NotFound => {
                ctx.insert_value("page_kind", "404".into());
                "404.html"
            }
        };
        self.templates.render(template, &ctx)
    }

    fn card(&self, i: usize, page: &str) -> Value {
        if self.links.is_relative() && self.summary_has_site_links[i] {
            let mut m = self.cards[i].as_map().cloned().unwrap_or_default();
            let summary = rewrite_root_links(&self.site.articles[i].summary_html, |p| {
                self.links.link(p, page)
            });
            m.insert("summary".into(), Value::safe_string(&summary));
            Value::from(m)
        } else {
            self.cards[i].clone()
        }
    }

    fn cards_of(&self, indices: &[usize], page: &str) -> Value {
        Value::from(
            indices
                .iter()
                .map(|&i| self.card(i, page))
                .collect::<Vec<_>>(),
        )
    }

    /// `articles` and `paginator` for page `n` of a list at `list_path`.
    fn insert_list(
        &self,
        ctx: &mut Context,
        list_path: &str,
        items: &[usize],
        n: usize,
        page: &str,
    ) {
        let per = self.site.config.paginate_by;
        let total_pages = page_count(items.len(), per);
        let start = ((n - 1) * per).min(items.len());
        let end = (start + per).min(items.len());
        ctx.insert_value("articles", self.cards_of(&items[start..end], page));
        ctx.insert_value(
            "paginator",
            values::paginator(list_path, n, total_pages, items.len(), per),
        );
    }

    fn insert_article(&self, ctx: &mut Context, i: usize, page: &str) {
        let site = self.site;
        let article = &site.articles[i];
        let mut full = values::article_full(&self.card(i, page), article);
        if article.content_html.contains("=\"/")
            && let Some(m) = full.as_map()
        {
            let mut m = m.clone();
            let content = rewrite_root_links(&article.content_html, |p| self.links.link(p, page));
            m.insert("content".into(), Value::safe_string(&content));
            full = Value::from(m);
        }
        ctx.insert_value("article", full);
        let neighbour = |j: Option<usize>| j.map(|j| self.card(j, page)).unwrap_or(Value::none());
        ctx.insert_value("newer", neighbour(site.newer(i)));
        ctx.insert_value("older", neighbour(site.older(i)));
        ctx.insert_value("related", self.cards_of(&site.related[i], page));
    }

    /// A month or day page: `period`, `up`, `previous_period`, `next_period`, the list.
    fn insert_period(
        &self,
        ctx: &mut Context,
        all: &[Period],
        k: usize,
        up: &Period,
        n: usize,
        page: &str,
    ) {
        let site = self.site;
        let period = &all[k];
        ctx.insert_value("period", values::period_value(site, period, &self.dates));
        ctx.insert_value("up", values::period_link(site, up, &self.dates));
        let link = |p: Option<&Period>| {
            p.map(|p| values::period_link(site, p, &self.dates))
                .unwrap_or(Value::none())
        };
        ctx.insert_value("previous_period", link(all.get(k + 1)));
        ctx.insert_value("next_period", link(k.checked_sub(1).map(|j| &all[j])));
        self.insert_list(ctx, &period.path(), &period.articles, n, page);
    }
}
