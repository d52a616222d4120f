//! Every user mistake gives one clear message naming the file and line, a non-zero exit, and
//! leaves public/ exactly as it was.

use crate::common::{Fixture, snapshot};

const GOOD: &str = "content/2024/01/baik.md";

/// A fixture with one good article, built once so public/ exists.
fn built_fixture() -> Fixture {
    let f = Fixture::new();
    f.article(GOOD, "Baik", "2024-01-02T10:00:00+07:00", "", "Isi.");
    f.build_ok(&[]);
    f
}

/// Builds, expects failure with exactly `expected` on stderr, and public/ unchanged.
fn assert_fails_with(f: &Fixture, expected: &str) {
    let before = snapshot(&f.root().join("public"));
    let run = f.build(&[]);
    assert!(!run.ok, "build should fail; stdout: {}", run.stdout);
    assert_eq!(run.stderr.trim_end(), expected);
    assert_eq!(
        snapshot(&f.root().join("public")),
        before,
        "public/ changed after a failed build"
    );
    assert!(!f.root().join(".public.cermin-staging").exists());
}

#[test]
fn invalid_yaml_names_file_line_column_and_shows_the_line() {
    let f = built_fixture();
    f.write(
        "content/2024/01/rusak.md",
        "---\ntitle: Rusak\ndate: 2024-01-02\ntags: [a, b\n---\nIsi\n",
    );
    assert_fails_with(
        &f,
        "error: content/2024/01/rusak.md:5:1: invalid YAML front matter: did not find expected ',' or ']', while parsing a flow sequence at line 4 column 7\n    5 | ---\n1 content file has an error; nothing was written",
    );
}

#[test]
fn invalid_toml_names_file_line_and_column() {
    let f = built_fixture();
    f.write(
        "content/2024/01/toml.md",
        "+++\ntitle = \"A\"\ndate = 2024-01-02\ndraft = ya\n+++\nIsi\n",
    );
    assert_fails_with(
        &f,
        "error: content/2024/01/toml.md:4:9: invalid TOML front matter: string values must be quoted, expected literal string\n    4 | draft = ya\n1 content file has an error; nothing was written",
    );
}

#[test]
fn missing_title_is_reported() {
    let f = built_fixture();
    f.write(
        "content/2024/01/tanpa-judul.md",
        "---\ndate: 2024-01-02\n---\nIsi\n",
    );
    assert_fails_with(
        &f,
        "error: content/2024/01/tanpa-judul.md:2:1: invalid YAML front matter: missing field `title`\n    2 | date: 2024-01-02\n1 content file has an error; nothing was written",
    );
}

#[test]
fn wrong_type_is_reported_on_its_line() {
    let f = built_fixture();
    f.write(
        "content/2024/01/tipe.md",
        "---\ntitle: T\ndate: 2024-01-02\ndraft: mungkin\n---\nIsi\n",
    );
    assert_fails_with(
        &f,
        "error: content/2024/01/tipe.md:4:8: invalid YAML front matter: draft: invalid type: string \"mungkin\", expected a boolean\n    4 | draft: mungkin\n1 content file has an error; nothing was written",
    );
}

#[test]
fn unparsable_date_says_which_forms_work() {
    let f = built_fixture();
    f.write(
        "content/2024/01/tanggal.md",
        "---\ntitle: T\ndate: 27 Januari 2022\n---\nIsi\n",
    );
    assert_fails_with(
        &f,
        "error: content/2024/01/tanggal.md:3: date: `27 Januari 2022` is not a date: write 2022-01-27T14:52:00+07:00 (RFC 3339), 2022-01-27 14:52 or 2022-01-27\n1 content file has an error; nothing was written",
    );
}

#[test]
fn every_broken_file_is_reported_at_once() {
    let f = built_fixture();
    f.write("content/a.md", "no front matter\n");
    f.write("content/b.md", "---\ntitle: B\n");
    let run = f.build(&[]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.trim_end(),
        "error: content/a.md:1: no front matter: start the file with a line `---`, then `title:` and `date:` lines, then a line `---`\n\
         content/b.md:1: the front matter opened with `---` on line 1 is never closed: add a line `---` after the last front matter line\n\
         2 content files have errors; nothing was written"
    );
}

