//! The HTTP side of `serve`: the served files, the live-reload script and its event stream.
//! Files are found in the served file map only (whose bytes wait in memory or the server's
//! own scratch file), so no request path can reach a file outside the site.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, Response, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;

use crate::session::{Files, Moves, ServedFile};

const SCRIPT_PATH: &str = "/__cermin/livereload.js";
const EVENTS_PATH: &str = "/__cermin/events";
const SCRIPT: &str = include_str!("livereload.js");

/// What open tabs are told.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    Reload,
    Css,
    BuildError(String),
}

/// State shared by the server and the rebuilder.
pub struct Shared {
    files: RwLock<Arc<Files>>,
    moves: RwLock<Arc<Moves>>,
    error: RwLock<Option<String>>,
    pub events: broadcast::Sender<LiveEvent>,
    /// Counts builds whose output changed. Pages carry the number they were served with, and a
    /// tab that connects with an older one reloads: a reload sent while it was loading is not lost.
    pub build: AtomicU64,
}

impl Shared {
    pub fn new(files: Arc<Files>) -> Arc<Shared> {
        Arc::new(Shared {
            files: RwLock::new(files),
            moves: RwLock::default(),
            error: RwLock::new(None),
            events: broadcast::channel(64).0,
            build: AtomicU64::new(1),
        })
    }

    /// Publishes a new build's files, and where moved articles went, and tells open tabs.
    pub fn publish(&self, files: Arc<Files>, moves: Arc<Moves>, event: LiveEvent) {
        {
            let mut current = self.files.write().unwrap_or_else(PoisonError::into_inner);
            *current = files;
            *self.moves.write().unwrap_or_else(PoisonError::into_inner) = moves;
            self.build.fetch_add(1, Ordering::SeqCst);
        }
        let _ = self.events.send(event);
    }

    /// The site path an article once served at output file `key` moved to.
    pub fn moved_to(&self, key: &str) -> Option<String> {
        let moves = self.moves.read().unwrap_or_else(PoisonError::into_inner);
        moves.get(key).cloned()
    }

    /// The files served now and the build they come from, read together, so a page never
    /// carries a newer build number than its content.
    pub fn current(&self) -> (Arc<Files>, u64) {
        // A lock is only ever held to swap or clone an `Arc`: poisoned or not, it holds a
        // whole value.
        let files = self.files.read().unwrap_or_else(PoisonError::into_inner);
        (files.clone(), self.build.load(Ordering::SeqCst))
    }

    /// The build error open tabs show, if the last rebuild failed.
    pub fn error(&self) -> Option<String> {
        self.error
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Records the last rebuild's error (None: it succeeded); returns the one before.
    pub fn set_error(&self, error: Option<String>) -> Option<String> {
        let mut current = self.error.write().unwrap_or_else(PoisonError::into_inner);
        std::mem::replace(&mut *current, error)
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(SCRIPT_PATH, axum::routing::get(script))
        .route(EVENTS_PATH, axum::routing::get(events))
        .fallback(file)
        .layer(axum::middleware::from_fn(only_get_and_head))
        .with_state(shared)
}

/// A static site answers GET and HEAD only; anything else (a form posted to it, TRACE, a
/// made-up method) is told so, for every path.
async fn only_get_and_head(request: Request, next: Next) -> Response<Body> {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::ALLOW, "GET, HEAD")],
        "method not allowed: use GET or HEAD\n",
    )
        .into_response()
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

fn to_sse(event: LiveEvent) -> Event {
    match event {
        LiveEvent::Reload => Event::default().event("reload").data("{}"),
        LiveEvent::Css => Event::default().event("css").data("{}"),
        LiveEvent::BuildError(message) => Event::default()
            .event("build-error")
            .data(serde_json::json!({ "message": message }).to_string()),
    }
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe first, so nothing published after the hello below is missed.
    let receiver = shared.events.subscribe();
    let build = shared.build.load(Ordering::SeqCst);
    let hello = Event::default()
        .event("hello")
        .data(serde_json::json!({ "build": build }).to_string());
    // A tab that connects while the site is broken sees the error at once.
    let current = shared.error();
    let first = stream::iter(
        std::iter::once(Ok(hello)).chain(current.map(|m| Ok(to_sse(LiveEvent::BuildError(m))))),
    );
    let live =
        BroadcastStream::new(receiver).filter_map(|e| async move { e.ok().map(|e| Ok(to_sse(e))) });
    Sse::new(first.chain(live)).keep_alive(KeepAlive::default())
}

/// The file a request path names, or why there is none.
pub enum Resolved {
    File(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    /// Nothing is served at this output file (`2024/01/01/a/index.html`).
    NotFound(String),
    BadRequest,
}

/// Whether a request path holds an encoded `/` or `\` (`%2F`, `%5C`, any case): decoded, it
/// would name another file than its segments say, so it is refused rather than decoded.
fn has_encoded_separator(raw_path: &str) -> bool {
    raw_path.as_bytes().windows(3).any(|w| {
        w[0] == b'%' && (w[1..].eq_ignore_ascii_case(b"2f") || w[1..].eq_ignore_ascii_case(b"5c"))
    })
}

/// Maps a request path (still percent-encoded) to a key of the served files.
pub fn resolve(raw_path: &str, files: &Files) -> Resolved {
    if has_encoded_separator(raw_path) {
        return Resolved::BadRequest;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::BadRequest;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Resolved::BadRequest,
            s => segments.push(s),
        }
    }
    let joined = segments.join("/");
    let key = if decoded.ends_with('/') || joined.is_empty() {
        if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined.clone()
    };
    if files.contains_key(key.as_str()) {
        Resolved::File(key)
    } else if !decoded.ends_with('/') && files.contains_key(format!("{joined}/index.html").as_str())
    {
        Resolved::Redirect(format!("{raw_path}/"))
    } else {
        Resolved::NotFound(key)
    }
}

