//! Embedded videos: the player (an `<iframe>` of YouTube, Vimeo or Dailymotion, or a
//! `<video>` with a web address) becomes a link to the video a reader can follow, before the
//! cleaning removes every frame. Tweets and other quotes are `<blockquote>`s and stay as they
//! are, taken out of a box that holds nothing else ([`posts_out_of_their_boxes`]).

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;

use super::dom::{collapse_whitespace, select, shown_text, tag_name, text_of};
use super::markdown::escape_text;

/// The address of one post on a social network: a tweet ("twitter.com/NAME/status/ID",
/// "x.com/..."), an Instagram post or reel, a TikTok video, a Threads or Mastodon post.
static POST_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^https?://(?:www\.|mobile\.)?(?:(?:twitter|x)\.com/\w+/status(?:es)?/\d|instagram\.com/(?:p|reel)/|tiktok\.com/@[^/]+/video/\d|threads\.net/@[^/]+/post/|[^/]+/@\w+/\d{6,})",
    )
    .expect("valid regex")
});

/// Whether a `<blockquote>` is an embedded post: the markup the networks' embed codes give
/// (class "twitter-tweet", "instagram-media", "tiktok-embed") or a quote that links to one
/// post.
pub fn is_embedded_post(quote: &NodeRef) -> bool {
    quote.has_name("blockquote")
        && (["twitter-tweet", "instagram-media", "tiktok-embed"]
            .iter()
            .any(|c| quote.has_class(c))
            || select(quote, "a[href]")
                .iter()
                .any(|a| a.attr("href").is_some_and(|h| POST_LINK.is_match(h.trim()))))
}

/// Takes each embedded post out of the boxes that hold nothing else: such a box is named for
/// the network ("social-embed"), as a share bar is, and the cleaning and readability would
/// drop the post with it.
pub fn posts_out_of_their_boxes(doc: &Document) {
    for quote in doc.select("blockquote").nodes().to_vec() {
        if !is_embedded_post(&quote) {
            continue;
        }
        let text = shown_text(&quote);
        let outer = quote
            .ancestors_it(Some(MAX_PLAYER_WRAPPERS))
            .take_while(|a| {
                matches!(tag_name(a).as_str(), "div" | "span" | "figure") && shown_text(a) == text
            })
            .last();
        if let Some(outer) = outer {
            outer.replace_with_html(quote.html());
        }
    }
}

/// What a video link's text starts with; the line rules leave such a line alone.
pub const VIDEO_MARK: &str = "▶ ";

/// Replaces each embedded video player by a paragraph with a link to the video.
pub fn videos_to_links(doc: &Document) {
    for player in doc.select("iframe, video").nodes().to_vec() {
        let Some((url, site)) = video_address(&player) else {
            continue;
        };
        let title = player
            .attr("title")
            .map(|t| collapse_whitespace(&t))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| site.to_string());
        let href = escape_text(&url);
        player_box(&player).replace_with_html(format!(
            "<p><a href=\"{href}\">{VIDEO_MARK}{}</a></p>",
            escape_text(&title)
        ));
    }
}

/// Wrappers of a player climbed at most: `div.video-wrapper > div.ratio > iframe`.
const MAX_PLAYER_WRAPPERS: usize = 3;

/// The box that holds nothing but the player (the player itself when none): the link
/// replaces the whole box, since readability drops a box whose only text is a link.
fn player_box<'a>(player: &NodeRef<'a>) -> NodeRef<'a> {
    let mut node = *player;
    for parent in player.ancestors_it(Some(MAX_PLAYER_WRAPPERS)) {
        let only_child = parent.element_children().len() == 1;
        let plain = matches!(tag_name(&parent).as_str(), "div" | "span" | "figure");
        if !only_child || !plain || !text_of(&parent).is_empty() {
            break;
        }
        node = parent;
    }
    node
}

