//! The build cache (`.cermin-cache/`) never changes what a build writes: after every step of a
//! long random sequence of edits (and of tampering with the output and the cache itself), a
//! cached build is byte for byte an uncached one.

use std::fs;
use std::os::unix::fs::MetadataExt;

use crate::common::edits::World;
use crate::common::{Fixture, snapshot};

/// Builds with the cache into public/ and without it into `fresh/`; both must be equal.
fn assert_cached_equals_uncached(f: &Fixture, history: &[String]) -> String {
    assert_cached_with_equals_uncached(f, &[], history)
}

/// [`assert_cached_equals_uncached`] with `args` given to the cached build.
fn assert_cached_with_equals_uncached(f: &Fixture, args: &[&str], history: &[String]) -> String {
    let cached = f.build(args);
    assert!(
        cached.ok,
        "after:\n{}\n{}",
        history.join("\n"),
        cached.stderr
    );
    let fresh = f.root().join("fresh");
    let uncached = f.build(&["--no-cache", "--output", fresh.to_str().unwrap()]);
    assert!(uncached.ok, "{}", uncached.stderr);
    let (a, b) = (snapshot(&f.root().join("public")), snapshot(&fresh));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "after:\n{}", history.join("\n"));
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs after:\n{}", history.join("\n"));
    }
    cached.stdout
}

#[test]
fn random_edits_build_the_same_with_and_without_the_cache() {
    for seed in [0x51ed_2701_c0ff_ee11u64, 0x0dd5_eed5_1234_4321] {
        let mut world = World::new(seed, 10);
        let mut history = vec!["first build".to_string()];
        assert_cached_equals_uncached(&world.f, &history);
        for step in 0..36 {
            let (what, _) = world.step();
            history.push(what);
            let public = world.f.root().join("public");
            // Damage below the top of public/ (a file changed in place, one deleted in a
            // folder) is repaired by a build that looks at every file; a plain cached build
            // trusts a folder left untouched at its top and repairs the rest.
            let mut verify = false;
            match step % 9 {
                // A deploy script that appends to a page in place (same inode, shared with
                // the cache): the page must be rendered again, not reused.
                2 => {
                    verify = true;
                    use std::io::Write;
                    let mut index = fs::OpenOptions::new()
                        .append(true)
                        .open(public.join("index.html"))
                        .unwrap();
                    index.write_all(b"<!-- tampered -->").unwrap();
                    history.push("append to public/index.html in place".into());
                }
                4 => {
                    fs::remove_dir_all(&public).unwrap();
                    history.push("rm -rf public".into());
                }
                6 => {
                    verify = true;
                    fs::remove_file(public.join("tags/index.html")).unwrap();
                    history.push("rm public/tags/index.html".into());
                }
                7 => {
                    // As an editor saves a file: a new one renamed over it.
                    let other = public.join("index.html.tmp");
                    fs::write(&other, "<p>diedit</p>").unwrap();
                    fs::rename(&other, public.join("index.html")).unwrap();
                    history.push("save public/index.html by renaming a new file over it".into());
                }
                8 => {
                    // A damaged cache is ignored, never trusted.
                    // The kept search index's files too (in `search/` and below).
                    let cache = world.f.root().join(".cermin-cache");
                    for entry in walkdir::WalkDir::new(&cache) {
                        let path = entry.unwrap().into_path();
                        if path.extension().is_some_and(|e| e == "bin") {
                            let bytes = fs::read(&path).unwrap();
                            fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
                        }
                    }
                    history.push("truncate every cache file".into());
                }
                _ => {}
            }
            let args: &[&str] = if verify { &["--verify-output"] } else { &[] };
            assert_cached_with_equals_uncached(&world.f, args, &history);
        }
    }
}

#[test]
fn a_build_with_nothing_changed_writes_nothing() {
    let world = World::new(7, 8);
    let f = &world.f;
    let first = f.build_ok(&[]);
    assert!(
        first.stdout.contains(" files written, 0 unchanged)"),
        "{}",
        first.stdout
    );
    let index = f.public("index.html");
    let before = fs::metadata(&index).unwrap();
    let second = f.build_ok(&[]);
    let files = snapshot(&f.root().join("public")).len();
    assert!(
        second
            .stdout
            .contains(&format!("(0 files written, {files} unchanged)")),
        "{}",
        second.stdout
    );
    let after = fs::metadata(&index).unwrap();
    assert_eq!(
        (before.ino(), before.mtime(), before.mtime_nsec()),
        (after.ino(), after.mtime(), after.mtime_nsec())
    );
    // A fresh output folder is filled from the cache: nothing rendered or written again.
    fs::remove_dir_all(f.root().join("public")).unwrap();
    let third = f.build_ok(&[]);
    assert!(
        third
            .stdout
            .contains(&format!("(0 files written, {files} unchanged)")),
        "{}",
        third.stdout
    );
}

