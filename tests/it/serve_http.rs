//! `cermin serve` over real HTTP: content types, 404s, no way out of the site, many clients.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::common::Fixture;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(f: &Fixture, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(f.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let port = first
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no URL in {first:?}"));
    Server { child, port }
}

/// Sends a raw request line (so paths reach the server exactly as written).
fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    request(port, "GET", path)
}

/// Sends a raw request with `method` and an empty body; returns status, head and body.
fn request(port: u16, method: &str, path: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a full response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

fn site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "content/a.md",
        "Berita A",
        "2024-01-01",
        "tags: [Kota]\n",
        "Isi A.",
    );
    f
}

#[test]
fn pages_feeds_and_assets_have_the_right_types() {
    let f = site();
    let s = serve(&f, &[]);
    let (status, head, body) = get(s.port, "/2024/01/01/a/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("Berita A"));
    assert!(
        body.contains("<script src=\"/__cermin/livereload.js\" data-build=\"1\"></script></body>")
    );
    assert!(
        body.contains("href=\"http://127.0.0.1:"),
        "links point at the dev server"
    );
    let (_, head, _) = get(s.port, "/rss.xml");
    assert!(
        head.contains("content-type: text/xml; charset=utf-8"),
        "{head}"
    );
    let (_, head, _) = get(s.port, "/style.css");
    assert!(
        head.contains("content-type: text/css; charset=utf-8"),
        "{head}"
    );
    let (status, head, _) = get(s.port, "/2024/01/01/a");
    assert_eq!(status, 308);
    assert!(head.contains("location: /2024/01/01/a/"), "{head}");
}

#[test]
fn unknown_paths_get_the_themes_404_page() {
    let f = site();
    let s = serve(&f, &[]);
    let (status, _, body) = get(s.port, "/tidak/ada/");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("Halaman tidak ditemukan"));
}

#[test]
fn no_request_leaves_the_site() {
    let f = site();
    f.write("secret.txt", "RAHASIA");
    let s = serve(&f, &[]);
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/tags/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/\\..\\secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/%00",
        "/site.toml",
        "/content/a.md",
    ] {
        let (status, _, body) = get(s.port, path);
        let text = String::from_utf8_lossy(&body);
        assert!(status == 400 || status == 404, "{path}: status {status}");
        assert!(
            !text.contains("RAHASIA") && !text.contains("root:"),
            "{path} leaked"
        );
        assert!(!text.contains("title = "), "{path} leaked site.toml");
    }
}

#[test]
fn encoded_separators_are_a_bad_request() {
    let f = site();
    let s = serve(&f, &[]);
    // Decoded, these would name real pages; encoded separators are refused, not decoded.
    for path in [
        "/tags%2Fkota/",
        "/tags%2fkota/",
        "/2024%2F01%2F01%2Fa/",
        "/2024/01/01%2fa/",
        "/tags%5Ckota/",
        "/tags%5ckota/",
        "/2024%5c01/01/a/",
    ] {
        let (status, _, body) = get(s.port, path);
        assert_eq!(
            (status, String::from_utf8_lossy(&body).into_owned()),
            (400, "bad request path\n".to_string()),
            "{path}"
        );
    }
    // Other encoded characters are decoded as usual.
    assert_eq!(get(s.port, "/tags/k%6Fta/").0, 200);
    assert_eq!(get(s.port, "/tags/kota/").0, 200);
}

