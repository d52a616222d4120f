//! Input checks and the cleaning of a line: leftover HTML, entities, and the shapes of lines.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

pub(super) fn check_input(input: &str) -> Result<(), NoArticle> {
    if input.trim().is_empty() {
        return Err(NoArticle("empty file".into()));
    }
    // Text read lossily from a binary file is full of NULs, control characters and U+FFFD.
    let total = input.chars().count();
    let odd = input
        .chars()
        .filter(|&c| {
            c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        })
        .count();
    if input.contains('\0') || odd * 10 > total {
        return Err(NoArticle("binary data, not a text dump".into()));
    }
    Ok(())
}

pub(super) static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]*>").expect("valid regex"));

/// The line without leftover HTML tags and entities, trimmed (scrapers leave
/// `<a href='...'>RENI ERINA</a>` in bylines).
pub(super) fn clean_line(line: &str) -> String {
    let text = HTML_TAG.replace_all(line, "");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    match emoji_label(text) {
        Some(labelled) => labelled,
        None => without_chat_marks(text).to_string(),
    }
}

/// A social post's credit with an emoji for its label ("📝: Lalu Ahmad Zaini", "📸 : Dok.
/// Humas") in words the byline rules read ("Penulis: …", "Foto: …").
fn emoji_label(line: &str) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<emoji>[\p{Extended_Pictographic}\u{FE0F}]+)\s*[:：]\s*(?P<rest>\S.*)$")
            .expect("valid regex")
    });
    let caps = LABEL.captures(line)?;
    let emoji = caps["emoji"].trim_end_matches('\u{FE0F}');
    let label = match emoji {
        "📝" | "✍" | "✏" | "🖊" | "🖋" => "Penulis",
        "📷" | "📸" => "Foto",
        "🎥" | "📹" => "Video",
        _ => return None,
    };
    Some(format!("{label}: {}", &caps["rest"]))
}

/// A line as a chat app's copy writes it, without its decorations: the emoji put before a
/// line as a bullet ("📍 Arus kendaraan …", "🔗 Selengkapnya: …") and the bold or italic
/// marks around a whole line ("*Judul*", "_Oleh: Nurul Hikmah_").
fn without_chat_marks(line: &str) -> &str {
    static LEADING_EMOJI: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+\s*)+").expect("valid regex")
    });
    let line = match LEADING_EMOJI.find(line) {
        Some(m) if m.end() < line.len() => &line[m.end()..],
        _ => line,
    };
    for mark in ['*', '_', '~'] {
        if let Some(inner) = line
            .strip_prefix(mark)
            .and_then(|l| l.strip_suffix(mark))
            .filter(|inner| !inner.is_empty() && !inner.contains(mark))
            .filter(|inner| !inner.starts_with(' ') && !inner.ends_with(' '))
        {
            return inner;
        }
    }
    line
}

pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether a line ends like a sentence: a full stop, possibly inside closing quotes, not "...".
pub(super) fn ends_with_full_stop(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', ' ']);
    t.ends_with('.') && !t.ends_with("..")
}

/// A body paragraph, as opposed to a headline, menu or widget.
pub(super) fn is_paragraph_like(text: &str) -> bool {
    let words = word_count(text);
    (words >= 8 && ends_with_full_stop(text)) || words >= 30
}

/// A line for comparing: words joined by single spaces, lowercase.
pub(super) fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(super) fn same_text(a: &str, b: &str) -> bool {
    normalized(a) == normalized(b)
}

/// Joins the lines of a paragraph a scraper wrapped at a fixed width: a long line of prose
/// (not a headline in title case) that ends mid-sentence, followed by a line that starts in
/// lowercase, continue one paragraph. In a dump wrapped that way, a line as long as the wrap
/// width continues too even in title case: Indonesian prose full of names ("Kepala Dinas
/// Perhubungan Provinsi Jambi, Ari Wibowo, mengatakan") looks like a headline.
pub(super) fn join_hard_wraps(lines: Vec<String>) -> Vec<String> {
    // The width is read before the column blocks join: a dump wrapped at a column's width
    // (lynx's 78) has its paragraphs joined as blocks, and the lines left (a caption) need it.
    let raw_width = wrap_width(&lines);
    let lines = join_print_furniture(join_column_blocks(lines));
    let width = wrap_width(&lines).or(raw_width);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    // A printed page's footer and the next page's header met inside a paragraph: they wait
    // until the paragraph, broken by the page break, is whole.
    let mut held: Vec<String> = Vec::new();
    // The length of the last physical line of `out`'s last paragraph.
    let mut last_len = 0;
    for line in lines {
        if is_print_furniture(&line) && out.last().is_some_and(|prev| !prev.is_empty()) {
            held.push(line);
            continue;
        }
        let continues = out.last().is_some_and(|prev: &String| {
            let full_width =
                width.is_some_and(|w| last_len * 10 >= w * 8 && last_len * 20 <= w * 21);
            word_count(prev) >= 8
                && (full_width || !mostly_capitalised(prev))
                && (wraps_into(prev, &line) || full_width && wraps_at_width(prev, &line))
        });
        let len = line.chars().count();
        match out.last_mut() {
            Some(prev) if continues => append_wrapped(prev, &line),
            _ => {
                out.append(&mut held);
                out.push(line);
            }
        }
        last_len = len;
    }
    out.append(&mut held);
    out
}

/// Whether `line` continues `prev`, a line that fills the dump's wrap width: `prev` ends
/// mid-sentence and `line` is more text, whatever its first letter ("… mulai 19" +
/// "Desember.", "… warga" + "Tahuna yang …"), not a labelled line ("Editor: …"), an address
/// or a list item.
fn wraps_at_width(prev: &str, line: &str) -> bool {
    static LABEL_OR_ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-•*]\s|\d+[.)]\s|\S+(?:\s+\S+){0,2}\s*[:：](?:\s|$)|https?://)")
            .expect("valid regex")
    });
    !prev.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '…'])
        && line.starts_with(|c: char| c.is_alphanumeric() || matches!(c, '(' | '“' | '"' | '‘'))
        && !LABEL_OR_ITEM.is_match(line)
}

