//! The index as files a static host serves: small JavaScript files that hand their data to
//! the search page's script (`cerminSearch(name, data)`), so they load with `<script>` even
//! from `file://`, where `fetch` is refused.
//!
//! - `search/root.js`: the number of documents, the stemmer, the first term and file of each
//!   term chunk, the date of each result chunk, the filters' values.
//! - `search/t/<hash>.js`: a run of consecutive terms with their postings (base64 of the
//!   varint bytes). Chunks end where a term's hash says so (about every `TARGET_CHUNK`
//!   bytes), and are named by their first term: an edit changes the chunks of
//!   the terms it touches, not the boundaries (or names) of all the others.
//! - `search/m/<n>.js`: the results' title, path, date, source and snippet, `DOCS_PER_META`
//!   documents a file, oldest first (a new article changes only the last one).

use std::collections::BTreeMap;

use anyhow::Result;
use base64::Engine;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::index::{Index, Postings};

/// Bytes of terms and postings a term chunk holds on average, and at most (but by one term):
/// served with gzip, a chunk is then about 10 KB.
const TARGET_CHUNK: usize = 16 * 1024;
const MAX_CHUNK: usize = 64 * 1024;
/// Documents per result chunk: ten results fetch at most ten of these, a few KB each.
pub const DOCS_PER_META: usize = 16;
/// The snippet of a result: the summary up to this many characters.
const SNIPPET_CHARS: usize = 240;

/// What the search page shows of a result.
pub struct ResultMeta {
    pub title: String,
    pub path: String,
    pub date_display: String,
    /// `YYYY-MM-DD`, for the recency boost.
    pub date: String,
    /// Days since 1970, for the recency boost.
    pub day: i64,
    pub source: Option<String>,
    pub summary: String,
}

/// A filter the search page offers: its term and what it shows, with the count.
pub struct FilterValue {
    pub term: String,
    pub label: String,
    pub count: usize,
}

/// Makes every file of the index and hands each to `put` (output path, bytes) as soon as it
/// is made, in parallel: the files are never all in memory at once (at a million articles
/// they are near a gigabyte), nor are the results' metadata. `meta(doc)` is what the search
/// page shows of document `doc` of the `index`. Returns what `put` returned, in a stable
/// order: term chunks, result chunks, `search/root.js`.
pub fn put_files<T: Send>(
    index: &Index,
    meta: &(dyn Fn(usize) -> ResultMeta + Sync),
    stemmer: &str,
    filters: &BTreeMap<&str, Vec<FilterValue>>,
    put: &(dyn Fn(String, Vec<u8>) -> Result<T> + Sync),
) -> Result<Vec<T>> {
    let sizes = index
        .terms
        .iter()
        .map(|(t, p)| (term_hash(t), term_size(t, p)));
    let ranges = cuts(sizes);
    let mut put_back: Vec<T> = ranges
        .par_iter()
        .map(|range| {
            let chunk = &index.terms[range.clone()];
            let name = chunk_name(&chunk[0].0);
            let terms: Vec<(&str, &Postings)> =
                chunk.iter().map(|(t, p)| (t.as_str(), p)).collect();
            put(chunk_path(&name), term_chunk(&name, &terms))
        })
        .collect::<Result<_>>()?;
    let chunk_list: Vec<(String, String)> = ranges
        .iter()
        .map(|range| {
            let first = &index.terms[range.start].0;
            (first.clone(), chunk_name(first))
        })
        .collect();
    let documents = index.documents;
    // Each result chunk with the day of its first document.
    let metas: Vec<(T, i64)> = (0..documents.div_ceil(DOCS_PER_META))
        .into_par_iter()
        .map(|n| {
            let docs: Vec<ResultMeta> = (n * DOCS_PER_META..documents.min((n + 1) * DOCS_PER_META))
                .map(meta)
                .collect();
            let first_day = docs[0].day;
            let (path, bytes) = meta_file(n, &docs);
            Ok((put(path, bytes)?, first_day))
        })
        .collect::<Result<_>>()?;
    let mut firsts = Vec::with_capacity(metas.len());
    for (back, day) in metas {
        put_back.push(back);
        firsts.push(day);
    }
    let root = root(documents, stemmer, &chunk_list, &firsts, filters);
    put_back.push(put("search/root.js".into(), root)?);
    Ok(put_back)
}

/// The name of the term chunk that starts with `first` (`t/<hash>`).
pub fn chunk_name(first: &str) -> String {
    format!(
        "t/{:012x}",
        xxhash_rust::xxh3::xxh3_64(first.as_bytes()) >> 16
    )
}

