//! The command line: clap definitions and the thin glue from subcommands to library calls.

use crate::store::{self, LoadError, paths};
use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A keyboard-only terminal dashboard for purposeful partnerships.
///
/// partnerdeck keeps partners, goals, milestones, the communication log, commitments, reviews and
/// celebrations in one local RON file that you own. Without a command it opens the dashboard.
#[derive(Debug, Parser)]
#[command(name = "partnerdeck", version, about, long_about, after_help = AFTER_HELP)]
pub struct Cli {
    /// The data file [default: the per-user data folder; see `partnerdeck path`]
    #[arg(
        short,
        long,
        global = true,
        env = "PARTNERDECK_FILE",
        value_name = "PATH"
    )]
    pub file: Option<PathBuf>,

    /// Open a scratch copy of the bundled sample; your own file is never touched
    #[arg(long)]
    pub demo: bool,

    /// Use this date as today (YYYY-MM-DD), e.g. to see the dashboard as it was
    #[arg(
        long,
        global = true,
        value_name = "DATE",
        env = "PARTNERDECK_TODAY",
        hide = true
    )]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "\
Examples:
  partnerdeck --demo                 try it on the bundled sample
  partnerdeck init                   create your data file
  partnerdeck                        open the dashboard on your file
  partnerdeck check                  validate your file (hand edits, merges)
  partnerdeck --file team.ron        use another file (or set PARTNERDECK_FILE)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the path of the data file in use
    Path,
    /// Create the data file (never overwrites an existing one)
    Init {
        /// Start from a copy of the bundled sample instead of an empty workspace
        #[arg(long)]
        demo: bool,
        /// Your organisation's or your own name, shown in the header
        #[arg(long, default_value = "My partnerships")]
        name: String,
    },
    /// Validate a data file and report every problem with its line; exit 1 if any
    Check {
        /// The file to check [default: the data file in use]
        file: Option<PathBuf>,
    },
}

impl Cli {
    /// The day the program takes as today.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Local::now().date_naive())
    }

    fn data_path(&self) -> Result<PathBuf, String> {
        paths::resolve(self.file.as_deref())
    }
}

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match dispatch(&cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("partnerdeck: {message}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(cli: &Cli) -> Result<ExitCode, String> {
    match &cli.command {
        Some(Command::Path) => {
            println!("{}", cli.data_path()?.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init { demo, name }) => init(&cli.data_path()?, *demo, name, cli.today()),
        Some(Command::Check { file }) => {
            let path = match file {
                Some(f) => f.clone(),
                None => cli.data_path()?,
            };
            check(&path)
        }
        None => crate::tui::open(cli),
    }
}

fn init(path: &Path, demo: bool, name: &str, today: NaiveDate) -> Result<ExitCode, String> {
    if path.exists() {
        return Err(format!(
            "{} already exists; it was left as it is",
            path.display()
        ));
    }
    let ws = if demo {
        store::demo_workspace(today)
    } else {
        crate::model::Workspace::named(name)
    };
    store::save(path, &ws).map_err(|e| e.to_string())?;
    println!("created {}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn check(path: &Path) -> Result<ExitCode, String> {
    match store::load(path) {
        Ok(Some(loaded)) => {
            let ws = &loaded.workspace;
            println!(
                "{}: ok — {} partners, {} goals, {} milestones, {} log entries, {} commitments, \
                 {} reviews, {} celebrations",
                path.display(),
                ws.partners.len(),
                ws.goals.len(),
                ws.milestones.len(),
                ws.interactions.len(),
                ws.commitments.len(),
                ws.reviews.len(),
                ws.celebrations.len()
            );
            if let Some(v) = loaded.migrated_from {
                println!(
                    "  (a version {v} file: it will be upgraded to version {} on the next save)",
                    crate::model::CURRENT_VERSION
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Ok(None) => Err(format!("{} does not exist", path.display())),
        Err(e @ LoadError::Io { .. }) => Err(e.to_string()),
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}
