//! Metadata a page gives in microformats (hAtom, rel-tag) rather than meta tags.

use dom_query::Document;

use super::metadata::read;
use crate::import::Rules;

#[test]
fn an_abbr_published_gives_its_title_as_the_date() {
    let page = "<html lang='id'><body><h2 class='date-header'><span>Senin, 02 Desember 2024</span></h2>\
        <h3 class='post-title'>Jembatan Putus</h3><div class='post-footer'>\
        <abbr class='published' itemprop='datePublished' title='2024-12-02T14:35:00+08:00'>14.35</abbr>\
        </div></body></html>";
    let meta = read(&Document::from(page), &Rules::default());
    assert_eq!(
        meta.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-12-02T14:35:00+08:00")
    );
    // Another element's title is a tooltip, not a date.
    let page = "<html lang='id'><body><span itemprop='datePublished' title='2020-01-01T00:00:00+00:00'>\
        Senin, 2 Desember 2024 14:35 WIB</span></body></html>";
    let meta = read(&Document::from(page), &Rules::default());
    assert_eq!(
        meta.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-12-02T14:35:00+07:00")
    );
}

#[test]
fn rel_tag_links_win_over_machine_tags() {
    let labels =
        "<span class='post-labels'><a href='/search/label/Bencana' rel='tag'>Bencana</a></span>";
    let page = format!("<html><body><p>Teks.</p>{labels}</body></html>");
    assert_eq!(
        read(&Document::from(page.as_str()), &Rules::default()).tags,
        ["Bencana"]
    );
    let page = format!(
        "<html><head><meta property='article:tag' content='Jayapura'></head><body>{labels}</body></html>"
    );
    assert_eq!(
        read(&Document::from(page.as_str()), &Rules::default()).tags,
        ["Bencana"]
    );
    // No box shown: the machines' tags.
    let page = "<html><head><meta property='article:tag' content='Jayapura'></head><body><p>Teks.</p></body></html>";
    assert_eq!(
        read(&Document::from(page), &Rules::default()).tags,
        ["Jayapura"]
    );
}
