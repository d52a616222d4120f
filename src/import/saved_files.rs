//! Images of pages saved with their files, taken from disk with no network: "Save page as…
//! complete" (`page.html` beside `page_files/`), `wget -p` trees (`host/path/page.html`
//! beside `host/img/photo.jpg`) and SingleFile pages (images inlined as `data:` URIs).
//!
//! Before a page is extracted, every `<img src>` that names such a file (a relative path to a
//! file in the page's folder or its `wget` host folder, a site path or address of the host
//! whose folder holds the page, or a `data:image/…;base64,` URI) is replaced by a stand-in
//! address, [`STAND_IN`]`N/name`, which the extractor keeps like any image address. After
//! extraction the images the article kept are given to its bundle like fetched ones.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64::Engine;

use super::ImportedArticle;

/// The start of a stand-in address (`.invalid` never resolves: nothing leaks if one stayed).
pub const STAND_IN: &str = "https://saved-file.cermin.invalid/";

/// Images below this size inlined as `data:` URIs are lazy-loading placeholders (1×1 GIFs,
/// blurred previews), not the page's photos: left for the extractor to pass over.
const SMALLEST_INLINE_PHOTO: usize = 512;

/// A page's images found on disk, by the number in their stand-in address.
#[derive(Debug, Default)]
pub struct SavedImages {
    images: Vec<SavedImage>,
}

#[derive(Debug)]
struct SavedImage {
    /// How the page named it (a path, or `data:image/png` for an inlined one), for messages
    /// and the file name.
    reference: String,
    bytes: Result<Vec<u8>, String>,
}

/// What giving the saved images to an article gave.
#[derive(Debug, Default)]
pub struct Taken {
    /// The files for the article's bundle: (file name, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// One line per image left out: how the page named it and why.
    pub problems: Vec<String>,
}

impl SavedImages {
    pub fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    /// Replaces the page's images found on disk by stand-in addresses. `page` is the HTML
    /// file (it names the folders looked in), `max_bytes` the largest image kept.
    pub fn find(page: &Path, html: &[u8], max_bytes: u64) -> (Vec<u8>, SavedImages) {
        static IMG: OnceLock<regex::bytes::Regex> = OnceLock::new();
        static SRC: OnceLock<regex::bytes::Regex> = OnceLock::new();
        let img = IMG.get_or_init(|| regex::bytes::Regex::new(r"(?i)<img\b[^>]*>").unwrap());
        let src = SRC.get_or_init(|| {
            regex::bytes::Regex::new(r#"(?i)\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
                .unwrap()
        });
        let folders = Folders::of(page);
        let mut saved = SavedImages::default();
        let mut out = Vec::with_capacity(html.len());
        let mut copied = 0;
        for tag in img.find_iter(html) {
            let Some(value) = src.captures(tag.as_bytes()).and_then(|c| {
                c.get(1)
                    .or_else(|| c.get(2))
                    .or_else(|| c.get(3))
                    .map(|m| (tag.start() + m.start(), tag.start() + m.end()))
            }) else {
                continue;
            };
            let reference = String::from_utf8_lossy(&html[value.0..value.1]);
            let reference = reference.trim().replace("&amp;", "&");
            let lazy = memchr::memmem::find(tag.as_bytes(), b"data-src").is_some();
            let Some(image) = folders.image(&reference, lazy, max_bytes) else {
                continue;
            };
            let name = match image.reference.starts_with("data:") {
                true => "foto".to_string(),
                false => last_part(&image.reference),
            };
            let stand_in = format!("{STAND_IN}{}/{name}", saved.images.len());
            saved.images.push(image);
            out.extend_from_slice(&html[copied..value.0]);
            out.extend_from_slice(stand_in.as_bytes());
            copied = value.1;
        }
        if saved.is_empty() {
            return (html.to_vec(), saved);
        }
        out.extend_from_slice(&html[copied..]);
        (out, saved)
    }

    /// Points the article's stand-in addresses at bundle files (named from `taken_names` on,
    /// unique); an image that cannot be used is taken out of the article and reported.
    pub fn give_to(
        &self,
        article: &mut ImportedArticle,
        names: &mut std::collections::HashSet<String>,
    ) -> Taken {
        let mut taken = Taken::default();
        // A saved page's lead image (its og:image) is the photo's address on the web, while
        // the photo itself was saved beside the page: the saved file of that name is the
        // lead, so the mirror does not show a link to the source in its place.
        if let Some(saved) = article
            .image
            .as_deref()
            .filter(|lead| !lead.starts_with(STAND_IN))
            .and_then(|lead| self.stand_in_named_like(lead))
        {
            article.image = Some(saved);
        }
        let mut used: Vec<String> = article.image.iter().cloned().collect();
        used.extend(super::images::body_images(&article.body));
        let mut seen = std::collections::HashSet::new();
        used.retain(|a| a.starts_with(STAND_IN) && seen.insert(a.clone()));
        for address in used {
            let Some(image) = address[STAND_IN.len()..]
                .split('/')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| self.images.get(n))
            else {
                continue;
            };
            let checked = image
                .bytes
                .as_ref()
                .map_err(String::clone)
                .and_then(|bytes| {
                    super::images::sniff(bytes)
                        .map(|ext| (bytes, ext))
                        .ok_or_else(|| "not a JPEG, PNG, WebP, GIF or AVIF image".to_string())
                });
            match checked {
                Ok((bytes, extension)) => {
                    let name = super::images::file_name(&address, extension, names);
                    super::images::replace_address(article, &address, &name);
                    taken.files.push((name, bytes.clone()));
                }
                Err(reason) => {
                    super::images::remove_image(article, &address);
                    taken.problems.push(format!(
                        "image {} left out: {reason}",
                        shortened(&image.reference)
                    ));
                }
            }
        }
        taken
    }
}

