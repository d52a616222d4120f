//! The article under its headline on a page that holds several (an endless-scroll page puts
//! the next articles, each under its own `<h1>`, below the one asked for). Readability picks
//! the longest of them; the lines from the headline that is the page's title to the next
//! `<h1>` are that article.

use dom_query::Document;

use super::dom::{collapse_whitespace, leaf_blocks, tag_name, text_of};

/// The HTML of the lines between the `<h1>` whose text is the title and the next `<h1>`, on a
/// page with more than one `<h1>`; `None` on other pages.
pub fn article_under_headline(doc: &Document, title: Option<&str>) -> Option<String> {
    let title = key_of(title?);
    if title.is_empty() || doc.select("h1").length() < 2 {
        return None;
    }
    let blocks = leaf_blocks(&doc.body()?);
    let start = blocks
        .iter()
        .position(|b| tag_name(b) == "h1" && key_of(&text_of(b)) == title)?;
    let html: String = blocks[start + 1..]
        .iter()
        .take_while(|b| tag_name(b) != "h1")
        .map(|b| b.html().to_string())
        .collect();
    (!html.is_empty()).then_some(html)
}

fn key_of(text: &str) -> String {
    collapse_whitespace(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_under_the_title_up_to_the_next_headline() {
        let doc = Document::from(
            "<body><article><h1>Darán bendición a vehículos</h1><p>Conductores están invitados.</p>\
             <p>La bendición es anual.</p></article>\
             <article><h1>Otro artículo</h1><p>Texto de otro artículo.</p></article></body>",
        );
        let html = article_under_headline(&doc, Some("Darán bendición a vehículos")).unwrap();
        assert_eq!(
            html,
            "<p>Conductores están invitados.</p><p>La bendición es anual.</p>"
        );
        // One headline: nothing to choose from.
        let single = Document::from("<body><h1>Uno</h1><p>Texto.</p></body>");
        assert_eq!(article_under_headline(&single, Some("Uno")), None);
    }
}
