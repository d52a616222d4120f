//! `cermin serve --watch` with real file-system events: however an editor or git saves, the
//! served site ends up as a fresh build of the same files, and an error is printed once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::Fixture;

struct Server {
    child: Child,
    port: u16,
    stdout_lines: mpsc::Receiver<String>,
    stderr: Option<ChildStderr>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(f: &Fixture) -> Server {
    serve_with_env(f, &[])
}

fn serve_with_env(f: &Fixture, env: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .args(["serve", "--watch", "--port", "0"])
        .envs(env.iter().copied())
        .current_dir(f.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let port = first
        .split("http://127.0.0.1:")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (tx, stdout_lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let stderr = child.stderr.take();
    Server {
        child,
        port,
        stdout_lines,
        stderr,
    }
}

fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let status = String::from_utf8_lossy(&raw[..split])
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    (status, raw[split + 4..].to_vec())
}

/// The build error a browser tab connecting now is shown in its overlay, if any: the server
/// sends it right after its hello on the event stream.
fn overlay(port: u16) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // HTTP/1.0: the stream comes without chunked encoding.
    write!(s, "GET /__cermin/events HTTP/1.0\r\n\r\n").unwrap();
    s.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut raw = Vec::new();
    let mut chunk = [0u8; 4096];
    // Until the server has nothing more to say for now.
    while let Ok(n) = s.read(&mut chunk) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8(raw).unwrap();
    assert!(text.contains("event: hello"), "{text}");
    let data = text.split("event: build-error\ndata: ").nth(1)?;
    let json: serde_json::Value = serde_json::from_str(data.lines().next().unwrap()).unwrap();
    Some(json["message"].as_str().unwrap().to_string())
}

/// Waits until `check` holds for what the server serves (the watcher works asynchronously).
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

/// Served HTML without the live-reload script.
fn page(port: u16, path: &str) -> (u16, String) {
    let (status, body) = get(port, path);
    let text = String::from_utf8_lossy(&body).into_owned();
    let cut = match text.find("<script src=\"/__cermin/livereload.js\"") {
        Some(i) => {
            let end = text[i..].find("</script>").unwrap() + i + "</script>".len();
            format!("{}{}", &text[..i], &text[end..])
        }
        None => text,
    };
    (status, cut)
}

/// Every page of a fresh build equals what the server serves.
fn matches_fresh_build(f: &Fixture, port: u16) -> bool {
    let out = f.root().join("fresh");
    let run = f.build(&[
        "--base-url",
        &format!("http://127.0.0.1:{port}"),
        "--output",
        "fresh",
    ]);
    assert!(run.ok, "{}", run.stderr);
    let ok = crate::common::snapshot(&out)
        .into_iter()
        .all(|(rel, bytes)| {
            // Pages lose their live-reload script; every other file (images too) is bytes.
            let (status, body) = if rel.ends_with(".html") {
                let (s, page) = page(port, &format!("/{rel}"));
                (s, page.into_bytes())
            } else {
                get(port, &format!("/{rel}"))
            };
            let same = status == 200 && body == bytes;
            if !same && std::env::var_os("DEBUG_WATCH_TEST").is_some() {
                eprintln!(
                    "differs: {rel} ({status})\n{}\n----\n{}",
                    String::from_utf8_lossy(&body),
                    String::from_utf8_lossy(&bytes)
                );
            }
            same
        });
    std::fs::remove_dir_all(&out).unwrap();
    ok
}

#[test]
fn editor_and_git_style_saves_all_end_in_the_right_site() {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "Pertama",
        "2024-01-01",
        "tags: [Kota]\n",
        "Isi awal.",
    );
    f.article(
        "content/b.md",
        "Kedua",
        "2024-01-02",
        "tags: [Kota]\n",
        "Isi B.",
    );
    let s = serve(&f);
    let a = f.root().join("content/a.md");

    // Write a temporary file, then rename it over the article (vim, VS Code, many editors).
    let tmp = f.root().join("content/.a.md.swp");
    std::fs::write(
        &tmp,
        "---\ntitle: Pertama\ndate: 2024-01-01\ntags: [Kota]\n---\n\nSimpan dengan rename.\n",
    )
    .unwrap();
    std::fs::rename(&tmp, &a).unwrap();
    eventually("rename save shows", || {
        page(s.port, "/2024/01/01/a/")
            .1
            .contains("Simpan dengan rename.")
    });

