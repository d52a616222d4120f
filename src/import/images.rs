//! Bringing an imported article's images home (`cermin import --fetch-images`, or
//! `[import] fetch_images = true`): the lead image and the images of the body are downloaded
//! into the article's page bundle, so the mirror neither hotlinks the source nor loses the
//! photos when the source deletes them. Every download is bounded (time, size, redirects,
//! count per article), polite (a pause between requests to one host) and checked: only the
//! bytes of a real JPEG, PNG, WebP, GIF or AVIF are kept, whatever the address or the server
//! says. An image that cannot be fetched is reported and keeps its address, so the build
//! shows it as a link to the original (`remote_images = "link"`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::ImportedArticle;

/// How images are fetched: `[import] fetch_images` and the `fetch_*` limits.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchSettings {
    /// Download images at every import (as `--fetch-images` does).
    pub enabled: bool,
    /// The most a download may take, from connecting to the last byte.
    pub timeout_ms: u64,
    /// The largest image kept, in bytes.
    pub max_bytes: u64,
    /// The most images downloaded for one article (the lead image first).
    pub max_images: usize,
    /// The most redirects followed for one image.
    pub max_redirects: u32,
    /// The pause between two requests to the same host.
    pub delay_ms: u64,
}

impl Default for FetchSettings {
    fn default() -> FetchSettings {
        FetchSettings {
            enabled: false,
            timeout_ms: 15_000,
            max_bytes: 15 << 20,
            max_images: 20,
            max_redirects: 5,
            delay_ms: 1_000,
        }
    }
}

/// Downloads images over HTTP(S) within the limits of its settings.
pub struct Fetcher {
    agent: ureq::Agent,
    settings: FetchSettings,
    /// When each host was last asked, for the pause between requests.
    last_request: HashMap<String, Instant>,
}

/// What bringing one article's images home gave.
#[derive(Debug, Default)]
pub struct Fetched {
    /// The files for the article's bundle: (file name, bytes), in the order found.
    pub files: Vec<(String, Vec<u8>)>,
    /// One line per image that was not fetched: its address and why.
    pub failures: Vec<String>,
}

impl Fetcher {
    pub fn new(settings: FetchSettings) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_millis(settings.timeout_ms)))
            .max_redirects(settings.max_redirects)
            .user_agent(concat!("cermin/", env!("CARGO_PKG_VERSION")))
            .build();
        Fetcher {
            agent: config.into(),
            settings,
            last_request: HashMap::new(),
        }
    }

    /// Downloads the lead and body images of `article` (http(s) addresses only), points the
    /// article at the files it got, and returns the files and what failed.
    /// File names are made unique among `names` (and added to it).
    pub fn bring_home(
        &mut self,
        article: &mut ImportedArticle,
        names: &mut HashSet<String>,
    ) -> Fetched {
        let mut fetched = Fetched::default();
        let mut addresses: Vec<String> = article.image.iter().cloned().collect();
        addresses.extend(body_images(&article.body));
        let mut seen = HashSet::new();
        addresses.retain(|a| is_web_address(a) && seen.insert(a.clone()));
        for (i, address) in addresses.iter().enumerate() {
            if i >= self.settings.max_images {
                fetched.failures.push(not_fetched(
                    address,
                    &format!(
                        "over the limit of images per article (fetch_max_images = {})",
                        self.settings.max_images
                    ),
                ));
                continue;
            }
            match self.get(address) {
                Ok((bytes, extension)) => {
                    let name = file_name(address, extension, names);
                    replace_address(article, address, &name);
                    fetched.files.push((name, bytes));
                }
                Err(reason) => fetched.failures.push(not_fetched(address, &reason)),
            }
        }
        fetched
    }

    /// The bytes of one image and the extension its content shows, or why not.
    fn get(&mut self, address: &str) -> Result<(Vec<u8>, &'static str), String> {
        self.wait_for_host(address);
        let mut response = self.agent.get(address).call().map_err(|e| reason(&e))?;
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.settings.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_big(self.settings.max_bytes),
                e => reason(&e),
            })?;
        let extension = sniff(&bytes).ok_or_else(|| {
            "not a JPEG, PNG, WebP, GIF or AVIF image (the server sent something else)".to_string()
        })?;
        Ok((bytes, extension))
    }

    /// Pauses until the host of `address` was last asked `delay_ms` ago.
    fn wait_for_host(&mut self, address: &str) {
        let host = url::Url::parse(address)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        let delay = Duration::from_millis(self.settings.delay_ms);
        let pause = pause_before(self.last_request.get(&host).copied(), Instant::now(), delay);
        if !pause.is_zero() {
            std::thread::sleep(pause);
        }
        self.last_request.insert(host, Instant::now());
    }
}

