//! Building fixture sites and the example site, asserting on what lands in public/.

use crate::common::{Fixture, SITE_TOML, snapshot};

fn three_articles() -> Fixture {
    let f = Fixture::new();
    f.article(
        "content/2023/05/pasar.md",
        "Harga Cabai Turun",
        "2023-05-02T08:00:00+07:00",
        "author: Dewi\ntags: [Ekonomi, Jakarta]\nsource: https://asal.example/cabai\nsource_name: Kabar Asal\n",
        "Paragraf pertama tentang cabai.\n\nParagraf kedua.",
    );
    f.article(
        "content/2024/02/banjir.md",
        "Banjir di Kampung Melayu",
        "2024-02-10 16:40",
        "authors: [Fajar, Sari]\ntags: [Cuaca, Jakarta]\n",
        "Air naik.\n\n## Pengungsian\n\nWarga mengungsi.",
    );
    f.article(
        "content/2024/02/bola.md",
        "Tim Voli Juara",
        "2024-02-10",
        "tags: [Olahraga]\n",
        "Juara lagi.",
    );
    f
}

#[test]
fn build_ends_with_a_summary_line() {
    let f = three_articles();
    let run = f.build_ok(&[]);
    assert!(
        run.stdout
            .starts_with("Built 3 articles, 4 tags, 7 archive pages, 10 feeds in "),
        "{}",
        run.stdout
    );
}

#[test]
fn article_page_has_everything_a_reader_needs() {
    let f = three_articles();
    f.build_ok(&[]);
    let html = f.read("2023/05/02/pasar/index.html");
    assert!(html.contains("<h1"), "{html}");
    assert!(html.contains("Harga Cabai Turun"));
    assert!(
        html.contains("Selasa, 2 Mei 2023"),
        "localized date missing"
    );
    assert!(html.contains("Dewi"));
    assert!(html.contains("href=\"https://uji.example/tags/ekonomi/\""));
    assert!(
        html.contains("href=\"https://asal.example/cabai\""),
        "source credit missing"
    );
    assert!(html.contains("Kabar Asal"));
    assert!(html.contains("\"@type\":\"NewsArticle\""));
    assert!(html.contains("<meta property=\"og:title\" content=\"Harga Cabai Turun\">"));
    // Not the canonical by default: credited with a link only.
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://uji.example/2023/05/02/pasar/\">")
    );
}

#[test]
fn canonical_points_at_the_original_when_configured() {
    let f = Fixture::with_config(&format!(
        "{}source_credit = \"canonical\"\n",
        crate::common::SITE_TOML
    ));
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "source: https://asal.example/a\n",
        "x",
    );
    f.build_ok(&[]);
    let html = f.read("2024/01/01/a/index.html");
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://asal.example/a\">"),
        "{html}"
    );
}

#[test]
fn articles_are_newest_first_and_paginated() {
    let f = three_articles();
    f.build_ok(&[]);
    let home = f.read("index.html");
    let banjir = home.find("Banjir di Kampung Melayu").unwrap();
    let bola = home.find("Tim Voli Juara").unwrap();
    assert!(banjir < bola, "16:40 comes before 00:00 on the same day");
    assert!(!home.contains("Harga Cabai Turun"), "paginate_by = 2");
    let page2 = f.read("page/2/index.html");
    assert!(page2.contains("Harga Cabai Turun"));
    assert!(
        page2.contains("href=\"https://uji.example/\""),
        "link back to page 1"
    );
}

#[test]
fn tags_and_archives_exist() {
    let f = three_articles();
    f.build_ok(&[]);
    let tags = f.read("tags/index.html");
    for name in ["Cuaca", "Ekonomi", "Jakarta", "Olahraga"] {
        assert!(tags.contains(name), "{name} missing from tags index");
    }
    let jakarta = f.read("tags/jakarta/index.html");
    assert!(jakarta.contains("Banjir di Kampung Melayu") && jakarta.contains("Harga Cabai Turun"));
    assert!(f.read("archive/index.html").contains("2024"));
    assert!(f.read("2024/index.html").contains("Februari 2024"));
    let month = f.read("2024/02/index.html");
    assert!(month.contains("Banjir di Kampung Melayu") && month.contains("Tim Voli Juara"));
    assert!(
        f.read("2024/02/10/index.html")
            .contains("Sabtu, 10 Februari 2024")
    );
    // Month pages link across to the previous month that has articles.
    assert!(
        month.contains("href=\"https://uji.example/2023/05/\""),
        "{month}"
    );
    assert!(f.exists("404.html"));
}

#[test]
fn neighbours_and_related_articles() {
    let f = three_articles();
    f.build_ok(&[]);
    let banjir = f.read("2024/02/10/banjir/index.html");
    // Older neighbour is the 2023 article? No: bola (same day, earlier) is older.
    assert!(banjir.contains("href=\"https://uji.example/2024/02/10/bola/\""));
    // Related by the shared Jakarta tag.
    assert!(banjir.contains("href=\"https://uji.example/2023/05/02/pasar/\""));
}

