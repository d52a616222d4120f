//! Bugs reported as errors. A panic, whatever its cause, becomes the error
//! `internal error while DOING: MESSAGE (at FILE:LINE), please report it` instead of a crash
//! trace: `cermin serve --watch` goes on serving and rebuilding, and the other commands end
//! with that message and exit status 1.
//!
//! The panic hook stays quiet for panics that a `catch` will report: those of the thread
//! inside `catch` and of the build's worker threads (rayon hands their panics to the thread
//! that started the work). Panics elsewhere (a server thread, say) are printed as one line,
//! `error: internal error: MESSAGE (at FILE:LINE), please report it`, once the program asked
//! for it with [`report_panics_in_one_line`]; otherwise as usual (so in unit tests). With
//! `CERMIN_BACKTRACE` set, Rust's usual report is printed too (with a backtrace when
//! `RUST_BACKTRACE` is also set), for a bug report.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

use anyhow::Result;

/// Whether panics outside `catch` are printed in one line (the `cermin` program asks).
static ONE_LINE: AtomicBool = AtomicBool::new(false);
/// How many `catch` calls are running, over all threads.
static CATCHING: AtomicUsize = AtomicUsize::new(0);
/// Panics the hook kept quiet: (message, where).
static CAUGHT: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

thread_local! {
    /// Whether this thread is inside `catch`.
    static INSIDE: Cell<usize> = const { Cell::new(0) };
}

/// A bug met while doing something: the error a caught panic becomes.
#[derive(Debug)]
pub struct InternalError(String);

impl std::fmt::Display for InternalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InternalError {}

/// Whether `error` is a caught panic.
pub fn is_internal(error: &anyhow::Error) -> bool {
    error.is::<InternalError>()
}

/// Runs `work`; a panic in it becomes an [`InternalError`] naming what was being done
/// (`doing`, such as "rebuilding") and the panic's message and place.
pub fn catch<T>(doing: &str, work: impl FnOnce() -> Result<T>) -> Result<T> {
    install_hook();
    CATCHING.fetch_add(1, Ordering::SeqCst);
    INSIDE.with(|n| n.set(n.get() + 1));
    // Whatever `work` touched is the caller's to distrust after a panic (see `Session`).
    let result = std::panic::catch_unwind(AssertUnwindSafe(work));
    INSIDE.with(|n| n.set(n.get() - 1));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    match result {
        Ok(result) => result,
        Err(payload) => {
            let message = payload_text(payload.as_ref());
            // Only this panic's entry is taken: another `catch` running at the same time (tests
            // run in parallel, serve's rebuild beside a request) may have one waiting too.
            let place = {
                let mut caught = CAUGHT.lock().unwrap_or_else(|e| e.into_inner());
                caught
                    .iter()
                    .rposition(|(m, _)| *m == message)
                    .map(|at| caught.remove(at).1)
            };
            let at = place.map(|p| format!(" (at {p})")).unwrap_or_default();
            Err(InternalError(format!(
                "internal error while {doing}: {message}{at}, please report it"
            ))
            .into())
        }
    }
}

/// The text a panic was raised with.
fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Prints panics that no `catch` reports as one line saying it is a bug, instead of Rust's
/// crash report (for the `cermin` program; unit tests keep the usual report).
pub fn report_panics_in_one_line() {
    ONE_LINE.store(true, Ordering::SeqCst);
    install_hook();
}

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info: &PanicHookInfo| {
            let ours = CATCHING.load(Ordering::SeqCst) > 0
                && (INSIDE.with(Cell::get) > 0 || rayon::current_thread_index().is_some());
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let message = payload_text(info.payload());
            if std::env::var_os("CERMIN_BACKTRACE").is_some() {
                previous(info);
            }
            if ours {
                CAUGHT
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((message, place));
            } else if ONE_LINE.load(Ordering::SeqCst) {
                eprintln!("error: internal error: {message} (at {place}), please report it");
            } else if std::env::var_os("CERMIN_BACKTRACE").is_none() {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_it_and_its_place() {
        let line = line!() + 2;
        let err = catch("testing", || -> Result<()> {
            panic!("boom {}", 7);
        })
        .unwrap_err();
        assert!(is_internal(&err));
        assert_eq!(
            err.to_string(),
            format!(
                "internal error while testing: boom 7 (at src/internal_error.rs:{line}), please report it"
            )
        );
    }

    #[test]
    fn a_panic_in_a_worker_thread_is_caught_too() {
        use rayon::prelude::*;
        let err = catch("testing", || -> Result<()> {
            (0..64).into_par_iter().for_each(|i| {
                if i == 63 {
                    panic!("worker {i}");
                }
            });
            Ok(())
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("internal error while testing: worker 63 (at src/internal_error.rs:"),
            "{err}"
        );
    }

    #[test]
    fn errors_and_values_pass_through() {
        assert_eq!(catch("testing", || Ok(5)).unwrap(), 5);
        let err = catch("testing", || -> Result<()> {
            Err(anyhow::anyhow!("plain"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "plain");
        assert!(!is_internal(&err));
    }
}
