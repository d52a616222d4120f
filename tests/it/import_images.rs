//! `cermin import --fetch-images`: images brought into the article's bundle from a local HTTP
//! server (never the internet) that also serves what must not be kept.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::common::{Fixture, SITE_TOML};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0foto banjir";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDRpeta";

/// Serves the test's images on 127.0.0.1 and returns its address (`http://127.0.0.1:PORT`).
fn image_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                // The rest of the request head.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request.split(' ').nth(1).unwrap_or("/").to_string();
                let (head, body): (String, Vec<u8>) = match path.as_str() {
                    "/foto/Banjir%20Besar.JPG" => (ok("image/jpeg", JPEG.len()), JPEG.to_vec()),
                    // A PNG served with a wrong type and extension is still a PNG.
                    "/peta.gif" => (ok("text/plain", PNG.len()), PNG.to_vec()),
                    "/putar.jpg" => (
                        "HTTP/1.1 302 Found\r\nLocation: /putar.jpg\r\nContent-Length: 0\r\n"
                            .into(),
                        Vec::new(),
                    ),
                    "/besar.jpg" => {
                        let mut big = JPEG.to_vec();
                        big.resize(5000, 0);
                        (ok("image/jpeg", big.len()), big)
                    }
                    "/halaman.jpg" => {
                        let html = b"<!doctype html><title>Not found</title>".to_vec();
                        (ok("image/jpeg", html.len()), html)
                    }
                    "/lambat.jpg" => {
                        std::thread::sleep(std::time::Duration::from_secs(3));
                        (ok("image/jpeg", JPEG.len()), JPEG.to_vec())
                    }
                    _ => (
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n".into(),
                        Vec::new(),
                    ),
                };
                let mut stream = &stream;
                let _ = stream.write_all(format!("{head}Connection: close\r\n\r\n").as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    address
}

fn ok(content_type: &str, len: usize) -> String {
    format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n")
}

fn page(server: &str) -> String {
    format!(
        r#"<!doctype html><html lang="id"><head>
<title>Banjir Besar Rendam Kampung Melayu</title>
<meta property="og:image" content="{server}/foto/Banjir%20Besar.JPG">
<meta property="article:published_time" content="2024-05-27T14:05:00+07:00">
</head><body><article><h1>Banjir Besar Rendam Kampung Melayu</h1>
<p>Air Sungai Ciliwung meluap dan merendam ratusan rumah di Kampung Melayu, Jakarta Timur, Senin pagi, dengan ketinggian air mencapai satu meter.</p>
<p><img src="{server}/peta.gif" alt="Peta genangan"></p>
<p>Badan Penanggulangan Bencana Daerah mencatat sedikitnya seribu warga mengungsi ke masjid dan sekolah di sekitar permukiman mereka.</p>
<p><img src="{server}/putar.jpg" alt="Putar"> <img src="{server}/besar.jpg" alt="Besar"> <img src="{server}/halaman.jpg" alt="Halaman"> <img src="{server}/lambat.jpg" alt="Lambat"> <img src="{server}/hilang.jpg" alt="Hilang"></p>
<p>Pemerintah kota berencana membangun tanggul baru di sepanjang sungai agar air tidak lagi masuk ke permukiman warga tahun depan.</p>
</article></body></html>"#
    )
}

fn site(import_settings: &str) -> Fixture {
    Fixture::with_config(&format!(
        "{SITE_TOML}[import]\nfetch_timeout_ms = 500\nfetch_delay_ms = 0\nfetch_max_bytes = 2000\n{import_settings}"
    ))
}

