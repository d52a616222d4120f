//! Extreme inputs build, or fail with a clear message, without overflowing the stack.

mod common;
use common::Fixture;

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
    assert!(!run.ok);
    assert!(
        run.stderr
            .starts_with("error: content/putar: symbolic link loop back to "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.trim_end().ends_with(": remove the link"),
        "{}",
        run.stderr
    );
}
