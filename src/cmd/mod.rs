//! One module per subcommand.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
