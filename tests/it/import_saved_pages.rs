//! `cermin import` of pages saved with their files: the images come from disk, with no
//! network, into the article's bundle ("Save page as… complete", `wget -p`, SingleFile).

use base64::Engine;

use crate::common::{Fixture, SITE_TOML};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0foto banjir";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDRpeta";
const GIF: &[u8] = b"GIF89a\x01\0\x01\0grafik";

const PARAGRAPHS: [&str; 3] = [
    "Air Sungai Ciliwung meluap dan merendam ratusan rumah di Kampung Melayu, Jakarta Timur, Senin pagi, dengan ketinggian air mencapai satu meter.",
    "Badan Penanggulangan Bencana Daerah mencatat sedikitnya seribu warga mengungsi ke masjid dan sekolah di sekitar permukiman mereka.",
    "Pemerintah kota berencana membangun tanggul baru di sepanjang sungai agar air tidak lagi masuk ke permukiman warga tahun depan.",
];

/// A news page whose body holds `images` (HTML) between its paragraphs.
fn page(images: &str) -> String {
    let [one, two, three] = PARAGRAPHS;
    format!(
        r#"<!doctype html><html lang="id"><head>
<title>Banjir Besar Rendam Kampung Melayu</title>
<link rel="canonical" href="https://asal.example/2024/05/27/banjir.html">
<meta property="article:published_time" content="2024-05-27T14:05:00+07:00">
</head><body><article><h1>Banjir Besar Rendam Kampung Melayu</h1>
<p>{one}</p>
{images}
<p>{two}</p>
<p>{three}</p>
</article></body></html>"#
    )
}

fn site() -> Fixture {
    Fixture::with_config(&format!("{SITE_TOML}[import]\nfetch_max_bytes = 4000\n"))
}

const BUNDLE: &str = "content/2024/05/banjir-besar-rendam-kampung-melayu";

