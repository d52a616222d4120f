//! Bytes to text, in this order: a byte order mark; UTF-8 when the bytes are valid UTF-8 and
//! not plain ASCII (a stale `<meta charset=gb2312>` left in a template must not turn a UTF-8
//! page into mojibake: bytes of another encoding are almost never valid UTF-8); the charset a
//! `<meta charset>` or `<meta http-equiv="content-type">` declares; else a guess by chardetng.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::import::NoArticle;

/// How far into the page a charset declaration is looked for (browsers look at 1024 bytes;
/// real pages put long `<head>` blocks before it, so a little more).
const PRESCAN_BYTES: usize = 4096;

/// Decodes a page, or says why it is not a text page.
pub fn decode_page(bytes: &[u8]) -> Result<String, NoArticle> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NoArticle("empty file".into()));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(NoArticle(format!("not a text file ({kind})")));
    }
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, bom_len),
        None if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => (UTF_8, 0),
        None => (
            declared_encoding(bytes).unwrap_or_else(|| guessed_encoding(bytes)),
            0,
        ),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
    Ok(text.into_owned())
}

/// Names binary content: known file signatures, NUL bytes, or many control characters.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"RIFF", "a RIFF media file"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    // UTF-16 pages carry a byte order mark; without one, NUL bytes mean binary data.
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if head.contains(&0) || controls * 100 > head.len() {
        return Some("binary data");
    }
    None
}

/// The encoding a `<meta>` element declares near the top of the page.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        if let Some(enc) = charset_in_meta(&lower[start..end]).and_then(Encoding::for_label) {
            return Some(html_override(enc));
        }
        from = end;
    }
    None
}

/// The charset label in one `<meta ...>` tag (lowercased bytes), from `charset=` either as
/// its own attribute or inside a `content="text/html; charset=..."` value.
fn charset_in_meta(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")?;
    let rest = &tag[at + b"charset".len()..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

/// What the HTML standard says a declared encoding really means: a page cannot declare
/// UTF-16 in its own bytes, and "x-user-defined" is windows-1252.
fn html_override(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    }
}

/// UTF-8 when the bytes are valid UTF-8, else chardetng's guess.
fn guessed_encoding(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Allow)
}

/// The page without the contents of its `<script>` and `<style>` elements (JSON-LD scripts
/// are kept): a tenth of a news page's bytes is often code, and the parser need not read it.
pub fn without_code(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(rel) = lower[at..].find('<') {
        let start = at + rel;
        let Some(name) = ["script", "style"]
            .into_iter()
            .find(|n| starts_tag(&lower[start + 1..], n))
        else {
            at = start + 1;
            continue;
        };
        let Some(open_len) = lower[start..].find('>') else {
            break;
        };
        let content_start = start + open_len + 1;
        if lower[start..content_start].contains("ld+json") {
            at = content_start;
            continue;
        }
        let close = format!("</{name}");
        let Some(close_rel) = lower[content_start..].find(&close) else {
            break;
        };
        out.push_str(&html[copied..content_start]);
        copied = content_start + close_rel;
        at = copied + close.len();
    }
    out.push_str(&html[copied..]);
    out
}

/// Whether `rest` (after a `<`) starts the tag `name`.
fn starts_tag(rest: &str, name: &str) -> bool {
    rest.starts_with(name)
        && rest[name.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charsets_are_read() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>Caf\xe9 \x93ok\x94</body>";
        assert!(decode_page(page).unwrap().contains("Café “ok”"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Jos\xe9</p>";
        assert!(decode_page(page).unwrap().contains("José"));
        let page =
            b"<meta http-equiv='content-type' content='text/html;charset=utf-8'><p>\xc3\xa9</p>";
        assert!(decode_page(page).unwrap().contains("<p>é</p>"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let page = "<html><body><p>Le café où José a mangé était très animé, déjà à midi.</p></body></html>";
        let (bytes, _, _) = WINDOWS_1252.encode(page);
        assert_eq!(decode_page(&bytes).unwrap(), page);
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_meta_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>Kafe Café 東京 — buka</p></body></html>";
        let text = decode_page(page.as_bytes()).unwrap();
        assert!(text.contains("Kafe Café 東京 — buka"), "{text}");
        // Real GB2312 bytes are no valid UTF-8: the declaration is followed.
        let (gb, _, _) = encoding_rs::GBK.encode("<meta charset=\"gb2312\"><p>东京</p>");
        assert!(decode_page(&gb).unwrap().contains("东京"));
    }

    #[test]
    fn byte_order_marks_win() {
        let mut page = vec![0xef, 0xbb, 0xbf];
        page.extend_from_slice("<meta charset=\"windows-1252\"><p>é</p>".as_bytes());
        assert!(decode_page(&page).unwrap().ends_with("<p>é</p>"));
    }

    #[test]
    fn code_is_skipped_but_json_ld_kept() {
        let page = "<head><SCRIPT src=x>var a = '<p>';</SCRIPT><style>p{}</style>\
            <script type=\"application/ld+json\">{\"a\":1}</script><scripts></scripts></head><p>é</p>";
        assert_eq!(
            without_code(page),
            "<head><SCRIPT src=x></SCRIPT><style></style>\
            <script type=\"application/ld+json\">{\"a\":1}</script><scripts></scripts></head><p>é</p>"
        );
        assert_eq!(without_code("<script>never closed"), "<script>never closed");
    }

    #[test]
    fn empty_and_binary_input_is_refused() {
        assert_eq!(decode_page(b"  \n").unwrap_err().0, "empty file");
        assert_eq!(
            decode_page(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err().0,
            "not a text file (a PNG image)"
        );
        assert_eq!(
            decode_page(b"<html>\0\x01\x02\x03</html>").unwrap_err().0,
            "not a text file (binary data)"
        );
    }
}