    // Delete and create again.
    std::fs::remove_file(&a).unwrap();
    f.article(
        "content/a.md",
        "Pertama",
        "2024-01-01",
        "tags: [Kota]\n",
        "Dibuat ulang.",
    );
    eventually("recreated file shows", || {
        page(s.port, "/2024/01/01/a/").1.contains("Dibuat ulang.")
    });

    // Several writes for one save (truncate, then write in pieces).
    {
        let mut file = std::fs::File::create(&a).unwrap();
        file.write_all(b"---\ntitle: Pertama\ndate: 2024-01-01\n")
            .unwrap();
        file.flush().unwrap();
        file.write_all(b"tags: [Desa]\n---\n\nDitulis bertahap.\n")
            .unwrap();
    }
    eventually("piecewise save shows", || {
        page(s.port, "/tags/desa/").1.contains("Pertama")
    });

    // Many files at once, as a `git checkout` does.
    for i in 0..20 {
        f.article(
            &format!("content/git/c{i}.md"),
            &format!("Cabang {i}"),
            "2024-02-03",
            "tags: [Cabang]\n",
            "Dari git.",
        );
    }
    std::fs::remove_file(f.root().join("content/b.md")).unwrap();
    eventually("checkout shows", || {
        let (_, tag) = page(s.port, "/tags/cabang/");
        tag.contains("Cabang 0") && get(s.port, "/2024/01/02/b/").0 == 404
    });
    eventually("served site equals a fresh build", || {
        matches_fresh_build(&f, s.port)
    });
}

#[test]
fn an_error_is_printed_once_and_the_fix_clears_it() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    let mut s = serve(&f);
    for _ in 0..3 {
        f.write("content/a.md", "---\ntitle: A\ndate: kemarin\n---\nIsi.\n");
        std::thread::sleep(Duration::from_millis(300));
    }
    assert_eq!(
        page(s.port, "/2024/01/01/a/").0,
        200,
        "the last good page is still served"
    );
    f.article("content/a.md", "A", "2024-01-01", "", "Sudah benar.");
    eventually("fixed page", || {
        page(s.port, "/2024/01/01/a/").1.contains("Sudah benar.")
    });
    let _ = s.child.kill();
    let _ = s.child.wait();
    let mut stderr = String::new();
    s.stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(stderr.matches("is not a date").count(), 1, "{stderr}");
    let rebuilt: Vec<String> = s
        .stdout_lines
        .try_iter()
        .filter(|l| l.starts_with("Rebuilt"))
        .collect();
    assert!(!rebuilt.is_empty());
}

#[test]
fn many_clients_are_served_without_errors_while_the_site_rebuilds() {
    let f = Fixture::new();
    for i in 0..20 {
        f.article(
            &format!("content/a{i}.md"),
            &format!("Berita {i}"),
            "2024-01-01",
            "tags: [Kota]\n",
            "Isi.",
        );
    }
    let s = serve(&f);
    let port = s.port;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..16)
        .map(|i| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    "/tags/kota/",
                    "/2024/01/01/a0/",
                    "/rss.xml",
                    "/style.css",
                    "/sitemap.xml",
                ];
                let mut statuses = Vec::new();
                let mut n = i;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    statuses.push(get(port, paths[n % paths.len()]).0);
                    n += 1;
                }
                statuses
            })
        })
        .collect();
    // Rebuilds while the clients read: edits, a new article, a deletion.
    for round in 0..10 {
        f.article(
            "content/a0.md",
            "Berita 0",
            "2024-01-01",
            "tags: [Kota]\n",
            &format!("Isi ronde {round}."),
        );
        f.article(
            &format!("content/baru{round}.md"),
            "Baru",
            "2024-01-02",
            "tags: [Kota]\n",
            "Isi.",
        );
        if round > 0 {
            std::fs::remove_file(f.root().join(format!("content/baru{}.md", round - 1))).unwrap();
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let statuses: Vec<u16> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    assert!(
        statuses.len() > 200,
        "only {} requests made",
        statuses.len()
    );
    assert!(
        statuses.iter().all(|s| *s == 200),
        "{:?}",
        statuses.iter().filter(|s| **s != 200).collect::<Vec<_>>()
    );
    eventually("the last edit is served", || {
        page(port, "/2024/01/01/a0/").1.contains("Isi ronde 9.")
    });
}

/// A bug in a rebuild, whatever it is, is reported and does not stop the rebuilding. The bug
/// is a test fault that exists in debug builds only: reading a file named meledak.md panics.
#[cfg(debug_assertions)]
#[test]
fn a_rebuild_that_panics_is_reported_and_the_next_save_rebuilds() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    let mut s = serve_with_env(&f, &[("CERMIN_TEST_PANIC_ON_READING", "meledak.md")]);
    assert_eq!(overlay(s.port), None);
    f.article("content/meledak.md", "Meledak", "2024-01-02", "", "Isi.");
    eventually("the overlay shows the internal error", || {
        overlay(s.port).is_some()
    });
    let message = overlay(s.port).unwrap();
    let (start, end) = message
        .split_once(" (at src/test_fault.rs:")
        .unwrap_or_else(|| panic!("{message}"));
    assert!(
        start.starts_with("internal error while rebuilding: test fault: reading ")
            && start.ends_with("content/meledak.md (CERMIN_TEST_PANIC_ON_READING)"),
        "{message}"
    );
    assert!(end.ends_with("), please report it"), "{message}");
    assert_eq!(page(s.port, "/2024/01/01/a/").0, 200, "the last good site");

    // The next save rebuilds: the file is gone, another one comes.
    std::fs::remove_file(f.root().join("content/meledak.md")).unwrap();
    f.article("content/b.md", "B", "2024-01-03", "", "Isi B.");
    eventually("the next saves rebuild", || {
        page(s.port, "/2024/01/03/b/").1.contains("Isi B.")
    });
    assert_eq!(overlay(s.port), None);
    eventually("served site equals a fresh build", || {
        matches_fresh_build(&f, s.port)
    });

    let _ = s.child.kill();
    let _ = s.child.wait();
    let mut stderr = String::new();
    s.stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(
        stderr,
        format!(
            "error: {message}\n(serving the last good version; the next save rebuilds the whole site)\n"
        )
    );
}

