//! Local images of page bundles: responsive variants, metadata removed, bad files survived
//! (see docs/images.md).

use crate::common::{Fixture, SITE_TOML, snapshot};

/// A JPEG photo of `width × height` (a gradient), as a camera stores it.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&pixels)
        .unwrap();
    out
}

/// `jpeg` with an EXIF block right after its start: an orientation (6: turn 90° clockwise
/// to show) and a GPS position (latitude reference "S").
pub fn jpeg_with_gps(width: u32, height: u32, orientation: u8) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend([0, 2]); // IFD0: two entries
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
    tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]); // GPS IFD at 38
    tiff.extend([0, 0, 0, 0]);
    tiff.extend([0, 1]); // GPS IFD: one entry
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0]); // GPSLatitudeRef = "S"
    tiff.extend([0, 0, 0, 0]);
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(&tiff);
    let plain = jpeg(width, height);
    [&plain[..2], &app1, &plain[2..]].concat()
}

/// A PNG of `width × height`.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 200, 30, 255]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(pixels)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The CRC of a PNG chunk (type and data).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

const PAGE: &str = "2024/05/27/banjir/";

fn bundle_site(files: &[(&str, Vec<u8>)], body: &str) -> Fixture {
    let f = Fixture::with_config(&format!(
        "{SITE_TOML}permalink = \"/:year/:month/:day/:slug/\"\n[images]\nwidths = [480, 960]\n"
    ));
    f.write(
        "content/2024/05/banjir/index.md",
        &format!(
            "---\ntitle: Banjir\ndate: 2024-05-27\nimage: foto.jpg\nimage_caption: Air naik\n---\n\n{body}\n"
        ),
    );
    for (name, bytes) in files {
        std::fs::write(f.root().join("content/2024/05/banjir").join(name), bytes).unwrap();
    }
    f
}

