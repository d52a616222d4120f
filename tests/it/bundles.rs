//! Page bundles: `content/…/slug/index.md` with its own files beside it (see
//! docs/content.md, "Page bundles").

use crate::common::{Fixture, SITE_TOML};
use cermin::session::{Changes, Session, SessionOptions, render_fresh};

/// A small real photo (a page shows a file that is no picture as its description).
fn photo_bytes() -> Vec<u8> {
    crate::images::jpeg(8, 6)
}

fn site(relative: bool) -> Fixture {
    let f = Fixture::with_config(&format!(
        "{SITE_TOML}permalink = \"/:year/:month/:day/:slug/\"\nrelative_links = {relative}\n"
    ));
    f.write(
        "content/2024/05/banjir-jakarta/index.md",
        "---\ntitle: Banjir\ndate: 2024-05-27\nimage: foto.jpg\n---\n\n![Air naik](foto.jpg)\n\nLaporan: [pdf](dok/laporan.pdf) dan <a href=\"dok/laporan.pdf\">lagi</a>.\n",
    );
    std::fs::write(
        f.root().join("content/2024/05/banjir-jakarta/foto.jpg"),
        photo_bytes(),
    )
    .unwrap();
    f.write("content/2024/05/banjir-jakarta/dok/laporan.pdf", "%PDF-1.4");
    f.article("content/lain.md", "Lain", "2024-05-20", "", "Biasa.");
    f
}

#[test]
fn a_bundle_is_named_by_its_folder_and_its_files_sit_beside_its_page() {
    let f = site(false);
    f.build_ok(&[]);
    let page = "2024/05/27/banjir-jakarta/";
    assert_eq!(
        std::fs::read(f.public(&format!("{page}foto.jpg"))).unwrap(),
        photo_bytes()
    );
    assert_eq!(f.read(&format!("{page}dok/laporan.pdf")), "%PDF-1.4");
    assert!(
        !f.exists(&format!("{page}index.md")),
        "the Markdown is not published"
    );
    assert!(
        f.exists("2024/05/20/lain/index.html"),
        "plain articles stay as they are"
    );
    let html = f.read(&format!("{page}index.html"));
    let photo = "https://uji.example/2024/05/27/banjir-jakarta/foto.jpg";
    assert!(
        html.contains(&format!("<img src=\"{photo}\" srcset=\"{photo} 8w\"")),
        "{html}"
    );
    assert!(
        html.contains(&format!("<meta property=\"og:image\" content=\"{photo}\"")),
        "{html}"
    );
    let pdf = "href=\"https://uji.example/2024/05/27/banjir-jakarta/dok/laporan.pdf\"";
    assert_eq!(html.matches(pdf).count(), 2, "{html}");
    // Feeds and list cards, away from the page, point at the same files.
    let feed = f.read("atom.xml");
    assert!(feed.contains(photo), "{feed}");
    // The lead image is the site's own file: RSS gives its size.
    let enclosure = format!(
        "<enclosure url=\"{photo}\" length=\"{}\" type=\"image/jpeg\"/>",
        photo_bytes().len()
    );
    assert!(
        f.read("rss.xml").contains(&enclosure),
        "{}",
        f.read("rss.xml")
    );
    assert!(f.read("index.html").contains(photo));
}

#[test]
fn in_relative_mode_bundle_files_are_linked_from_each_page() {
    let f = site(true);
    f.build_ok(&[]);
    let html = f.read("2024/05/27/banjir-jakarta/index.html");
    // Relative links go up to the site's root and down, as every link of the page does.
    let up = "../../../../2024/05/27/banjir-jakarta/";
    // The body's photo and the lead image.
    for alt in ["Air naik", "Banjir"] {
        assert!(
            html.contains(&format!(
                "<img src=\"{up}foto.jpg\" srcset=\"{up}foto.jpg 8w\" sizes=\"(max-width: 44rem) 100vw, 44rem\" width=\"8\" height=\"6\" alt=\"{alt}\""
            )),
            "{alt}\n{html}"
        );
    }
    assert_eq!(
        html.matches(&format!("href=\"{up}dok/laporan.pdf\""))
            .count(),
        2,
        "{html}"
    );
    let og = "<meta property=\"og:image\" content=\"https://uji.example/2024/05/27/banjir-jakarta/foto.jpg\">";
    assert!(html.contains(og), "{html}");
    let home = f.read("index.html");
    assert!(
        home.contains("src=\"2024/05/27/banjir-jakarta/foto.jpg\""),
        "{home}"
    );
    // Feeds always use absolute URLs.
    let feed = f.read("atom.xml");
    assert!(feed.contains("https://uji.example/2024/05/27/banjir-jakarta/foto.jpg"));
}

