//! Embedded videos and posts, made safe for a mirror: nothing loads from another host until
//! the reader asks. A YouTube or Vimeo player (an `<iframe>`, or a Hugo-style shortcode such
//! as `{{< youtube ID >}}`) becomes a link card to the video; a tweet shortcode becomes a quote
//! with its link (a pasted tweet blockquote stays one by itself, its loader script left out).
//! What the sanitizer will still drop is listed, so a build can warn about it.

use std::borrow::Cow;

use crate::text::escape_html;

/// The words of the cards, in the site's language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmbedWords {
    /// "Watch on" / "Tonton di" (then the service's name).
    pub watch_on: String,
    /// "View the post on" / "Lihat kiriman di" (then the service's name).
    pub view_post_on: String,
}

impl EmbedWords {
    /// The words of a site's language (`t.watch_on`, `t.view_post_on`).
    pub fn from_strings(strings: &crate::i18n::Strings) -> EmbedWords {
        EmbedWords {
            watch_on: strings.get("watch_on").to_string(),
            view_post_on: strings.get("view_post_on").to_string(),
        }
    }

    pub fn english() -> EmbedWords {
        EmbedWords {
            watch_on: "Watch on".into(),
            view_post_on: "View the post on".into(),
        }
    }
}

/// A video a player would have shown.
#[derive(Debug, PartialEq, Eq)]
enum Video {
    YouTube(String),
    Vimeo(String),
    Dailymotion(String),
}

/// The page of the video a player address shows (`youtube.com/embed/ID` gives
/// `https://www.youtube.com/watch?v=ID`) and the service's name: for the importer, which
/// turns players into links too.
pub fn video_page(player_url: &str) -> Option<(String, &'static str)> {
    Video::from_url(player_url).map(|video| (video.page(), video.service()))
}

impl Video {
    /// The video of a player or page address (`youtube.com/embed/ID`, `youtu.be/ID`,
    /// `youtube.com/watch?v=ID`, `player.vimeo.com/video/ID`, `vimeo.com/ID`).
    fn from_url(url: &str) -> Option<Video> {
        let rest = url
            .trim()
            .trim_start_matches("https:")
            .trim_start_matches("http:")
            .trim_start_matches("//");
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.trim_start_matches("www.").trim_start_matches("m.");
        let first_segment = |p: &str| {
            p.split(['/', '?', '#', '&'])
                .next()
                .unwrap_or("")
                .to_string()
        };
        let video = match host {
            "youtube.com" | "youtube-nocookie.com" => {
                if let Some(id) = path.strip_prefix("embed/") {
                    Video::YouTube(first_segment(id))
                } else if let Some(query) = path.strip_prefix("watch?") {
                    let id = query.split('&').find_map(|kv| kv.strip_prefix("v="))?;
                    Video::YouTube(first_segment(id))
                } else {
                    return None;
                }
            }
            "youtu.be" => Video::YouTube(first_segment(path)),
            "player.vimeo.com" => Video::Vimeo(first_segment(path.strip_prefix("video/")?)),
            "dailymotion.com" => {
                Video::Dailymotion(first_segment(path.strip_prefix("embed/video/")?))
            }
            "vimeo.com" => Video::Vimeo(first_segment(path)),
            _ => return None,
        };
        video.is_valid().then_some(video)
    }

    /// Ids are letters, digits, `-` and `_` (anything else is not a video we know).
    fn is_valid(&self) -> bool {
        let id = match self {
            Video::YouTube(id) | Video::Vimeo(id) | Video::Dailymotion(id) => id,
        };
        !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    /// The video's own page.
    fn page(&self) -> String {
        match self {
            Video::YouTube(id) => format!("https://www.youtube.com/watch?v={id}"),
            Video::Vimeo(id) => format!("https://vimeo.com/{id}"),
            Video::Dailymotion(id) => format!("https://www.dailymotion.com/video/{id}"),
        }
    }

    fn service(&self) -> &'static str {
        match self {
            Video::YouTube(_) => "YouTube",
            Video::Vimeo(_) => "Vimeo",
            Video::Dailymotion(_) => "Dailymotion",
        }
    }

    fn card(&self, words: &EmbedWords) -> String {
        format!(
            "<p class=\"embed embed-{}\"><a href=\"{}\" rel=\"noopener noreferrer\">{} {}</a></p>\n",
            self.service().to_ascii_lowercase(),
            self.page(),
            escape_html(&words.watch_on),
            self.service()
        )
    }
}

