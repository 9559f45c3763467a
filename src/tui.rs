//! Terminal lifecycle and the event loop: open the data (or the demo) under the session lock,
//! take over the terminal, turn key events into actions, and redraw only after an event (the
//! loop wakes once a second, without drawing, to notice outside changes to the file and
//! signals). The terminal is always given back: on quit, on error, on panic (after an
//! emergency copy of unsaved work is written beside the file), on SIGTERM and SIGHUP (after
//! pending saves are flushed).

use crate::app::{self, App, Level, Source};
use crate::cli::Cli;
use crate::keymap::{Key, KeyCode};
use crate::model::Workspace;
use crate::store::{self, Lock, LockError, paths};
use crate::ui::{self, Theme};
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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

/// Unsaved work for the panic hook: the data file and the workspace on screen.
static UNSAVED: Mutex<Option<(PathBuf, Arc<Workspace>)>> = Mutex::new(None);

/// Records (or clears) the unsaved work the panic hook would write.
pub fn remember_unsaved(unsaved: Option<(PathBuf, Arc<Workspace>)>) {
    *UNSAVED.lock().unwrap_or_else(|e| e.into_inner()) = unsaved;
}

/// On panic: write the unsaved workspace beside the data file (never over it) and say where.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut guard) = UNSAVED.try_lock()
            && let Some((path, ws)) = guard.take()
        {
            match store::write_emergency(&path, &ws) {
                Ok(copy) => eprintln!(
                    "partnerdeck: unsaved changes were written to {}; the next start offers to recover them",
                    copy.display()
                ),
                Err(e) => eprintln!("partnerdeck: could not write an emergency copy: {e}"),
            }
        }
        previous(info);
    }));
}