#[test]
fn duplicate_permalinks_name_both_files() {
    let f = built_fixture();
    f.article(
        "content/x/satu.md",
        "Satu",
        "2024-01-02T10:00:00+07:00",
        "slug: sama\n",
        "A",
    );
    f.article(
        "content/y/dua.md",
        "Dua",
        "2024-01-02T18:00:00+07:00",
        "slug: sama\n",
        "B",
    );
    assert_fails_with(
        &f,
        "error: content/x/satu.md and content/y/dua.md have the same permalink /2024/01/02/sama/: give one of them a different `slug`\n2 content files have errors; nothing was written",
    );
}

#[test]
fn template_error_names_template_and_line() {
    let f = built_fixture();
    f.write("templates/tags.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ tags | nosuchfilter }}\n{% endblock main %}\n");
    let before = snapshot(&f.root().join("public"));
    let run = f.build(&[]);
    assert!(!run.ok);
    assert!(
        run.stderr.starts_with("error: template error: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nosuchfilter"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> templates/tags.html:3:"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&f.root().join("public")), before);
}

#[test]
fn missing_theme_is_explained() {
    let f = built_fixture();
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}theme = \"koran\"\n"));
    assert_fails_with(
        &f,
        "error: theme `koran` not found: there is no folder themes/koran; set `theme` in site.toml to a folder under themes/",
    );
}

#[test]
fn missing_template_is_explained() {
    let f = built_fixture();
    std::fs::remove_file(f.root().join("themes/default/templates/tag.html")).unwrap();
    assert_fails_with(
        &f,
        "error: missing template `tag.html`: the theme `default` has no templates/tag.html; add it to themes/default/templates/ or to the site's templates/",
    );
}

#[test]
fn non_utf8_file_is_explained() {
    let f = built_fixture();
    let path = f.root().join("content/latin1.md");
    std::fs::write(&path, b"---\ntitle: Caf\xe9\ndate: 2024-01-02\n---\n").unwrap();
    assert_fails_with(
        &f,
        "error: content/latin1.md:2: the file is not UTF-8 text: save it with UTF-8 encoding\n1 content file has an error; nothing was written",
    );
}

#[test]
fn bad_site_toml_names_the_line() {
    let f = built_fixture();
    f.write("site.toml", "title = \"Uji\"\npaginate_by = \"lima\"\n");
    let run = f.build(&[]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.trim_end(),
        "error: site.toml:2:15: invalid site.toml: invalid type: string \"lima\", expected usize"
    );
}

#[test]
fn unknown_front_matter_key_is_a_warning_naming_the_file() {
    let f = Fixture::new();
    f.article("content/k.md", "K", "2024-01-02", "auther: Budi\n", "Isi");
    let run = f.build_ok(&[]);
    assert!(
        run.stderr.starts_with("warning: content/k.md:4: unknown front matter key `auther` is ignored (known keys: title, date,"),
        "{}",
        run.stderr
    );
}

#[test]
fn unsafe_source_url_is_refused() {
    let f = built_fixture();
    f.article(
        "content/s.md",
        "S",
        "2024-01-02",
        "source: javascript:alert(1)\n",
        "Isi",
    );
    assert_fails_with(
        &f,
        "error: content/s.md:4: `source` must be the original article's URL starting with http:// or https:// (got `javascript:alert(1)`)\n1 content file has an error; nothing was written",
    );
}

#[test]
fn too_many_tags_are_refused_quickly() {
    let f = built_fixture();
    let tags: String = (0..100_000).map(|i| format!("  - tag{i}\n")).collect();
    f.write(
        "content/banyak.md",
        &format!("---\ntitle: T\ndate: 2024-01-02\ntags:\n{tags}---\nIsi\n"),
    );
    assert_fails_with(
        &f,
        "error: content/banyak.md:4: 100000 tags; an article may have at most 200 (every tag page lists all of an article's tags): keep the ones readers will follow\n1 content file has an error; nothing was written",
    );
}

