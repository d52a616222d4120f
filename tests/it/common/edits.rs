//! A long random sequence of edits to a site (create, edit, move, delete articles; change
//! templates, settings and static files), shared by the incremental-build tests.

use std::path::PathBuf;

use super::Fixture;

/// A small deterministic random number generator (xorshift), so failures replay.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TAGS: &[&str] = &[
    "Ekonomi",
    "Cuaca",
    "Jakarta",
    "Olahraga",
    "Budaya",
    "Teknologi",
];

/// Words the body edits write, some in many articles: each edit changes the postings of the
/// search index's terms (and their impacts, with how often a word is written).
const WORDS: &[&str] = &[
    "banjir",
    "membangun",
    "pembangunan",
    "jalan",
    "pasar",
    "harga",
    "beras",
    "gempa",
];

const AUTHORS: &[&str] = &["Fajar Nugroho", "Dewi Anggraini", "Sari", "Budi Santoso"];

/// (source URL, source_name or none): one outlet named only by its host.
const OUTLETS: &[(&str, Option<&str>)] = &[
    ("https://www.kabar.example/a", Some("Kabar Kota")),
    ("https://warta.example/b", None),
    ("https://pesisir.example/c", Some("Warta Pesisir")),
];

const SECTIONS: &[&str] = &["Politik", "Ekonomi", "politik", "Olahraga"];

/// The taxonomies the edited site declares, besides settings steps rewrite.
const TAXONOMIES: &str = "[[taxonomies]]\nname = \"sources\"\n[[taxonomies]]\nname = \"authors\"\n[[taxonomies]]\nname = \"categories\"\n";

pub struct World {
    pub f: Fixture,
    pub rng: Rng,
    /// Article files that exist (relative to the root).
    pub files: Vec<String>,
    pub counter: usize,
}

/// The worlds' sites have search on, so every check of their output covers the index too.
fn with_search(site_toml: &str) -> String {
    format!("{site_toml}[search]\nenabled = true\n")
}

impl World {
    /// A fixture site with `n` articles, and the random sequence `seed`.
    pub fn new(seed: u64, n: usize) -> World {
        let mut world = World {
            f: Fixture::with_config(&with_search(&format!("{}{TAXONOMIES}", super::SITE_TOML))),
            rng: Rng(seed),
            files: Vec::new(),
            counter: 0,
        };
        for i in 0..n {
            let rel = format!("content/awal-{i}.md");
            let text = world.article_text(&format!("Artikel Awal {i}"));
            world.f.write(&rel, &text);
            world.files.push(rel);
        }
        world
    }

    pub fn article_text(&mut self, title: &str) -> String {
        let day = 1 + self.rng.below(28);
        let month = 1 + self.rng.below(12);
        let year = 2023 + self.rng.below(3);
        let hour = self.rng.below(24);
        let t1 = TAGS[self.rng.below(TAGS.len())];
        let t2 = TAGS[self.rng.below(TAGS.len())];
        let para = self.rng.next() % 1000;
        let (author, source, section) =
            (self.author_line(), self.source_lines(), self.section_line());
        format!(
            "---\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02} {hour:02}:15\ntags: [{t1}, {t2}]\n{author}\n{source}\n{section}\n---\n\nParagraf {para} dengan [tautan](/tags/).\n\n## Bagian\n\nIsi lanjutan {para}.\n"
        )
    }

    /// One or two reporters, written the ways bylines write them.
    fn author_line(&mut self) -> String {
        let a = AUTHORS[self.rng.below(AUTHORS.len())];
        let b = AUTHORS[self.rng.below(AUTHORS.len())];
        match self.rng.below(4) {
            0 => format!("author: \"{a}\""),
            1 => format!("author: \"{a}, {b}\""),
            2 => format!("author: \"{} dan {b}\"", a.to_lowercase()),
            _ => format!("authors: [\"{a}\", \"{b}\"]"),
        }
    }

    fn source_lines(&mut self) -> String {
        match OUTLETS[self.rng.below(OUTLETS.len())] {
            (url, Some(name)) => format!("source: {url}\nsource_name: {name}"),
            (url, None) => format!("source: {url}\nsource_name: \"\""),
        }
    }

    fn section_line(&mut self) -> String {
        format!("category: {}", SECTIONS[self.rng.below(SECTIONS.len())])
    }

