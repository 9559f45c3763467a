//! Loading a workspace file: read, check the version, parse (or migrate), validate. Every failure
//! names the path and, where there is one, the line and column; nothing here writes.

use super::format::{ParseError, RecordLines, parse};
use super::migrate;
use crate::model::{CURRENT_VERSION, Problem, Workspace, validate};
use std::path::{Path, PathBuf};

/// A problem found by validation, with the line of its record when it could be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedProblem {
    pub line: Option<usize>,
    pub problem: Problem,
}

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {error}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error(
        "{}:{}:{}: {}\n{}\nThe file was not changed. Fix it by hand (or restore a backup), then \
         run `partnerdeck check`.",
        path.display(),
        error.line,
        error.col,
        // ron's words may quote the file (a misspelt field's name): cut when long.
        crate::text::excerpt(&error.message, 400),
        error.excerpt()
    )]
    Parse {
        path: PathBuf,
        #[source]
        error: ParseError,
    },
    #[error(
        "{} is a version {found} file, newer than this partnerdeck reads (version \
         {CURRENT_VERSION}). It was not changed; upgrade partnerdeck to open it.",
        path.display()
    )]
    Newer { path: PathBuf, found: u32 },
    /// git merged the file as plain text (its merge driver was not set up in this clone) and
    /// left its conflict markers in it.
    #[error(
        "{}:{line}: the file holds git's text conflict markers (`<<<<<<<`): git merged it as \
         plain text because the partnerdeck merge driver is not set up in this clone. Nothing \
         was changed. To recover, run in the repository:\n  partnerdeck git setup\n  git \
         checkout -m -- {}\n(the second redoes the merge record by record). If git no longer \
         remembers the merge, take the last commit back with `git checkout HEAD -- {}` and pull \
         again.",
        path.display(),
        shell_word(path),
        shell_word(path)
    )]
    Markers { path: PathBuf, line: usize },
    #[error("{}", problem_list(path, problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<LocatedProblem>,
    },
}

/// The problems validation found, one a line with its place.
fn problem_list(path: &Path, problems: &[LocatedProblem]) -> String {
    use std::fmt::Write as _;
    let mut text = format!(
        "{} has {} problem{}:\n",
        path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        let _ = match p.line {
            Some(line) => writeln!(text, "  {}:{line}: {}", path.display(), p.problem),
            None => writeln!(text, "  {}: {}", path.display(), p.problem),
        };
    }
    text.push_str("The file was not changed.");
    text
}

/// A successfully loaded file.
#[derive(Debug)]
pub struct Loaded {
    pub workspace: Workspace,
    /// The version the file had when it needed migrating.
    pub migrated_from: Option<u32>,
}

/// A file without `version` is read as version 0 (the first prototype format). When that fails
/// too, the file is more likely a current one that lost its `version` line (the version 0
/// error would only complain about `next_id`): say what is missing instead.
fn missing_version(text: &str, v0_error: ParseError) -> ParseError {
    if migrate::has_version(text) != Some(false) {
        return v0_error;
    }
    let hint = format!("add `version: {CURRENT_VERSION},` after the opening `(`");
    match parse::<Workspace>(text) {
        // Only `version` is missing (what ron reports as a missing field).
        Err(e) if e.message.contains("`version`") => {
            // ron points at the end of the file; the place to add it is the top.
            match text
                .lines()
                .enumerate()
                .find(|(_, l)| l.trim_start().starts_with('('))
            {
                Some((i, line)) => ParseError {
                    line: i + 1,
                    col: line.chars().take_while(|c| *c != '(').count() + 1,
                    message: format!("the `version` field is missing: {hint}"),
                    source_line: line.to_string(),
                },
                None => ParseError {
                    message: format!("the `version` field is missing: {hint}"),
                    ..e
                },
            }
        }
        // Something else is wrong as well: that, read as a current file.
        Err(e) => ParseError {
            message: format!("{} (and the `version` field is missing: {hint})", e.message),
            ..e
        },
        Ok(_) => v0_error,
    }
}

/// Loads the file at `path`; `Ok(None)` when there is no file there yet. Only a regular file
/// is read: a FIFO or a device is refused at once (it would block or never end).
pub fn load(path: &Path) -> Result<Option<Loaded>, LoadError> {
    let io = |error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    let Some(bytes) = super::regular::read_regular(path, None).map_err(io)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    load_text(&text, path).map(Some)
}

/// A path as one shell word, for a command to copy.
fn shell_word(path: &Path) -> String {
    let s = crate::text::clean(&path.to_string_lossy()).into_owned();
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The line of the first git text conflict marker (`<<<<<<<` starting a line, with a
/// `>>>>>>>` line after it), if the text has one.
fn conflict_marker_line(text: &str) -> Option<usize> {
    let mut lines = text.lines().enumerate();
    let (at, _) = lines.find(|(_, l)| l.starts_with("<<<<<<<"))?;
    lines
        .any(|(_, l)| l.starts_with(">>>>>>>"))
        .then_some(at + 1)
}

/// Parses and validates the text of a file (the path is only used in messages). A UTF-8
/// byte-order mark at the start (some Windows editors write one) is skipped. A file that does
/// not parse because git left its text conflict markers in it says so, and how to recover.
pub fn load_text(text: &str, path: &Path) -> Result<Loaded, LoadError> {
    load_parsed(text, path).map_err(|e| match e {
        LoadError::Parse { .. } => match conflict_marker_line(text) {
            Some(line) => LoadError::Markers {
                path: path.to_path_buf(),
                line,
            },
            None => e,
        },
        e => e,
    })
}

fn load_parsed(text: &str, path: &Path) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let path_buf = || path.to_path_buf();
    let parsed = match super::parallel::parse_workspace_fast(text) {
        Some(ws) => Ok(ws),
        None => parse::<Workspace>(text),
    };
    let (mut workspace, migrated_from) = match parsed {
        Ok(ws) if ws.version > CURRENT_VERSION => {
            return Err(LoadError::Newer {
                path: path_buf(),
                found: ws.version,
            });
        }
        Ok(ws) if ws.version == CURRENT_VERSION => (ws, None),
        other => {
            // Not a current file: an older version to migrate, a newer one to refuse, or broken.
            match migrate::probe_version(text) {
                Some(v) if v > CURRENT_VERSION => {
                    return Err(LoadError::Newer {
                        path: path_buf(),
                        found: v,
                    });
                }
                Some(v) if v < CURRENT_VERSION => {
                    let ws = migrate::from_version(text, v).map_err(|error| LoadError::Parse {
                        path: path_buf(),
                        error: missing_version(text, error),
                    })?;
                    (ws, Some(v))
                }
                _ => {
                    let error = other.err().unwrap_or_else(|| ParseError {
                        line: 1,
                        col: 1,
                        message: "not a partnerdeck workspace".into(),
                        source_line: String::new(),
                    });
                    return Err(LoadError::Parse {
                        path: path_buf(),
                        error,
                    });
                }
            }
        }
    };
    workspace.normalize();
    let problems = validate(&workspace);
    if !problems.is_empty() {
        let lines = RecordLines::of(text);
        let problems = problems
            .into_iter()
            .map(|problem| LocatedProblem {
                line: problem.id.and_then(|id| lines.line(id)),
                problem,
            })
            .collect();
        return Err(LoadError::Invalid {
            path: path_buf(),
            problems,
        });
    }
    Ok(Loaded {
        workspace,
        migrated_from,
    })
}
