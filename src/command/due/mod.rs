//! `partnerdeck due`: the command-line glue. Reads the slimmed copy kept for the file
//! (`store::slim`, trusted by the file's stamp without reading it), else the workspace read-only
//! through the warm cache (as `render` does: a parse leaves an entry for the next run, and a
//! whole load leaves the slimmed copy), computes what is due
//! ([`crate::insight::due`]), and prints it (`export::due`), runs the hook ([`hook`]) or writes
//! the timer ([`timer`]). An answer is kept for the next identical question ([`answers`]).

pub mod answers;
pub mod hook;
pub mod timer;

use crate::command::output::{complain, print, print_bytes};
use crate::export::due;
use crate::export::ics::Alarms;
use crate::insight::Index;
use crate::store::{self, Session, SessionError};
use chrono::{NaiveDate, TimeDelta, Utc};
use std::path::PathBuf;
use std::process::ExitCode;

/// How `due` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DueFormat {
    /// For a terminal: the queue as the `t` view shows it, then what falls due
    #[default]
    Text,
    /// For scripts: stable fields (see the README)
    Json,
    /// iCalendar: one event per item, with alarms
    Ics,
    /// Lines for the `remind` tool
    Remind,
}

/// What `due` was asked.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Also what falls due within this many days.
    pub within: Option<u32>,
    /// Only these kinds (`due::KINDS`); all when empty.
    pub kinds: Vec<String>,
    pub format: DueFormat,
    /// One line for a prompt, or nothing.
    pub short: bool,
    /// Run this command per item not yet announced today, instead of printing.
    pub run: Option<String>,
    pub alarms: Alarms,
    /// Only one team member's items (`--mine`, `--owner`).
    pub owner: Option<crate::export::due::OwnerFilter>,
}