#[test]
fn with_html_permalinks_the_files_go_in_a_folder_named_after_the_page() {
    let f = Fixture::with_config(&format!("{SITE_TOML}permalink = \"/:slug.html\"\n"));
    f.article(
        "content/banjir/index.md",
        "Banjir",
        "2024-05-27",
        "",
        "![x](foto.jpg)",
    );
    std::fs::write(f.root().join("content/banjir/foto.jpg"), photo_bytes()).unwrap();
    f.build_ok(&[]);
    assert!(f.exists("banjir.html"));
    assert_eq!(
        std::fs::read(f.public("banjir/foto.jpg")).unwrap(),
        photo_bytes()
    );
    assert!(
        f.read("banjir.html")
            .contains("src=\"https://uji.example/banjir/foto.jpg\"")
    );
}

#[test]
fn markdown_files_in_a_bundle_are_articles_of_their_own_and_nested_bundles_keep_their_files() {
    let f = Fixture::new();
    f.article("content/a/index.md", "A", "2024-05-27", "", "A.");
    f.article("content/a/b.md", "B", "2024-05-27", "", "B.");
    f.article("content/a/c/index.md", "C", "2024-05-27", "", "![c](c.jpg)");
    f.write("content/a/a.txt", "a");
    f.write("content/a/c/c.jpg", "c");
    f.build_ok(&[]);
    assert!(f.exists("2024/05/27/b/index.html"));
    assert_eq!(f.read("2024/05/27/a/a.txt"), "a");
    assert_eq!(f.read("2024/05/27/c/c.jpg"), "c");
    assert!(
        !f.exists("2024/05/27/a/c/c.jpg"),
        "c.jpg belongs to the bundle c only"
    );
    assert!(!f.exists("2024/05/27/a/b.md"));
}