/// The cache links every output file side by side in one folder (a folder per page would
/// make a first build's cache nearly as dear as the site); one it cannot trust (no manifest)
/// is emptied, not merged with.
#[test]
fn the_cache_keeps_its_links_in_one_folder_and_drops_one_it_cannot_trust() {
    let world = World::new(11, 6);
    let f = &world.f;
    f.build_ok(&[]);
    let farm = f.root().join(".cermin-cache/output");
    let entries = |dir: &std::path::Path| {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect::<Vec<_>>()
    };
    let files = snapshot(&f.root().join("public")).len();
    let links = entries(&farm);
    assert_eq!(links.len(), files);
    for link in &links {
        assert!(link.file_type().unwrap().is_file(), "{:?}", link.path());
        assert_eq!(
            fs::metadata(link.path()).unwrap().nlink(),
            2,
            "{:?}",
            link.path()
        );
    }
    // Killed mid-save: no manifest, and a stray file and folder in the links' folder.
    fs::remove_file(f.root().join(".cermin-cache/output.bin")).unwrap();
    fs::write(farm.join("stray"), "x").unwrap();
    fs::create_dir(farm.join("2024")).unwrap();
    fs::remove_dir_all(f.root().join("public")).unwrap();
    let rebuilt = f.build_ok(&[]);
    assert!(
        rebuilt
            .stdout
            .contains(&format!("({files} files written, 0 unchanged)")),
        "{}",
        rebuilt.stdout
    );
    assert_eq!(entries(&farm).len(), files);
    assert!(!farm.join("stray").exists() && !farm.join("2024").exists());
    fs::remove_dir_all(f.root().join("public")).unwrap();
    let linked = f.build_ok(&[]);
    assert!(
        linked
            .stdout
            .contains(&format!("(0 files written, {files} unchanged)")),
        "{}",
        linked.stdout
    );
}

/// Sets the modification time of public/ itself an hour back, as if the last build had been a
/// while ago: the folder's stamp is trusted only when recorded before the clock tick in which
/// the manifest was written, which a small build may share.
fn age_public(f: &Fixture) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::open(f.root().join("public"))
        .unwrap()
        .set_modified(past)
        .unwrap();
}

/// A cached build trusts the output folder it left, while nothing was added, removed or
/// renamed at its top: it does not look at each file it made there (a `stat` per file is
/// most of a one-edit build of a big site). Damage at the top is seen and repaired; a page
/// changed in place or deleted in a folder below is not, until `--verify-output` looks at
/// every file.
#[test]
fn a_cached_build_trusts_untouched_output_and_verify_output_looks_at_every_file() {
    use std::io::Write;
    let world = World::new(5, 6);
    let f = &world.f;
    f.build_ok(&[]);
    age_public(f);
    // The stamp changed: every file is looked at, and the new stamp recorded.
    f.build_ok(&[]);
    let files = snapshot(&f.root().join("public")).len();
    let (index, tags) = (f.read("index.html"), f.read("tags/index.html"));
    fs::remove_file(f.public("tags/index.html")).unwrap();
    fs::OpenOptions::new()
        .append(true)
        .open(f.public("index.html"))
        .unwrap()
        .write_all(b"<!-- tampered -->")
        .unwrap();
    let plain = f.build_ok(&[]);
    assert!(
        plain
            .stdout
            .contains(&format!("(0 files written, {files} unchanged)")),
        "{}",
        plain.stdout
    );
    assert!(!f.exists("tags/index.html"), "a plain build looked");
    assert_eq!(f.read("index.html"), format!("{index}<!-- tampered -->"));
    f.build_ok(&["--verify-output"]);
    assert_eq!(f.read("tags/index.html"), tags);
    assert_eq!(f.read("index.html"), index);
    // At the top of public/: a file removed, and one replaced by another renamed over it.
    fs::remove_file(f.public("robots.txt")).unwrap();
    fs::write(f.public("new.tmp"), "rusak").unwrap();
    fs::rename(f.public("new.tmp"), f.public("404.html")).unwrap();
    assert_cached_equals_uncached(f, &["rm public/robots.txt, replace public/404.html".into()]);
}

