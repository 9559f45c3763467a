//! A focused choice field shows its choices: those of the letter typed first, in the order
//! further presses pick them, the picked one marked, so a letter never picks unseen.

mod common;

use common::screen::{demo_app, screen};
use common::{press, type_text};
use partnerdeck::app::Overlay;

fn focused_value(app: &partnerdeck::app::App) -> String {
    match &app.overlay {
        Some(Overlay::Form(v)) => v.form.fields[v.form.focus].value().to_string(),
        _ => panic!("no form"),
    }
}

#[test]
fn the_partner_kind_shows_what_p_picked_and_what_p_picks_next() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(w, h);
        press(&mut app, &["1", "a"]);
        type_text(&mut app, "Acme");
        press(&mut app, &["tab"]);
        let s = screen(&app, w, h);
        assert!(s.contains("[business]"), "the picked kind is marked\n{s}");
        insta::assert_snapshot!(format!("choice_kind_focused_{w}x{h}"), s);
        type_text(&mut app, "p");
        let first = focused_value(&app);
        let s = screen(&app, w, h);
        assert!(s.contains(&format!("p: [{first}] · ")), "{s}");
        insta::assert_snapshot!(format!("choice_kind_after_p_{w}x{h}"), s);
        type_text(&mut app, "p");
        let second = focused_value(&app);
        assert_ne!(first, second);
        assert!(screen(&app, w, h).contains(&format!("p: [{second}] · {first}")));
    }
}

#[test]
fn the_log_channel_lists_message_and_meeting_under_m() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["l"]);
    type_text(&mut app, "Talk");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "m");
    let s = screen(&app, 120, 40);
    let picked = focused_value(&app);
    let other = if picked == "meeting" {
        "message"
    } else {
        "meeting"
    };
    assert!(
        s.contains(&format!("m: [{picked}] · {other}   others: call")),
        "{s}"
    );
    // Another letter with no choice says so.
    type_text(&mut app, "z");
    assert!(screen(&app, 120, 40).contains("none starts with z:"));
    // Stepping with → drops the letter: all choices in their order.
    press(&mut app, &["right"]);
    let s = screen(&app, 120, 40);
    assert!(!s.contains("others:"), "{s}");
}