/// A browser's print header and footer written on two lines each (the print time above the
/// page's title, the page's address above the page's number) become one line each, the form
/// [`is_print_furniture`] and the classifier read.
fn join_print_furniture(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        let pairs = PRINT_TIME_LINE.is_match(&line)
            && lines.peek().is_some_and(|next| word_count(next) >= 3)
            || URL_LINE.is_match(&line)
                && lines
                    .peek()
                    .is_some_and(|next| PAGE_NUMBER_LINE.is_match(next));
        match lines.next_if(|_| pairs) {
            Some(next) => out.push(format!("{line}\t{next}")),
            None => out.push(line),
        }
    }
    out
}

/// The time a browser printed the page, on a line of its own: "07/12/26, 21.14",
/// "12/8/26, 7:31 AM".
static PRINT_TIME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?$")
        .expect("valid regex")
});

/// A printed page's number: "1/2", "Page 1 of 3", "Halaman 1 dari 3".
static PAGE_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+\s*/\s*\d+|(?:page\s+|halaman\s+)?\d+\s+(?:of|dari)\s+\d+)$")
        .expect("valid regex")
});

/// Appends a wrapped line to the text it continues: with a space, or with none after a
/// word broken at a hyphen ("direvita-" + "lisasi" gives "direvitalisasi"; a doubled word
/// keeps its hyphen: "berturut-" + "turut", "anak-" + "anak").
fn append_wrapped(prev: &mut String, line: &str) {
    let broken_word = prev
        .strip_suffix('-')
        .filter(|head| head.ends_with(|c: char| c.is_alphabetic()));
    let Some(head) = broken_word else {
        prev.push(' ');
        prev.push_str(line);
        return;
    };
    let first_word = line.split_whitespace().next().unwrap_or("");
    let first_word = first_word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let last_word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let doubled = !first_word.is_empty()
        && last_word
            .to_lowercase()
            .ends_with(&first_word.to_lowercase());
    if !doubled && line.starts_with(|c: char| c.is_lowercase()) {
        prev.truncate(prev.len() - 1);
    }
    prev.push_str(line);
}

/// A dump copied from a newspaper page (an e-paper) wraps each paragraph at the column's
/// narrow width, with a blank line between paragraphs: a block of such lines is one
/// paragraph. A block joins when it has two lines or more, none longer than
/// [`MAX_COLUMN_WIDTH`], every line but the last filling at least half the block's width, it
/// ends a sentence and one of its lines ends mid-sentence; the dump must have
/// [`MIN_WRAPS`] such blocks, so a list of short one-line paragraphs stays as it is.
fn join_column_blocks(lines: Vec<String>) -> Vec<String> {
    let blocks = column_blocks(&lines);
    if blocks.len() < MIN_WRAPS {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        match blocks.iter().find(|b| b.start == i) {
            Some(block) => {
                let mut joined = lines[block.start].clone();
                for line in &lines[block.start + 1..block.end] {
                    append_wrapped(&mut joined, line);
                }
                out.push(joined);
                i = block.end;
            }
            None => {
                out.push(lines[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// The widest line a newspaper column holds (about 60 characters; a margin for wide ones).
const MAX_COLUMN_WIDTH: usize = 75;

/// The blocks of lines between blank lines that read as one paragraph wrapped in a column.
fn column_blocks(lines: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for end in 0..=lines.len() {
        if end < lines.len() && !lines[end].is_empty() {
            continue;
        }
        let block = &lines[start..end];
        if is_column_paragraph(block) {
            blocks.push(start..end);
        }
        start = end + 1;
    }
    blocks
}

fn is_column_paragraph(block: &[String]) -> bool {
    let Some((last, wrapped)) = block.split_last() else {
        return false;
    };
    let width = block.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let sentence_end = |l: &String| l.ends_with(['.', '!', '?', '"', '”', '’', ')', '…']);
    block.len() >= 2
        && width <= MAX_COLUMN_WIDTH
        && wrapped.iter().all(|l| l.chars().count() * 2 >= width)
        && wrapped
            .iter()
            .any(|l| !sentence_end(l) && !l.ends_with(':'))
        && (ends_with_full_stop(last) || last.ends_with(['!', '?']))
        && word_count(&block.join(" ")) >= 12
}

/// Whether `line` can continue `prev` (ends mid-sentence, next starts in lowercase).
fn wraps_into(prev: &str, line: &str) -> bool {
    !prev.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '…'])
        && line.starts_with(|c: char| c.is_lowercase())
        && word_count(line) >= 2
}

/// Lines that must wrap before a dump counts as hard-wrapped.
const MIN_WRAPS: usize = 3;

/// The width a dump was hard-wrapped at: the longest line that wraps into the next one as
/// prose, when at least [`MIN_WRAPS`] do.
fn wrap_width(lines: &[String]) -> Option<usize> {
    let widths: Vec<usize> = lines
        .windows(2)
        .filter(|w| {
            word_count(&w[0]) >= 8 && !mostly_capitalised(&w[0]) && wraps_into(&w[0], &w[1])
        })
        .map(|w| w[0].chars().count())
        .collect();
    (widths.len() >= MIN_WRAPS).then(|| widths.into_iter().max().unwrap_or(0))
}

/// Whether most words start with a capital, as in a headline ("KPK Periksa Tiga Saksi").
pub(super) fn mostly_capitalised(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    capitalised * 2 > words.len()
}