/// A site whose output folder is trusted and whose page `LAMA` was deleted there by hand,
/// then five new articles: the next build swaps a whole new tree in (more than a tenth of the
/// files changed). Gives the deleted page's bytes and inode.
const LAMA: &str = "2020/01/01/lama/index.html";

fn trusted_page_deleted_before_a_swap(f: &Fixture) -> (String, u64) {
    // The new articles come after `tengah`: `lama`'s page (its neighbours) stays the same.
    f.article("content/lama.md", "Lama", "2020-01-01", "", "Isi lama.");
    f.article("content/tengah.md", "Tengah", "2021-01-01", "", "Isi.");
    f.build_ok(&[]);
    age_public(f);
    f.build_ok(&[]);
    let made = (f.read(LAMA), fs::metadata(f.public(LAMA)).unwrap().ino());
    fs::remove_file(f.public(LAMA)).unwrap();
    for i in 0..5 {
        f.article(
            &format!("content/baru{i}.md"),
            &format!("Baru {i}"),
            &format!("2024-02-0{}", i + 1),
            "",
            "Isi baru.",
        );
    }
    made
}

/// A page kept without a look in a trusted output folder, but deleted there by hand, is
/// linked from the cache when the build swaps a whole new tree in, not lost and not an error.
#[test]
fn a_trusted_page_deleted_by_hand_is_linked_from_the_cache_into_a_new_tree() {
    let f = Fixture::new();
    let (page, made) = trusted_page_deleted_before_a_swap(&f);
    let ino = |rel: &str| fs::metadata(f.root().join(rel)).unwrap().ino();
    let before = ino("public");
    let run = f.build_ok(&[]);
    assert_ne!(ino("public"), before, "not swapped: {}", run.stdout);
    assert_eq!(f.read(LAMA), page);
    assert_eq!(
        ino(&format!("public/{LAMA}")),
        made,
        "rendered again, not linked from the cache"
    );
}

/// The same page gone from the cache too: the build stops with the command that makes it
/// again, and the output folder is left as it was.
#[test]
fn a_trusted_page_gone_from_public_and_the_cache_stops_the_build_with_the_fix() {
    let f = Fixture::new();
    let (_, made) = trusted_page_deleted_before_a_swap(&f);
    // The cache's copy is the same file (a hard link), named by a hash of its path.
    let copies: Vec<_> = fs::read_dir(f.root().join(".cermin-cache/output"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| fs::metadata(p).unwrap().ino() == made)
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    fs::remove_file(&copies[0]).unwrap();
    let home = f.read("index.html");
    let run = f.build(&[]);
    assert!(!run.ok, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "error: ./public/{LAMA} was removed from the output folder, and the build cache has no copy of it: run `cermin build --verify-output` to make it again\n"
        )
    );
    assert_eq!(f.read("index.html"), home, "public/ changed");
    f.build_ok(&["--verify-output"]);
    assert!(f.public(LAMA).exists());
}

/// Bodies stay in the cache's shard files until a page needs them. One damaged in place
/// (never done by cermin, which replaces files whole) fails the build that reads it with a
/// message naming the file, which is removed: the next build parses those articles again.
#[test]
fn a_damaged_cached_body_is_reported_and_dropped() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "Satu",
        "2024-01-01",
        "",
        "Isi pertama yang cukup panjang.",
    );
    f.build_ok(&[]);
    let shard = fs::read_dir(f.root().join(".cermin-cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("articles-")
        })
        .unwrap();
    // The body is the end of the file.
    let mut bytes = fs::read(&shard).unwrap();
    let last = bytes.len() - 2;
    assert!(bytes[last].is_ascii_graphic(), "{:?}", bytes[last] as char);
    bytes[last] = if bytes[last] == b'x' { b'y' } else { b'x' };
    fs::write(&shard, &bytes).unwrap();
    let before = snapshot(&f.root().join("public"));
    // Nothing to render: the body is not read.
    f.build_ok(&[]);
    // New settings render every page again, from the cached article.
    let settings = fs::read_to_string(f.root().join("site.toml")).unwrap();
    let retitled = settings.replacen("title = \"", "title = \"Baru ", 1);
    assert_ne!(retitled, settings);
    f.write("site.toml", &retitled);
    let failed = f.build(&[]);
    assert!(!failed.ok);
    assert_eq!(
        failed.stderr.trim_end(),
        format!(
            "error: the build cache file ./.cermin-cache/{} is damaged (now removed): run the build again",
            shard.file_name().unwrap().to_str().unwrap()
        )
    );
    assert!(!shard.exists());
    assert!(
        snapshot(&f.root().join("public")) == before,
        "output left as it was"
    );
    f.build_ok(&[]);
    assert!(
        f.read("2024/01/01/a/index.html")
            .contains("Isi pertama yang cukup panjang.")
    );
}

