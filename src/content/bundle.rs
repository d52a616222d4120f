//! Page bundles: `content/…/slug/index.md` with the article's own files (photos, PDFs) beside
//! it and in subfolders of its folder. The files are published next to the article's page,
//! and references to them in the article are made site paths when it is read, so the link
//! machinery of pages, cards and feeds treats them like any other site path.

use std::path::{Path, PathBuf};

use crate::cache::FileStamp;

/// What the warning about a reference to a file the bundle lacks says (`check` knows it by this).
pub const MISSING_FILE: &str = "names no file in the bundle folder";

/// The file that makes a folder a bundle.
pub const INDEX: &str = "index.md";

/// The folder whose files belong to the article in `file`: its folder if `file` is an
/// `index.md` below `content/` (an `index.md` right in `content/` is a plain article).
pub fn folder_of(content_dir: &Path, file: &Path) -> Option<PathBuf> {
    if file.file_name()? != INDEX {
        return None;
    }
    let folder = file.parent()?;
    (folder != content_dir && folder.starts_with(content_dir)).then(|| folder.to_path_buf())
}

/// The files of the bundle in `folder`, as `/`-separated paths inside it, sorted: every
/// plain file but Markdown files (articles of their own) and hidden ones, and nothing in a
/// subfolder that has its own `index.md` (a bundle of its own).
pub fn files(folder: &Path) -> Vec<String> {
    listing(folder)
        .files
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// A bundle's files ([`files`]), with the stamp of each raster image among them.
#[derive(Debug, Default)]
pub struct Listing {
    /// Each file's name, with the stamp `lstat` gives when it is a raster image (None for
    /// another file, or one that is a symbolic link). One list, not two: a cached build
    /// lists every bundle.
    files: Vec<(String, Option<FileStamp>)>,
}

impl Listing {
    /// The names of the bundle's files, sorted.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> {
        self.files.iter().map(|(name, _)| name.as_str())
    }

    /// The stamp of the raster image `name` of the bundle, if it is a plain file of it.
    pub fn stamp(&self, name: &str) -> Option<FileStamp> {
        let at = self
            .files
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()?;
        self.files[at].1
    }
}