#[test]
fn a_missing_bundle_file_is_a_warning_at_its_line_and_a_missing_image_an_error() {
    let f = Fixture::new();
    f.article(
        "content/a/index.md",
        "A",
        "2024-05-27",
        "",
        "Satu.\n\n![x](hilang.jpg)\n\n[ada](https://e.org/) [bagian](#a)",
    );
    let run = f.build_ok(&[]);
    let warning = "content/a/index.md:8: `hilang.jpg` names no file in the bundle folder content/a: add the file there or correct the reference";
    assert!(run.stderr.contains(warning), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("names no file").count(),
        1,
        "{}",
        run.stderr
    );
    // `check` fails on it, as on any broken image, and says where the file should be.
    let check = f.cermin(&["check"]);
    assert!(!check.ok);
    assert!(
        check.stdout.contains("error[missing-image]: content/a/index.md:8:1: image hilang.jpg is not in the site: there is no content/a/hilang.jpg in the article's bundle folder (on 1 page)"),
        "{}",
        check.stdout
    );
    assert!(
        !check.stdout.contains("warning[content]"),
        "said once: {}",
        check.stdout
    );

    f.article(
        "content/a/index.md",
        "A",
        "2024-05-27",
        "image: foto.jpg\n",
        "Satu.",
    );
    let run = f.build(&[]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/a/index.md:4: `image: foto.jpg` names no file in the bundle folder content/a: add the file there or correct the name"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bundle_file_that_would_replace_the_page_is_an_error() {
    let f = Fixture::new();
    f.article("content/a/index.md", "A", "2024-05-27", "", "A.");
    f.write("content/a/index.html", "<p>lama</p>");
    let run = f.build(&[]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/a/index.md: the bundle file content/a/index.html would replace the article's page: rename it"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bundle_file_linked_from_outside_the_site_is_refused() {
    let f = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("rahasia.txt"), "rahasia").unwrap();
    f.article("content/a/index.md", "A", "2024-05-27", "", "A.");
    std::os::unix::fs::symlink(
        outside.path().join("rahasia.txt"),
        f.root().join("content/a/rahasia.txt"),
    )
    .unwrap();
    let run = f.build(&[]);
    assert!(!run.ok);
    let expected = format!(
        "content/a/rahasia.txt is a symbolic link to {}, outside the site: copy the file into the site instead",
        outside
            .path()
            .join("rahasia.txt")
            .canonicalize()
            .unwrap()
            .display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(!f.exists("2024/05/27/a/rahasia.txt"));
}

#[test]
fn the_build_cache_sees_bundle_files_change_come_and_go() {
    let f = Fixture::new();
    f.article(
        "content/a/index.md",
        "A",
        "2024-05-27",
        "",
        "![x](foto.jpg)",
    );
    let run = f.build_ok(&[]);
    assert!(
        run.stderr.contains("foto.jpg` names no file"),
        "{}",
        run.stderr
    );
    let page = "2024/05/27/a/index.html";
    assert!(f.read(page).contains("src=\"foto.jpg\""));
    let (one, two) = (crate::images::jpeg(8, 6), crate::images::jpeg(10, 4));
    std::fs::write(f.root().join("content/a/foto.jpg"), &one).unwrap();
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("names no file"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(f.public("2024/05/27/a/foto.jpg")).unwrap(),
        one
    );
    assert!(
        f.read(page)
            .contains("src=\"https://uji.example/2024/05/27/a/foto.jpg\"")
    );
    std::fs::write(f.root().join("content/a/foto.jpg"), &two).unwrap();
    f.build_ok(&[]);
    assert_eq!(
        std::fs::read(f.public("2024/05/27/a/foto.jpg")).unwrap(),
        two
    );
    std::fs::remove_file(f.root().join("content/a/foto.jpg")).unwrap();
    f.build_ok(&[]);
    assert!(!f.exists("2024/05/27/a/foto.jpg"));
    assert!(f.read(page).contains("src=\"foto.jpg\""));
}

fn options() -> SessionOptions {
    SessionOptions {
        drafts: false,
        future: false,
        base_url: Some("http://127.0.0.1:1111".into()),
        served_memory_mb: None,
    }
}

#[test]
fn serve_rebuilds_of_bundle_edits_match_a_full_build() {
    let f = site(true);
    let mut session = Session::open(f.root(), options()).unwrap();
    let bundle = "content/2024/05/banjir-jakarta";
    let edits: Vec<(&str, Option<&str>)> = vec![
        ("foto.jpg", Some("berubah")),
        ("baru.png", Some("baru")),
        ("dok/laporan.pdf", None),
        ("dok/laporan.pdf", Some("%PDF-1.7")),
        ("foto.jpg", None),
        ("baru.png", None),
        ("foto.jpg", Some("akhir")),
    ];
    for (name, text) in edits {
        let path = f.root().join(bundle).join(name);
        match text {
            Some(text) => {
                f.write(&format!("{bundle}/{name}"), text);
            }
            None => std::fs::remove_file(&path).unwrap(),
        }
        let result = session.rebuild(&Changes {
            paths: vec![path],
            rescan: false,
        });
        let fresh = render_fresh(f.root(), options());
        match (result, fresh) {
            (Ok(_), Ok(fresh)) => assert!(
                *session.files() == fresh,
                "after {name} {text:?}: the served site differs from a full build"
            ),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("after {name} {text:?}: {:?} vs {:?}", a.err(), b.err()),
        }
    }
    let served = session.files();
    assert_eq!(
        &*served["2024/05/27/banjir-jakarta/foto.jpg"]
            .bytes()
            .unwrap(),
        b"akhir"
    );
    assert!(!served.contains_key("2024/05/27/banjir-jakarta/baru.png"));
    assert_eq!(
        &*served["2024/05/27/banjir-jakarta/dok/laporan.pdf"]
            .bytes()
            .unwrap(),
        b"%PDF-1.7"
    );
}