/// The card for a paragraph that is only a shortcode (`{{< youtube ID >}}`,
/// `{{< youtube id="ID" >}}`, `{{< vimeo ID >}}`, `{{< tweet user="U" id="N" >}}`, also with
/// `{{% … %}}`), or `None` for any other text.
pub fn shortcode_card(text: &str, words: &EmbedWords) -> Option<String> {
    let text = text.trim();
    let inner = text
        .strip_prefix("{{<")
        .and_then(|t| t.strip_suffix(">}}"))
        .or_else(|| text.strip_prefix("{{%").and_then(|t| t.strip_suffix("%}}")))?;
    let mut words_in = inner.split_whitespace();
    let name = words_in.next()?;
    let args: Vec<&str> = words_in.collect();
    let named = |key: &str| {
        args.iter().find_map(|a| {
            a.strip_prefix(key)
                .and_then(|v| v.strip_prefix('='))
                .map(|v| v.trim_matches(['"', '\'']))
        })
    };
    let positional = args.iter().find(|a| !a.contains('=')).copied();
    match name {
        "youtube" => {
            let id = named("id").or(positional)?;
            let video = Video::YouTube(id.to_string());
            video.is_valid().then(|| video.card(words))
        }
        "vimeo" => {
            let id = named("id").or(positional)?;
            let video = Video::Vimeo(id.to_string());
            video.is_valid().then(|| video.card(words))
        }
        "tweet" | "x" | "twitter" => {
            let user = named("user")?;
            let id = named("id")?;
            let safe = |s: &str| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            };
            (safe(user) && safe(id)).then(|| {
                format!(
                    "<blockquote class=\"embed embed-tweet\"><p><a href=\"https://x.com/{user}/status/{id}\" rel=\"noopener noreferrer\">{} X (@{user})</a></p></blockquote>\n",
                    escape_html(&words.view_post_on)
                )
            })
        }
        _ => None,
    }
}

