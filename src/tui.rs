//! Terminal lifecycle and the event loop: open the data (or the demo), take over the terminal,
//! turn key events into actions, redraw after each event (no polling: idle costs nothing), and
//! always give the terminal back, on quit, on error and on panic.

use crate::app::{App, Source};
use crate::cli::Cli;
use crate::keymap::{Key, KeyCode};
use crate::model::Workspace;
use crate::store::{self, paths};
use crate::ui::{self, Theme};
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind, KeyModifiers};
use std::process::ExitCode;

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

/// Opens the dashboard for the command line's file (or the demo).
pub fn open(cli: &Cli) -> Result<ExitCode, String> {
    let today = cli.today();
    // Held for the whole session: the demo's scratch folder is removed when it drops.
    let mut _scratch = None;
    let (ws, source) = if cli.demo {
        let dir = tempfile::Builder::new()
            .prefix("partnerdeck-demo-")
            .tempdir()
            .map_err(|e| format!("cannot create a scratch folder for the demo: {e}"))?;
        let path = dir.path().join("demo.ron");
        let ws = store::demo_workspace(today);
        store::save(&path, &ws).map_err(|e| e.to_string())?;
        _scratch = Some(dir);
        (ws, Source::Demo(path))
    } else {
        let path = paths::resolve(cli.file.as_deref())?;
        let ws = match store::load(&path).map_err(|e| e.to_string())? {
            Some(loaded) => loaded.workspace,
            None => Workspace::named(""),
        };
        (ws, Source::File(path))
    };
    let mut app = App::new(ws, today, source);
    if cli.today.is_none() {
        app.now = chrono::Local::now().naive_local();
    }
    run(&mut app, &Theme::from_env()).map_err(|e| format!("terminal error: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The event loop on a real terminal.
fn run(app: &mut App, theme: &Theme) -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let result = (|| {
        let size = terminal.size()?;
        app.resize(size.width, size.height);
        while !app.quit {
            terminal.draw(|frame| ui::draw(frame, app, theme))?;
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    if let Some(key) = key_of(k) {
                        app.handle_key(key);
                    }
                }
                Event::Resize(w, h) => app.resize(w, h),
                _ => {}
            }
            if let Some(text) = app.editor_request.take() {
                ratatui::restore();
                let edited = edit_in_editor(&text);
                terminal = ratatui::init();
                terminal.clear()?;
                app.editor_done(edited);
            }
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