#[test]
fn drafts_and_future_articles_are_left_out_unless_asked() {
    let f = Fixture::new();
    f.article("content/d.md", "Draf", "2024-01-01", "draft: true\n", "x");
    f.article("content/e.md", "Embargo", "2999-01-01", "", "x");
    f.article("content/n.md", "Biasa", "2024-01-02", "", "x");
    f.build_ok(&[]);
    assert!(!f.exists("2024/01/01/d/index.html"));
    assert!(!f.exists("2999/01/01/e/index.html"));
    assert!(!f.read("rss.xml").contains("Embargo"));
    f.build_ok(&["--drafts", "--future"]);
    assert!(f.exists("2024/01/01/d/index.html"));
    assert!(f.exists("2999/01/01/e/index.html"));
}

#[test]
fn feeds_are_valid_rss_and_atom() {
    let f = three_articles();
    f.build_ok(&[]);
    let rss = rss::Channel::read_from(f.read("rss.xml").as_bytes()).expect("valid RSS");
    assert_eq!(rss.items().len(), 3);
    let first = &rss.items()[0];
    assert_eq!(first.title(), Some("Banjir di Kampung Melayu"));
    assert_eq!(first.link(), Some("https://uji.example/2024/02/10/banjir/"));
    assert_eq!(first.pub_date(), Some("Sat, 10 Feb 2024 16:40:00 +0700"));
    assert_eq!(
        first.guid().unwrap().value(),
        "tag:uji.example,2024-02-10:banjir"
    );
    assert!(first.content().unwrap().contains("<h2 id=\"pengungsian\">"));
    assert!(rss.atom_ext().unwrap().links()[0].href() == "https://uji.example/rss.xml");

    let atom =
        atom_syndication::Feed::read_from(f.read("atom.xml").as_bytes()).expect("valid Atom");
    assert_eq!(atom.entries().len(), 3);
    for entry in atom.entries() {
        assert!(!entry.authors().is_empty(), "every entry has an author");
    }
    assert_eq!(atom.entries()[0].id(), "tag:uji.example,2024-02-10:banjir");
    assert_eq!(
        atom.entries()[0].published().unwrap().to_rfc3339(),
        "2024-02-10T16:40:00+07:00"
    );

    let tag = rss::Channel::read_from(f.read("tags/jakarta/rss.xml").as_bytes()).unwrap();
    assert_eq!(tag.items().len(), 2);
    // A tag's feed says what it is, in the site's language.
    assert_eq!(tag.description(), "Artikel bertopik Jakarta — Uji");
    let tag_atom =
        atom_syndication::Feed::read_from(f.read("tags/jakarta/atom.xml").as_bytes()).unwrap();
    assert_eq!(
        tag_atom.subtitle().map(|s| s.as_str()),
        Some("Artikel bertopik Jakarta — Uji")
    );
}

/// Every page has a social card and a PNG icon for phones; an article without an image has
/// no photo caption line; list pagers use the article pages' words for the same directions.
#[test]
fn the_head_and_the_words_of_every_page() {
    let f = Fixture::with_config(&format!(
        "{}paginate_by = 1\n",
        crate::common::SITE_TOML.replace("paginate_by = 2\n", "")
    ));
    f.article(
        "content/a.md",
        "Tanpa Foto",
        "2024-01-01",
        "image_caption: Foto dari arsip\n",
        "Isi.",
    );
    f.article(
        "content/b.md",
        "Dengan Foto",
        "2024-01-02",
        "image: /gambar/b.png\nimage_caption: Foto kedua\n",
        "Isi.",
    );
    f.write("static/gambar/b.png", "png");
    f.build_ok(&[]);
    let without = f.read("2024/01/01/a/index.html");
    assert!(without.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(
        !without.contains("Foto dari arsip"),
        "a caption with no photo"
    );
    let with = f.read("2024/01/02/b/index.html");
    assert!(with.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(with.contains("<figcaption>Foto kedua</figcaption>"));
    let home = f.read("index.html");
    assert!(home.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(home.contains(
        "<link rel=\"apple-touch-icon\" href=\"https://uji.example/apple-touch-icon.png\">"
    ));
    let icon = std::fs::read(f.public("apple-touch-icon.png")).unwrap();
    assert!(icon.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG icon");
    assert!(home.contains(">Lebih lama<span class=\"arrow\""), "{home}");
    let second = f.read("page/2/index.html");
    assert!(second.contains("<span class=\"arrow\" aria-hidden=\"true\">←</span>Lebih baru</a>"));
    assert!(!second.contains("Berikutnya") && !second.contains("Sebelumnya"));
}

#[test]
fn feed_limit_and_summaries() {
    let f = Fixture::with_config(&format!(
        "{}feed_limit = 1\nfeed_content = \"summary\"\n",
        crate::common::SITE_TOML
    ));
    f.article("content/a.md", "A", "2024-01-01", "", "Satu.\n\nDua.");
    f.article("content/b.md", "B", "2024-01-02", "", "Tiga.\n\nEmpat.");
    f.build_ok(&[]);
    let rss = rss::Channel::read_from(f.read("rss.xml").as_bytes()).unwrap();
    assert_eq!(rss.items().len(), 1);
    assert_eq!(rss.items()[0].description(), Some("<p>Tiga.</p>"));
    assert!(rss.items()[0].content().is_none());
}

#[test]
fn sitemap_lastmod_is_the_updated_date_when_given() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "A",
        "2024-01-01T08:00:00+07:00",
        "updated: 2024-03-04T05:06:07+07:00\n",
        "Satu.",
    );
    f.article("content/b.md", "B", "2024-01-02T08:00:00+07:00", "", "Dua.");
    f.build_ok(&[]);
    let sitemap = f.read("sitemap.xml");
    assert!(
        sitemap.contains("/2024/01/01/a/</loc><lastmod>2024-03-04T05:06:07+07:00</lastmod>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("/2024/01/02/b/</loc><lastmod>2024-01-02T08:00:00+07:00</lastmod>"),
        "{sitemap}"
    );
}

#[test]
fn sitemap_and_robots() {
    let f = three_articles();
    f.build_ok(&[]);
    let sitemap = f.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://uji.example/2024/02/10/banjir/</loc><lastmod>2024-02-10T16:40:00+07:00</lastmod>"));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        f.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://uji.example/sitemap.xml\n"
    );
}

#[test]
fn raw_html_in_articles_is_sanitized() {
    let f = Fixture::new();
    f.article(
        "content/x.md",
        "X",
        "2024-01-01",
        "",
        "Halo <script>alert(1)</script><img src=x onerror=alert(2)>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[klik](javascript:alert(3))\n\n<img src=\"https://track.example/p.gif\" width=\"1\" height=\"1\">",
    );
    f.build_ok(&[]);
    let html = f.read("2024/01/01/x/index.html");
    let body = &html[html.find("<body").unwrap()..];
    assert!(!body.contains("alert("), "{body}");
    assert!(!body.contains("<iframe"));
    assert!(!body.contains("track.example"));
    assert!(!html.contains("javascript:"));
}

#[test]
fn front_matter_summary_and_more_marker() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "summary: Ringkasan <b>tegas</b>\n",
        "Isi.",
    );
    f.article(
        "content/b.md",
        "B",
        "2024-01-02",
        "",
        "Awal.\n\n<!-- more -->\n\nLanjutan.",
    );
    f.build_ok(&[]);
    let home = f.read("index.html");
    assert!(
        home.contains("Ringkasan &lt;b&gt;tegas&lt;/b&gt;"),
        "front matter summary is text"
    );
    assert!(home.contains("<p>Awal.</p>"));
    assert!(!home.contains("Lanjutan."));
}

