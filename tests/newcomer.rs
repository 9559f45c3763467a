//! Issue #17, "the newcomer's list": each bug found by someone new to partnerdeck, driven by keys
//! on a headless terminal.

mod common;

use common::{press, type_text};

use partnerdeck::action::Action;
use partnerdeck::app::{App, Overlay, Source};
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_text;

fn demo_app(w: u16, h: u16) -> App {
    let mut app = App::new(demo_workspace(DEMO_ANCHOR), DEMO_ANCHOR, Source::Memory);
    app.resize(w, h);
    app
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render_text(app, &Theme::dark().without_color(), w, h)
}

#[test]
fn colon_enter_does_not_quit_and_quit_from_the_palette_quits() {
    let mut app = demo_app(120, 40);
    press(&mut app, &[":", "enter"]);
    assert!(!app.quit, "`:` `Enter` ran quit");
    press(&mut app, &["esc", "esc"]);
    let mut app = demo_app(120, 40);
    press(&mut app, &[":"]);
    match &app.overlay {
        Some(Overlay::Palette { matches, cursor, .. }) => {
            assert_ne!(matches[cursor.selected], Action::Quit, "quit is preselected");
            assert_eq!(matches.last(), Some(&Action::Quit), "quit comes last");
        }
        _ => panic!("no palette"),
    }
    type_text(&mut app, "quit");
    press(&mut app, &["enter"]);
    assert!(app.quit, "quit from the palette quits as `q` does");
}

#[test]
fn help_returns_to_the_view_it_was_opened_from() {
    for (open, is_view) in [
        ("t", (|o: &Overlay| matches!(o, Overlay::Attention { .. })) as fn(&Overlay) -> bool),
        ("o", |o: &Overlay| matches!(o, Overlay::Overview { .. })),
        ("enter", |o: &Overlay| matches!(o, Overlay::Detail { .. })),
        ("c", |o: &Overlay| matches!(o, Overlay::Records { .. })),
    ] {
        let mut app = demo_app(120, 40);
        press(&mut app, &[open, "j"]);
        press(&mut app, &["?"]);
        assert!(matches!(app.overlay, Some(Overlay::Help { .. })), "{open}: help opens");
        press(&mut app, &["esc"]);
        assert!(
            app.overlay.as_ref().is_some_and(is_view),
            "{open}: Esc from help lands back in the view:\n{}",
            screen(&app, 120, 40)
        );
        press(&mut app, &["?", "?"]);
        assert!(app.overlay.as_ref().is_some_and(is_view), "{open}: ? toggles help off");
    }
}
