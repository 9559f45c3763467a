//! The command line: clap definitions and the thin glue from subcommands to library calls. It
//! is the one place where an error becomes a message and an exit code (`run`; the errors are
//! [`Error`]).

use crate::command::{complain, print, say};
use crate::store::{self, LoadError};
use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod error;
mod values;

pub use error::Error;

/// A keyboard-only terminal dashboard for purposeful partnerships.
///
/// partnerdeck keeps partners, goals, milestones, the communication log, commitments, reviews and
/// celebrations in one local RON file that you own. Without a command it opens the dashboard.
///
/// A copy of what loading a big file (1 MiB or more) gave is kept in the per-user cache folder,
/// so that the next start on the unchanged file does not parse it again. The copy is used only
/// when the file's content is exactly what it was made from; `--no-cache` turns it off.
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

    /// Look without changing anything (also the way to open a file another partnerdeck has open)
    #[arg(long)]
    pub read_only: bool,

    /// The configuration file (keys, preset, theme) [default: see `partnerdeck config --path`]
    #[arg(long, global = true, env = "PARTNERDECK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Use this date as today (YYYY-MM-DD), e.g. to see the dashboard as it was
    #[arg(
        long,
        global = true,
        value_name = "DATE",
        env = "PARTNERDECK_TODAY",
        hide = true
    )]
    pub today: Option<NaiveDate>,

    /// Neither read nor write the cache of loaded workspaces: parse the data file every time
    #[arg(long, global = true, env = "PARTNERDECK_NO_CACHE",
          value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,

    /// The cache of loaded workspaces, which makes a start on an unchanged file fast
    /// [default: the per-user cache folder, e.g. ~/.cache/partnerdeck]
    #[arg(long, global = true, env = "PARTNERDECK_CACHE_DIR", value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

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
        /// Your organisation's or your own name, shown in the header (also with --demo)
        /// [default: My partnerships; the sample's own with --demo]
        #[arg(long)]
        name: Option<String>,
    },
    /// Show or explain the configuration file (keys, preset, theme)
    Config {
        /// Print the full default configuration, commented, to stdout
        #[arg(long)]
        print_default: bool,
        /// Print where the configuration file is looked for
        #[arg(long)]
        path: bool,
    },
    /// Validate a data file and report every problem with its line; exit 1 if any
    Check {
        /// The file to check [default: the data file in use]
        #[arg(value_name = "FILE")]
        target: Option<PathBuf>,
    },
    /// List the backups of the data file (kept in `backups/` beside it), oldest first
    Backups,
    /// Put a backup back into the data file (the current version is backed up first)
    Restore {
        /// The backup's id as `partnerdeck backups` shows it, or enough of its start
        id: String,
        /// If another partnerdeck has the file open, wait up to this many seconds for the file
        /// to be free (scripts queue up this way) [default: refuse at once]
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
    },
    /// Export to iCalendar, CSV, Markdown or JSON (stdout, or --out PATH)
    Export {
        /// ics: dates and to-dos for a calendar; csv: tables; markdown: a report; json: all
        #[arg(value_enum)]
        format: crate::export::Format,
        /// Only this partner (its name, or enough of it); markdown: that partner's full picture
        #[arg(long, value_name = "NAME")]
        partner: Option<String>,
        /// Write to this file instead of stdout (csv without --kind: a folder, one file a table)
        #[arg(long, short, value_name = "PATH")]
        out: Option<PathBuf>,
        /// csv: the one table to write
        #[arg(long, value_enum)]
        kind: Option<crate::export::csv::Kind>,
        #[command(flatten)]
        alarms: AlarmArgs,
    },
    /// What needs attention now (the dashboard's `t` view) and what falls due soon: for a
    /// terminal, a shell prompt, scripts, calendars and `remind`; or announced by a command of
    /// yours (--run), on a timer (--install-timer)
    #[command(after_help = DUE_HELP)]
    Due(DueArgs),
    /// Add partners or log entries from a CSV file: a dry run unless --apply
    Import {
        #[arg(value_enum)]
        format: crate::export::ImportFormat,
        /// What the rows are
        #[arg(long, value_enum)]
        kind: crate::command::import::Kind,
        /// The CSV file, with a header row
        #[arg(value_name = "FILE")]
        table: PathBuf,
        /// Write the new records (the data file is backed up first)
        #[arg(long)]
        apply: bool,
        /// If another partnerdeck has the file open, wait up to this many seconds for the file
        /// to be free (scripts queue up this way) [default: refuse at once]
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
    },
    /// Write a signed pack of a partnership for that partner (what it holds: the README's
    /// "Sharing with a partner"), and with --html a page for partners without partnerdeck
    Share {
        /// The partner's name, or enough of it
        name: String,
        /// Where to write the pack [default: FROM-to-PARTNER.pdpack in this folder]
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Also write one self-contained HTML page of it here
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Set (and keep) the partner's share settings first: the optional fields to share,
        /// with commas (ratings, rating_notes, feedback, aim, notes, contacts, phones, log), or
        /// `none`
        #[arg(long, value_name = "FIELDS", value_delimiter = ',')]
        include: Option<Vec<String>>,
    },
    /// Verify a partner's pack and keep it with the partner (the dashboard's `T` shows where
    /// their side and ours disagree)
    Receive {
        /// The pack file
        #[arg(value_name = "FILE")]
        pack: PathBuf,
        /// The partner it is from [default: the partner whose key signed it, else the one
        /// named as the sender]
        #[arg(long, value_name = "NAME")]
        partner: Option<String>,
        /// Trust the signing key without asking (check its fingerprint by phone first)
        #[arg(long)]
        trust: bool,
        /// If another partnerdeck has the file open, wait up to this many seconds for the file
        /// to be free [default: refuse at once]
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
    },
    /// Propose log entries, meetings and contacts from mail (Maildir, mbox), calendars (.ics,
    /// vdir) and address books (.vcf) on this computer: a dry run unless --apply
    Ingest {
        /// Folders and files to read [default: the `ingest` folders of the configuration]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Leave out what is older than this day (YYYY-MM-DD, -30d, …)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        since: Option<String>,
        /// Print the proposals and counts as JSON
        #[arg(long)]
        json: bool,
        /// Add every proposal (the data file is backed up first); each is remembered, so the
        /// next run proposes none of it again
        #[arg(long)]
        apply: bool,
        /// If another partnerdeck has the file open, wait up to this many seconds for the file
        /// to be free [default: refuse at once]
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
    },
    /// Print a pre-meeting brief on a partner (Markdown)
    Brief {
        /// The partner's name, or enough of it
        name: String,
    },
    /// Add an entry to a partner's communication log
    Log {
        /// The partner's name, or enough of it
        name: String,
        /// What happened, in a few words
        summary: String,
        /// meeting, call, email, message, event or other [default: call]
        #[arg(long)]
        channel: Option<String>,
        /// When: now, -2d, yesterday 14:30, 2026-11-20 10:00, fri (the last Friday) …
        /// [default: now]
        #[arg(long, allow_hyphen_values = true)]
        when: Option<String>,
        /// Log a contact dated after today (refused without it)
        #[arg(long)]
        future: bool,
        /// Who reached out: us or them [default: us]
        #[arg(long, value_name = "SIDE")]
        initiated_by: Option<String>,
        /// How it felt, 1 (poor) to 5 (excellent)
        #[arg(long, value_name = "1-5")]
        sentiment: Option<u8>,
        /// Something to do afterwards
        #[arg(long, value_name = "WHAT")]
        follow_up: Option<String>,
        /// When the follow-up is due [default: a week after the contact]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        follow_up_due: Option<String>,
        /// If another partnerdeck has the file open, wait up to this many seconds for the file
        /// to be free (scripts queue up this way) [default: refuse at once]
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
    },
    /// Merge two versions of a workspace record by record: git's merge driver (`partnerdeck
    /// git setup` registers it). Exit 0 merged, 1 merged with conflicts kept in the file, 2 an
    /// input does not load or the result could not be written (OURS untouched)
    Merge {
        /// The common ancestor (git's %O)
        base: PathBuf,
        /// Our version, replaced by the merge (git's %A)
        ours: PathBuf,
        /// Their version (git's %B)
        theirs: PathBuf,
        /// The file's name in the repository, for messages (git's %P)
        #[arg(long, value_name = "NAME")]
        path: Option<String>,
    },
    /// Team work through git: `partnerdeck git setup` registers the merge driver
    Git {
        #[command(subcommand)]
        action: GitAction,
    },
    /// List the merge conflicts the data file holds (a merge could not decide them)
    Conflicts,
    /// What teammates changed, by author and partner (entries logged, goals moved, milestones
    /// done, reviews, fields changed), leaving out your own changes. From the version you last
    /// looked at in the dashboard, else the last week
    Activity {
        /// From this day (YYYY-MM-DD, or `7d` for a week back) or this commit (the file as it
        /// was then)
        #[arg(long, value_name = "DATE|COMMIT")]
        since: Option<String>,
        /// Only this member's changes (their name, a word of it, their key or email)
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
        /// Your own changes too
        #[arg(long)]
        everyone: bool,
        /// Print JSON instead of lines
        #[arg(long)]
        json: bool,
    },
    /// Commit the data file (the message says what changed), pull (the driver merges) and push.
    /// Exit 0 in step (or no remote), 1 conflicts to decide, 2 refused or failed (nothing
    /// changed), 3 committed here but the remote could not be pulled from or pushed to
    Sync {
        /// The longest one git call may take, in seconds (then it is stopped)
        #[arg(long, value_name = "SECONDS", env = "PARTNERDECK_GIT_TIMEOUT",
              default_value = "60", value_parser = parse_seconds)]
        timeout: std::time::Duration,
    },
    /// Print a shell completion script (e.g. `partnerdeck completions bash > ~/.local/share/bash-completion/completions/partnerdeck`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff: `partnerdeck man | man -l -`), or write every page
    Man {
        /// Write partnerdeck.1 and a page per command (partnerdeck-export.1 …) into this folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print one frame of the dashboard as plain text and exit (scripts, status displays)
    Render {
        /// Columns of the frame (1 to 1000)
        #[arg(long, value_name = "COLS", default_value_t = 120,
              value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: u16,
        /// Rows of the frame (1 to 1000)
        #[arg(long, value_name = "ROWS", default_value_t = 40,
              value_parser = clap::value_parser!(u16).range(1..=1000))]
        height: u16,
        /// The dashboard with a pane focused, or a full-screen view
        #[arg(long, value_enum, default_value_t = crate::app::show::View::Dashboard)]
        view: crate::app::show::View,
        /// Select this partner (its name, or enough of it)
        #[arg(long, value_name = "NAME")]
        partner: Option<String>,
    },
}