#[test]
fn fetched_images_go_into_the_bundle_and_what_fails_stays_a_link() {
    let server = image_server();
    let f = site("");
    f.write("inbox/banjir.html", &page(&server));
    let run = f.cermin(&[
        "import",
        "inbox/banjir.html",
        "--url",
        "https://asal.example/2024/05/27/banjir",
        "--fetch-images",
    ]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let bundle = f
        .root()
        .join("content/2024/05/banjir-besar-rendam-kampung-melayu");
    assert_eq!(
        run.stdout,
        format!(
            "created   content/2024/05/banjir-besar-rendam-kampung-melayu/index.md <- inbox/banjir.html\n\
             warning   inbox/banjir.html: image {server}/putar.jpg not fetched: too many redirects (fetch_max_redirects); it stays a link to the original\n\
             warning   inbox/banjir.html: image {server}/besar.jpg not fetched: larger than 2000 bytes (fetch_max_bytes); it stays a link to the original\n\
             warning   inbox/banjir.html: image {server}/halaman.jpg not fetched: not a JPEG, PNG, WebP, GIF or AVIF image (the server sent something else); it stays a link to the original\n\
             warning   inbox/banjir.html: image {server}/lambat.jpg not fetched: no answer in time (fetch_timeout_ms); it stays a link to the original\n\
             warning   inbox/banjir.html: image {server}/hilang.jpg not fetched: the server answered HTTP 404; it stays a link to the original\n\
             Imported 1 page: 1 created, 0 updated, 0 unchanged, 0 failed\n"
        )
    );
    assert_eq!(
        std::fs::read(bundle.join("banjir-besar.jpg")).unwrap(),
        JPEG
    );
    assert_eq!(std::fs::read(bundle.join("peta.png")).unwrap(), PNG);
    let mut files: Vec<String> = std::fs::read_dir(&bundle)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["banjir-besar.jpg", "index.md", "peta.png"]);
    let article = std::fs::read_to_string(bundle.join("index.md")).unwrap();
    assert!(
        article.contains("\nimage: \"banjir-besar.jpg\"\n"),
        "{article}"
    );
    assert!(article.contains("![Peta genangan](peta.png)"), "{article}");
    assert!(
        article.contains(&format!("![Putar]({server}/putar.jpg)")),
        "{article}"
    );
    assert!(
        article
            .contains("\nid: \"tag:uji.example,2024-05-27:banjir-besar-rendam-kampung-melayu\"\n"),
        "{article}"
    );
    // The site builds with the images as its own files (these few bytes are no real
    // picture: published, and shown as their description, as a broken image is).
    f.build_ok(&[]);
    assert!(f.exists("2024/05/27/banjir-besar-rendam-kampung-melayu/peta.png"));
    let html = f.read("2024/05/27/banjir-besar-rendam-kampung-melayu/index.html");
    assert!(
        html.contains("<span class=\"image-unavailable\">Peta genangan</span>"),
        "{html}"
    );
    // What was not fetched is a link to it, never loaded from there.
    assert!(!html.contains("src=\"http://127.0.0.1"), "{html}");
}

#[test]
fn the_site_setting_fetches_and_the_count_is_limited() {
    let server = image_server();
    let f = site("fetch_images = true\nfetch_max_images = 1\n");
    f.write("inbox/banjir.html", &page(&server));
    let run = f.cermin(&[
        "import",
        "inbox/banjir.html",
        "--url",
        "https://asal.example/b",
    ]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!("image {server}/peta.gif not fetched: over the limit of images per article (fetch_max_images = 1); it stays a link to the original\n")),
        "{}",
        run.stdout
    );
    let bundle = f
        .root()
        .join("content/2024/05/banjir-besar-rendam-kampung-melayu");
    assert_eq!(
        std::fs::read(bundle.join("banjir-besar.jpg")).unwrap(),
        JPEG
    );
    assert!(!bundle.join("peta.png").exists());
}

#[test]
fn without_fetching_or_in_a_dry_run_nothing_is_downloaded() {
    let server = image_server();
    let f = site("");
    f.write("inbox/banjir.html", &page(&server));
    let dry = f.cermin(&["import", "inbox/banjir.html", "--fetch-images", "--dry-run"]);
    assert!(dry.ok, "{}{}", dry.stdout, dry.stderr);
    assert!(!dry.stdout.contains("not fetched"), "{}", dry.stdout);
    let run = f.cermin(&["import", "inbox/banjir.html"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        f.root()
            .join("content/2024/05/banjir-besar-rendam-kampung-melayu.md")
            .is_file()
    );
}

#[test]
fn an_unknown_import_setting_is_refused() {
    let f = site("fetch_image = true\n");
    f.write("inbox/a.html", "<html></html>");
    let run = f.cermin(&["import", "inbox/a.html"]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr,
        "error: site.toml: [import]: unknown field `fetch_image`, expected one of `sources`, `fetch_images`, `fetch_timeout_ms`, `fetch_max_bytes`, `fetch_max_images`, `fetch_max_redirects`, `fetch_delay_ms`\n"
    );
}

#[test]
fn a_zero_limit_is_refused() {
    let f = Fixture::with_config(&format!("{SITE_TOML}[import]\nfetch_timeout_ms = 0\n"));
    f.write("inbox/a.html", "<html></html>");
    let run = f.cermin(&["import", "inbox/a.html", "--fetch-images"]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr,
        "error: site.toml: [import]: fetch_timeout_ms must be 1 or more (0 would refuse every image)\n"
    );
}
