//! Terminal lifecycle and the event loop: open the data (or the demo) through a
//! `store::Session` (which holds the lock for the whole session), take over the terminal, turn
//! key events into actions (a bracketed paste into text for the focused field, never keys), and
//! redraw only after an event (the loop wakes once a second, without drawing, to read the clock
//! and notice outside changes to the file). `Ctrl-c` ends the session like SIGINT. After the first
//! frame, a file that was parsed leaves its cache entry, written in the background. The terminal
//! is always given back: on quit, on error, on panic (after an emergency copy of unsaved work is
//! written beside the file). A closed terminal and SIGTERM, SIGHUP and SIGINT end the session
//! within seconds, pending saves written and anything unsaved kept in an emergency copy
//! (`watch`, `tty`).

mod tty;
mod watch;

pub use watch::{Unsaved, remember_unsaved};

use crate::app::{self, App, Level, Source};
use crate::keymap::{Key, KeyCode};
use crate::model::Workspace;
use crate::store::{self, Session, SessionError};
use crate::ui::{self, Theme};
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Turns a terminal key event into the keymap's key (shift is folded into characters).
pub fn key_of(event: KeyEvent) -> Option<Key> {
    use ratatui::crossterm::event::KeyCode as K;
    let code = match event.code {
        K::Char(c) => KeyCode::Char(c),
        K::Enter => KeyCode::Enter,
        K::Esc => KeyCode::Esc,
        K::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        K::Tab => KeyCode::Tab,
        K::BackTab => KeyCode::BackTab,
        K::Up => KeyCode::Up,
        K::Down => KeyCode::Down,
        K::Left => KeyCode::Left,
        K::Right => KeyCode::Right,
        K::Home => KeyCode::Home,
        K::End => KeyCode::End,
        K::PageUp => KeyCode::PageUp,
        K::PageDown => KeyCode::PageDown,
        K::Backspace => KeyCode::Backspace,
        K::Delete => KeyCode::Delete,
        K::Insert => KeyCode::Insert,
        K::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Takes over the terminal: raw mode, the alternate screen, bracketed paste (a paste arrives as
/// one piece of text, never as keys). (Not `ratatui::init`: its panic hook and `restore` print to
/// the terminal and panic again when the terminal is gone, which aborts the process before
/// unsaved work is written.)
fn enter() -> std::io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::{event::EnableBracketedPaste, execute, terminal};
    ENTERED.store(true, std::sync::atomic::Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
}

/// Whether the terminal is taken over (so a panic knows whether to give it back).
static ENTERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Gives the terminal back; a terminal that is gone is not an error here.
fn leave() {
    if !ENTERED.swap(false, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste
    );
    let _ = ratatui::try_restore();
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
}

/// On panic: write the unsaved work beside the data file (never over it) and say where, then
/// give the terminal back.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let written = watch::write_remembered();
        leave();
        if let Some(message) = written {
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!("partnerdeck: {message}\n"),
            );
        }
        previous(info);
    }));
}

/// Why the dashboard ended with an error (the command line says it once, as a message).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot watch for signals: {0}")]
    Signals(std::io::Error),
    #[error(transparent)]
    Open(#[from] SessionError),
    #[error("cannot open the terminal: {0}")]
    Terminal(std::io::Error),
    #[error("terminal error: {0}")]
    Loop(std::io::Error),
    #[error(transparent)]
    Rescue(store::SaveError),
    #[error(
        "your last changes were not saved ({reason}); they were written to {} and the next start \
         offers to recover them",
        copy.display()
    )]
    Unsaved {
        reason: String,
        copy: std::path::PathBuf,
    },
}

/// The clock the dashboard reads: the system's, or a fixed day's (`--today`) with the real time.
pub fn clock(today: Option<chrono::NaiveDate>) -> Arc<dyn app::Clock> {
    match today {
        Some(day) => Arc::new(app::DayClock(day)),
        None => Arc::new(app::SystemClock),
    }
}