#[test]
fn no_cache_neither_reads_nor_writes_the_cache() {
    let f = Fixture::new();
    f.article("content/a.md", "Satu", "2024-01-01", "", "Pertama.");
    f.build_ok(&["--no-cache"]);
    assert!(!f.root().join(".cermin-cache").exists());
    f.build_ok(&[]);
    let manifest = f.root().join(".cermin-cache/output.bin");
    let cached = fs::read(&manifest).unwrap();
    f.article("content/a.md", "Dua", "2024-01-01", "", "Kedua.");
    f.build_ok(&["--no-cache"]);
    assert!(f.read("index.html").contains("Dua"));
    assert_eq!(fs::read(&manifest).unwrap(), cached);
}

#[test]
fn warnings_of_cached_articles_are_repeated() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "colour: red\n", "Satu.");
    let first = f.build_ok(&[]);
    let second = f.build_ok(&[]);
    let warning = "warning: content/a.md:4: unknown front matter key `colour` is ignored";
    assert!(first.stderr.contains(warning), "{}", first.stderr);
    assert!(second.stderr.contains(warning), "{}", second.stderr);
    // Run from elsewhere, the cache is still used and the message names the file as given.
    let root = f.root().to_str().unwrap();
    let third = f.build_ok(&["--root", root]);
    let warning = format!("{root}/content/a.md:4: unknown front matter key `colour` is ignored");
    assert!(third.stderr.contains(&warning), "{}", third.stderr);
    assert!(
        third.stdout.contains("(0 files written,"),
        "{}",
        third.stdout
    );
}

/// Files not modified for a while are recognized by size, time and inode without being read;
/// an edit (which sets the modification time) is still seen, and so is a replaced file.
#[test]
fn old_files_are_known_by_their_stamp_and_edits_are_still_seen() {
    let f = Fixture::new();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let age = |rel: &str| {
        fs::File::options()
            .write(true)
            .open(f.root().join(rel))
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    };
    f.article("content/a.md", "Lama", "2024-01-01", "", "Isi.");
    f.article("content/b.md", "Kedua", "2024-01-02", "", "Isi.");
    age("content/a.md");
    age("content/b.md");
    f.build_ok(&[]);
    f.build_ok(&[]);
    f.article("content/a.md", "Baru", "2024-01-01", "", "Isi.");
    // Replaced by another file (new inode) with the old time, as `rsync -t` does.
    f.article("content/c.md", "Ganti", "2024-01-02", "", "Isi.");
    fs::rename(f.root().join("content/c.md"), f.root().join("content/b.md")).unwrap();
    age("content/b.md");
    f.build_ok(&[]);
    let a = f.read("2024/01/01/a/index.html");
    assert!(a.contains("<h1 class=\"article-title\">Baru</h1>"), "{a}");
    let b = f.read("2024/01/02/b/index.html");
    assert!(b.contains("<h1 class=\"article-title\">Ganti</h1>"), "{b}");
}

/// A cache that cannot be written is one warning; the build itself succeeds.
#[test]
fn an_unwritable_cache_is_a_warning_not_an_error() {
    let f = Fixture::new();
    f.article("content/a.md", "Satu", "2024-01-01", "", "Pertama.");
    f.write(".cermin-cache", "bukan folder");
    let run = f.build_ok(&[]);
    assert_eq!(
        run.stderr.trim_end(),
        "warning: cannot update the build cache ./.cermin-cache: File exists (os error 17) (the next build will be slower; delete ./.cermin-cache if this persists)"
    );
    assert!(f.read("index.html").contains("Satu"));
}

