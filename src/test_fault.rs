//! A fault for tests of what happens when cermin has a bug: in debug builds only (what the
//! tests run), `CERMIN_TEST_PANIC_ON_READING=NAME` makes `serve` and `check` panic when they
//! read a content file named NAME. Release builds have no such switch.

use std::path::Path;

/// Panics if `file` is named as `CERMIN_TEST_PANIC_ON_READING` says (debug builds only).
#[cfg(debug_assertions)]
pub fn panic_on_reading(file: &Path) {
    static NAME: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    let name = NAME.get_or_init(|| std::env::var_os("CERMIN_TEST_PANIC_ON_READING"));
    if name.as_deref().is_some_and(|n| file.file_name() == Some(n)) {
        panic!(
            "test fault: reading {} (CERMIN_TEST_PANIC_ON_READING)",
            file.display()
        );
    }
}

/// Does nothing: release builds have no test faults.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn panic_on_reading(_: &Path) {}
