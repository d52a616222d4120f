//! `cermin import` end to end: the seed sample, re-imports, bad input, dry runs, --explain.

use crate::common::{Fixture, repo};

const SEED: &str =
    "content/2022/01/rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua.md";
const SEED_URL: &str = "https://rmol.id/dunia/read/2022/01/27/520736/rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua";

fn sample() -> String {
    repo()
        .join("tests/fixtures/000_6e0f6fd499433cba.txt")
        .display()
        .to_string()
}

/// A site with the example site.toml (no import rules: the seed imports clean without any)
/// and no articles.
fn site() -> Fixture {
    Fixture::with_config(&std::fs::read_to_string(repo().join("site.toml")).unwrap())
}

fn import_seed(f: &Fixture, extra: &[&str]) -> crate::common::Run {
    let sample = sample();
    let mut args = vec![
        "import",
        sample.as_str(),
        "--url",
        SEED_URL,
        "--tags",
        "Rusia,Amerika Latin,Militer",
    ];
    args.extend_from_slice(extra);
    f.cermin(&args)
}

#[test]
fn the_seed_sample_imports_to_exactly_the_example_article() {
    let f = site();
    let run = import_seed(&f, &[]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "created   {SEED} <- {}\nImported 1 page: 1 created, 0 updated, 0 unchanged, 0 failed\n",
            sample()
        )
    );
    let imported = std::fs::read_to_string(f.root().join(SEED)).unwrap();
    let expected = std::fs::read_to_string(repo().join(SEED)).unwrap();
    assert_eq!(imported, expected);
}