/// The output path of the index file `name` (`t/…`, `m/…`).
pub fn chunk_path(name: &str) -> String {
    format!("search/{name}.js")
}

/// The hash that decides where chunks end (see [`cuts`]).
pub fn term_hash(term: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(term.as_bytes())
}

/// What a term weighs in its chunk (see [`cuts`]).
pub fn term_size(term: &str, postings: &Postings) -> usize {
    term.len() + postings.bytes.len()
}

/// `search/root.js`: `firsts` are the day numbers of the result chunks' first documents.
pub fn root(
    documents: usize,
    stemmer: &str,
    chunk_list: &[(String, String)],
    firsts: &[i64],
    filters: &BTreeMap<&str, Vec<FilterValue>>,
) -> Vec<u8> {
    let entries: Vec<String> = chunk_list
        .iter()
        .map(|(first, name)| chunk_entry(first, name))
        .collect();
    root_of_entries(
        documents,
        stemmer,
        entries.iter().map(String::as_str),
        firsts,
        filters,
    )
}

/// A term chunk's entry in `search/root.js`: `["<first term>","<name>"]`.
pub fn chunk_entry(first: &str, name: &str) -> String {
    json!([first, name]).to_string()
}

/// [`root`] from the chunks' entries made by [`chunk_entry`], so that the dev server keeps
/// each chunk's entry instead of writing every one again on every save. The object's keys
/// are written in order (serde_json's maps sort them): `chunks` and `days` first, the rest
/// as serde_json writes them.
pub fn root_of_entries<'e>(
    documents: usize,
    stemmer: &str,
    entries: impl Iterator<Item = &'e str>,
    firsts: &[i64],
    filters: &BTreeMap<&str, Vec<FilterValue>>,
) -> Vec<u8> {
    use std::fmt::Write;
    let filters: serde_json::Map<String, Value> = filters
        .iter()
        .map(|(kind, values)| {
            let values: Vec<Value> = values
                .iter()
                .map(|v| json!([v.term, v.label, v.count]))
                .collect();
            (kind.to_string(), Value::from(values))
        })
        .collect();
    let rest = json!({
        "version": 1,
        "documents": documents,
        "stemmer": stemmer,
        "k1": super::index::K1,
        "max_tf_part": super::index::MAX_TF_PART,
        "docs_per_meta": DOCS_PER_META,
        "filters": filters,
    })
    .to_string();
    let mut out = String::with_capacity(rest.len() + firsts.len() * 4 + 64);
    out.push_str("cerminSearch(\"root\",{\"chunks\":[");
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(entry);
    }
    // Day numbers of the chunks' first documents, each as the days since the one before.
    out.push_str("],\"days\":[");
    let mut previous_day = 0;
    for (i, &day) in firsts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", day - previous_day);
        previous_day = day;
    }
    out.push_str("],");
    out.push_str(&rest[1..]);
    out.push_str(");\n");
    out.into_bytes()
}

/// The result chunk `n`: `(output path, bytes)`.
pub fn meta_file(n: usize, docs: &[ResultMeta]) -> (String, Vec<u8>) {
    let name = format!("m/{n}");
    let rows: Vec<Value> = docs.iter().map(result_row).collect();
    (chunk_path(&name), script(&name, &Value::from(rows)))
}

