//! `cermin check`: every problem reported at once, as text or JSON, with the exit status.

use crate::common::Fixture;

fn site_with_problems() -> Fixture {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "author: Ani\nimage: /gambar/hilang.jpg\nimage_caption: Foto\n",
        "Lihat [arsip](/2023/) dan [bagian](/2024/01/02/b/#tidak-ada) dan ![peta](/gambar/peta.png).\n\n[ke B](/2024/01/02/b/#bagian-dua)",
    );
    f.article(
        "content/b.md",
        "B",
        "2024-01-02",
        "author: Budi\n",
        "Awal.\n\n## Bagian Dua\n\nIsi.",
    );
    f.article("content/c.md", "C", "2024-01-03", "", "Tanpa penulis.");
    f
}

#[test]
fn every_problem_is_reported_at_once() {
    let f = site_with_problems();
    let run = f.cermin(&["check"]);
    assert!(!run.ok);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // Each at its line in content/a.md: the lead image on line 5 (value at column 8), the
    // links of line 9 at columns 7, 27 and 66. Line 9 is the summary and the lead image is on
    // the cards: both show on the article's page, the home page and the day and month archives.
    let expect = [
        "error[broken-anchor]: content/a.md:9:27: link to /2024/01/02/b/#tidak-ada: 2024/01/02/b/index.html has no element with id `tidak-ada` (on 4 pages)",
        "error[broken-link]: content/a.md:9:7: link to /2023/ goes nowhere (on 4 pages)",
        "error[missing-image]: content/a.md:5:8: image /gambar/hilang.jpg is not in the site: there is no static/gambar/hilang.jpg (on 4 pages)",
        "error[missing-image]: content/a.md:9:66: image /gambar/peta.png is not in the site: there is no static/gambar/peta.png (on 4 pages)",
        "warning[missing-field]: content/c.md: no `author` (and no `author` in site.toml): pages show no byline and feeds name the site",
    ];
    for e in expect {
        assert!(
            lines.contains(&e),
            "missing line:\n{e}\nin:\n{}",
            run.stdout
        );
    }
    assert!(
        !run.stdout.contains("bagian-dua"),
        "a good anchor is not reported"
    );
    assert_eq!(lines.len(), expect.len() + 1, "{}", run.stdout);
    assert!(
        run.stdout.trim_end().ends_with(": 4 errors, 1 warning"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr.trim_end(), "error: the check found 4 errors");
    assert!(!f.root().join("public").exists(), "check writes nothing");
}

#[test]
fn json_output_for_tooling() {
    let f = site_with_problems();
    let run = f.cermin(&["check", "--format", "json"]);
    assert!(!run.ok);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let problems = report["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == "broken-anchor" && p["severity"] == "error")
    );
    assert!(
        problems
            .iter()
            .any(|p| p["kind"] == "missing-field" && p["severity"] == "warning")
    );
    assert!(report["pages_checked"].as_u64().unwrap() > 5);
}

#[test]
fn duplicates_and_broken_files_are_all_listed() {
    let f = Fixture::new();
    f.article(
        "content/x/satu.md",
        "Satu",
        "2024-01-02",
        "slug: sama\nauthor: A\n",
        "A",
    );
    f.article(
        "content/y/dua.md",
        "Dua",
        "2024-01-02",
        "slug: sama\nauthor: A\n",
        "B",
    );
    f.write("content/rusak.md", "---\ntitle: R\n---\n");
    let run = f.cermin(&["check"]);
    assert!(!run.ok);
    assert!(run.stdout.contains("error[duplicate-permalink]: content/x/satu.md: content/x/satu.md and content/y/dua.md have the same permalink /2024/01/02/sama/"), "{}", run.stdout);
    // The place once, as the message starts with it.
    assert!(run.stdout.contains("error[content]: content/rusak.md:2:1: invalid YAML front matter: missing field `date`\n    2 | title: R\n"), "{}", run.stdout);
}

#[test]
fn a_clean_site_passes_and_external_links_are_only_listed() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "author: Ani\nsource: https://asal.example/a\n",
        "Isi.",
    );
    let run = f.cermin(&["check"]);
    assert!(run.ok, "{}", run.stdout);
    assert!(!run.stdout.contains("external:"));
    let run = f.cermin(&["check", "--external"]);
    assert!(run.ok);
    assert!(
        run.stdout
            .contains("external: https://asal.example/a (on 1 page)"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_problems_give_file_line_and_column_on_their_own() {
    let f = Fixture::new();
    f.write(
        "content/rusak.md",
        "---\ntitle: R\ndate: 2024-01-02\ndraft: mungkin\n---\nIsi.\n",
    );
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "author: Ani\nauther: Budi\n",
        "Isi.",
    );
    let run = f.cermin(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let problems = report["problems"].as_array().unwrap();
    let find = |kind: &str, file: &str| {
        problems
            .iter()
            .find(|p| p["kind"] == kind && p["file"] == file)
            .unwrap_or_else(|| panic!("no {kind} problem in {file}: {problems:?}"))
    };
    let content = find("content", "content/rusak.md");
    assert_eq!(content["severity"], "error");
    assert_eq!(content["line"], 4);
    assert_eq!(content["column"], 8);
    // The fields before them stay as they were.
    assert_eq!(content["location"], "content/rusak.md");
    assert_eq!(
        content["message"],
        "content/rusak.md:4:8: invalid YAML front matter: draft: invalid type: string \"mungkin\", expected a boolean\n    4 | draft: mungkin"
    );
    let unknown = find("content", "content/a.md");
    assert_eq!(unknown["severity"], "warning");
    assert_eq!(unknown["line"], 5);
    assert_eq!(unknown["column"], serde_json::Value::Null);
}

#[test]
fn a_closed_output_is_no_panic() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "author: Ani\n", "Isi.");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cermin"))
        .args(["check", "--format", "json"])
        .current_dir(f.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // As `cermin check | head -0` does: the reader is gone before cermin writes.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}

const C_TAGS: &str = "tags \"C++\" (content/a.md), \"C#\" (content/b.md), \"C\" (content/c.md) and \"c--\" (content/d.md) are different names on one tag page, /tags/c/: if they are different tags, give all but one a slug of its own under [tag_slugs] in site.toml, such as \"C#\" = \"c-2\"";

fn site_with_merged_tags() -> Fixture {
    let f = Fixture::new();
    // Spellings of one name (Politik) share a page without a word; C++, C#, C and c-- do not.
    for (file, tags) in [
        ("a", "[C++, Politik]"),
        ("b", "[\"C#\"]"),
        ("c", "[C, POLITIK]"),
        ("d", "[c--, Polítik]"),
    ] {
        f.article(
            &format!("content/{file}.md"),
            file,
            "2024-01-01",
            &format!("author: Ani\ntags: {tags}\n"),
            "Isi.",
        );
    }
    f
}

#[test]
fn different_tags_on_one_page_are_a_warning_from_build_and_check() {
    let f = site_with_merged_tags();
    let run = f.build_ok(&[]);
    assert_eq!(run.stderr.trim_end(), format!("warning: {C_TAGS}"));
    let run = f.cermin(&["check"]);
    assert!(run.ok, "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("warning[tag-names]: content/a.md: {C_TAGS}\n")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(": 0 errors, 1 warning\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn tag_slugs_in_site_toml_give_tags_their_own_pages() {
    let f = site_with_merged_tags();
    f.build_ok(&[]);
    f.write(
        "site.toml",
        &format!(
            "{}[tag_slugs]\n\"C++\" = \"cpp\"\n\"c#\" = \"c-sharp\"\n\"c--\" = \"c-minus-minus\"\n",
            crate::common::SITE_TOML
        ),
    );
    // Built again with the cache of the first build: the new slugs are used all the same.
    let run = f.build_ok(&[]);
    assert_eq!(run.stderr, "");
    for (slug, title) in [
        ("cpp", "C++"),
        ("c-sharp", "C#"),
        ("c", "C"),
        ("c-minus-minus", "c--"),
    ] {
        let page = f.read(&format!("tags/{slug}/index.html"));
        assert!(
            page.contains(&format!("<title>Tag: {title} —")),
            "{slug}: {page}"
        );
    }
    assert!(f.read("tags/c/index.html").contains("/2024/01/01/c/"));
    assert!(!f.read("tags/c/index.html").contains("/2024/01/01/a/"));
    assert!(
        f.cermin(&["check"])
            .stdout
            .ends_with("0 errors, 0 warnings\n")
    );
    // A slug that is not one is refused, naming the setting.
    f.write(
        "site.toml",
        &format!(
            "{}[tag_slugs]\n\"C++\" = \"C Plus\"\n",
            crate::common::SITE_TOML
        ),
    );
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr.trim_end(),
        "error: site.toml: [tag_slugs] \"C++\" = \"C Plus\": a slug is lowercase letters, digits and dashes, such as \"c-plus\""
    );
}

/// One article whose summary (its first paragraph) links nowhere, and a missing image in its body.
fn site_with_a_bad_summary_link() -> Fixture {
    site_with_a_bad_summary_link_in(Fixture::new())
}

fn site_with_a_bad_summary_link_in(f: Fixture) -> Fixture {
    f.article(
        "content/2026/12/x.md",
        "X",
        "2026-12-01",
        "author: Ani\ntags: [Politik]\n",
        "Baca [berita lama](/2026/01/nope/) dulu.\n\n![peta](/gambar/peta.png)",
    );
    f.article(
        "content/2026/12/y.md",
        "Y",
        "2026-12-02",
        "author: Ani\n",
        "Isi.",
    );
    f
}

#[test]
fn a_broken_link_in_a_summary_is_reported_once_at_its_markdown_line() {
    // Before: one error line per page that shows the summary (home, tag page, month and day
    // archives, the article): 7 lines in all. Now one line per cause: 3.
    let f = site_with_a_bad_summary_link();
    let run = f.cermin(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "error[broken-link]: content/2026/12/x.md:8:6: link to /2026/01/nope/ goes nowhere (on 5 pages)",
            "error[missing-image]: content/2026/12/x.md:10:1: image /gambar/peta.png is not in the site: there is no static/gambar/peta.png (on 1 page)",
        ],
        "{}",
        run.stdout
    );
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[2].starts_with("Checked ") && lines[2].ends_with(" links: 2 errors, 0 warnings"),
        "{}",
        lines[2]
    );
    assert_eq!(run.stderr.trim_end(), "error: the check found 2 errors");
}

#[test]
fn json_lists_every_page_a_problem_shows_on() {
    let f = site_with_a_bad_summary_link();
    let run = f.cermin(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let link = &problems[0];
    assert_eq!(link["severity"], "error");
    assert_eq!(link["kind"], "broken-link");
    assert_eq!(link["location"], "content/2026/12/x.md");
    assert_eq!(link["file"], "content/2026/12/x.md");
    assert_eq!(link["line"], 8);
    assert_eq!(link["column"], 6);
    assert_eq!(link["message"], "link to /2026/01/nope/ goes nowhere");
    assert_eq!(
        link["pages"],
        serde_json::json!([
            "2026/12/01/index.html",
            "2026/12/01/x/index.html",
            "2026/12/index.html",
            "index.html",
            "tags/politik/index.html"
        ])
    );
    assert_eq!(
        problems[1]["pages"],
        serde_json::json!(["2026/12/01/x/index.html"])
    );
}

#[test]
fn the_same_bad_link_in_two_articles_is_reported_at_each() {
    let f = Fixture::new();
    for (file, date) in [("a", "2024-01-01"), ("b", "2024-01-02")] {
        f.article(
            &format!("content/{file}.md"),
            file,
            date,
            "author: Ani\n",
            "Isi.\n\nLihat [ini](/tidak-ada/).",
        );
    }
    let run = f.cermin(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // The second paragraph is not in the summary: each link is on its article's page only.
    assert_eq!(
        run.stdout.lines().take(2).collect::<Vec<_>>(),
        [
            "error[broken-link]: content/a.md:9:7: link to /tidak-ada/ goes nowhere (on 2 pages)",
            "error[broken-link]: content/b.md:9:7: link to /tidak-ada/ goes nowhere (on 2 pages)",
        ]
    );
}

#[test]
fn a_broken_link_in_a_template_is_one_line_at_the_template() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "author: Ani\n", "Isi.");
    let footer = std::fs::read_to_string(
        crate::common::repo().join("themes/default/templates/partials/site_footer.html"),
    )
    .unwrap();
    let mut lines: Vec<&str> = footer.lines().collect();
    lines.insert(2, r#"<p><a href="{{ "/tentang/" | url }}">Tentang</a></p>"#);
    f.write("templates/partials/site_footer.html", &lines.join("\n"));
    let run = f.cermin(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0]["pages"].as_array().unwrap().len() as u64,
        report["pages_checked"].as_u64().unwrap(),
        "the footer is on every page"
    );
    let pages = report["pages_checked"].as_u64().unwrap();
    let run = f.cermin(&["check"]);
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        format!(
            "error[broken-link]: templates/partials/site_footer.html:3:17: link to /tentang/ goes nowhere (on {pages} pages)"
        )
    );
    assert!(
        run.stdout.ends_with(": 1 error, 0 warnings\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr.trim_end(), "error: the check found 1 error");
}

#[test]
fn relative_links_are_taken_back_to_the_same_causes() {
    // Pages then link to `../../../2026/01/nope/index.html`: the same link as `/2026/01/nope/`.
    let f = site_with_a_bad_summary_link_in(Fixture::with_config(&format!(
        "{}relative_links = true\n",
        crate::common::SITE_TOML
    )));
    let run = f.cermin(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().take(2).collect::<Vec<_>>(),
        [
            "error[broken-link]: content/2026/12/x.md:8:6: link to /2026/01/nope/ goes nowhere (on 5 pages)",
            "error[missing-image]: content/2026/12/x.md:10:1: image /gambar/peta.png is not in the site: there is no static/gambar/peta.png (on 1 page)",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_broken_anchor_in_a_summary_is_one_line() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "author: Ani\n",
        "Lihat [bagian](#tidak-ada).",
    );
    let run = f.cermin(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["kind"], "broken-anchor");
    assert_eq!(
        (problems[0]["line"].clone(), problems[0]["column"].clone()),
        (7.into(), 7.into())
    );
    let pages = problems[0]["pages"].as_array().unwrap();
    assert!(pages.len() > 1, "{pages:?}");
    assert!(
        pages.contains(&"2024/01/01/a/index.html".into()),
        "{pages:?}"
    );
    // Wherever the summary is shown, its `#part` link leads to the article's own page.
    assert_eq!(
        problems[0]["message"],
        "link to #tidak-ada: 2024/01/01/a/index.html has no element with id `tidak-ada`"
    );
}

#[test]
fn articles_sharing_a_slug_are_named_once_each() {
    let f = Fixture::new();
    f.article(
        "content/jan/banjir.md",
        "Banjir",
        "2024-01-01",
        "author: Ani\n",
        "Satu.",
    );
    f.article(
        "content/feb/banjir.md",
        "Banjir",
        "2024-02-01",
        "author: Ani\n",
        "Dua.",
    );
    let run = f.cermin(&["check"]);
    assert!(run.ok, "a shared slug is a warning: {}", run.stderr);
    assert!(
        run.stdout.lines().any(|l| l
            == "warning[duplicate-slug]: content/feb/banjir.md: shares the slug `banjir` with content/jan/banjir.md (their permalinks differ only by date)"),
        "{}",
        run.stdout
    );
}
