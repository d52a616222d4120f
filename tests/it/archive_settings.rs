//! `[archives]`: which pages of the date archive a build publishes.

use crate::common::{Fixture, SITE_TOML};

/// Two articles on one day and one on another, in the same month.
fn site(settings: &str) -> Fixture {
    let f = Fixture::with_config(&format!("{SITE_TOML}{settings}"));
    f.article("content/a.md", "Pagi", "2024-02-10T08:00:00+07:00", "", "x");
    f.article("content/b.md", "Sore", "2024-02-10T17:00:00+07:00", "", "x");
    f.article("content/c.md", "Esok", "2024-02-11T09:00:00+07:00", "", "x");
    f
}

#[test]
fn day_pages_are_published_unless_switched_off() {
    let f = site("");
    f.build_ok(&[]);
    assert!(
        f.read("2024/02/10/index.html")
            .contains("Sabtu, 10 Februari 2024")
    );
    assert!(f.exists("2024/02/11/index.html"));
    assert!(
        f.read("sitemap.xml")
            .contains("<loc>https://uji.example/2024/02/10/</loc>")
    );

    let f = site("[archives]\ndays = false\n");
    let run = f.build_ok(&[]);
    // The archive index, the year and the month (paged by 2: two pages).
    assert!(run.stdout.contains(" 4 archive pages, "), "{}", run.stdout);
    assert!(!f.exists("2024/02/10/index.html") && !f.exists("2024/02/11/index.html"));
    // The articles keep their pages at their dated paths, and the month lists them all.
    assert!(f.exists("2024/02/10/a/index.html"));
    let month = f.read("2024/02/index.html") + &f.read("2024/02/page/2/index.html");
    for title in ["Pagi", "Sore", "Esok"] {
        assert!(month.contains(&format!(">{title}</a>")), "{title}: {month}");
    }
    let sitemap = f.read("sitemap.xml");
    assert!(
        !sitemap.contains("<loc>https://uji.example/2024/02/10/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://uji.example/2024/02/</loc>"));
}

#[test]
fn day_pages_switched_off_leave_public_on_the_next_build() {
    let f = site("");
    f.build_ok(&[]);
    assert!(f.exists("2024/02/10/index.html"));
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}[archives]\ndays = false\n"));
    f.build_ok(&[]);
    assert!(!f.exists("2024/02/10/index.html"));
    assert!(f.exists("2024/02/10/a/index.html") && f.exists("2024/02/index.html"));
}

#[test]
fn a_misspelt_archive_setting_names_the_line() {
    let f = site("[archives]\nday = false\n");
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "error: site.toml:7:1: invalid site.toml: unknown field `day`, expected `days`"
    );
}