/// The calendar alarms of `export ics` and `due --format ics`.
#[derive(Debug, Clone, clap::Args)]
pub struct AlarmArgs {
    /// ics: alarms go off at 09:00 on the day, or this long before (1d: 09:00 the day before)
    #[arg(long, value_name = "SPAN", default_value = "0",
          value_parser = crate::command::due::parse_lead)]
    pub alarm_lead: chrono::TimeDelta,
    /// ics: no alarms at all
    #[arg(long)]
    pub no_alarms: bool,
    /// ics: alarms also for things dated before today (calendars ring those at once)
    #[arg(long, conflicts_with = "no_alarms")]
    pub alarm_past: bool,
}

impl AlarmArgs {
    pub fn alarms(&self) -> crate::export::ics::Alarms {
        crate::export::ics::Alarms {
            on: !self.no_alarms,
            lead: self.alarm_lead,
            past: self.alarm_past,
        }
    }
}

const DUE_HELP: &str = "\
Examples:
  partnerdeck due                          the attention queue, as `t` shows it
  partnerdeck due --within 7d              and what falls due in the next 7 days
  partnerdeck due --short                  for a shell prompt: `⚑ 3 due today` or nothing
  partnerdeck due --format json            for scripts
  partnerdeck due --within 14d --format ics > due.ics
  partnerdeck due --run 'notify-send \"$PARTNERDECK_PARTNER\" \"$PARTNERDECK_TEXT\"'
  partnerdeck due --install-timer --every 30m

