//! One module per subcommand, each with its clap arguments (`<Name>Args`) and one entry point,
//! `execute`, called by `main.rs`. The commands print what the user sees; the library modules
//! they call return values and errors.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
