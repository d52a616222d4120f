//! A problem in a content file, with where it is: what `build` prints and `check` reports.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one content file (or folder entry under `content/`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ContentError {
    /// The file as users see it (`content/2024/01/a.md`).
    pub file: PathBuf,
    /// 1-based line, when the problem is on one.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// What is wrong and what to do; may go on with a quote of the line (`\n    4 | …`).
    pub message: String,
}

impl ContentError {
    /// A problem with the file as a whole (unreadable, a broken link, …).
    pub fn in_file(file: &Path, message: impl Into<String>) -> ContentError {
        ContentError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem on a line of the file.
    pub fn at_line(file: &Path, line: usize, message: impl Into<String>) -> ContentError {
        ContentError {
            line: Some(line),
            ..ContentError::in_file(file, message)
        }
    }

    /// A problem on `line` whose message may start with its column, as the front matter
    /// parsers' do (`7: invalid YAML front matter: …`).
    pub fn from_parser(file: &Path, line: usize, message: String) -> ContentError {
        let column = message
            .split_once(": invalid ")
            .and_then(|(col, _)| col.parse::<usize>().ok());
        match column {
            Some(col) => ContentError {
                column: Some(col),
                message: message[col.to_string().len() + 2..].to_string(),
                ..ContentError::at_line(file, line, "")
            },
            None => ContentError::at_line(file, line, message),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl From<ContentError> for ContentErrors {
    fn from(e: ContentError) -> ContentErrors {
        ContentErrors(vec![e])
    }
}

/// One problem a line.
impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_file_line_and_column_as_given() {
        let file = Path::new("content/a.md");
        assert_eq!(
            ContentError::in_file(file, "cannot read").to_string(),
            "content/a.md: cannot read"
        );
        assert_eq!(
            ContentError::at_line(file, 3, "date: bad").to_string(),
            "content/a.md:3: date: bad"
        );
        let parsed = ContentError::from_parser(
            file,
            4,
            "9: invalid TOML front matter: x\n    4 | draft = ya".into(),
        );
        assert_eq!(parsed.column, Some(9));
        assert_eq!(
            parsed.to_string(),
            "content/a.md:4:9: invalid TOML front matter: x\n    4 | draft = ya"
        );
        assert_eq!(
            ContentError::from_parser(file, 1, "no front matter: start".into()).column,
            None
        );
    }
}