/// The bundle's files and its images' stamps, read with one open of its folder and one
/// `stat`, relative to it, per image: a cached build tells unchanged photos with no other
/// look at them (a stat of each photo's full path walks every folder above it again).
pub fn listing(folder: &Path) -> Listing {
    let mut found = Vec::new();
    // Folders that cannot be listed are reported by the content listing itself.
    if let Ok(dir) = open_folder(rustix::fs::CWD, folder) {
        list_into(dir, "", &mut Vec::new(), &mut found);
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Listing { files: found }
}

fn open_folder<P: rustix::path::Arg>(
    at: impl std::os::fd::AsFd,
    path: P,
) -> rustix::io::Result<std::os::fd::OwnedFd> {
    use rustix::fs::{Mode, OFlags};
    rustix::fs::openat(
        at,
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
}

/// Adds the files of the folder `dir` (at `prefix` inside the bundle) to `found`, and
/// those of its subfolders but bundles of their own. Symbolic links are followed, once
/// around a loop (`ancestors`: the folders being listed, by device and inode).
fn list_into(
    dir: std::os::fd::OwnedFd,
    prefix: &str,
    ancestors: &mut Vec<(u64, u64)>,
    found: &mut Vec<(String, Option<FileStamp>)>,
) {
    use rustix::fs::{AtFlags, FileType};
    let Ok(this) = rustix::fs::fstat(&dir) else {
        return;
    };
    if ancestors.contains(&(this.st_dev, this.st_ino)) {
        return;
    }
    ancestors.push((this.st_dev, this.st_ino));
    let Ok(mut entries) = rustix::fs::Dir::new(dir) else {
        ancestors.pop();
        return;
    };
    let mut folders = Vec::new();
    while let Some(Ok(entry)) = entries.read() {
        let Ok(name) = entry.file_name().to_str() else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let Ok(fd) = entries.fd() else { break };
        // The entry's own C string names it to `statat` (no copy made to add a NUL).
        let c_name = entry.file_name();
        let kind = match entry.file_type() {
            FileType::Symlink | FileType::Unknown => {
                rustix::fs::statat(fd, c_name, AtFlags::empty())
                    .map(|s| FileType::from_raw_mode(s.st_mode))
                    .unwrap_or(FileType::Unknown)
            }
            kind => kind,
        };
        match kind {
            FileType::RegularFile if !name.ends_with(".md") => {
                let stamp = match (
                    entry.file_type(),
                    super::super::images::Format::of_name(name),
                ) {
                    (FileType::RegularFile, Some(_)) => {
                        rustix::fs::statat(fd, c_name, AtFlags::SYMLINK_NOFOLLOW)
                            .ok()
                            .map(|s| FileStamp::of_stat(&s))
                    }
                    _ => None,
                };
                found.push(([prefix, name].concat(), stamp));
            }
            FileType::Directory => {
                let is_bundle = rustix::fs::statat(fd, format!("{name}/{INDEX}"), AtFlags::empty())
                    .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::RegularFile);
                if !is_bundle && let Ok(sub) = open_folder(fd, name) {
                    folders.push((name.to_string(), sub));
                }
            }
            _ => {}
        }
    }
    for (name, sub) in folders {
        list_into(sub, &format!("{prefix}{name}/"), ancestors, found);
    }
    ancestors.pop();
}

/// The bundle that owns `path` (a file or folder inside content/, which may be gone): the
/// `index.md` of the nearest folder above it that has one, below `content_dir`.
pub fn owner(content_dir: &Path, path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .take_while(|dir| *dir != content_dir && dir.starts_with(content_dir))
        .map(|dir| dir.join(INDEX))
        .find(|index| index.is_file())
}

/// The site folder a bundle's files are published in, for an article at `page_path`: the
/// page's own folder (`/2024/05/27/slug/`), or for a page that is a file (`/slug.html`) a
/// folder named after it (`/slug/`).
pub fn site_folder(page_path: &str) -> String {
    if page_path.ends_with('/') {
        return page_path.to_string();
    }
    let (dir, name) = page_path.rsplit_once('/').unwrap_or(("", page_path));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{dir}/{stem}/")
}

/// `path` less the [`site_folder`] of the page at `page_path`, if it starts with it: the
/// same as stripping that folder, without making it (feeds and cards ask this of every
/// article with a photo).
pub fn strip_site_folder<'a>(page_path: &str, path: &'a str) -> Option<&'a str> {
    if page_path.ends_with('/') {
        return path.strip_prefix(page_path);
    }
    let (dir, name) = page_path.rsplit_once('/').unwrap_or(("", page_path));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    path.strip_prefix(dir)?
        .strip_prefix('/')?
        .strip_prefix(stem)?
        .strip_prefix('/')
}

/// The output file (relative to the output folder) of the bundle file `name`.
pub fn output_file(site_folder: &str, name: &str) -> String {
    crate::urls::output_file(&format!("{site_folder}{name}"))
}

/// [`output_file`] of the bundle file `name` of the article whose page is `page_path`,
/// written into one string with no [`site_folder`] made (publishing asks it of every photo
/// of every build).
pub fn output_file_of_page(page_path: &str, name: &str) -> String {
    let mut path = String::with_capacity(page_path.len() + name.len() + 1);
    if page_path.ends_with('/') {
        path.push_str(page_path);
    } else {
        let (dir, page) = page_path.rsplit_once('/').unwrap_or(("", page_path));
        path.push_str(dir);
        path.push('/');
        path.push_str(page.rsplit_once('.').map_or(page, |(stem, _)| stem));
        path.push('/');
    }
    path.push_str(name);
    let slashes = path.len() - path.trim_start_matches('/').len();
    if slashes == path.len() || path.ends_with('/') {
        return crate::urls::output_file(&path);
    }
    path.drain(..slashes);
    path
}

