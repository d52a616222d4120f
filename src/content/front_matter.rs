//! Splitting a content file into front matter and body, and reading the front matter.
//! YAML is read through this module only, so a maintained serde_yaml fork can replace it here.

use super::fields::FrontMatter;
use crate::text::{line_col, nth_line};

/// Which language the front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A content file cut in two.
#[derive(Debug)]
pub struct Split<'a> {
    pub format: Format,
    pub front: &'a str,
    /// 1-based line of the file on which `front` starts.
    pub front_line: usize,
    pub body: &'a str,
}

/// Cuts `text` at its front matter fences. Errors are `(line, message)`.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let (format, fence) = match first_line.trim_end() {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => {
            return Err((
                1,
                "no front matter: start the file with a line `---`, then `title:` and `date:` lines, then a line `---`".into(),
            ));
        }
    };
    let after_open = first_line.len() + line_ending_len(&text[first_line.len()..]);
    let mut offset = after_open;
    for line in text[after_open..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let front = &text[after_open..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                format,
                front,
                front_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    Err((
        1,
        format!(
            "the front matter opened with `{fence}` on line 1 is never closed: add a line `{fence}` after the last front matter line"
        ),
    ))
}

fn line_ending_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        0
    }
}

/// A parsed front matter and the keys it had that cermin does not know.
pub struct Parsed {
    pub front_matter: FrontMatter,
    pub unknown_keys: Vec<String>,
}

/// Parses the front matter. Errors are `(line in the file, message)` and quote the offending line.
pub fn parse(split: &Split) -> Result<Parsed, (usize, String)> {
    let mut unknown_keys = Vec::new();
    let mut note_unknown = |path: serde_ignored::Path| {
        // Only top-level keys are ours to judge; `extra` is free-form.
        let p = path.to_string();
        if !p.contains('.') && !p.contains('?') {
            unknown_keys.push(p);
        }
    };
    let result = match split.format {
        Format::Yaml => {
            if split.front.trim().is_empty() {
                return Err((
                    split.front_line,
                    "the front matter is empty: add `title:` and `date:` lines".into(),
                ));
            }
            if let Some(front_matter) = super::plain_yaml::read(split.front) {
                return Ok(Parsed {
                    front_matter,
                    unknown_keys,
                });
            }
            let de = serde_yaml::Deserializer::from_str(split.front);
            serde_ignored::deserialize(de, &mut note_unknown).map_err(|e| {
                let (line, col) = e
                    .location()
                    .map(|l| (l.line(), l.column()))
                    .unwrap_or((0, 0));
                (line, col, yaml_message(&e, split.front_line))
            })
        }
        Format::Toml => {
            let de = toml::Deserializer::parse(split.front).map_err(|e| {
                let (line, col) = e
                    .span()
                    .map(|s| line_col(split.front, s.start))
                    .unwrap_or((0, 0));
                (line, col, e.message().to_string())
            });
            de.and_then(|de| {
                serde_ignored::deserialize(de, &mut note_unknown).map_err(|e| {
                    let (line, col) = e
                        .span()
                        .map(|s| line_col(split.front, s.start))
                        .unwrap_or((0, 0));
                    (line, col, e.message().to_string())
                })
            })
        }
    };
    match result {
        Ok(front_matter) => Ok(Parsed {
            front_matter,
            unknown_keys,
        }),
        Err((line, col, message)) => {
            let language = match split.format {
                Format::Yaml => "YAML",
                Format::Toml => "TOML",
            };
            if line == 0 {
                return Err((
                    split.front_line,
                    format!("invalid {language} front matter: {message}"),
                ));
            }
            let file_line = split.front_line + line - 1;
            let fence = match split.format {
                Format::Yaml => "---",
                Format::Toml => "+++",
            };
            // Past the front matter's last line is its closing fence.
            let source_line = if line > split.front.lines().count() {
                fence
            } else {
                nth_line(split.front, line)
            };
            Err((
                file_line,
                format!(
                    "{col}: invalid {language} front matter: {message}\n    {file_line} | {source_line}"
                ),
            ))
        }
    }
}

/// serde_yaml's message without its first " at line X column Y" (we print our own), and with
/// any further line numbers ("while parsing a flow sequence at line 3") counted in the file.
fn yaml_message(e: &serde_yaml::Error, front_line: usize) -> String {
    let msg = e.to_string();
    let Some(first) = msg.find(" at line ") else {
        return msg;
    };
    let after = &msg[first + " at line ".len()..];
    let rest = after.find(", ").map_or("", |i| &after[i..]);
    let mut out = msg[..first].to_string();
    let mut rest = rest;
    while let Some(i) = rest.find("at line ") {
        out.push_str(&rest[..i + "at line ".len()]);
        rest = &rest[i + "at line ".len()..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + front_line - 1).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// The 1-based file line on which `key` is set, for messages about its value.
pub fn key_line(split: &Split, key: &str) -> usize {
    for (i, line) in split.front.lines().enumerate() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix(key)
            && (rest.trim_start().starts_with(':') || rest.trim_start().starts_with('='))
        {
            return split.front_line + i;
        }
    }
    split.front_line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_toml() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front, "title: A\n");
        assert_eq!(s.body, "Body\n");
        let s = split("+++\r\ntitle = 'A'\r\n+++\r\nBody").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front, "title = 'A'\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn missing_and_unclosed_fences() {
        assert_eq!(split("Hello").unwrap_err().0, 1);
        let (_, msg) = split("---\ntitle: A\n").unwrap_err();
        assert_eq!(
            msg,
            "the front matter opened with `---` on line 1 is never closed: add a line `---` after the last front matter line"
        );
    }

    #[test]
    fn yaml_error_has_file_line_and_source() {
        let text = "---\ntitle: A\ndate: 2022-01-01\ntags: [a, b\n---\n";
        let (line, msg) = parse(&split(text).unwrap()).err().unwrap();
        assert_eq!(line, 5);
        assert!(msg.contains("invalid YAML front matter"), "{msg}");
    }

    #[test]
    fn wrong_type_is_reported_on_its_line() {
        let text = "---\ntitle: A\ndate: 2022-01-01\ndraft: maybe\n---\n";
        let (line, msg) = parse(&split(text).unwrap()).err().unwrap();
        assert_eq!(line, 4);
        assert!(
            msg.contains("draft: invalid type: string \"maybe\", expected a boolean"),
            "{msg}"
        );
        assert!(msg.ends_with("    4 | draft: maybe"), "{msg}");
    }

    #[test]
    fn unknown_keys_are_collected() {
        let text = "---\ntitle: A\ndate: 2022-01-01\nauther: B\nextra:\n  x: 1\n---\n";
        let parsed = parse(&split(text).unwrap()).ok().unwrap();
        assert_eq!(parsed.unknown_keys, vec!["auther".to_string()]);
    }

    #[test]
    fn toml_dates_are_accepted() {
        let text = "+++\ntitle = \"A\"\ndate = 2024-05-02T09:30:00+07:00\n+++\n";
        let parsed = parse(&split(text).unwrap()).ok().unwrap();
        assert_eq!(parsed.front_matter.date.0, "2024-05-02T09:30:00+07:00");
    }
}