fn size_of(f: &Fixture, rel: &str) -> (u32, u32) {
    image::image_dimensions(f.public(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_photo_becomes_webp_and_jpeg_variants_never_wider_than_itself() {
    let f = bundle_site(
        &[("foto.jpg", jpeg(1200, 800)), ("kecil.png", png(300, 200))],
        "![Peta](kecil.png)\n\nTeks.",
    );
    f.build_ok(&[]);
    let page = f.read(&format!("{PAGE}index.html"));
    let base = format!("https://uji.example/{PAGE}");
    // The lead image: WebP first, the JPEG as fallback, its size, loaded first.
    let lead = format!(
        r#"<picture><source type="image/webp" srcset="{base}foto-480w.webp 480w, {base}foto-960w.webp 960w" sizes="(max-width: 44rem) 100vw, 44rem"><img src="{base}foto-960w.jpg" srcset="{base}foto-480w.jpg 480w, {base}foto-960w.jpg 960w" sizes="(max-width: 44rem) 100vw, 44rem" width="1200" height="800" alt="Air naik" fetchpriority="high" decoding="async"></picture>"#
    );
    assert!(page.contains(&lead), "{page}");
    // A body image narrower than every width: only its own size, never upscaled.
    let body = format!(
        r#"<picture><source type="image/webp" srcset="{base}kecil-300w.webp 300w" sizes="(max-width: 44rem) 100vw, 44rem"><img src="{base}kecil.png" srcset="{base}kecil.png 300w" sizes="(max-width: 44rem) 100vw, 44rem" width="300" height="200" alt="Peta" loading="lazy" decoding="async"></picture>"#
    );
    assert!(page.contains(&body), "{page}");
    for (rel, size) in [
        ("foto.jpg", (1200, 800)),
        ("foto-480w.webp", (480, 320)),
        ("foto-480w.jpg", (480, 320)),
        ("foto-960w.webp", (960, 640)),
        ("foto-960w.jpg", (960, 640)),
        ("kecil.png", (300, 200)),
        ("kecil-300w.webp", (300, 200)),
    ] {
        assert_eq!(size_of(&f, &format!("{PAGE}{rel}")), size, "{rel}");
    }
    assert!(
        !f.exists(&format!("{PAGE}kecil-480w.webp")),
        "no upscaled variant"
    );
    // The home card shows the lead photo with its size too.
    let home = f.read("index.html");
    assert!(
        home.contains(r#"width="1200" height="800" alt="" fetchpriority="high" decoding="async">"#),
        "{home}"
    );
}

#[test]
fn two_images_with_one_stem_keep_variants_of_their_own() {
    // foto.jpg (the lead) and foto.png (a map) would both make foto-480w.webp.
    let f = bundle_site(
        &[("foto.jpg", jpeg(1200, 800)), ("foto.png", png(1000, 500))],
        "![Peta](foto.png)\n\nTeks.",
    );
    f.build_ok(&[]);
    let page = f.read(&format!("{PAGE}index.html"));
    let base = format!("https://uji.example/{PAGE}");
    assert!(
        page.contains(&format!(r#"<source type="image/webp" srcset="{base}foto-jpg-480w.webp 480w, {base}foto-jpg-960w.webp 960w""#)),
        "{page}"
    );
    assert!(
        page.contains(&format!(r#"<source type="image/webp" srcset="{base}foto-png-480w.webp 480w, {base}foto-png-960w.webp 960w""#)),
        "{page}"
    );
    // Each variant is its own image's, in its own proportions.
    for (rel, size) in [
        ("foto-jpg-480w.webp", (480, 320)),
        ("foto-jpg-960w.jpg", (960, 640)),
        ("foto-png-480w.webp", (480, 240)),
        ("foto-png-960w.png", (960, 480)),
        ("foto.jpg", (1200, 800)),
        ("foto.png", (1000, 500)),
    ] {
        assert_eq!(size_of(&f, &format!("{PAGE}{rel}")), size, "{rel}");
    }
    assert!(
        !f.exists(&format!("{PAGE}foto-480w.webp")),
        "no shared name"
    );
}

/// An animated GIF of `frames` frames, `width × height`.
fn animated_gif(width: u32, height: u32, frames: u8) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
        for i in 0..frames {
            let pixels =
                image::RgbaImage::from_pixel(width, height, image::Rgba([i * 50, 90, 0, 255]));
            encoder
                .encode_frame(image::Frame::from_parts(
                    pixels,
                    0,
                    0,
                    image::Delay::from_numer_denom_ms(200, 1),
                ))
                .unwrap();
        }
    }
    out
}

#[test]
fn an_animated_gif_is_published_as_it_is() {
    let gif = animated_gif(600, 400, 3);
    let f = bundle_site(
        &[("foto.jpg", jpeg(800, 600)), ("radar.gif", gif.clone())],
        "![Radar hujan](radar.gif)\n\nTeks.",
    );
    f.build_ok(&[]);
    let page = f.read(&format!("{PAGE}index.html"));
    let base = format!("https://uji.example/{PAGE}");
    // No WebP or PNG variant, which would show the first frame only.
    assert!(
        page.contains(&format!(r#"<picture><img src="{base}radar.gif" srcset="{base}radar.gif 600w" sizes="(max-width: 44rem) 100vw, 44rem" width="600" height="400" alt="Radar hujan" loading="lazy" decoding="async"></picture>"#)),
        "{page}"
    );
    assert_eq!(
        std::fs::read(f.public(&format!("{PAGE}radar.gif"))).unwrap(),
        gif,
        "the file itself, every frame"
    );
    for variant in ["radar-480w.webp", "radar-480w.png", "radar-600w.webp"] {
        assert!(!f.exists(&format!("{PAGE}{variant}")), "{variant}");
    }
}

#[test]
fn no_output_keeps_exif_or_gps_and_orientation_is_applied() {
    let f = bundle_site(
        &[
            ("foto.jpg", jpeg_with_gps(640, 320, 6)),
            ("tegak.jpg", jpeg_with_gps(200, 100, 1)),
        ],
        "![x](tegak.jpg)",
    );
    f.build_ok(&[]);
    let outputs: Vec<_> = snapshot(&f.root().join("public").join(PAGE))
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".html"))
        .collect();
    assert_eq!(
        outputs.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["foto-320w.webp", "foto.jpg", "tegak-200w.webp", "tegak.jpg"]
    );
    for (name, bytes) in &outputs {
        for needle in [&b"Exif"[..], b"MM\0\x2a", b"II\x2a\0", b"GPS", b"xmp"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{name} holds {:?}",
                String::from_utf8_lossy(needle)
            );
        }
    }
    // Stored 640 × 320 with orientation 6: shown (and written) 320 × 640.
    assert_eq!(size_of(&f, &format!("{PAGE}foto.jpg")), (320, 640));
    // Shown as stored: its own picture data, bit for bit, without the EXIF block.
    assert_eq!(
        std::fs::read(f.public(&format!("{PAGE}tegak.jpg"))).unwrap(),
        jpeg(200, 100)
    );
    assert!(
        !f.exists(&format!("{PAGE}foto-480w.jpg")),
        "no variant is wider than 320"
    );
}

#[test]
fn social_cards_and_feeds_use_the_1200_pixel_jpeg() {
    let f = bundle_site(&[("foto.jpg", jpeg(2000, 1000))], "Teks.");
    f.build_ok(&[]);
    let page = f.read(&format!("{PAGE}index.html"));
    let card = format!("https://uji.example/{PAGE}foto-1200w.jpg");
    for tag in [
        format!(r#"<meta property="og:image" content="{card}">"#),
        r#"<meta property="og:image:width" content="1200">"#.to_string(),
        r#"<meta property="og:image:height" content="600">"#.to_string(),
        r#"<meta property="og:image:alt" content="Air naik">"#.to_string(),
        format!(r#"<meta name="twitter:image" content="{card}">"#),
    ] {
        assert!(page.contains(&tag), "{tag}\n{page}");
    }
    assert_eq!(size_of(&f, &format!("{PAGE}foto-1200w.jpg")), (1200, 600));
    let length = std::fs::metadata(f.public(&format!("{PAGE}foto-1200w.jpg")))
        .unwrap()
        .len();
    let rss = f.read("rss.xml");
    assert!(
        rss.contains(&format!(
            r#"<enclosure url="{card}" length="{length}" type="image/jpeg"/>"#
        )),
        "{rss}"
    );
    assert!(
        rss.contains(&format!(r#"<media:content url="{card}""#)),
        "{rss}"
    );
}

#[test]
fn the_default_image_card_has_its_size_type_and_alt() {
    let f = Fixture::with_config(&format!(
        "{SITE_TOML}default_image = \"/images/kartu.jpg\"\n"
    ));
    f.article("content/polos.md", "Polos", "2024-05-27", "", "Teks.");
    std::fs::create_dir_all(f.root().join("static/images")).unwrap();
    // Stored on its side (EXIF orientation 6): published turned, 300 × 500.
    std::fs::write(
        f.root().join("static/images/kartu.jpg"),
        jpeg_with_gps(500, 300, 6),
    )
    .unwrap();
    f.build_ok(&[]);
    for page in ["2024/05/27/polos/index.html", "index.html"] {
        let html = f.read(page);
        for tag in [
            r#"<meta property="og:image" content="https://uji.example/images/kartu.jpg">"#,
            r#"<meta property="og:image:type" content="image/jpeg">"#,
            r#"<meta property="og:image:width" content="300">"#,
            r#"<meta property="og:image:height" content="500">"#,
            r#"<meta property="og:image:alt" content="Uji">"#,
        ] {
            assert!(html.contains(tag), "{page}: {tag}\n{html}");
        }
    }
    assert_eq!(size_of(&f, "images/kartu.jpg"), (300, 500));
}

#[test]
fn a_default_image_of_another_size_renders_the_cards_again_in_a_cached_build() {
    let f = Fixture::with_config(&format!(
        "{SITE_TOML}default_image = \"/images/kartu.jpg\"\n"
    ));
    f.article("content/polos.md", "Polos", "2024-05-27", "", "Teks.");
    std::fs::create_dir_all(f.root().join("static/images")).unwrap();
    std::fs::write(
        f.root().join("static/images/kartu.jpg"),
        jpeg_with_gps(300, 200, 1),
    )
    .unwrap();
    f.build_ok(&[]);
    // The same name, another size; nothing else changes.
    std::fs::write(
        f.root().join("static/images/kartu.jpg"),
        jpeg_with_gps(640, 480, 1),
    )
    .unwrap();
    f.build_ok(&[]);
    for page in ["2024/05/27/polos/index.html", "index.html"] {
        let html = f.read(page);
        assert!(
            html.contains(r#"<meta property="og:image:width" content="640">"#)
                && html.contains(r#"<meta property="og:image:height" content="480">"#),
            "{page} still shows the old size:\n{html}"
        );
    }
}

#[test]
fn an_svg_lead_image_is_never_the_social_card() {
    let f = bundle_site(&[], "Teks.");
    f.write(
        "content/2024/05/banjir/index.md",
        "---\ntitle: Banjir\ndate: 2024-05-27\nimage: peta.svg\n---\n\nTeks.\n",
    );
    f.write(
        "content/2024/05/banjir/peta.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>"#,
    );
    f.build_ok(&[]);
    let page = f.read(&format!("{PAGE}index.html"));
    assert!(!page.contains("og:image"), "{page}");
    assert!(
        f.exists(&format!("{PAGE}peta.svg")),
        "a plain SVG is published"
    );
}

#[test]
fn bad_images_are_warned_about_and_the_page_still_builds() {
    // A PNG header claiming 30,000 × 30,000 pixels, with nothing behind it.
    let mut bomb = png(1, 1);
    bomb[16..24].copy_from_slice(&[0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30]);
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let f = bundle_site(
        &[
            ("foto.jpg", b"\xFF\xD8\xFF\xE0 broken".to_vec()),
            ("bom.png", bomb.clone()),
            ("nama.jpg", png(100, 50)),
            ("catatan.jpg", b"just text".to_vec()),
            (
                "jahat.svg",
                br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#
                    .to_vec(),
            ),
        ],
        "![a](bom.png) ![b](nama.jpg) ![c](catatan.jpg) ![d](jahat.svg)",
    );
    let run = f.build_ok(&[]);
    let d = "content/2024/05/banjir";
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
        format!(
            "{d}/jahat.svg holds a <script>, which could run in readers' browsers: not published; remove it from the SVG (or export the drawing as PNG)"
        ),
    ] {
        assert!(run.stderr.contains(&warning), "{warning}\n{}", run.stderr);
    }
    assert!(
        run.stderr
            .contains(&format!("{d}/foto.jpg: is a broken JPEG image (")),
        "{}",
        run.stderr
    );
    // The page is built; broken files are copied as they are, the SVG is not. No page
    // shows them as images (a broken image, or one without a size): their descriptions
    // stand in their place.
    let page = f.read(&format!("{PAGE}index.html"));
    for alt in ["a", "c", "d"] {
        assert!(
            page.contains(&format!(r#"<span class="image-unavailable">{alt}</span>"#)),
            "{alt}\n{page}"
        );
    }
    for name in ["bom.png", "catatan.jpg", "jahat.svg"] {
        assert!(!page.contains(&format!("/{name}")), "{name}\n{page}");
    }
    assert_eq!(
        std::fs::read(f.public(&format!("{PAGE}bom.png"))).unwrap(),
        bomb
    );
    assert!(!f.exists(&format!("{PAGE}jahat.svg")));
    // The PNG named .jpg is processed as the PNG it is.
    assert!(
        page.contains(r#"width="100" height="50" alt="b""#),
        "{page}"
    );
    assert_eq!(
        image::guess_format(&std::fs::read(f.public(&format!("{PAGE}nama.jpg"))).unwrap()).unwrap(),
        image::ImageFormat::Png
    );
}

#[test]
fn a_lead_image_no_page_can_show_is_left_out() {
    let f = bundle_site(
        &[("foto.jpg", b"\xFF\xD8\xFF\xE0 broken".to_vec())],
        "Teks.",
    );
    let run = f.build_ok(&[]);
    assert!(
        run.stderr
            .contains("content/2024/05/banjir/foto.jpg: is a broken JPEG image ("),
        "{}",
        run.stderr
    );
    let page = f.read(&format!("{PAGE}index.html"));
    assert!(!page.contains("foto.jpg"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!f.read("rss.xml").contains("foto.jpg"));
}

#[test]
fn a_jpeg_cut_short_is_warned_about_and_published_as_far_as_it_goes() {
    let whole = jpeg(600, 400);
    let f = bundle_site(&[("foto.jpg", whole[..whole.len() / 2].to_vec())], "Teks.");
    let run = f.build_ok(&[]);
    assert!(
        run.stderr.contains(
            "content/2024/05/banjir/foto.jpg: is a JPEG cut short (its end is missing): published as far as it goes, the rest grey; replace it with the whole file"
        ),
        "{}",
        run.stderr
    );
    let page = f.read(&format!("{PAGE}index.html"));
    assert!(page.contains(r#"width="600" height="400""#), "{page}");
    // A whole photo says nothing.
    let f = bundle_site(&[("foto.jpg", whole)], "Teks.");
    assert!(!f.build_ok(&[]).stderr.contains("cut short"));
}

#[test]
fn a_rebuild_encodes_nothing_and_writes_the_same_bytes() {
    let f = bundle_site(&[("foto.jpg", jpeg(1000, 600))], "Teks.");
    f.build_ok(&[]);
    let cache = f.root().join(".cermin-cache/images");
    let stamps = |dir: &std::path::Path| -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let first = snapshot(&f.root().join("public"));
    let cached = stamps(&cache);
    assert_eq!(cached.len(), 5, "{cached:?}");
    // Built again, with the article cache and without it: nothing is encoded again.
    f.build_ok(&[]);
    f.build_ok(&["--no-cache"]);
    assert_eq!(stamps(&cache), cached);
    assert_eq!(snapshot(&f.root().join("public")), first);
    // A changed photo is encoded again.
    std::fs::write(
        f.root().join("content/2024/05/banjir/foto.jpg"),
        jpeg(800, 600),
    )
    .unwrap();
    f.build_ok(&[]);
    assert_eq!(size_of(&f, &format!("{PAGE}foto.jpg")), (800, 600));
    let page = f.read(&format!("{PAGE}index.html"));
    assert!(page.contains(r#"width="800" height="600""#), "{page}");
}

/// An edit of an article's text reads none of its photos again while their files are the
/// ones the last build read (one look at each, as for an unchanged article): the variants
/// made then are kept, and what was wrong with a photo is still said.
#[test]
fn an_edit_of_the_text_keeps_the_photos_as_they_were_read() {
    let f = bundle_site(
        &[("foto.jpg", jpeg(1000, 600)), ("nama.jpg", png(100, 50))],
        "![b](nama.jpg) Teks.",
    );
    let dir = f.root().join("content/2024/05/banjir");
    // Files changed in the last two seconds are always read again: these are older.
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let age = |name: &str| {
        let file = std::fs::File::options()
            .write(true)
            .open(dir.join(name))
            .unwrap();
        file.set_modified(long_ago).unwrap();
    };
    age("foto.jpg");
    age("nama.jpg");
    f.build_ok(&[]);
    // foto.jpg's bytes spoiled in place, its length, time and inode kept: read again, it
    // would be a broken JPEG of no size.
    let photo = dir.join("foto.jpg");
    let len = std::fs::metadata(&photo).unwrap().len() as usize;
    std::fs::write(&photo, vec![b'x'; len]).unwrap();
    age("foto.jpg");
    f.write(
        "content/2024/05/banjir/index.md",
        "---\ntitle: Banjir\ndate: 2024-05-27\nimage: foto.jpg\nimage_caption: Air naik\n---\n\n![b](nama.jpg) Teks yang diubah.\n",
    );
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("broken"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/2024/05/banjir/nama.jpg holds a PNG image, not what its name says"),
        "{}",
        run.stderr
    );
    let page = f.read(&format!("{PAGE}index.html"));
    assert!(page.contains("Teks yang diubah."), "{page}");
    assert!(page.contains(r#"width="1000" height="600""#), "{page}");
    assert!(f.exists(&format!("{PAGE}foto-480w.webp")));
}

#[test]
fn themes_ask_for_a_width_with_image_variant() {
    let f = bundle_site(&[("foto.jpg", jpeg(1200, 800))], "Teks.");
    f.write(
        "templates/partials/card.html",
        r#"{% for w in [100, 600, 5000] %}{% set v = image_variant(path=card.image, width=w) %}<i>{{ v.url }} {{ v.width }}x{{ v.height }} {{ v.type }}</i>{% endfor %}{% set v = image_variant(path=card.image, width=500, format="webp") %}<i>{{ v.url }}</i>{% set none_here = image_variant(path="/tidak.jpg", width=1) %}<b>{{ none_here is none }}</b>"#,
    );
    f.build_ok(&[]);
    let home = f.read("index.html");
    let base = format!("/{PAGE}");
    for shown in [
        format!("<i>{base}foto-480w.jpg 480x320 image/jpeg</i>"),
        format!("<i>{base}foto-960w.jpg 960x640 image/jpeg</i>"),
        // Never upscaled: the widest variant made.
        format!("<i>{base}foto-960w.jpg 960x640 image/jpeg</i><i>{base}foto-960w.webp</i>"),
        "<b>true</b>".to_string(),
    ] {
        assert!(home.contains(&shown), "{shown}\n{home}");
    }
}

/// `cermin check` looks at photos (their headers: format, size, pixel limit) but encodes
/// nothing: no variant is made, the image cache is not written, and the pages' links to the
/// variants are not reported broken.
#[test]
fn check_looks_at_photos_without_encoding_them() {
    let f = bundle_site(
        &[("foto.jpg", jpeg(1200, 800)), ("nama.jpg", png(100, 50))],
        "![Peta](nama.jpg)\n\nTeks.",
    );
    let run = f.cermin(&["check"]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "content/2024/05/banjir/nama.jpg holds a PNG image, not what its name says: processed as PNG; rename it to end in .png"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(": 0 errors, "), "{}", run.stdout);
    assert!(
        !f.root().join(".cermin-cache/images").exists(),
        "check encoded the photos"
    );
    assert!(!f.root().join("public").exists());
}

/// A PNG chunk: length, type, data and CRC.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let body = [&kind[..], data].concat();
    [
        &(data.len() as u32).to_be_bytes()[..],
        &body,
        &crc32(&body).to_be_bytes(),
    ]
    .concat()
}

/// An animated PNG (APNG) of `width × height` announcing two frames, with a text chunk
/// holding a GPS position: `png` with animation control and frame control chunks after
/// its header (its image data is the first frame).
fn apng_with_text(width: u32, height: u32) -> Vec<u8> {
    let still = png(width, height);
    let header_end = 8 + 4 + 4 + 13 + 4;
    let mut frame = 0u32.to_be_bytes().to_vec(); // sequence number
    for value in [width, height, 0, 0] {
        frame.extend(value.to_be_bytes());
    }
    frame.extend([0, 1, 0, 10, 0, 0]); // 1/10 s, no disposal, no blending
    [
        &still[..header_end],
        &png_chunk(b"acTL", &[0, 0, 0, 2, 0, 0, 0, 0]),
        &png_chunk(b"tEXt", b"GPS\0-6.2,106.8"),
        &png_chunk(b"fcTL", &frame),
        &still[header_end..],
    ]
    .concat()
}

/// An animated PNG (like an animated WebP or GIF) is published as it is, without variants
/// that would show its first frame only, and without its text chunks (no GPS position).
#[test]
fn an_animated_png_is_published_as_it_is_without_its_text() {
    let apng = apng_with_text(200, 100);
    let f = bundle_site(
        &[("foto.jpg", jpeg(300, 200)), ("gerak.png", apng.clone())],
        "![Gerak](gerak.png)",
    );
    f.build_ok(&[]);
    let published = std::fs::read(f.public(&format!("{PAGE}gerak.png"))).unwrap();
    let text = png_chunk(b"tEXt", b"GPS\0-6.2,106.8");
    let at = apng.windows(text.len()).position(|w| w == text).unwrap();
    let expected = [&apng[..at], &apng[at + text.len()..]].concat();
    assert!(published == expected, "not the APNG without its text chunk");
    assert!(!f.exists(&format!("{PAGE}gerak-200w.webp")));
    let page = f.read(&format!("{PAGE}index.html"));
    assert!(!page.contains("gerak-200w.webp"), "{page}");
    assert!(page.contains(r#"width="200" height="100""#), "{page}");
}