impl SavedImages {
    /// The stand-in address of the first image saved on disk whose file name is the last
    /// part of `address` (an address on the web), if one is.
    fn stand_in_named_like(&self, address: &str) -> Option<String> {
        let path = address.split(['?', '#']).next().unwrap_or(address);
        path.rsplit('/').next().filter(|last| last.contains('.'))?;
        let name = last_part(address);
        self.images
            .iter()
            .position(|image| {
                !image.reference.starts_with("data:") && last_part(&image.reference) == name
            })
            .map(|n| format!("{STAND_IN}{n}/{name}"))
    }

    /// Gives the article's stand-in addresses back as the page wrote them (`data:` URIs
    /// shortened to their type), for showing what was extracted.
    pub fn restore(&self, article: &mut ImportedArticle) {
        static STAND_INS: OnceLock<regex::Regex> = OnceLock::new();
        let stand_ins = STAND_INS.get_or_init(|| {
            regex::Regex::new(&format!(r#"{}(\d+)/[^\s)>"]*"#, regex::escape(STAND_IN))).unwrap()
        });
        let restore = |text: &str| -> String {
            stand_ins
                .replace_all(text, |c: &regex::Captures| {
                    c[1].parse::<usize>()
                        .ok()
                        .and_then(|n| self.images.get(n))
                        .map_or(c[0].to_string(), |i| i.reference.clone())
                })
                .into_owned()
        };
        article.image = article.image.as_deref().map(restore);
        article.body = restore(&article.body);
    }

    /// Takes every saved image out of an article that cannot keep files (a plain `slug.md`
    /// already in content/), with a line for each.
    pub fn strip(&self, article: &mut ImportedArticle) -> Vec<String> {
        let mut used: Vec<String> = article.image.iter().cloned().collect();
        used.extend(super::images::body_images(&article.body));
        let mut seen = std::collections::HashSet::new();
        used.retain(|a| a.starts_with(STAND_IN) && seen.insert(a.clone()));
        used.into_iter()
            .map(|address| {
                super::images::remove_image(article, &address);
                let reference = address[STAND_IN.len()..]
                    .split('/')
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| self.images.get(n))
                    .map_or(address.clone(), |i| shortened(&i.reference));
                format!(
                    "image {reference} left out: the article is a plain file, not a page bundle (slug/index.md) that can hold it"
                )
            })
            .collect()
    }
}

/// Where a saved page's files can be: its folder, and the host folder of a `wget` tree.
struct Folders {
    page_folder: PathBuf,
    /// The nearest folder above the page named like a host (`news.example.id`), with its name.
    host: Option<(PathBuf, String)>,
}

impl Folders {
    fn of(page: &Path) -> Folders {
        let page_folder = page
            .parent()
            .map(|p| match p.as_os_str().is_empty() {
                true => PathBuf::from("."),
                false => p.to_path_buf(),
            })
            .unwrap_or_else(|| PathBuf::from("."));
        let page_folder = page_folder.canonicalize().unwrap_or(page_folder);
        let host = page_folder.ancestors().find_map(|dir| {
            let name = dir.file_name()?.to_str()?;
            looks_like_host(name).then(|| (dir.to_path_buf(), name.to_ascii_lowercase()))
        });
        Folders { page_folder, host }
    }