#[test]
fn code_is_highlighted_with_a_stylesheet() {
    let f = Fixture::new();
    f.article(
        "content/c.md",
        "C",
        "2024-01-01",
        "",
        "```rust\nfn main() {}\n```",
    );
    f.build_ok(&[]);
    assert!(
        f.read("2024/01/01/c/index.html")
            .contains("<span class=\"hl-")
    );
    let css = f.read("syntax.css");
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
}

#[test]
fn base_url_from_the_command_line() {
    let f = three_articles();
    f.build_ok(&["--base-url", "https://cermin.lain/mirror/"]);
    assert!(
        f.read("index.html")
            .contains("href=\"https://cermin.lain/mirror/tags/\"")
    );
    assert!(
        f.read("rss.xml")
            .contains("<link>https://cermin.lain/mirror/2024/02/10/banjir/</link>")
    );
}

#[test]
fn relative_mode_has_no_absolute_site_links() {
    let f = Fixture::with_config(&format!(
        "{}relative_links = true\n",
        crate::common::SITE_TOML
    ));
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "tags: [X]\nimage: /img/a.svg\n",
        "[arsip](/2024/) ![i](/img/a.svg)",
    );
    f.write(
        "static/img/a.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.build_ok(&[]);
    let html = f.read("2024/01/01/a/index.html");
    assert!(
        html.contains("href=\"../../../../tags/x/index.html\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"../../../../2024/index.html\""),
        "links in the body follow the mode"
    );
    assert!(html.contains("src=\"../../../../img/a.svg\""));
    assert!(html.contains("href=\"../../../../style.css\""));
    let body = &html[html.find("<body").unwrap()..];
    assert!(!body.contains("href=\"https://uji.example"), "{body}");
    // Feeds stay absolute.
    assert!(
        f.read("rss.xml")
            .contains("https://uji.example/2024/01/01/a/")
    );
}

#[test]
fn the_404_page_links_from_the_site_root_in_relative_mode() {
    // Hosts serve 404.html at whatever path was missing (`/mirror/a/b/c/`): links relative to
    // /404.html would break there, so in relative mode its links start at the base URL's path.
    let f = Fixture::with_config(&format!(
        "{}relative_links = true\n",
        crate::common::SITE_TOML.replace("https://uji.example", "https://uji.example/cermin")
    ));
    f.article("content/a.md", "A", "2024-01-01", "tags: [X]\n", "Isi.");
    f.build_ok(&[]);
    let html = f.read("404.html");
    assert!(html.contains("href=\"/cermin/style.css\""), "{html}");
    assert!(html.contains("href=\"/cermin/\""), "{html}");
    for attr in ["href=\"", "src=\""] {
        for value in html.split(attr).skip(1) {
            assert!(
                value.starts_with("/cermin/")
                    || value.starts_with("https://")
                    || value.starts_with('#'),
                "a link on the 404 page that breaks when it is served deeper: {attr}{}",
                &value[..value.find('"').unwrap()]
            );
        }
    }
    // Every other page keeps links relative to itself.
    assert!(f.read("index.html").contains("href=\"style.css\""));
}

