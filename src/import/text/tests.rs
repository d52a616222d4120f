//! Unit tests of the text importer.

use super::*;

const SEED: &str = include_str!("../../../tests/fixtures/000_6e0f6fd499433cba.txt");
const SEED_ARTICLE: &str = include_str!(
    "../../../content/2022/01/rusia-ungkap-rencana-kerja-sama-militer-di-kuba-venzuela-dan-nikaragua.md"
);

fn body_of(content_file: &str) -> &str {
    let after_open = content_file.strip_prefix("---\n").expect("front matter");
    let end = after_open.find("\n---\n\n").expect("closing ---");
    &after_open[end + "\n---\n\n".len()..]
}

fn extract_default(input: &str) -> Extraction {
    extract(input, &Rules::default(), None).unwrap_or_else(|e| panic!("no article: {e}"))
}

#[test]
fn the_seed_comes_out_as_the_hand_made_article() {
    let a = extract_default(SEED).article;
    assert_eq!(
        a.title,
        "Rusia Ungkap Rencana Kerja Sama Militer di Kuba, Venzuela dan Nikaragua"
    );
    assert_eq!(a.authors, vec!["Reni Erina"]);
    assert_eq!(
        a.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2022-01-27T14:52:00+07:00")
    );
    assert_eq!(
        a.image_caption.as_deref(),
        Some("Menteri Luar Negeri Sergey Lavrov/Net")
    );
    assert_eq!(a.body, body_of(SEED_ARTICLE));
    assert_eq!(a.summary, None);
    assert_eq!(a.source, None);
}

#[test]
fn the_seed_records_every_drop_with_its_rule() {
    let dropped = extract_default(SEED).dropped;
    let rule_of = |text: &str| {
        dropped
            .iter()
            .find(|d| d.text.starts_with(text))
            .map(|d| d.rule.as_str())
            .unwrap_or_else(|| panic!("{text:?} not dropped: {dropped:#?}"))
    };
    assert_eq!(
        rule_of("Dimensy.id Mobile"),
        "site name before the headline"
    );
    assert_eq!(
        rule_of("Apollo Solar Panel"),
        "site name before the headline"
    );
    assert_eq!(rule_of("LAPORAN: RENI ERINA"), "byline");
    assert_eq!(rule_of("• Kamis, 27 Januari 2022"), "dateline");
    assert_eq!(rule_of("Rusia Ungkap Rencana"), "repeated headline");
    assert_eq!(rule_of("rmol news logo article"), "logo alt text");
    assert_eq!(rule_of("rmol news logo"), "logo alt text");
    assert_eq!(rule_of("Temukan berita-berita"), "follow/subscribe promo");
    assert_eq!(rule_of("Untuk mengikuti"), "follow/subscribe promo");
    let mut none = Vec::new();
    assert_eq!(
        strip_logo_alt_text("Ke Ukraina atau Georgia.rmol news logo article", &mut none),
        "Ke Ukraina atau Georgia."
    );
    assert_eq!(rule_of("ARTIKEL LAINNYA"), "related block cut");
}

#[test]
fn source_rules_come_first_and_fill_metadata() {
    let toml = r#"
[import.sources.rmol]
source_name = "RMOL"
tags = ["Rusia"]
drop_lines = ["Apollo Solar Panel"]
cut_after = ["Temukan berita"]
"#;
    let rules = super::super::RuleBook::from_site_toml(toml)
        .unwrap()
        .rules_for(Some("rmol"), None)
        .unwrap();
    let url = "https://rmol.id/dunia/read/2022/01/27/520736/x";
    let e = extract(SEED, &rules, Some(url)).unwrap();
    assert_eq!(e.article.source_name.as_deref(), Some("RMOL"));
    assert_eq!(e.article.tags, vec!["Rusia"]);
    assert_eq!(e.article.source.as_deref(), Some(url));
    assert_eq!(e.article.body, body_of(SEED_ARTICLE));
    let rules_used: Vec<&str> = e.dropped.iter().map(|d| d.rule.as_str()).collect();
    assert!(
        rules_used.contains(&"source rmol: drop_lines"),
        "{rules_used:?}"
    );
    assert!(
        rules_used.contains(&"source rmol: cut_after"),
        "{rules_used:?}"
    );
}