/// A build that changes a few files of a big output updates public/ in place: the changed
/// files are renamed over the old ones and files no longer made are deleted with their
/// emptied folders, instead of a whole new tree of links being made and the old one deleted
/// (minutes at a million articles). The result is still byte for byte an uncached build.
#[test]
fn a_small_change_updates_public_in_place() {
    let f = Fixture::new();
    for i in 0..150 {
        f.article(
            &format!("content/a{i}.md"),
            &format!("Berita {i}"),
            &format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "",
            &format!("Isi {i}."),
        );
    }
    f.build_ok(&[]);
    let ino = |rel: &str| fs::metadata(f.root().join(rel)).unwrap().ino();
    let (public, untouched) = (ino("public"), ino("public/2020/03/03/a2/index.html"));
    // A body edited, and the oldest article (tied with a0 on the first day) deleted.
    f.article("content/a1.md", "Berita 1", "2020-02-02", "", "Isi baru.");
    fs::remove_file(f.root().join("content/a84.md")).unwrap();
    let run = f.build_ok(&[]);
    assert_eq!(ino("public"), public, "public/ was replaced, not updated");
    assert_eq!(ino("public/2020/03/03/a2/index.html"), untouched);
    assert!(f.read("2020/02/02/a1/index.html").contains("Isi baru."));
    assert!(
        !f.exists("2020/01/01/a84"),
        "the deleted article's folder stayed"
    );
    assert!(run.stdout.contains(" files written, "), "{}", run.stdout);
    let fresh = f.root().join("fresh");
    f.build_ok(&["--no-cache", "--output", fresh.to_str().unwrap()]);
    assert_eq!(snapshot(&f.root().join("public")), snapshot(&fresh));
}

/// Sets the modification time of every folder of public/ to one fixed moment long past, as
/// if the last build had been a while ago: the cache records a folder's stamp only when it
/// has not changed in the last seconds, and keeps a photo's files at once while it stands.
fn age_public_folders(f: &Fixture) {
    let past = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    let public = f.root().join("public");
    if !public.exists() {
        return;
    }
    for entry in walkdir::WalkDir::new(public) {
        let entry = entry.unwrap();
        if entry.file_type().is_dir() {
            fs::File::open(entry.path())
                .unwrap()
                .set_modified(past)
                .unwrap();
        }
    }
}

/// Photos of page bundles changed, replaced, removed, renamed and moved with their article,
/// and their files in public/ deleted or replaced: after every step a cached build (over the
/// output of the last one, whose unchanged photos it keeps with one look at their folder)
/// is byte for byte an uncached one.
#[test]
fn photo_edits_build_the_same_with_and_without_the_cache() {
    use crate::images::jpeg;
    let f = Fixture::with_config(&format!(
        "{}permalink = \"/:year/:month/:day/:slug/\"\n[images]\nwidths = [40, 80]\n",
        crate::common::SITE_TOML
    ));
    let photo = |rel: &str, bytes: Vec<u8>| fs::write(f.root().join(rel), bytes).unwrap();
    for i in 0..8 {
        f.article(
            &format!("content/b{i}/index.md"),
            &format!("Foto {i}"),
            &format!("2024-05-{:02}", 1 + i),
            "image: foto.jpg\n",
            "![Foto](foto.jpg)\n\nTeks.",
        );
        photo(&format!("content/b{i}/foto.jpg"), jpeg(120 + i as u32, 90));
    }
    photo("content/b1/lain.jpg", jpeg(100, 50));
    let mut history = Vec::new();
    let mut step = |what: &str, change: &dyn Fn()| {
        age_public_folders(&f);
        change();
        history.push(what.to_string());
        assert_cached_equals_uncached(&f, &history);
    };
    step("first build", &|| {});
    step("no change", &|| {});
    step("edit the text of b0", &|| {
        f.article(
            "content/b0/index.md",
            "Foto 0",
            "2024-05-01",
            "image: foto.jpg\n",
            "![Foto](foto.jpg)\n\nTeks baru.",
        );
    });
    step("replace b2's photo with a narrower one", &|| {
        photo("content/b2/foto.jpg", jpeg(60, 45))
    });
    step("replace b3's photo with one of the same size", &|| {
        photo("content/b3/foto.jpg", jpeg(123, 91))
    });
    step("rename b1/lain.jpg to b1/lain-480w.jpg", &|| {
        fs::rename(
            f.root().join("content/b1/lain.jpg"),
            f.root().join("content/b1/lain-480w.jpg"),
        )
        .unwrap()
    });
    step("remove b1/lain-480w.jpg", &|| {
        fs::remove_file(f.root().join("content/b1/lain-480w.jpg")).unwrap()
    });
    step("move the bundle b4 to baru/b4-pindah", &|| {
        fs::create_dir_all(f.root().join("content/baru")).unwrap();
        fs::rename(
            f.root().join("content/b4"),
            f.root().join("content/baru/b4-pindah"),
        )
        .unwrap()
    });
    step("rm a variant of b5 in public/", &|| {
        fs::remove_file(f.public("2024/05/06/b5/foto-40w.webp")).unwrap()
    });
    step("rm the original of b6 in public/", &|| {
        fs::remove_file(f.public("2024/05/07/b6/foto.jpg")).unwrap()
    });
    step(
        "replace a variant of b7 in public/ with another file",
        &|| {
            let other = f.public("2024/05/08/b7/lain.tmp");
            fs::write(&other, "rusak").unwrap();
            fs::rename(other, f.public("2024/05/08/b7/foto-80w.webp")).unwrap()
        },
    );
    step("rm -rf public", &|| {
        fs::remove_dir_all(f.root().join("public")).unwrap()
    });
    step("empty the image cache", &|| {
        fs::remove_dir_all(f.root().join(".cermin-cache/images")).unwrap()
    });
    step("add a photo to b0", &|| {
        photo("content/b0/kedua.png", jpeg(90, 90))
    });
    // Every photo's 80-pixel variants go, 60-pixel ones come.
    step("change [images] widths", &|| {
        f.write(
            "site.toml",
            &format!(
                "{}permalink = \"/:year/:month/:day/:slug/\"\n[images]\nwidths = [40, 60]\n",
                crate::common::SITE_TOML
            ),
        );
    });
    assert!(f.exists("2024/05/01/b0/foto-60w.webp"));
    assert!(!f.exists("2024/05/01/b0/foto-80w.webp"));
}

