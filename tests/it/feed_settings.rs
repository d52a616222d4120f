//! `[feeds.site]` and `[feeds.terms]`: full text or summaries, entries and formats of the
//! site's feed and of the term feeds, as written into public/.

use crate::common::{Fixture, SITE_TOML};

/// Three articles by one author, all tagged Ekonomi, the newest with a source.
fn site(settings: &str) -> Fixture {
    let f = Fixture::with_config(&format!("{SITE_TOML}{settings}"));
    f.write(
        "content/satu.md",
        "---\ntitle: \"Satu\"\ndate: 2024-01-01\nauthor: Dewi\ntags: [Ekonomi]\nsummary: Ringkasan satu.\n---\n\nIsi lengkap satu.\n",
    );
    f.write(
        "content/dua.md",
        "---\ntitle: \"Dua\"\ndate: 2024-01-02\nauthor: Dewi\ntags: [Ekonomi]\nsummary: Ringkasan dua.\n---\n\nIsi lengkap dua.\n",
    );
    f.write(
        "content/tiga.md",
        "---\ntitle: \"Tiga\"\ndate: 2024-01-03\nauthor: Dewi\ntags: [Ekonomi]\nsummary: Ringkasan tiga.\nsource: https://asal.example/tiga\nsource_name: Kabar Asal\n---\n\nIsi lengkap tiga.\n",
    );
    f
}

const AUTHORS: &str = "[[taxonomies]]\nname = \"tags\"\n[[taxonomies]]\nname = \"authors\"\n";

