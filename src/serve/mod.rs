//! `cermin serve`: the site built in memory, served over HTTP, rebuilt on save, with live reload.

pub mod http;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::session::{Session, SessionOptions};

/// What `cermin serve` was asked to do (the command line's arguments, see `cmd::serve`).
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The site's folder (holds site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Rebuild on every change and reload open browser tabs.
    #[arg(long)]
    pub watch: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future (embargoed).
    #[arg(long)]
    pub future: bool,
    /// Megabytes of served files kept in memory; the rest wait, compressed, in a scratch
    /// file in the system's temporary folder (TMPDIR).
    #[arg(long, default_value_t = 256, value_name = "MB")]
    pub memory_mb: usize,
}

/// Why the server could not listen, and what to do about it.
fn listen_error(bind: IpAddr, port: u16, e: &std::io::Error) -> anyhow::Error {
    let at = SocketAddr::new(bind, port);
    let other = if port == u16::MAX { port - 1 } else { port + 1 };
    match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "cannot listen on {at}: the port is already in use (another `cermin serve`?): stop that server, or pass another port such as --port {other} (--port 0 picks a free one)"
        ),
        std::io::ErrorKind::AddrNotAvailable => anyhow::anyhow!(
            "cannot listen on {at}: {bind} is not an address of this machine: pass --bind 127.0.0.1 or one of its own addresses"
        ),
        std::io::ErrorKind::PermissionDenied => anyhow::anyhow!(
            "cannot listen on {at}: permission denied (ports below 1024 need privileges): pass a port such as --port 1111"
        ),
        _ => anyhow::anyhow!("cannot listen on {at}: {e}"),
    }
}

/// Builds the site and serves it until Ctrl-C.
pub fn serve(args: ServeArgs) -> Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(SocketAddr::new(
            args.bind, args.port,
        )))
        .map_err(|e| listen_error(args.bind, args.port, &e))?;
    let port = listener.local_addr()?.port();
    let host = if args.bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        args.bind.to_string()
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    let url = format!("http://{host}:{port}");
    let options = SessionOptions {
        drafts: args.drafts,
        future: args.future,
        base_url: Some(url.clone()),
        served_memory_mb: Some(args.memory_mb),
    };
    // Watching starts before the first build, so a save made while it runs is not lost.
    let watcher = if args.watch {
        Some(watch::Watcher::start(&args.root)?)
    } else {
        None
    };
    let started = std::time::Instant::now();
    let session =
        crate::internal_error::catch("building the site", || Session::open(&args.root, options))?;
    let title = session.config().title.clone();
    let session_files = session.files().len();
    let shared = http::Shared::new(session.files());
    if let Some(watcher) = watcher {
        let shared = shared.clone();
        std::thread::spawn(move || watcher.run(session, shared));
    }
    println!(
        "Built {} in {} ms; serving {} at {url}/ (Ctrl-C to stop)",
        crate::text::count(session_files, "file", "files"),
        started.elapsed().as_millis(),
        title
    );
    if args.watch {
        println!("Watching content/, themes/, templates/, static/ and site.toml for changes");
    }
    if args.open
        && let Err(e) = open::that_detached(format!("{url}/"))
    {
        eprintln!("warning: cannot open a browser: {e}");
    }
    runtime.block_on(async move {
        axum::serve(listener, http::router(shared))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })?;
    println!("Stopped.");
    Ok(())
}