#[test]
fn unchanged_files_are_not_rewritten_and_removed_articles_disappear() {
    use std::time::{Duration, SystemTime};
    let f = three_articles();
    f.build_ok(&[]);
    // The day page of the 2023 article shows nothing the deletion touches.
    let page = f.public("2023/05/02/index.html");
    let past = SystemTime::now() - Duration::from_secs(86_400);
    std::fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(past)
        .unwrap();
    std::fs::remove_file(f.root().join("content/2024/02/bola.md")).unwrap();
    let run = f.build_ok(&[]);
    assert_eq!(std::fs::metadata(&page).unwrap().modified().unwrap(), past);
    assert!(!f.exists("2024/02/10/bola/index.html"));
    assert!(!f.exists("tags/olahraga/index.html"));
    assert!(run.stdout.contains("unchanged"), "{}", run.stdout);
}

#[test]
fn same_input_gives_the_same_bytes() {
    let f = three_articles();
    f.build_ok(&[]);
    let first = snapshot(&f.root().join("public"));
    f.build_ok(&["--output", "public2"]);
    assert_eq!(first, snapshot(&f.root().join("public2")));
}

#[test]
fn site_templates_and_static_override_the_theme() {
    let f = three_articles();
    f.write(
        "templates/404.html",
        "<!doctype html><title>Hilang</title><p>Tidak ada di sini.</p>",
    );
    f.write("static/style.css", "body { color: red }");
    f.build_ok(&[]);
    assert!(f.read("404.html").contains("Tidak ada di sini."));
    assert_eq!(f.read("style.css"), "body { color: red }");
}

#[test]
fn the_example_site_builds_with_the_seed_article_clean() {
    let f = Fixture::example();
    f.build_ok(&[]);
    let seed = f.read("2022/01/27/rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua/index.html");
    assert!(
        seed.contains("Rusia Ungkap Rencana Kerja Sama Militer di Kuba, Venzuela dan Nikaragua")
    );
    assert!(seed.contains("Reni Erina"));
    assert!(seed.contains("Kamis, 27 Januari 2022"));
    // The seed keeps its photo's caption in the front matter, but the photo itself is not
    // mirrored: a caption with no picture above it is not shown.
    assert!(!seed.contains("Menteri Luar Negeri Sergey Lavrov/Net"));
    for junk in [
        "Dimensy.id",
        "Apollo Solar Panel",
        "rmol news logo",
        "LAPORAN:",
        "Google News",
        "ARTIKEL LAINNYA",
    ] {
        assert!(!seed.contains(junk), "junk `{junk}` in the seed page");
    }
}

#[test]
fn init_and_new_make_a_site_that_builds() {
    let f = Fixture::new();
    let run = f.cermin(&["init", "baru"]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Created a new site in baru. Next:\n  \
         1. set `title`, `base_url` and `language` in baru/site.toml\n  \
         2. cermin serve --watch --root baru    preview at http://127.0.0.1:1111/, reloads on save\n  \
         3. cermin build --root baru            writes baru/public/ (opens from disk too)\n"
    );
    // A new site is clean and opens from disk: its links are relative.
    let check = f.cermin(&["check", "--root", "baru"]);
    assert!(check.ok, "{}", check.stdout);
    assert!(
        check.stdout.ends_with(": 0 errors, 0 warnings\n"),
        "{}",
        check.stdout
    );
    let run = f.cermin(&["build", "--root", "baru"]);
    assert!(run.ok && run.stderr.is_empty(), "{}", run.stderr);
    let home = std::fs::read_to_string(f.root().join("baru/public/index.html")).unwrap();
    assert!(
        home.contains("<link rel=\"stylesheet\" href=\"style.css\">"),
        "{home}"
    );
    // It declares the four taxonomies of a news mirror.
    for page in [
        "tags/meta/index.html",
        "authors/the-editors/index.html",
        "categories/news/index.html",
        "sources/index.html",
    ] {
        assert!(f.root().join("baru/public").join(page).is_file(), "{page}");
    }
    let run = f.cermin(&[
        "new",
        "Gempa Kecil di Laut Selatan",
        "--root",
        "baru",
        "--tags",
        "Bencana,Cuaca",
    ]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Created baru/content/"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .trim_end()
            .ends_with("/gempa-kecil-di-laut-selatan.md")
    );
    let run = f.cermin(&["build", "--root", "baru", "--future"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        f.root()
            .join("baru/public/tags/bencana/index.html")
            .exists()
    );
    let again = f.cermin(&["new", "Gempa Kecil di Laut Selatan", "--root", "baru"]);
    assert!(!again.ok);
    assert!(again.stderr.contains("already exists"));
    let occupied = f.cermin(&["init", "baru"]);
    assert_eq!(
        occupied.stderr.trim_end(),
        "error: baru is not empty: choose a new folder for the site"
    );
}

#[test]
fn site_paths_in_summaries_follow_base_url() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "A",
        "2024-01-01",
        "",
        "Lihat [arsip](/2024/) dulu.",
    );
    f.build_ok(&["--base-url", "https://cermin.lain/mirror"]);
    let home = f.read("index.html");
    assert!(
        home.contains("<a href=\"https://cermin.lain/mirror/2024/\">arsip</a>"),
        "{home}"
    );
}

