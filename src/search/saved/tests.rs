//! The kept index's files are a fresh index's after every edit, and an edit remakes only
//! the files its terms are in.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::*;
use crate::config::Config;
use crate::site::Selection;

fn config() -> Config {
    Config::parse(
        Path::new("."),
        Path::new("site.toml"),
        "title = \"T\"\nlanguage = \"id\"\n[search]\nenabled = true\n",
    )
    .unwrap()
}

/// Article `n` of `year` (within a year, later numbers are newer), in section `section`.
fn article(config: &Config, n: usize, year: usize, body: &str, section: usize) -> Arc<Article> {
    let (day, hour, minute) = (1 + n / 1440 % 28, n / 60 % 24, n % 60);
    let text = format!(
        "---\ntitle: Berita {n}\ndate: {year}-01-{day:02}T{hour:02}:{minute:02}:00+00:00\nslug: b{n}\ntags: [T{}]\nsource_name: Kabar {}\ncategory: Seksi {section}\n---\n{body}\n",
        n % 7,
        n % 3,
    );
    let file = format!("content/b{n}.md");
    Arc::new(
        crate::content::parse_article(config, Path::new(&file), &text)
            .unwrap()
            .0,
    )
}

fn site(config: &Config, articles: &[Arc<Article>]) -> Site {
    let selection = Selection {
        drafts: false,
        future: true,
        now: chrono::Utc::now(),
    };
    Site::build(config.clone(), articles.to_vec(), selection).unwrap()
}

/// The output of the last build (path → bytes) and the paths put by this one.
#[derive(Default)]
struct Served {
    files: BTreeMap<String, Vec<u8>>,
    put: Vec<String>,
}

/// Builds the index of `site` with the cache folder `cache` over `served` (the last
/// build's output); checks it against a fresh index; returns the paths put (made).
fn build(cache: &Path, served: &Mutex<Served>, site: &Site, step: &str) -> Vec<String> {
    let last: BTreeMap<String, u64> = served
        .lock()
        .unwrap()
        .files
        .iter()
        .map(|(p, b)| (p.clone(), xxh3_64(b)))
        .collect();
    let next = Mutex::new(BTreeMap::new());
    let out = Output {
        previous: &|path| last.get(path).copied(),
        // The index calls `keep` and `put` from several threads at once: never hold one
        // lock while taking the other (that order differed between the two and deadlocked).
        keep: &|path| {
            let bytes = served.lock().unwrap().files.get(path).cloned();
            let kept = bytes.is_some();
            if let Some(bytes) = bytes {
                next.lock().unwrap().insert(path.to_string(), bytes);
            }
            Ok(kept)
        },
        put: &|path, bytes, hash| {
            assert_eq!(hash, xxh3_64(bytes), "{step}: {path}'s hash");
            let first = next
                .lock()
                .unwrap()
                .insert(path.to_string(), bytes.to_vec())
                .is_none();
            assert!(first, "{step}: {path} put twice");
            served.lock().unwrap().put.push(path.to_string());
            Ok(())
        },
    };
    let files = put_index_files(site, &doc_keys_of(site), cache, &out).unwrap();
    let next = next.into_inner().unwrap();
    let fresh = super::super::index_files(site, None).unwrap();
    let listed: Vec<(&str, u64)> = files.iter().map(|(p, h)| (p.as_str(), *h)).collect();
    let expected: Vec<(&str, u64)> = fresh
        .iter()
        .map(|(p, b)| (p.as_str(), xxh3_64(b)))
        .collect();
    assert!(listed == expected, "{step}: the files listed differ");
    let fresh: BTreeMap<String, Vec<u8>> = fresh.into_iter().collect();
    for (path, bytes) in &fresh {
        assert!(next.get(path) == Some(bytes), "{step}: {path} differs");
    }
    assert_eq!(next.len(), fresh.len(), "{step}: files");
    let mut served = served.lock().unwrap();
    served.files = next;
    std::mem::take(&mut served.put)
}

