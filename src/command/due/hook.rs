//! `partnerdeck due --run CMD`: runs a command once per item (`sh -c CMD`), the item as JSON on
//! standard input (the fields of `due --format json`) and a few fields as environment
//! variables, and remembers what it announced so that a timer running it every few minutes
//! does not repeat itself.
//!
//! Rule: an item is announced when it was not announced today. The memory is one file per data
//! file in the state folder (`$PARTNERDECK_STATE_DIR`, else `$XDG_STATE_HOME/partnerdeck`, else
//! `~/.local/state/partnerdeck`): `announced-<hash of the data file's path>.json`, private
//! (0600, folder 0700), written atomically, holding each item's key with the day it was last
//! announced. Items no longer listed (done, snoozed) are forgotten, so one that comes back (its
//! snooze over) is announced again; a new day announces everything again. A run whose command
//! fails (or runs past [`TIMEOUT`]) is not remembered: the next run tries again. Runs for the
//! same data file take turns (a lock file beside the memory).

use crate::export::due::Item;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The longest one run of the command may take; it is killed then.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The environment variables each run gets, with the item's field they hold.
pub const ENV: [(&str, &str); 8] = [
    ("PARTNERDECK_ID", "id"),
    ("PARTNERDECK_STATE", "state"),
    ("PARTNERDECK_KIND", "kind"),
    ("PARTNERDECK_LABEL", "label"),
    ("PARTNERDECK_PARTNER", "partner"),
    ("PARTNERDECK_TEXT", "text"),
    ("PARTNERDECK_WHEN", "when"),
    ("PARTNERDECK_DUE", "due (empty if none)"),
];

/// Why the hook could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    #[error(
        "no folder for what `due --run` announced: set PARTNERDECK_STATE_DIR or XDG_STATE_HOME"
    )]
    NoStateDir,
    #[error("cannot use {}: {source}", path.display())]
    State {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Save(#[from] crate::store::SaveError),
    #[error("cannot start `sh` for the hook: {0}")]
    Spawn(std::io::Error),
}

/// The state folder: `$PARTNERDECK_STATE_DIR`, else the per-user state folder.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PARTNERDECK_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("org", "partnerdeck", "partnerdeck")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// What was announced, by item key: the day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announced {
    pub announced: BTreeMap<String, NaiveDate>,
}

/// The memory's file for a data file.
pub fn state_file(dir: &Path, data: &Path) -> PathBuf {
    let hash = blake3::hash(data.as_os_str().as_encoded_bytes());
    dir.join(format!("announced-{}.json", &hash.to_hex()[..16]))
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Items announced now.
    pub announced: usize,
    /// Items announced earlier today, left alone.
    pub already: usize,
    /// Items whose command failed (tried again next time), with why.
    pub failed: Vec<(String, String)>,
}

/// Which items to announce on `today` given what was announced: the keys, in list order.
pub fn to_announce<'a>(items: &'a [Item], memory: &Announced, today: NaiveDate) -> Vec<&'a Item> {
    items
        .iter()
        .filter(|i| memory.announced.get(&i.id) != Some(&today))
        .collect()
}

/// Runs `command` for each item not yet announced today, and remembers them.
pub fn run(
    command: &str,
    items: &[Item],
    data: &Path,
    today: NaiveDate,
) -> Result<Outcome, HookError> {
    let dir = state_dir().ok_or(HookError::NoStateDir)?;
    let file = state_file(&dir, data);
    crate::store::create_private_dir(&dir).map_err(|source| HookError::State {
        path: dir.clone(),
        source,
    })?;
    let lock_path = file.with_extension("lock");
    let lock = open_private(&lock_path).map_err(|source| HookError::State {
        path: lock_path.clone(),
        source,
    })?;
    lock.lock().map_err(|source| HookError::State {
        path: lock_path.clone(),
        source,
    })?;
    let memory = read_memory(&file);
    let mut next = Announced::default();
    let mut outcome = Outcome::default();
    let fresh = to_announce(items, &memory, today);
    for item in items {
        if memory.announced.get(&item.id) == Some(&today) {
            next.announced.insert(item.id.clone(), today);
            outcome.already += 1;
        }
    }
    for item in fresh {
        match run_one(command, item) {
            Ok(()) => {
                next.announced.insert(item.id.clone(), today);
                outcome.announced += 1;
            }
            Err(why) => outcome.failed.push((item.id.clone(), why)),
        }
    }
    if next != memory {
        let text = serde_json::to_string_pretty(&next).unwrap_or_default();
        crate::store::write_private(&file, text.as_bytes())?;
    }
    drop(lock);
    Ok(outcome)
}

/// The memory, or an empty one when it is missing or unreadable (then items are announced
/// again, which is the safe side).
fn read_memory(path: &Path) -> Announced {
    let Ok(file) = open_read(path) else {
        return Announced::default();
    };
    use std::io::Read as _;
    let mut text = String::new();
    if file.take(16 << 20).read_to_string(&mut text).is_err() {
        return Announced::default();
    }
    serde_json::from_str(&text).unwrap_or_default()
}

fn open_read(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.custom_flags(libc::O_NOFOLLOW);
    }
    o.open(path)
}

fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    o.open(path)
}

/// One run: `sh -c command`, the item on stdin; `Err` says why it failed.
fn run_one(command: &str, item: &Item) -> Result<(), String> {
    let clean = |s: &str| crate::text::clean(s).into_owned();
    let due = item.due.map(|d| d.to_string()).unwrap_or_default();
    let values = [
        item.id.clone(),
        item.state.to_string(),
        item.kind.to_string(),
        item.label.to_string(),
        clean(&item.partner),
        clean(&item.text),
        clean(&item.when),
        due,
    ];
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    for ((name, _), value) in ENV.iter().zip(values) {
        cmd.env(name, value);
    }
    let mut child = cmd.spawn().map_err(|e| format!("cannot start sh: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let mut json = serde_json::to_string(item).unwrap_or_default();
        json.push('\n');
        // A command that does not read its input is fine.
        let _ = stdin.write_all(json.as_bytes());
    }
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("the command ended with {status}")),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("the command ran over {} s", TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(e.to_string()),
        }
    }
}