/// The HTML with every `<iframe>` of a known video player replaced by its link card. Other
/// iframes stay, for the sanitizer to remove (and [`removed_elements`] to report).
pub fn replace_players<'a>(html: &'a str, words: &EmbedWords) -> Cow<'a, str> {
    if !contains_ignore_case(html, "<iframe") {
        return Cow::Borrowed(html);
    }
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = lower[from..].find("<iframe") {
        let start = from + at;
        let Some(open_len) = lower[start..].find('>') else {
            break;
        };
        let open_end = start + open_len + 1;
        let end = match lower[open_end..].find("</iframe") {
            Some(close) => {
                let close = open_end + close;
                lower[close..]
                    .find('>')
                    .map_or(lower.len(), |g| close + g + 1)
            }
            None => open_end,
        };
        from = end;
        let Some(video) = attribute(&html[start..open_end], "src").and_then(Video::from_url) else {
            continue;
        };
        out.push_str(&html[copied..start]);
        out.push_str(&video.card(words));
        copied = end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Elements of raw HTML the sanitizer removes with their content or whole (`script`,
/// `iframe`, `object`, `embed`, `form`, `style`, `video`, `audio`, …), once each, in order of
/// first appearance. The loader scripts of pasted tweets and posts are not listed: the post
/// itself stays as a quote.
pub fn removed_elements(html: &str) -> Vec<&'static str> {
    const REMOVED: &[&str] = &[
        "script", "iframe", "object", "embed", "form", "style", "video", "audio", "canvas", "svg",
        "math", "frame", "frameset", "applet",
    ];
    let lower = html.to_ascii_lowercase();
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for &name in REMOVED {
        let open = format!("<{name}");
        let mut from = 0;
        while let Some(at) = lower[from..].find(&open) {
            let start = from + at;
            from = start + open.len();
            let after = lower[from..].chars().next();
            if !matches!(after, Some(' ' | '>' | '/' | '\t' | '\n' | '\r')) {
                continue;
            }
            let tag_end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
            if stays_or_becomes_a_link(name, &html[start..tag_end]) {
                continue;
            }
            found.push((start, name));
            break;
        }
    }
    found.sort();
    found.into_iter().map(|(_, name)| name).collect()
}

/// Whether an element's opening tag (`<iframe src=…`) is one the reader does not lose: a
/// video player (it becomes a link card) or the loader script of a pasted post (the post
/// stays as a quote).
pub fn stays_or_becomes_a_link(name: &str, tag: &str) -> bool {
    match name {
        "iframe" => attribute(tag, "src").and_then(Video::from_url).is_some(),
        "script" => is_embed_loader(&tag.to_ascii_lowercase()),
        _ => false,
    }
}

/// The script a pasted tweet, Instagram or TikTok post brings to draw itself.
fn is_embed_loader(script_tag: &str) -> bool {
    [
        "platform.twitter.com/widgets.js",
        "instagram.com/embed.js",
        "tiktok.com/embed.js",
        "connect.facebook.net/",
    ]
    .iter()
    .any(|loader| script_tag.contains(loader))
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// An attribute's value in one tag as written in HTML (quoted with `"` or `'`, or bare).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before = lower[..start].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> EmbedWords {
        EmbedWords {
            watch_on: "Tonton di".into(),
            view_post_on: "Lihat kiriman di".into(),
        }
    }

    #[test]
    fn shortcodes_become_link_cards() {
        let card = "<p class=\"embed embed-youtube\"><a href=\"https://www.youtube.com/watch?v=abc_D-1\" rel=\"noopener noreferrer\">Tonton di YouTube</a></p>\n";
        assert_eq!(
            shortcode_card("{{< youtube abc_D-1 >}}", &id()).as_deref(),
            Some(card)
        );
        assert_eq!(
            shortcode_card("{{< youtube id=\"abc_D-1\" >}}", &id()).as_deref(),
            Some(card)
        );
        assert_eq!(
            shortcode_card("{{% youtube abc_D-1 %}}", &id()).as_deref(),
            Some(card)
        );
        assert_eq!(
            shortcode_card("{{< vimeo 146022717 >}}", &EmbedWords::english()).as_deref(),
            Some(
                "<p class=\"embed embed-vimeo\"><a href=\"https://vimeo.com/146022717\" rel=\"noopener noreferrer\">Watch on Vimeo</a></p>\n"
            )
        );
        assert_eq!(
            shortcode_card(
                "{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}",
                &id()
            )
            .as_deref(),
            Some(
                "<blockquote class=\"embed embed-tweet\"><p><a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\" rel=\"noopener noreferrer\">Lihat kiriman di X (@SanDiegoZoo)</a></p></blockquote>\n"
            )
        );
        // Not a shortcode we know, or an id that could carry markup: left as text.
        assert_eq!(shortcode_card("{{< gallery a >}}", &id()), None);
        assert_eq!(
            shortcode_card("{{< youtube \"a><script>\" >}}", &id()),
            None
        );
        assert_eq!(shortcode_card("Lihat {{< youtube abc >}} ini", &id()), None);
    }

    #[test]
    fn players_become_cards_and_other_iframes_stay_for_the_sanitizer() {
        let html = "<p>a</p><IFRAME width=\"560\" src=\"https://www.youtube-nocookie.com/embed/xYz?start=3\" allowfullscreen></IFRAME><iframe src='//player.vimeo.com/video/42'></iframe><iframe src=\"https://iklan.example/x\"></iframe>";
        assert_eq!(
            replace_players(html, &id()),
            "<p>a</p><p class=\"embed embed-youtube\"><a href=\"https://www.youtube.com/watch?v=xYz\" rel=\"noopener noreferrer\">Tonton di YouTube</a></p>\n<p class=\"embed embed-vimeo\"><a href=\"https://vimeo.com/42\" rel=\"noopener noreferrer\">Tonton di Vimeo</a></p>\n<iframe src=\"https://iklan.example/x\"></iframe>"
        );
        assert!(matches!(
            replace_players("<p>tanpa</p>", &id()),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn video_addresses() {
        for (url, video) in [
            ("https://youtu.be/abc", Some(Video::YouTube("abc".into()))),
            (
                "https://m.youtube.com/watch?feature=x&v=abc",
                Some(Video::YouTube("abc".into())),
            ),
            (
                "https://vimeo.com/123#t=5",
                Some(Video::Vimeo("123".into())),
            ),
            ("https://www.youtube.com/channel/abc", None),
            ("https://evil.example/embed/abc", None),
        ] {
            assert_eq!(Video::from_url(url), video, "{url}");
        }
    }

    #[test]
    fn removed_elements_are_named_once_in_order_without_embed_loaders() {
        let html = "<blockquote class=\"twitter-tweet\"><a href=\"https://twitter.com/a/status/1\">x</a></blockquote><script async src=\"https://platform.twitter.com/widgets.js\"></script><form><input></form><SCRIPT>alert(1)</SCRIPT><script>b()</script><scripts>";
        assert_eq!(removed_elements(html), ["form", "script"]);
        assert!(removed_elements("<p>aman</p>").is_empty());
    }
}