#[test]
fn the_outlet_is_named_as_the_page_spells_it() {
    let lines: Vec<String> = [
        "rmol news logo",
        "Temukan berita dari Kantor Berita Politik RMOL di Google News.",
    ]
    .iter()
    .map(|l| l.to_string())
    .collect();
    assert_eq!(
        outlet_name(
            "https://rmol.id/dunia/read/1/x",
            &lines,
            &vec![false; lines.len()]
        )
        .as_deref(),
        Some("RMOL")
    );
    let lines = vec!["Kompas.com - Warga Kompas berkumpul. Kompas.com".to_string()];
    assert_eq!(
        outlet_name(
            "https://www.kompas.com/read/x",
            &lines,
            &vec![false; lines.len()]
        )
        .as_deref(),
        Some("Kompas.com")
    );
    let lines = vec!["Cahaya Timur".to_string(), "cahayatimur logo".to_string()];
    assert_eq!(
        outlet_name(
            "https://cahayatimur.co.id/x",
            &lines,
            &vec![false; lines.len()]
        )
        .as_deref(),
        Some("Cahaya Timur"),
        "the name part split in two capitalised words"
    );
    let lines = vec!["cahayatimur logo".to_string(), "cahaya timur".to_string()];
    assert_eq!(
        outlet_name(
            "https://cahayatimur.co.id/x",
            &lines,
            &vec![false; lines.len()]
        ),
        None,
        "never written with a capital"
    );
    // In a promo, only the one-word spelling counts.
    let lines =
        vec!["Dapatkan berita terbaru Kabar Cirebon dan KABARCIREBON di WhatsApp".to_string()];
    assert_eq!(
        outlet_name("https://kabarcirebon.example/x", &lines, &[true]).as_deref(),
        Some("KABARCIREBON")
    );
    // Two words of a longer name are not the outlet's name.
    let lines = vec!["TIMOR EKSPRES DARING".to_string()];
    assert_eq!(
        outlet_name(
            "https://timorekspres.example/x",
            &lines,
            &vec![false; lines.len()]
        ),
        None
    );
    // A masthead with a space and a dateline in capitals: the first seen on a tie.
    let lines = vec![
        "Kabar Sulut".to_string(),
        "MANADO, KABARSULUT – Tiket kapal habis.".to_string(),
    ];
    assert_eq!(
        outlet_name(
            "https://kabarsulut.example/x",
            &lines,
            &vec![false; lines.len()]
        )
        .as_deref(),
        Some("Kabar Sulut")
    );
}

#[test]
fn source_byline_and_date_patterns() {
    let toml = r#"
[import.sources.x]
byline_patterns = ['^Ditulis (?P<name>.+)$']
date_patterns = ['^Terbit (?P<date>\d{2}\.\d{2}\.\d{4} \d{2}:\d{2})$']
"#;
    let rules = super::super::RuleBook::from_site_toml(toml)
        .unwrap()
        .rules_for(Some("x"), None)
        .unwrap();
    let page = "Situs X\nWarga Desa Sukamaju Gotong Royong Bangun Jembatan\nDitulis SITI AMINAH\nTerbit 05.06.2023 10:30\nWarga Desa Sukamaju bergotong royong membangun jembatan bambu yang putus diterjang banjir pekan lalu.\n";
    let a = extract(page, &rules, None).unwrap().article;
    assert_eq!(a.authors, vec!["Siti Aminah"]);
    assert_eq!(a.date.unwrap().to_rfc3339(), "2023-06-05T10:30:00+07:00");
}

#[test]
fn bylines_in_their_forms() {
    let credits = |line: &str| match byline(&clean_line(line), &Rules::default()) {
        Some(Kind::Byline(c, _)) => c.into_iter().map(|c| (c.name, c.role)).collect::<Vec<_>>(),
        other => panic!("{line:?}: {other:?}"),
    };
    use Role::*;
    assert_eq!(
        credits(" LAPORAN: <a href='https://rmol.id/about/reni-erina-1'>RENI ERINA</a>"),
        [("Reni Erina".into(), Writer)]
    );
    // An academic title is no part of the name (the convention of the golden articles).
    assert_eq!(
        credits("Penulis: dr. Siti Fadilah"),
        [("Siti Fadilah".into(), Writer)]
    );
    assert_eq!(
        credits("Reporter: Budi Santoso | Editor: Rina Wati"),
        [
            ("Budi Santoso".into(), Writer),
            ("Rina Wati".into(), Editor)
        ]
    );
    assert_eq!(
        credits("Oleh: Yuliana Lantipo"),
        [("Yuliana Lantipo".into(), Writer)]
    );
    assert_eq!(
        credits("By John Smith and Jane Doe"),
        [("John Smith".into(), Writer), ("Jane Doe".into(), Writer)]
    );
    assert_eq!(
        credits("Editor: Dani Prabowo"),
        [("Dani Prabowo".into(), Editor)]
    );
    assert_eq!(
        credits("Reni Erina - detikNews | Kamis, 27 Jan 2022 14:52 WIB"),
        [("Reni Erina".into(), Writer)]
    );
    assert_eq!(
        credits("Posted on January 27, 2022 by John Smith"),
        [("John Smith".into(), Writer)]
    );
    assert_eq!(
        credits("Laporan Wartawan Tribun-Timur.com, Muh Hasim Arfah"),
        [("Muh Hasim Arfah".into(), Writer)]
    );
    assert!(matches!(
        byline("Editor: redaksi", &Rules::default()),
        Some(Kind::Byline(c, None)) if c.is_empty()
    ));
    for not_a_byline in [
        "Oleh karena itu, pemerintah menunda rencana itu.",
        "By the end of the year, prices rose.",
        "Editor in chief",
    ] {
        assert!(
            !matches!(
                byline(not_a_byline, &Rules::default()),
                Some(Kind::Byline(..))
            ),
            "{not_a_byline}"
        );
    }
}

