//! Undo and redo name a change as it was named when made (kept as data), never read back out
//! of what the status line said: names with punctuation stay whole, a kept draft and a merge
//! conflict decision say what they were.

mod common;

use common::press;
use common::screen::{demo_app, screen};
use partnerdeck::app::{App, Overlay, Source};
use partnerdeck::model::merge3::merge3;
use partnerdeck::store::demo::{DEMO_ANCHOR, demo_workspace};

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_milestone_with_brackets_is_undone_by_its_whole_name() {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    let p = demo_app(120, 40).selected_partner().unwrap().id;
    for m in ws.milestones.iter_mut().filter(|m| m.partner == p) {
        m.title = "Pilot (north); phase 1! v2".into();
        m.done = None;
    }
    let mut app = App::new(ws, DEMO_ANCHOR, Source::Memory);
    app.resize(120, 40);
    press(&mut app, &["3", "x", "esc"]);
    press(&mut app, &["u"]);
    assert_eq!(
        status(&app),
        "Undone: Pilot (north); phase 1! v2: done (Ctrl-r redoes)"
    );
    press(&mut app, &["ctrl-r"]);
    assert_eq!(status(&app), "Redone: Pilot (north); phase 1! v2: done");
}

#[test]
fn undoing_a_kept_draft_says_so() {
    let mut app = demo_app(120, 40);
    let name = app.selected_partner().unwrap().name.clone();
    press(&mut app, &["r", "enter", "4", "esc", "k"]);
    assert!(status(&app).starts_with("Draft kept"), "{}", status(&app));
    press(&mut app, &["u"]);
    assert_eq!(
        status(&app),
        format!("Undone: Kept a draft review of {name} (Ctrl-r redoes)")
    );
}

#[test]
fn undoing_a_conflict_decision_says_it_is_open_again() {
    let base = demo_workspace(DEMO_ANCHOR);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.profile.name = "Our name".into();
    theirs.profile.name = "Their name".into();
    let merged = merge3(&base, &ours, &theirs).workspace;
    assert_eq!(merged.conflicts.len(), 1);
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(merged.clone(), DEMO_ANCHOR, Source::Memory);
        app.resize(w, h);
        press(&mut app, &["C", "t"]);
        assert!(status(&app).contains("Every conflict is decided"));
        press(&mut app, &["u"]);
        let s = status(&app);
        assert!(s.starts_with("Undone: Took theirs for profile name"), "{s}");
        assert!(!s.contains("Every conflict is decided"), "{s}");
        assert!(
            s.contains("1 merge conflict to decide again (C lists them)"),
            "{s}"
        );
        insta::assert_snapshot!(
            format!("conflict_decision_undone_{w}x{h}"),
            screen(&app, w, h)
        );
        press(&mut app, &["C"]);
        assert!(matches!(app.overlay, Some(Overlay::Conflicts(_))));
    }
}
