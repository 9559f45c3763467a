//! What a command prints and the files it writes for people or programs: text for people made
//! inert (`text::clean_lines`: control characters shown, line breaks kept), as the dashboard
//! shows it; machine formats exact. Files go through `store::write_private` (atomic, 0600).

use super::CommandError;
use crate::store;
use crate::text::clean_lines;
use std::path::Path;

/// Writes a file meant for people (Markdown, CSV): its control characters made inert like
/// [`print`], since it is later `cat`-ed to a terminal.
pub(crate) fn write_out(path: &Path, text: &str) -> Result<(), CommandError> {
    write_exact(path, &clean_lines(text))
}

/// Writes a file exactly (JSON, iCalendar).
pub(crate) fn write_exact(path: &Path, text: &str) -> Result<(), CommandError> {
    Ok(store::write_private(path, text.as_bytes())?)
}

/// Prints text meant for people (a report, a brief, a table) to stdout, its control characters
/// made inert (`text::clean_lines`: line breaks kept), as the dashboard shows them.
pub fn print(text: &str) -> Result<(), CommandError> {
    print_bytes(clean_lines(text).as_bytes())
}

/// Prints one line meant for people (a confirmation) to stdout, made inert like [`print`].
pub fn say(line: &str) -> Result<(), CommandError> {
    print(&format!("{line}\n"))
}

/// Writes to stdout exactly (JSON, iCalendar, scripts, manual pages); a reader that stops early
/// (`partnerdeck … | head`, a closed pipe) is not an error: the output just ends there.
pub fn print_bytes(bytes: &[u8]) -> Result<(), CommandError> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CommandError::Stdout(e)),
    }
}

/// Writes a message for people to stderr, made inert like [`print`]. A stderr that cannot be
/// written to (closed) is ignored: there is nowhere left to say it.
pub fn complain(message: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(clean_lines(message).as_bytes())
        .and_then(|()| err.write_all(b"\n"))
        .and_then(|()| err.flush());
}