/// A photo's file written over in place in public/ (its folder untouched) is not seen by a
/// plain cached build, whose one look at the folder vouches for the photo's files;
/// `--verify-output` looks at each of them and puts the photo's files back. A photo's file
/// deleted by hand changes its folder: a plain cached build puts it back.
#[test]
fn a_photo_file_changed_in_place_is_put_back_by_verify_output() {
    use std::io::Write;
    let f = Fixture::with_config(&format!(
        "{}permalink = \"/:year/:month/:day/:slug/\"\n[images]\nwidths = [40, 80]\n",
        crate::common::SITE_TOML
    ));
    for i in 0..3 {
        f.article(
            &format!("content/b{i}/index.md"),
            &format!("Foto {i}"),
            &format!("2024-05-{:02}", 1 + i),
            "image: foto.jpg\n",
            "Teks.",
        );
        let photo = crate::images::jpeg(120 + i as u32, 90);
        fs::write(f.root().join(format!("content/b{i}/foto.jpg")), photo).unwrap();
    }
    f.build_ok(&[]);
    // Once the folders have settled, a build looks at each photo's files and records their
    // folders; the next keeps them with one look at each folder.
    age_public_folders(&f);
    f.build_ok(&[]);
    f.build_ok(&[]);
    let variant = "2024/05/02/b1/foto-40w.webp";
    let made = fs::read(f.public(variant)).unwrap();
    let (inode, folder) = (
        fs::metadata(f.public(variant)).unwrap().ino(),
        fs::metadata(f.public("2024/05/02/b1"))
            .unwrap()
            .modified()
            .unwrap(),
    );
    fs::OpenOptions::new()
        .append(true)
        .open(f.public(variant))
        .unwrap()
        .write_all(b"rusak")
        .unwrap();
    assert_eq!(fs::metadata(f.public(variant)).unwrap().ino(), inode);
    let untouched = fs::metadata(f.public("2024/05/02/b1"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        untouched, folder,
        "written in place: the folder did not change"
    );
    f.build_ok(&[]);
    assert_eq!(
        fs::read(f.public(variant)).unwrap(),
        [&made[..], b"rusak"].concat(),
        "a plain cached build trusts the untouched folder"
    );
    f.build_ok(&["--verify-output"]);
    assert_eq!(fs::read(f.public(variant)).unwrap(), made);
    let history = ["a variant written over in place, then --verify-output".to_string()];
    assert_cached_equals_uncached(&f, &history);
    // Deleted: its folder changed, so a plain cached build puts it back.
    age_public_folders(&f);
    f.build_ok(&[]);
    f.build_ok(&[]);
    fs::remove_file(f.public(variant)).unwrap();
    f.build_ok(&[]);
    assert_eq!(fs::read(f.public(variant)).unwrap(), made);
}

/// The search index of a cached build reads only the words of articles that changed: the
/// others' terms are in `.cermin-cache/search-terms.bin`, which a build with nothing new
/// leaves alone, and which is not trusted once damaged.
#[test]
fn the_search_term_cache_is_kept_while_right_and_dropped_when_damaged() {
    let mut world = World::new(0x7e57_5eac, 8);
    let mut history = vec!["first build".to_string()];
    assert_cached_equals_uncached(&world.f, &history);
    let terms = world.f.root().join(".cermin-cache/search-terms.bin");
    let stamp = |path: &std::path::Path| {
        let m = fs::metadata(path).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec())
    };
    let first = stamp(&terms);
    world.f.build_ok(&[]);
    assert_eq!(stamp(&terms), first, "rewritten with nothing changed");
    for step in 0..6 {
        history.push(world.step().0);
        if step % 2 == 1 {
            // A byte of the middle flipped: the file's length and layout stay, its hash does not.
            let mut bytes = fs::read(&terms).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
            fs::write(&terms, &bytes).unwrap();
            history.push("flip a byte of search-terms.bin".into());
        }
        assert_cached_equals_uncached(&world.f, &history);
    }
    assert_ne!(stamp(&terms), first);
}

