//! Code highlighting with syntect, into CSS classes (the colours live in `/syntax.css`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::text::escape_html;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// Loaded on the first code block of a run, then shared: most articles have no code.
fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A fenced code block as HTML. Known languages are highlighted; others are escaped text.
pub fn code_block(lang: &str, code: &str) -> String {
    let started = std::time::Instant::now();
    let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let mut out = String::with_capacity(code.len() * 2 + 64);
    if lang.is_empty() {
        out.push_str("<pre class=\"code\"><code>");
    } else {
        let lang = escape_html(lang);
        out.push_str(&format!(
            "<pre class=\"code\" data-lang=\"{lang}\"><code class=\"language-{lang}\">"
        ));
    }
    out.push_str(&highlighted(lang, code).unwrap_or_else(|| escape_html(code)));
    out.push_str("</code></pre>\n");
    crate::timing::add("highlight", started);
    out
}

fn highlighted(lang: &str, code: &str) -> Option<String> {
    if lang.is_empty() {
        return None;
    }
    let set = syntax_set();
    let syntax = set.find_syntax_by_token(lang)?;
    // What syntect's `ClassedHTMLGenerator` does, with each line's result remembered.
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut open_spans = 0;
    let mut html = String::with_capacity(code.len() * 4);
    LINES.with_borrow_mut(|lines| {
        for line in LinesWithEndings::from(code) {
            open_spans += lines.highlight(line, &mut state, &mut stack, &mut html)?;
        }
        Some(())
    })?;
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    Some(html)
}

/// Lines already highlighted by this thread. A line's HTML depends only on the line and on
/// the parser's state and scopes before it, so a line seen again in the same state (an
/// `import`, a closing brace, a YAML key: code in news is repetitive) skips syntect's
/// regular expressions, which cost about 30 µs a line.
struct LineMemo {
    lines: HashMap<Box<str>, Vec<Highlighted>, ahash::RandomState>,
    entries: usize,
}

struct Highlighted {
    state_before: ParseState,
    stack_before: ScopeStack,
    html: Box<str>,
    spans_opened: isize,
    state_after: ParseState,
    stack_after: ScopeStack,
}

/// Lines remembered per thread before the memo starts afresh (a few MB at most).
const MEMO_LINES: usize = 8192;

thread_local! {
    static LINES: RefCell<LineMemo> = RefCell::new(LineMemo {
        lines: HashMap::default(),
        entries: 0,
    });
}

impl LineMemo {
    /// Appends `line` highlighted to `html`, moving `state` and `stack` past it; returns the
    /// number of spans it leaves open (negative when it closes earlier ones).
    fn highlight(
        &mut self,
        line: &str,
        state: &mut ParseState,
        stack: &mut ScopeStack,
        html: &mut String,
    ) -> Option<isize> {
        if let Some(seen) = self.lines.get(line).and_then(|seen| {
            seen.iter()
                .find(|h| h.state_before == *state && h.stack_before == *stack)
        }) {
            html.push_str(&seen.html);
            state.clone_from(&seen.state_after);
            stack.clone_from(&seen.stack_after);
            return Some(seen.spans_opened);
        }
        let state_before = state.clone();
        let stack_before = stack.clone();
        let ops = state.parse_line(line, syntax_set()).ok()?;
        let (line_html, spans_opened) =
            line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, stack).ok()?;
        html.push_str(&line_html);
        if self.entries >= MEMO_LINES {
            self.lines.clear();
            self.entries = 0;
        }
        self.entries += 1;
        self.lines
            .entry(line.into())
            .or_default()
            .push(Highlighted {
                state_before,
                stack_before,
                html: line_html.into_boxed_str(),
                spans_opened,
                state_after: state.clone(),
                stack_after: stack.clone(),
            });
        Some(spans_opened)
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark mode.
/// Made once per process (loading syntect's themes takes milliseconds).
pub fn stylesheet() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(make_stylesheet)
}

fn make_stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes[LIGHT_THEME], CLASS_STYLE)
        .expect("bundled theme converts to CSS");
    let dark = css_for_theme_with_class_style(&themes.themes[DARK_THEME], CLASS_STYLE)
        .expect("bundled theme converts to CSS");
    let light = with_readable_colors(&light, LIGHT_CODE_BACKGROUND);
    let dark = with_readable_colors(&dark, DARK_CODE_BACKGROUND);
    format!(
        "/* Code highlighting: {LIGHT_THEME} (light), {DARK_THEME} (dark), colours made readable on the theme's code background. Generated by cermin. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )
}

/// The default theme's code backgrounds (`--code-bg` in style.css, light and dark).
const LIGHT_CODE_BACKGROUND: [u8; 3] = [0xf0, 0xee, 0xe8];
const DARK_CODE_BACKGROUND: [u8; 3] = [0x1b, 0x1d, 0x21];

/// WCAG's minimum contrast for normal text (level AA).
const MIN_CONTRAST: f64 = 4.5;