/// How long to wait before asking a host again, last asked at `last` (if ever).
fn pause_before(last: Option<Instant>, now: Instant, delay: Duration) -> Duration {
    last.map_or(Duration::ZERO, |last| {
        delay.saturating_sub(now.saturating_duration_since(last))
    })
}

fn not_fetched(address: &str, reason: &str) -> String {
    format!("image {address} not fetched: {reason}; it stays a link to the original")
}

fn too_big(limit: u64) -> String {
    format!("larger than {limit} bytes (fetch_max_bytes)")
}

/// A download's failure in the user's words.
fn reason(e: &ureq::Error) -> String {
    match e {
        ureq::Error::StatusCode(code) => format!("the server answered HTTP {code}"),
        ureq::Error::Timeout(_) => "no answer in time (fetch_timeout_ms)".into(),
        ureq::Error::TooManyRedirects => "too many redirects (fetch_max_redirects)".into(),
        ureq::Error::BodyExceedsLimit(limit) => too_big(*limit),
        e => format!("{e}"),
    }
}

fn is_web_address(address: &str) -> bool {
    let lower = address.get(..8).unwrap_or(address).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The addresses of the images of a Markdown body, in order (`![alt](address "title")`).
pub(super) fn body_images(markdown: &str) -> Vec<String> {
    static IMAGE: OnceLock<regex::Regex> = OnceLock::new();
    let image = IMAGE.get_or_init(|| {
        regex::Regex::new(r#"!\[(?:[^\]\\]|\\.)*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))"#).unwrap()
    });
    image
        .captures_iter(markdown)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Points the lead image and every body image at `address` to the bundle file `name`.
pub(super) fn replace_address(article: &mut ImportedArticle, address: &str, name: &str) {
    if article.image.as_deref() == Some(address) {
        article.image = Some(name.to_string());
    }
    for (from, to) in [
        (format!("](<{address}>"), format!("]({name}")),
        (format!("]({address})"), format!("]({name})")),
        (format!("]({address} "), format!("]({name} ")),
    ] {
        if article.body.contains(&from) {
            article.body = article.body.replace(&from, &to);
        }
    }
}

/// Takes the image at `address` out of the article: the lead image (with its caption), and
/// each body image, which leaves its alt text.
pub(super) fn remove_image(article: &mut ImportedArticle, address: &str) {
    if article.image.as_deref() == Some(address) {
        article.image = None;
        article.image_caption = None;
    }
    let image = format!(
        r#"!\[((?:[^\]\\]|\\.)*)\]\(\s*(?:<{0}>|{0})(?:\s+"[^"]*")?\s*\)"#,
        regex::escape(address)
    );
    if let Ok(image) = regex::Regex::new(&image) {
        article.body = image.replace_all(&article.body, "$1").into_owned();
    }
}

/// The image format the bytes are in, as a file extension, by their signature.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else if bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(&bytes[8..12], b"avif" | b"avis")
    {
        Some("avif")
    } else {
        None
    }
}

/// A safe file name for the image at `address` with the `extension` its bytes show: the
/// last part of its path as a slug (`Foto Banjir (1).JPG` → `foto-banjir-1.jpg`), `foto`
/// when none is left, made unique among `taken` with `-2`, `-3`…
pub fn file_name(address: &str, extension: &str, taken: &mut HashSet<String>) -> String {
    let path = url::Url::parse(address)
        .map(|u| u.path().to_string())
        .unwrap_or_default();
    let last = path.rsplit('/').find(|p| !p.is_empty()).unwrap_or("");
    let last = percent_encoding::percent_decode_str(last).decode_utf8_lossy();
    let stem = match last.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => last.as_ref(),
    };
    let mut slug = crate::text::slugify(stem);
    if slug.len() > 60 {
        let mut cut = 60;
        while !slug.is_char_boundary(cut) {
            cut -= 1;
        }
        slug.truncate(cut);
        slug = slug.trim_end_matches('-').to_string();
    }
    // `index` would read as the page itself; a bare name as something else.
    if slug.is_empty() || slug == "index" {
        slug = "foto".into();
    }
    let mut name = format!("{slug}.{extension}");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{slug}-{n}.{extension}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_is_asked_again_only_after_the_delay() {
        let delay = Duration::from_millis(1000);
        let start = Instant::now();
        let later = |ms| start + Duration::from_millis(ms);
        assert_eq!(pause_before(None, start, delay), Duration::ZERO);
        assert_eq!(pause_before(Some(start), start, delay), delay);
        assert_eq!(
            pause_before(Some(start), later(300), delay),
            Duration::from_millis(700)
        );
        assert_eq!(
            pause_before(Some(start), later(1500), delay),
            Duration::ZERO
        );
    }

    #[test]
    fn only_real_image_bytes_are_recognized() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Some("jpg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("png"));
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Some("gif"));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0"), Some("avif"));
        for not_an_image in [
            &b"<!doctype html><title>404</title>"[..],
            b"",
            b"\xFF\xD8",
            b"RIFF\x24\0\0\0WAVEfmt ",
            b"\0\0\0\x1cftypmp42\0\0\0\0",
        ] {
            assert_eq!(sniff(not_an_image), None, "{not_an_image:?}");
        }
    }

    #[test]
    fn file_names_are_safe_unique_and_deterministic() {
        let mut taken = HashSet::new();
        let mut name = |address: &str, ext: &str| file_name(address, ext, &mut taken);
        assert_eq!(
            name("https://a.example/img/Foto%20Banjir%20(1).JPG?w=600", "jpg"),
            "foto-banjir-1.jpg"
        );
        assert_eq!(
            name("https://b.example/x/foto-banjir-1.jpeg", "jpg"),
            "foto-banjir-1-2.jpg"
        );
        assert_eq!(name("https://a.example/resize?src=x", "png"), "resize.png");
        assert_eq!(name("https://a.example/", "webp"), "foto.webp");
        assert_eq!(
            name("https://a.example/../../etc/passwd", "gif"),
            "passwd.gif"
        );
        assert_eq!(name("https://a.example/index.php", "jpg"), "foto.jpg");
        assert_eq!(name("https://a.example/.hidden", "jpg"), "hidden.jpg");
        let long = format!("https://a.example/{}.jpg", "panjang-".repeat(20));
        let long_name = name(&long, "jpg");
        assert!(
            long_name.len() <= 64 && long_name.ends_with(".jpg"),
            "{long_name}"
        );
    }

    #[test]
    fn body_images_are_found_and_pointed_at_their_files() {
        let mut article = ImportedArticle {
            image: Some("https://a.example/lead.jpg".into()),
            body: "Teks.\n\n![Warga \\[dok\\]](https://a.example/a.jpg \"Judul\")\n\n![](<https://a.example/b c.png>)\n\n[tautan](https://a.example/bukan-gambar.jpg)\n\n![lagi](https://a.example/a.jpg)\n".into(),
            ..ImportedArticle::default()
        };
        assert_eq!(
            body_images(&article.body),
            [
                "https://a.example/a.jpg",
                "https://a.example/b c.png",
                "https://a.example/a.jpg"
            ]
        );
        replace_address(&mut article, "https://a.example/lead.jpg", "lead.jpg");
        replace_address(&mut article, "https://a.example/a.jpg", "a.jpg");
        replace_address(&mut article, "https://a.example/b c.png", "b-c.png");
        assert_eq!(article.image.as_deref(), Some("lead.jpg"));
        assert_eq!(
            article.body,
            "Teks.\n\n![Warga \\[dok\\]](a.jpg \"Judul\")\n\n![](b-c.png)\n\n[tautan](https://a.example/bukan-gambar.jpg)\n\n![lagi](a.jpg)\n"
        );
    }
}
