//! Images on other hosts (`remote_images` in site.toml): by default a page loads nothing from
//! another host (see docs/images.md).

use crate::common::{Fixture, SITE_TOML};

/// An article whose lead image, Markdown image, raw HTML image and linked image are all on
/// other hosts, and a local image beside them.
fn site(settings: &str) -> Fixture {
    let f = Fixture::with_config(&format!("{SITE_TOML}{settings}"));
    f.article(
        "content/banjir.md",
        "Banjir",
        "2024-05-27",
        "image: https://cdn.asal.example/lead.jpg\nimage_caption: Air naik di Kampung Melayu\n",
        "![Warga mengungsi](https://cdn.asal.example/a.jpg)\n\nLaporan <b>lapangan</b>.\n\n<figure><img src=\"//cdn.asal.example/b.jpg\"><figcaption>Perahu karet</figcaption></figure>\n\n[![Peta](https://peta.example/p.png)](https://peta.example/)\n\n![Lokal](/gambar/c.jpg)\n",
    );
    f.write("static/gambar/c.jpg", "jpeg");
    f
}

/// Every `src="…"` in a page that is on another host than the site's.
fn remote_sources(html: &str) -> Vec<&str> {
    html.split(" src=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|src| !src.starts_with("https://uji.example/"))
        .collect()
}

#[test]
fn by_default_remote_images_are_links_and_nothing_loads_from_another_host() {
    let f = site("");
    f.build_ok(&[]);
    let page = f.read("2024/05/27/banjir/index.html");
    assert_eq!(remote_sources(&page), Vec::<&str>::new(), "{page}");
    assert!(
        page.contains("<figure class=\"lead-image remote-image\">\n<figcaption>Air naik di Kampung Melayu <a href=\"https://cdn.asal.example/lead.jpg\" rel=\"noopener noreferrer\">Lihat foto di sumber</a></figcaption>\n</figure>"),
        "{page}"
    );
    for shown in [
        "<p><span class=\"remote-image\">Warga mengungsi <a href=\"https://cdn.asal.example/a.jpg\" rel=\"noopener noreferrer\">Lihat foto di sumber</a></span></p>",
        "<figure><span class=\"remote-image\"><a href=\"//cdn.asal.example/b.jpg\" rel=\"noopener noreferrer\">Lihat foto di sumber</a></span><figcaption>Perahu karet</figcaption></figure>",
        "<a href=\"https://peta.example/\" rel=\"noopener noreferrer\"><span class=\"remote-image\">Peta</span></a>",
        "<img src=\"https://uji.example/gambar/c.jpg\" alt=\"Lokal\"",
    ] {
        assert!(page.contains(shown), "{shown}\n{page}");
    }
    // No social card points at the other host, and no card or feed shows its photo.
    assert!(!page.contains("og:image"), "{page}");
    let home = f.read("index.html");
    assert_eq!(remote_sources(&home), Vec::<&str>::new(), "{home}");
    let rss = f.read("rss.xml");
    assert!(!rss.contains("lead.jpg"), "{rss}");
}

#[test]
fn a_remote_lead_image_leaves_the_social_card_to_the_default_image() {
    let f = site("default_image = \"/kartu.png\"\n");
    let english = SITE_TOML.replace("language = \"id\"", "language = \"en\"");
    f.write(
        "site.toml",
        &format!("{english}default_image = \"/kartu.png\"\n"),
    );
    f.build_ok(&[]);
    let page = f.read("2024/05/27/banjir/index.html");
    assert!(
        page.contains("<meta property=\"og:image\" content=\"https://uji.example/kartu.png\">"),
        "{page}"
    );
    assert!(!page.contains("og:image:alt"), "{page}");
    assert!(
        page.contains("Air naik di Kampung Melayu <a href=\"https://cdn.asal.example/lead.jpg\" rel=\"noopener noreferrer\">See the photo at the source</a>"),
        "{page}"
    );
}

#[test]
fn hotlink_loads_remote_images_as_written() {
    let f = site("remote_images = \"hotlink\"\n");
    f.build_ok(&[]);
    let page = f.read("2024/05/27/banjir/index.html");
    assert_eq!(
        remote_sources(&page),
        [
            "https://cdn.asal.example/lead.jpg",
            "https://cdn.asal.example/a.jpg",
            "//cdn.asal.example/b.jpg",
            "https://peta.example/p.png"
        ],
        "{page}"
    );
    assert!(
        page.contains("<meta property=\"og:image\" content=\"https://cdn.asal.example/lead.jpg\">"),
        "{page}"
    );
    assert!(!page.contains("remote-image"), "{page}");
}

#[test]
fn changing_the_setting_rebuilds_cached_articles() {
    let f = site("");
    f.build_ok(&[]);
    assert!(
        !f.read("2024/05/27/banjir/index.html")
            .contains("src=\"https://cdn.asal.example/a.jpg\"")
    );
    f.write(
        "site.toml",
        &format!("{SITE_TOML}remote_images = \"hotlink\"\n"),
    );
    f.build_ok(&[]);
    let page = f.read("2024/05/27/banjir/index.html");
    assert!(
        page.contains("src=\"https://cdn.asal.example/a.jpg\""),
        "{page}"
    );
}

#[test]
fn an_unknown_setting_names_the_line_and_the_choices() {
    let f = site("remote_images = \"hide\"\n");
    let run = f.build(&[]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr,
        "error: site.toml:6:17: invalid site.toml: unknown variant `hide`, expected `link` or `hotlink`\n"
    );
}

#[test]
fn init_writes_the_link_setting() {
    let f = Fixture::new();
    let run = f.cermin(&["init", "neu"]);
    assert!(run.ok, "{}", run.stderr);
    let toml = std::fs::read_to_string(f.root().join("neu/site.toml")).unwrap();
    assert!(toml.contains("\nremote_images = \"link\"\n"), "{toml}");
}
