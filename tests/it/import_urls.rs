//! `cermin import` and the addresses of a page: its own URL, given or found in it.

use crate::common::Fixture;

const PAGE: &str = r#"<!doctype html><html lang="id"><head>
<title>Banjir Rob Rendam Permukiman di Balikpapan Barat</title>
<meta property="og:url" content="//kaltim.example.id/read/2023/08/22/banjir-rob">
<meta property="article:published_time" content="2023-08-22T14:05:00+08:00">
</head><body><article><h1>Banjir Rob Rendam Permukiman di Balikpapan Barat</h1>
<p>Air laut pasang merendam ratusan rumah di Kelurahan Baru Ulu, Balikpapan Barat, Selasa siang, dan ketinggian air di permukiman mencapai empat puluh sentimeter.</p>
<p>Badan Penanggulangan Bencana Daerah mencatat sedikitnya tiga ratus dua puluh rumah tergenang, tetapi tidak ada warga yang mengungsi dari rumah mereka.</p>
<p>Pemerintah kota berencana meninggikan tanggul di sepanjang pantai Baru Ulu tahun depan agar air laut tidak lagi masuk ke permukiman warga.</p>
</article></body></html>"#;

#[test]
fn a_protocol_relative_page_url_becomes_https_and_the_site_builds() {
    let f = Fixture::new();
    f.write("inbox/rob.html", PAGE);
    let run = f.cermin(&["import", "inbox/rob.html"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let article = std::fs::read_to_string(
        f.root()
            .join("content/2023/08/banjir-rob-rendam-permukiman-di-balikpapan-barat.md"),
    )
    .unwrap();
    assert!(
        article.contains("\nsource: \"https://kaltim.example.id/read/2023/08/22/banjir-rob\"\n"),
        "{article}"
    );
    f.build_ok(&[]);
}

#[test]
fn a_url_flag_that_is_no_web_address_is_refused() {
    let f = Fixture::new();
    f.write("inbox/rob.html", PAGE);
    let run = f.cermin(&["import", "inbox/rob.html", "--url", "hard::rob.html"]);
    assert!(!run.ok);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr.trim_end(),
        "error: --url `hard::rob.html` is not a web address: give the page's original \
         address, starting with https:// or http://"
    );
}

/// A page with relative addresses and no URL of its own anywhere.
const NO_URL: &str = r#"<!doctype html><html lang="id"><head><title>Warga Gotong Royong Bangun Jembatan Bambu</title>
<meta property="article:published_time" content="2023-06-05T10:30:00+07:00"></head>
<body><article><h1>Warga Gotong Royong Bangun Jembatan Bambu</h1>
<p>Warga Desa Sukamaju bergotong royong membangun jembatan bambu yang putus diterjang banjir pekan lalu, kata <a href="/tokoh/kepala-desa">kepala desa</a> kepada wartawan.</p>
<p><img src="/foto/jembatan.jpg" alt="Jembatan bambu"></p>
<p>Jembatan sepanjang dua puluh meter itu menghubungkan dua dusun yang terpisah sungai, dan dipakai anak-anak berangkat ke sekolah setiap pagi.</p>
<p>Pemerintah kabupaten berjanji membangun jembatan beton tahun depan, menurut <a href="https://pemkab.example.id/rencana">rencana kerja daerah</a>.</p>
</article></body></html>"#;

#[test]
fn without_a_page_url_relative_links_become_text_and_relative_images_go() {
    let f = Fixture::new();
    f.write("inbox/jembatan.html", NO_URL);
    let run = f.cermin(&["import", "inbox/jembatan.html"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "warning   inbox/jembatan.html: the page names no URL of its own: the article will \
             have no credit link, and its relative links and images are left out; pass --url"
        ),
        "{}",
        run.stdout
    );
    let article = std::fs::read_to_string(
        f.root()
            .join("content/2023/06/warga-gotong-royong-bangun-jembatan-bambu.md"),
    )
    .unwrap();
    assert!(
        article.contains(", kata kepala desa kepada wartawan."),
        "{article}"
    );
    assert!(!article.contains("/foto/jembatan.jpg"), "{article}");
    assert!(
        article.contains("[rencana kerja daerah](https://pemkab.example.id/rencana)"),
        "{article}"
    );
    f.build_ok(&[]);

    // With the page's URL, the same addresses are kept, made absolute.
    let f = Fixture::new();
    f.write("inbox/jembatan.html", NO_URL);
    let run = f.cermin(&[
        "import",
        "inbox/jembatan.html",
        "--url",
        "https://warta.example.id/daerah/jembatan-bambu",
    ]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let article = std::fs::read_to_string(
        f.root()
            .join("content/2023/06/warga-gotong-royong-bangun-jembatan-bambu.md"),
    )
    .unwrap();
    assert!(
        article.contains("[kepala desa](https://warta.example.id/tokoh/kepala-desa)"),
        "{article}"
    );
    assert!(
        article.contains("https://warta.example.id/foto/jembatan.jpg"),
        "{article}"
    );
}