Snooze an item in the dashboard: `t`, select it, `z` (until tomorrow) or `Z` (a week).";

impl Cli {
    /// The day the program takes as today.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Local::now().date_naive())
    }

    /// What the command line asks the workspace session for: the only place where the command
    /// line's flags become the store's plain options.
    pub fn session_options(&self) -> store::Options {
        store::Options {
            file: self.file.clone(),
            demo: self.demo,
            read_only: self.read_only,
            wait: None,
            today: Some(self.today()),
            no_cache: self.no_cache,
            cache_dir: self.cache_dir.clone(),
        }
    }

    fn data_path(&self) -> Result<PathBuf, Error> {
        Ok(self.session_options().path()?)
    }
}

/// `partnerdeck git …`
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum GitAction {
    /// Register the record-level merge driver for the data file in its git repository
    /// (the repository's config and `.gitattributes`); running it again changes nothing
    Setup,
}

/// A whole number of seconds, at least 1.
fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    match text.trim().parse::<u64>() {
        Ok(s) if s > 0 => Ok(std::time::Duration::from_secs(s)),
        _ => Err(format!(
            "`{text}` is not a whole number of seconds (1 or more)"
        )),
    }
}

/// Runs the command line and returns the process exit code.
/// How this process finds who makes its changes (`team::identity`), worked out when a change
/// first needs it: the binary calls this; library users and tests sign nothing.
pub fn install_author(cli: &Cli) {
    let file = cli.data_path().ok();
    let config = config_path(cli);
    crate::document::author::set_process_author(move || {
        let name = config
            .as_deref()
            .and_then(|c| crate::config::load(c, false).name);
        let file = file.as_deref().unwrap_or(std::path::Path::new("."));
        Some(crate::team::identity::of(file, name.as_deref()))
    });
}