/// HTML pages get the live-reload script, just before `</body>`, with the build they show.
fn inject_script(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn respond(status: StatusCode, key: &str, file: &ServedFile, build: u64) -> Response<Body> {
    let bytes = match file.bytes() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot serve /{key}: {e}");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot serve /{key}: {e}\n"),
            )
                .into_response();
        }
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if key.ends_with(".xml") || key.ends_with(".svg") || key.ends_with(".js") => {
            format!("{}; charset=utf-8", mime.essence_str())
        }
        _ => mime.essence_str().to_string(),
    };
    let body = if is_html {
        inject_script(&bytes, build)
    } else {
        bytes.into_owned()
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response<Body> {
    let (files, build) = shared.current();
    match resolve(uri.path(), &files) {
        Resolved::File(key) => respond(StatusCode::OK, &key, &files[key.as_str()], build),
        // The path came in a request line, so it is a valid header value; if not, it is a
        // bad request rather than a panic.
        Resolved::Redirect(to) => match HeaderValue::from_str(&to) {
            Ok(to) => (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response(),
            Err(_) => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
        },
        Resolved::BadRequest => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
        // An article whose date or slug changed: an open tab reloading it follows it.
        Resolved::NotFound(key) => match shared.moved_to(&key).map(|to| HeaderValue::from_str(&to))
        {
            Some(Ok(to)) => {
                (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)]).into_response()
            }
            _ => match files.get("404.html") {
                Some(page) => respond(StatusCode::NOT_FOUND, "404.html", page, build),
                None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        [
            "index.html",
            "a/index.html",
            "style.css",
            "tags/x y/index.html",
        ]
        .into_iter()
        .map(|k| (Arc::from(k), ServedFile::new(b"x".to_vec())))
        .collect()
    }

    fn key(path: &str) -> Option<String> {
        match resolve(path, &files()) {
            Resolved::File(k) => Some(k),
            _ => None,
        }
    }

    #[test]
    fn paths_map_to_files() {
        assert_eq!(key("/").as_deref(), Some("index.html"));
        assert_eq!(key("/a/").as_deref(), Some("a/index.html"));
        assert_eq!(key("/style.css").as_deref(), Some("style.css"));
        assert_eq!(key("/tags/x%20y/").as_deref(), Some("tags/x y/index.html"));
        assert!(matches!(resolve("/a", &files()), Resolved::Redirect(to) if to == "/a/"));
        assert!(matches!(resolve("/nope", &files()), Resolved::NotFound(k) if k == "nope"));
        assert!(
            matches!(resolve("/2024/01/01/a/", &files()), Resolved::NotFound(k) if k == "2024/01/01/a/index.html")
        );
    }

    #[test]
    fn escapes_are_refused() {
        for path in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/a\\..\\b",
            "/%00",
            "/%ff",
            "/tags%2Fx y/",
            "/tags%2fx y/",
            "/a%5C",
            "/a%5c",
        ] {
            assert!(
                matches!(resolve(path, &files()), Resolved::BadRequest),
                "{path}"
            );
        }
    }

    /// Request paths leaning towards what matters to `resolve`: separators, dots, escapes.
    fn request_path() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex(
            "/([a-z/.\\\\% ]|%2[fFeE]|%5[cC]|%00|%ff|%20|\\.\\.|tags|x y|index.html){0,12}",
        )
        .unwrap()
    }

    proptest::proptest! {
        #[test]
        fn any_path_resolves_to_a_served_file_or_a_clear_answer(path in request_path()) {
            let files = files();
            match resolve(&path, &files) {
                Resolved::File(key) => {
                    proptest::prop_assert!(files.contains_key(key.as_str()));
                    proptest::prop_assert!(!has_encoded_separator(&path));
                }
                Resolved::Redirect(to) => {
                    proptest::prop_assert_eq!(to, format!("{path}/"));
                    proptest::prop_assert!(!has_encoded_separator(&path));
                }
                Resolved::NotFound(_) => {
                    proptest::prop_assert!(!has_encoded_separator(&path));
                }
                Resolved::BadRequest => {}
            }
            if has_encoded_separator(&path) {
                proptest::prop_assert!(matches!(resolve(&path, &files), Resolved::BadRequest));
            }
        }
    }

    #[test]
    fn script_goes_before_body_end() {
        assert_eq!(
            String::from_utf8(inject_script(b"<p>x</p></body></html>", 7)).unwrap(),
            "<p>x</p><script src=\"/__cermin/livereload.js\" data-build=\"7\"></script></body></html>"
        );
    }
}
