//! A press release or article forwarded by e-mail and copied as text: the message's
//! header block ("---------- Forwarded message ---------", "Dari: …", "Date: …", "Subject:
//! …", "To: …") is the mail's, not the article's: its sender is no author, its sending time
//! no publication date and its subject no headline (the headline is in the text).

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A line of a mail's header block, in the mail programs' English and Indonesian.
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:-{3,}\s*(?:forwarded\s+message|original\s+message|pesan\s+(?:yang\s+)?diteruskan|pesan\s+asli)\s*-{3,}|(?:from|dari|to|kepada|cc|bcc|date|tanggal|sent|dikirim|subject|subjek|perihal)\s*:.*)$",
    )
    .expect("mail header line")
});

/// A header block names its sender and its subject.
static SENDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:from|dari)\s*:").expect("sender"));
static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:subject|subjek|perihal)\s*:").expect("subject"));

/// The rule that drops a mail's header lines, for `--explain`.
pub(super) const MAIL_HEADER: &str = "e-mail header";

/// Marks the lines of a mail's header block at the top of the dump as junk: a run of header
/// lines that names a sender and a subject. A lone "Tanggal: …" or "Perihal: …" line of a
/// letter in the text is left to the other rules.
pub(super) fn mark_mail_headers(lines: &[String], kinds: &mut [Kind]) {
    let Some(start) = lines.iter().position(|l| HEADER_LINE.is_match(l)) else {
        return;
    };
    let end = (start..lines.len())
        .find(|&i| !HEADER_LINE.is_match(&lines[i]))
        .unwrap_or(lines.len());
    let block = &lines[start..end];
    if !block.iter().any(|l| SENDER.is_match(l)) || !block.iter().any(|l| SUBJECT.is_match(l)) {
        return;
    }
    for kind in &mut kinds[start..end] {
        *kind = Kind::Junk(MAIL_HEADER.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(page: &str) -> Vec<Kind> {
        let lines: Vec<String> = page.lines().map(str::to_string).collect();
        let mut kinds: Vec<Kind> = lines
            .iter()
            .map(|l| classify(l, &Rules::default()))
            .collect();
        mark_mail_headers(&lines, &mut kinds);
        kinds
    }

    #[test]
    fn a_forwarded_mails_header_block_goes() {
        let kinds = kinds_of(
            "---------- Forwarded message ---------\n\
             Dari: Humas Pemkot Bitung <humas@bitungkota.example>\n\
             Date: Sen, 7 Des 2026 pukul 15.02\n\
             Subject: Siaran Pers: Pelabuhan Perikanan Bitung Buka Layanan 24 Jam\n\
             To: <redaksi@kabarsulut.example>\n\
             \n\
             Pelabuhan Perikanan Bitung Buka Layanan 24 Jam\n",
        );
        let mail = Kind::Junk(MAIL_HEADER.to_string());
        assert!(kinds[..5].iter().all(|k| *k == mail), "{kinds:?}");
        assert_eq!(kinds[6], Kind::Text);
    }

    #[test]
    fn a_letters_date_or_subject_line_alone_stays() {
        let kinds = kinds_of("Perihal: Undangan rapat koordinasi banjir\n\nWarga diminta hadir.\n");
        assert_ne!(kinds[0], Kind::Junk(MAIL_HEADER.to_string()));
    }
}
