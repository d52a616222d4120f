//! Raster images of `static/`: published without camera data, and shown in articles with
//! their size and variants, like the photos of page bundles (see docs/images.md).

use crate::common::{Fixture, SITE_TOML, snapshot};
use crate::images::{crc32, jpeg, jpeg_with_gps, png};

/// A site with `[images] widths = [480, 960]` and `files` in `static/`.
fn static_site(files: &[(&str, Vec<u8>)]) -> Fixture {
    let f = Fixture::with_config(&format!("{SITE_TOML}[images]\nwidths = [480, 960]\n"));
    for (rel, bytes) in files {
        let path = f.root().join("static").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    f
}

/// Whether `bytes` hold any trace of an EXIF block or a GPS position.
fn camera_data_in(bytes: &[u8]) -> Option<&'static str> {
    ["Exif", "MM\0\x2a", "II\x2a\0", "GPS"]
        .into_iter()
        .find(|needle| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

/// `png` with a text chunk after its header, as some editors write the author and place.
fn png_with_text(width: u32, height: u32) -> Vec<u8> {
    let plain = png(width, height);
    let data = b"Comment\0GPS -6.2, 106.8";
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend(b"tEXt");
    chunk.extend(data);
    chunk.extend(crc32(&chunk[4..]).to_be_bytes());
    // Signature (8) and IHDR (25), then the text.
    [&plain[..33], &chunk, &plain[33..]].concat()
}

fn size_of(f: &Fixture, rel: &str) -> (u32, u32) {
    image::image_dimensions(f.public(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn static_photos_lose_their_gps_and_articles_show_them_with_sizes_and_variants() {
    let f = static_site(&[
        ("images/peta.jpg", jpeg_with_gps(1000, 500, 1)),
        ("images/putar.jpg", jpeg_with_gps(640, 320, 6)),
        ("images/logo.png", png(300, 200)),
        ("images/peta-teks.png", png_with_text(40, 20)),
    ]);
    f.article(
        "content/a.md",
        "Banjir",
        "2024-05-27",
        "image: /images/peta.jpg\nimage_caption: Peta banjir\n",
        "![Logo](/images/logo.png)\n\n<img src=\"/images/putar.jpg\" alt=\"Putar\">",
    );
    f.build_ok(&[]);
    let files = snapshot(&f.root().join("public/images"));
    assert_eq!(
        files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        [
            "logo-300w.jpg",
            "logo-300w.webp",
            "logo.png",
            "peta-480w.jpg",
            "peta-480w.webp",
            "peta-960w.jpg",
            "peta-960w.webp",
            "peta-teks.png",
            "peta.jpg",
            "putar-320w.webp",
            "putar.jpg",
        ]
    );
    for (name, bytes) in &files {
        assert_eq!(camera_data_in(bytes), None, "{name}");
    }
    // Shown as stored: its own picture data, bit for bit, without the EXIF block.
    assert_eq!(
        std::fs::read(f.public("images/peta.jpg")).unwrap(),
        jpeg(1000, 500)
    );
    // A PNG keeps its own bytes: as they are, or without its text chunk.
    assert_eq!(
        std::fs::read(f.public("images/logo.png")).unwrap(),
        png(300, 200)
    );
    assert_eq!(
        std::fs::read(f.public("images/peta-teks.png")).unwrap(),
        png(40, 20)
    );
    // Stored 640 × 320 with orientation 6: written turned, 320 × 640.
    assert_eq!(size_of(&f, "images/putar.jpg"), (320, 640));
    assert_eq!(size_of(&f, "images/peta-480w.jpg"), (480, 240));

    let page = f.read("2024/05/27/a/index.html");
    let base = "https://uji.example/images/";
    let sizes = "(max-width: 44rem) 100vw, 44rem";
    for picture in [
        // The lead image, loaded first.
        format!(
            r#"<picture><source type="image/webp" srcset="{base}peta-480w.webp 480w, {base}peta-960w.webp 960w" sizes="{sizes}"><img src="{base}peta-960w.jpg" srcset="{base}peta-480w.jpg 480w, {base}peta-960w.jpg 960w" sizes="{sizes}" width="1000" height="500" alt="Peta banjir" fetchpriority="high" decoding="async"></picture>"#
        ),
        // Body images, Markdown and raw HTML, loaded lazily.
        format!(
            r#"<picture><source type="image/webp" srcset="{base}logo-300w.webp 300w" sizes="{sizes}"><img src="{base}logo.png" srcset="{base}logo.png 300w" sizes="{sizes}" width="300" height="200" alt="Logo" loading="lazy" decoding="async"></picture>"#
        ),
        format!(
            r#"<img src="{base}putar.jpg" srcset="{base}putar.jpg 320w" sizes="{sizes}" width="320" height="640" alt="Putar" loading="lazy" decoding="async"></picture>"#
        ),
    ] {
        assert!(page.contains(&picture), "{picture}\n{page}");
    }
    // The social card is the lead photo's JPEG (its own width, under 1200 pixels).
    assert!(
        page.contains(&format!(
            r#"<meta property="og:image" content="{base}peta.jpg">"#
        )),
        "{page}"
    );
    let length = std::fs::metadata(f.public("images/peta.jpg"))
        .unwrap()
        .len();
    let rss = f.read("rss.xml");
    assert!(
        rss.contains(&format!(
            r#"<enclosure url="{base}peta.jpg" length="{length}" type="image/jpeg"/>"#
        )),
        "{rss}"
    );
}

#[test]
fn a_static_photo_no_article_shows_is_published_without_camera_data() {
    let f = static_site(&[("gambar/sampul.jpg", jpeg_with_gps(200, 100, 1))]);
    f.build_ok(&[]);
    assert_eq!(
        std::fs::read(f.public("gambar/sampul.jpg")).unwrap(),
        jpeg(200, 100)
    );
}

#[test]
fn a_theme_photo_and_a_site_photo_of_one_stem_keep_variants_of_their_own() {
    let f = static_site(&[("images/foto.png", png(600, 300))]);
    f.article(
        "content/a.md",
        "Banjir",
        "2024-05-27",
        "",
        "![a](/images/foto.jpg) ![b](/images/foto.png)",
    );
    let theme_photo = f.root().join("themes/default/static/images/foto.jpg");
    std::fs::create_dir_all(theme_photo.parent().unwrap()).unwrap();
    std::fs::write(&theme_photo, jpeg_with_gps(600, 300, 1)).unwrap();
    f.build_ok(&[]);
    for rel in [
        "foto-jpg-480w.webp",
        "foto-png-480w.webp",
        "foto-jpg-480w.jpg",
        "foto-png-480w.png",
    ] {
        assert!(f.exists(&format!("images/{rel}")), "{rel}");
    }
    assert_eq!(
        camera_data_in(&std::fs::read(f.public("images/foto.jpg")).unwrap()),
        None
    );
}

#[test]
fn bad_static_images_are_warned_about_and_copied_as_they_are() {
    // A PNG header claiming 30,000 × 30,000 pixels, with nothing behind it.
    let mut bomb = png(1, 1);
    bomb[16..24].copy_from_slice(&[0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30]);
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let f = static_site(&[
        ("images/rusak.jpg", b"\xFF\xD8\xFF\xE0 broken".to_vec()),
        ("images/bom.png", bomb.clone()),
        ("images/nama.jpg", png(100, 50)),
        ("images/catatan.jpg", b"just text".to_vec()),
    ]);
    f.article(
        "content/a.md",
        "Banjir",
        "2024-05-27",
        "",
        "![a](/images/bom.png) ![b](/images/nama.jpg) ![c](/images/catatan.jpg) ![d](/images/rusak.jpg)",
    );
    let run = f.build_ok(&[]);
    let d = "static/images";
    for warning in [
        format!(
            "{d}/bom.png: claims 30000 × 30000 pixels, more than [images] max_pixels (50000000): not decoded (it could exhaust memory), copied as it is, without sizes or variants; make it smaller or raise max_pixels"
        ),
        format!(
            "{d}/catatan.jpg: is not a JPEG, PNG, WebP or GIF image (its bytes are another kind of file or broken): copied as it is, without sizes or variants"
        ),
        format!(
            "{d}/nama.jpg holds a PNG image, not what its name says: processed as PNG; rename it to end in .png"
        ),
        format!("{d}/rusak.jpg: is a broken JPEG image ("),
    ] {
        assert_eq!(
            run.stderr.matches(&warning).count(),
            1,
            "said once: {warning}\n{}",
            run.stderr
        );
    }
    let page = f.read("2024/05/27/a/index.html");
    assert!(
        page.contains(r#"<img src="https://uji.example/images/bom.png" alt="a" />"#),
        "{page}"
    );
    assert_eq!(std::fs::read(f.public("images/bom.png")).unwrap(), bomb);
    assert_eq!(
        std::fs::read(f.public("images/catatan.jpg")).unwrap(),
        b"just text"
    );
    // The PNG named .jpg is processed as the PNG it is.
    assert!(
        page.contains(r#"width="100" height="50" alt="b""#),
        "{page}"
    );
    assert_eq!(
        image::guess_format(&std::fs::read(f.public("images/nama.jpg")).unwrap()).unwrap(),
        image::ImageFormat::Png
    );
}

#[test]
fn a_rebuild_encodes_nothing_and_a_changed_static_photo_changes_the_pages() {
    let f = static_site(&[("images/peta.jpg", jpeg(1000, 500))]);
    f.article(
        "content/a.md",
        "Banjir",
        "2024-05-27",
        "",
        "![Peta](/images/peta.jpg)",
    );
    f.build_ok(&[]);
    let first = snapshot(&f.root().join("public"));
    let cached = snapshot(&f.root().join(".cermin-cache/images"));
    f.build_ok(&[]);
    assert_eq!(snapshot(&f.root().join("public")), first);
    assert_eq!(snapshot(&f.root().join(".cermin-cache/images")), cached);
    // A smaller photo under the same name: the cached article shows its new size.
    std::fs::write(f.root().join("static/images/peta.jpg"), jpeg(600, 300)).unwrap();
    f.build_ok(&[]);
    let page = f.read("2024/05/27/a/index.html");
    assert!(
        page.contains(r#"width="600" height="300" alt="Peta""#),
        "{page}"
    );
    assert!(!f.exists("images/peta-960w.jpg"), "the 960 variant is gone");
    // The same site as a build without the cache makes.
    let cached_build = snapshot(&f.root().join("public"));
    f.build_ok(&["--no-cache"]);
    assert_eq!(snapshot(&f.root().join("public")), cached_build);
}
