//! A fault for tests of what happens when cermin has a bug: in debug builds only (what the
//! tests run), `CERMIN_TEST_PANIC_ON_READING=NAME` makes `serve` and `check` panic when they
//! read a content file named NAME; tests in the same process call [`panic_on_reading_named`].
//! Release builds have no such switch.

use std::path::Path;

/// Panics if `file` is named as `CERMIN_TEST_PANIC_ON_READING` or [`panic_on_reading_named`]
/// says (debug builds only).
#[cfg(debug_assertions)]
pub fn panic_on_reading(file: &Path) {
    static FROM_ENV: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    let from_env = FROM_ENV.get_or_init(|| std::env::var_os("CERMIN_TEST_PANIC_ON_READING"));
    let Some(name) = file.file_name() else {
        return;
    };
    let named = from_env.as_deref() == Some(name)
        || IN_PROCESS
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .any(|n| n.as_str() == name);
    if named {
        panic!(
            "test fault: reading {} (CERMIN_TEST_PANIC_ON_READING)",
            file.display()
        );
    }
}

/// File names that panic when read, set by tests in this process.
#[cfg(debug_assertions)]
static IN_PROCESS: std::sync::RwLock<Vec<String>> = std::sync::RwLock::new(Vec::new());

/// Makes reading a content file named `name` panic in this process from now on (debug builds
/// only; use a name no other test uses: tests run in parallel).
#[cfg(debug_assertions)]
pub fn panic_on_reading_named(name: &str) {
    IN_PROCESS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(name.to_string());
}

/// Does nothing: release builds have no test faults.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn panic_on_reading(_: &Path) {}
