//! The dev server's incremental rebuilds are always right: after every step of a long random
//! sequence of edits, the served site is byte for byte a fresh full build of the same files.
//! The sessions here keep no served file in memory (a budget of nothing): every file of 1 KB
//! or more waits in the scratch file, and is compared from there.

use crate::common::Fixture;
use crate::common::edits::World;
use cermin::session::{Changes, Session, SessionOptions, render_fresh};

fn options() -> SessionOptions {
    SessionOptions {
        drafts: false,
        future: false,
        base_url: Some("http://127.0.0.1:1111".into()),
        served_memory_mb: Some(0),
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
        let mut world = World::new(seed, 12);
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
        // Compared from the scratch file: the budget of nothing holds no page.
        assert!(session.files().values().any(|f| f.in_scratch_file()));
        // The search index is part of what is compared, after edits of its words too.
        assert!(session.files().keys().any(|k| k.starts_with("search/t/")));
        assert!(history.iter().any(|h| h.starts_with("edit words")));
        // And the served site equals what `cermin build` writes to disk.
        let run = world.f.build(&["--base-url", "http://127.0.0.1:1111"]);
        assert!(run.ok, "{}", run.stderr);
        let on_disk: cermin::session::Files =
            crate::common::snapshot(&world.f.root().join("public"))
                .into_iter()
                .map(|(p, b)| (p.into(), b.into()))
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
    assert!(String::from_utf8_lossy(&page.bytes().unwrap()).contains("Tiga."));
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
    assert_eq!(&*session.files()["style.css"].bytes().unwrap(), b"body{}");
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

/// A rebuild that panics (a bug: here a test fault, debug builds only) at any step of a random
/// sequence of edits is caught; the session starts over and the next rebuild is again a fresh
/// full build of the same files.
#[cfg(debug_assertions)]
#[test]
fn after_a_rebuild_that_panics_the_next_one_matches_a_full_build() {
    use cermin::internal_error::{catch, is_internal};
    cermin::test_fault::panic_on_reading_named("meledak-acak.md");
    for seed in [0x2545_f491_4f6c_dd1du64, 0x0bad_cafe_f00d_1234] {
        let mut world = World::new(seed, 10);
        let mut session = Session::open(world.f.root(), options()).unwrap();
        let bomb = world.path("content/meledak-acak.md");
        let mut history = Vec::new();
        let mut panics = 0;
        for _ in 0..40 {
            let (what, mut paths) = world.step();
            history.push(what);
            if world.rng.below(3) == 0 {
                std::fs::write(&bomb, "---\ntitle: Bom\ndate: 2024-01-01\n---\nx\n").unwrap();
                paths.push(bomb.clone());
                let err = catch("rebuilding", || {
                    session.rebuild(&Changes {
                        paths,
                        rescan: false,
                    })
                })
                .unwrap_err();
                assert!(is_internal(&err), "{err}");
                session.start_over();
                panics += 1;
                // The next save takes the file away again.
                std::fs::remove_file(&bomb).unwrap();
                paths = vec![bomb.clone()];
                history.push("(a rebuild panicked)".into());
            }
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
        assert!(panics > 5, "only {panics} panics: the test proves little");
    }
}

#[test]
fn a_photo_changed_added_or_deleted_in_a_bundle_matches_a_full_build() {
    let f = Fixture::new();
    let folder = f.root().join("content/2024/05/banjir");
    f.write(
        "content/2024/05/banjir/index.md",
        "---\ntitle: Banjir\ndate: 2024-05-27\nimage: foto.jpg\n---\n\n![Peta](peta.jpg)\n\nTeks.\n",
    );
    let photo = folder.join("foto.jpg");
    let map = folder.join("peta.jpg");
    std::fs::write(&photo, crate::images::jpeg(900, 600)).unwrap();
    let mut session = Session::open(f.root(), options()).unwrap();
    // Each step: which file, and its new size (None: deleted).
    let steps = [
        ("photo resized", &photo, Some((700, 700))),
        ("map added", &map, Some((500, 300))),
        ("map changed", &map, Some((400, 300))),
        ("map deleted", &map, None),
    ];
    for (what, file, size) in steps {
        match size {
            Some((w, h)) => std::fs::write(file, crate::images::jpeg(w, h)).unwrap(),
            None => std::fs::remove_file(file).unwrap(),
        }
        session
            .rebuild(&Changes {
                paths: vec![photo.clone(), map.clone()],
                rescan: false,
            })
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let fresh = render_fresh(f.root(), options()).unwrap();
        assert_eq!(first_difference(&session.files(), &fresh), None, "{what}");
    }
    let page = session.files();
    let page = String::from_utf8_lossy(
        &page[&std::sync::Arc::from("2024/05/27/banjir/index.html")]
            .bytes()
            .unwrap(),
    )
    .into_owned();
    assert!(page.contains(r#"width="700" height="700""#), "{page}");
}

/// Saves `rel` with `text` and rebuilds; then the session serves what a full build makes.
fn save_and_compare(session: &mut Session, f: &Fixture, rel: &str, text: &str, what: &str) {
    f.write(rel, text);
    session
        .rebuild(&Changes {
            paths: vec![f.root().join(rel)],
            rescan: false,
        })
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let fresh = render_fresh(f.root(), options()).unwrap();
    assert_eq!(first_difference(&session.files(), &fresh), None, "{what}");
}

fn article_text(n: usize, title: &str, extra: &str, body: &str) -> String {
    let tags = ["Ekonomi", "Politik", "Hukum"];
    format!(
        "---\ntitle: \"{title}\"\ndate: 2024-0{}-{:02} 10:00\ntags: [{}, {}]\n{extra}---\n\n{body}\n",
        1 + n % 3,
        1 + n,
        tags[n % 3],
        tags[(n + 1) % 3],
    )
}

#[test]
fn edits_that_keep_every_article_in_its_place_match_a_full_build() {
    // Lists of two a page, related articles and feeds: an article shows on many pages.
    let f = Fixture::with_config(&format!(
        "{}related_count = 3\n[search]\nenabled = true\n",
        crate::common::SITE_TOML
    ));
    for n in 0..14 {
        let text = article_text(n, &format!("Berita {n}"), "", "Satu dua tiga.");
        f.write(&format!("content/b{n}.md"), &text);
    }
    let mut session = Session::open(f.root(), options()).unwrap();
    let steps: [(usize, &str, &str, &str, &str); 8] = [
        (3, "Berita 3", "", "Satu dua tiga empat.", "a body"),
        (
            3,
            "Judul Baru",
            "",
            "Satu dua tiga empat.",
            "a title, on every list",
        ),
        (
            0,
            "Berita 0",
            "updated: 2024-05-05 08:00\n",
            "Satu.",
            "the sitemap's lastmod",
        ),
        (
            13,
            "Berita 13",
            "description: Ringkas\n",
            "Satu.",
            "the newest, in feeds",
        ),
        (7, "Berita 7", "draft: true\n", "Satu.", "made a draft"),
        (7, "Berita 7", "draft: true\n", "Dua.", "a draft's body"),
        (7, "Berita 7", "", "Dua.", "a draft published again"),
        (3, "Berita 3", "", "Satu dua tiga empat.", "the title back"),
    ];
    for (n, title, extra, body, what) in steps {
        let text = article_text(n, title, extra, body);
        save_and_compare(&mut session, &f, &format!("content/b{n}.md"), &text, what);
    }
}

#[test]
fn an_article_that_comes_due_between_edits_is_published() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Satu.");
    // Two seconds from now: left out at first, published by the first save after.
    let due = chrono::Utc::now() + chrono::Duration::seconds(2);
    let date = due.format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    f.article("content/nanti.md", "Nanti", &date, "", "Belum.");
    let mut session = Session::open(f.root(), options()).unwrap();
    assert!(!session.files().keys().any(|k| k.contains("nanti")));
    while chrono::Utc::now() <= due {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let text = "---\ntitle: \"A\"\ndate: 2024-01-01\n---\n\nDua.\n";
    save_and_compare(&mut session, &f, "content/a.md", text, "an edit after");
    assert!(session.files().keys().any(|k| k.contains("nanti")));
}

/// The dev server keeps each article's card (rendered through `partials/card.html`) between
/// saves: a change of that template makes every card again, an edit only the edited one's.
#[test]
fn cards_follow_the_card_template_and_the_edited_article() {
    let f = Fixture::new();
    for n in 0..6 {
        let text = article_text(n, &format!("Berita {n}"), "", "Satu dua tiga.");
        f.write(&format!("content/b{n}.md"), &text);
    }
    let card = |class: &str| {
        format!(
            "<p class=\"{class}\"><a href=\"{{{{ card.path | url }}}}\">{{{{ card.title }}}}</a></p>\n"
        )
    };
    f.write("templates/partials/card.html", &card("kartu"));
    let mut session = Session::open(f.root(), options()).unwrap();
    let home = |session: &Session| {
        let files = session.files();
        String::from_utf8_lossy(&files[&std::sync::Arc::from("index.html")].bytes().unwrap())
            .into_owned()
    };
    assert!(home(&session).contains("<p class=\"kartu\">"));
    save_and_compare(
        &mut session,
        &f,
        "templates/partials/card.html",
        &card("kartu-baru"),
        "the card template",
    );
    let page = home(&session);
    assert!(
        page.contains("<p class=\"kartu-baru\">") && !page.contains("<p class=\"kartu\">"),
        "{page}"
    );
    let text = article_text(2, "Judul Baru", "", "Satu dua tiga.");
    save_and_compare(&mut session, &f, "content/b2.md", &text, "a title");
    assert!(home(&session).contains(">Judul Baru</a></p>"));
}

/// With `[build] body_memory_mb = 0` every card of the site would not fit the budget, so the
/// session keeps none between saves (a large site's cards were a third of the dev server's
/// memory): each list makes the cards it shows, and the cards through `partials/card.html`
/// wait in the render's scratch file. An edit of a card shown on other pages, and a tag added
/// and removed again, still give the files of a full build.
#[test]
fn cards_made_on_demand_follow_an_edited_card_and_a_tag_added_and_removed() {
    let f = Fixture::with_config(&format!(
        "{}related_count = 3\n[build]\nbody_memory_mb = 0\n",
        crate::common::SITE_TOML
    ));
    for n in 0..8 {
        let text = article_text(n, &format!("Berita {n}"), "", "Satu dua tiga.");
        f.write(&format!("content/b{n}.md"), &text);
    }
    // Cards shorter than 512 bytes stay in memory whatever the budget: this one is longer.
    let pad = "x".repeat(600);
    f.write(
        "templates/partials/card.html",
        &format!(
            "<p class=\"kartu\" data-pad=\"{pad}\"><a href=\"{{{{ card.path | url }}}}\">{{{{ card.title }}}}</a></p>\n"
        ),
    );
    let mut session = Session::open(f.root(), options()).unwrap();
    let fresh = render_fresh(f.root(), options()).unwrap();
    assert_eq!(first_difference(&session.files(), &fresh), None);
    assert!(served_page(&session, "index.html").contains(">Berita 2</a></p>"));
    let tagged = |session: &Session, tag: &str| -> Vec<String> {
        let mut pages: Vec<String> = session
            .files()
            .keys()
            .filter(|k| k.contains(&format!("/{tag}/")) && k.ends_with(".html"))
            .map(|k| k.to_string())
            .collect();
        pages.sort();
        pages
    };
    // b2's card is on the home page, its tags' pages and its neighbours' related lists.
    let text = article_text(2, "Judul Baru", "", "Satu dua tiga.");
    save_and_compare(&mut session, &f, "content/b2.md", &text, "a title");
    let home = served_page(&session, "index.html");
    assert!(home.contains(">Judul Baru</a></p>") && !home.contains(">Berita 2</a></p>"));
    let with_tag = "---\ntitle: \"Judul Baru\"\ndate: 2024-03-03 10:00\ntags: [Hukum, Cuaca]\n---\n\nSatu dua tiga.\n";
    save_and_compare(&mut session, &f, "content/b2.md", with_tag, "a tag added");
    let pages = tagged(&session, "cuaca");
    assert!(!pages.is_empty(), "no page of the new tag");
    for page in &pages {
        assert!(
            served_page(&session, page).contains(">Judul Baru</a></p>"),
            "{page}"
        );
    }
    save_and_compare(&mut session, &f, "content/b2.md", &text, "the tag removed");
    assert_eq!(tagged(&session, "cuaca"), Vec::<String>::new());
}

/// With `[build] body_memory_mb = 0` the session keeps every long article body in its scratch
/// file, as a build does: the pages, feeds and search index that show them, before and after
/// edits of those bodies, are still a full build's.
#[test]
fn bodies_kept_in_the_scratch_file_give_the_files_of_a_full_build() {
    let f = Fixture::with_config(&format!(
        "{}[search]\nenabled = true\n[build]\nbody_memory_mb = 0\n",
        crate::common::SITE_TOML
    ));
    let body = |n: usize, word: &str| format!("{word} {n} ").repeat(150);
    for n in 0..6 {
        let text = article_text(n, &format!("Berita {n}"), "", &body(n, "kata"));
        f.write(&format!("content/b{n}.md"), &text);
    }
    let mut session = Session::open(f.root(), options()).unwrap();
    let fresh = render_fresh(f.root(), options()).unwrap();
    assert_eq!(first_difference(&session.files(), &fresh), None);
    for (n, word) in [(2, "banjir"), (4, "gempa"), (2, "kemarau")] {
        let text = article_text(n, &format!("Berita {n}"), "", &body(n, word));
        let rel = format!("content/b{n}.md");
        save_and_compare(&mut session, &f, &rel, &text, word);
    }
    let page = session.files()["2024/03/03/b2/index.html"]
        .bytes()
        .unwrap()
        .into_owned();
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("kemarau 2 kemarau 2"), "{page}");
}

/// The served site as `cermin build` writes it to disk (with the session's address).
fn built_on_disk(f: &Fixture) -> cermin::session::Files {
    f.build_ok(&["--base-url", "http://127.0.0.1:1111"]);
    crate::common::snapshot(&f.root().join("public"))
        .into_iter()
        .map(|(p, b)| (p.into(), b.into()))
        .collect()
}

/// The served page at `path`, as text.
fn served_page(session: &Session, path: &str) -> String {
    let files = session.files();
    String::from_utf8_lossy(&files[&std::sync::Arc::from(path)].bytes().unwrap()).into_owned()
}

#[test]
fn a_static_photo_changed_added_or_removed_matches_a_full_build() {
    a_static_photo_changed_added_or_removed(false);
}

#[test]
fn a_static_photo_changed_added_or_removed_and_found_by_a_rescan_matches_a_full_build() {
    a_static_photo_changed_added_or_removed(true);
}

/// The steps of the two tests above; `rescan`: the watcher missed events and asks for every
/// file to be checked (no path named).
fn a_static_photo_changed_added_or_removed(rescan: bool) {
    let f = Fixture::with_config(&format!(
        "{}[images]\nwidths = [480, 960]\n",
        crate::common::SITE_TOML
    ));
    f.article(
        "content/peta.md",
        "Peta",
        "2024-05-01",
        "",
        "![Peta](/images/p.jpg)",
    );
    // Names a photo `static/` does not have yet.
    f.article(
        "content/baru.md",
        "Baru",
        "2024-05-02",
        "",
        "![Baru](/images/baru.jpg)",
    );
    f.article("content/teks.md", "Teks", "2024-05-03", "", "Tanpa gambar.");
    let photo = f.root().join("static/images/p.jpg");
    let new_photo = f.root().join("static/images/baru.jpg");
    std::fs::create_dir_all(photo.parent().unwrap()).unwrap();
    std::fs::write(&photo, crate::images::jpeg(1000, 500)).unwrap();
    let mut session = Session::open(f.root(), options()).unwrap();
    assert!(served_page(&session, "2024/05/01/peta/index.html").contains(r#"width="1000""#));
    // Each step: which file, and its new size (None: removed).
    let steps = [
        ("p.jpg resized", &photo, Some((600, 300))),
        ("baru.jpg added", &new_photo, Some((800, 400))),
        ("p.jpg removed", &photo, None),
    ];
    for (what, file, size) in steps {
        match size {
            Some((w, h)) => std::fs::write(file, crate::images::jpeg(w, h)).unwrap(),
            None => std::fs::remove_file(file).unwrap(),
        }
        // As the watcher reports it: the one file of `static/`, or nothing but a rescan.
        let paths = match rescan {
            false => vec![file.clone()],
            true => Vec::new(),
        };
        session
            .rebuild(&Changes { paths, rescan })
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let fresh = render_fresh(f.root(), options()).unwrap();
        assert_eq!(first_difference(&session.files(), &fresh), None, "{what}");
        assert_eq!(
            first_difference(&session.files(), &built_on_disk(&f)),
            None,
            "{what}"
        );
        let (peta, baru) = (
            served_page(&session, "2024/05/01/peta/index.html"),
            served_page(&session, "2024/05/02/baru/index.html"),
        );
        match what {
            "p.jpg resized" => {
                assert!(peta.contains(r#"width="600" height="300""#), "{peta}");
                assert!(session.files().contains_key("images/p-480w.webp"));
                assert!(!session.files().contains_key("images/p-960w.webp"));
            }
            "baru.jpg added" => {
                assert!(baru.contains(r#"width="800" height="400""#), "{baru}");
                assert!(session.files().contains_key("images/baru-480w.webp"));
            }
            _ => {
                assert!(!peta.contains("<picture"), "{peta}");
                assert!(!session.files().contains_key("images/p-480w.webp"));
            }
        }
    }
}
