//! A second opinion on readability's choice of container. Readability scores blocks of
//! text; on some pages a long disclaimer, another article of an endless-scroll page or a
//! box of reader comments outscores the article. The page's own summary (its meta
//! description, which is nearly always the article's first sentence or close to it) tells
//! them apart: when the main text container (see [`super::anchor`]) holds the summary's
//! words and readability's choice does not, the main text container is the article.

use dom_query::Document;

/// How many words of the summary are looked for: enough to be a sentence's own, few enough
/// that an edited ending does not matter.
const SUMMARY_WORDS: usize = 8;

/// The article's HTML: readability's choice, or the first of the other candidates (the main
/// text container, the lines under the headline) that holds the start of the page's summary
/// when readability's choice does not.
pub fn checked_choice(
    found: Option<String>,
    others: &[Option<&str>],
    summary: Option<&str>,
) -> Option<String> {
    let (Some(found_html), Some(summary)) = (found.as_deref(), summary) else {
        return found;
    };
    let words = words_of(summary);
    if words.len() < SUMMARY_WORDS {
        return found;
    }
    let start = words[..SUMMARY_WORDS].join(" ");
    let holds_start = |html: &str| {
        words_of(&Document::fragment(html).root().text())
            .join(" ")
            .contains(&start)
    };
    if holds_start(found_html) {
        return found;
    }
    others
        .iter()
        .flatten()
        .find(|other| holds_start(other))
        .map(|other| other.to_string())
        .or(found)
}

/// The words of a text, lowercase, without punctuation: a summary is compared with the text
/// whatever its quotes, dashes and entities.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str =
        "Alaska Airlines has a new date for when it will be a full member of Oneworld.";

    #[test]
    fn the_container_holding_the_summary_wins_over_a_disclaimer() {
        let disclaimer =
            "<p>Many of the credit card offers that appear on the website are from companies.</p>";
        let main = "<div><p><a href='/a'>Alaska Airlines</a> has a new date for when it will be a \
                    full fledged member of the Oneworld alliance.</p></div>";
        let chosen = checked_choice(Some(disclaimer.into()), &[Some(main)], Some(SUMMARY));
        assert_eq!(chosen.as_deref(), Some(main));
    }

    #[test]
    fn the_article_under_the_headline_wins_on_an_endless_scroll_page() {
        // Readability and the main text container both took the longest of the page's
        // articles; the lines under the page's own headline hold its summary.
        let other = "<p>A longer story about something else, the next one on the page.</p>";
        let under = "<p>Alaska Airlines has a new date for when it will be a full member of \
                     Oneworld.</p>";
        let chosen = checked_choice(
            Some(other.into()),
            &[Some(other), Some(under)],
            Some(SUMMARY),
        );
        assert_eq!(chosen.as_deref(), Some(under));
    }

    #[test]
    fn readability_keeps_its_choice_otherwise() {
        let found =
            "<p>Alaska Airlines has a new date for when it will be a full member.</p><p>More.</p>";
        let main =
            "<div><p>Alaska Airlines has a new date for when it will be a full member.</p></div>";
        assert_eq!(
            checked_choice(Some(found.into()), &[Some(main)], Some(SUMMARY)).as_deref(),
            Some(found)
        );
        // Neither holds the summary: nothing to go by.
        let other = "<p>Something else entirely, written at length.</p>";
        assert_eq!(
            checked_choice(Some(other.into()), &[Some(other)], Some(SUMMARY)).as_deref(),
            Some(other)
        );
        // A summary too short to be a sentence of its own.
        assert_eq!(
            checked_choice(
                Some(other.into()),
                &[Some(main)],
                Some("Alaska Airlines news")
            )
            .as_deref(),
            Some(other)
        );
    }
}
