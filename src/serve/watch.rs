//! Watching the site's files and rebuilding on change.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::http::{LiveEvent, Shared};
use crate::session::{Changes, Session};

/// How long the watcher waits for more events of one save (editors write several).
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// Editor droppings that never affect the site.
fn ignored(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913" // vim's write test file
}

/// Watches until the process ends, rebuilding `session` and telling open tabs.
pub fn watch_and_rebuild(mut session: Session, shared: Arc<Shared>) -> Result<()> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, tx).context("cannot start the file watcher")?;
    let root = session.watched_paths()[0]
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    // The root itself (not recursive) sees site.toml and folders that appear later.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .context("cannot watch the site folder")?;
    let mut watched: Vec<PathBuf> = Vec::new();
    let mut watch_existing = |debouncer: &mut notify_debouncer_full::Debouncer<_, _>,
                              paths: &[PathBuf]| {
        for p in paths {
            if p.is_dir()
                && !watched.contains(p)
                && debouncer.watch(p, RecursiveMode::Recursive).is_ok()
            {
                watched.push(p.clone());
            }
        }
    };
    watch_existing(&mut debouncer, &session.watched_paths());
    let mut last_error: Option<String> = None;
    for result in rx {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: file watcher: {e}");
                }
                continue;
            }
        };
        // Reads (our own rebuild opens every file) are not changes.
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
            .flat_map(|e| e.paths.iter().cloned())
            .filter(|p| !ignored(p))
            .collect();
        if paths.is_empty() {
            continue;
        }
        if std::env::var_os("CERMIN_DEBUG_WATCH").is_some() {
            for e in &events {
                eprintln!("watch: {:?} {:?}", e.kind, e.paths);
            }
        }
        let rescan = events.iter().any(|e| e.need_rescan());
        let started = Instant::now();
        let result = session.rebuild(&Changes { paths, rescan });
        // A theme switch or a new templates/ or static/ folder needs watching too.
        watch_existing(&mut debouncer, &session.watched_paths());
        match result {
            Ok(report) => {
                let was_broken = shared.error.write().expect("error lock").take().is_some();
                last_error = None;
                if report.changed_files == 0 && !was_broken {
                    // Nothing a reader could see changed (a temporary file, a touch).
                    continue;
                }
                let event = if report.css_only && !was_broken {
                    LiveEvent::Css
                } else {
                    LiveEvent::Reload
                };
                shared.publish(session.files(), event);
                println!(
                    "Rebuilt in {} ms ({} pages and feeds rendered, {} files changed)",
                    started.elapsed().as_millis(),
                    report.stats.rendered,
                    report.changed_files
                );
            }
            Err(e) => {
                let message = format!("{e:#}");
                // The same error once in the terminal, not once per save.
                if last_error.as_deref() != Some(message.as_str()) {
                    eprintln!(
                        "error: {message}\n(serving the last good version; fix the file to rebuild)"
                    );
                }
                last_error = Some(message.clone());
                *shared.error.write().expect("error lock") = Some(message.clone());
                let _ = shared.events.send(LiveEvent::BuildError(message));
            }
        }
    }
    Ok(())
}
