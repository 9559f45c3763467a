//! One key marks the selected log entry's follow-up done today (the key that marks a milestone
//! done), and again marks it not done; undo names it.

mod common;

use common::press;
use common::screen::{demo_app, screen};

#[test]
fn x_in_the_log_marks_the_follow_up_done_today() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(w, h);
        press(&mut app, &["4"]);
        // The first entry of the partner's log with an open follow-up.
        let mut tries = 0;
        while app
            .selected_row(partnerdeck::app::Pane::Log)
            .and_then(|i| app.ws().interactions[i].follow_up.as_ref())
            .is_none_or(|f| f.done.is_some())
        {
            press(&mut app, &["j"]);
            tries += 1;
            if tries == 50 {
                press(&mut app, &["1", "j", "4", "g"]);
                tries = 0;
            }
        }
        let i = app.selected_row(partnerdeck::app::Pane::Log).unwrap();
        let id = app.ws().interactions[i].id;
        press(&mut app, &["x"]);
        let x = app.ws().interactions.iter().find(|x| x.id == id).unwrap();
        assert_eq!(x.follow_up.as_ref().unwrap().done, Some(app.today()));
        let s = screen(&app, w, h);
        assert!(s.contains("Follow-up done today: "), "{s}");
        assert!(
            s.contains("x follow-up not done"),
            "the footer names the key\n{s}"
        );
        insta::assert_snapshot!(format!("follow_up_done_{w}x{h}"), s);
        press(&mut app, &["x"]);
        let x = app.ws().interactions.iter().find(|x| x.id == id).unwrap();
        assert_eq!(x.follow_up.as_ref().unwrap().done, None);
        press(&mut app, &["u"]);
        let x = app.ws().interactions.iter().find(|x| x.id == id).unwrap();
        assert_eq!(x.follow_up.as_ref().unwrap().done, Some(app.today()));
        assert!(
            app.status
                .as_ref()
                .unwrap()
                .text
                .starts_with("Undone: Follow-up not done: "),
            "{:?}",
            app.status
        );
    }
}

#[test]
fn x_on_an_entry_without_a_follow_up_says_so() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["4"]);
    while app
        .selected_row(partnerdeck::app::Pane::Log)
        .and_then(|i| app.ws().interactions[i].follow_up.as_ref())
        .is_some()
    {
        press(&mut app, &["j"]);
    }
    let before = app.ws().clone();
    press(&mut app, &["x"]);
    assert_eq!(app.ws(), &before);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "This log entry has no follow-up to mark done"
    );
}