#[test]
fn importing_again_makes_no_duplicate() {
    let f = site();
    assert!(import_seed(&f, &[]).ok);
    let again = import_seed(&f, &[]);
    assert!(again.ok);
    assert!(
        again.stdout.starts_with(&format!("unchanged {SEED} <- ")),
        "{}",
        again.stdout
    );
    assert!(
        again
            .stdout
            .ends_with("Imported 1 page: 0 created, 0 updated, 1 unchanged, 0 failed\n")
    );
    // An editor changed the article; --force brings the mirror back to the source.
    let path = f.root().join(SEED);
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Rencana Rusia", "RENCANA RUSIA");
    std::fs::write(&path, edited).unwrap();
    assert!(import_seed(&f, &[]).stdout.contains("1 unchanged"));
    let forced = import_seed(&f, &["--force"]);
    assert!(
        forced.stdout.starts_with(&format!("updated   {SEED} <- ")),
        "{}",
        forced.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        std::fs::read_to_string(repo().join(SEED)).unwrap()
    );
    let files: Vec<_> = walkdir::WalkDir::new(f.root().join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(files.len(), 1, "no duplicate, no temporary file left");
}

#[test]
fn bad_inputs_fail_one_by_one_and_the_batch_goes_on() {
    let f = site();
    let inbox = f.root().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(inbox.join("a-empty.txt"), "").unwrap();
    std::fs::write(inbox.join("b-binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::copy(sample(), inbox.join("c-seed.txt")).unwrap();
    std::fs::write(inbox.join("d-nothing.html"), "<html><head><title>Beranda</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>").unwrap();
    let run = f.cermin(&["import", "inbox"]);
    assert!(!run.ok);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{}", run.stdout);
    assert_eq!(lines[0], "failed    inbox/a-empty.txt: the file is empty");
    assert_eq!(
        lines[1],
        "failed    inbox/b-binary.txt: a binary file, not an HTML page or a text dump"
    );
    assert!(
        lines[2].starts_with("created   content/2022/01/rusia-ungkap"),
        "{}",
        lines[2]
    );
    assert_eq!(
        lines[3],
        "warning   inbox/c-seed.txt: the page names no URL of its own: the article will have \
         no credit link, and its relative links and images are left out; pass --url"
    );
    assert!(
        lines[4].starts_with("failed    inbox/d-nothing.html: "),
        "{}",
        lines[4]
    );
    assert_eq!(
        lines[5],
        "Imported 4 pages: 1 created, 0 updated, 0 unchanged, 3 failed"
    );
    assert_eq!(
        run.stderr.trim_end(),
        "error: some pages could not be imported (see the lines starting with `failed`)"
    );
}

#[test]
fn an_unreadable_input_is_named() {
    let f = site();
    // A link to a file that is gone: named on the command line, but it cannot be read.
    std::os::unix::fs::symlink("/nonexistent/page.html", f.root().join("gone.html")).unwrap();
    let run = f.cermin(&["import", "gone.html"]);
    assert!(!run.ok);
    assert_eq!(
        run.stdout,
        "failed    gone.html: cannot read the file: No such file or directory (os error 2)\nImported 1 page: 0 created, 0 updated, 0 unchanged, 1 failed\n"
    );
}

#[test]
fn dry_run_writes_nothing() {
    let f = site();
    let run = import_seed(&f, &["--dry-run"]);
    assert!(run.ok);
    assert!(
        run.stdout
            .starts_with(&format!("would be created   {SEED} <- ")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("Checked 1 page: 1 created, 0 updated, 0 unchanged, 0 failed\n")
    );
    assert!(!f.root().join(SEED).exists());
}

#[test]
fn explain_names_every_drop_and_its_rule() {
    let f = site();
    let run = import_seed(&f, &["--explain", "--dry-run"]);
    assert!(run.ok);
    for junk in [
        "Dimensy.id Mobile",
        "Apollo Solar Panel",
        "LAPORAN: RENI ERINA",
        "Untuk mengikuti silakan klik tanda bintang.",
        "ARTIKEL LAINNYA",
    ] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.contains(junk))
            .unwrap_or_else(|| panic!("`{junk}` not explained:\n{}", run.stdout));
        assert!(line.starts_with("    dropped ["), "{line}");
    }
}

#[test]
fn gzipped_pages_are_read() {
    use std::io::Write;
    let f = site();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&std::fs::read(sample()).unwrap()).unwrap();
    std::fs::write(f.root().join("seed.txt.gz"), gz.finish().unwrap()).unwrap();
    let run = f.cermin(&["import", "seed.txt.gz"]);
    assert!(run.ok, "{}", run.stdout);
    assert!(run.stdout.contains("1 created"));
}

#[test]
fn the_imported_site_builds() {
    let f = site();
    assert!(import_seed(&f, &[]).ok);
    f.build_ok(&[]);
    assert!(f.read("2022/01/27/rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua/index.html").contains("Reni Erina"));
}

#[test]
fn format_json_prints_each_article_found_and_its_outcome() {
    let f = site();
    std::fs::write(f.root().join("nothing.html"), "<html><head><title>Beranda</title></head><body><nav><a href='/a'>A</a></nav></body></html>").unwrap();
    let sample = sample();
    let run = f.cermin(&[
        "import",
        sample.as_str(),
        "nothing.html",
        "--url",
        SEED_URL,
        "--dry-run",
        "--format",
        "json",
    ]);
    assert!(!run.ok);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 2, "one object per input:\n{}", run.stdout);
    let seed = &lines[0];
    assert_eq!(seed["status"], "created");
    assert_eq!(seed["path"], SEED);
    assert_eq!(seed["reason"], serde_json::Value::Null);
    let article = &seed["article"];
    assert_eq!(
        article["title"],
        "Rusia Ungkap Rencana Kerja Sama Militer di Kuba, Venzuela dan Nikaragua"
    );
    assert_eq!(article["date"], "2022-01-27T14:52:00+07:00");
    assert_eq!(article["source"], SEED_URL);
    let body = article["body"].as_str().unwrap();
    assert!(body.starts_with("Rencana Rusia untuk melakukan"), "{body}");
    assert!(!body.contains("Apollo Solar Panel"), "{body}");
    let rules: Vec<&str> = seed["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.is_empty());
    let nothing = &lines[1];
    assert_eq!(nothing["input"], "nothing.html");
    assert_eq!(nothing["status"], "failed");
    assert_eq!(nothing["article"], serde_json::Value::Null);
    assert!(
        nothing["reason"]
            .as_str()
            .unwrap()
            .starts_with("no article text")
    );
    assert!(!f.root().join(SEED).exists(), "a dry run writes nothing");
    assert!(
        run.stderr
            .starts_with("Checked 2 pages: 1 created, 0 updated, 0 unchanged, 1 failed\n"),
        "the counts go to stderr: {}",
        run.stderr
    );
}

#[test]
fn a_folder_link_that_loops_is_one_failed_line_and_the_batch_goes_on() {
    let f = site();
    let inbox = f.root().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::copy(sample(), inbox.join("a-seed.txt")).unwrap();
    std::os::unix::fs::symlink("..", inbox.join("loop")).unwrap();
    let run = f.cermin(&["import", "inbox"]);
    assert!(!run.ok);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "created   content/2022/01/rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua.md <- inbox/a-seed.txt",
            "warning   inbox/a-seed.txt: the page names no URL of its own: the article will have no credit link, and its relative links and images are left out; pass --url",
            "failed    inbox/loop: a link to .. that loops back into a folder it is in (skipped)",
            "Imported 2 pages: 1 created, 0 updated, 0 unchanged, 1 failed",
        ],
        "{}",
        run.stdout
    );
}

/// A page of `levels` nested `<div>`s around an article.
fn nested_page(levels: usize, inner: &str) -> String {
    format!(
        "<html><head><title>Banjir Rob Melanda Pesisir Utara</title>\
         <meta property=\"article:published_time\" content=\"2024-03-05T08:00:00+07:00\"></head>\
         <body>{}{inner}{}</body></html>",
        "<div>".repeat(levels),
        "</div>".repeat(levels)
    )
}