    /// Replaces the front matter lines that start with `prefix` (and the `source_name`
    /// line with `source:`) by `line`.
    fn replace_field(&self, rel: &str, prefix: &str, line: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        let mut out = String::new();
        let mut done = false;
        for l in text.split_inclusive('\n') {
            let ours = l.starts_with(prefix)
                || (prefix == "source:" && l.starts_with("source_name:"))
                || (prefix == "author" && l.starts_with("authors:"));
            if ours {
                if !done {
                    out.push_str(line);
                    out.push('\n');
                    done = true;
                }
            } else {
                out.push_str(l);
            }
        }
        std::fs::write(self.path(rel), out).unwrap();
    }

    pub fn pick(&mut self) -> Option<String> {
        if self.files.is_empty() {
            None
        } else {
            let i = self.rng.below(self.files.len());
            Some(self.files[i].clone())
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.f.root().join(rel)
    }

    fn replace_in(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        std::fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    /// Makes one random edit; returns what it did and the paths a watcher would report.
    pub fn step(&mut self) -> (String, Vec<PathBuf>) {
        let action = self.rng.below(18);
        self.counter += 1;
        let n = self.counter;
        match (action, self.pick()) {
            (0, _) | (_, None) => {
                let rel = format!("content/baru-{n}.md");
                let text = self.article_text(&format!("Artikel Baru {n}"));
                self.f.write(&rel, &text);
                self.files.push(rel.clone());
                (format!("create {rel}"), vec![self.path(&rel)])
            }
            (1, Some(rel)) => {
                self.replace_in(&rel, "Isi lanjutan", &format!("Isi diubah {n}"));
                (format!("edit body {rel}"), vec![self.path(&rel)])
            }
            (2, Some(rel)) => {
                let text = std::fs::read_to_string(self.path(&rel)).unwrap();
                let title_line = text.lines().nth(1).unwrap().to_string();
                self.replace_in(&rel, &title_line, &format!("title: \"Judul Diubah {n}\""));
                (format!("edit title {rel}"), vec![self.path(&rel)])
            }
            (3, Some(rel)) => {
                let text = std::fs::read_to_string(self.path(&rel)).unwrap();
                let date_line = text.lines().nth(2).unwrap().to_string();
                let fresh = self.article_text("x");
                let new_date = fresh.lines().nth(2).unwrap().to_string();
                self.replace_in(&rel, &date_line, &new_date);
                (format!("edit date {rel}"), vec![self.path(&rel)])
            }
            (4, Some(rel)) => {
                let text = std::fs::read_to_string(self.path(&rel)).unwrap();
                let tags_line = text.lines().nth(3).unwrap().to_string();
                let t = TAGS[self.rng.below(TAGS.len())];
                self.replace_in(&rel, &tags_line, &format!("tags: [{t}]"));
                (format!("edit tags {rel}"), vec![self.path(&rel)])
            }
            (5, Some(rel)) => {
                let to = format!("content/sub/pindah-{n}.md");
                std::fs::create_dir_all(self.path("content/sub")).unwrap();
                std::fs::rename(self.path(&rel), self.path(&to)).unwrap();
                self.files.retain(|f| f != &rel);
                self.files.push(to.clone());
                (
                    format!("rename {rel} -> {to}"),
                    vec![self.path(&rel), self.path(&to)],
                )
            }
            (6, Some(rel)) => {
                std::fs::remove_file(self.path(&rel)).unwrap();
                self.files.retain(|f| f != &rel);
                (format!("delete {rel}"), vec![self.path(&rel)])
            }
            (7, _) => {
                let rel = "templates/tag.html";
                let theme = std::fs::read_to_string(self.path("themes/default/templates/tag.html"))
                    .unwrap();
                self.f.write(
                    rel,
                    &theme.replacen(
                        "{% block main %}",
                        &format!("{{% block main %}}<!-- versi {n} -->"),
                        1,
                    ),
                );
                (format!("template edit {rel}"), vec![self.path(rel)])
            }
            (8, _) => {
                let per = 1 + self.rng.below(4);
                // A new title too: the header and footer are cached partials that show it.
                // The taxonomies too, now and then under other segments and without feeds.
                let taxonomies = match self.rng.below(3) {
                    0 => TAXONOMIES.replace(
                        "\"authors\"\n",
                        "\"authors\"\nsegment = \"penulis\"\nfeeds = false\n",
                    ),
                    _ => TAXONOMIES.to_string(),
                };
                let toml = with_search(&format!(
                    "{}paginate_by = {per}\nrelated_count = {}\n{taxonomies}",
                    super::SITE_TOML
                        .replace("paginate_by = 2\n", "")
                        .replace("title = \"Uji\"", &format!("title = \"Uji {n}\"")),
                    self.rng.below(4)
                ));
                self.f.write("site.toml", &toml);
                (
                    format!("site.toml paginate_by = {per}"),
                    vec![self.path("site.toml")],
                )
            }
            (9, _) => {
                self.f
                    .write("static/extra.css", &format!("body {{ --n: {n}; }}"));
                ("static css".into(), vec![self.path("static/extra.css")])
            }
            (11, _) if self.path("content/sub").is_dir() => {
                // A whole folder renamed, as a `git mv` or a file manager does.
                let to = format!("content/sub{n}");
                std::fs::rename(self.path("content/sub"), self.path(&to)).unwrap();
                for f in self.files.iter_mut() {
                    if let Some(rest) = f.strip_prefix("content/sub/") {
                        *f = format!("{to}/{rest}");
                    }
                }
                (
                    format!("rename folder content/sub -> {to}"),
                    vec![self.path("content/sub"), self.path(&to)],
                )
            }
            (13, _) => {
                // The site overrides a partial the theme renders through `cached_partial`.
                let rel = "templates/partials/site_footer.html";
                let theme = std::fs::read_to_string(
                    self.path("themes/default/templates/partials/site_footer.html"),
                )
                .unwrap();
                self.f.write(
                    rel,
                    &theme.replacen("<footer", &format!("<!-- kaki {n} --><footer"), 1),
                );
                (format!("partial edit {rel}"), vec![self.path(rel)])
            }
            (14, Some(rel)) => {
                let line = self.author_line();
                self.replace_field(&rel, "author", &line);
                (format!("edit authors {rel}: {line}"), vec![self.path(&rel)])
            }
            (15, Some(rel)) => {
                let lines = self.source_lines();
                self.replace_field(&rel, "source:", &lines);
                (format!("edit source {rel}: {lines}"), vec![self.path(&rel)])
            }
            (17, Some(rel)) => {
                // New words for the body's last line, some of them repeated.
                let text = std::fs::read_to_string(self.path(&rel)).unwrap();
                let last = text.lines().last().unwrap().to_string();
                let words: Vec<&str> = (0..1 + self.rng.below(6))
                    .map(|_| WORDS[self.rng.below(WORDS.len())])
                    .collect();
                let line = format!("Isi {}.", words.join(" "));
                self.replace_in(&rel, &last, &line);
                (format!("edit words {rel}: {line}"), vec![self.path(&rel)])
            }
            (16, Some(rel)) => {
                let line = self.section_line();
                self.replace_field(&rel, "category:", &line);
                (
                    format!("edit category {rel}: {line}"),
                    vec![self.path(&rel)],
                )
            }
            (12, _) => {
                // Many files at once, as a `git checkout` does.
                let mut paths = Vec::new();
                for k in 0..3 {
                    let rel = format!("content/sub/borong-{n}-{k}.md");
                    let text = self.article_text(&format!("Borongan {n} {k}"));
                    self.f.write(&rel, &text);
                    self.files.push(rel.clone());
                    paths.push(self.path(&rel));
                }
                if let Some(victim) = self.pick() {
                    std::fs::remove_file(self.path(&victim)).unwrap();
                    self.files.retain(|f| f != &victim);
                    paths.push(self.path(&victim));
                }
                (format!("burst of files {n}"), paths)
            }
            (_, Some(rel)) => {
                // Draft toggling moves an article in and out of every list.
                let text = std::fs::read_to_string(self.path(&rel)).unwrap();
                if text.contains("draft: true\n") {
                    self.replace_in(&rel, "draft: true\n", "");
                } else {
                    self.replace_in(&rel, "---\n\n", "draft: true\n---\n\n");
                }
                (format!("toggle draft {rel}"), vec![self.path(&rel)])
            }
        }
    }
}
