//! The `cermin` command line. Only this file prints; the library returns errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cermin::cmd;

// Builds allocate many small strings and Tera values on every core; mimalloc is markedly
// faster at that than the system allocator (see bench/RESULTS.md).
// `--features system-alloc` builds with the system allocator, for heap profilers (heaptrack).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cermin",
    version,
    about = "A static site generator for news mirrors"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output).
    Build {
        /// The site's folder (holds site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated in the future (embargoed).
        #[arg(long)]
        future: bool,
        /// Use this base URL instead of site.toml's `base_url`.
        #[arg(long)]
        base_url: Option<String>,
        /// Do not use or update the build cache (.cermin-cache/): parse and render everything.
        #[arg(long)]
        no_cache: bool,
    },
    /// Build the site in memory and serve it on a local HTTP server.
    Serve {
        /// The site's folder (holds site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Rebuild on every change and reload open browser tabs.
        #[arg(long)]
        watch: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated in the future (embargoed).
        #[arg(long)]
        future: bool,
    },
    /// Turn scraped news pages (HTML or text dumps) into clean articles in content/.
    Import {
        /// Files or folders (walked recursively): .html, .htm, .html.gz, .txt.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The site's folder (holds site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Use the rules of [import.sources.NAME] in site.toml.
        #[arg(long)]
        source: Option<String>,
        /// The original URL of the page (for a single page without a canonical link).
        #[arg(long)]
        url: Option<String>,
        /// Show what would be written, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print every line or block dropped and the rule that dropped it.
        #[arg(long)]
        explain: bool,
        /// Rewrite articles that are already in content/.
        #[arg(long)]
        force: bool,
        /// Tags to add to every imported article, comma-separated.
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// `text` (default) or `json`: one JSON object per page (the article found, what
        /// happened to it, what was dropped) on stdout.
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Build the site in memory and report every broken link, duplicate and missing field.
    Check {
        /// The site's folder (holds site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check drafts too.
        #[arg(long)]
        drafts: bool,
        /// Check articles dated in the future too.
        #[arg(long)]
        future: bool,
        /// Also list external links (they are not fetched: no network is assumed).
        #[arg(long)]
        external: bool,
        /// `text` (default) or `json`.
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Create a new site with the default theme in DIR.
    Init {
        /// The folder to create (must be new or empty).
        dir: PathBuf,
    },
    /// Create a new article file in content/YYYY/MM/, dated now.
    New {
        /// The article's title.
        title: String,
        /// The site's folder (holds site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Tags, comma-separated.
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// Mark the article as a draft.
        #[arg(long)]
        draft: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Build {
            root,
            output,
            drafts,
            future,
            base_url,
            no_cache,
        } => {
            let args = cmd::build::BuildArgs {
                root,
                output,
                drafts,
                future,
                base_url,
                no_cache,
            };
            let report = cmd::build::build(&args)?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            println!("{}", report.summary());
        }
        Command::Serve {
            root,
            bind,
            port,
            watch,
            open,
            drafts,
            future,
        } => {
            cermin::serve::serve(cermin::serve::ServeArgs {
                root,
                bind,
                port,
                watch,
                open,
                drafts,
                future,
            })?;
        }
        Command::Import {
            paths,
            root,
            source,
            url,
            dry_run,
            explain,
            force,
            tags,
            format,
        } => {
            let args = cmd::import::ImportArgs {
                root,
                paths,
                source,
                url,
                dry_run,
                explain,
                force,
                tags,
                json: format == "json",
            };
            if !cmd::import::run(&args)? {
                return Err(anyhow::anyhow!(
                    "some pages could not be imported (see the lines starting with `failed`)"
                ));
            }
        }
        Command::Check {
            root,
            drafts,
            future,
            external,
            format,
        } => {
            let options = cermin::session::SessionOptions {
                drafts,
                future,
                base_url: None,
            };
            let report = cermin::check::check(&root, options, external)?;
            if !cmd::check::print(&report, format == "json")? {
                return Err(anyhow::anyhow!(
                    "the check found {} errors",
                    report.errors()
                ));
            }
        }
        Command::Init { dir } => {
            cmd::init::init(&dir)?;
            println!(
                "Created a new site in {}; build it with `cermin build --root {}`",
                dir.display(),
                dir.display()
            );
        }
        Command::New {
            title,
            root,
            tags,
            draft,
        } => {
            let config = cmd::build::load_config(&root, None)?;
            let path = cmd::new::new_article(&config, &title, &tags, draft)?;
            println!("Created {}", root.join(path).display());
        }
    }
    Ok(())
}
