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
pub const DEBOUNCE: Duration = Duration::from_millis(20);

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

/// A file watcher on a site's folders, started before the first build so no save is missed.
pub struct Watcher {
    debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    events: mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
    /// The site folders watched, with the identity (device, inode) of the folder watched.
    watched: Vec<(PathBuf, (u64, u64))>,
}

/// The identity of the folder at `path` now, if there is one: a folder deleted and made again
/// (`rm -rf content`, a git checkout) is another folder, whose watch must be set up again.
fn folder_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    meta.is_dir().then(|| (meta.dev(), meta.ino()))
}

/// Folders under the site root whose changes matter (`themes/` holds the theme in use).
const WATCHED_FOLDERS: &[&str] = &["content", "themes", "templates", "static"];

impl Watcher {
    /// Watches `root` (for site.toml and folders created later) and its site folders.
    pub fn start(root: &Path) -> Result<Watcher> {
        let (tx, events) = mpsc::channel::<DebounceEventResult>();
        let mut debouncer =
            new_debouncer(DEBOUNCE, None, tx).context("cannot start the file watcher")?;
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        let mut watcher = Watcher {
            debouncer,
            events,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Starts watching site folders that exist now and were not watched yet, or were deleted
    /// and made again since.
    fn watch_new_folders(&mut self) {
        for name in WATCHED_FOLDERS {
            let dir = self.root.join(name);
            let now = folder_identity(&dir);
            let known = self.watched.iter().position(|(d, _)| *d == dir);
            if let Some(i) = known {
                if Some(self.watched[i].1) == now {
                    continue;
                }
                // Gone, or another folder now: its old watch is dead.
                let _ = self.debouncer.unwatch(&dir);
                self.watched.swap_remove(i);
            }
            if let Some(id) = now
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push((dir, id));
            }
        }
    }

    /// Rebuilds `session` on every change and tells open tabs, until the process ends.
    pub fn run(self, session: Session, shared: Arc<Shared>) {
        watch_and_rebuild(self, session, shared)
    }
}

fn watch_and_rebuild(mut watcher: Watcher, mut session: Session, shared: Arc<Shared>) {
    let mut last_error: Option<String> = None;
    while let Ok(result) = watcher.events.recv() {
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
                eprintln!(
                    "watch: {:?} {:?} ({} ms ago)",
                    e.kind,
                    e.paths,
                    e.time.elapsed().as_millis()
                );
            }
        }
        let rescan = events.iter().any(|e| e.need_rescan());
        // A site folder made (or made again) since the last look needs watching: before the
        // rebuild, which then reads what is in it already; the watch reports what comes after.
        watcher.watch_new_folders();
        let started = Instant::now();
        // A bug (a panic) must not end the rebuilding: it is reported like a broken file,
        // and the next save rebuilds the whole site afresh.
        let result = crate::internal_error::catch("rebuilding", || {
            session.rebuild(&Changes { paths, rescan })
        });
        let panicked = result
            .as_ref()
            .is_err_and(crate::internal_error::is_internal);
        if panicked {
            session.start_over();
        }
        match result {
            Ok(report) => {
                let was_broken = shared.set_error(None).is_some();
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
                shared.publish(session.files(), session.moves(), event);
                println!(
                    "Rebuilt in {} ms ({} rendered, {} changed)",
                    started.elapsed().as_millis(),
                    crate::text::count(report.stats.rendered, "page or feed", "pages and feeds"),
                    crate::text::count(report.changed_files, "file", "files")
                );
            }
            Err(e) => {
                let message = format!("{e:#}");
                // The same error once in the terminal, not once per save.
                if last_error.as_deref() != Some(message.as_str()) {
                    let next = if panicked {
                        "the next save rebuilds the whole site"
                    } else {
                        "fix the file to rebuild"
                    };
                    eprintln!("error: {message}\n(serving the last good version; {next})");
                }
                last_error = Some(message.clone());
                shared.set_error(Some(message.clone()));
                let _ = shared.events.send(LiveEvent::BuildError(message));
            }
        }
    }
}
