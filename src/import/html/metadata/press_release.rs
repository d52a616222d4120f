//! A press release names the organisation that issues it where a byline would be ("Disiarkan
//! oleh Koperasi …", a JSON-LD author of type `Organization`): an issuer is no reporter, so
//! such a page has no author unless a person is named.

use std::sync::LazyLock;

use regex::Regex;

use super::Line;

/// A release's label over or under its headline ("SIARAN PERS", "Press Release"), or the line
/// naming its issuer ("Disiarkan oleh …", "Issued by …").
static RELEASE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:siaran|rilis)\s+pers|press\s+release|news\s+release|media\s+release|pressemitteilung
          | pressemeldung|communiqué\s+de\s+presse|comunicado\s+de\s+prensa|comunicato\s+stampa
        )\s*[:：]?$
        | ^(?:disiarkan|didistribusikan|dirilis)\s+oleh\s|^(?:issued|distributed)\s+by\s",
    )
    .expect("press release label")
});

/// Whether the page presents itself as a press release, by a line next to its headline.
pub(super) fn is_press_release(lines: &[Line]) -> bool {
    lines
        .iter()
        .filter(|l| (l.near_headline || l.before_headline) && l.words <= 12)
        .any(|l| RELEASE_LABEL.is_match(l.text.trim()))
}