/// The size in bytes of the bundle file of `article` published at `site_path`, if it is one
/// (feeds give the size of a lead image).
pub fn size_of(article: &super::Article, site_path: &str) -> Option<u64> {
    let name = site_path.strip_prefix(site_folder(&article.path).as_str())?;
    let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    article
        .bundle()
        .binary_search_by(|f| f.as_str().cmp(&name))
        .ok()?;
    let folder = article.file.parent()?;
    std::fs::metadata(folder.join(name.as_ref()))
        .ok()
        .map(|m| m.len())
}

/// What a reference in a bundle's article points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Not a relative reference (a site path, a URL, a `#part`): left as written.
    Elsewhere,
    /// The site path of the bundle file it names (with its `?query#part`).
    File(String),
    /// A relative reference to no file of the bundle.
    Missing,
}

/// Resolves `reference` (as written, or entity-escaped in HTML: `&amp;` is read as `&`) among
/// the bundle's `files`, published in `site_folder`.
pub fn resolve(reference: &str, files: &[String], site_folder: &str) -> Target {
    let reference = reference.trim();
    if reference.is_empty() || reference.starts_with(['/', '#', '?']) || has_scheme(reference) {
        return Target::Elsewhere;
    }
    let end = reference.find(['?', '#']).unwrap_or(reference.len());
    let (name, rest) = reference.split_at(end);
    let name = name.strip_prefix("./").unwrap_or(name);
    let unescaped = name.replace("&amp;", "&");
    let decoded = percent_encoding::percent_decode_str(&unescaped).decode_utf8_lossy();
    match files.binary_search_by(|f| f.as_str().cmp(&decoded)) {
        Ok(_) => Target::File(format!("{site_folder}{name}{rest}")),
        Err(_) => Target::Missing,
    }
}