/// Opens the dashboard on the workspace the options name (or the demo), with the configuration
/// file at `config` (keys, theme) when there is one.
pub fn open(options: &store::Options, config: Option<&Path>) -> Result<ExitCode, Error> {
    // First of all, so a signal at any moment ends the session through the normal path.
    let signals = watch::Signals::install().map_err(Error::Signals)?;
    // The demo is a scratch copy the dashboard may change, `--read-only` or not (a read-only
    // demo session is the sample in memory alone, for commands that only look).
    let options = &store::Options {
        read_only: options.read_only && !options.demo,
        ..options.clone()
    };
    // Held for the whole session: the demo's scratch folder, or the lock on the user's file.
    let mut session = Session::start(options)?;
    let today = session.today();
    let mut notes: Vec<(Level, String)> = Vec::new();
    if !session.removed_temp_files.is_empty() {
        notes.push((
            Level::Info,
            format!(
                "Removed {} temporary file(s) left by an interrupted save",
                session.removed_temp_files.len()
            ),
        ));
    }
    let emergency = session.emergency();
    let (ws, stamp, cache_write) = match session.load()? {
        Some(opened) => {
            if let (Some(v), true) = (opened.migrated_from, opened.backed_up_before_upgrade) {
                notes.push((
                    Level::Info,
                    format!("Upgraded a version {v} file; the original is kept in backups/"),
                ));
            }
            (opened.workspace, opened.stamp, opened.cache_write)
        }
        None => (Workspace::named(""), None, None),
    };
    let path = session.path().to_path_buf();
    let read_only =
        (!session.is_demo() && !session.is_locked()).then(|| "opened with --read-only".to_string());
    let saver: Box<dyn app::Saver> = match &read_only {
        Some(reason) => Box::new(app::ReadOnly::new(path.clone(), stamp, reason.clone())),
        None => app::background(&path, stamp),
    };
    let source = if session.is_demo() {
        Source::Demo(path)
    } else {
        Source::File(path)
    };
    // The version this member last looked at ("What's new") is kept in the cache folder,
    // unless the cache is off (or it is the demo).
    let seen = (!options.no_cache && !session.is_demo()).then(|| app::news::SeenPlace {
        data: session.path().to_path_buf(),
        dir: options.cache_dir.clone(),
    });
    let mut app = App::with_saver(ws, today, source, saver);
    app.doc.set_read_only(read_only);
    app.keep_seen_at(seen);
    app.set_clock(clock(options.today));
    let (theme, warnings) = crate::config::apply(config, &mut app);
    // The watched mail, calendar and contact folders are read in the background; proposals
    // waiting open the review queue.
    app.start_inbox_read(true);
    if let Some(first) = warnings.first() {
        let more = warnings.len() - 1;
        let more = if more > 0 {
            format!(" (+{more} more: `partnerdeck config`)")
        } else {
            String::new()
        };
        notes.push((Level::Warn, format!("Config: {first}{more}")));
    }
    if !app.ws().conflicts.is_empty() {
        let n = app.ws().conflicts.len();
        notes.push((
            Level::Warn,
            format!(
                "A merge left {n} conflict{} to decide: `partnerdeck conflicts` lists them",
                if n == 1 { "" } else { "s" }
            ),
        ));
    }
    for (level, text) in notes {
        app.set_status(level, text);
    }
    if let Some(path) = emergency {
        app.offer_recovery(path);
    } else if !app.ws().conflicts.is_empty() {
        // A merge left decisions: they come first.
        app.open_conflicts();
    }
    // What teammates changed since this member last looked, read in the background.
    app.compare_with_seen();
    install_panic_hook();
    let tty = tty::Tty::open().map_err(Error::Terminal)?;
    let watcher = watch::Watcher::start(signals.stop_flag(), tty.fd());
    let result = run(&mut app, &theme, &signals, &tty, cache_write);
    // The loop is back in control: the backstop is not needed any more.
    drop(watcher);
    // Whatever happened, pending saves are written before the process ends.
    let saved = app.flush_saves();
    app.finish_news();
    remember_unsaved(None);
    let ended = match &result {
        Ok(Ending::Quit) if app.ending.interrupted => "Ctrl-c ended the session",
        Ok(Ending::Quit) => "",
        Ok(Ending::Stopped) => "a signal ended the session",
        Ok(Ending::Gone) => "the terminal was closed",
        Err(_) => "the terminal failed",
    };
    // Nothing is left behind: not a failed save, not text typed into a form or review when a
    // signal or a closed terminal ended the session.
    let rescue = match (&result, saved) {
        _ if app.ending.discard => None,
        (Ok(Ending::Quit), true) if !app.ending.interrupted => None,
        _ => app.rescue(),
    };
    // (The demo's scratch folder goes when the session ends: nothing of it is kept.)
    if let (Some(rescue), Source::File(path)) = (rescue, &app.doc.source()) {
        let reason = match (app.save_error(), saved) {
            (Some(e), _) => e,
            (None, false) => "the file changed on disk".to_string(),
            (None, true) => ended.to_string(),
        };
        let copy = watch::write_rescue(path, &rescue).map_err(Error::Rescue)?;
        return Err(Error::Unsaved { reason, copy });
    }
    result.map_err(Error::Loop)?;
    if let Some(message) = &app.ending.message {
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "partnerdeck: {message}");
    }
    Ok(ExitCode::SUCCESS)
}

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// SIGTERM, SIGHUP or SIGINT.
    Stopped,
    /// The terminal went away.
    Gone,
}

