//! A quick reader for the front matter nearly every article has: one `key: value` per line,
//! values quoted strings, flow lists of strings, dates and booleans. serde_yaml spends about
//! 25 µs on such a front matter (a tenth of a cold build); this reads it in about one.
//!
//! It only ever answers for input whose meaning is plain: anything else (indentation, comments
//! after values, anchors, escapes it does not know, unknown or repeated keys, values of the
//! wrong type, `extra`) gives `None`, and the caller asks serde_yaml, which also writes every
//! error message. A property test checks that both readers agree wherever this one answers.

use std::collections::BTreeMap;

use super::fields::{DateInput, FrontMatter, OneOrMany};

/// The front matter `front` describes, if it is of the plain kind.
pub fn read(front: &str) -> Option<FrontMatter> {
    let ascii_printable = |b: &u8| matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~');
    if !front.as_bytes().iter().all(ascii_printable) && !front.chars().all(is_plain_char) {
        return None;
    }
    let mut fields = Fields::default();
    for line in front.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            return None;
        }
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let key_len = line
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        let (key, rest) = line.split_at(key_len);
        let value = rest.strip_prefix(": ")?;
        fields.set(key, value)?;
    }
    fields.finish()
}

/// Characters libyaml reads as themselves. Left out, besides what it rejects: the characters
/// it takes as line breaks (NEL, LS, PS) and the byte order mark.
fn is_plain_char(c: char) -> bool {
    let printable = matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
    printable && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

#[derive(Default)]
struct Fields {
    title: Option<String>,
    date: Option<DateInput>,
    updated: Option<DateInput>,
    author: Option<OneOrMany>,
    authors: Option<OneOrMany>,
    tags: Option<OneOrMany>,
    summary: Option<String>,
    slug: Option<String>,
    draft: Option<bool>,
    source: Option<String>,
    source_name: Option<String>,
    image: Option<String>,
    image_caption: Option<String>,
    id: Option<String>,
    category: Option<String>,
}

impl Fields {
    /// Sets one field from its value text; `None` when the key is not a plain one, is set
    /// twice, or the value is not plainly of the field's type.
    fn set(&mut self, key: &str, value: &str) -> Option<()> {
        fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
            if slot.is_some() {
                return None;
            }
            *slot = Some(value?);
            Some(())
        }
        match key {
            "title" => once(&mut self.title, string(value)),
            "date" => once(&mut self.date, date(value)),
            "updated" => once(&mut self.updated, date(value)),
            "author" => once(&mut self.author, one_or_many(value)),
            "authors" => once(&mut self.authors, list(value).map(OneOrMany::Many)),
            "tags" => once(&mut self.tags, one_or_many(value)),
            "summary" => once(&mut self.summary, string(value)),
            "slug" => once(&mut self.slug, string(value)),
            "draft" => once(&mut self.draft, boolean(value)),
            "source" => once(&mut self.source, string(value)),
            "source_name" => once(&mut self.source_name, string(value)),
            "image" => once(&mut self.image, string(value)),
            "image_caption" => once(&mut self.image_caption, string(value)),
            "id" => once(&mut self.id, string(value)),
            "category" => once(&mut self.category, string(value)),
            _ => None,
        }
    }

    fn finish(self) -> Option<FrontMatter> {
        Some(FrontMatter {
            title: self.title?,
            date: self.date?,
            updated: self.updated,
            author: self.author,
            authors: self.authors,
            tags: self.tags,
            summary: self.summary,
            slug: self.slug,
            draft: self.draft.unwrap_or(false),
            source: self.source,
            source_name: self.source_name,
            image: self.image,
            image_caption: self.image_caption,
            id: self.id,
            category: self.category,
            extra: BTreeMap::new(),
        })
    }
}

/// A whole value that is one string: quoted, or plain words.
fn string(value: &str) -> Option<String> {
    let (s, rest) = scalar(value.trim_end_matches(' '), false)?;
    rest.is_empty().then_some(s)
}

