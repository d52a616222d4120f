//! The dev server's incremental rebuilds are always right: after every step of a long random
//! sequence of edits, the in-memory site is byte for byte a fresh full build of the same files.

mod common;
use std::path::PathBuf;

use cermin::session::{Changes, Session, SessionOptions, render_fresh};
use common::Fixture;

/// A small deterministic random number generator (xorshift), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
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

fn options() -> SessionOptions {
    SessionOptions {
        drafts: false,
        future: false,
        base_url: Some("http://127.0.0.1:1111".into()),
    }
}

struct World {
    f: Fixture,
    rng: Rng,
    /// Article files that exist (relative to the root).
    files: Vec<String>,
    counter: usize,
}

impl World {
    fn article_text(&mut self, title: &str) -> String {
        let day = 1 + self.rng.below(28);
        let month = 1 + self.rng.below(12);
        let year = 2023 + self.rng.below(3);
        let hour = self.rng.below(24);
        let t1 = TAGS[self.rng.below(TAGS.len())];
        let t2 = TAGS[self.rng.below(TAGS.len())];
        let para = self.rng.next() % 1000;
        format!(
            "---\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02} {hour:02}:15\ntags: [{t1}, {t2}]\n---\n\nParagraf {para} dengan [tautan](/tags/).\n\n## Bagian\n\nIsi lanjutan {para}.\n"
        )
    }

    fn pick(&mut self) -> Option<String> {
        if self.files.is_empty() {
            None
        } else {
            let i = self.rng.below(self.files.len());
            Some(self.files[i].clone())
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.f.root().join(rel)
    }

    fn replace_in(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        std::fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    /// Makes one random edit; returns what it did and the paths a watcher would report.
    fn step(&mut self) -> (String, Vec<PathBuf>) {
        let action = self.rng.below(13);
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
                let toml = format!(
                    "{}paginate_by = {per}\nrelated_count = {}\n",
                    common::SITE_TOML.replace("paginate_by = 2\n", ""),
                    self.rng.below(4)
                );
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

fn first_difference(a: &cermin::session::Files, b: &cermin::session::Files) -> Option<String> {
    let mut keys: Vec<&std::sync::Arc<str>> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        match (a.get(k), b.get(k)) {
            (Some(x), Some(y)) if x == y => {}
            (Some(_), Some(_)) => return Some(format!("{k} differs")),
            (Some(_), None) => return Some(format!("{k} served but not built")),
            (None, Some(_)) => return Some(format!("{k} built but not served")),
            (None, None) => unreachable!(),
        }
    }
    None
}

#[test]
fn random_edits_always_match_a_full_build() {
    for seed in [0x9e3779b97f4a7c15u64, 0x1234_5678_9abc_def1] {
        let mut world = World {
            f: Fixture::new(),
            rng: Rng(seed),
            files: Vec::new(),
            counter: 0,
        };
        for i in 0..12 {
            let rel = format!("content/awal-{i}.md");
            let text = world.article_text(&format!("Artikel Awal {i}"));
            world.f.write(&rel, &text);
            world.files.push(rel);
        }
        let mut session = Session::open(world.f.root(), options()).unwrap();
        let mut history = Vec::new();
        for _ in 0..70 {
            let (what, paths) = world.step();
            history.push(what);
            session
                .rebuild(&Changes {
                    paths,
                    rescan: false,
                })
                .unwrap_or_else(|e| panic!("{}: {e}", history.join("\n")));
            let fresh = render_fresh(world.f.root(), options()).unwrap();
            if let Some(diff) = first_difference(&session.files(), &fresh) {
                panic!("after:\n{}\n{diff}", history.join("\n"));
            }
        }
        // And the served site equals what `cermin build` writes to disk.
        let run = world.f.build(&["--base-url", "http://127.0.0.1:1111"]);
        assert!(run.ok, "{}", run.stderr);
        let on_disk: cermin::session::Files = common::snapshot(&world.f.root().join("public"))
            .into_iter()
            .map(|(p, b)| (p.into(), std::sync::Arc::new(b)))
            .collect();
        assert_eq!(first_difference(&session.files(), &on_disk), None);
    }
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_fixing_it_recovers() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Satu.");
    let mut session = Session::open(f.root(), options()).unwrap();
    let before = session.files();
    f.write("content/a.md", "---\ntitle: A\ndate: nanti\n---\nDua.\n");
    let err = session
        .rebuild(&Changes {
            rescan: false,
            paths: vec![f.root().join("content/a.md")],
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("content/a.md:3: date: `nanti` is not a date"),
        "{err}"
    );
    assert!(
        std::sync::Arc::ptr_eq(&before, &session.files()),
        "the last good site stays"
    );
    f.article("content/a.md", "A", "2024-01-01", "", "Tiga.");
    session
        .rebuild(&Changes {
            rescan: false,
            paths: vec![f.root().join("content/a.md")],
        })
        .unwrap();
    let page = session.files()["2024/01/01/a/index.html"].clone();
    assert!(String::from_utf8_lossy(&page).contains("Tiga."));
}

#[test]
fn a_css_change_is_reported_as_css_only() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Satu.");
    let mut session = Session::open(f.root(), options()).unwrap();
    f.write("static/style.css", "body{}");
    let report = session
        .rebuild(&Changes {
            rescan: false,
            paths: vec![f.root().join("static/style.css")],
        })
        .unwrap();
    assert!(report.css_only);
    assert_eq!(&**session.files().get("style.css").unwrap(), b"body{}");
    f.article("content/a.md", "A", "2024-01-01", "", "Dua.");
    let report = session
        .rebuild(&Changes {
            rescan: false,
            paths: vec![f.root().join("content/a.md")],
        })
        .unwrap();
    assert!(!report.css_only);
}

#[test]
fn a_static_change_while_an_article_is_broken_keeps_the_error_and_the_article() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Satu.");
    let mut session = Session::open(f.root(), options()).unwrap();
    f.write("content/a.md", "---\ntitle: A\ndate: nanti\n---\nDua.\n");
    let change = |p: &str| Changes {
        rescan: false,
        paths: vec![f.root().join(p)],
    };
    assert!(session.rebuild(&change("content/a.md")).is_err());
    f.write("static/style.css", "body{}");
    let err = session.rebuild(&change("static/style.css")).unwrap_err();
    assert!(err.to_string().contains("`nanti` is not a date"), "{err}");
    assert!(
        session.files().contains_key("2024/01/01/a/index.html"),
        "the last good article stays"
    );
}

#[test]
fn a_change_nobody_can_see_changes_no_file() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Satu.");
    let mut session = Session::open(f.root(), options()).unwrap();
    f.write("content/catatan.txt", "bukan artikel");
    let report = session
        .rebuild(&Changes {
            rescan: false,
            paths: vec![f.root().join("content/catatan.txt")],
        })
        .unwrap();
    assert_eq!(report.changed_files, 0);
    f.article("content/a.md", "A", "2024-01-01", "", "Dua.");
    let report = session
        .rebuild(&Changes {
            rescan: false,
            paths: vec![f.root().join("content/a.md")],
        })
        .unwrap();
    assert!(report.changed_files >= 1);
}