fn write_bytes(f: &Fixture, rel: &str, bytes: &[u8]) {
    let path = f.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn bundle_files(f: &Fixture) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(f.root().join(BUNDLE))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

fn article(f: &Fixture) -> String {
    std::fs::read_to_string(f.root().join(BUNDLE).join("index.md")).unwrap()
}

#[test]
fn a_page_saved_complete_brings_its_files_and_leaves_out_what_is_no_image() {
    let f = site();
    f.write(
        "inbox/Banjir.html",
        &page(
            "<p><img src=\"./Banjir_files/foto%20utama.JPG\" alt=\"Warga mengungsi\"></p>\n<p><img src=\"Banjir_files/catatan.jpg\" alt=\"Catatan\"></p>\n<p><img src=\"Banjir_files/besar.png\" alt=\"Besar\"></p>",
        ),
    );
    write_bytes(&f, "inbox/Banjir_files/foto utama.JPG", JPEG);
    f.write(
        "inbox/Banjir_files/catatan.jpg",
        "<html>bukan gambar</html>",
    );
    let mut big = PNG.to_vec();
    big.resize(5000, 0);
    write_bytes(&f, "inbox/Banjir_files/besar.png", &big);
    let run = f.cermin(&["import", "inbox/Banjir.html"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "created   {BUNDLE}/index.md <- inbox/Banjir.html\n\
             warning   inbox/Banjir.html: image Banjir_files/catatan.jpg left out: not a JPEG, PNG, WebP, GIF or AVIF image\n\
             warning   inbox/Banjir.html: image Banjir_files/besar.png left out: larger than 4000 bytes (fetch_max_bytes)\n\
             Imported 1 page: 1 created, 0 updated, 0 unchanged, 0 failed\n"
        )
    );
    assert_eq!(bundle_files(&f), ["foto-utama.jpg", "index.md"]);
    assert_eq!(
        std::fs::read(f.root().join(BUNDLE).join("foto-utama.jpg")).unwrap(),
        JPEG
    );
    let text = article(&f);
    assert!(
        text.contains("![Warga mengungsi](foto-utama.jpg)"),
        "{text}"
    );
    assert!(!text.contains("cermin.invalid"), "{text}");
    assert!(!text.contains("Banjir_files"), "{text}");
    f.build_ok(&[]);
}

#[test]
fn the_lead_image_on_the_web_is_the_photo_saved_beside_the_page() {
    let f = site();
    let html = page("<figure><img src=\"./Banjir_files/foto%20utama.jpg\" alt=\"Warga mengungsi\"><figcaption>Warga mengungsi.</figcaption></figure>")
        .replace(
            "<title>",
            "<meta property=\"og:image\" content=\"https://cdn.asal.example/2024/05/foto%20utama.jpg?w=1200\">\n<title>",
        );
    f.write("inbox/Banjir.html", &html);
    write_bytes(&f, "inbox/Banjir_files/foto utama.jpg", JPEG);
    let run = f.cermin(&["import", "inbox/Banjir.html"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(bundle_files(&f), ["foto-utama.jpg", "index.md"]);
    let text = article(&f);
    assert!(text.contains("\nimage: \"foto-utama.jpg\"\n"), "{text}");
    assert!(!text.contains("cdn.asal.example"), "{text}");
    // An og:image naming no saved file stays as the page wrote it.
    let other = html.replace("2024/05/foto%20utama.jpg", "2024/05/lain.jpg");
    f.write("inbox/Banjir.html", &other);
    let run = f.cermin(&["import", "inbox/Banjir.html", "--force"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        article(&f).contains("image: \"https://cdn.asal.example/2024/05/lain.jpg?w=1200\""),
        "{}",
        article(&f)
    );
}

#[test]
fn a_wget_tree_gives_images_named_by_path_address_or_relative_path() {
    let f = site();
    f.write(
        "inbox/asal.example/2024/05/27/banjir.html",
        &page(
            "<p><img src=\"/img/peta.png\" alt=\"Peta\"></p>\n<p><img src=\"https://asal.example/img/foto.jpg?w=600\" alt=\"Foto\"></p>\n<p><img src=\"../../../img/grafik.gif\" alt=\"Grafik\"></p>\n<p><img src=\"https://asal.example/img/kota.png?v=2\" alt=\"Kota\"></p>\n<p><img src=\"../../../../../rahasia.jpg\" alt=\"Di luar\"></p>",
        ),
    );
    write_bytes(&f, "inbox/asal.example/img/peta.png", PNG);
    write_bytes(&f, "inbox/asal.example/img/foto.jpg", JPEG);
    write_bytes(&f, "inbox/asal.example/img/grafik.gif", GIF);
    // wget names a file fetched with a query after both.
    write_bytes(&f, "inbox/asal.example/img/kota.png?v=2", PNG);
    // Outside the host's folder: never read, whatever the page says.
    write_bytes(&f, "rahasia.jpg", JPEG);
    let run = f.cermin(&["import", "inbox"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        bundle_files(&f),
        ["foto.jpg", "grafik.gif", "index.md", "kota.png", "peta.png"]
    );
    let text = article(&f);
    for image in [
        "![Peta](peta.png)",
        "![Foto](foto.jpg)",
        "![Grafik](grafik.gif)",
        "![Kota](kota.png)",
    ] {
        assert!(text.contains(image), "{image}\n{text}");
    }
    assert!(!text.contains("](rahasia"), "{text}");
    f.build_ok(&[]);
}

#[test]
fn a_singlefile_page_has_its_inlined_images_decoded() {
    let f = site();
    let mut photo = JPEG.to_vec();
    photo.resize(1500, 7);
    let mut too_big = JPEG.to_vec();
    too_big.resize(4500, 7);
    let inline = |bytes: &[u8], kind: &str| {
        format!(
            "data:{kind};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    };
    f.write(
        "inbox/banjir.html",
        &page(&format!(
            "<p><img src=\"{}\" alt=\"Warga\"></p>\n<p><img src=\"{}\" alt=\"Terlalu besar\"></p>\n<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"https://asal.example/img/asli.jpg\" alt=\"Malas\"></p>",
            inline(&photo, "image/jpeg"),
            inline(&too_big, "image/jpeg"),
        )),
    );
    let run = f.cermin(&["import", "inbox/banjir.html"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "warning   inbox/banjir.html: image data:image/jpeg left out: larger than 4000 bytes (fetch_max_bytes)\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(bundle_files(&f), ["foto.jpg", "index.md"]);
    assert_eq!(
        std::fs::read(f.root().join(BUNDLE).join("foto.jpg")).unwrap(),
        photo
    );
    let text = article(&f);
    assert!(text.contains("![Warga](foto.jpg)"), "{text}");
    // A lazy-loading placeholder is no photo: the real address stays, as on the web.
    assert!(text.contains("https://asal.example/img/asli.jpg"), "{text}");
    assert!(!text.contains("Terlalu besar]("), "{text}");
    assert!(!text.contains("cermin.invalid"), "{text}");
}

#[test]
fn the_json_report_shows_saved_images_as_the_page_named_them() {
    let f = site();
    f.write(
        "inbox/Banjir.html",
        &page("<p><img src=\"Banjir_files/foto%20utama.JPG\" alt=\"Warga mengungsi\"></p>"),
    );
    write_bytes(&f, "inbox/Banjir_files/foto utama.JPG", JPEG);
    let run = f.cermin(&[
        "import",
        "inbox/Banjir.html",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let report: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let body = report["article"]["body"].as_str().unwrap();
    assert!(
        body.contains("![Warga mengungsi](Banjir_files/foto%20utama.JPG)"),
        "{body}"
    );
    assert!(!run.stdout.contains("cermin.invalid"), "{}", run.stdout);
    assert!(!f.root().join(BUNDLE).exists(), "a dry run writes nothing");
}
