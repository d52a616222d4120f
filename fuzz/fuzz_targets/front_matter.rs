//! A content file: front matter (YAML or TOML), validation and the Markdown body.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use cermin::config::Config;
use libfuzzer_sys::fuzz_target;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        Config::parse(
            Path::new("."),
            Path::new("site.toml"),
            "title = \"F\"\ntimezone = \"Asia/Jakarta\"\n",
        )
        .unwrap()
    })
}

fuzz_target!(|text: &str| {
    let _ = cermin::content::parse_article(config(), Path::new("content/f.md"), text);
});
