//! The integration tests, in one binary so that the shared fixtures (`common`) and the crate
//! are compiled and linked once rather than once per test file.

mod common;

mod architecture;
mod archive_settings;
mod build_cache;
mod build_errors;
mod build_site;
mod bundles;
mod check_cmd;
mod concurrent_builds;
mod faults;
mod feed_settings;
mod fuzz;
mod hostile;
mod images;
mod import_cmd;
mod import_dates;
mod import_images;
mod import_saved_pages;
mod import_urls;
mod limits;
mod remote_images;
mod search;
mod serve_http;
mod serve_incremental;
mod serve_watch;
mod static_images;
mod taxonomies;
