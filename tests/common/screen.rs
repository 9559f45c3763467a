//! The dashboard on a headless terminal: the demo app at a size, its screen as plain text, and
//! keys run straight through the keymap.

use partnerdeck::app::{App, Source};
use partnerdeck::keymap::Key;
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_text;

/// The demo workspace in memory, today its anchor day, on a `w`×`h` terminal.
pub fn demo_app(w: u16, h: u16) -> App {
    let mut app = App::new(demo_workspace(DEMO_ANCHOR), DEMO_ANCHOR, Source::Memory);
    app.resize(w, h);
    app
}

/// The screen drawn at `w`×`h` without colour, as text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    render_text(app, &Theme::dark().without_color(), w, h)
}

/// Runs the action each key (keymap text, e.g. `["j", "j", "enter"]`) is bound to in the
/// current context, and nothing else: keys bound to nothing are dropped, and no matching work
/// is done between them (unlike [`super::press`], which goes through `App::handle_key`).
pub fn press_bound(app: &mut App, keys: &[&str]) {
    for k in keys {
        let key = Key::parse(k).unwrap();
        if let Some(action) = app.keymap.resolve(key, app.context()) {
            app.update(action);
        }
    }
}
