//! Splitting article text into search words (`cargo bench --bench words`): the byte-at-a-time
//! `fold::words_with` beside the indexer's block-at-a-time `word_spans`, over the example
//! site's articles. Throughput is in words, so criterion's time per element is ns a word.

use std::hint::black_box;
use std::path::Path;

use cermin::search::fold;
use cermin::search::word_spans::{self, AsciiWord};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The text of the example site's articles (front matter left out), one string each.
fn articles() -> Vec<String> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut texts: Vec<String> = walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).expect("readable article"))
        .map(|text| match text.strip_prefix("---") {
            Some(rest) => rest
                .split_once("\n---")
                .map_or(rest, |(_, body)| body)
                .to_string(),
            None => text,
        })
        .collect();
    assert!(!texts.is_empty(), "no articles under content/");
    texts.sort();
    texts
}

/// The words of `text` the indexer's way, each given to `each` as a number.
fn indexer_words(text: &str, scratch: &mut String, each: &mut impl FnMut(u64)) {
    word_spans::spans(text, |start, end, ascii| {
        if ascii {
            let word = AsciiWord::of(text, start, end);
            each(word.short().map_or(1, |s| s[0]));
        } else {
            fold::words_with(&text[start..end], scratch, &mut |w| each(w.len() as u64));
        }
    });
}

fn words(c: &mut Criterion) {
    let texts = articles();
    let count: usize = texts.iter().map(|t| fold::word_list(t).len()).sum();
    let mut group = c.benchmark_group("words");
    group.throughput(Throughput::Elements(count as u64));
    let mut scratch = String::new();
    group.bench_function("fold_words_with", |b| {
        b.iter(|| {
            let mut sum = 0u64;
            for text in &texts {
                fold::words_with(black_box(text), &mut scratch, &mut |w| {
                    sum += w.len() as u64
                });
            }
            sum
        })
    });
    group.bench_function("word_spans", |b| {
        b.iter(|| {
            let mut sum = 0u64;
            for text in &texts {
                indexer_words(black_box(text), &mut scratch, &mut |n| {
                    sum = sum.wrapping_add(n)
                });
            }
            sum
        })
    });
    group.finish();
}

criterion_group!(benches, words);
criterion_main!(benches);
