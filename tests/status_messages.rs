//! Status messages: one that does not fit the status line says so and which key shows it;
//! that key lists the recent messages in full, newest first, with their times.

mod common;

use common::press;
use common::screen::{demo_app, screen};
use partnerdeck::app::{Level, Overlay};

const LONG: &str = "The text of a form that was open when the session ended was kept beside the \
                    data file in ws.ron.emergency-1.txt — Greenway Credit Union; paste it back \
                    into a new form";

#[test]
fn a_cut_message_says_so_and_the_key_shows_every_message_in_full() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(w, h);
        app.set_status(Level::Info, "Saved");
        app.set_status(Level::Warn, LONG);
        let s = screen(&app, w, h);
        let status = s.lines().nth(h as usize - 2).unwrap();
        assert!(status.ends_with("… [m: in full]"), "{status:?}");
        press(&mut app, &["m"]);
        assert!(matches!(app.overlay, Some(Overlay::Messages(_))));
        let s = screen(&app, w, h);
        assert!(s.contains("12:00:00 ! The text of a form"), "{s}");
        assert!(
            s.contains("paste it back"),
            "the whole message is there\n{s}"
        );
        assert!(s.contains("12:00:00   Saved"), "older ones too\n{s}");
        insta::assert_snapshot!(format!("recent_messages_{w}x{h}"), s);
        press(&mut app, &["esc"]);
        assert!(app.overlay.is_none());
    }
    // A message that fits is shown whole, with no note.
    let mut app = demo_app(120, 40);
    app.set_status(Level::Info, "Saved");
    let s = screen(&app, 120, 40);
    assert!(!s.contains("in full]"), "{s}");
}

#[test]
fn the_messages_key_is_in_help_and_works_over_a_view() {
    let mut app = demo_app(120, 40);
    use partnerdeck::action::{Action, Context};
    assert!(
        app.keymap
            .bindings(Context::Dashboard)
            .iter()
            .any(|(a, _)| *a == Action::Messages),
        "help (made from the keymap) lists it"
    );
    press(&mut app, &["?"]);
    let mut seen = false;
    for _ in 0..40 {
        seen |= screen(&app, 120, 40).contains("m                recent messages in full");
        press(&mut app, &["j"]);
    }
    assert!(seen, "help lists m");
    press(&mut app, &["esc", "o", "m"]);
    assert!(matches!(app.overlay, Some(Overlay::Messages(_))));
    assert!(screen(&app, 120, 40).contains("No messages yet") || !app.messages.is_empty());
    press(&mut app, &["m"]);
    assert!(
        matches!(app.overlay, Some(Overlay::Overview(_))),
        "m again closes"
    );
}
