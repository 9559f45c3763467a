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
    /// List the backups of the data file (kept in `backups/` beside it), oldest first
    Backups,
    /// Put a backup back into the data file (the current version is backed up first)
    Restore {
        /// The backup's id as `partnerdeck backups` shows it, or enough of its start
        id: String,
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
        Some(Command::Backups) => list_backups(&cli.data_path()?),
        Some(Command::Restore { id }) => restore_backup(&cli.data_path()?, id),
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

fn list_backups(path: &Path) -> Result<ExitCode, String> {
    let backups = store::list_backups(path);
    let dir = store::backup::backup_dir(path);
    if backups.is_empty() {
        println!(
            "no backups of {} yet; they are kept in {} before saves replace an older version",
            path.display(),
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "backups of {} in {}, oldest first:",
        path.display(),
        dir.display()
    );
    for b in &backups {
        let partners = match std::fs::read_to_string(&b.path)
            .map_err(|e| e.to_string())
            .and_then(|text| store::load_text(&text, &b.path).map_err(|e| e.to_string()))
        {
            Ok(loaded) => {
                let n = loaded.workspace.partners.len();
                format!("{n} partner{}", if n == 1 { "" } else { "s" })
            }
            Err(_) => "does not load (`partnerdeck check` on it says why)".to_string(),
        };
        println!(
            "  {:<20} {}  {:>10}  {partners}",
            b.id,
            b.time.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S"),
            human_size(b.size)
        );
    }
    println!("restore one with `partnerdeck restore ID`");
    Ok(ExitCode::SUCCESS)
}

fn restore_backup(path: &Path, id: &str) -> Result<ExitCode, String> {
    let lock = store::Lock::acquire(path).map_err(|e| match e {
        store::LockError::Held { holder, .. } => format!(
            "{} is open in another partnerdeck ({holder}); close it there, then run restore again",
            path.display()
        ),
        other => other.to_string(),
    })?;
    let restored = store::restore(path, id, chrono::Utc::now()).map_err(|e| e.to_string())?;
    let n = restored.loaded.workspace.partners.len();
    println!(
        "restored backup {} ({}, {n} partner{}) into {}",
        restored.from.id,
        restored
            .from
            .time
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M:%S"),
        if n == 1 { "" } else { "s" },
        path.display()
    );
    if let Some(b) = restored.saved_current {
        println!("the version it replaced is kept as backup {}", b.id);
    }
    drop(lock);
    Ok(ExitCode::SUCCESS)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}
