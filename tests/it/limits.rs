//! Extreme inputs (huge or deeply nested articles, 50,000 articles in one folder) build, or
//! fail with a clear message, in bounded time and memory, without overflowing the stack.

use crate::common::Fixture;

fn article(body: &str) -> String {
    format!("---\ntitle: Batas\ndate: 2024-01-01\nauthor: A\n---\n\n{body}\n")
}

#[test]
fn huge_and_deeply_nested_articles_build() {
    let f = Fixture::new();
    // A 5 MB article.
    f.write(
        "content/besar.md",
        &article(&("Kalimat tentang berita hari ini. ".repeat(20) + "\n\n").repeat(7_500)),
    );
    // 10,000 levels of quotes, of lists, and of raw HTML.
    f.write(
        "content/kutipan.md",
        &article(&format!("{}dalam", "> ".repeat(10_000))),
    );
    f.write(
        "content/daftar.md",
        &article(
            &(0..10_000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect::<String>(),
        ),
    );
    f.write(
        "content/html.md",
        &article(&format!(
            "{}x{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        )),
    );
    // A 1 MB line.
    f.write("content/baris.md", &article(&"kata ".repeat(200_000)));
    let run = f.build_ok(&[]);
    assert!(run.stdout.starts_with("Built 5 articles"), "{}", run.stdout);
    let big = std::fs::metadata(f.public("2024/01/01/besar/index.html"))
        .unwrap()
        .len();
    assert!(
        big > 5_000_000,
        "the whole article is on its page ({big} bytes)"
    );
}

#[test]
fn a_symlink_loop_in_content_is_explained() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    std::os::unix::fs::symlink("..", f.root().join("content/putar")).unwrap();
    let run = f.build(&[]);
    assert_eq!(run.code, Some(1));
    // The link leads to the site's folder, which holds content/ again.
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "error: content/putar: symbolic link loop back to {}: remove the link\n1 content file has an error; nothing was written",
            f.root().display()
        )
    );
}

#[test]
fn fifty_thousand_articles_in_one_folder_build_in_bounded_time() {
    const N: usize = 50_000;
    let started = std::time::Instant::now();
    let f = Fixture::in_memory(
        "title = \"Banyak\"\nbase_url = \"https://banyak.example\"\ntimezone = \"Asia/Jakarta\"\n",
    );
    let dir = f.root().join("content/berita");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..N {
        // Spread over 2020–2024, a few tags, a short body.
        let day = i % 1_826;
        let date =
            chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(day as u64);
        std::fs::write(
            dir.join(format!("b{i:05}.md")),
            format!(
                "---\ntitle: Berita {i}\ndate: {date}T{:02}:{:02}:00+07:00\ntags: [T{}]\n---\n\nIsi berita {i}.\n",
                i % 24,
                i % 60,
                i % 5
            ),
        )
        .unwrap();
    }
    let written = started.elapsed();
    let started = std::time::Instant::now();
    let run = f.build_ok(&[]);
    let took = started.elapsed();
    assert!(
        run.stdout.starts_with("Built 50000 articles, 5 tags, "),
        "{}",
        run.stdout
    );
    assert!(f.exists("2020/01/01/b00000/index.html"));
    assert!(f.exists(&format!("{}/index.html", "2024/12/30/b01825")));
    // Past 50,000 URLs the sitemap becomes an index of several.
    assert!(f.read("sitemap.xml").contains("<sitemapindex"));
    assert!(f.exists("sitemap-2.xml"));
    // About 20 s in a debug build; generous for a busy 2-core machine, tight enough to
    // catch anything quadratic in the number of articles.
    assert!(took.as_secs() < 180, "50,000 articles took {took:?}");
    // Peak memory of the largest child process this test binary has waited for (this
    // build is the biggest of them). SAFETY: rusage is plain data; `usage` is one to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    let peak_mb = usage.ru_maxrss / 1024;
    assert!(peak_mb < 1024, "the build took {peak_mb} MB");
    eprintln!("50,000 articles written in {written:?}, built in {took:?} using {peak_mb} MB");
    let started = std::time::Instant::now();
    drop(f);
    eprintln!("and deleted in {:?}", started.elapsed());
}