/// Why `due` failed.
#[derive(Debug, thiserror::Error)]
pub enum DueError {
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Path(#[from] store::paths::PathError),
    #[error(
        "{} does not exist; `partnerdeck init` creates it (or try --demo)",
        .0.display()
    )]
    Missing(PathBuf),
    #[error(transparent)]
    Command(#[from] crate::command::CommandError),
    #[error(transparent)]
    Hook(#[from] hook::HookError),
    #[error(transparent)]
    Save(#[from] store::SaveError),
    #[error(transparent)]
    Cron(#[from] timer::CronInterval),
    #[error("cannot find a home folder for the systemd user units; set XDG_CONFIG_HOME")]
    NoUnitDir,
    #[error("--demo is a scratch sample: a timer would announce nothing of yours")]
    DemoTimer,
    #[error("cannot find this program's own path for the timer: {0}")]
    OwnPath(std::io::Error),
    #[error("cannot remove a timer unit: {0}")]
    Remove(std::io::Error),
    #[error("the hook failed for {0} of the items; they will be tried again on the next run")]
    HookFailed(usize),
}

/// A span typed on the command line: `7d`, `2w`, `30m`, `1h`, `90min`; a bare number is in
/// `unit` (`d` or `m`).
pub fn parse_span(text: &str, unit: &str) -> Result<TimeDelta, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, u) = t.split_at(split);
    let n: i64 = n
        .parse()
        .map_err(|_| format!("`{text}` is not a span like 7d, 2w, 30m or 1h"))?;
    if n > 100_000 {
        return Err(format!("`{text}` is too long"));
    }
    let u = if u.is_empty() { unit } else { u.trim() };
    match u {
        "m" | "min" | "mins" | "minute" | "minutes" => Ok(TimeDelta::minutes(n)),
        "h" | "hour" | "hours" => Ok(TimeDelta::hours(n)),
        "d" | "day" | "days" => Ok(TimeDelta::days(n)),
        "w" | "week" | "weeks" => Ok(TimeDelta::weeks(n)),
        _ => Err(format!(
            "`{text}`: the unit is m (minutes), h (hours), d (days) or w (weeks)"
        )),
    }
}

/// `--within`: whole days (`7d`, `2w`, `7`).
pub fn parse_days(text: &str) -> Result<u32, String> {
    let span = parse_span(text, "d")?;
    if span.num_minutes() % (24 * 60) != 0 {
        return Err(format!("`{text}`: --within counts whole days (7d, 2w)"));
    }
    u32::try_from(span.num_days()).map_err(|_| format!("`{text}` is too long"))
}

/// `--every`: minutes, at least one (`30m`, `1h`, `30`).
pub fn parse_minutes(text: &str) -> Result<u64, String> {
    let m = parse_span(text, "m")?.num_minutes();
    if m < 1 {
        return Err(format!("`{text}`: at least a minute"));
    }
    Ok(m as u64)
}

/// `--alarm-lead`: how long before 09:00 on the day (`0`, `1d`, `2h`).
pub fn parse_lead(text: &str) -> Result<TimeDelta, String> {
    parse_span(text, "m")
}

/// The options that shape `due`'s printed answer, as text (part of an answer's key).
fn question(req: &Request, today: NaiveDate) -> String {
    format!(
        "{today}|{:?}|{:?}|{:?}|{}|{:?}",
        req.within, req.kinds, req.format, req.short, req.owner
    )
}

/// The workspace `due` works from, and what to write once the answer is out.
struct Source {
    ws: crate::model::Workspace,
    /// The stamp of the content it comes from.
    stamp: Option<store::Stamp>,
    /// The file was loaded whole: the slimmed copy to keep for the next run.
    slim: Option<(store::slim::Slim, store::Stamp)>,
    cache_write: Option<store::cache::CacheWrite>,
}

/// The slimmed copy kept for the file as it is (`current`, or found by the content `stamp`),
/// when it holds on `today`.
fn slimmed(
    slim: Option<&store::slim::Slim>,
    current: Option<store::slim::Found>,
    stamp: Option<&store::Stamp>,
    today: NaiveDate,
) -> Option<crate::model::Workspace> {
    if let Some(found) = current {
        return (found.from() <= today).then(|| found.workspace()).flatten();
    }
    let (from, ws) = slim?.for_content(stamp?)?;
    (from <= today).then_some(ws)
}

/// `partnerdeck due …`.
pub fn run(options: &store::Options, req: &Request) -> Result<ExitCode, DueError> {
    let options = store::Options {
        read_only: true,
        ..options.clone()
    };
    let today = options.today();
    let mut session = Session::start(&options)?;
    // A prompt asking again on an unchanged file: the answer kept last time (`answers`).
    let answers = match (&req.run, req.format, req.short) {
        (Some(_), _, _) | (None, DueFormat::Ics, false) => None,
        _ => answers::Answers::new(&options),
    };
    let question = question(req, today);
    // The file as it is: known from a slimmed copy's stamp without reading it when its
    // metadata can be trusted (`store::slim`), else read and hashed.
    let slim = options.cache().map(store::slim::Slim::new);
    let current = slim.as_ref().and_then(|s| s.current(session.path()));
    let stamp = match &current {
        Some(found) => Some(found.stamp().clone()),
        None if answers.is_some() || slim.is_some() => {
            store::Stamp::read(session.path()).ok().flatten()
        }
        None => None,
    };
    if let (Some(answers), Some(stamp)) = (&answers, &stamp)
        && let Some(key) = answers::Answers::key(stamp, &question)
        && let Some(answer) = answers.get(&key)
    {
        print_bytes(&answer)?;
        return Ok(ExitCode::SUCCESS);
    }
    let source = match slimmed(slim.as_ref(), current, stamp.as_ref(), today) {
        Some(ws) => Source {
            ws,
            stamp,
            slim: None,
            cache_write: None,
        },
        None => {
            let Some(opened) = session.load()? else {
                return Err(DueError::Missing(session.path().to_path_buf()));
            };
            Source {
                slim: slim.zip(opened.stamp.clone()),
                ws: opened.workspace,
                stamp: opened.stamp,
                cache_write: opened.cache_write,
            }
        }
    };
    let code = answer(req, today, &source, session.path(), |answer| {
        // Kept under the content the answer was computed from.
        if let (Some(answers), Some(stamp)) = (&answers, &source.stamp)
            && let Some(key) = answers::Answers::key(stamp, &question)
        {
            answers.put(&key, answer);
        }
    })?;
    // The answer is out: a file loaded whole leaves its slimmed copy and, when it was parsed,
    // a workspace cache entry for the next run (silently).
    if let Some((slim, stamp)) = &source.slim {
        let _ = slim.write(
            stamp,
            today,
            &crate::insight::due::inputs(&source.ws, today),
        );
    }
    if let Some(write) = source.cache_write {
        let _ = write.write(&source.ws);
    }
    // The process ends right after: freeing every record one by one would only delay the exit.
    std::mem::forget(source.ws);
    Ok(code)
}

/// Works out what is due on `today` in `source` and prints it (calling `keep` with the printed
/// answer), or runs the hook.
fn answer(
    req: &Request,
    today: NaiveDate,
    source: &Source,
    path: &std::path::Path,
    keep: impl FnOnce(&[u8]),
) -> Result<ExitCode, DueError> {
    let ws = &source.ws;
    let idx = Index::build(ws);
    let mut found = crate::insight::due::due(ws, &idx, today, req.within);
    std::mem::forget(idx);
    due::only_kinds(&mut found, &req.kinds);
    if let Some(owner) = &req.owner {
        due::only_owner(&mut found, ws, owner);
    }
    if let Some(command) = &req.run {
        let items = due::items(ws, found, today);
        let outcome = hook::run(command, &items, path, today)?;
        for (id, why) in &outcome.failed {
            complain(&format!("partnerdeck: due --run: {id}: {why}"));
        }
        if !outcome.failed.is_empty() {
            complain(&format!(
                "partnerdeck: {}",
                DueError::HookFailed(outcome.failed.len())
            ));
            return Ok(ExitCode::FAILURE);
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Text for people is made inert as `print` does; JSON and iCalendar are exact.
    let for_people = |text: String| crate::text::clean_lines(&text).into_owned();
    let answer = if req.short {
        for_people(due::short(&found, req.within))
    } else {
        match req.format {
            DueFormat::Text => for_people(due::text(&found, today, req.within)),
            DueFormat::Json => {
                let items = due::items(ws, found, today);
                due::json(&items, today, req.within)
            }
            DueFormat::Ics => {
                let items = due::items(ws, found, today);
                due::ics(&items, today, Utc::now(), &req.alarms)
            }
            DueFormat::Remind => {
                let items = due::items(ws, found, today);
                for_people(due::remind(&items, today))
            }
        }
    };
    print_bytes(answer.as_bytes())?;
    keep(answer.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// What the timer runs: this program on the data file in use.
fn spec(
    options: &store::Options,
    run: Option<&str>,
    within: Option<u32>,
    every_minutes: u64,
) -> Result<timer::Spec, DueError> {
    if options.demo {
        return Err(DueError::DemoTimer);
    }
    let file = options.path()?;
    let file = std::path::absolute(&file).unwrap_or(file);
    let exe = std::env::current_exe().map_err(DueError::OwnPath)?;
    Ok(timer::Spec {
        exe,
        file,
        run: run.unwrap_or(timer::DEFAULT_RUN).to_string(),
        within,
        every_minutes,
    })
}

/// `due --install-timer [--every 30m]`.
pub fn install_timer(
    options: &store::Options,
    run: Option<&str>,
    within: Option<u32>,
    every_minutes: u64,
) -> Result<ExitCode, DueError> {
    let spec = spec(options, run, within, every_minutes)?;
    let dir = timer::unit_dir().ok_or(DueError::NoUnitDir)?;
    let [service, timer] = timer::install(&dir, &spec)?;
    print(&format!(
        "wrote {}\nwrote {}\nstart it with:\n  systemctl --user daemon-reload\n  systemctl --user \
         enable --now {}.timer\n",
        service.display(),
        timer.display(),
        timer::UNIT
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `due --cron [--every 30m]`: the crontab line, printed (nothing is installed).
pub fn cron(
    options: &store::Options,
    run: Option<&str>,
    within: Option<u32>,
    every_minutes: u64,
) -> Result<ExitCode, DueError> {
    let spec = spec(options, run, within, every_minutes)?;
    print_bytes(format!("{}\n", timer::cron(&spec)?).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `due --uninstall-timer`.
pub fn uninstall_timer() -> Result<ExitCode, DueError> {
    let dir = timer::unit_dir().ok_or(DueError::NoUnitDir)?;
    let removed = timer::uninstall(&dir).map_err(DueError::Remove)?;
    if removed.is_empty() {
        print(&format!("no timer was installed in {}\n", dir.display()))?;
    } else {
        let mut text: String = removed
            .iter()
            .map(|p| format!("removed {}\n", p.display()))
            .collect();
        text.push_str(&format!(
            "stop it with: systemctl --user disable --now {}.timer (if it runs)\n",
            timer::UNIT
        ));
        print(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_people_type_them() {
        assert_eq!(parse_days("7d"), Ok(7));
        assert_eq!(parse_days("2w"), Ok(14));
        assert_eq!(parse_days("3"), Ok(3));
        assert!(parse_days("12h").is_err());
        assert!(parse_days("x").is_err());
        assert_eq!(parse_minutes("30m"), Ok(30));
        assert_eq!(parse_minutes("1h"), Ok(60));
        assert_eq!(parse_minutes("45"), Ok(45));
        assert!(parse_minutes("0m").is_err());
        assert_eq!(parse_lead("1d"), Ok(TimeDelta::days(1)));
    }
}
