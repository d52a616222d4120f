//! The `cermin` command line: parses the arguments and hands them to `cmd::<name>::execute`.
//! The commands print what they report; this file prints only the error that ends a command.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cermin::cmd;

// Builds allocate many small strings and Tera values on every core; mimalloc is markedly
// faster at that than the system allocator (see bench/RESULTS.md).
// `--features system-alloc` builds with the system allocator, for heap profilers (heaptrack).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns off transparent huge pages for this process, as `MIMALLOC_ALLOW_THP=0` would.
/// mimalloc asks for them on its fresh memory, and on a busy machine with fragmented memory
/// each first touch of a huge page waits for the kernel to compact memory: that was over 40%
/// of a one-edit rebuild's time, and 4 KiB pages made one-edit rebuilds about a third
/// faster and a 10,000-article cold build no slower (bench/RESULTS.md, "Local photos,
/// round 5"). Called first in `main`; it covers memory mapped before it too, except memory
/// marked `MADV_HUGEPAGE`: mimalloc marks its first 1 GiB arena so before `main`, and Linux
/// 6.18 then still gave it huge pages (each first touch clearing 2 MiB, 7% of a one-edit
/// rebuild of a photo site), so mimalloc is built with `no_thp` (Cargo.toml), which drops
/// that `madvise`. A kernel without it changes nothing.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

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
    Build(cmd::build::BuildArgs),
    /// Build the site in memory and serve it on a local HTTP server.
    Serve(cmd::serve::ServeArgs),
    /// Turn scraped news pages (HTML or text dumps) into clean articles in content/.
    Import(cmd::import::ImportArgs),
    /// Build the site in memory and report every broken link, duplicate and missing field.
    Check(cmd::check::CheckArgs),
    /// Create a new site with the default theme in DIR.
    Init(cmd::init::InitArgs),
    /// Create a new article file in content/YYYY/MM/, dated now.
    New(cmd::new::NewArgs),
}

fn main() -> ExitCode {
    no_transparent_huge_pages();
    let command = Cli::parse().command;
    // A bug ends the command with an error saying so, not with a crash trace.
    cermin::internal_error::report_panics_in_one_line();
    let result = cermin::internal_error::catch("running cermin", || match command {
        Command::Build(args) => cmd::build::execute(args),
        Command::Serve(args) => cmd::serve::execute(args),
        Command::Import(args) => cmd::import::execute(args),
        Command::Check(args) => cmd::check::execute(args),
        Command::Init(args) => cmd::init::execute(args),
        Command::New(args) => cmd::new::execute(args),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