pub fn run(cli: Cli) -> ExitCode {
    match dispatch(&cli) {
        Ok(code) => code,
        Err(error) => {
            complain(&format!("partnerdeck: {error}"));
            ExitCode::FAILURE
        }
    }
}

fn dispatch(cli: &Cli) -> Result<ExitCode, Error> {
    match &cli.command {
        Some(Command::Config {
            print_default,
            path,
        }) => config_command(cli, *print_default, *path),
        Some(Command::Path) => {
            say(&cli.data_path()?.display().to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Init { demo, name }) => {
            init(&cli.data_path()?, *demo, name.as_deref(), cli.today())
        }
        Some(Command::Check { target }) => {
            let path = match target {
                Some(f) => f.clone(),
                None => cli.data_path()?,
            };
            check(&path)
        }
        Some(Command::Backups) => list_backups(&cli.data_path()?),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            path,
        }) => Ok(crate::team::merge(base, ours, theirs, path.as_deref())),
        Some(Command::Git {
            action: GitAction::Setup,
        }) => Ok(crate::team::setup(&cli.data_path()?)?),
        Some(Command::Conflicts) => Ok(crate::team::conflicts(&cli.data_path()?)?),
        Some(Command::Activity {
            since,
            author,
            everyone,
            json,
        }) => activity_command(cli, since.as_deref(), author.as_deref(), *everyone, *json),
        Some(Command::Sync { timeout }) => Ok(sync_command(cli, *timeout)),
        Some(Command::Restore { id, wait }) => restore_backup(cli, id, *wait),
        Some(Command::Export {
            format,
            partner,
            out,
            kind,
            alarms,
        }) => Ok(crate::command::export::run(
            &export_source(cli)?,
            *format,
            partner.as_deref(),
            out.as_deref(),
            *kind,
            &alarms.alarms(),
        )?),
        Some(Command::Due(args)) => due_command(cli, args),
        Some(Command::Import {
            format: crate::export::ImportFormat::Csv,
            kind,
            table,
            apply,
            wait,
        }) => Ok(crate::command::import::run(
            &export_source(cli)?,
            *kind,
            table,
            *apply,
            *wait,
        )?),
        Some(Command::Share {
            name,
            out,
            html,
            include,
        }) => Ok(crate::share::commands::share(
            &export_source(cli)?,
            name,
            &crate::share::commands::Outputs {
                pack: out.as_deref(),
                page: html.as_deref(),
            },
            include.as_deref(),
        )?),
        Some(Command::Receive {
            pack,
            partner,
            trust,
            wait,
        }) => Ok(crate::share::commands::receive(
            &export_source(cli)?,
            pack,
            partner.as_deref(),
            *trust,
            *wait,
        )?),
        Some(Command::Brief { name }) => {
            Ok(crate::command::export::brief(&export_source(cli)?, name)?)
        }
        Some(Command::Ingest {
            paths,
            since,
            json,
            apply,
            wait,
        }) => ingest_command(cli, paths, since.as_deref(), *json, *apply, *wait),
        Some(Command::Log {
            name,
            summary,
            channel,
            when,
            future,
            initiated_by,
            sentiment,
            follow_up,
            follow_up_due,
            wait,
        }) => Ok(crate::command::log::run(
            &export_source(cli)?,
            &crate::command::log::Entry {
                partner: name,
                summary,
                channel: channel.as_deref(),
                when: when.as_deref(),
                initiated_by: initiated_by.as_deref(),
                sentiment: *sentiment,
                follow_up: follow_up.as_deref(),
                follow_up_due: follow_up_due.as_deref(),
                future: *future,
            },
            *wait,
        )?),
        Some(Command::Completions { shell }) => completions(*shell),
        Some(Command::Man { out }) => man_page(out.as_deref()),
        Some(Command::Render {
            width,
            height,
            view,
            partner,
        }) => render_frame(cli, *width, *height, *view, partner.as_deref()),
        None => Ok(crate::tui::open(
            &cli.session_options(),
            config_path(cli).as_deref(),
        )?),
    }
}

