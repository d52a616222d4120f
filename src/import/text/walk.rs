//! The walk down the page from the headline: what it collects, what it drops, and the
//! article it settles on.

use chrono::{DateTime, FixedOffset};

use super::*;

/// What the walk collects.
#[derive(Default)]
pub(super) struct Page {
    pub(super) title: String,
    /// The outlet's name as the page writes it (see [`outlet_name`]).
    pub(super) outlet: Option<String>,
    pub(super) credits: Vec<Credit>,
    /// (date, whether it is an update) in page order.
    pub(super) dates: Vec<(DateTime<FixedOffset>, bool)>,
    /// How many of `dates` stand above the headline (a masthead's "today").
    pub(super) dates_above_headline: usize,
    pub(super) caption: Option<String>,
    pub(super) image: Option<String>,
    pub(super) paragraphs: Vec<String>,
    pub(super) tags: Vec<String>,
    pub(super) url: Option<String>,
    pub(super) dropped: Vec<Dropped>,
}

impl Page {
    pub(super) fn drop_line(&mut self, text: &str, rule: &str) {
        self.dropped.push(Dropped {
            text: text.to_string(),
            rule: rule.to_string(),
        });
    }

    /// Collects metadata from a line; `false` when the line carries none.
    pub(super) fn take_metadata(&mut self, text: &str, kind: &Kind) -> bool {
        match kind {
            Kind::Byline(credits, date) => {
                self.credits.extend(credits.iter().cloned());
                self.dates.extend(date.map(|d| (d, false)));
                self.drop_line(text, "byline");
            }
            Kind::Dateline { date, updated } => {
                self.dates.push((*date, *updated));
                self.drop_line(text, "dateline");
            }
            Kind::Url(url) if is_image_url(url) => {
                self.image.get_or_insert_with(|| url.clone());
                self.drop_line(text, "image URL line");
            }
            Kind::Url(url) => {
                self.url.get_or_insert_with(|| url.clone());
                self.drop_line(text, "source URL line");
            }
            Kind::Tags(tags) => {
                self.tags.extend(tags.iter().cloned());
                self.drop_line(text, "tags line");
            }
            _ => return false,
        }
        true
    }

    /// Above the headline: metadata is kept, everything else is the site's header.
    pub(super) fn before_headline(&mut self, lines: &[String], kinds: &[Kind]) {
        for (text, kind) in lines.iter().zip(kinds) {
            if self.take_metadata(text, kind) {
                continue;
            }
            match kind {
                Kind::Blank => {}
                Kind::Junk(rule) => self.drop_line(text, rule),
                _ if is_menu_like(text) => self.drop_line(text, "menu line"),
                _ => self.drop_line(text, "site name before the headline"),
            }
        }
        self.dates_above_headline = self.dates.len();
    }

    /// Below the headline: the header (bylines, dateline, caption), then the body up to the cut.
    pub(super) fn after_headline(&mut self, lines: &[String], kinds: &[Kind], headline: usize) {
        let mut in_header = true;
        let mut i = headline + 1;
        while i < lines.len() {
            match self.line_below_headline(lines, kinds, i, headline, &mut in_header) {
                Some(next) => i = next,
                None => return,
            }
        }
    }