/// `date:`: a string, or a plain date such as `2022-01-27T14:52:00+07:00` (which YAML reads
/// as a string too, being neither a number nor a boolean).
fn date(value: &str) -> Option<DateInput> {
    let value = value.trim_end_matches(' ');
    let looks_like_date = value.starts_with(|c: char| c.is_ascii_digit())
        && value.contains('-')
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || b"-:+.TZtz ".contains(&b))
        && !value.ends_with(':')
        && !value.contains(": ");
    if looks_like_date {
        return Some(DateInput(value.to_string()));
    }
    string(value).map(DateInput)
}

fn boolean(value: &str) -> Option<bool> {
    match value.trim_end_matches(' ') {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn one_or_many(value: &str) -> Option<OneOrMany> {
    if value.starts_with('[') {
        list(value).map(OneOrMany::Many)
    } else {
        string(value).map(OneOrMany::One)
    }
}

/// A flow list of strings on one line: `["a", 'b', c]` or `[]`.
fn list(value: &str) -> Option<Vec<String>> {
    let inner = value
        .trim_end_matches(' ')
        .strip_prefix('[')?
        .strip_suffix(']')?;
    let mut items = Vec::new();
    let mut rest = inner.trim_start_matches(' ');
    if rest.is_empty() {
        return Some(items);
    }
    loop {
        let (item, after) = scalar(rest, true)?;
        items.push(item);
        let after = after.trim_start_matches(' ');
        match after.strip_prefix(',') {
            Some(next) => rest = next.trim_start_matches(' '),
            None if after.is_empty() => return Some(items),
            None => return None,
        }
        if rest.is_empty() {
            // A trailing comma: let serde_yaml decide.
            return None;
        }
    }
}

/// One string at the start of `text`, and what follows it. Plain (unquoted) strings end at the
/// end of `text`, or at a comma inside a list.
fn scalar(text: &str, in_list: bool) -> Option<(String, &str)> {
    match text.as_bytes().first()? {
        b'"' => double_quoted(&text[1..]),
        b'\'' => single_quoted(&text[1..]),
        _ => {
            let end = if in_list {
                text.find([',', ']']).unwrap_or(text.len())
            } else {
                text.len()
            };
            let (word, rest) = text.split_at(end);
            let word = word.trim_end_matches(' ');
            is_plain_string(word, in_list).then(|| (word.to_string(), rest))
        }
    }
}

/// Whether an unquoted value is read by YAML as this very string: it starts with a letter
/// (so it is no number, and no YAML indicator), is not `null`, `true` or `false`, and holds
/// nothing that could start a comment, a mapping or (in a list) a nested collection.
fn is_plain_string(word: &str, in_list: bool) -> bool {
    let forbidden_in_list = |c: char| in_list && matches!(c, '[' | ']' | '{' | '}' | ',' | ':');
    word.starts_with(char::is_alphabetic)
        && !matches!(
            word,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
        && !word.contains(['#', '\t'])
        && !word.contains(": ")
        && !word.ends_with(':')
        && !word.contains(forbidden_in_list)
}

/// The rest of a `"…"` string after its opening quote. Knows the common escapes only.
fn double_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let at = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        out.push_str(&rest[..at]);
        if rest.as_bytes()[at] == b'"' {
            return Some((out, &rest[at + 1..]));
        }
        out.push(match rest.as_bytes().get(at + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'n' => '\n',
            b't' => '\t',
            _ => return None,
        });
        rest = &rest[at + 2..];
    }
}

/// The rest of a `'…'` string after its opening quote; `''` is one quote.
fn single_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let end = rest.find('\'')?;
        out.push_str(&rest[..end]);
        rest = &rest[end + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                out.push('\'');
                rest = after;
            }
            None => return Some((out, rest)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;
    use proptest::strategy::ValueTree;

    fn serde_read(front: &str) -> Option<FrontMatter> {
        serde_yaml::from_str::<FrontMatter>(front).ok()
    }

    #[test]
    fn reads_the_generated_corpus_kind() {
        let front = "title: \"Bengkulu: ibu bergabung\"\ndate: 2023-06-22T04:00:34+07:00\nauthor: \"Hendra Sihombing\"\ntags: [\"Ekonomi\", \"Harga Bbm\"]\nsource: \"https://www.example/berita/1\"\nsummary: \"Perempuan \\\"Pekanbaru\\\" digital.\"\n";
        let fm = read(front).expect("plain");
        assert_eq!(fm.title, "Bengkulu: ibu bergabung");
        assert_eq!(fm.date, DateInput("2023-06-22T04:00:34+07:00".into()));
        assert_eq!(
            fm.tags,
            Some(OneOrMany::Many(vec!["Ekonomi".into(), "Harga Bbm".into()]))
        );
        assert_eq!(
            fm.summary.as_deref(),
            Some("Perempuan \"Pekanbaru\" digital.")
        );
        assert_eq!(serde_read(front), Some(fm));
    }

    #[test]
    fn leaves_everything_else_to_serde_yaml() {
        for front in [
            "title: A\ndate: 2022-01-01\nextra:\n  x: 1\n",
            "title: A\ndate: 2022-01-01\nauther: B\n",
            "title: A\ndate: 2022-01-01\ntitle: B\n",
            "title: A # note\ndate: 2022-01-01\n",
            "title: 123\ndate: 2022-01-01\n",
            "title: true\ndate: 2022-01-01\n",
            "title: A\ndate: 2022-01-01\ndraft: maybe\n",
            "title: A\ndate: 2022-01-01\ntags:\n  - a\n",
            "title: \"\\x41\"\ndate: 2022-01-01\n",
            "title: A\n",
        ] {
            assert!(read(front).is_none(), "{front:?}");
        }
    }

    /// Words YAML may read as something other than a string, or not at all.
    const TRICKY: &[&str] = &[
        "null",
        "Null",
        "NULL",
        "~",
        "true",
        "True",
        "TRUE",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "inf",
        "Inf",
        "nan",
        "NaN",
        "Infinity",
        "infinity",
        ".inf",
        "-.inf",
        ".nan",
        "1e5",
        "e5",
        "E5",
        "0x10",
        "0o7",
        "0b1",
        "1_000",
        "12:30",
        "12:30:00",
        "2023-06-22",
        "2023-06-22T04:00:34+07:00",
        "2023-06-22 04:00",
        "2023-06-22 #x",
        "2023-06-22:",
        "a: b",
        "a:b",
        "a:",
        "a #b",
        "a#b",
        "&a",
        "*a",
        "!a",
        "|",
        ">",
        "-",
        "- a",
        "? a",
        "?a",
        "Ekonomi",
        "Hello world",
        "x,y",
        "it's",
        "e",
        ".5",
        "+1",
        "-1",
        "1-2",
        "1 -2",
        "Ümit",
        "\u{e9}t\u{e9}",
        "a\tb",
        "%a",
        "@a",
        "`a",
        "a]",
        "a}",
        "{a}",
        "[a]",
        "<<",
        "=",
        "!!str a",
    ];

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            select(TRICKY.to_vec()).prop_map(String::from),
            "[a-zA-Z0-9 :#\"'\\\\,\\[\\]{}\t\u{e9}\u{85}\u{2028}.\\-]{0,8}",
        ]
    }

    fn quoted() -> impl Strategy<Value = String> {
        prop_oneof![
            word().prop_map(|w| format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))),
            word().prop_map(|w| format!("'{}'", w.replace('\'', "''"))),
            "\"[a-z \\\\\"nt/xu0-9'#:]{0,10}\"",
            "'[a-z '\"#:\\\\]{0,10}'",
        ]
    }

    /// What most real front matter holds, by key.
    fn good_line() -> impl Strategy<Value = String> {
        let words = || "[A-Za-z\u{e9}][a-z ,.:/'\u{e9}-]{0,12}";
        let string = prop_oneof![words().prop_map(|w| format!("\"{w}\"")), words()];
        let list = prop::collection::vec(words(), 0..3)
            .prop_map(|w| format!("[\"{}\"]", w.join("\", \"")));
        let text_key = select(vec![
            "title",
            "summary",
            "slug",
            "source",
            "source_name",
            "image",
            "image_caption",
            "id",
            "author",
            "tags",
        ]);
        prop_oneof![
            (text_key, string).prop_map(|(k, v)| format!("{k}: {v}")),
            (select(vec!["author", "authors", "tags"]), list)
                .prop_map(|(k, v)| format!("{k}: {v}")),
            select(vec![
                "draft: true",
                "draft: False",
                "updated: 2023-06-22T04:00:34+07:00"
            ])
            .prop_map(String::from),
        ]
    }

    fn value() -> impl Strategy<Value = String> {
        let item = prop_oneof![word(), quoted()];
        prop_oneof![
            3 => quoted(),
            3 => word(),
            2 => prop::collection::vec(item, 0..4).prop_flat_map(|items| {
                (Just(items), select(vec![", ", ",", " , "]), select(vec!["", ",", " ", " # c"]))
                    .prop_map(|(items, sep, end)| format!("[{}{}]{}", items.join(sep), end, ""))
            }),
            1 => (quoted(), select(vec![" ", "  ", " # c", " x", "\t"])).prop_map(|(q, t)| q + t),
            1 => Just(String::new()),
        ]
    }

    fn line() -> impl Strategy<Value = String> {
        let mut keys = crate::content::fields::KNOWN_KEYS.to_vec();
        keys.extend(["auther", "Title", ""]);
        let key = select(keys);
        let sep = select(vec![": ", ": ", ": ", ":", " : ", ":\t", ":  "]);
        prop_oneof![
            10 => good_line(),
            6 => (key, sep, value()).prop_map(|(k, s, v)| format!("{k}{s}{v}")),
            1 => select(vec!["", "  ", "\t", "# comment", " ", "  - a", "  x: 1", "...", "&a b"])
                .prop_map(String::from),
        ]
    }

    fn front() -> impl Strategy<Value = String> {
        (
            prop::option::weighted(0.9, quoted()),
            prop::option::weighted(
                0.9,
                select(vec!["2022-01-27", "2022-01-27T14:52:00+07:00", "\"x\""]),
            ),
            prop::collection::vec(line(), 0..5),
            select(vec!["\n", "\r\n"]),
        )
            .prop_map(|(title, date, lines, eol)| {
                let mut all: Vec<String> = Vec::new();
                all.extend(title.map(|t| format!("title: {t}")));
                all.extend(date.map(|d| format!("date: {d}")));
                all.extend(lines);
                all.iter().map(|l| format!("{l}{eol}")).collect()
            })
    }

    /// Every tricky word in every place a string goes, not left to chance.
    #[test]
    fn agrees_with_serde_yaml_on_each_tricky_word() {
        for w in TRICKY {
            for line in [
                format!("title: {w}"),
                format!("author: {w}"),
                format!("tags: [{w}]"),
                format!("tags: [a, {w}]"),
                format!("updated: {w}"),
                format!("draft: {w}"),
            ] {
                let front = format!("title: A\ndate: 2022-01-01\n{line}\n").replacen(
                    "title: A\n",
                    "",
                    usize::from(line.starts_with("title")),
                );
                if let Some(quick) = read(&front) {
                    assert_eq!(Some(quick), serde_read(&front), "{front:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Wherever the quick reader answers, serde_yaml gives the same front matter.
        #[test]
        fn agrees_with_serde_yaml(front in front()) {
            if let Some(quick) = read(&front) {
                prop_assert_eq!(Some(quick), serde_read(&front), "{:?}", front);
            }
        }
    }

    /// The generator must reach the quick reader often, or the property says little.
    #[test]
    fn the_property_test_mostly_exercises_the_quick_reader() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = front();
        let (mut answered, total) = (0, 2000);
        for _ in 0..total {
            let front = strategy.new_tree(&mut runner).unwrap().current();
            answered += usize::from(read(&front).is_some());
        }
        assert!(answered * 10 > total, "{answered} of {total}");
    }
}
