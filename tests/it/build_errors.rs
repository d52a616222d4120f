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
        "error: content/x/satu.md and content/y/dua.md have the same permalink /2024/01/02/sama/: give one of them a different `slug`",
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