/// List pages show each article through the theme's `partials/card.html`, rendered once and
/// reused (`cards_html`): a site's own partial is used everywhere, with links made for each
/// page's depth in relative mode.
#[test]
fn list_pages_use_the_sites_card_partial_with_links_for_the_page() {
    let f = Fixture::with_config(&format!(
        "{}relative_links = true\n",
        crate::common::SITE_TOML
    ));
    f.article(
        "content/a.md",
        "Satu",
        "2024-01-02",
        "tags: [Ekonomi]\n",
        "Isi.",
    );
    f.article(
        "content/b.md",
        "Dua",
        "2024-01-01",
        "tags: [Ekonomi]\n",
        "Isi.",
    );
    f.article(
        "content/c.md",
        "Tiga",
        "2023-12-31",
        "tags: [Ekonomi]\n",
        "Isi.",
    );
    f.write(
        "templates/partials/card.html",
        "<p class=\"kartu{% if lead %} utama{% endif %}\"><a href=\"{{ card.path | url }}\">{{ card.title }}</a></p>\n",
    );
    f.build_ok(&[]);
    let home = f.read("index.html");
    assert!(
        home.contains("<p class=\"kartu utama\"><a href=\"2024/01/02/a/index.html\">Satu</a></p>"),
        "{home}"
    );
    assert!(
        home.contains("<p class=\"kartu\"><a href=\"2024/01/01/b/index.html\">Dua</a></p>"),
        "{home}"
    );
    let tag_page_2 = f.read("tags/ekonomi/page/2/index.html");
    assert!(
        tag_page_2.contains(
            "<p class=\"kartu\"><a href=\"../../../../2023/12/31/c/index.html\">Tiga</a></p>"
        ),
        "{tag_page_2}"
    );
    let day = f.read("2024/01/01/index.html");
    assert!(
        day.contains("<p class=\"kartu\"><a href=\"../../../2024/01/01/b/index.html\">Dua</a></p>"),
        "{day}"
    );
}

/// A build keeps article bodies beyond a memory budget in a scratch file in the temporary
/// folder; without a usable one they stay in memory. Either way the site is the same.
#[test]
fn site_is_the_same_whether_bodies_wait_on_disk_or_in_memory() {
    let f = Fixture::example();
    let build = |env: &[(&str, std::path::PathBuf)]| {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_cermin"))
            .args(["build", "--no-cache"])
            .envs(env.iter().cloned())
            .current_dir(f.root())
            .output()
            .unwrap();
        assert!(
            run.status.success() && run.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        snapshot(&f.root().join("public"))
    };
    let in_memory = build(&[]);
    // A budget of 0 MB: every body but the shortest goes to the scratch file.
    let on_disk = build(&[("CERMIN_BODY_MEMORY_MB", "0".into())]);
    assert_eq!(on_disk, in_memory);
    let no_temporary_folder = build(&[
        ("CERMIN_BODY_MEMORY_MB", "0".into()),
        ("TMPDIR", f.root().join("no-such-folder")),
    ]);
    assert_eq!(no_temporary_folder, in_memory);
    // The same budget set in site.toml, as `[build] body_memory_mb`.
    let settings = f.root().join("site.toml");
    let toml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{toml}\n[build]\nbody_memory_mb = 0\n")).unwrap();
    assert_eq!(build(&[]), in_memory);
    std::fs::write(&settings, toml).unwrap();
    // A budget that is not a number stops the build before anything is written.
    std::fs::remove_dir_all(f.root().join("public")).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_cermin"))
        .args(["build", "--no-cache"])
        .env("CERMIN_BODY_MEMORY_MB", "1G")
        .current_dir(f.root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "error: CERMIN_BODY_MEMORY_MB=\"1G\" is not a number of megabytes: set it to a whole number such as 256, or unset it\n"
    );
    assert!(!f.root().join("public").exists());
}

/// `CERMIN_WRITERS` sets how many threads write the files: the site is the same with one or
/// many, and a value out of range stops the build before anything is written.
#[test]
fn site_is_the_same_with_any_number_of_writer_threads() {
    let f = Fixture::example();
    let build = |writers: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cermin"));
        command.args(["build", "--no-cache"]).current_dir(f.root());
        if let Some(writers) = writers {
            command.env("CERMIN_WRITERS", writers);
        }
        let run = command.output().unwrap();
        (run, snapshot(&f.root().join("public")))
    };
    let (run, default) = build(None);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for writers in ["1", "9"] {
        let (run, site) = build(Some(writers));
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(site, default, "CERMIN_WRITERS={writers}");
    }
    std::fs::remove_dir_all(f.root().join("public")).unwrap();
    for wrong in ["0", "65", "four"] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_cermin"))
            .args(["build", "--no-cache"])
            .env("CERMIN_WRITERS", wrong)
            .current_dir(f.root())
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&run.stderr),
            format!(
                "error: CERMIN_WRITERS=\"{wrong}\" is not a number of writer threads: set it to a whole number from 1 to 64, or unset it\n"
            )
        );
        assert!(!f.root().join("public").exists());
    }
}