fn rss(f: &Fixture, rel: &str) -> rss::Channel {
    rss::Channel::read_from(f.read(rel).as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn titles(channel: &rss::Channel) -> Vec<&str> {
    channel.items().iter().map(|i| i.title().unwrap()).collect()
}

#[test]
fn without_feed_settings_every_feed_carries_full_text_in_both_formats() {
    let f = site(AUTHORS);
    f.build_ok(&[]);
    for dir in ["", "tags/ekonomi/", "authors/dewi/"] {
        let channel = rss(&f, &format!("{dir}rss.xml"));
        assert_eq!(titles(&channel), ["Tiga", "Dua", "Satu"], "{dir}");
        assert_eq!(
            channel.items()[1].content(),
            Some("<p>Isi lengkap dua.</p>"),
            "{dir}"
        );
        let atom = f.read(&format!("{dir}atom.xml"));
        assert!(atom.contains("<content type=\"html\">&lt;p&gt;Isi lengkap dua.&lt;/p&gt;"));
    }
}

#[test]
fn summaries_in_term_feeds_leave_the_site_feed_full() {
    let f = site(&format!("{AUTHORS}[feeds.terms]\ncontent = \"summary\"\n"));
    f.build_ok(&[]);
    let site_feed = rss(&f, "rss.xml");
    assert_eq!(
        site_feed.items()[1].content(),
        Some("<p>Isi lengkap dua.</p>")
    );
    for dir in ["tags/ekonomi/", "authors/dewi/"] {
        let channel = rss(&f, &format!("{dir}rss.xml"));
        assert_eq!(titles(&channel), ["Tiga", "Dua", "Satu"], "{dir}");
        assert!(
            channel.items().iter().all(|i| i.content().is_none()),
            "{dir}"
        );
        // The summary, and the source's credit where the body would have ended with it.
        assert_eq!(
            channel.items()[0].description(),
            Some(
                "<p>Ringkasan tiga.</p>\n\n<p class=\"source-credit\">Sumber: <a href=\"https://asal.example/tiga\">Kabar Asal</a></p>"
            ),
            "{dir}"
        );
        let atom = f.read(&format!("{dir}atom.xml"));
        assert!(!atom.contains("<content"), "{atom}");
        assert!(
            atom.contains("<summary type=\"html\">&lt;p&gt;Ringkasan dua.&lt;/p&gt;\n</summary>")
        );
        assert!(!atom.contains("Isi lengkap"), "{atom}");
    }
}

#[test]
fn summaries_in_the_site_feed_leave_term_feeds_full() {
    let f = site("[feeds.site]\ncontent = \"summary\"\n");
    f.build_ok(&[]);
    assert!(
        rss(&f, "rss.xml")
            .items()
            .iter()
            .all(|i| i.content().is_none())
    );
    assert_eq!(
        rss(&f, "tags/ekonomi/rss.xml").items()[2].content(),
        Some("<p>Isi lengkap satu.</p>")
    );
}

#[test]
fn each_kind_of_feed_has_its_own_number_of_entries() {
    let f = site(&format!(
        "feed_limit = 2\n{AUTHORS}[feeds.terms]\nlimit = 1\n"
    ));
    f.build_ok(&[]);
    assert_eq!(titles(&rss(&f, "rss.xml")), ["Tiga", "Dua"]);
    assert_eq!(titles(&rss(&f, "tags/ekonomi/rss.xml")), ["Tiga"]);
    assert_eq!(titles(&rss(&f, "authors/dewi/rss.xml")), ["Tiga"]);
    assert_eq!(
        f.read("authors/dewi/atom.xml").matches("<entry>").count(),
        1
    );
    let f = site("[feeds.site]\nlimit = 1\n");
    f.build_ok(&[]);
    assert_eq!(titles(&rss(&f, "rss.xml")), ["Tiga"]);
    assert_eq!(
        titles(&rss(&f, "tags/ekonomi/rss.xml")),
        ["Tiga", "Dua", "Satu"]
    );
}

#[test]
fn term_feeds_in_atom_alone_have_no_rss_file_nor_link() {
    let f = site(&format!("{AUTHORS}[feeds.terms]\nformats = [\"atom\"]\n"));
    let run = f.build_ok(&[]);
    // The site's two feeds and the Atom feed of one tag and one author.
    assert!(run.stdout.contains(", 4 feeds in "), "{}", run.stdout);
    for dir in ["tags/ekonomi/", "authors/dewi/"] {
        assert!(!f.exists(&format!("{dir}rss.xml")), "{dir}");
        assert!(
            f.read(&format!("{dir}atom.xml"))
                .contains("<title type=\"text\">Dua</title>")
        );
        let page = f.read(&format!("{dir}index.html"));
        assert!(!page.contains(&format!("{dir}rss.xml")), "{page}");
        assert!(page.contains(&format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"https://uji.example/{dir}atom.xml\">",
            if dir.starts_with("tags") { "Ekonomi (Atom)" } else { "Dewi (Atom)" }
        )));
        assert!(page.contains(&format!(
            "<span>Umpan: <a href=\"https://uji.example/{dir}atom.xml\" type=\"application/atom+xml\">Atom</a></span>"
        )), "{page}");
    }
    assert!(f.exists("rss.xml") && f.exists("atom.xml"));
}

#[test]
fn no_term_feeds_with_no_formats() {
    let f = site(&format!("{AUTHORS}[feeds.terms]\nformats = []\n"));
    let run = f.build_ok(&[]);
    assert!(run.stdout.contains(", 2 feeds in "), "{}", run.stdout);
    for dir in ["tags/ekonomi/", "authors/dewi/"] {
        assert!(!f.exists(&format!("{dir}rss.xml")) && !f.exists(&format!("{dir}atom.xml")));
        let page = f.read(&format!("{dir}index.html"));
        assert!(
            !page.contains("<span>Umpan:") && !page.contains(&format!("{dir}atom.xml")),
            "{page}"
        );
    }
}

#[test]
fn the_site_feed_in_one_format_is_the_one_pages_link() {
    let f = site("[feeds.site]\nformats = [\"rss\"]\n");
    f.build_ok(&[]);
    assert!(f.exists("rss.xml") && !f.exists("atom.xml"));
    let home = f.read("index.html");
    assert!(home.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Uji (RSS)\" href=\"https://uji.example/rss.xml\">"));
    assert!(!home.contains("atom.xml"), "{home}");
    assert!(home.contains("<p class=\"footer-feeds\">Umpan: <a href=\"https://uji.example/rss.xml\" type=\"application/rss+xml\">RSS</a></p>"), "{home}");
    // Term feeds keep both formats.
    assert!(f.exists("tags/ekonomi/rss.xml") && f.exists("tags/ekonomi/atom.xml"));

    let f = site("[feeds.site]\nformats = [\"atom\"]\n");
    f.build_ok(&[]);
    assert!(!f.exists("rss.xml") && f.exists("atom.xml"));
    let home = f.read("index.html");
    assert!(home.contains("<li class=\"nav-feed\"><a href=\"https://uji.example/atom.xml\" type=\"application/atom+xml\">"), "{home}");
    assert!(home.contains("</svg>Atom</a></li>"), "{home}");
    assert!(home.contains("<p class=\"footer-feeds\">Umpan: <a href=\"https://uji.example/atom.xml\" type=\"application/atom+xml\">Atom</a></p>"));
    assert!(!home.contains("rss.xml"), "{home}");
}

