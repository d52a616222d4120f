//! Taxonomies declared in site.toml: sources, authors, sections and a site's own, with their
//! index pages, term pages, feeds and sitemap entries; the byline and credit links; the
//! errors of bad declarations.

use crate::common::{Fixture, SITE_TOML};

const FOUR: &str = r#"
[[taxonomies]]
name = "tags"

[[taxonomies]]
name = "sources"
key = "source_name"

[[taxonomies]]
name = "authors"
key = "author"

[[taxonomies]]
name = "categories"
key = "category"
menu = ["Politik"]
"#;

/// Three articles from two outlets (one named only by its URL), by four reporters.
fn mirror(toml_tail: &str) -> Fixture {
    let f = Fixture::with_config(&format!("{SITE_TOML}{toml_tail}"));
    f.article(
        "content/a.md",
        "Sidang Kabinet",
        "2024-03-01T09:00:00+07:00",
        "author: \"fajar  nugroho, Dewi Anggraini\"\nsource: https://www.kabar.example/politik/1\nsource_name: Kabar Kota\ncategory: Politik\ntags: [DPR]\n",
        "Isi satu.",
    );
    f.article(
        "content/b.md",
        "Harga Beras",
        "2024-03-02T09:00:00+07:00",
        "author: \"Fajar Nugroho dan Sari Lestari\"\nsource: https://warta.example/ekonomi/2\ncategory: Ekonomi\n",
        "Isi dua.",
    );
    f.article(
        "content/c.md",
        "Rapat Anggaran",
        "2024-03-03T09:00:00+07:00",
        "authors: [Budi]\nsource: https://www.kabar.example/politik/3\nsource_name: Kabar Kota\ncategory: politik\n",
        "Isi tiga.",
    );
    f
}

/// The `<item>` titles of an RSS feed, in order.
fn rss_titles(xml: &str) -> Vec<String> {
    let channel = rss::Channel::read_from(xml.as_bytes()).unwrap();
    channel
        .items()
        .iter()
        .map(|i| i.title().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn each_author_source_and_section_has_a_page_listing_exactly_its_articles() {
    let f = mirror(FOUR);
    f.build_ok(&[]);
    // "Fajar Nugroho" and "fajar  nugroho" are one reporter, on both of their articles,
    // named as the newest article writes it.
    let fajar = f.read("authors/fajar-nugroho/index.html");
    assert!(
        fajar.contains("<h1 class=\"page-title\">Fajar Nugroho</h1>"),
        "{fajar}"
    );
    assert!(fajar.contains("Sidang Kabinet") && fajar.contains("Harga Beras"));
    assert!(!fajar.contains("Rapat Anggaran"));
    assert_eq!(
        rss_titles(&f.read("authors/fajar-nugroho/rss.xml")),
        ["Harga Beras", "Sidang Kabinet"]
    );
    for (page, title) in [
        ("authors/dewi-anggraini/index.html", "Sidang Kabinet"),
        ("authors/sari-lestari/index.html", "Harga Beras"),
        ("authors/budi/index.html", "Rapat Anggaran"),
    ] {
        assert!(f.read(page).contains(title), "{page}");
    }
    // The outlet without a name is named by its host.
    assert_eq!(
        rss_titles(&f.read("sources/kabar-kota/rss.xml")),
        ["Rapat Anggaran", "Sidang Kabinet"]
    );
    assert_eq!(
        rss_titles(&f.read("sources/warta-example/rss.xml")),
        ["Harga Beras"]
    );
    // One section, whatever its case.
    assert_eq!(
        rss_titles(&f.read("categories/politik/rss.xml")),
        ["Rapat Anggaran", "Sidang Kabinet"]
    );
    let atom = atom_syndication::Feed::read_from(f.read("categories/ekonomi/atom.xml").as_bytes())
        .unwrap();
    assert_eq!(atom.entries().len(), 1);
    assert_eq!(atom.title().as_str(), "Uji – Ekonomi");
}

#[test]
fn index_pages_list_terms_with_counts_and_the_sitemap_lists_every_page() {
    let f = mirror(FOUR);
    f.build_ok(&[]);
    let authors = f.read("authors/index.html");
    assert!(
        authors.contains("<h1 class=\"page-title\">Penulis</h1>"),
        "{authors}"
    );
    assert!(
        authors.contains("<li><a href=\"https://uji.example/authors/fajar-nugroho/\">Fajar Nugroho</a><span class=\"count\">2 artikel</span></li>"),
        "{authors}"
    );
    let sources = f.read("sources/index.html");
    assert!(sources.contains(">Kabar Kota</a><span class=\"count\">2 artikel</span>"));
    assert!(sources.contains(">warta.example</a><span class=\"count\">1 artikel</span>"));
    let sitemap = f.read("sitemap.xml");
    for path in [
        "authors/",
        "authors/sari-lestari/",
        "sources/",
        "sources/kabar-kota/",
        "categories/",
        "categories/ekonomi/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://uji.example/{path}</loc>")),
            "{path} not in the sitemap"
        );
    }
}