/// A cached build whose site gives the index the same input as the last one computes no
/// index: it keeps the files listed in `.cermin-cache/search-files.bin`. Edits (body, new
/// article, deleted article, date moved) give the index an uncached build makes, and a
/// damaged or older list is not trusted.
#[test]
fn a_build_with_nothing_new_for_the_search_index_keeps_its_files_without_making_them() {
    let mut world = World::new(0x5ea1_c4f1, 8);
    let mut history = vec!["first build".to_string()];
    assert_cached_equals_uncached(&world.f, &history);
    let root = world.f.root().to_path_buf();
    let list = root.join(".cermin-cache/search-files.bin");
    // Making the index (afresh or from the kept one) writes the kept index's summary again:
    // a build that leaves it missing made no index.
    let summary = root.join(".cermin-cache/search/index.bin");
    let stamp = |path: &std::path::Path| {
        let m = fs::metadata(path).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec())
    };
    let first = stamp(&list);
    fs::remove_file(&summary).unwrap();
    history.push("rm search/index.bin".into());
    assert_cached_equals_uncached(&world.f, &history);
    assert!(!summary.exists(), "the index was made with nothing new");
    assert_eq!(
        stamp(&list),
        first,
        "the list was rewritten with nothing new"
    );

    let article = |world: &mut World| world.pick().expect("an article");
    let edit = |rel: &str, change: &dyn Fn(&str) -> String| {
        let file = root.join(rel);
        let text = fs::read_to_string(&file).unwrap();
        let changed = change(&text);
        assert_ne!(changed, text, "{rel} unchanged");
        fs::write(&file, changed).unwrap();
    };
    let rel = article(&mut world);
    edit(&rel, &|t| {
        t.replacen("Isi lanjutan", "Isi diubah banjir", 1)
    });
    history.push(format!("edit body {rel}"));
    assert_cached_equals_uncached(&world.f, &history);
    assert!(summary.exists(), "the index was not made after an edit");

    let text = world.article_text("Artikel Baru Gempa");
    world.f.write("content/baru-gempa.md", &text);
    world.files.push("content/baru-gempa.md".into());
    history.push("create content/baru-gempa.md".into());
    assert_cached_equals_uncached(&world.f, &history);

    let rel = article(&mut world);
    fs::remove_file(root.join(&rel)).unwrap();
    world.files.retain(|f| f != &rel);
    history.push(format!("delete {rel}"));
    assert_cached_equals_uncached(&world.f, &history);

    let rel = article(&mut world);
    edit(&rel, &|t| {
        let date_line = t.lines().nth(2).unwrap();
        assert!(date_line.starts_with("date: "), "{date_line}");
        t.replacen(date_line, "date: 2019-02-03T04:05:06+07:00", 1)
    });
    history.push(format!("move {rel} to 2019-02-03"));
    assert_cached_equals_uncached(&world.f, &history);

    // A damaged list, then one of an older version: the index is made again.
    type Spoil<'a> = &'a dyn Fn(&mut Vec<u8>);
    let damage: [(&str, Spoil); 2] = [
        ("flip a byte of search-files.bin", &|b: &mut Vec<u8>| {
            let middle = b.len() / 2;
            b[middle] ^= 0x55;
        }),
        ("search-files.bin of version 0", &|b: &mut Vec<u8>| {
            b[8..12].copy_from_slice(&0u32.to_le_bytes())
        }),
    ];
    for (what, spoil) in damage {
        fs::remove_file(&summary).unwrap();
        let mut bytes = fs::read(&list).unwrap();
        spoil(&mut bytes);
        fs::write(&list, &bytes).unwrap();
        history.push(format!("rm search/index.bin; {what}"));
        assert_cached_equals_uncached(&world.f, &history);
        assert!(summary.exists(), "{what}: the index was not made again");
        assert_ne!(
            fs::read(&list).unwrap(),
            bytes,
            "{what}: the list was not written again"
        );
    }
}