/// `partnerdeck sync`: on the data file itself (never read-only, never the demo).
fn sync_command(cli: &Cli, timeout: std::time::Duration) -> ExitCode {
    let options = store::Options {
        read_only: false,
        demo: false,
        ..cli.session_options()
    };
    // Every failure of sync is exit 2 ("refused or failed, nothing changed"): 1 means
    // conflicts to decide.
    match store::Session::start(&options) {
        Ok(session) => crate::team::sync(&session, timeout),
        Err(e) => {
            complain(&format!("partnerdeck: {e}"));
            ExitCode::from(2)
        }
    }
}

/// `partnerdeck due`'s arguments.
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Also what falls due within this span: 7d, 2w (whole days; 0d: today)
    #[arg(long, value_name = "SPAN", value_parser = crate::command::due::parse_days)]
    pub within: Option<u32>,
    /// Only these kinds (several with commas)
    #[arg(long, value_name = "KIND", value_delimiter = ',',
          value_parser = clap::builder::PossibleValuesParser::new(crate::export::due::KINDS))]
    pub kind: Vec<String>,
    /// How to print it
    #[arg(long, value_enum, default_value_t)]
    pub format: crate::command::due::DueFormat,
    /// One line for a shell prompt (`⚑ 3 due today`), or nothing when nothing is due
    #[arg(long, conflicts_with = "format")]
    pub short: bool,
    /// Run this shell command once per item not yet announced today: the item as JSON on
    /// stdin, PARTNERDECK_ID, _KIND, _PARTNER, _TEXT, _WHEN, _DUE in its environment
    #[arg(long, value_name = "CMD", conflicts_with_all = ["format", "short"])]
    pub run: Option<String>,
    /// Write a systemd user timer and service that run `due --run` (default: notify-send)
    #[arg(long, conflicts_with_all = ["cron", "uninstall_timer", "format", "short"])]
    pub install_timer: bool,
    /// Print a crontab line that runs `due --run` instead (nothing is installed)
    #[arg(long, conflicts_with_all = ["uninstall_timer", "format", "short"])]
    pub cron: bool,
    /// Remove the timer and service --install-timer wrote
    #[arg(long, conflicts_with_all = ["format", "short", "run", "within", "kind"])]
    pub uninstall_timer: bool,
    /// How often the timer (or cron) runs: 15m, 30m, 1h
    #[arg(long, value_name = "SPAN", default_value = "30m",
          value_parser = crate::command::due::parse_minutes)]
    pub every: u64,
    #[command(flatten)]
    pub alarms: AlarmArgs,
    /// Only what is yours: the partners you own, the follow-ups and our commitments assigned to
    /// you (who you are: git's user.name of the file's clone, else the configuration's name)
    #[arg(long, conflicts_with = "owner")]
    pub mine: bool,
    /// Only this team member's (their name, a word of it, their key or email)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
}