#[test]
fn a_base_url_that_is_not_a_site_address_is_refused() {
    let f = built_fixture();
    let before = snapshot(&f.root().join("public"));
    let example = "such as https://example.org or https://example.org/mirror";
    for (url, expected) in [
        (
            "not a url",
            format!("must start with http:// or https://, {example} (got `not a url`)"),
        ),
        (
            "ftp://x.example",
            format!("must start with http:// or https://, {example} (got `ftp://x.example`)"),
        ),
        (
            "https://",
            format!(
                "is not a valid URL (empty host): give the site's address, {example} (got `https://`)"
            ),
        ),
        (
            "https://contoh example.org",
            format!(
                "is not a valid URL (invalid international domain name): give the site's address, {example} (got `https://contoh example.org`)"
            ),
        ),
        (
            "https://contoh.example/?halaman=1",
            format!(
                "must not have a query (`?…`) or fragment (`#…`), {example} (got `https://contoh.example/?halaman=1`)"
            ),
        ),
    ] {
        let run = f.build(&["--base-url", url]);
        assert_eq!(run.code, Some(1), "{url}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim_end(),
            format!("error: --base-url {expected}")
        );
    }
    f.write(
        "site.toml",
        &crate::common::SITE_TOML.replace("https://uji.example", "uji.example"),
    );
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "error: site.toml: base_url must start with http:// or https://, {example} (got `uji.example`)"
        )
    );
    assert_eq!(snapshot(&f.root().join("public")), before);
}