#[test]
fn a_site_without_a_site_feed_links_none() {
    let f = site("[feeds.site]\nformats = []\n");
    f.build_ok(&[]);
    assert!(!f.exists("rss.xml") && !f.exists("atom.xml"));
    let home = f.read("index.html");
    assert!(
        !home.contains("nav-feed") && !home.contains("footer-feeds"),
        "{home}"
    );
    assert!(!home.contains("https://uji.example/rss.xml"), "{home}");
}

#[test]
fn a_feed_dropped_by_a_setting_leaves_public_on_the_next_build() {
    let f = site("");
    f.build_ok(&[]);
    assert!(f.exists("tags/ekonomi/rss.xml"));
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}[feeds.terms]\nformats = [\"atom\"]\n"),
    );
    f.build_ok(&[]);
    assert!(!f.exists("tags/ekonomi/rss.xml"));
    assert!(f.exists("tags/ekonomi/atom.xml"));
}

#[test]
fn bad_feed_settings_name_the_line_and_the_fix() {
    for (settings, message) in [
        (
            "[feeds.terms]\nlimit = 0\n",
            "error: site.toml:7: [feeds.terms] limit must be 1 or more: to publish no term feeds, set `formats = []`",
        ),
        (
            "[feeds.site]\ncontent = \"summary\"\nlimit = 0\n",
            "error: site.toml:8: [feeds.site] limit must be 1 or more: to publish no site feed, set `formats = []`",
        ),
        (
            "[feeds.site]\nformats = [\"rss\", \"atom\", \"rss\"]\n",
            "error: site.toml:7: [feeds.site] formats lists \"rss\" twice: list each format once, such as [\"rss\", \"atom\"]",
        ),
        (
            "[feeds.terms]\nformats = [\"rss\", \"json\"]\n",
            "error: site.toml:7:19: invalid site.toml: unknown variant `json`, expected `rss` or `atom`",
        ),
        (
            "[feeds.terms]\ncontent = \"excerpt\"\n",
            "error: site.toml:7:11: invalid site.toml: unknown variant `excerpt`, expected `full` or `summary`",
        ),
        (
            "[feeds.tags]\nlimit = 5\n",
            "error: site.toml:6:8: invalid site.toml: unknown field `tags`, expected `site` or `terms`",
        ),
    ] {
        let f = site(settings);
        let run = f.build(&[]);
        assert!(!run.ok && run.code == Some(1), "{settings}: {}", run.stderr);
        assert_eq!(run.stderr.trim_end(), message, "{settings}");
        assert!(!f.exists("index.html"), "{settings}");
    }
}

#[test]
fn a_new_site_has_full_text_in_its_site_feed_and_summaries_in_term_feeds() {
    let f = Fixture::new();
    assert!(f.cermin(&["init", "baru"]).ok);
    let run = f.cermin(&["build", "--root", "baru"]);
    assert!(run.ok, "{}", run.stderr);
    // The newest (the only) entry of a feed.
    let feed = |rel: &str| {
        let xml = std::fs::read(f.root().join("baru/public").join(rel)).unwrap();
        rss::Channel::read_from(&xml[..]).unwrap().items()[0].clone()
    };
    let first = "<p>This is the first article of the mirror.";
    let site_entry = feed("rss.xml");
    assert!(site_entry.content().unwrap().starts_with(first));
    for rel in [
        "tags/meta/rss.xml",
        "authors/the-editors/rss.xml",
        "categories/news/rss.xml",
    ] {
        let entry = feed(rel);
        assert_eq!(entry.title(), Some("Hello, mirror"), "{rel}");
        assert!(entry.content().is_none(), "{rel}");
        assert!(entry.description().unwrap().starts_with(first), "{rel}");
        let atom = rel.replace("rss.xml", "atom.xml");
        assert!(f.root().join("baru/public").join(atom).is_file(), "{rel}");
    }
}

#[test]
fn the_example_site_has_full_text_in_its_site_feed_and_summaries_in_term_feeds() {
    let f = Fixture::example();
    f.build_ok(&[]);
    let site_feed = rss(&f, "rss.xml");
    assert!(site_feed.items().iter().all(|i| i.content().is_some()));
    let tags = std::fs::read_dir(f.public("tags")).unwrap();
    let mut checked = 0;
    for tag in tags.map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let rel = format!(
            "tags/{}/rss.xml",
            tag.file_name().unwrap().to_str().unwrap()
        );
        let channel = rss(&f, &rel);
        assert!(!channel.items().is_empty(), "{rel}");
        assert!(
            channel.items().iter().all(|i| i.content().is_none()),
            "{rel}"
        );
        checked += 1;
    }
    assert!(checked > 5, "{checked} tag feeds");
}