#[test]
fn name_and_outlet_is_a_byline_only_next_to_a_date() {
    let page = |second: &str| {
        format!(
            "Harga Cabai Rawit Tembus Rp 100 Ribu - detikNews\nDeny Prastyo Utomo - detikJatim\n{second}\nHarga cabai rawit di sejumlah pasar tradisional di Surabaya terus merangkak naik pekan ini.\n"
        )
    };
    let a = extract_default(&page("Senin, 07 Mar 2022 11:20 WIB")).article;
    assert_eq!(a.title, "Harga Cabai Rawit Tembus Rp 100 Ribu");
    assert_eq!(a.authors, vec!["Deny Prastyo Utomo"]);
    let a = extract_default(&page("")).article;
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn the_date_under_the_headline_wins_over_the_mastheads_today() {
    let dump = "TribunBorneo.com\nMinggu, 6 Desember 2026\n\nBanjir Rob Rendam Permukiman Pesisir Balikpapan Barat\n\nMinggu, 6 Desember 2026 08:40 WITA\nLiputan: Tim Redaksi\nKontributor: Hadi Wijaya (Balikpapan)\n\nBanjir rob merendam sedikitnya 300 rumah di permukiman pesisir Kelurahan Baru Ulu, Balikpapan Barat.\n\n(Tribunborneo.com/Hadi Wijaya)\n";
    let a = extract_default(dump).article;
    assert_eq!(
        a.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-12-06T08:40:00+08:00")
    );
    assert_eq!(a.authors, vec!["Hadi Wijaya"]);
    assert_eq!(a.image_caption, None, "a sign-off is no caption");
    assert!(!a.body.contains("Tim Redaksi") && !a.body.contains("Tribunborneo"));
}

#[test]
fn an_editor_reviewer_or_translator_is_never_the_author() {
    let page = |byline: &str| {
        format!(
            "Banjir Rendam Ratusan Rumah di Kota Bekasi Sejak Pagi\n{byline}\nSenin, 3 Okt 2022 - 08:15 WIB\nHujan deras sejak dini hari membuat ratusan rumah di Bekasi terendam banjir setinggi lutut orang dewasa.\n"
        )
    };
    assert_eq!(
        extract_default(&page("Penulis: Ani Lestari | Editor: Budi Hartono"))
            .article
            .authors,
        vec!["Ani Lestari"]
    );
    for not_a_writer in [
        "Editor: Budi Hartono",
        "Ditinjau oleh: dr. Sari Lestari",
        "Penerjemah: Dimas Aryo",
    ] {
        let authors = extract_default(&page(not_a_writer)).article.authors;
        assert!(authors.is_empty(), "{not_a_writer}: {authors:?}");
    }
    assert_eq!(
        extract_default(&page("Teks: Wulan Anggraini | Editor: Teguh Prasetyo"))
            .article
            .authors,
        vec!["Wulan Anggraini"]
    );
    // A photographer is the author of a story that names no writer.
    assert_eq!(
        extract_default(&page("Fotografer: Teguh Prasetya"))
            .article
            .authors,
        vec!["Teguh Prasetya"]
    );
}

#[test]
fn captions_in_their_forms() {
    for caption in [
        "Menteri Luar Negeri Sergey Lavrov/Net",
        "Suasana rapat di DPR/Ist",
        "Presiden Joko Widodo/Antara",
        "Petugas memeriksa kendaraan/Foto: Humas Polri",
        "(Foto: Dok. Pemkab)",
        "Foto: Ilustrasi banjir",
        "Ilustrasi sabu (KOMPAS.com/Dok. Polres Jakarta Utara)",
        "Perdana Menteri Jepang Fumio Kishida. REUTERS/Issei Kato",
        "Gedung Merah Putih KPK/RMOL",
        "Ilustrasi beras. [Suara.com/Alfian Winanto]",
    ] {
        assert!(is_caption(caption), "{caption}");
    }
    assert!(!is_caption(
        "Rencana Rusia untuk melakukan kerja sama militer, kembali terungkap."
    ));
}

/// The seed's layout with other content: the same cleaning, and the caption found by its place.
fn seed_like(caption: &str) -> String {
    let headline = "KPK Periksa Tiga Saksi Kasus Suap Proyek Jalan di Bengkulu";
    let caption = if caption.is_empty() {
        String::new()
    } else {
        format!("{caption}\n")
    };
    format!(
        "Dimensy.id Mobile\nDimensy.id\nKopi Kenangan Promo\n\n{headline}\n\n LAPORAN: <a href='https://rmol.id/about/agus-dwi-1'>AGUS DWI</a>\nLAPORAN: AGUS DWI\n  • Senin, 3 Oktober 2022, 08:15 WIB\n{headline}\n{caption}rmol news logo Komisi Pemberantasan Korupsi (KPK) memeriksa tiga saksi dalam kasus dugaan suap proyek jalan di Bengkulu.\n\nBaca Juga: KPK Tahan Bupati Nonaktif\n\nPemeriksaan dilakukan di Gedung Merah Putih KPK, Jakarta, Senin (3/10). rmol news logo article\n\nTemukan berita-berita hangat terpercaya dari Kantor Berita Politik RMOL di Google News.\nUntuk mengikuti silakan klik tanda bintang.\n\nARTIKEL LAINNYA\nJudul Lain\n"
    )
}

#[test]
fn seed_layout_with_and_without_caption() {
    let body = "Komisi Pemberantasan Korupsi (KPK) memeriksa tiga saksi dalam kasus dugaan suap proyek jalan di Bengkulu.\n\nPemeriksaan dilakukan di Gedung Merah Putih KPK, Jakarta, Senin (3/10).\n";
    for (caption, expected) in [
        (
            "Gedung Merah Putih KPK/RMOL",
            Some("Gedung Merah Putih KPK/RMOL"),
        ),
        ("Ilustrasi", Some("Ilustrasi")),
        (
            "Juru Bicara KPK Ali Fikri",
            Some("Juru Bicara KPK Ali Fikri"),
        ),
        ("", None),
    ] {
        let a = extract_default(&seed_like(caption)).article;
        assert_eq!(
            a.title,
            "KPK Periksa Tiga Saksi Kasus Suap Proyek Jalan di Bengkulu"
        );
        assert_eq!(a.authors, vec!["Agus Dwi"]);
        assert_eq!(a.date.unwrap().to_rfc3339(), "2022-10-03T08:15:00+07:00");
        assert_eq!(a.image_caption.as_deref(), expected, "{caption:?}");
        assert_eq!(a.body, body, "{caption:?}");
    }
}

#[test]
fn junk_lines_and_their_rules() {
    for (line, rule) in [
        ("Baca juga: Harga Emas Naik Lagi", "read-also line"),
        ("BACA JUGA: Harga Emas Naik Lagi", "read-also line"),
        ("Bagikan", "share buttons"),
        ("Share", "share buttons"),
        ("Facebook Twitter WhatsApp", "share buttons"),
        ("Ikuti kami di Instagram", "follow/subscribe promo"),
        (
            "Follow us on X for the latest news",
            "follow/subscribe promo",
        ),
        ("ADVERTISEMENT", "advertisement"),
        ("SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
        ("(iwd/iwd)", "editor initials"),
        ("(hms/untara)", "editor initials"),
        ("(Tribunborneo.com/Hadi Wijaya)", "sign-off"),
        ("rmol news logo", "logo alt text"),
    ] {
        assert_eq!(junk_rule(line), Some(rule), "{line}");
    }
    for body in [
        "Facebook menghapus ribuan akun palsu menjelang pemilu.",
        "Ikuti perkembangannya, kata dia.",
    ] {
        assert_eq!(junk_rule(body), None, "{body}");
    }
}

#[test]
fn trailing_blocks_are_cut() {
    for marker in [
        "ARTIKEL LAINNYA",
        "Berita Terkait",
        "Artikel Terkait",
        "Related",
        "Baca Juga",
    ] {
        let page = format!(
            "Situs Berita\nGempa Magnitudo 5,2 Guncang Cianjur Pagi Ini\nKamis, 27 Januari 2022, 14:52 WIB\nGempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\n{marker}\nJudul Berita Lain yang Tidak Boleh Masuk\nSatu Lagi Judul Berita Lain\n"
        );
        let e = extract_default(&page);
        assert_eq!(
            e.article.body,
            "Gempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\n",
            "{marker}"
        );
        assert!(
            e.dropped.iter().any(|d| d.text.starts_with(marker)),
            "{marker}"
        );
    }
}

#[test]
fn a_box_between_headline_and_text_ends_nothing() {
    let page = "Gempa Magnitudo 5,2 Guncang Cianjur Pagi Ini\nKamis, 27 Januari 2022, 14:52 WIB\nTerpopuler\nHarga Emas Turun Lagi\nJadwal KRL Hari Ini\nWarga Cianjur berhamburan/Ist\nGempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\nBerita Terkait\nJudul Lain\n";
    let e = extract_default(page);
    assert_eq!(
        e.article.body,
        "Gempa bermagnitudo 5,2 mengguncang Cianjur, Jawa Barat, Kamis pagi, tanpa menimbulkan kerusakan berarti.\n"
    );
    assert_eq!(
        e.article.image_caption.as_deref(),
        Some("Warga Cianjur berhamburan/Ist")
    );
    assert!(
        e.dropped
            .iter()
            .any(|d| d.rule == "related block before the text")
    );
}

#[test]
fn bad_input_says_why() {
    let err = |input: &str| extract(input, &Rules::default(), None).unwrap_err().0;
    assert_eq!(err(""), "empty file");
    assert_eq!(err("  \n\n "), "empty file");
    assert_eq!(
        err("\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR\0\0"),
        "binary data, not a text dump"
    );
    assert_eq!(
        err("Beranda\nNasional\nKontak Kami\n"),
        "no article text found (only 3 short lines)"
    );
    assert_eq!(
        err("Ini paragraf panjang tanpa judul apa pun di atasnya dan berakhir dengan titik.\n"),
        "no headline found"
    );
}

#[test]
fn hard_wrapped_paragraphs_are_joined_and_markdown_is_escaped() {
    let page = "Warta Kita\n\nJalan Desa Sukamaju Akhirnya Diaspal\n\nOleh: Siti Aminah\nKamis, 27 Januari 2022, 14:52 WIB\n\nWarga Desa Sukamaju menyambut gembira pengaspalan jalan desa sepanjang dua\nkilometer yang selama sepuluh tahun rusak dan berlubang saat musim hujan tiba.\n\n1. Mei nanti jalan itu diresmikan, kata kepala desa, dan *semua* warga diundang.\n";
    let a = extract(page, &Rules::default(), None).unwrap().article;
    assert_eq!(
        a.body,
        "Warga Desa Sukamaju menyambut gembira pengaspalan jalan desa sepanjang dua kilometer yang selama sepuluh tahun rusak dan berlubang saat musim hujan tiba.\n\n1\\. Mei nanti jalan itu diresmikan, kata kepala desa, dan \\*semua\\* warga diundang.\n"
    );
}

#[test]
fn photo_captions_in_the_body_leave_it() {
    let page = "Warta Kita\n\nJalan Desa Sukamaju Akhirnya Diaspal\n\nOleh: Siti Aminah\nKamis, 27 Januari 2022, 14:52 WIB\n\nWarga Desa Sukamaju menyambut gembira pengaspalan jalan desa sepanjang dua kilometer.\n\nAlat berat meratakan aspal di Desa Sukamaju, Rabu (26/1/2022). (WartaKita/Siti Aminah)\n\nKepala desa mengatakan pengaspalan dibiayai dana desa tahun ini.\n\nWarga menonton pengaspalan jalan. (Foto: Dok. Desa)\n\nPengaspalan selesai dalam dua pekan, menurut kepala desa.\n";
    let e = extract(page, &Rules::default(), None).unwrap();
    assert_eq!(
        e.article.image_caption.as_deref(),
        Some(
            "Alat berat meratakan aspal di Desa Sukamaju, Rabu (26/1/2022). (WartaKita/Siti Aminah)"
        )
    );
    assert_eq!(
        e.article.body,
        "Warga Desa Sukamaju menyambut gembira pengaspalan jalan desa sepanjang dua kilometer.\n\nKepala desa mengatakan pengaspalan dibiayai dana desa tahun ini.\n\nPengaspalan selesai dalam dua pekan, menurut kepala desa.\n"
    );
}

#[test]
fn wrapped_paragraphs_whose_first_line_is_full_of_names_are_joined() {
    let page = "Harian Kita\n\nSungai Surut, Kapal Dilarang Melintas\n\nReporter: Yogi Saputra\n02/12/2024 14:35\n\nJAMBI - Dinas Perhubungan Provinsi Jambi melarang kapal tongkang\npengangkut batu bara melintasi sungai selama debit air masih rendah\nsampai ketinggian air di pelabuhan sungai yang ramai kembali\nseperti biasa.\n\nKepala Dinas Perhubungan Provinsi Jambi, Ari Wibowo, mengatakan\ntinggi muka air di sejumlah titik kini kurang dari dua meter dan\nkapal rawan kandas di bawah jembatan.\n";
    let a = extract(page, &Rules::default(), None).unwrap().article;
    assert_eq!(
        a.body,
        "JAMBI - Dinas Perhubungan Provinsi Jambi melarang kapal tongkang pengangkut batu bara melintasi sungai selama debit air masih rendah sampai ketinggian air di pelabuhan sungai yang ramai kembali seperti biasa.\n\nKepala Dinas Perhubungan Provinsi Jambi, Ari Wibowo, mengatakan tinggi muka air di sejumlah titik kini kurang dari dua meter dan kapal rawan kandas di bawah jembatan.\n"
    );
}

#[test]
fn a_title_case_line_stays_apart_when_the_dump_is_not_wrapped() {
    let lines = |t: &str| t.lines().map(str::to_string).collect::<Vec<_>>();
    let page = "Warga Tolak Rencana Tambang Pasir di Sungai Progo Kulon\nwarga tiga desa berunjuk rasa di kantor kecamatan pada Senin pagi.";
    assert_eq!(join_hard_wraps(lines(page)).len(), 2);
}

#[test]
fn a_posting_account_is_no_author_and_a_caption_ending_in_its_credit_is_the_image_caption() {
    let page = "Pemerintah Kabupaten Contoh\n\nBupati Tinjau Panen Padi Apung di Rantau Bayur\nDiposting pada: 02/12/2024 14:35\nOleh: Admin Diskominfo\nBupati bersama petani memanen padi apung di Desa Sungai Pinang, Senin (2/12/2024). Foto: Diskominfo Contoh\nBANYUASIN - Bupati meninjau panen padi apung di Desa Sungai Pinang, Kecamatan Rantau Bayur, pada Senin pagi bersama para petani.\nPenulis: Fitriani\n";
    let a = extract(page, &Rules::default(), None).unwrap().article;
    assert_eq!(a.authors, ["Fitriani"]);
    assert_eq!(
        a.image_caption.as_deref(),
        Some(
            "Bupati bersama petani memanen padi apung di Desa Sungai Pinang, Senin (2/12/2024). Foto: Diskominfo Contoh"
        )
    );
    assert_eq!(
        a.body,
        "BANYUASIN - Bupati meninjau panen padi apung di Desa Sungai Pinang, Kecamatan Rantau Bayur, pada Senin pagi bersama para petani.\n"
    );
}

#[test]
fn a_newsletters_masthead_and_edition_line_are_no_headline() {
    let dump = "BULETIN PAGI NUSA TENGGARA\nEdisi Selasa, 8 Desember 2026\n\nHalo pembaca, berikut berita pilihan redaksi pagi ini.\n\nPelabuhan Waingapu Siap Layani Kapal Ternak Antarpulau\n\nOleh Umbu Kudu Ndakularak\nSelasa, 8 Desember 2026 06:00 WITA\n\nPelabuhan Waingapu di Sumba Timur kini memiliki dermaga khusus kapal ternak yang baru diresmikan pekan lalu.\n\nTerima kasih telah membaca. Teruskan buletin ini kepada teman Anda.\n";
    let a = extract_default(dump).article;
    assert_eq!(
        a.title,
        "Pelabuhan Waingapu Siap Layani Kapal Ternak Antarpulau"
    );
    assert_eq!(a.authors, vec!["Umbu Kudu Ndakularak"]);
    assert_eq!(
        a.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-12-08T06:00:00+08:00")
    );
    assert!(!a.body.contains("Halo pembaca") && !a.body.contains("Terima kasih"));
    // Without the edition word, the line over the date is taken as the headline, as before.
    assert!(is_edition_line("Edisi Selasa, 8 Desember 2026"));
    assert!(!is_edition_line("Selasa, 8 Desember 2026"));
}

#[test]
fn a_writers_academic_title_is_no_part_of_the_author() {
    let dump = "Sungai Mahakam dan Ingatan Kita tentang Banjir\n\nPenulis: Dr. Rahmawati Idris, M.T.\nRabu, 9 Desember 2026 | 07:45 WITA\n\nSetiap musim hujan, warga di tepian Sungai Mahakam kembali bertanya mengapa banjir datang lebih cepat.\n";
    assert_eq!(
        extract_default(dump).article.authors,
        vec!["Rahmawati Idris"]
    );
}

#[test]
fn a_press_release_is_dated_by_its_lead_and_ends_above_its_contacts() {
    let dump = "Siaran Pers\n\nKKP Tebar 2 Juta Benih Kakap Putih di Perairan Teluk Kendari\n\nKendari, 11 Desember 2026 - Kementerian Kelautan dan Perikanan menebar dua juta benih kakap putih di perairan Teluk Kendari.\n\nPenebaran dilakukan untuk memulihkan stok ikan yang menurun akibat penangkapan berlebih.\n\nBiro Hubungan Masyarakat dan Kerja Sama Luar Negeri\nKementerian Kelautan dan Perikanan\n\nNarahubung:\nSri Wahyuni (Kepala Bagian Media dan Publikasi)\nTelp. 021-3519070\n";
    let a = extract_default(dump).article;
    assert_eq!(
        a.date.map(|d| d.date_naive().to_string()).as_deref(),
        Some("2026-12-11")
    );
    assert!(
        a.body.ends_with("akibat penangkapan berlebih.\n"),
        "{}",
        a.body
    );
    // A date inside the lead's sentence is no dateline.
    let rules = Rules::default();
    assert!(lead_dateline("Warga Kendari, 11 Desember 2026, menebar benih.", &rules).is_none());
    assert!(
        lead_dateline(
            "JAKARTA, Senin (3/12/2026) - Pemerintah menebar benih.",
            &rules
        )
        .is_some()
    );
}

#[test]
fn a_newspaper_columns_wrapped_paragraphs_are_joined() {
    let page = "Judul Berita Pasar Minggu Direvitalisasi Tahun Depan\n\nBENGKULU - Sekitar 450 pedagang Pasar Minggu\nKota Bengkulu mulai pindah ke lapak sementara di\nlahan parkir. Gedung itu akan direvita-\nlisasi mulai Januari.\n\nPembangunan gedung baru ditargetkan selesai\ndalam 14 bulan dan berlangsung berturut-\nturut tanpa henti.\n\nKepala Dinas Perdagangan Kota Bengkulu, Mirza\nHanafi, mengatakan pedagang tidak membayar sewa.\n";
    let joined = join_hard_wraps(page.lines().map(str::to_string).collect());
    assert!(joined.contains(&"BENGKULU - Sekitar 450 pedagang Pasar Minggu Kota Bengkulu mulai pindah ke lapak sementara di lahan parkir. Gedung itu akan direvitalisasi mulai Januari.".to_string()), "{joined:#?}");
    assert!(
        joined
            .iter()
            .any(|l| l.contains("berturut-turut tanpa henti."))
    );
    assert!(
        joined
            .iter()
            .any(|l| l.starts_with("Kepala Dinas Perdagangan Kota Bengkulu, Mirza Hanafi,"))
    );
    // Blocks of short lines that are no wrapped paragraph stay apart (a header).
    let header = "Oleh Umbu Kudu Ndakularak\nSelasa, 8 Desember 2026 06:00 WITA\n\nA\n";
    assert_eq!(
        join_hard_wraps(header.lines().map(str::to_string).collect()).len(),
        4
    );
}

#[test]
fn a_chat_apps_copy_keeps_its_words_not_its_marks() {
    assert_eq!(
        clean_line("*Jalur Pantura Dipadati Pemudik*"),
        "Jalur Pantura Dipadati Pemudik"
    );
    assert_eq!(clean_line("_Oleh: Nurul Hikmah_"), "Oleh: Nurul Hikmah");
    assert_eq!(
        clean_line("📍 Arus kendaraan meningkat."),
        "Arus kendaraan meningkat."
    );
    // Marks inside a line, or a line of emoji only, stay.
    assert_eq!(clean_line("Harga *naik* lagi"), "Harga *naik* lagi");
    assert_eq!(
        clean_line("*catatan* dan *lainnya*"),
        "*catatan* dan *lainnya*"
    );
    assert_eq!(clean_line("👍"), "👍");
    let dump = "*Jalur Pantura Cirebon Mulai Dipadati Pemudik Motor*\n\n_Oleh: Nurul Hikmah_\nCirebon, Jumat 18 Desember 2026 | 14.20 WIB\n\n📍 Arus kendaraan roda dua di jalur Pantura Cirebon meningkat sejak Jumat pagi hari ini.\n\n🔗 Selengkapnya: https://kabarcirebon.example/2026/12/18/jalur-pantura\n";
    let a = extract_default(dump).article;
    assert_eq!(
        a.title,
        "Jalur Pantura Cirebon Mulai Dipadati Pemudik Motor"
    );
    assert_eq!(a.authors, vec!["Nurul Hikmah"]);
    assert_eq!(
        a.source.as_deref(),
        Some("https://kabarcirebon.example/2026/12/18/jalur-pantura")
    );
    assert!(!a.body.contains("Selengkapnya"));
}

#[test]
fn a_browsers_printout_loses_its_page_headers_and_footers_and_gives_its_address() {
    let page = "08/12/26 07.31\tPemprov NTT Siapkan Beras untuk Musim Paceklik | Timor Ekspres\n\n\
        Pemprov NTT Siapkan Beras untuk Musim Paceklik\n\n\
        Penulis: Yohanes Seran\nSelasa, 08 Desember 2026 06:45 WITA\n\n\
        KUPANG - Pemerintah Provinsi Nusa Tenggara Timur menyiapkan cadangan beras 40 ribu ton untuk musim paceklik.\n\n\
        https://timorekspres.example/2026/12/08/beras\t1/2\n\n\
        12/8/26, 7:31 AM    Pemprov NTT Siapkan Beras untuk Musim Paceklik | Timor Ekspres\n\n\
        Bulog NTT juga menambah armada truk untuk menjangkau desa-desa di Sumba Timur.\n\n\
        https://timorekspres.example/2026/12/08/beras   Page 2 of 2\n";
    let e = extract_default(page);
    assert_eq!(
        e.article.title,
        "Pemprov NTT Siapkan Beras untuk Musim Paceklik"
    );
    assert_eq!(
        e.article.source.as_deref(),
        Some("https://timorekspres.example/2026/12/08/beras")
    );
    assert_eq!(
        e.article.body.matches("\n\n").count(),
        1,
        "{}",
        e.article.body
    );
    assert!(!e.article.body.contains("http"), "{}", e.article.body);
    // A dateline with a byline after it is no printout's header.
    let dateline = "08/12/2026 07:31 Reporter: Yohanes Seran";
    assert_ne!(
        classify(dateline, &Rules::default()),
        Kind::Junk(PRINTED_PAGE_HEADER_RULE.to_string())
    );
}

#[test]
fn a_social_posts_labels_counters_and_link_preview() {
    // An emoji for a label, a line of hashtags, the account glued to the caption.
    assert_eq!(
        clean_line("📝: Lalu Ahmad Zaini"),
        "Penulis: Lalu Ahmad Zaini"
    );
    assert_eq!(clean_line("📸 : Dok. Humas"), "Foto: Dok. Humas");
    assert_eq!(
        tags_line("#mataram #ntb #minyakgoreng"),
        Some(Kind::Tags(vec![
            "mataram".into(),
            "ntb".into(),
            "minyakgoreng".into()
        ]))
    );
    assert_eq!(tags_line("#mataram"), None, "one hashtag is a word");
    let mut dropped = Vec::new();
    let above = ["kabarmataram.id".to_string(), "Ikuti".to_string()];
    assert_eq!(
        without_account_name(
            "kabarmataram.id Ratusan Warga Antre Minyak Goreng".into(),
            &above,
            &mut dropped
        ),
        "Ratusan Warga Antre Minyak Goreng"
    );
    // The labelled address ("Baca selengkapnya: …", an app's "Baca di Outlet: …") is the
    // source; the link preview under it (the host in capitals) ends the post.
    let rules = Rules::default();
    for line in [
        "Baca selengkapnya: https://kabarjambi.example/2025/11/19/sungai",
        "Baca di Kabar Riau: https://kabarriau.example/read/2026/12/01/48213/banjir",
        "Read on Coastal Daily: https://coastal.example/2026/12/01/flood",
    ] {
        assert!(matches!(classify(line, &rules), Kind::Url(_)), "{line}");
    }
    assert_eq!(
        classify("KABARJAMBI.EXAMPLE", &rules),
        Kind::Cut(SOCIAL_POST_TAIL_RULE.into())
    );
    assert_eq!(
        classify("Semua reaksi:", &rules),
        Kind::Cut(SOCIAL_POST_TAIL_RULE.into())
    );
    let post = "Kabar Jambi\n19 November 2025 pukul 10.15 ·\n🔴 Sungai Batanghari Tercemar Limbah Tambang Emas Ilegal\n\nJAMBI – Air Sungai Batanghari di Kecamatan Muara Tembesi berubah keruh kecokelatan sejak sepekan terakhir karena tambang.\n\nBaca selengkapnya: https://kabarjambi.example/2025/11/19/sungai\nKABARJAMBI.EXAMPLE\nSungai Batanghari Tercemar Limbah Tambang Emas Ilegal\nAir Sungai Batanghari berubah keruh kecokelatan sejak sepekan terakhir di hulu.\nSemua reaksi:\n1,2 rb\nDedi Saputra\nSemoga cepat ditindak aparat, kasihan warga di hilir\n";
    let a = extract_default(post).article;
    assert_eq!(
        a.source.as_deref(),
        Some("https://kabarjambi.example/2025/11/19/sungai")
    );
    assert_eq!(a.source_name.as_deref(), Some("Kabar Jambi"));
    assert_eq!(a.body.matches("\n\n").count(), 0, "{}", a.body);
}

#[test]
fn a_printouts_page_break_and_wraps_at_its_width_join_again() {
    let dump = "07/12/26, 21.14\nTiket Kapal Ludes Dua Pekan Sebelum Natal - Kabar Sulut\n\nKabar Sulut\n\nTiket Kapal Ludes Dua Pekan Sebelum Natal\n\nSenin, 7 Desember 2026 | 08:30 WITA\n\nMANADO – Tiket kapal penumpang rute Manado–Tahuna untuk keberangkatan 18 hingga\n24 Desember 2026 habis terjual. Penumpang yang hendak pulang kampung ke Kepulauan Sangihe\nuntuk merayakan Natal kini hanya bisa berharap pada kapal tambahan yang akan datang.\n\nDi loket pelabuhan, antrean calon penumpang sudah terlihat sejak subuh. Meiske Tamaka, warga\nTahuna yang bekerja di Manado, mengaku sudah tiga hari datang ke loket tanpa hasil sama. Ia\nhttps://kabarsulut.example/nusa-utara/2026/12/07/tiket-kapal\n1/2\n\u{c}07/12/26, 21.14\nTiket Kapal Ludes Dua Pekan Sebelum Natal - Kabar Sulut\nberencana menunggu kapal tambahan karena tiket pesawat ke Naha sudah mencapai Rp1,8 juta\nsekali jalan.\n\nDinas Perhubungan Sulawesi Utara mengingatkan warga agar membeli tiket hanya di loket resmi\ndan aplikasi operator. Menjelang Natal tahun lalu, polisi menangkap empat calo yang menjual\ntiket palsu dengan harga dua kali lipat.\n";
    let a = extract_default(dump).article;
    let paragraphs: Vec<&str> = a.body.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert!(paragraphs[0].contains("hingga 24 Desember 2026"));
    assert!(paragraphs[1].contains("warga Tahuna"));
    assert!(paragraphs[1].ends_with("Ia berencana menunggu kapal tambahan karena tiket pesawat ke Naha sudah mencapai Rp1,8 juta sekali jalan."));
    assert_eq!(
        a.source.as_deref(),
        Some("https://kabarsulut.example/nusa-utara/2026/12/07/tiket-kapal")
    );
    assert_eq!(a.source_name.as_deref(), Some("Kabar Sulut"));
}

#[test]
fn a_text_browsers_image_alt_goes_and_its_wrapped_caption_is_the_caption() {
    let rules = Rules::default();
    assert_eq!(
        classify("[Klotok ambulans air di Sungai Kahayan]", &rules),
        Kind::Junk(SCRAPER_ARTIFACT_RULE.into())
    );
    // A bracketed credit is no image's alt text.
    assert_ne!(
        classify("[Foto: Antara/Rendy]", &rules),
        Kind::Junk(SCRAPER_ARTIFACT_RULE.into())
    );
    let para = "Setiap ambulans air dilengkapi tandu, tabung oksigen, dan kotak obat, serta\ndiawaki seorang perawat dan seorang motoris. Perahu bersiaga di dermaga kota\npagi dan malam, dan bisa dipanggil melalui nomor layanan darurat 112 kapan saja.\n\n";
    let dump = format!(
        "Kapal Klotok Jadi Ambulans Air bagi Warga Bantaran Sungai Kahayan\n\n   Penulis: Rendy Saputra\n   Kamis, 03 Desember 2026 14:10 WIB\n\n   [Klotok ambulans air]\n   Perahu klotok yang dimodifikasi menjadi ambulans air bersandar di dermaga\n   Kelurahan Pahandut Seberang, Palangka Raya, Rabu (2/12/2026). (Warta\n   Kalteng/Rendy Saputra)\n\n{para}{para}{para}"
    );
    let a = extract_default(&dump).article;
    assert_eq!(
        a.image_caption.as_deref(),
        Some(
            "Perahu klotok yang dimodifikasi menjadi ambulans air bersandar di dermaga Kelurahan Pahandut Seberang, Palangka Raya, Rabu (2/12/2026). (Warta Kalteng/Rendy Saputra)"
        )
    );
    assert!(!a.body.contains("Klotok ambulans"));
}
