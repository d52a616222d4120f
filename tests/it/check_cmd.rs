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
    let expect = [
        "error[broken-anchor]: 2024/01/01/a/index.html: <a> links to https://uji.example/2024/01/02/b/#tidak-ada, but 2024/01/02/b/index.html has no element with id `tidak-ada`",
        "error[broken-link]: 2024/01/01/a/index.html: <a> links to https://uji.example/2023/, which the site does not have",
        "error[missing-image]: 2024/01/01/a/index.html: <img> links to https://uji.example/gambar/hilang.jpg, which the site does not have",
        "error[missing-image]: 2024/01/01/a/index.html: <img> links to https://uji.example/gambar/peta.png, which the site does not have",
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
    assert!(
        run.stdout.trim_end().ends_with("errors, 1 warnings"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "error: the check found {} errors",
            lines.iter().filter(|l| l.starts_with("error[")).count()
        )
    );
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
    assert!(run.stdout.contains("error[content]: content/rusak.md: content/rusak.md:2:1: invalid YAML front matter: missing field `date`"), "{}", run.stdout);
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
