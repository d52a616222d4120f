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
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
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