/// A site's (or theme's) `templates/rss.xml`, `atom.xml` and `sitemap.xml` replace the
/// built-in writers, with the documented context; a format without a template keeps the
/// built-in one.
#[test]
fn feed_and_sitemap_templates_replace_the_built_in_writers() {
    let f = three_articles();
    f.build_ok(&[]);
    let built_in_atom = f.read("atom.xml");
    f.write(
        "templates/rss.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>{{ feed.title }} (tema)</title><link>{{ feed.link }}</link>
<description>{{ feed.description }}</description><language>{{ feed.language }}</language>
{% if feed.updated_rfc2822 %}<lastBuildDate>{{ feed.updated_rfc2822 }}</lastBuildDate>{% endif %}
{% for e in entries %}<item><title>{{ e.title }}</title><link>{{ e.link }}</link>
<guid isPermaLink="false">{{ e.id }}</guid><pubDate>{{ e.published_rfc2822 }}</pubDate>
{% for c in e.categories %}<category domain="{{ c.slug }}">{{ c.name }}</category>{% endfor %}
<author>{{ e.authors | join(sep=", ") }}</author>
<description>{{ e.summary }}</description></item>
{% endfor %}</channel></rss>
"#,
    );
    f.write(
        "templates/sitemap.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{% for e in entries %}
<url><loc>{{ e.loc }}</loc>{% if e.lastmod %}<lastmod>{{ e.lastmod }}</lastmod>{% endif %}<priority>0.5</priority></url>{% endfor %}
</urlset>
"#,
    );
    f.build_ok(&[]);
    let rss = rss::Channel::read_from(f.read("rss.xml").as_bytes()).expect("valid RSS");
    assert_eq!(rss.title(), "Uji (tema)");
    assert_eq!(rss.link(), "https://uji.example/");
    assert_eq!(rss.items().len(), 3);
    let first = &rss.items()[0];
    assert_eq!(first.link(), Some("https://uji.example/2024/02/10/banjir/"));
    assert_eq!(first.pub_date(), Some("Sat, 10 Feb 2024 16:40:00 +0700"));
    assert_eq!(
        first.guid().unwrap().value(),
        "tag:uji.example,2024-02-10:banjir"
    );
    assert_eq!(first.author(), Some("Fajar, Sari"));
    let categories: Vec<(&str, Option<&str>)> = first
        .categories()
        .iter()
        .map(|c| (c.name(), c.domain()))
        .collect();
    assert_eq!(
        categories,
        [("Cuaca", Some("cuaca")), ("Jakarta", Some("jakarta"))]
    );
    // The summary is HTML, escaped once by the template's autoescaping.
    assert_eq!(first.description(), Some("<p>Air naik.</p>"));
    // The tag feeds use the template too; Atom, with no template, is the built-in one.
    let tag = rss::Channel::read_from(f.read("tags/jakarta/rss.xml").as_bytes()).unwrap();
    assert_eq!(tag.title(), "Uji – Jakarta (tema)");
    assert_eq!(tag.link(), "https://uji.example/tags/jakarta/");
    assert_eq!(f.read("atom.xml"), built_in_atom);

    let sitemap = f.read("sitemap.xml");
    assert!(
        sitemap.contains("<url><loc>https://uji.example/2024/02/10/banjir/</loc><lastmod>2024-02-10T16:40:00+07:00</lastmod><priority>0.5</priority></url>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<url><loc>https://uji.example/</loc><priority>0.5</priority></url>"));
    assert!(!sitemap.contains("404.html"));
}

/// Feed entries credit the page they mirror and carry the lead image: RSS `source`, a credit
/// line at the end of the text, `media:content`, and an enclosure with its length for the
/// site's own image file.
#[test]
fn feeds_credit_the_source_and_carry_the_lead_image() {
    // Remote lead images are in feeds only when pages load them too.
    let f = Fixture::with_config(&format!("{SITE_TOML}remote_images = \"hotlink\"\n"));
    f.article(
        "content/a.md",
        "Dengan Sumber",
        "2024-03-01",
        "source: https://rmol.id/read/2024/03/01/1/x\nsource_name: RMOL\nimage: /gambar/a.jpg\nimage_caption: Foto A/Net\n",
        "Isi berita.",
    );
    f.article(
        "content/b.md",
        "Tanpa Nama Sumber",
        "2024-03-02",
        "source: https://asal.example/b\nimage: https://cdn.asal.example/b.png\n",
        "Isi kedua.",
    );
    f.write("static/gambar/a.jpg", "0123456789");
    f.build_ok(&[]);
    let rss = rss::Channel::read_from(f.read("rss.xml").as_bytes()).expect("valid RSS");
    let (b, a) = (&rss.items()[0], &rss.items()[1]);
    let source = a.source().expect("an RSS source");
    assert_eq!(source.url(), "https://rmol.id/read/2024/03/01/1/x");
    assert_eq!(source.title(), Some("RMOL"));
    assert!(
        a.content().unwrap().ends_with(
            "<p class=\"source-credit\">Sumber: <a href=\"https://rmol.id/read/2024/03/01/1/x\">RMOL</a></p>"
        ),
        "{:?}",
        a.content()
    );
    let enclosure = a.enclosure().expect("the site's own image is an enclosure");
    assert_eq!(enclosure.url(), "https://uji.example/gambar/a.jpg");
    assert_eq!(enclosure.length(), "10");
    assert_eq!(enclosure.mime_type(), "image/jpeg");
    let media = &a.extensions()["media"]["content"][0];
    assert_eq!(media.attrs()["url"], "https://uji.example/gambar/a.jpg");
    assert_eq!(media.attrs()["medium"], "image");
    assert_eq!(
        media.children()["description"][0].value(),
        Some("Foto A/Net")
    );
    // A remote image has no known size: media:content only. An outlet with no name is
    // credited by its host.
    assert!(b.enclosure().is_none());
    assert_eq!(
        b.extensions()["media"]["content"][0].attrs()["url"],
        "https://cdn.asal.example/b.png"
    );
    assert!(b.content().unwrap().ends_with(">asal.example</a></p>"));

    let atom = atom_syndication::Feed::read_from(f.read("atom.xml").as_bytes()).unwrap();
    let enclosure = atom.entries()[1]
        .links()
        .iter()
        .find(|l| l.rel() == "enclosure")
        .expect("an enclosure link");
    assert_eq!(enclosure.href(), "https://uji.example/gambar/a.jpg");
    assert_eq!(enclosure.length(), Some("10"));
    assert!(
        atom.entries()[1]
            .content()
            .and_then(|c| c.value())
            .unwrap()
            .ends_with(">RMOL</a></p>")
    );
}