#[test]
fn dates_no_output_can_write_are_refused_by_build_and_check() {
    let f = built_fixture();
    // Year 10000 in UTC; and an `updated` that is year 0 in the site's time zone (Jakarta),
    // which plain builds (without --future) published as `+10000-…` and `-0001-…` dates.
    f.article(
        "content/jauh.md",
        "Jauh",
        "9999-12-31T23:00:00-12:00",
        "",
        "Isi.",
    );
    f.article(
        "content/lama.md",
        "Lama",
        "2024-01-02",
        "updated: 0000-12-31T20:00:00Z\n",
        "Isi.",
    );
    let range = "is out of range (years 1 to 9999 in UTC and in the site's time zone)";
    let expected = format!(
        "error: content/jauh.md:3: date 9999-12-31T23:00:00-12:00 {range}\n\
         content/lama.md:4: updated 0000-12-31T20:00:00Z {range}\n\
         2 content files have errors; nothing was written"
    );
    assert_fails_with(&f, &expected);
    let before = snapshot(&f.root().join("public"));
    let run = f.build(&["--future"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stderr.trim_end(), expected);
    assert_eq!(snapshot(&f.root().join("public")), before);
    for args in [&["check"][..], &["check", "--future"]] {
        let run = f.cermin(args);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stdout.contains(&format!(
                "error[content]: content/jauh.md:3: date 9999-12-31T23:00:00-12:00 {range}\n"
            )),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!(
                "error[content]: content/lama.md:4: updated 0000-12-31T20:00:00Z {range}\n"
            )),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn the_last_dates_every_output_can_write_build() {
    let f = Fixture::new();
    // 23:59 on 31 December 9999 in Jakarta is 16:59 UTC: the last minute both can write.
    f.article(
        "content/akhir.md",
        "Akhir",
        "9999-12-31T16:59:00Z",
        "updated: 9999-12-31T16:59:59Z\n",
        "Isi.",
    );
    f.article(
        "content/awal.md",
        "Awal",
        "0001-01-01T12:00:00+07:00",
        "",
        "Isi.",
    );
    f.build_ok(&["--future"]);
    let rss = f.read("rss.xml");
    assert!(
        rss.contains("<pubDate>Fri, 31 Dec 9999 23:59:00 +0700</pubDate>"),
        "{rss}"
    );
    assert!(
        // (Jakarta kept its local mean time, +07:07:12, until 1867.)
        rss.contains("<pubDate>Mon, 1 Jan 0001 12:07:12 +0707</pubDate>"),
        "{rss}"
    );
    assert!(
        f.read("atom.xml")
            .contains("<updated>9999-12-31T23:59:59+07:00</updated>")
    );
}

/// A site with a problem of every kind a whole-site run must report together.
fn site_with_every_kind_of_problem() -> Fixture {
    let f = Fixture::with_config(&format!(
        "{}permalink = \"/:slug/\"\n",
        crate::common::SITE_TOML
    ));
    f.article("content/baik.md", "Baik", "2024-01-02", "", "Isi.");
    for slug in ["tags", "archive", "2024"] {
        f.article(
            &format!("content/halaman/{slug}.md"),
            "Halaman",
            "2024-01-02",
            &format!("slug: \"{slug}\"\n"),
            "Isi.",
        );
    }
    f.article(
        "content/kembar-1.md",
        "K",
        "2024-01-02",
        "slug: kembar\n",
        "Isi.",
    );
    f.article(
        "content/kembar-2.md",
        "K",
        "2024-01-03",
        "slug: kembar\n",
        "Isi.",
    );
    f.article(
        "content/tanda.md",
        "Tanda",
        "2024-01-02",
        "tags: ['#', '?', '..', '/', Baik]\n",
        "Isi.",
    );
    f.article(
        "content/bersarang.md",
        "Bersarang",
        "2024-01-02",
        "tags: [[a, b], [c]]\n",
        "Isi.",
    );
    f.article(
        "content/panjang.md",
        "Panjang",
        "2024-01-02",
        &format!("tags: [{}]\n", "b".repeat(400)),
        "Isi.",
    );
    f.article(
        "content/slug-panjang.md",
        "Panjang",
        "2024-01-02",
        &format!("slug: {}\n", "a".repeat(300)),
        "Isi.",
    );
    // 40 Chinese words, 480 bytes as written, 400 once transliterated.
    f.article(
        "content/tionghoa.md",
        "Tionghoa",
        "2024-01-02",
        &format!("slug: \"{}\"\n", ["中国"; 40].join(" ")),
        "Isi.",
    );
    f.write("content/rusak.md", "---\ntitle: R\n---\n");
    f.article(
        "content/jauh.md",
        "Jauh",
        "9999-12-31T23:00:00-12:00",
        "",
        "Isi.",
    );
    let content = f.root().join("content");
    std::fs::create_dir_all(content.join("bad")).unwrap();
    std::os::unix::fs::symlink("..", content.join("bad/loop")).unwrap();
    std::os::unix::fs::symlink("satu.md", content.join("dua.md")).unwrap();
    std::os::unix::fs::symlink("dua.md", content.join("satu.md")).unwrap();
    std::os::unix::fs::symlink("tidak-ada.md", content.join("hilang.md")).unwrap();
    f
}

#[test]
fn every_content_problem_of_the_site_is_reported_in_one_run() {
    let f = site_with_every_kind_of_problem();
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let aaa = "a".repeat(40);
    let bbb = "b".repeat(40);
    let cjk: String = ["中国"; 40].join(" ").chars().take(40).collect();
    let expected = [
        "error: content/bad/loop: symbolic link loop back to content: remove the link".to_string(),
        "content/bersarang.md:4: tags must be a list of strings, such as tags: [Ekonomi, \"Pemilu 2024\"]".into(),
        "content/dua.md: symbolic link loop (its target satu.md leads back to it through other links): remove the link".into(),
        "content/hilang.md: broken symbolic link (its target tidak-ada.md does not exist): remove the link or restore its target".into(),
        "content/jauh.md:3: date 9999-12-31T23:00:00-12:00 is out of range (years 1 to 9999 in UTC and in the site's time zone)".into(),
        format!("content/panjang.md:4: tag \"{bbb}…\" makes a URL segment of 400 bytes; the limit is 200: shorten it, or give it a shorter slug under [tag_slugs] in site.toml"),
        "content/rusak.md:2:1: invalid YAML front matter: missing field `date`\n    2 | title: R".into(),
        "content/satu.md: symbolic link loop (its target dua.md leads back to it through other links): remove the link".into(),
        format!("content/slug-panjang.md:4: slug \"{aaa}…\" makes a URL segment of 300 bytes; the limit is 200: set a shorter `slug`"),
        "content/tanda.md:4: tag `#` has no letters or digits: remove it or rename it".into(),
        "content/tanda.md:4: tag `?` has no letters or digits: remove it or rename it".into(),
        "content/tanda.md:4: tag `..` has no letters or digits: remove it or rename it".into(),
        "content/tanda.md:4: tag `/` has no letters or digits: remove it or rename it".into(),
        format!("content/tionghoa.md:4: slug \"{cjk}…\" makes a URL segment of 399 bytes; the limit is 200: set a shorter `slug`"),
        "the article content/halaman/2024.md and the archive page of 2024 are both published at /2024/: change the article's `slug` or the `permalink` pattern in site.toml".into(),
        "the article content/halaman/archive.md and the archive page are both published at /archive/: change the article's `slug` or the `permalink` pattern in site.toml".into(),
        "the article content/halaman/tags.md and the tags index are both published at /tags/: change the article's `slug` or the `permalink` pattern in site.toml".into(),
        "content/kembar-1.md and content/kembar-2.md have the same permalink /kembar/: give one of them a different `slug`".into(),
        "16 content files have errors; nothing was written".into(),
    ];
    assert_eq!(run.stderr.trim_end(), expected.join("\n"));
    assert!(!f.root().join("public").exists());
}

/// The errors `cermin check --format json` reports, as build prints them (first lines).
fn check_errors(f: &Fixture) -> Vec<String> {
    let run = f.cermin(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut errors: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    errors.sort();
    errors
}

/// The errors a failed build printed (first lines, without the closing count).
fn build_errors(f: &Fixture) -> Vec<String> {
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let text = run
        .stderr
        .trim_end()
        .strip_prefix("error: ")
        .unwrap()
        .to_string();
    let mut lines: Vec<&str> = text.lines().collect();
    assert!(lines.pop().unwrap().ends_with("nothing was written"));
    let mut errors: Vec<String> = lines
        .into_iter()
        .filter(|l| !l.starts_with("    "))
        .map(String::from)
        .collect();
    errors.sort();
    errors
}

/// The errors `serve` shows when it opens the site (first lines).
fn serve_errors(f: &Fixture) -> Vec<String> {
    let e = match cermin::session::Session::open(f.root(), Default::default()) {
        Ok(_) => panic!("the site opened"),
        Err(e) => e.to_string(),
    };
    // Paths as the other commands, run in the site's folder, print them.
    let root = format!("{}/", f.root().display());
    let mut errors: Vec<String> = e
        .replace(&root, "")
        .lines()
        .filter(|l| !l.starts_with("    "))
        .map(String::from)
        .collect();
    errors.sort();
    errors
}

#[test]
fn build_check_and_serve_report_the_same_content_errors() {
    let f = site_with_every_kind_of_problem();
    let from_build = build_errors(&f);
    assert_eq!(from_build.len(), 18);
    assert_eq!(check_errors(&f), from_build);
    assert_eq!(serve_errors(&f), from_build);
    // With the broken files fixed, the clashes alone: the same again.
    for file in [
        "bad/loop",
        "bersarang.md",
        "dua.md",
        "satu.md",
        "hilang.md",
        "jauh.md",
        "panjang.md",
        "rusak.md",
        "slug-panjang.md",
        "tanda.md",
        "tionghoa.md",
    ] {
        std::fs::remove_file(f.root().join("content").join(file)).unwrap();
    }
    let from_build = build_errors(&f);
    assert_eq!(from_build.len(), 4, "{from_build:?}");
    assert_eq!(check_errors(&f), from_build);
    assert_eq!(serve_errors(&f), from_build);
}

#[test]
fn articles_on_the_paths_of_cermins_own_pages_are_named_in_user_words() {
    let f = Fixture::with_config(&format!(
        "{}permalink = \"/:slug.html\"\n",
        crate::common::SITE_TOML
    ));
    f.article(GOOD, "Baik", "2024-01-02", "", "Isi.");
    f.build_ok(&[]);
    for slug in ["index", "404"] {
        f.article(
            &format!("content/{slug}.md"),
            "Halaman",
            "2024-01-02",
            &format!("slug: \"{slug}\"\n"),
            "Isi.",
        );
    }
    let fix = "change the article's `slug` or the `permalink` pattern in site.toml";
    assert_fails_with(
        &f,
        &format!(
            "error: the article content/404.md and the 404 page are both published at /404.html: {fix}\n\
             the article content/index.md and the home page are both published at /index.html: {fix}\n\
             2 content files have errors; nothing was written"
        ),
    );
}

#[test]
fn a_file_name_too_long_for_a_url_segment_is_named() {
    let f = built_fixture();
    let stem = "berita-".repeat(30);
    f.article(
        &format!("content/{stem}.md"),
        "Panjang",
        "2024-01-02",
        "",
        "Isi.",
    );
    assert_fails_with(
        &f,
        &format!(
            "error: content/{stem}.md: the file name \"{}…\" makes a URL segment of 209 bytes; the limit is 200: add a shorter `slug:` or rename the file\n1 content file has an error; nothing was written",
            &stem[..40]
        ),
    );
}

#[test]
fn serve_reports_a_link_loop_made_while_it_runs_and_forgets_it_once_removed() {
    use cermin::session::{Changes, Session};
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-02", "", "Isi.");
    let mut session = Session::open(f.root(), Default::default()).unwrap();
    let bad = f.root().join("content/bad");
    std::fs::create_dir(&bad).unwrap();
    std::os::unix::fs::symlink("..", bad.join("loop")).unwrap();
    // The watcher names the new folder.
    let changes = Changes {
        paths: vec![bad.clone()],
        rescan: false,
    };
    let e = session.rebuild(&changes).unwrap_err().to_string();
    assert_eq!(
        e.replace(&format!("{}/", f.root().display()), ""),
        "content/bad/loop: symbolic link loop back to content: remove the link"
    );
    std::fs::remove_file(bad.join("loop")).unwrap();
    let changes = Changes {
        paths: vec![bad.join("loop")],
        rescan: false,
    };
    session.rebuild(&changes).unwrap();
    let files = session.files();
    assert!(files.contains_key("2024/01/02/a/index.html"));
    assert_eq!(
        files
            .keys()
            .filter(|k| k.ends_with("/a/index.html"))
            .count(),
        1
    );
}

#[test]
fn every_problem_of_one_file_is_reported_in_line_order() {
    let f = built_fixture();
    f.article(
        "content/banyak.md",
        "",
        "bukan tanggal",
        &format!(
            "slug: {}\nsource: ftp://asal.example/a\ntags: ['#', Baik, '?']\nauthor: {{nama: Ani}}\n",
            "a".repeat(300)
        ),
        "Isi.",
    );
    assert_fails_with(
        &f,
        &format!(
            "error: content/banyak.md:2: `title` is empty: give the article a title\n\
             content/banyak.md:3: date: `bukan tanggal` is not a date: write 2022-01-27T14:52:00+07:00 (RFC 3339), 2022-01-27 14:52 or 2022-01-27\n\
             content/banyak.md:4: slug \"{}…\" makes a URL segment of 300 bytes; the limit is 200: set a shorter `slug`\n\
             content/banyak.md:5: `source` must be the original article's URL starting with http:// or https:// (got `ftp://asal.example/a`)\n\
             content/banyak.md:6: tag `#` has no letters or digits: remove it or rename it\n\
             content/banyak.md:6: tag `?` has no letters or digits: remove it or rename it\n\
             content/banyak.md:7: author must be a name or a list of names, such as author: [Ani, Budi]\n\
             1 content file has an error; nothing was written",
            "a".repeat(40)
        ),
    );
}