#[test]
fn the_byline_and_credit_link_to_the_reporters_and_the_outlet() {
    let f = mirror(FOUR);
    f.build_ok(&[]);
    let html = f.read("2024/03/02/b/index.html");
    assert!(
        html.contains("<span class=\"author\">Oleh <a href=\"https://uji.example/authors/fajar-nugroho/\" rel=\"author\"><strong>Fajar Nugroho</strong></a>, <a href=\"https://uji.example/authors/sari-lestari/\" rel=\"author\"><strong>Sari Lestari</strong></a></span><span class=\"outlet\"><a href=\"https://uji.example/sources/warta-example/\">warta.example</a></span>"),
        "{html}"
    );
    // Each author a Person in the JSON-LD.
    assert!(
        html.contains(r#""author":[{"@type":"Person","name":"Fajar Nugroho"},{"@type":"Person","name":"Sari Lestari"}]"#),
        "{html}"
    );
    let html = f.read("2024/03/01/a/index.html");
    assert!(
        html.contains("<p><span class=\"source-label\">Sumber</span> <a href=\"https://uji.example/sources/kabar-kota/\">Kabar Kota</a> · Baca artikel asli di <a href=\"https://www.kabar.example/politik/1\" rel=\"noopener\">www.kabar.example</a></p>"),
        "{html}"
    );
    // The outlet's page names its home.
    let outlet = f.read("sources/kabar-kota/index.html");
    assert!(
        outlet.contains(
            "<a href=\"https://www.kabar.example/\" rel=\"noopener\">www.kabar.example</a>"
        ),
        "{outlet}"
    );
}

#[test]
fn the_kicker_names_the_section_or_else_the_first_tag() {
    let f = mirror(FOUR);
    f.article(
        "content/d.md",
        "Tanpa Rubrik",
        "2024-03-04T09:00:00+07:00",
        "tags: [Cuaca, Banjir]\n",
        "Isi empat.",
    );
    f.build_ok(&[]);
    // a.md has the section Politik and the tag DPR: the section heads the article.
    let html = f.read("2024/03/01/a/index.html");
    assert!(
        html.contains(
            r#"<p class="kicker"><a href="https://uji.example/categories/politik/">Politik</a></p>"#
        ),
        "{html}"
    );
    // d.md has no section: its first tag does.
    let html = f.read("2024/03/04/d/index.html");
    assert!(
        html.contains(
            r#"<p class="kicker"><a href="https://uji.example/tags/cuaca/">Cuaca</a></p>"#
        ),
        "{html}"
    );
}

#[test]
fn segments_titles_pagination_and_feeds_follow_the_declaration() {
    let f = mirror(
        r#"
[[taxonomies]]
name = "tags"
segment = "topik"

[[taxonomies]]
name = "authors"
segment = "penulis"
title = "Wartawan"
paginate_by = 1
feeds = false
"#,
    );
    f.build_ok(&[]);
    assert!(f.exists("topik/dpr/index.html"));
    assert!(f.exists("topik/dpr/rss.xml"));
    assert!(!f.exists("tags"));
    let article = f.read("2024/03/01/a/index.html");
    assert!(article.contains("href=\"https://uji.example/topik/dpr/\""));
    let fajar = f.read("penulis/fajar-nugroho/index.html");
    assert!(
        fajar.contains("<title>Wartawan: Fajar Nugroho — Uji</title>"),
        "{fajar}"
    );
    assert!(
        !fajar.contains("fajar-nugroho/rss.xml"),
        "no feed, no feed link: {fajar}"
    );
    assert!(f.exists("penulis/fajar-nugroho/page/2/index.html"));
    assert!(!f.exists("penulis/fajar-nugroho/rss.xml"));
    assert!(
        f.read("penulis/index.html")
            .contains("<h1 class=\"page-title\">Wartawan</h1>")
    );
}

#[test]
fn a_sites_own_taxonomy_reads_its_key_under_extra() {
    let f = Fixture::with_config(&format!(
        "{SITE_TOML}[[taxonomies]]\nname = \"regions\"\nsegment = \"wilayah\"\n"
    ));
    f.article(
        "content/a.md",
        "Banjir",
        "2024-03-01",
        "extra:\n  regions: [Jawa Barat, Banten]\n",
        "Isi.",
    );
    f.build_ok(&[]);
    assert!(f.read("wilayah/jawa-barat/index.html").contains("Banjir"));
    assert!(f.read("wilayah/banten/index.html").contains("Banjir"));
}

#[test]
fn a_site_that_declares_nothing_has_tags_only() {
    let f = mirror("");
    f.build_ok(&[]);
    assert!(f.exists("tags/dpr/index.html"));
    for folder in ["authors", "sources", "categories"] {
        assert!(!f.exists(folder), "{folder}");
    }
    let html = f.read("2024/03/01/a/index.html");
    assert!(
        html.contains(
            "<span class=\"author\">Oleh <strong>fajar nugroho, Dewi Anggraini</strong></span>"
        ),
        "{html}"
    );
}

#[test]
fn the_menu_links_the_declared_sections() {
    let f = mirror(FOUR);
    f.build_ok(&[]);
    let home = f.read("index.html");
    assert!(
        home.contains("<a href=\"https://uji.example/categories/politik/\">Politik</a>"),
        "{home}"
    );
}

#[test]
fn bad_declarations_name_the_line_and_the_fix() {
    let cases = [
        (
            "[[taxonomies]]\nname = \"authors\"\n[[taxonomies]]\nname = \"sources\"\nsegment = \"authors\"\n",
            "error: site.toml:10: [[taxonomies]] \"sources\" and \"authors\" (line 7) both use the segment \"authors\": give one of them another `segment`",
        ),
        (
            "[[taxonomies]]\nname = \"authors\"\nsegment = \"archive\"\n",
            "error: site.toml:8: [[taxonomies]] \"authors\" segment \"archive\" is taken by the site's own pages (the archive, page numbers, years): choose another, such as \"archive-authors\"",
        ),
        (
            "[[taxonomies]]\nname = \"authors\"\nsegment = \"Penulis Kami\"\n",
            "error: site.toml:8: [[taxonomies]] \"authors\" segment \"Penulis Kami\": a segment is lowercase letters, digits and dashes, such as \"penulis-kami\"",
        ),
        (
            "[[taxonomies]]\nname = \"authors\"\n[[taxonomies]]\nname = \"authors\"\n",
            "error: site.toml:9: [[taxonomies]] \"authors\" is declared twice (first on line 7): keep one of them",
        ),
        (
            "[[taxonomies]]\nname = \"topics\"\nsegment = \"tags\"\n",
            "error: site.toml:8: [[taxonomies]] \"topics\" uses the segment \"tags\" of the site's tags: give it another `segment`",
        ),
        (
            "[[taxonomies]]\nname = \"authors\"\nkey = \"tags\"\n",
            "error: site.toml:7: [[taxonomies]] \"authors\": only the taxonomy named \"tags\" reads `tags:`, and it reads nothing else: give it `key = \"tags\"`, or another taxonomy another key",
        ),
    ];
    for (tail, expected) in cases {
        let f = mirror(tail);
        let run = f.build(&[]);
        assert_eq!(run.code, Some(1), "{tail}");
        assert_eq!(run.stderr.trim_end(), expected, "{tail}");
    }
}

#[test]
fn a_term_page_on_an_articles_path_is_a_clash() {
    let f = Fixture::with_config(&format!(
        "{SITE_TOML}permalink = \"/:slug/\"\n[[taxonomies]]\nname = \"authors\"\n"
    ));
    f.article(
        "content/authors.md",
        "Penulis",
        "2024-03-01",
        "author: Ani\n",
        "Isi.",
    );
    let run = f.build(&[]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.trim_end(),
        "error: the article content/authors.md and the authors index are both published at /authors/: change the article's `slug` or the `permalink` pattern in site.toml\n1 content file has an error; nothing was written"
    );
}

#[test]
fn different_names_on_one_author_page_are_warned_about() {
    let f = Fixture::with_config(&format!("{SITE_TOML}{FOUR}"));
    f.article(
        "content/a.md",
        "A",
        "2024-03-01",
        "author: \"Budi S.\"\n",
        "Isi.",
    );
    f.article(
        "content/b.md",
        "B",
        "2024-03-02",
        "author: \"Budi S\"\n",
        "Isi.",
    );
    let run = f.build_ok(&[]);
    assert!(
        run.stderr.contains("authors \"Budi S.\" (content/a.md) and \"Budi S\" (content/b.md) are different names on one page, /authors/budi-s/: if they are different, give all but one a slug of its own under `slugs` of the [[taxonomies]] entry \"authors\" in site.toml, such as slugs = { \"Budi S\" = \"budi-s-2\" }"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_front_page_has_the_lead_the_latest_a_block_per_section_and_the_busiest_outlets() {
    // paginate_by = 2: the lead and one more are the latest; the rest fill the blocks.
    let f = mirror(FOUR);
    f.article(
        "content/d.md",
        "Sidang Paripurna",
        "2024-02-01T09:00:00+07:00",
        "author: Budi\nsource: https://www.kabar.example/politik/4\nsource_name: Kabar Kota\ncategory: Politik\nimage: /gambar/sidang.jpg\n",
        "Isi empat.",
    );
    f.build_ok(&[]);
    let home = f.read("index.html");
    let lead = home.find("card card-lead").expect("a lead story");
    assert!(home[lead..].starts_with("card card-lead\">\n<div class=\"card-body\">\n<h2 class=\"card-title\"><a href=\"https://uji.example/2024/03/03/c/\">Rapat Anggaran</a>"), "{home}");
    let grid = home.find("<div class=\"front-grid\">").expect("the grid");
    assert!(home[grid..].contains("Harga Beras"));
    // Politik's block holds its articles that are not among the latest, newest first,
    // with the first one's picture, and a link to the section.
    let politik = &home[home.find("id=\"blok-politik\"").expect("a Politik block")..];
    let politik = &politik[..politik.find("</section>").unwrap()];
    let sidang_kabinet = politik.find(">Sidang Kabinet</a>").expect("Sidang Kabinet");
    let paripurna = politik
        .find(">Sidang Paripurna</a>")
        .expect("Sidang Paripurna");
    assert!(sidang_kabinet < paripurna, "{politik}");
    assert!(
        !politik.contains("Rapat Anggaran"),
        "the lead is not repeated: {politik}"
    );
    assert!(
        !politik.contains("<img"),
        "only the first article's picture: {politik}"
    );
    assert!(politik.contains("<p class=\"front-more\"><a href=\"https://uji.example/categories/politik/\">Selengkapnya di Politik</a></p>"), "{politik}");
    // Ekonomi has no article beyond the latest: no empty block.
    assert!(!home.contains("id=\"blok-ekonomi\""));
    let sources = &home[home.find("class=\"front-sources\"").expect("the sources")..];
    let kabar = sources
        .find(">Kabar Kota</a> <span class=\"count\">3 artikel</span>")
        .unwrap();
    let warta = sources
        .find(">warta.example</a> <span class=\"count\">1 artikel</span>")
        .unwrap();
    assert!(kabar < warta);
    // Page 2 is a plain list.
    assert!(!f.read("page/2/index.html").contains("front"));
    // The menu folds on phones behind a labelled checkbox.
    assert!(home.contains("<input type=\"checkbox\" id=\"nav-toggle\" class=\"nav-toggle\">\n<label for=\"nav-toggle\" class=\"nav-toggle-label\">"));
}

#[test]
fn a_front_page_block_shows_a_bundle_photo_at_the_width_its_column_needs() {
    let f = mirror(&format!("{FOUR}[images]\nwidths = [480, 960]\n"));
    f.write(
        "content/2024/03/sidang/index.md",
        "---\ntitle: Sidang Paripurna\ndate: 2024-03-01T10:00:00+07:00\ncategory: Politik\nimage: foto.jpg\n---\n\nIsi empat.\n",
    );
    std::fs::write(
        f.root().join("content/2024/03/sidang/foto.jpg"),
        crate::images::jpeg(1600, 900),
    )
    .unwrap();
    f.build_ok(&[]);
    let home = f.read("index.html");
    let politik = &home[home.find("id=\"blok-politik\"").expect("a Politik block")..];
    let politik = &politik[..politik.find("</section>").unwrap()];
    // Its box is reserved before the file arrives (width and height), and the
    // browser picks a variant for a third of the page (the widest configured,
    // 960, stands for the 1600-pixel original), and the ratio is the photo's.
    let sizes =
        "sizes=\"(min-width: 80rem) 25rem, (min-width: 60em) 33vw, (min-width: 40em) 50vw, 100vw\"";
    assert!(
        politik.contains(&format!("<source type=\"image/webp\" srcset=\"https://uji.example/2024/03/01/sidang/foto-480w.webp 480w, https://uji.example/2024/03/01/sidang/foto-960w.webp 960w\" {sizes}>")),
        "{politik}"
    );
    assert!(
        politik.contains(&format!("<img src=\"https://uji.example/2024/03/01/sidang/foto-960w.jpg\" srcset=\"https://uji.example/2024/03/01/sidang/foto-480w.jpg 480w, https://uji.example/2024/03/01/sidang/foto-960w.jpg 960w\" {sizes} width=\"1600\" height=\"900\" alt=\"\" loading=\"lazy\" decoding=\"async\">")),
        "{politik}"
    );
}

#[test]
fn the_front_page_block_shows_the_first_articles_picture() {
    let f = mirror(FOUR);
    f.article(
        "content/d.md",
        "Sidang Paripurna",
        "2024-03-01T10:00:00+07:00",
        "category: Politik\nimage: /gambar/sidang.jpg\n",
        "Isi empat.",
    );
    f.build_ok(&[]);
    let home = f.read("index.html");
    let politik = &home[home.find("id=\"blok-politik\"").expect("a Politik block")..];
    // Named as the menu writes it, though the newest article writes "politik".
    assert!(politik.starts_with(
        "id=\"blok-politik\"><a href=\"https://uji.example/categories/politik/\">Politik</a></h2>"
    ));
    assert!(
        politik.contains("<li class=\"has-image\">\n<a class=\"front-thumb\" href=\"https://uji.example/2024/03/01/d/\" tabindex=\"-1\" aria-hidden=\"true\"><img src=\"https://uji.example/gambar/sidang.jpg\" alt=\"\" loading=\"lazy\" decoding=\"async\"></a>"),
        "{politik}"
    );
}
