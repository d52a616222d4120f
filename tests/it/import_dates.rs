//! `cermin import` of pages that state no publication date: dated by their URL, `--date` or
//! the file's modification time with a warning naming which, or refused with `--strict-dates`.

use crate::common::Fixture;

/// A real article that says nowhere when it was published.
const UNDATED: &str = r#"<!doctype html><html lang="en"><head><title>Harbour cranes return to work</title></head>
<body><article><h1>Harbour cranes return to work</h1>
<p>The four cranes of the old harbour were switched back on this morning after a winter of repairs, and the first ship of the season was unloaded before noon.</p>
<p>Dock workers said the new motors were quieter and faster than the old ones, and that the port expects twice as many ships this year as last.</p>
<p>The city council paid for half of the repairs; the shipping companies that use the harbour paid for the rest, the port's director said.</p>
</article></body></html>"#;

fn site_with_page() -> Fixture {
    let f = Fixture::with_config(
        "title = \"T\"\nbase_url = \"https://mirror.example\"\ntimezone = \"Asia/Jakarta\"\n",
    );
    f.write("inbox/cranes.html", UNDATED);
    // A known modification time: 2020-09-13 12:26:40 UTC, 19:26 in Jakarta.
    let file = std::fs::File::options()
        .write(true)
        .open(f.root().join("inbox/cranes.html"))
        .unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000))
        .unwrap();
    f
}

const CREATED: &str = "created   content/";

#[test]
fn an_undated_page_is_dated_by_its_url_first() {
    let f = site_with_page();
    let run = f.cermin(&[
        "import",
        "inbox/cranes.html",
        "--url",
        "https://news.example/2019/11/18/harbour-cranes",
        "--date",
        "2020-05-06",
    ]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("{CREATED}2019/11/harbour-cranes-return-to-work.md <- inbox/cranes.html")
    );
    assert_eq!(
        lines[1],
        "warning   inbox/cranes.html: no publication date in the page; dated 2019-11-18 from its URL"
    );
    let article = std::fs::read_to_string(
        f.root()
            .join("content/2019/11/harbour-cranes-return-to-work.md"),
    )
    .unwrap();
    assert!(
        article.contains("\ndate: 2019-11-18T00:00:00+07:00\n"),
        "{article}"
    );
}

#[test]
fn then_by_the_date_flag() {
    let f = site_with_page();
    let run = f.cermin(&[
        "import",
        "inbox/cranes.html",
        "--url",
        "https://news.example/harbour-cranes",
        "--date",
        "2020-05-06",
    ]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            "warning   inbox/cranes.html: no publication date in the page; dated 2020-05-06 from --date"
        )
    );
    assert!(
        f.root()
            .join("content/2020/05/harbour-cranes-return-to-work.md")
            .is_file()
    );
}

#[test]
fn then_by_the_files_modification_time() {
    let f = site_with_page();
    let run = f.cermin(&[
        "import",
        "inbox/cranes.html",
        "--url",
        "https://news.example/harbour-cranes",
    ]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            "warning   inbox/cranes.html: no publication date in the page; dated 2020-09-13 19:26 \
             from the file's modification time; pass --date to set it"
        )
    );
    let article = std::fs::read_to_string(
        f.root()
            .join("content/2020/09/harbour-cranes-return-to-work.md"),
    )
    .unwrap();
    assert!(
        article.contains("\ndate: 2020-09-13T19:26:40+07:00\n"),
        "{article}"
    );
}

#[test]
fn strict_dates_refuses_an_undated_page() {
    let f = site_with_page();
    let run = f.cermin(&[
        "import",
        "inbox/cranes.html",
        "--url",
        "https://news.example/2019/11/18/harbour-cranes",
        "--strict-dates",
    ]);
    assert!(!run.ok);
    assert_eq!(
        run.stdout,
        "failed    inbox/cranes.html: no publication date found in the page (--strict-dates: \
         not dating it by its URL, --date or the file's modification time)\n\
         Imported 1 page: 0 created, 0 updated, 0 unchanged, 1 failed\n"
    );
}

#[test]
fn a_date_flag_that_is_no_date_is_refused_before_anything_is_read() {
    let f = site_with_page();
    let run = f.cermin(&["import", "inbox/cranes.html", "--date", "27/13/2022"]);
    assert!(!run.ok);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr.trim_end(),
        "error: --date `27/13/2022` is not a date: write it as 2022-01-27, 2022-01-27 14:52 \
         or 2022-01-27T14:52:00+07:00"
    );
}

#[test]
fn a_page_with_no_url_of_its_own_is_imported_with_a_warning() {
    let f = site_with_page();
    let run = f.cermin(&["import", "inbox/cranes.html", "--date", "2020-05-06"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let warnings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning   inbox/cranes.html: no publication date in the page; dated 2020-05-06 from --date",
            "warning   inbox/cranes.html: the page names no URL of its own: the article will \
             have no credit link, and its relative links and images are left out; pass --url"
        ]
    );
}