/// `partnerdeck due`: what needs attention, or the timer that asks it.
fn due_command(cli: &Cli, args: &DueArgs) -> Result<ExitCode, Error> {
    let DueArgs {
        within,
        kind,
        format,
        short,
        run,
        install_timer,
        cron,
        uninstall_timer,
        every,
        alarms,
        mine,
        owner,
    } = args;
    // `--mine`: the member this process signs as.
    let owner = if *mine {
        let me = crate::document::author::process_author()
            .map(|i| i.key())
            .unwrap_or_default();
        Some(crate::export::due::OwnerFilter::Key(me))
    } else {
        owner.clone().map(crate::export::due::OwnerFilter::Named)
    };
    use crate::command::due as r;
    let options = cli.session_options();
    Ok(if *uninstall_timer {
        r::uninstall_timer()?
    } else if *install_timer {
        r::install_timer(&options, run.as_deref(), *within, *every)?
    } else if *cron {
        r::cron(&options, run.as_deref(), *within, *every)?
    } else {
        r::run(
            &options,
            &r::Request {
                within: *within,
                kinds: kind.clone(),
                format: *format,
                short: *short,
                run: run.clone(),
                alarms: alarms.alarms(),
                owner,
            },
        )?
    })
}

fn init(path: &Path, demo: bool, name: Option<&str>, today: NaiveDate) -> Result<ExitCode, Error> {
    if path.exists() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let ws = if demo {
        let mut ws = store::demo_workspace(today);
        if let Some(name) = name {
            ws.profile.name = name.to_string();
        }
        ws
    } else {
        crate::model::Workspace::named(name.unwrap_or("My partnerships"))
    };
    crate::document::create(path, &ws)?;
    say(&format!("created {}", path.display()))?;
    Ok(ExitCode::SUCCESS)
}