/// The event loop on a real terminal.
fn run(
    app: &mut App,
    theme: &Theme,
    signals: &watch::Signals,
    tty: &tty::Tty,
    mut cache_write: Option<store::cache::CacheWrite>,
) -> std::io::Result<Ending> {
    let mut terminal = enter()?;
    let result = (|| {
        let size = terminal.size()?;
        app.resize(size.width, size.height);
        let mut dirty = true;
        loop {
            if app.quit {
                break;
            }
            if signals.stop_requested() {
                return Ok(Ending::Stopped);
            }
            if dirty {
                terminal.draw(|frame| ui::draw(frame, app, theme))?;
                publish(app);
                dirty = false;
                // The first frame is drawn: a parsed file leaves a cache entry for the next
                // start, written in the background (the workspace as loaded, shared).
                if let Some(write) = cache_write.take() {
                    write.spawn(app.doc.disk_base().clone());
                }
            }
            let timeout = if app.pending_work() {
                Duration::ZERO
            } else {
                Duration::from_secs(1)
            };
            match tty.wait(signals.wake_fd(), timeout) {
                tty::Wait::Gone => return Ok(Ending::Gone),
                tty::Wait::Woken => {
                    // A signal: a resize (read the size), or a stop (seen at the top).
                    signals.drain();
                    // Whatever the terminal library took in meanwhile (its own resize event,
                    // keys) is handled now, not after the next key.
                    match read_events(app, tty, signals)? {
                        Some(ending) => return Ok(ending),
                        None => dirty = true,
                    }
                    if let Ok(size) = terminal.size()
                        && size.width > 0
                        && size.height > 0
                        && (size.width, size.height)
                            != (app.screen.area.width, app.screen.area.height)
                    {
                        terminal.autoresize()?;
                        app.resize(size.width, size.height);
                        dirty = true;
                    }
                }
                tty::Wait::Quiet if app.pending_work() => {
                    // Matching a filter: a slice at a time, keys first.
                    app.work();
                    dirty = true;
                }
                tty::Wait::Quiet => {
                    // A quiet second: read the clock, look at saves and the file; draw only if
                    // something shown changed.
                    dirty |= app.quiet_tick();
                }
                tty::Wait::Input => {
                    if let Some(ending) = read_events(app, tty, signals)? {
                        return Ok(ending);
                    }
                    dirty = true;
                    app.poll_saves();
                    if let Some(text) = app.take_editor_request() {
                        leave();
                        let edited = edit_in_editor(&text);
                        terminal = enter()?;
                        terminal.clear()?;
                        app.editor_done(edited);
                    }
                }
            }
        }
        if app.doc.saving() {
            app.set_status(Level::Info, "Saving…");
            terminal.draw(|frame| ui::draw(frame, app, theme))?;
        }
        Ok(Ending::Quit)
    })();
    leave();
    // `leave` showed the cursor. ratatui's terminal would show it again as it is dropped and,
    // failing on a closed terminal, print that to stderr, the same closed terminal: a print
    // that panics (and the panic's emergency copy would offer work already saved). It is let
    // go without that; the process ends right after.
    std::mem::forget(terminal);
    result
}

/// How long a look at crossterm's input may wait for more bytes. Its event source (`use-dev-tty`:
/// poll(2) on the terminal, level-triggered, so bytes it has not read yet are seen on the next
/// look) does not look at all for a zero wait, so the shortest it honours is used.
const LOOK: Duration = Duration::from_millis(1);

/// Handles every event crossterm can give now, checking before each read that the terminal is
/// still there (a read from a closed one never returns). `Some` when the session ends.
fn read_events(
    app: &mut App,
    tty: &tty::Tty,
    signals: &watch::Signals,
) -> std::io::Result<Option<Ending>> {
    loop {
        if !tty.readable_or_idle() {
            return Ok(Some(Ending::Gone));
        }
        if !event::poll(LOOK)? {
            return Ok(None);
        }
        match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(key) = key_of(k) {
                    app.handle_key(key);
                }
            }
            Event::Paste(text) => app.paste(&text),
            Event::Resize(w, h) if w > 0 && h > 0 => app.resize(w, h),
            _ => {}
        }
        if app.quit || signals.stop_requested() {
            return Ok(None);
        }
    }
}

/// Records what the watcher or a panic would write if the process ended now.
fn publish(app: &App) {
    let unsaved = match &app.doc.source() {
        Source::File(p) | Source::Demo(p) => app.rescue().map(|rescue| Unsaved {
            path: p.clone(),
            rescue,
        }),
        Source::Memory => None,
    };
    remember_unsaved(unsaved);
}

/// Opens `$VISUAL`, `$EDITOR` or `vi` on a private temporary file holding `text`; the edited
/// text, or `None` when the editor failed.
pub fn edit_in_editor(text: &str) -> Option<String> {
    let dir = crate::store::save::private_tempdir("partnerdeck-edit-").ok()?;
    let path = dir.path().join("field.txt");
    store::write_private(&path, text.as_bytes()).ok()?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut parts = editor.split_whitespace();
    let program = parts.next()?;
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(&path)
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    std::fs::read_to_string(&path).ok()
}