    /// The saved image a page's `reference` names, if it is on disk or inlined.
    fn image(&self, reference: &str, lazy: bool, max_bytes: u64) -> Option<SavedImage> {
        if let Some(data) = reference.strip_prefix("data:") {
            let bytes = inline_image(data)?;
            if bytes.len() < SMALLEST_INLINE_PHOTO || lazy {
                return None;
            }
            let bytes = match bytes.len() as u64 > max_bytes {
                true => Err(too_big(max_bytes)),
                false => Ok(bytes),
            };
            let kind = data.split([';', ',']).next().unwrap_or("image");
            return Some(SavedImage {
                reference: format!("data:{kind}"),
                bytes,
            });
        }
        let file = self.file(reference)?;
        let bytes = match std::fs::metadata(&file) {
            Ok(m) if m.len() > max_bytes => Err(too_big(max_bytes)),
            _ => std::fs::read(&file).map_err(|e| format!("cannot read it: {e}")),
        };
        Some(SavedImage {
            reference: reference.to_string(),
            bytes,
        })
    }

    /// The file on disk a reference names, inside the page's folder or its host folder.
    fn file(&self, reference: &str) -> Option<PathBuf> {
        let (candidate, inside) = match url::Url::parse(reference) {
            // An address of the host whose folder holds the page (`wget` without -k).
            Ok(url) => {
                let (folder, host) = self.host.as_ref()?;
                if url.host_str()?.to_ascii_lowercase() != *host {
                    return None;
                }
                let path = folder.join(decoded(url.path()).trim_start_matches('/'));
                // `wget` keeps a query in the file's name (`foto.jpg?w=600`).
                let with_query = url.query().map(|q| {
                    let mut name = path.clone().into_os_string();
                    name.push(format!("?{q}"));
                    PathBuf::from(name)
                });
                (with_query.filter(|p| p.is_file()).unwrap_or(path), folder)
            }
            Err(_) if reference.starts_with("//") => return None,
            Err(_) => {
                let path = reference.split(['?', '#']).next().unwrap_or(reference);
                match path.strip_prefix('/') {
                    Some(rest) => {
                        let (folder, _) = self.host.as_ref()?;
                        (folder.join(decoded(rest)), folder)
                    }
                    None => {
                        let inside = self.host.as_ref().map_or(&self.page_folder, |(f, _)| f);
                        (self.page_folder.join(decoded(path)), inside)
                    }
                }
            }
        };
        let file = candidate.canonicalize().ok()?;
        (file.starts_with(inside) && file.is_file()).then_some(file)
    }
}

/// Whether a folder name is a host name as `wget` names its folders (`www.news.example.id`,
/// `127.0.0.1:8080`).
fn looks_like_host(name: &str) -> bool {
    name.contains('.')
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && name.rsplit('.').next().is_some_and(|tld| {
            tld.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                || name.split('.').all(|p| p.parse::<u8>().is_ok())
        })
}

/// The bytes of an inlined `image/…;base64,` URI (after `data:`).
fn inline_image(data: &str) -> Option<Vec<u8>> {
    let (meta, payload) = data.split_once(',')?;
    let meta = meta.to_ascii_lowercase();
    if !meta.starts_with("image/") || !meta.ends_with(";base64") {
        return None;
    }
    let clean: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean.trim_end_matches('='))
        .or_else(|_| {
            base64::engine::general_purpose::STANDARD_NO_PAD.decode(clean.trim_end_matches('='))
        })
        .ok()
}