/// The stylesheet with every text colour moved towards black (on a light background) or
/// white (on a dark one) just until it reads on `background` with [`MIN_CONTRAST`]: the
/// bundled syntax themes have a few colours too pale for the theme's code background, and
/// code must stay readable (Lighthouse's accessibility audit checks it).
fn with_readable_colors(css: &str, background: [u8; 3]) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("color: #") {
        let is_background = rest[..at].ends_with("background-");
        let hex_start = at + "color: #".len();
        out.push_str(&rest[..hex_start]);
        rest = &rest[hex_start..];
        let hex_len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        match (is_background, hex_len, parse_rgb(&rest[..hex_len.min(6)])) {
            (false, 6 | 8, Some(rgb)) => {
                let [r, g, b] = readable(rgb, background);
                out.push_str(&format!("{r:02x}{g:02x}{b:02x}"));
                out.push_str(&rest[6..hex_len]);
            }
            _ => out.push_str(&rest[..hex_len]),
        }
        rest = &rest[hex_len..];
    }
    out.push_str(rest);
    out
}

fn parse_rgb(hex: &str) -> Option<[u8; 3]> {
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// `color`, mixed with black or white (whichever `background` is not) in the smallest step
/// that reaches [`MIN_CONTRAST`].
fn readable(color: [u8; 3], background: [u8; 3]) -> [u8; 3] {
    let towards = if luminance(background) > 0.5 {
        0.0
    } else {
        255.0
    };
    (0..=100)
        .map(|step| {
            let t = f64::from(step) / 100.0;
            color.map(|c| (f64::from(c) + (towards - f64::from(c)) * t).round() as u8)
        })
        .find(|&mixed| contrast(mixed, background) >= MIN_CONTRAST)
        .unwrap_or(if towards == 0.0 { [0; 3] } else { [255; 3] })
}

/// WCAG relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(
            html.starts_with(
                "<pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\">"
            )
        );
        assert!(html.contains("<span class=\"hl-"), "{html}");
    }

    /// What syntect's own generator makes of `code`.
    fn reference(lang: &str, code: &str) -> String {
        let set = syntax_set();
        let syntax = set.find_syntax_by_token(lang).unwrap();
        let mut generator =
            syntect::html::ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        generator.finalize()
    }

    /// Remembered lines give the same HTML as syntect's generator, including lines that
    /// read the same but sit in another state (inside a string or a comment).
    #[test]
    fn remembered_lines_highlight_as_syntect_does() {
        let lines = [
            "fn main() {\n",
            "    let x = \"a\";\n",
            "    /* open comment\n",
            "    let x = \"a\";\n",
            "    */\n",
            "}\n",
            "let s = \"unterminated\n",
            "r#\"raw\n",
            "\"#;\n",
        ];
        let mut seed = 7u64;
        for _ in 0..300 {
            let mut code = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                code.push_str(lines[(seed >> 33) as usize % lines.len()]);
            }
            seed = seed.wrapping_add(1);
            assert_eq!(
                highlighted("rust", &code).unwrap(),
                reference("rust", &code),
                "{code}"
            );
        }
        for (lang, code) in [
            (
                "python",
                "def f():\n    '''doc\n    def f():\n    '''\n    return 1\n",
            ),
            ("yaml", "a: 1\nb: |\n  a: 1\nc: 2\na: 1\n"),
            ("sql", "SELECT 1;\n-- SELECT 1;\nSELECT 1;\n"),
        ] {
            // Twice: the second time every line comes from the memo.
            assert_eq!(
                highlighted(lang, code).unwrap(),
                reference(lang, code),
                "{code}"
            );
            assert_eq!(
                highlighted(lang, code).unwrap(),
                reference(lang, code),
                "{code}"
            );
        }
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let html = code_block("nosuchlang", "<b>x</b>");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"));
    }

    #[test]
    fn every_text_colour_reads_on_the_code_background() {
        // The pale green of InspiredGitHub (#62a35c, 2.6:1) is darkened just enough.
        let fixed = readable([0x62, 0xa3, 0x5c], LIGHT_CODE_BACKGROUND);
        assert!(contrast(fixed, LIGHT_CODE_BACKGROUND) >= MIN_CONTRAST);
        assert!(contrast(fixed, LIGHT_CODE_BACKGROUND) < MIN_CONTRAST + 0.3);
        // A colour that already reads stays as it is.
        assert_eq!(
            readable([0x32, 0x32, 0x32], LIGHT_CODE_BACKGROUND),
            [0x32, 0x32, 0x32]
        );
        let css = stylesheet();
        let (light, dark) = css
            .split_once("@media (prefers-color-scheme: dark)")
            .unwrap();
        for (part, background) in [(light, LIGHT_CODE_BACKGROUND), (dark, DARK_CODE_BACKGROUND)] {
            for (at, _) in part.match_indices("color: #") {
                if part[..at].ends_with("background-") {
                    continue;
                }
                let rgb = parse_rgb(&part[at + 8..at + 14]).unwrap();
                assert!(
                    contrast(rgb, background) >= MIN_CONTRAST,
                    "{:?} on {background:?}",
                    &part[at..at + 14]
                );
            }
        }
    }

    #[test]
    fn stylesheet_has_dark_mode() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
    }
}