/// Embedded players load nothing from another host: a YouTube or Vimeo iframe or shortcode
/// becomes a link card worded in the site's language, a pasted tweet stays a quote with its
/// link, and what the sanitizer still removes is a warning at its line.
#[test]
fn embeds_become_links_and_removed_content_is_a_warning() {
    let f = Fixture::new();
    f.write(
        "content/video.md",
        "---\ntitle: Video\ndate: 2024-04-01\n---\n\nPembuka.\n\n{{< youtube dQw4w9WgXcQ >}}\n\n<iframe width=\"560\" src=\"https://player.vimeo.com/video/76979871\"></iframe>\n\n<blockquote class=\"twitter-tweet\"><p>Isi cuitan.</p><a href=\"https://twitter.com/bmkgindonesia/status/1\">1 April 2024</a></blockquote>\n<script async src=\"https://platform.twitter.com/widgets.js\"></script>\n\n<form action=\"https://iklan.example/\"><input name=\"q\"></form>\n\n<iframe src=\"https://iklan.example/banner\"></iframe>\n",
    );
    let run = f.build_ok(&[]);
    assert_eq!(
        run.stderr,
        "warning: content/video.md:15: <form> removed: it could load or run something from another site in readers' browsers (videos from YouTube and Vimeo become links by themselves; write other content as text or a link)\n\
         warning: content/video.md:17: <iframe> removed: it could load or run something from another site in readers' browsers (videos from YouTube and Vimeo become links by themselves; write other content as text or a link)\n"
    );
    let page = f.read("2024/04/01/video/index.html");
    assert!(page.contains("<p class=\"embed embed-youtube\"><a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" rel=\"noopener noreferrer\">Tonton di YouTube</a></p>"), "{page}");
    assert!(page.contains(
        "<a href=\"https://vimeo.com/76979871\" rel=\"noopener noreferrer\">Tonton di Vimeo</a>"
    ));
    assert!(page.contains("<blockquote class=\"twitter-tweet\"><p>Isi cuitan.</p><a href=\"https://twitter.com/bmkgindonesia/status/1\" rel=\"noopener noreferrer\">1 April 2024</a></blockquote>"));
    let body = page.split("<div class=\"content\">").nth(1).unwrap();
    let body = body.split("</div>").next().unwrap();
    for gone in ["<iframe", "<script", "<form", "iklan.example", "{{<"] {
        assert!(!body.contains(gone), "{gone} in the article: {body}");
    }
}

/// The code colours are loaded only by pages that show code.
#[test]
fn only_pages_with_code_load_the_code_stylesheet() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "Kode",
        "2024-01-01",
        "",
        "Contoh:\n\n```rust\nfn main() {}\n```",
    );
    f.article("content/b.md", "Teks", "2024-01-02", "", "Hanya teks.");
    f.build_ok(&[]);
    let link = "<link rel=\"stylesheet\" href=\"https://uji.example/syntax.css\">";
    assert!(f.read("2024/01/01/a/index.html").contains(link));
    assert!(!f.read("2024/01/02/b/index.html").contains(link));
    assert!(!f.read("index.html").contains("syntax.css"));
    assert!(f.read("syntax.css").contains("prefers-color-scheme: dark"));
}

/// A `#part` link in a summary leads to the article's page wherever the summary is shown:
/// list pages and feeds (and so do the body's in feeds).
#[test]
fn fragment_links_in_summaries_lead_to_the_article() {
    let f = Fixture::with_config(&format!(
        "{}relative_links = true\n",
        crate::common::SITE_TOML
    ));
    f.article(
        "content/a.md",
        "Dua Bagian",
        "2024-05-01",
        "tags: [Uji]\n",
        "Baca [bagian dua](#bagian-dua) dulu.\n\n## Bagian dua\n\nIsi.",
    );
    f.build_ok(&[]);
    let link = "<a href=\"2024/05/01/a/index.html#bagian-dua\">bagian dua</a>";
    assert!(
        f.read("index.html").contains(link),
        "{}",
        f.read("index.html")
    );
    assert!(
        f.read("tags/uji/index.html")
            .contains("<a href=\"../../2024/05/01/a/index.html#bagian-dua\">bagian dua</a>")
    );
    // On its own page the link stays on the page.
    assert!(
        f.read("2024/05/01/a/index.html")
            .contains("<a href=\"#bagian-dua\">bagian dua</a>")
    );
    let rss = rss::Channel::read_from(f.read("rss.xml").as_bytes()).unwrap();
    let item = &rss.items()[0];
    let absolute = "<a href=\"https://uji.example/2024/05/01/a/#bagian-dua\">bagian dua</a>";
    assert!(item.description().unwrap().contains(absolute));
    assert!(item.content().unwrap().contains(absolute));
}