fn decoded(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

/// The last part of a path, to name its stand-in (and so its bundle file) after it.
fn last_part(reference: &str) -> String {
    let path = reference.split(['?', '#']).next().unwrap_or(reference);
    let last = path.rsplit('/').find(|p| !p.is_empty()).unwrap_or("foto");
    percent_encoding::utf8_percent_encode(&decoded(last), percent_encoding::NON_ALPHANUMERIC)
        .to_string()
}

fn too_big(limit: u64) -> String {
    format!("larger than {limit} bytes (fetch_max_bytes)")
}

/// A reference short enough for a message line.
fn shortened(reference: &str) -> String {
    match reference.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &reference[..at]),
        None => reference.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_folders_are_told_from_other_folders() {
        for host in [
            "news.example.id",
            "www.kompas.com",
            "127.0.0.1",
            "localhost.localdomain",
        ] {
            assert!(looks_like_host(host), "{host}");
        }
        for folder in [
            "page_files",
            "2024",
            "v1.2",
            ".cache",
            "My Pages.d",
            "Berita_files",
        ] {
            assert!(!looks_like_host(folder), "{folder}");
        }
    }

    #[test]
    fn files_are_read_only_inside_the_page_folder_or_its_host_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let write = |rel: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, b"x").unwrap();
            path
        };
        let secret = write("rahasia.jpg");
        write("saved/Berita_files/foto.jpg");
        std::os::unix::fs::symlink(&secret, root.join("saved/Berita_files/tautan.jpg")).unwrap();
        let saved = Folders::of(&root.join("saved/Berita.html"));
        assert_eq!(
            saved.file("Berita_files/foto.jpg"),
            Some(root.join("saved/Berita_files/foto.jpg"))
        );
        for outside in [
            "../rahasia.jpg",
            "Berita_files/tautan.jpg",
            "/rahasia.jpg",
            "https://a.example/rahasia.jpg",
            "//a.example/rahasia.jpg",
            "Berita_files",
        ] {
            assert_eq!(saved.file(outside), None, "{outside}");
        }
        write("wget/a.example/img/peta.png");
        write("wget/a.example/berita/2024/banjir.html");
        let tree = Folders::of(&root.join("wget/a.example/berita/2024/banjir.html"));
        for inside in [
            "/img/peta.png",
            "../../img/peta.png",
            "https://A.example/img/peta.png",
        ] {
            assert_eq!(
                tree.file(inside),
                Some(root.join("wget/a.example/img/peta.png")),
                "{inside}"
            );
        }
        for outside in ["../../../../rahasia.jpg", "https://b.example/img/peta.png"] {
            assert_eq!(tree.file(outside), None, "{outside}");
        }
    }

    #[test]
    fn only_base64_images_are_inlined_images() {
        assert_eq!(
            inline_image("image/png;base64,iVBORw0KGgo="),
            Some(b"\x89PNG\r\n\x1a\n".to_vec())
        );
        assert_eq!(inline_image("image/svg+xml,%3Csvg%3E"), None);
        assert_eq!(inline_image("text/html;base64,PGI+"), None);
        assert_eq!(inline_image("image/png;base64,@@@"), None);
    }
}