/// The search index a cached build keeps (`.cermin-cache/search/`) belongs to the settings
/// it was made with: after the site's language changes (its stemmer and its dates), and
/// after search is switched off, articles are edited and search is switched on again, a
/// cached build writes the index an uncached one does.
#[test]
fn the_kept_search_index_follows_the_search_settings() {
    let mut world = World::new(0x5e77_1265, 8);
    let mut history = vec!["first build".to_string()];
    assert_cached_equals_uncached(&world.f, &history);
    let site_toml = world.f.root().join("site.toml");
    let toml = fs::read_to_string(&site_toml).unwrap();
    assert!(toml.contains("language = \"id\"\n") && toml.contains("[search]\nenabled = true\n"));

    // A paragraph of words in other articles appended to an article's body.
    let mut n = 0;
    let mut edit_body = |world: &mut World| {
        n += 1;
        let rel = world.pick().expect("an article");
        let file = world.f.root().join(&rel);
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, format!("{text}\nBanjir melanda pasar {n}.\n")).unwrap();
        format!("append a paragraph to {rel}")
    };
    let english = toml.replace("language = \"id\"\n", "language = \"en\"\n");
    world.f.write("site.toml", &english);
    history.push("language = \"en\"".into());
    assert_cached_equals_uncached(&world.f, &history);
    history.push(edit_body(&mut world));
    assert_cached_equals_uncached(&world.f, &history);

    let off = english.replace("[search]\nenabled = true\n", "[search]\nenabled = false\n");
    world.f.write("site.toml", &off);
    history.push("[search] enabled = false".into());
    assert_cached_equals_uncached(&world.f, &history);
    for _ in 0..3 {
        history.push(edit_body(&mut world));
    }
    world.f.write("site.toml", &english);
    history.push("[search] enabled = true".into());
    assert_cached_equals_uncached(&world.f, &history);
}

/// The site's indexes kept in the cache (terms, date archives, related articles) are taken
/// only while they are right: with permalinks without dates, another time zone moves no
/// article's path, yet puts it on another day of the archive.
#[test]
fn kept_site_indexes_follow_the_time_zone() {
    let settings = format!("{}permalink = \"/:slug/\"\n", crate::common::SITE_TOML);
    let f = Fixture::with_config(&settings);
    // 05:00 in Jakarta is the evening before in New York.
    f.article(
        "content/a.md",
        "Satu",
        "2024-05-01T05:00:00+07:00",
        "tags: [Kota]\n",
        "Isi.",
    );
    f.article(
        "content/b.md",
        "Dua",
        "2024-05-02T12:00:00+07:00",
        "tags: [Kota]\n",
        "Isi.",
    );
    let mut history = vec!["built in Asia/Jakarta".to_string()];
    assert_cached_equals_uncached(&f, &history);
    assert!(f.exists("2024/05/01"));
    f.write(
        "site.toml",
        &settings.replace("Asia/Jakarta", "America/New_York"),
    );
    history.push("time zone America/New_York".to_string());
    assert_cached_equals_uncached(&f, &history);
    assert!(
        f.exists("2024/04/30"),
        "the article moved to the day before"
    );
}
