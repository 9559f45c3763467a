//! A timer for `partnerdeck due --run` without writing one: a systemd user service and timer
//! (`partnerdeck-due.service`, `partnerdeck-due.timer` in `$XDG_CONFIG_HOME/systemd/user`, else
//! `~/.config/systemd/user`), or a crontab line to paste. Nothing is installed without
//! `--install-timer`; `--uninstall-timer` removes the two files.
//!
//! The service runs this very executable, on the data file in use (its absolute path), with the
//! hook command given (`--run`), or by default `notify-send` with the partner and the text.

use std::path::{Path, PathBuf};

/// The units' common name.
pub const UNIT: &str = "partnerdeck-due";

/// The command run for each item when none is given.
pub const DEFAULT_RUN: &str =
    "notify-send --app-name=partnerdeck -- \"$PARTNERDECK_PARTNER\" \"$PARTNERDECK_TEXT\"";

/// What the timer runs, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// This executable.
    pub exe: PathBuf,
    /// The data file (absolute).
    pub file: PathBuf,
    /// The hook command.
    pub run: String,
    /// `--within` days, passed on.
    pub within: Option<u32>,
    /// Minutes between runs.
    pub every_minutes: u64,
}

impl Spec {
    /// The command's arguments after the executable.
    fn args(&self) -> Vec<String> {
        let mut args = vec![
            "--file".to_string(),
            self.file.display().to_string(),
            "due".to_string(),
        ];
        if let Some(w) = self.within {
            args.push("--within".into());
            args.push(format!("{w}d"));
        }
        args.push("--run".into());
        args.push(self.run.clone());
        args
    }
}

/// The folder of systemd user units.
pub fn unit_dir() -> Option<PathBuf> {
    let config = match std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from) {
        Some(p) if p.is_absolute() => p,
        _ => directories::BaseDirs::new()?.home_dir().join(".config"),
    };
    Some(config.join("systemd").join("user"))
}

/// The service unit's and the timer unit's paths in `dir`.
pub fn unit_paths(dir: &Path) -> [PathBuf; 2] {
    [
        dir.join(format!("{UNIT}.service")),
        dir.join(format!("{UNIT}.timer")),
    ]
}

/// One word of an `ExecStart=` line, quoted for systemd: `\` and `"` escaped, `$` and `%`
/// doubled (no variable or specifier expansion).
fn systemd_word(word: &str) -> String {
    let mut out = String::from("\"");
    for c in word.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("$$"),
            '%' => out.push_str("%%"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The service unit.
pub fn service(spec: &Spec) -> String {
    let exec: Vec<String> = std::iter::once(spec.exe.display().to_string())
        .chain(spec.args())
        .map(|w| systemd_word(&w))
        .collect();
    format!(
        "# Written by `partnerdeck due --install-timer`; `--uninstall-timer` removes it.\n\
         [Unit]\n\
         Description=partnerdeck: announce what is due\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={}\n",
        exec.join(" ")
    )
}

/// The timer unit: soon after login, then every `every_minutes`.
pub fn timer(spec: &Spec) -> String {
    format!(
        "# Written by `partnerdeck due --install-timer`; `--uninstall-timer` removes it.\n\
         [Unit]\n\
         Description=partnerdeck: announce what is due every {m} min\n\
         \n\
         [Timer]\n\
         OnActiveSec=1min\n\
         OnUnitActiveSec={m}min\n\
         AccuracySec=1min\n\
         Unit={UNIT}.service\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n",
        m = spec.every_minutes
    )
}

/// A word quoted for the shell (single quotes), with `%` escaped for cron.
fn cron_word(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''").replace('%', "\\%"))
}

/// Why a crontab line cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cron runs commands at minutes that divide an hour or hours that divide a day: --every \
     {0} min does not fit (try 15m, 30m, 1h, 2h)"
)]
pub struct CronInterval(pub u64);

/// The crontab line.
pub fn cron(spec: &Spec) -> Result<String, CronInterval> {
    let m = spec.every_minutes;
    let when = match m {
        1 => "* * * * *".to_string(),
        m if m < 60 && 60 % m == 0 => format!("*/{m} * * * *"),
        60 => "0 * * * *".to_string(),
        m if m % 60 == 0 && 24 % (m / 60) == 0 => format!("0 */{} * * *", m / 60),
        m => return Err(CronInterval(m)),
    };
    let words: Vec<String> = std::iter::once(spec.exe.display().to_string())
        .chain(spec.args())
        .map(|w| cron_word(&w))
        .collect();
    Ok(format!("{when} {}", words.join(" ")))
}

/// Writes both units (0600) into `dir`; gives their paths.
pub fn install(dir: &Path, spec: &Spec) -> Result<[PathBuf; 2], crate::store::SaveError> {
    let paths = unit_paths(dir);
    crate::store::write_private(&paths[0], service(spec).as_bytes())?;
    crate::store::write_private(&paths[1], timer(spec).as_bytes())?;
    Ok(paths)
}

/// Removes both units from `dir`; gives the paths removed.
pub fn uninstall(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for p in unit_paths(dir) {
        match std::fs::remove_file(&p) {
            Ok(()) => removed.push(p),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(every: u64) -> Spec {
        Spec {
            exe: "/usr/bin/partnerdeck".into(),
            file: "/home/a b/deck.ron".into(),
            run: "notify-send \"$X\" 100%".into(),
            within: Some(1),
            every_minutes: every,
        }
    }

    #[test]
    fn exec_start_quotes_dollars_percents_and_quotes() {
        let s = service(&spec(30));
        assert!(s.contains(
            "ExecStart=\"/usr/bin/partnerdeck\" \"--file\" \"/home/a b/deck.ron\" \"due\" \
             \"--within\" \"1d\" \"--run\" \"notify-send \\\"$$X\\\" 100%%\"\n"
        ));
        assert!(timer(&spec(30)).contains("OnUnitActiveSec=30min\n"));
    }

    #[test]
    fn cron_lines_fit_the_interval_or_say_why_not() {
        assert!(
            cron(&spec(15))
                .unwrap()
                .starts_with("*/15 * * * * '/usr/bin/partnerdeck'")
        );
        assert!(cron(&spec(120)).unwrap().starts_with("0 */2 * * * "));
        assert!(
            cron(&spec(15))
                .unwrap()
                .ends_with("'notify-send \"$X\" 100\\%'")
        );
        assert_eq!(cron(&spec(45)), Err(CronInterval(45)));
    }
}