/// The terms cut into chunks, given each term's hash and size in order: the ranges of term
/// positions. A chunk ends after a term with the chance its size in bytes has in
/// `TARGET_CHUNK` (decided by the term's hash, so the same terms always cut the same way,
/// whatever comes before them), so chunks hold about `TARGET_CHUNK` bytes; a term as big as
/// that has a chunk of its own, and none exceeds `MAX_CHUNK` but by one term.
pub fn cuts(sizes: impl Iterator<Item = (u64, usize)>) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut count = 0;
    let mut cutter = Cutter::default();
    for (i, (hash, term_size)) in sizes.enumerate() {
        count = i + 1;
        if cutter.ends_before(term_size) {
            chunks.push(start..i);
            start = i;
        }
        if cutter.ends_after(hash, term_size) {
            chunks.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < count {
        chunks.push(start..count);
    }
    chunks
}

/// Where [`cuts`] ends chunks, one term at a time: a chunk's ends depend only on the terms
/// from its start, so the dev server cuts again from a chunk's start only where terms changed.
#[derive(Default)]
pub struct Cutter {
    /// The bytes and terms of the chunk so far.
    size: usize,
    terms: usize,
}

impl Cutter {
    /// Whether the chunk ends before a term of `term_size` (a big term starts its own);
    /// when it does, a new chunk begins.
    pub fn ends_before(&mut self, term_size: usize) -> bool {
        let ends = self.terms > 0 && term_size >= TARGET_CHUNK;
        if ends {
            *self = Cutter::default();
        }
        ends
    }

    /// Adds a term to the chunk; whether the chunk ends after it.
    pub fn ends_after(&mut self, hash: u64, term_size: usize) -> bool {
        self.size += term_size;
        self.terms += 1;
        let ends = hash % TARGET_CHUNK as u64 <= term_size as u64 || self.size >= MAX_CHUNK;
        if ends {
            *self = Cutter::default();
        }
        ends
    }
}

/// A term chunk: `{"terms": [...], "counts": [...], "postings": "<base64 of them all>"}`.
pub fn term_chunk(name: &str, chunk: &[(&str, &Postings)]) -> Vec<u8> {
    let terms: Vec<&str> = chunk.iter().map(|(t, _)| *t).collect();
    let counts: Vec<u32> = chunk.iter().map(|(_, p)| p.count).collect();
    let lengths: Vec<usize> = chunk.iter().map(|(_, p)| p.bytes.len()).collect();
    let dense: Vec<u8> = chunk.iter().map(|(_, p)| u8::from(p.dense)).collect();
    let bytes: Vec<u8> = chunk
        .iter()
        .flat_map(|(_, p)| p.bytes.iter().copied())
        .collect();
    let postings = base64::engine::general_purpose::STANDARD.encode(bytes);
    script(
        name,
        &json!({"terms": terms, "counts": counts, "lengths": lengths, "dense": dense, "postings": postings}),
    )
}

fn result_row(meta: &ResultMeta) -> Value {
    json!([
        meta.title,
        meta.path,
        meta.date_display,
        meta.date,
        meta.source,
        snippet(&meta.summary)
    ])
}

/// The summary cut at a word before [`SNIPPET_CHARS`], with `…` when cut.
pub fn snippet(summary: &str) -> String {
    let summary = summary.trim();
    if summary.chars().count() <= SNIPPET_CHARS {
        return summary.to_string();
    }
    let cut: String = summary.chars().take(SNIPPET_CHARS).collect();
    let at_word = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

/// `cerminSearch("<name>",<json>);`
fn script(name: &str, data: &Value) -> Vec<u8> {
    format!("cerminSearch({},{});\n", json!(name), data).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term_chunks(terms: &[(String, Postings)]) -> Vec<&[(String, Postings)]> {
        let sizes = terms.iter().map(|(t, p)| (term_hash(t), term_size(t, p)));
        cuts(sizes).into_iter().map(|r| &terms[r]).collect()
    }

    fn postings(n: usize) -> Postings {
        Postings {
            bytes: vec![1; n],
            count: n as u32 / 2,
            ..Default::default()
        }
    }

    #[test]
    fn chunks_hold_every_term_once_in_order_within_the_size_cap() {
        let terms: Vec<(String, Postings)> = (0..2000)
            .map(|i| (format!("term{i:05}"), postings(100)))
            .collect();
        let chunks = term_chunks(&terms);
        // 218,000 bytes in chunks of about 16 KB.
        assert!((5..40).contains(&chunks.len()), "{}", chunks.len());
        let joined: Vec<&String> = chunks.iter().flat_map(|c| c.iter().map(|t| &t.0)).collect();
        assert_eq!(joined, terms.iter().map(|t| &t.0).collect::<Vec<_>>());
        for c in &chunks {
            let size: usize = c.iter().map(|(t, p)| t.len() + p.bytes.len()).sum();
            assert!(size <= MAX_CHUNK + 109, "{size}");
        }
    }

    #[test]
    fn a_new_term_changes_only_the_chunk_it_falls_in() {
        let mut terms: Vec<(String, Postings)> = (0..2000)
            .map(|i| (format!("term{i:05}"), postings(100)))
            .collect();
        let before: Vec<String> = term_chunks(&terms).iter().map(|c| c[0].0.clone()).collect();
        terms.insert(1000, ("term00999a".into(), postings(100)));
        let after: Vec<String> = term_chunks(&terms).iter().map(|c| c[0].0.clone()).collect();
        let changed = before.iter().filter(|f| !after.contains(f)).count()
            + after.iter().filter(|f| !before.contains(f)).count();
        assert!(changed <= 2, "{changed} chunk boundaries moved");
    }

    #[test]
    fn a_big_term_gets_a_chunk_of_its_own() {
        let terms = vec![
            ("a".to_string(), postings(10)),
            ("b".to_string(), postings(MAX_CHUNK * 3)),
            ("c".to_string(), postings(10)),
        ];
        let chunks = term_chunks(&terms);
        assert!(chunks.iter().any(|c| c.len() == 1 && c[0].0 == "b"));
    }

    /// `search/root.js` as one JSON object written whole (what [`root_of_entries`] writes
    /// in pieces).
    fn root_whole(
        documents: usize,
        chunk_list: &[(String, String)],
        firsts: &[i64],
        filters: &BTreeMap<&str, Vec<FilterValue>>,
    ) -> Vec<u8> {
        let mut days = Vec::new();
        let mut previous = 0;
        for &day in firsts {
            days.push(day - previous);
            previous = day;
        }
        let chunks: Vec<Value> = chunk_list.iter().map(|(f, n)| json!([f, n])).collect();
        let filters: serde_json::Map<String, Value> = filters
            .iter()
            .map(|(kind, values)| {
                let values: Vec<Value> = values
                    .iter()
                    .map(|v| json!([v.term, v.label, v.count]))
                    .collect();
                (kind.to_string(), Value::from(values))
            })
            .collect();
        let root = json!({
            "version": 1,
            "documents": documents,
            "stemmer": "id",
            "k1": crate::search::index::K1,
            "max_tf_part": crate::search::index::MAX_TF_PART,
            "docs_per_meta": DOCS_PER_META,
            "chunks": chunks,
            "days": days,
            "filters": filters,
        });
        script("root", &root)
    }

    #[test]
    fn the_root_written_in_pieces_is_the_json_object_written_whole() {
        let value = |term: &str, label: &str, count| FilterValue {
            term: term.into(),
            label: label.into(),
            count,
        };
        let mut filters = BTreeMap::new();
        filters.insert("year", vec![value("year:2022", "2022", 3)]);
        filters.insert("source", vec![value("source:a-b", "A \"B\" é", 1)]);
        filters.insert("tag", Vec::new());
        let list: Vec<(String, String)> = ["a", "k\"ota", "zé"]
            .iter()
            .map(|f| (f.to_string(), chunk_name(f)))
            .collect();
        for (chunk_list, firsts) in [(&list[..], &[18_000i64, 18_003, 19_000][..]), (&[], &[])] {
            assert_eq!(
                String::from_utf8(root(7, "id", chunk_list, firsts, &filters)).unwrap(),
                String::from_utf8(root_whole(7, chunk_list, firsts, &filters)).unwrap()
            );
        }
    }

    #[test]
    fn result_chunks_are_put_as_they_are_made_each_document_read_once() {
        use std::sync::Mutex;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let threads = rayon::current_num_threads();
        let documents = (threads + 1) * DOCS_PER_META * 4 + 3;
        let index = Index {
            terms: vec![("kata".into(), Postings::from_pairs(&[(0, 9)]))],
            documents,
        };
        let made = AtomicUsize::new(0);
        let meta = |doc: usize| {
            made.fetch_add(1, Ordering::SeqCst);
            ResultMeta {
                title: format!("Judul {doc}"),
                path: format!("/{doc}/"),
                date_display: "1 Januari 2024".into(),
                date: "2024-01-01".into(),
                day: doc as i64 * 2,
                source: None,
                summary: "Ringkas.".into(),
            }
        };
        let made_at_first_put = Mutex::new(None);
        let root = Mutex::new(Vec::new());
        let put = |path: String, bytes: Vec<u8>| {
            if path.starts_with("search/m/") {
                let mut first = made_at_first_put.lock().unwrap();
                first.get_or_insert(made.load(Ordering::SeqCst));
            }
            if path == "search/root.js" {
                *root.lock().unwrap() = bytes;
            }
            Ok(path)
        };
        let paths = put_files(&index, &meta, "id", &BTreeMap::new(), &put).unwrap();
        // Only the groups in the making when the first result chunk was put had been read:
        // not every document's metadata first.
        let first = made_at_first_put.into_inner().unwrap().unwrap();
        assert!(
            first <= threads * DOCS_PER_META,
            "{first} of {documents} read"
        );
        assert_eq!(made.into_inner(), documents);
        let groups = documents.div_ceil(DOCS_PER_META);
        let mut expected = vec![chunk_path(&chunk_name("kata"))];
        expected.extend((0..groups).map(|n| format!("search/m/{n}.js")));
        expected.push("search/root.js".into());
        assert_eq!(paths, expected);
        // Each result chunk's first day, as the days since the one before.
        let root = String::from_utf8(root.into_inner().unwrap()).unwrap();
        let days = format!("\"days\":[0{}]", ",32".repeat(groups - 1));
        assert!(root.contains(&days), "{root}");
    }

    #[test]
    fn snippets_end_at_a_word() {
        assert_eq!(snippet(" Pendek. "), "Pendek.");
        let long = "kata ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with("kata…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
    }
}
