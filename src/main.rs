use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    partnerdeck::cli::run(partnerdeck::cli::Cli::parse())
}