/// Whether a reference starts with a scheme (`https:`, `mailto:`, `data:`).
fn has_scheme(reference: &str) -> bool {
    reference.find(':').is_some_and(|colon| {
        let scheme = &reference[..colon];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The article HTML with every `src="…"` and `href="…"` that names a bundle file made its
/// site path, and the references that name no file of the bundle, each once, in order.
pub fn rewrite_html(html: &str, files: &[String], site_folder: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len() + 64);
    let mut missing: Vec<String> = Vec::new();
    let mut copied = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"=\"") {
        let before = &html[..at];
        if at < copied || !(before.ends_with(" href") || before.ends_with(" src")) {
            continue;
        }
        let value_start = at + 2;
        let Some(value_len) = html[value_start..].find('"') else {
            break;
        };
        let value = &html[value_start..value_start + value_len];
        match resolve(value, files, site_folder) {
            Target::Elsewhere => continue,
            Target::File(path) => {
                out.push_str(&html[copied..value_start]);
                out.push_str(&path);
                copied = value_start + value_len;
            }
            Target::Missing => {
                let value = value.replace("&amp;", "&");
                if !missing.contains(&value) {
                    missing.push(value);
                }
            }
        }
    }
    out.push_str(&html[copied..]);
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_holds_the_bundles_files_sorted_and_its_plain_images_stamps() {
        let dir = tempfile::tempdir().unwrap();
        let b = dir.path();
        for file in [
            "index.md",
            "foto.jpg",
            "a-b.pdf",
            "a/peta.png",
            ".tersembunyi.jpg",
            "lain/index.md",
            "lain/x.jpg",
        ] {
            std::fs::create_dir_all(b.join(file).parent().unwrap()).unwrap();
            std::fs::write(b.join(file), file).unwrap();
        }
        std::os::unix::fs::symlink(b.join("foto.jpg"), b.join("tautan.jpg")).unwrap();
        // A loop of folders is listed once around.
        std::os::unix::fs::symlink(b, b.join("a/putaran")).unwrap();
        let listing = listing(b);
        assert_eq!(
            listing.names().collect::<Vec<_>>(),
            ["a-b.pdf", "a/peta.png", "foto.jpg", "tautan.jpg"]
        );
        let stamp = |name: &str| {
            Some(FileStamp::exact(
                &std::fs::symlink_metadata(b.join(name)).unwrap(),
            ))
        };
        assert_eq!(listing.stamp("foto.jpg"), stamp("foto.jpg"));
        assert_eq!(listing.stamp("a/peta.png"), stamp("a/peta.png"));
        // Not an image; a symbolic link (looked at on every build); not in the bundle.
        assert_eq!(listing.stamp("a-b.pdf"), None);
        assert_eq!(listing.stamp("tautan.jpg"), None);
        assert_eq!(listing.stamp("lain/x.jpg"), None);
    }

    #[test]
    fn site_folders_of_folder_and_file_permalinks() {
        assert_eq!(site_folder("/2024/05/27/banjir/"), "/2024/05/27/banjir/");
        assert_eq!(site_folder("/banjir.html"), "/banjir/");
        assert_eq!(site_folder("/2024/banjir.html"), "/2024/banjir/");
    }

    #[test]
    fn stripping_a_site_folder_is_stripping_the_folder_made() {
        for page in [
            "/2024/05/27/banjir/",
            "/banjir.html",
            "/2024/banjir.html",
            "banjir",
        ] {
            for path in [
                "/2024/05/27/banjir/foto.jpg",
                "/banjir/foto.jpg",
                "/2024/banjir/foto.jpg",
                "/2024/banjir.html/foto.jpg",
                "/2024/banjirx/foto.jpg",
                "/banjir/",
                "/foto.jpg",
                "",
            ] {
                assert_eq!(
                    strip_site_folder(page, path),
                    path.strip_prefix(site_folder(page).as_str()),
                    "{page} {path}"
                );
            }
        }
    }

    #[test]
    fn an_output_file_of_a_page_is_the_one_of_its_site_folder() {
        for page in [
            "/2024/05/27/banjir/",
            "/banjir.html",
            "/2024/banjir.html",
            "banjir",
            "/",
            "",
        ] {
            for name in ["foto.jpg", "sub/foto a.jpg", "x"] {
                assert_eq!(
                    output_file_of_page(page, name),
                    output_file(&site_folder(page), name),
                    "{page} {name}"
                );
            }
        }
        assert_eq!(
            output_file_of_page("/2024/05/27/banjir/", "foto.jpg"),
            "2024/05/27/banjir/foto.jpg"
        );
    }

    #[test]
    fn resolves_relative_references_only() {
        let files = vec!["foto.jpg".to_string(), "sub/peta a.png".to_string()];
        let dir = "/2024/05/27/banjir/";
        let file = |p: &str| Target::File(p.to_string());
        assert_eq!(
            resolve("foto.jpg", &files, dir),
            file("/2024/05/27/banjir/foto.jpg")
        );
        assert_eq!(
            resolve("./foto.jpg#x", &files, dir),
            file("/2024/05/27/banjir/foto.jpg#x")
        );
        assert_eq!(
            resolve("sub/peta%20a.png", &files, dir),
            file("/2024/05/27/banjir/sub/peta%20a.png")
        );
        assert_eq!(resolve("lain.jpg", &files, dir), Target::Missing);
        for elsewhere in [
            "/images/a.jpg",
            "https://e.org/a.jpg",
            "#bagian",
            "mailto:a@b",
            "data:x",
        ] {
            assert_eq!(
                resolve(elsewhere, &files, dir),
                Target::Elsewhere,
                "{elsewhere}"
            );
        }
    }

    #[test]
    fn rewrites_src_and_href_and_lists_missing_files_once() {
        let files = vec!["foto.jpg".to_string()];
        let html = r##"<p><img src="foto.jpg" alt="foto.jpg"><a href="x.pdf">a</a><a href="x.pdf">b</a><a href="#c">c</a></p>"##;
        let (out, missing) = rewrite_html(html, &files, "/b/");
        assert_eq!(
            out,
            r##"<p><img src="/b/foto.jpg" alt="foto.jpg"><a href="x.pdf">a</a><a href="x.pdf">b</a><a href="#c">c</a></p>"##
        );
        assert_eq!(missing, vec!["x.pdf".to_string()]);
    }
}