#[test]
fn deeply_nested_pages_are_flattened_and_imported() {
    let f = site();
    let paragraph = "<p>Banjir rob kembali melanda kawasan pesisir utara pada Selasa pagi, \
                     merendam ratusan rumah warga dan memutus akses jalan utama menuju pelabuhan \
                     selama beberapa jam sebelum air surut.</p>";
    let inbox = f.root().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(
        inbox.join("a-deep.html"),
        nested_page(
            3_000,
            &format!(
                "{paragraph}{}{}",
                paragraph.replace("Selasa", "Rabu"),
                paragraph.replace("Selasa", "Kamis")
            ),
        ),
    )
    .unwrap();
    // Text at every level: the tags below the limit go, their words stay.
    let every_level: String = (0..5_000)
        .map(|i| format!("<div>Keluarga nomor {i} mengungsi ke balai desa. "))
        .collect();
    std::fs::write(
        inbox.join("b-text-everywhere.html"),
        nested_page(0, &every_level).replace("Banjir Rob Melanda", "Warga Mengungsi di"),
    )
    .unwrap();
    let run = f.cermin(&["import", "inbox", "--dry-run", "--format", "json"]);
    let reports: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = reports
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/2024/03/banjir-rob-melanda-pesisir-utara.md",
            "content/2024/03/warga-mengungsi-di-pesisir-utara.md"
        ]
    );
    let body = reports[1]["article"]["body"].as_str().unwrap();
    // Every sentence below the flattening depth (4,750 of them) is in the article; the ones
    // between the outer tags are readability's to choose.
    let kept = body.matches(" mengungsi ke balai desa.").count();
    assert!((4_750..=5_000).contains(&kept), "{kept} sentences kept");
}

/// An invented page of the invented site kabarpesisir.example: its own story, and the
/// site's slogan paragraph inside the article text.
fn pesisir_page(n: usize, story: &str) -> String {
    format!(
        "<html><head><title>{story} | Kabar Pesisir</title>\
         <meta property=\"og:url\" content=\"https://kabarpesisir.example/berita/{n}\">\
         <meta property=\"article:published_time\" content=\"2024-03-0{n}T08:00:00+07:00\"></head>\
         <body><article><h1>{story}</h1>\
         <p>{story} menjadi perhatian warga desa sejak awal pekan, ketika kabar itu pertama kali \
         disampaikan oleh kepala desa dalam rapat bersama para tetua kampung di balai desa.</p>\
         <p>Menurut warga, persoalan {n} ini sudah lama dibicarakan namun baru sekarang mendapat \
         tanggapan dari pemerintah kabupaten yang berjanji datang meninjau pekan depan.</p>\
         <p>Kabar Pesisir hadir setiap pagi untuk warga pantai utara sejak 2019.</p>\
         </article></body></html>"
    )
}

#[test]
fn a_paragraph_repeated_on_a_sites_pages_is_learned_as_its_template() {
    let f = site();
    let inbox = f.root().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let stories = [
        "Perahu Nelayan Tenggelam",
        "Harga Ikan Naik",
        "Jembatan Desa Diperbaiki",
    ];
    for (i, story) in stories.iter().enumerate() {
        std::fs::write(inbox.join(format!("p{i}.html")), pesisir_page(i + 1, story)).unwrap();
    }
    let run = f.cermin(&["import", "inbox", "--dry-run", "--explain"]);
    assert!(run.ok, "{}", run.stdout);
    let template_drops: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("(site template)"))
        .collect();
    assert_eq!(
        template_drops,
        ["    dropped [repeats on 3 of 3 pages of kabarpesisir.example (site template)] Kabar Pesisir hadir setiap pagi untuk warga pantai utara sejak 2019.";
            3]
    );
    // The same pages imported one by one teach nothing: the paragraph stays.
    let one = f.cermin(&["import", "inbox/p0.html", "--dry-run", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(one.stdout.trim()).unwrap();
    assert!(
        report["article"]["body"]
            .as_str()
            .unwrap()
            .contains("Kabar Pesisir hadir setiap pagi")
    );
}

/// An imported article carries its feed entry id, the one the build would have made, so a
/// later correction of its date or slug keeps the entry in feed readers.
#[test]
fn an_imported_article_keeps_its_feed_id_when_its_slug_is_corrected() {
    let f = site();
    assert!(import_seed(&f, &[]).ok);
    let id = "tag:cermin.example.id,2022-01-27:rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua";
    let path = f.root().join(SEED);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("\nid: \"{id}\"\n")), "{text}");
    std::fs::write(&path, text.replace("\nid:", "\nslug: rusia-kuba\nid:")).unwrap();
    let run = f.cermin(&["build"]);
    assert!(run.ok, "{}", run.stderr);
    let rss = std::fs::read_to_string(f.root().join("public/rss.xml")).unwrap();
    let item = rss
        .split("<item>")
        .find(|item| item.contains("/2022/01/27/rusia-kuba/"))
        .expect("the article at its new address");
    assert!(
        item.contains(&format!("<guid isPermaLink=\"false\">{id}</guid>")),
        "{item}"
    );
}