/// `default_image` in site.toml gives pages and articles without an image a social card
/// image; an article's own image wins.
#[test]
fn the_default_image_is_the_social_card_of_pages_without_their_own() {
    let f = Fixture::with_config(&format!(
        "{}default_image = \"/kartu.png\"\n",
        crate::common::SITE_TOML
    ));
    f.article("content/a.md", "Tanpa", "2024-01-01", "", "Isi.");
    f.article(
        "content/b.md",
        "Dengan",
        "2024-01-02",
        "image: /b.png\n",
        "Isi.",
    );
    f.write("static/kartu.png", "png");
    f.write("static/b.png", "png");
    f.build_ok(&[]);
    let card = "<meta property=\"og:image\" content=\"https://uji.example/kartu.png\">";
    assert!(f.read("index.html").contains(card));
    assert!(f.read("2024/01/01/a/index.html").contains(card));
    assert!(
        f.read("2024/01/01/a/index.html")
            .contains("content=\"summary_large_image\"")
    );
    let own = f.read("2024/01/02/b/index.html");
    assert!(own.contains("<meta property=\"og:image\" content=\"https://uji.example/b.png\">"));
    assert!(!own.contains("kartu.png"));
    let bad = Fixture::with_config(&format!(
        "{}default_image = \"kartu.png\"\n",
        crate::common::SITE_TOML
    ));
    let run = bad.build(&[]);
    assert_eq!(
        run.stderr,
        "error: site.toml: default_image must be a site path such as \"/images/kartu.png\" or an http(s) URL (got \"kartu.png\")\n"
    );
}

/// One of a thing is said in the singular (the archive: its index, the year, the month and
/// the day; feeds: RSS and Atom of the site and of the tag).
#[test]
fn the_closing_line_says_one_article_in_the_singular() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "Satu",
        "2024-01-01",
        "tags: [Kota]\n",
        "Isi.",
    );
    let run = f.build_ok(&[]);
    assert!(
        run.stdout
            .starts_with("Built 1 article, 1 tag, 4 archive pages, 4 feeds in "),
        "{}",
        run.stdout
    );
}

/// An `id` in front matter is the feed entry's id, so a feed reader keeps the entry when
/// the article's date or slug is corrected; an id that is no URI is refused at its line.
#[test]
fn an_id_in_front_matter_keeps_the_feed_entry_when_date_and_slug_change() {
    let f = Fixture::new();
    let id = "tag:uji.example,2024-03-01:banjir";
    f.article(
        "content/a.md",
        "Banjir",
        "2024-03-01",
        &format!("id: \"{id}\"\n"),
        "Isi.",
    );
    f.build_ok(&[]);
    let first = rss::Channel::read_from(f.read("rss.xml").as_bytes()).unwrap();
    assert_eq!(first.items()[0].guid().unwrap().value(), id);
    f.article(
        "content/a.md",
        "Banjir",
        "2024-03-02",
        &format!("id: \"{id}\"\nslug: banjir-rob\n"),
        "Isi.",
    );
    f.build_ok(&[]);
    let moved = atom_syndication::Feed::read_from(f.read("atom.xml").as_bytes()).unwrap();
    assert_eq!(moved.entries()[0].id(), id);
    assert_eq!(
        moved.entries()[0].links()[0].href(),
        "https://uji.example/2024/03/02/banjir-rob/"
    );
    f.article(
        "content/a.md",
        "Banjir",
        "2024-03-02",
        "id: banjir 2\n",
        "Isi.",
    );
    let run = f.build(&[]);
    assert!(
        run.stderr.starts_with(
            "error: content/a.md:4: `id` must be a URI that never changes, such as tag:example.org,2022-01-27:slug (got `banjir 2`)\n"
        ),
        "{}",
        run.stderr
    );
}

/// List pages leave out the card values their template never names (the build's largest
/// cost); a theme that shows `articles` on a tag page through an included partial, or only
/// by dumping the whole context, still gets them.
#[test]
fn a_list_template_gets_articles_when_it_names_them_only_in_a_partial() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "Satu",
        "2024-01-02",
        "tags: [Ekonomi]\n",
        "Isi.",
    );
    f.article(
        "content/b.md",
        "Dua",
        "2024-01-01",
        "tags: [Ekonomi]\n",
        "Isi.",
    );
    f.write(
        "templates/tag.html",
        "<h1>{{ tag.name }}</h1>{% include \"partials/titles.html\" %}",
    );
    f.write(
        "templates/partials/titles.html",
        "<ul>{% for a in articles %}<li>{{ a.title }}</li>{% endfor %}</ul>",
    );
    f.write("templates/archive_list.html", "{{ __tera_context }}");
    f.build_ok(&[]);
    assert_eq!(
        f.read("tags/ekonomi/index.html"),
        "<h1>Ekonomi</h1><ul><li>Satu</li><li>Dua</li></ul>"
    );
    let day = f.read("2024/01/01/index.html");
    // The dump shows the cards' values (only they have a reading time).
    assert!(day.contains("reading_time"), "{day}");
}
