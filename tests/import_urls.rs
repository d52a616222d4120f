//! `cermin import` and the addresses of a page: its own URL, given or found in it.

mod common;
use common::Fixture;

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
