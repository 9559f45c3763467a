use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = partnerdeck::cli::Cli::parse();
    partnerdeck::cli::install_author(&cli);
    partnerdeck::cli::run(cli)
}