    /// Reads line `i` below the headline; returns the next line to read, `None` once the article ended.
    pub(super) fn line_below_headline(
        &mut self,
        lines: &[String],
        kinds: &[Kind],
        i: usize,
        headline: usize,
        in_header: &mut bool,
    ) -> Option<usize> {
        let (text, kind) = (&lines[i], &kinds[i]);
        if self.take_metadata(text, kind) {
            return Some(i + 1);
        }
        match kind {
            Kind::Blank => {}
            Kind::Junk(rule) => self.drop_line(text, rule),
            Kind::TagsHeading => return Some(self.take_tags_block(lines, kinds, i)),
            Kind::ReadAlsoHeading => {
                let Some(end) = read_also_titles_end(lines, kinds, i) else {
                    self.cut(lines, kinds, i, "related block cut");
                    return None;
                };
                self.drop_block(&lines[i..end], phrases::rule::READ_ALSO);
                return Some(end);
            }
            // A site's host in capitals in the header is the outlet's name, not a link preview.
            Kind::Cut(rule) if *in_header && rule == SOCIAL_POST_TAIL_RULE => {
                self.drop_line(text, "site name under the headline")
            }
            // A "Terpopuler" box between the headline and the text ends nothing.
            Kind::Cut(_) if *in_header && text_follows(lines, kinds, i) => {
                let end = end_of_box(lines, kinds, i);
                self.drop_block(&lines[i..end], "related block before the text");
                return Some(end);
            }
            Kind::Cut(rule) => {
                if rule == CONTACT_CUT {
                    self.drop_issuer_lines();
                }
                self.cut(lines, kinds, i, rule);
                return None;
            }
            _ if same_text(text, &lines[headline]) => self.drop_line(text, "repeated headline"),
            // "4–5 menit" between the headline and the text: the reading time.
            _ if *in_header && READING_TIME.is_match(text) => self.drop_line(text, "page widget"),
            // One word alone between the headline and the text ("kabarflores" in an app's
            // copy): the outlet's name, never a paragraph.
            _ if *in_header
                && text.split_whitespace().count() == 1
                && !ends_with_full_stop(text)
                && !caption_by_place(lines, kinds, i, headline) =>
            {
                self.drop_line(text, "site name under the headline")
            }
            // The author's name alone below the text starts a bio box ("NINIEK KARMINI / Karmini is…").
            _ if !*in_header && self.credits.iter().any(|c| same_text(&c.name, text)) => {
                self.cut(lines, kinds, i, "author bio cut");
                return None;
            }
            // A second caption, or a credit line under the first one.
            _ if *in_header && self.caption.is_some() && is_caption(text) => {
                self.drop_line(text, "photo caption")
            }
            // A photo's credit in the text, its photo gone with the page ("Foto: Dok. Humas").
            _ if !*in_header && CREDIT_LINE.is_match(text) && word_count(text) <= 25 => {
                self.drop_line(text, "photo caption in the body")
            }
            _ if *in_header && self.caption.is_none() && is_caption(text) => {
                self.caption = Some(text.clone())
            }
            // A photo's caption further down: the article's first caption goes to the front
            // matter, any other is the caption of a photo the dump no longer has.
            _ if !*in_header && is_caption(text) && !is_paragraph_like(text) => {
                if self.caption.is_none() {
                    self.caption = Some(text.clone());
                    self.dropped.push(Dropped {
                        text: text.clone(),
                        rule: "photo caption (kept as image_caption)".into(),
                    });
                } else {
                    self.drop_line(text, "photo caption in the body")
                }
            }
            _ if *in_header && self.caption.is_none() => match two_line_caption(lines, kinds, i) {
                Some((caption, next)) => {
                    self.caption = Some(caption);
                    return Some(next);
                }
                None if caption_by_place(lines, kinds, i, headline) => {
                    self.caption = Some(text.clone())
                }
                None => self.push_paragraph(text, in_header),
            },
            _ => self.push_paragraph(text, in_header),
        }
        Some(i + 1)
    }

    pub(super) fn push_paragraph(&mut self, text: &str, in_header: &mut bool) {
        *in_header = false;
        let paragraph = strip_logo_alt_text(text, &mut self.dropped);
        if !paragraph.is_empty() {
            // The dump is plain text: what would read as Markdown syntax is escaped.
            self.paragraphs
                .push(crate::import::write::escape_markdown(&paragraph));
        }
    }

    /// The office that issued a press release, signed under its text above the contact
    /// block ("Biro Hubungan Masyarakat …" / "Kementerian …"): short lines in title case
    /// that end no sentence.
    pub(super) fn drop_issuer_lines(&mut self) {
        while let Some(last) = self.paragraphs.last() {
            let issuer = word_count(last) <= 12
                && !last.ends_with(['.', '!', '?', '"', '”', ':'])
                && mostly_capitalised(last);
            if !issuer || self.paragraphs.len() == 1 {
                return;
            }
            let line = self.paragraphs.pop().unwrap_or_default();
            self.drop_line(&line, "issuer of a press release");
        }
    }

    pub(super) fn drop_block(&mut self, lines: &[String], rule: &str) {
        let block: Vec<&str> = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(String::as_str)
            .collect();
        self.drop_line(&block.join("\n"), rule);
    }

    /// "Tag" followed by one tag a line; returns the index after the block.
    pub(super) fn take_tags_block(
        &mut self,
        lines: &[String],
        kinds: &[Kind],
        heading: usize,
    ) -> usize {
        let (tags, end) = tags_block(lines, kinds, heading);
        self.drop_block(&lines[heading..end], "tags block");
        self.tags.extend(tags);
        end
    }

    /// Ends the article at `start`: the block and all after it are dropped, but tags in it are kept.
    pub(super) fn cut(&mut self, lines: &[String], kinds: &[Kind], start: usize, rule: &str) {
        self.drop_block(&lines[start..], rule);
        let mut i = start + 1;
        while i < lines.len() {
            match &kinds[i] {
                Kind::TagsHeading => {
                    let (tags, end) = tags_block(lines, kinds, i);
                    self.tags.extend(tags);
                    i = end;
                    continue;
                }
                Kind::Tags(tags) => self.tags.extend(tags.iter().cloned()),
                _ => {}
            }
            i += 1;
        }
    }

