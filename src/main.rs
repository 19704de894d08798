//! The `nocure` command: parses arguments and calls into the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = nocure::cli::Cli::parse();
    nocure::cli::run(cli)
}