/// The address of the video a player shows, and the site's name.
fn video_address(player: &NodeRef) -> Option<(String, &'static str)> {
    let src = player
        .attr("src")
        .or_else(|| player.attr("data-src"))
        .or_else(|| {
            let source = player.children_it(false).find(|c| c.has_name("source"))?;
            source.attr("src")
        })?;
    // The same players as the build's embed cards ([`crate::embeds`]); any other `<video>`
    // with a web address links to its file.
    if let Some(page) = crate::embeds::video_page(&src) {
        return Some(page);
    }
    let src = src.trim();
    let src = match src.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => src.to_string(),
    };
    let url = url::Url::parse(&src).ok()?;
    (player.has_name("video") && matches!(url.scheme(), "http" | "https"))
        .then(|| (url.to_string(), "Video"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embedded_post_leaves_a_box_that_holds_nothing_else() {
        let doc = Document::from(
            "<body><div class='social-embed'><div><blockquote class='twitter-tweet'><p>Banjir lagi.</p>\
             &mdash; Warga (@warga) <a href='https://twitter.com/warga/status/123'>1 Desember 2026</a>\
             </blockquote></div></div>\
             <div class='embed-social'><blockquote><p>Foto hari ini.</p>\
             <a href='https://x.com/dinas/status/456'>2 Desember 2026</a></blockquote></div>\
             <div class='social'><blockquote class='twitter-tweet'><p>Banjir.</p></blockquote>\
             <a href='https://twitter.com/share'>Tweet</a></div>\
             <div class='quote-box'><blockquote><p>Kutipan biasa.</p></blockquote></div></body>",
        );
        posts_out_of_their_boxes(&doc);
        let boxes: Vec<String> = doc
            .select("body > div")
            .nodes()
            .iter()
            .map(|d| d.attr("class").unwrap_or_default().to_string())
            .collect();
        // Out of their boxes: the embed code's quote and a quote that links to one post; in
        // theirs: a quote beside a share button and one that links to no post.
        assert_eq!(boxes, ["social", "quote-box"]);
        assert_eq!(doc.select("body > blockquote").length(), 2);
    }

    #[test]
    fn players_become_links_and_other_frames_stay() {
        let doc = Document::from(
            "<body><iframe src='https://www.youtube.com/embed/dQw4w9WgXcQ?si=x' title='Detik-detik gempa'></iframe>\
             <iframe src='//player.vimeo.com/video/76979871'></iframe>\
             <video><source src='https://cdn.example/klip.mp4'></video>\
             <iframe src='https://ads.example/slot'></iframe></body>",
        );
        videos_to_links(&doc);
        let links: Vec<(String, String)> = doc
            .select("a")
            .nodes()
            .iter()
            .map(|a| (a.attr("href").unwrap().to_string(), a.text().to_string()))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "https://www.youtube.com/watch?v=dQw4w9WgXcQ".to_string(),
                    "▶ Detik-detik gempa".to_string()
                ),
                (
                    "https://vimeo.com/76979871".to_string(),
                    "▶ Vimeo".to_string()
                ),
                (
                    "https://cdn.example/klip.mp4".to_string(),
                    "▶ Video".to_string()
                ),
            ]
        );
        assert_eq!(
            doc.select("iframe").length(),
            1,
            "the ad frame is left to the cleaning"
        );
    }

    #[test]
    fn a_box_holding_only_the_player_becomes_the_link_and_a_box_with_text_stays() {
        let doc = Document::from(
            "<body><div class='detail'><div class='video-wrapper'><div class='ratio'>\
             <iframe src='https://www.youtube.com/embed/Xk3pT9aLq2w' title='Banjir di Sentani'></iframe>\
             </div></div><p>Hujan deras membuat danau meluap.</p>\
             <div class='clip'><iframe src='https://www.youtube.com/embed/dQw4w9WgXcQ'></iframe>\
             <span>Rekaman warga</span></div></div></body>",
        );
        videos_to_links(&doc);
        assert_eq!(doc.select(".video-wrapper").length(), 0);
        assert_eq!(
            doc.select(".detail > p > a").text().to_string(),
            "▶ Banjir di Sentani"
        );
        assert_eq!(
            doc.select(".clip").length(),
            1,
            "a box with a caption stays"
        );
        assert_eq!(doc.select(".clip > p > a").length(), 1);
    }
}