    pub(super) fn into_extraction(
        self,
        rules: &Rules,
        url: Option<&str>,
    ) -> Result<Extraction, NoArticle> {
        if self.paragraphs.is_empty() {
            return Err(NoArticle("no article text found below the headline".into()));
        }
        let source = rules.source.as_ref();
        let mut tags: Vec<String> = source.map(|s| s.tags.clone()).unwrap_or_default();
        for tag in self.tags {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        let mut body = format!("{}\n", self.paragraphs.join("\n\n"));
        let mut dropped = self.dropped;
        if let Some((kept, initials)) = phrases::without_closing_initials(&body) {
            body = kept;
            dropped.push(Dropped {
                text: initials,
                rule: phrases::rule::EDITOR_INITIALS.to_string(),
            });
        }
        // A release or wire story dated only in its lead ("Kendari, 11 Desember 2026 – …").
        let date = publication_date(&self.dates, self.dates_above_headline).or_else(|| {
            self.paragraphs
                .first()
                .and_then(|lead| lead_dateline(lead, rules))
        });
        let article = ImportedArticle {
            title: self.title,
            date,
            authors: authors(&self.credits),
            tags,
            summary: None,
            source: url.map(str::to_string).or(self.url),
            source_name: source.and_then(|s| s.source_name.clone()).or(self.outlet),
            image: self.image,
            image_caption: self.caption,
            body,
            id: None,
        };
        Ok(Extraction { article, dropped })
    }
}

/// The tags under a "Tag" heading at `heading` (short lines, one a line) and the index after them.
pub(super) fn tags_block(lines: &[String], kinds: &[Kind], heading: usize) -> (Vec<String>, usize) {
    let mut end = heading + 1;
    let mut tags = Vec::new();
    while end < lines.len() && kinds[end] == Kind::Text && word_count(&lines[end]) <= 5 {
        let tag = tidy_tag(&lines[end]);
        if !tag.is_empty() && tags.len() < 20 {
            tags.push(tag.to_string());
        }
        end += 1;
    }
    (tags, end)
}

/// Whether a body paragraph comes after line `i`.
pub(super) fn text_follows(lines: &[String], kinds: &[Kind], i: usize) -> bool {
    (i + 1..lines.len()).any(|j| kinds[j] == Kind::Text && is_paragraph_like(&lines[j]))
}

/// The end of a box of short lines starting at `i`: the next paragraph, caption or metadata.
pub(super) fn end_of_box(lines: &[String], kinds: &[Kind], i: usize) -> usize {
    (i + 1..lines.len())
        .find(|&j| match &kinds[j] {
            Kind::Blank | Kind::Junk(_) => false,
            Kind::Text => is_paragraph_like(&lines[j]) || is_caption(&lines[j]),
            _ => true,
        })
        .unwrap_or(lines.len())
}

/// After "Baca Juga" alone: the end of its titles when the article goes on below them
/// (a read-also box in the middle of the text); `None` when only the page's tail follows.
pub(super) fn read_also_titles_end(
    lines: &[String],
    kinds: &[Kind],
    heading: usize,
) -> Option<usize> {
    let mut i = heading + 1;
    while i < lines.len() && kinds[i] == Kind::Blank {
        i += 1;
    }
    // Up to three titles, one a line, blank lines between them allowed.
    let mut titles = 0;
    while i < lines.len() && titles < 3 && kinds[i] == Kind::Text && is_title_like(&lines[i], 2) {
        titles += 1;
        i += 1;
        while i < lines.len() && kinds[i] == Kind::Blank {
            i += 1;
        }
    }
    if titles == 0 {
        return None;
    }
    let body_follows = (i..lines.len())
        .take_while(|&j| {
            !matches!(
                kinds[j],
                Kind::Cut(_) | Kind::ReadAlsoHeading | Kind::TagsHeading
            )
        })
        .any(|j| kinds[j] == Kind::Text && is_paragraph_like(&lines[j]));
    body_follows.then_some(i)
}

/// Minutes alone on a line ("4–5 menit", "3 min"): under a headline, the reading time.
static READING_TIME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^\d+(?:\s*[–-]\s*\d+)?\s*(?:menit|min(?:ute)?s?)$")
        .expect("valid regex")
});

/// The first publication date under the headline, else above it (a date over the headline
/// is often the site's masthead showing today); an update's date only when the page gives
/// no other.
pub(super) fn publication_date(
    dates: &[(DateTime<FixedOffset>, bool)],
    above_headline: usize,
) -> Option<DateTime<FixedOffset>> {
    let published = |ds: &[(DateTime<FixedOffset>, bool)]| {
        ds.iter().find(|(_, updated)| !updated).map(|(d, _)| *d)
    };
    published(&dates[above_headline.min(dates.len())..])
        .or_else(|| published(dates))
        .or_else(|| dates.first().map(|(d, _)| *d))
}

/// The writers, each once; a photographer or an additional reporter only when no writer is
/// named; never an editor; a desk ("Liputan: Tim Redaksi") only when no person is.
pub(super) fn authors(credits: &[Credit]) -> Vec<String> {
    let credits: Vec<&Credit> = credits.iter().filter(|c| c.role != Role::Editor).collect();
    let has_writer = credits.iter().any(|c| c.role == Role::Writer);
    let has_person = credits.iter().any(|c| !is_desk_name(&c.name));
    let mut names: Vec<String> = Vec::new();
    for credit in credits {
        let wanted = (!has_writer || credit.role == Role::Writer)
            && (!has_person || !is_desk_name(&credit.name));
        if wanted && !names.iter().any(|n| n.eq_ignore_ascii_case(&credit.name)) {
            names.push(credit.name.clone());
        }
    }
    names
}