/// A site folder deleted and made again (`rm -rf content`, a git checkout) is watched again:
/// edits inside the new folder still rebuild.
#[test]
fn a_folder_deleted_and_made_again_is_still_watched() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    let s = serve(&f);
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    eventually("the article is gone", || {
        get(s.port, "/2024/01/01/a/").0 == 404
    });
    std::fs::create_dir(f.root().join("content")).unwrap();
    f.article("content/b.md", "B", "2024-01-02", "", "Isi B.");
    eventually("an article in the new folder shows", || {
        page(s.port, "/2024/01/02/b/").1.contains("Isi B.")
    });
    f.article("content/b.md", "B", "2024-01-02", "", "Diubah.");
    eventually("an edit in the new folder shows", || {
        page(s.port, "/2024/01/02/b/").1.contains("Diubah.")
    });
}

/// The `Location` a request for `path` is sent to, if it is redirected.
fn location(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status: u16 = raw.split(' ').nth(1)?.parse().ok()?;
    let to = raw.lines().find_map(|l| {
        l.strip_prefix("location: ")
            .or(l.strip_prefix("Location: "))
    })?;
    Some((status, to.trim().to_string()))
}

/// A tab open on an article whose date or slug changes follows it: its reload of the old
/// address is sent on to the new one, also after a second move; a deleted article is 404.
#[test]
fn an_open_tab_follows_an_article_whose_date_or_slug_changed() {
    let f = Fixture::new();
    f.article("content/a.md", "Pindah", "2024-01-01", "", "Isi.");
    f.article("content/b.md", "Tetap", "2024-01-02", "", "Isi.");
    let s = serve(&f);
    assert_eq!(get(s.port, "/2024/01/01/a/").0, 200);
    f.article("content/a.md", "Pindah", "2024-01-05", "", "Isi.");
    eventually("the article is at its new date", || {
        get(s.port, "/2024/01/05/a/").0 == 200
    });
    assert_eq!(
        location(s.port, "/2024/01/01/a/"),
        Some((307, "/2024/01/05/a/".to_string()))
    );
    f.article(
        "content/a.md",
        "Pindah",
        "2024-01-05",
        "slug: baru\n",
        "Isi.",
    );
    eventually("the article has its new slug", || {
        get(s.port, "/2024/01/05/baru/").0 == 200
    });
    for old in ["/2024/01/01/a/", "/2024/01/05/a/"] {
        assert_eq!(
            location(s.port, old),
            Some((307, "/2024/01/05/baru/".to_string())),
            "{old}"
        );
    }
    // The same address, served again by another article, is that article's.
    f.article(
        "content/c.md",
        "Lain",
        "2024-01-01",
        "slug: a\n",
        "Isi lain.",
    );
    eventually("the new article is served at the old address", || {
        page(s.port, "/2024/01/01/a/").1.contains("Isi lain.")
    });
    std::fs::remove_file(f.root().join("content/b.md")).unwrap();
    eventually("a deleted article is not found", || {
        get(s.port, "/2024/01/02/b/").0 == 404
    });
}