/// Opens the dashboard for the command line's file (or the demo).
pub fn open(cli: &Cli) -> Result<ExitCode, String> {
    // First of all, so a signal at any moment ends the session through the normal path.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, stop.clone())
            .map_err(|e| format!("cannot watch for signals: {e}"))?;
    }
    let today = cli.today();
    // Held for the whole session: the demo's scratch folder, and the lock on the user's file.
    let mut _scratch = None;
    let mut _lock: Option<Lock> = None;
    let mut notes: Vec<(Level, String)> = Vec::new();
    let mut emergency = None;
    let (ws, source, saver, read_only) = if cli.demo {
        let dir = tempfile::Builder::new()
            .prefix("partnerdeck-demo-")
            .tempdir()
            .map_err(|e| format!("cannot create a scratch folder for the demo: {e}"))?;
        let path = dir.path().join("demo.ron");
        let ws = store::demo_workspace(today);
        store::save(&path, &ws).map_err(|e| e.to_string())?;
        let stamp = store::Stamp::read(&path).ok().flatten();
        _scratch = Some(dir);
        let saver = app::background(&path, stamp);
        (ws, Source::Demo(path), saver, None)
    } else {
        let path = paths::resolve(cli.file.as_deref())?;
        let read_only = if cli.read_only {
            Some("opened with --read-only".to_string())
        } else {
            match Lock::acquire(&path) {
                Ok(lock) => {
                    _lock = Some(lock);
                    None
                }
                Err(e @ LockError::Held { .. }) => return Err(e.to_string()),
                Err(e) => return Err(e.to_string()),
            }
        };
        if read_only.is_none() {
            let removed = store::cleanup_temp_files(&path);
            if !removed.is_empty() {
                notes.push((
                    Level::Info,
                    format!(
                        "Removed {} temporary file(s) left by an interrupted save",
                        removed.len()
                    ),
                ));
            }
            emergency = store::find_emergency(&path);
        }
        let (ws, stamp) = match store::load_stamped(&path).map_err(|e| e.to_string())? {
            Some((loaded, stamp)) => {
                if let Some(v) = loaded.migrated_from
                    && read_only.is_none()
                {
                    match store::backup_now(&path, chrono::Utc::now()) {
                        Ok(_) => notes.push((
                            Level::Info,
                            format!(
                                "Upgraded a version {v} file; the original is kept in backups/"
                            ),
                        )),
                        Err(e) => {
                            return Err(format!(
                                "{} is a version {v} file and could not be backed up before upgrading: {e}",
                                path.display()
                            ));
                        }
                    }
                }
                (loaded.workspace, Some(stamp))
            }
            None => (Workspace::named(""), None),
        };
        let saver: Box<dyn app::Saver> = match &read_only {
            Some(reason) => Box::new(app::ReadOnly::new(path.clone(), stamp, reason.clone())),
            None => app::background(&path, stamp),
        };
        (ws, Source::File(path), saver, read_only)
    };
    let settings = crate::cli::config_path(cli)
        .map(|p| crate::config::load(&p, crate::config::no_color_env()));
    let mut app = App::with_saver(ws, today, source, saver);
    app.read_only = read_only;
    if cli.today.is_none() {
        app.now = chrono::Local::now().naive_local();
    }
    let theme = match settings {
        Some(settings) => {
            app.keymap = settings.keymap;
            if let Some(first) = settings.warnings.first() {
                let more = settings.warnings.len() - 1;
                let more = if more > 0 {
                    format!(" (+{more} more: `partnerdeck config`)")
                } else {
                    String::new()
                };
                notes.push((Level::Warn, format!("Config: {first}{more}")));
            }
            settings.theme
        }
        None => Theme::from_env(),
    };
    for (level, text) in notes {
        app.set_status(level, text);
    }
    if let Some(path) = emergency {
        app.offer_recovery(path);
    }
    install_panic_hook();
    let result = run(&mut app, &theme, &stop);
    // Whatever happened, pending saves are written before the process ends.
    let saved = app.flush_saves();
    remember_unsaved(None);
    result.map_err(|e| format!("terminal error: {e}"))?;
    if !saved && let Source::File(path) = &app.source {
        let copy = store::write_emergency(path, &app.ws).map_err(|e| e.to_string())?;
        return Err(format!(
            "your last changes could not be saved ({}); they were written to {} and the next start offers to recover them",
            app.save_error
                .as_deref()
                .unwrap_or("the file changed on disk"),
            copy.display()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// The event loop on a real terminal.
fn run(app: &mut App, theme: &Theme, stop: &AtomicBool) -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let result = (|| {
        let size = terminal.size()?;
        app.resize(size.width, size.height);
        let mut dirty = true;
        let mut spurious = 0u32;
        while !app.quit && !stop.load(Ordering::Relaxed) {
            if dirty {
                terminal.draw(|frame| ui::draw(frame, app, theme))?;
                let unsaved = match &app.source {
                    Source::File(p) | Source::Demo(p) if app.unsaved() => {
                        Some((p.clone(), app.ws.clone()))
                    }
                    _ => None,
                };
                remember_unsaved(unsaved);
            }
            if app.pending_work() {
                // Matching a filter: a slice at a time, keys first.
                if !event::poll(Duration::ZERO)? {
                    app.work();
                    dirty = true;
                    continue;
                }
            } else if !event::poll(Duration::from_secs(1))? {
                // Quiet second: a terminal that is gone (hung up) reads as an error or 0×0: end
                // the session the normal way, saves flushed.
                match terminal.size() {
                    Ok(size) if size.width > 0 && size.height > 0 => {}
                    _ => break,
                }
                // Look at saves and the file, draw only if something shown changed.
                dirty = app.quiet_tick();
                continue;
            }
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    spurious = 0;
                    if let Some(key) = key_of(k) {
                        app.handle_key(key);
                    }
                }
                Event::Resize(w, h) => {
                    spurious = 0;
                    app.resize(w, h);
                }
                _ => {
                    // A terminal that is gone can report input forever without any key: after
                    // this many in a row, end the session the normal way (saves flushed).
                    spurious += 1;
                    if spurious > 10_000 {
                        break;
                    }
                }
            }
            app.poll_saves();
            dirty = true;
            if let Some(text) = app.editor_request.take() {
                ratatui::restore();
                let edited = edit_in_editor(&text);
                terminal = ratatui::init();
                terminal.clear()?;
                app.editor_done(edited);
            }
        }
        if app.saver.pending() {
            app.set_status(Level::Info, "Saving…");
            terminal.draw(|frame| ui::draw(frame, app, theme))?;
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

/// Opens `$VISUAL`, `$EDITOR` or `vi` on a private temporary file holding `text`; the edited
/// text, or `None` when the editor failed.
pub fn edit_in_editor(text: &str) -> Option<String> {
    let dir = tempfile::Builder::new()
        .prefix("partnerdeck-edit-")
        .tempdir()
        .ok()?;
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