#[test]
fn edits_give_the_files_of_a_fresh_index_and_make_only_what_they_touch() {
    let config = config();
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path();
    // `kota` is in every article and `year:2020` in seven of eight: both lists are dense;
    // 4096 documents fill their bitmaps to a whole byte.
    let body = |n: usize| {
        let extra = if n.is_multiple_of(3) {
            "banjir banjir"
        } else {
            ""
        };
        let words: Vec<String> = (0..10)
            .map(|i| format!("k{}", (n * 7 + i * 13) % 2000))
            .collect();
        format!(
            "Kota {n} hari ini {extra} kata{} {}.",
            n % 50,
            words.join(" ")
        )
    };
    let year = |n: usize| if n.is_multiple_of(8) { 2021 } else { 2020 };
    let make = |n: usize| article(&config, n, year(n), &body(n), n % 5);
    let mut articles: Vec<Arc<Article>> = (0..4096).map(make).collect();
    let served = Mutex::new(Served::default());
    let all = build(cache, &served, &site(&config, &articles), "first").len();
    assert!(all > 4096 / 16 + 10, "{all} files");

    // Nothing changed: only the root is made again.
    let made = build(cache, &served, &site(&config, &articles), "again");
    assert_eq!(made, ["search/root.js"]);

    // A body edit: new words, one word dropped, impacts moved. Chunks that hold none of its
    // terms, before or after, are not made again; of the result chunks, only its own (its
    // summary is its body's start).
    let old = articles[1500].clone();
    articles[1500] = article(
        &config,
        1500,
        2020,
        "Kota gempa gempa gempa pasar harga.",
        0,
    );
    let made = build(cache, &served, &site(&config, &articles), "body edit");
    let metas = made.iter().filter(|p| p.starts_with("search/m/")).count();
    assert_eq!(metas, 1, "{made:?}");
    let mut its_terms = BTreeSet::new();
    for a in [&old, &articles[1500]] {
        let terms = index::document(a, 2020, Stemmer::for_language("id")).unwrap();
        its_terms.extend(terms.into_iter().map(|(t, _)| t));
    }
    let summary = Summary::read(&folder(cache).join("index.bin")).unwrap();
    let mut kept = 0;
    for c in &summary.chunks {
        let path = chunks::chunk_path(&chunks::chunk_name(&c.first));
        if its_terms
            .range(c.first.clone()..=c.last.clone())
            .next()
            .is_none()
        {
            assert!(!made.contains(&path), "{path} ({}) made again", c.first);
            kept += 1;
        }
    }
    assert!(kept > 3, "{kept} chunks kept");

    // Dense lists lose a document; a category value with one article comes.
    articles[3294] = article(&config, 3294, year(3294), "Tanpa kata yang sama.", 4);
    articles[7] = article(&config, 7, year(7), &body(7), 9);
    build(
        cache,
        &served,
        &site(&config, &articles),
        "words and filters",
    );
    // A new newest article: a document more, and every bitmap a byte longer.
    articles.push(make(4096));
    let made = build(cache, &served, &site(&config, &articles), "appended");
    assert!(made.contains(&"search/m/256.js".to_string()), "{made:?}");
    // Seven more: the bitmaps keep their length.
    for n in 4097..4104 {
        articles.push(make(n));
        build(
            cache,
            &served,
            &site(&config, &articles),
            &format!("appended {n}"),
        );
    }
    // The newest taken away again, and the one-article category with its article.
    articles.pop();
    articles[7] = make(7);
    build(cache, &served, &site(&config, &articles), "removed");
    // A title edit: the result chunk too.
    let mut text = body(2100);
    text.push_str(" Pelabuhan.");
    articles[2100] = article(&config, 2100, year(2100), &text, 1);
    build(cache, &served, &site(&config, &articles), "title");

    // A kept file of the index that does not check out: the index is made afresh.
    let dir = folder(cache);
    let spoil = |path: &Path| {
        let mut bytes = std::fs::read(path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(path, bytes).unwrap();
    };
    let summary = Summary::read(&dir.join("index.bin")).unwrap();
    let kota = &summary.chunks[walk::chunk_of(&summary.chunks, "kota")].first;
    let edited = &articles[1029];
    let site_now = site(&config, &articles);
    let place = site_now
        .articles
        .iter()
        .position(|a| a.path == edited.path)
        .unwrap();
    let segment = (site_now.articles.len() - 1 - place) / SEGMENT;
    for (what, path) in [
        ("its segment", dir.join(format!("d/{segment}.bin"))),
        (
            "a term chunk",
            dir.join(format!("{}.bin", chunks::chunk_name(kota))),
        ),
        ("the summary", dir.join("index.bin")),
    ] {
        spoil(&path);
        articles[1029] = article(&config, 1029, year(1029), &format!("Kota {what}."), 0);
        let made = build(cache, &served, &site(&config, &articles), what);
        assert!(made.len() > all / 2, "{what}: {} files made", made.len());
        let again = build(cache, &served, &site(&config, &articles), what);
        assert_eq!(again, ["search/root.js"], "{what}: kept again after");
    }
    // The output lost a file the index keeps: it is made again from the kept postings.
    let lost = served
        .lock()
        .unwrap()
        .files
        .keys()
        .find(|p| p.starts_with("search/t/"))
        .cloned()
        .unwrap();
    served.lock().unwrap().files.remove(&lost);
    let made = build(cache, &served, &site(&config, &articles), "lost");
    assert_eq!(made, [lost, "search/root.js".to_string()]);

    // An article moved back in time renumbers the documents after it: made afresh.
    articles[3000] = article(&config, 3000, 2019, &body(3000), 0);
    let made = build(cache, &served, &site(&config, &articles), "moved");
    assert!(made.len() > all / 2, "moved: {} files made", made.len());
}

/// A kept chunk the output cannot keep once files were put is made again from its kept
/// postings; when those do not check out either, the build stops with an error naming the
/// folder to delete, rather than putting the index's files a second time.
#[test]
fn a_chunk_neither_kept_nor_made_again_is_an_error_naming_the_folder() {
    let config = config();
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path();
    let body = |n: usize| {
        format!(
            "Kota {n} k{} k{} k{}.",
            n % 700,
            n % 300 + 700,
            n % 500 + 1000
        )
    };
    let mut articles: Vec<Arc<Article>> = (0..2000)
        .map(|n| article(&config, n, 2020, &body(n), n % 5))
        .collect();
    let served = Mutex::new(Served::default());
    build(cache, &served, &site(&config, &articles), "first");
    let old = articles[10].clone();
    articles[10] = article(&config, 10, 2020, "Kota gempa.", 0);
    let site = site(&config, &articles);
    let mut its_terms = BTreeSet::new();
    for a in [&old, &articles[10]] {
        let terms = index::document(a, 2020, Stemmer::for_language("id")).unwrap();
        its_terms.extend(terms.into_iter().map(|(t, _)| t));
    }
    let summary = Summary::read(&folder(cache).join("index.bin")).unwrap();
    let untouched = summary
        .chunks
        .iter()
        .find(|c| {
            its_terms
                .range(c.first.clone()..=c.last.clone())
                .next()
                .is_none()
        })
        .expect("a chunk the edit leaves alone");
    let postings = folder(cache).join(format!("{}.bin", chunks::chunk_name(&untouched.first)));
    std::fs::write(&postings, b"not a chunk").unwrap();
    let lost = chunks::chunk_path(&chunks::chunk_name(&untouched.first));
    let last: BTreeMap<String, u64> = served
        .lock()
        .unwrap()
        .files
        .iter()
        .map(|(p, b)| (p.clone(), xxh3_64(b)))
        .collect();
    let out = Output {
        previous: &|path| last.get(path).copied(),
        keep: &|path| Ok(path != lost),
        put: &|_, _, _| Ok(()),
    };
    let err = put_index_files(&site, &doc_keys_of(&site), cache, &out).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{lost} could not be kept from the last build, and the search index kept in {} to make it again does not check out: delete that folder and build again",
            folder(cache).display()
        )
    );
}