#[test]
fn only_get_and_head_are_allowed() {
    let f = site();
    let s = serve(&f, &[]);
    for path in [
        "/",
        "/2024/01/01/a/",
        "/tidak/ada/",
        "/style.css",
        "/__cermin/livereload.js",
        "/__cermin/events",
    ] {
        for method in [
            "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "CONNECT", "BREW", "FOO",
        ] {
            let (status, head, body) = request(s.port, method, path);
            assert_eq!(status, 405, "{method} {path}");
            assert!(
                head.to_ascii_lowercase()
                    .contains("\r\nallow: get, head\r\n"),
                "{method} {path}: {head}"
            );
            assert_eq!(
                String::from_utf8_lossy(&body),
                "method not allowed: use GET or HEAD\n",
                "{method} {path}"
            );
        }
    }
    let (status, head, body) = request(s.port, "HEAD", "/2024/01/01/a/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(body.is_empty());
}

#[test]
fn a_symlink_out_of_the_site_is_refused() {
    let f = site();
    std::fs::create_dir_all(f.root().join("static")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", f.root().join("static/passwd")).unwrap();
    let run = f.build(&[]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("static/passwd is a symbolic link to /etc/passwd, outside the site: copy the file into the site instead"),
        "{}",
        run.stderr
    );
}

#[test]
fn many_concurrent_requests_all_succeed() {
    let f = site();
    let s = serve(&f, &[]);
    let port = s.port;
    let threads: Vec<_> = (0..64)
        .map(|i| {
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    "/tags/kota/",
                    "/2024/01/01/a/",
                    "/rss.xml",
                    "/style.css",
                ];
                (0..10)
                    .map(|j| get(port, paths[(i + j) % paths.len()]).0)
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let statuses: Vec<u16> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(statuses.len(), 640);
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
}

/// With no memory for served files (`--memory-mb 0`), every file of 1 KB or more is read back
/// from the scratch file: each is still the built file's bytes (HTML pages plus the script).
#[test]
fn files_served_from_the_scratch_file_are_the_built_files() {
    let f = site();
    f.write("static/besar.txt", &"kata ".repeat(2000));
    let s = serve(&f, &["--memory-mb", "0"]);
    f.build_ok(&["--base-url", &format!("http://127.0.0.1:{}", s.port)]);
    let built = crate::common::snapshot(&f.root().join("public"));
    assert!(
        built.iter().any(|(_, b)| b.len() >= 1024),
        "no file large enough"
    );
    let script = "<script src=\"/__cermin/livereload.js\" data-build=\"1\"></script>";
    for (path, bytes) in built {
        let (status, _, body) = get(s.port, &format!("/{}", path.replace(' ', "%20")));
        assert_eq!(status, 200, "{path}");
        let body = match path.ends_with(".html") {
            true => String::from_utf8(body)
                .unwrap()
                .replacen(script, "", 1)
                .into_bytes(),
            false => body,
        };
        assert!(body == bytes, "{path} served differs from the built file");
    }
}

#[test]
fn serving_does_not_touch_public() {
    let f = site();
    f.build_ok(&[]);
    let before = crate::common::snapshot(&f.root().join("public"));
    let s = serve(&f, &[]);
    let _ = get(s.port, "/");
    drop(s);
    assert_eq!(crate::common::snapshot(&f.root().join("public")), before);
    assert!(
        !String::from_utf8_lossy(&std::fs::read(f.public("index.html")).unwrap())
            .contains("livereload")
    );
}

#[test]
fn a_port_already_in_use_is_a_clear_error() {
    let f = site();
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(f.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "error: cannot listen on 127.0.0.1:{port}: the port is already in use (another `cermin serve`?): stop that server, or pass another port such as --port {} (--port 0 picks a free one)",
            port + 1
        )
    );
    // An address this machine does not have.
    let out = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .args(["serve", "--port", "0", "--bind", "192.0.2.1"])
        .current_dir(f.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "error: cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine: pass --bind 127.0.0.1 or one of its own addresses"
    );
    drop(taken);
}

/// Whether the path part of a request target holds an encoded `/` or `\`.
fn has_encoded_separator(target: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    lower.contains("%2f") || lower.contains("%5c")
}

#[test]
fn random_requests_get_a_clear_answer_and_never_break_the_server() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let f = site();
    let s = serve(&f, &[]);
    let method = prop_oneof![
        Just("GET".to_string()),
        Just("HEAD".to_string()),
        Just("POST".to_string()),
        Just("DELETE".to_string()),
        Just("TRACE".to_string()),
        "[A-Z]{1,8}",
    ];
    // Request targets as a client may send them: any visible ASCII, leaning towards
    // separators, dots, escapes and the site's own paths.
    let target = "/([!-~]|%2[fFeE]|%5[cC]|%00|%ff|%C3%A9|\\.\\.|tags|kota|2024/01/01|a/){0,16}";
    let mut runner = TestRunner::new(Config {
        cases: 200,
        ..Config::default()
    });
    runner
        .run(&(method, target), |(method, target)| {
            let (status, head, _) = request(s.port, &method, &target);
            let allowed = [200, 308, 400, 404, 405];
            prop_assert!(allowed.contains(&status), "{method} {target}: {head}");
            if method != "GET" && method != "HEAD" && status != 400 {
                prop_assert_eq!(status, 405, "{} {}", method, target);
            }
            if method == "GET" && has_encoded_separator(&target) {
                prop_assert_eq!(status, 400, "{} {}", method, target);
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(
        get(s.port, "/2024/01/01/a/").0,
        200,
        "the server still serves"
    );
}

#[test]
fn serve_shows_static_photos_as_build_writes_them() {
    let f = Fixture::with_config(&format!(
        "{}[images]\nwidths = [480, 960]\n",
        crate::common::SITE_TOML
    ));
    let photo = f.root().join("static/images/peta.jpg");
    std::fs::create_dir_all(photo.parent().unwrap()).unwrap();
    std::fs::write(&photo, crate::images::jpeg_with_gps(1000, 500, 1)).unwrap();
    f.article(
        "content/a.md",
        "Banjir",
        "2024-05-27",
        "",
        "![Peta](/images/peta.jpg)",
    );
    f.build_ok(&[]);
    let server = serve(&f, &[]);
    for rel in [
        "images/peta.jpg",
        "images/peta-480w.webp",
        "images/peta-960w.jpg",
    ] {
        let (status, _, body) = get(server.port, &format!("/{rel}"));
        assert_eq!(status, 200, "{rel}");
        assert_eq!(body, std::fs::read(f.public(rel)).unwrap(), "{rel}");
    }
    let (_, _, page) = get(server.port, "/2024/05/27/a/");
    let page = String::from_utf8(page).unwrap();
    assert!(
        page.contains(r#"/images/peta-960w.jpg" srcset=""#)
            && page.contains(r#"width="1000" height="500" alt="Peta""#),
        "{page}"
    );
}