fn check(path: &Path) -> Result<ExitCode, Error> {
    match store::Session::at(path).load() {
        Ok(Some(loaded)) => {
            let [
                partners,
                goals,
                milestones,
                log,
                commitments,
                reviews,
                celebrations,
            ] = loaded.workspace.list_lengths();
            use crate::words::{count, plural};
            say(&format!(
                "{}: ok — {}, {}, {}, {}, {}, {}, {}",
                path.display(),
                count(partners, "partner"),
                count(goals, "goal"),
                count(milestones, "milestone"),
                plural(log, "log entry", "log entries"),
                count(commitments, "commitment"),
                count(reviews, "review"),
                count(celebrations, "celebration"),
            ))?;
            let conflicts = loaded.workspace.conflicts.len();
            if conflicts > 0 {
                say(&format!(
                    "  warning: {} to decide (`partnerdeck conflicts` lists them)",
                    count(conflicts, "merge conflict")
                ))?;
            }
            if let Some(v) = loaded.migrated_from {
                say(&format!(
                    "  (a version {v} file: it will be upgraded to version {} on the next save)",
                    crate::model::CURRENT_VERSION
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Ok(None) => Err(Error::Missing(path.to_path_buf())),
        Err(e @ store::SessionError::Load(LoadError::Io { .. })) => Err(e.into()),
        Err(e) => {
            complain(&e.to_string());
            Ok(ExitCode::FAILURE)
        }
    }
}

fn list_backups(path: &Path) -> Result<ExitCode, Error> {
    let backups = store::list_backups(path);
    let dir = store::backup::backup_dir(path);
    if backups.is_empty() {
        say(&format!(
            "no backups of {} yet; they are kept in {} before saves replace an older version",
            path.display(),
            dir.display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    say(&format!(
        "backups of {} in {}, oldest first:",
        path.display(),
        dir.display()
    ))?;
    for b in &backups {
        let partners = match store::load_backup(b) {
            Ok(loaded) => {
                let n = loaded.workspace.partners.len();
                crate::words::count(n, "partner")
            }
            Err(_) if b.is_compressed() => {
                "does not load (unpack it with `zstd -d`; `partnerdeck check` on the copy says why)"
                    .to_string()
            }
            Err(_) => "does not load (`partnerdeck check` on it says why)".to_string(),
        };
        say(&format!(
            "  {:<20} {}  {:>10}  {partners}",
            b.id,
            b.time.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S"),
            human_size(b.size)
        ))?;
    }
    say("restore one with `partnerdeck restore ID`")?;
    Ok(ExitCode::SUCCESS)
}

fn restore_backup(cli: &Cli, id: &str, wait: Option<u64>) -> Result<ExitCode, Error> {
    let options = store::Options {
        read_only: false,
        demo: false,
        wait: wait.map(std::time::Duration::from_secs),
        ..cli.session_options()
    };
    let session =
        crate::command::open_for_writing(&options, "close it there, then run restore again")?;
    let path = session.path();
    // The current version is read to back it up: only a regular file (a FIFO would block).
    store::open_regular(path).map_err(|source| Error::ReadCurrent {
        path: path.to_path_buf(),
        source,
    })?;
    let restored = crate::document::restore(path, id, chrono::Utc::now())?;
    let n = restored.loaded.workspace.partners.len();
    say(&format!(
        "restored backup {} ({}, {}) into {}",
        restored.from.id,
        restored
            .from
            .time
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M:%S"),
        crate::words::count(n, "partner"),
        path.display()
    ))?;
    if let Some(b) = restored.saved_current {
        say(&format!(
            "the version it replaced is kept as backup {}",
            b.id
        ))?;
    }
    drop(session);
    Ok(ExitCode::SUCCESS)
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Where exports, imports, briefs and log entries read and write.
fn export_source(cli: &Cli) -> Result<crate::command::Source, Error> {
    // The path is resolved now, so that a bad one is said before anything else is read.
    cli.data_path()?;
    Ok(crate::command::Source::new(cli.session_options()))
}

fn ingest_command(
    cli: &Cli,
    paths: &[PathBuf],
    since: Option<&str>,
    json: bool,
    apply: bool,
    wait: Option<u64>,
) -> Result<ExitCode, Error> {
    let src = export_source(cli)?;
    let since = match since {
        Some(text) => Some(
            crate::model::dates::parse_date(text, src.today).map_err(|e| {
                crate::command::CommandError::from(crate::command::log::LogError::Date(e))
            })?,
        ),
        None => None,
    };
    let request = crate::command::ingest::Request {
        paths: paths.to_vec(),
        since,
        json,
        apply,
        wait,
    };
    let watched = crate::config::watched(config_path(cli).as_deref());
    Ok(crate::command::ingest::run(&src, &request, watched)?)
}

fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Error> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "partnerdeck", &mut script);
    crate::command::print_bytes(&script)?;
    Ok(ExitCode::SUCCESS)
}

fn man_page(out: Option<&Path>) -> Result<ExitCode, Error> {
    use clap::CommandFactory;
    fn pages(cmd: clap::Command, into: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            pages(sub.clone(), into)?;
        }
        let man = clap_mangen::Man::new(cmd);
        let mut page = Vec::new();
        man.render(&mut page)?;
        into.push((man.get_filename(), page));
        Ok(())
    }
    let Some(dir) = out else {
        let mut page = Vec::new();
        clap_mangen::Man::new(Cli::command())
            .render(&mut page)
            .map_err(Error::ManPage)?;
        crate::command::print_bytes(&page)?;
        return Ok(ExitCode::SUCCESS);
    };
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut all = Vec::new();
    pages(cmd, &mut all).map_err(Error::ManPage)?;
    for (name, page) in &all {
        store::write_private(&dir.join(name), page)?;
    }
    say(&format!(
        "wrote {} manual pages to {}",
        all.len(),
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `partnerdeck render`: loads the data as the dashboard does (read-only: no lock, no save),
/// brings the app to the view and partner asked for, and prints that one frame as text.
fn render_frame(
    cli: &Cli,
    width: u16,
    height: u16,
    view: crate::app::show::View,
    partner: Option<&str>,
) -> Result<ExitCode, Error> {
    use crate::app::{App, Source};
    if !(1..=1000).contains(&width) || !(1..=1000).contains(&height) {
        return Err(Error::FrameSize { width, height });
    }
    if width < crate::app::MIN_WIDTH || height < crate::app::MIN_HEIGHT {
        // The dashboard would only ask to enlarge the terminal: say so, and fail, so that a
        // script can tell.
        return Err(Error::FrameTooSmall { width, height });
    }
    let options = store::Options {
        read_only: true,
        ..cli.session_options()
    };
    let mut session = store::Session::start(&options)?;
    let (ws, cache_write) = match session.load()? {
        Some(opened) => (opened.workspace, opened.cache_write),
        None => (crate::model::Workspace::named(""), None),
    };
    let path = session.path().to_path_buf();
    let source = if session.is_demo() {
        Source::Demo(path)
    } else {
        Source::File(path)
    };
    // Built without a saver (a render never writes): the dashboard's saver would read and hash
    // the whole file a second time.
    let mut app = App::new(ws, session.today(), Source::Memory);
    app.doc.set_source(source);
    app.set_clock(crate::tui::clock(cli.today));
    // The configuration's keys (shown in the footer) and theme, as the dashboard takes them.
    let (theme, warnings) = crate::config::apply(config_path(cli).as_deref(), &mut app);
    for w in &warnings {
        complain(&format!("partnerdeck: config: {w}"));
    }
    app.show(width, height, view, partner)?;
    let text = crate::ui::headless::render_text(&app, &theme, width, height);
    // A reader that stopped early (`| head`) is not a failure.
    print(&text)?;
    // The frame is out: a parsed file leaves a cache entry for the next run (silently).
    if let Some(write) = cache_write {
        let _ = write.write(app.ws());
    }
    // The process ends right after: freeing every record one by one would only delay the exit.
    std::mem::forget(app);
    Ok(ExitCode::SUCCESS)
}

fn activity_command(
    cli: &Cli,
    since: Option<&str>,
    author: Option<&str>,
    everyone: bool,
    json: bool,
) -> Result<ExitCode, Error> {
    use crate::team::activity::{Since, json as to_json, lines, report};
    let today = cli.today();
    let since = since.map_or(Since::LastLooked, |s| Since::parse(s, today));
    let path = cli.data_path()?;
    let me = crate::document::author::process_author();
    let r = report(
        &path,
        &since,
        author,
        me.as_ref(),
        everyone,
        today,
        cli.cache_dir.as_deref(),
    )?;
    if json {
        print(&format!("{:#}\n", to_json(&r)))?;
    } else {
        print(&(lines(&r).join("\n") + "\n"))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The configuration file in use: `--config`, `PARTNERDECK_CONFIG`, else the per-user folder.
pub fn config_path(cli: &Cli) -> Option<PathBuf> {
    cli.config.clone().or_else(crate::config::default_path)
}

fn config_command(cli: &Cli, print_default: bool, path: bool) -> Result<ExitCode, Error> {
    if print_default {
        print(&crate::config::default_text())?;
        return Ok(ExitCode::SUCCESS);
    }
    let file = config_path(cli).ok_or(Error::NoConfigFolder)?;
    if path {
        say(&file.display().to_string())?;
        return Ok(ExitCode::SUCCESS);
    }
    let settings = crate::config::load(&file, crate::config::no_color_env());
    if settings.warnings.is_empty() {
        say(&format!("{}: ok", file.display()))?;
        Ok(ExitCode::SUCCESS)
    } else {
        for w in &settings.warnings {
            complain(w);
        }
        Ok(ExitCode::FAILURE)
    }
}
