//! The merge conflicts speak human: each names the record by kind and title, the field in
//! words, both values (and what it was) as a person reads them, and who made each side and
//! when; `Enter` shows the selected one in full, `Esc` goes back to the list. At 80×24 the rows
//! stack, at 120×40 they stand side by side.

mod common;

use common::press;
use common::screen::screen;
use partnerdeck::app::{App, Overlay, Source};
use partnerdeck::model::merge3::merge3;
use partnerdeck::model::*;
use partnerdeck::store::demo::{DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_buffer;

fn day(back: i64) -> chrono::NaiveDate {
    DEMO_ANCHOR - chrono::Duration::days(back)
}

/// The demo with two named members, and four conflicts: a cadence, a goal deleted on our side
/// and changed on theirs, a list (a partner's values), a plain text (an aim, long).
fn conflicted() -> Workspace {
    let mut base = demo_workspace(DEMO_ANCHOR);
    for (key, name) in [
        ("ana@example.org", "Ana Ruiz"),
        ("bo@example.org", "Bo Chen"),
    ] {
        base.members.push(Member {
            key: key.into(),
            name: name.into(),
            email: key.into(),
        });
    }
    let (p, q) = (base.partners[0].id, base.partners[1].id);
    let goal = base.goals.iter().find(|g| g.partner == q).unwrap().id;
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.partner_mut(p).unwrap().cadence = Cadence {
        ideal_days: 30,
        max_days: 60,
    };
    theirs.partner_mut(p).unwrap().cadence = Cadence {
        ideal_days: 14,
        max_days: 28,
    };
    ours.partner_mut(p).unwrap().aim = "Make the Commons financially sustainable by 2027 with a shared loan fund, two pilot towns and a yearly report both boards sign".into();
    theirs.partner_mut(p).unwrap().aim =
        "Grow the loan fund to three towns before the spring board meeting".into();
    ours.goals.retain(|g| g.id != goal);
    theirs
        .goals
        .iter_mut()
        .find(|g| g.id == goal)
        .unwrap()
        .title = "Double signups by spring".into();
    let mut ws = merge3(&base, &ours, &theirs).workspace;
    // A list: lists of words merge item by item, so this one comes as a side brought it from
    // an earlier merge (a file's `conflicts` list), our value in place.
    let offers = vec!["meeting rooms".to_string(), "volunteer hours".to_string()];
    ws.partner_mut(q).unwrap().offers = offers.clone();
    ws.conflicts.push(MergeConflict {
        kind: "partner".into(),
        id: q.0,
        field: "offers".into(),
        base: r#"["meeting rooms"]"#.into(),
        ours: serde_json::to_string(&offers).unwrap(),
        theirs: r#"["meeting rooms","a van on Saturdays","printing"]"#.into(),
        ours_by: None,
        theirs_by: None,
    });
    let touch = |by: &str, back| {
        Some(Touch {
            by: by.into(),
            on: day(back),
        })
    };
    for (i, c) in ws.conflicts.iter_mut().enumerate() {
        c.ours_by = touch("ana@example.org", [0, 1, 2, 9][i % 4]);
        c.theirs_by = if i == 2 || c.field == "offers" {
            None
        } else {
            touch("bo@example.org", [1, 0, 40, 3][i % 4])
        };
    }
    ws
}

/// The app on the conflicted file at `w`×`h`, the conflicts open.
fn open(w: u16, h: u16) -> App {
    let mut app = App::new(conflicted(), DEMO_ANCHOR, Source::Memory);
    app.resize(w, h);
    press(&mut app, &["C"]);
    assert!(matches!(app.overlay, Some(Overlay::Conflicts(_))));
    app
}

#[test]
fn the_list_names_records_fields_values_and_who_made_each_side_when() {
    for (w, h) in [(80, 24), (120, 40)] {
        let app = open(w, h);
        let s = screen(&app, w, h);
        for words in [
            "Merge conflicts · 4 to decide",
            "every 30 days, at most 60",
            "every 14 days, at most 28",
            "every 21 days, at most 45",
            "Ana Ruiz today",
            "Bo Chen yesterday",
            "Ana Ruiz yesterday",
            "Bo Chen today",
            "changed on one side, deleted on the other",
            "goal “Double signups by spring”",
            "partner “Greenleaf Cooperative Bank”",
            "meeting rooms, volunteer hours",
            "deleted",
        ] {
            assert!(s.contains(words), "{w}×{h} lacks {words:?}:\n{s}");
        }
        for raw in ["{\"ideal_days\"", "(id:", "[\""] {
            assert!(!s.contains(raw), "{w}×{h} shows a raw value {raw:?}:\n{s}");
        }
        insta::assert_snapshot!(format!("conflicts_list_{w}x{h}"), s);
    }
}

#[test]
fn enter_shows_both_values_in_full_and_esc_goes_back_to_the_list() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = open(w, h);
        // The aim: the longest values, cut in the list.
        let aim = app
            .ws()
            .conflicts
            .iter()
            .position(|c| c.field == "aim")
            .unwrap();
        for _ in 0..aim {
            press(&mut app, &["j"]);
        }
        press(&mut app, &["enter"]);
        let Some(Overlay::Conflicts(view)) = &app.overlay else {
            panic!("still the conflicts")
        };
        assert_eq!(view.full, Some(0));
        let s = screen(&app, w, h);
        let flat = s
            .lines()
            .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        for words in [
            "Merge conflict 1 of 4 in full",
            "a yearly report both boards sign",
            "Grow the loan fund to three towns before the spring board meeting",
            "bringing fair banking to the neighbourhood.",
            "by Ana Ruiz today (2026-11-27)",
            "by Bo Chen yesterday (2026-11-26)",
        ] {
            assert!(flat.contains(words), "{w}×{h} lacks {words:?}:\n{s}");
        }
        insta::assert_snapshot!(format!("conflict_in_full_{w}x{h}"), s);
        // Scrolling never moves past the end; Esc is back to the list, the row still selected.
        press(&mut app, &["G", "j", "k"]);
        press(&mut app, &["esc"]);
        let Some(Overlay::Conflicts(view)) = &app.overlay else {
            panic!("Esc goes back to the list")
        };
        assert_eq!((view.full, view.cursor.selected), (None, aim));
        assert!(screen(&app, w, h).contains("Merge conflicts · 4 to decide"));
    }
}

#[test]
fn the_full_view_of_a_long_value_scrolls_and_its_keys_decide() {
    let mut app = open(80, 24);
    let offers = app
        .ws()
        .conflicts
        .iter()
        .position(|c| c.field == "offers")
        .unwrap();
    for _ in 0..offers {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["enter"]);
    let s = screen(&app, 80, 24);
    for item in [
        "• meeting rooms",
        "• volunteer hours",
        "• a van on Saturdays",
        "• printing",
    ] {
        assert!(s.contains(item), "{item}:\n{s}");
    }
    assert!(s.contains("who and when: not recorded"), "{s}");
    // `t` takes theirs from the full view, and the list comes back.
    press(&mut app, &["t"]);
    assert_eq!(app.ws().conflicts.len(), 3);
    let q = app.ws().partners[1].id;
    assert_eq!(
        app.ws().partner(q).unwrap().offers,
        vec!["meeting rooms", "a van on Saturdays", "printing"]
    );
    let Some(Overlay::Conflicts(view)) = &app.overlay else {
        panic!("the list")
    };
    assert_eq!(view.full, None);
    // A long value scrolls: at 80×24 the aim's three values take more than the view.
    let mut app = open(60, 14);
    let aim = app
        .ws()
        .conflicts
        .iter()
        .position(|c| c.field == "aim")
        .unwrap();
    for _ in 0..aim {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["enter"]);
    let before = screen(&app, 60, 14);
    assert!(before.contains("more below"), "{before}");
    press(&mut app, &["G"]);
    let after = screen(&app, 60, 14);
    assert!(!after.contains("more below"), "{after}");
    assert!(after.contains("neighbourhood."), "{after}");
}

#[test]
fn without_colour_the_selection_and_the_sides_still_show() {
    let app = open(120, 40);
    let theme = Theme::dark().without_color();
    let buf = render_buffer(&app, &theme, 120, 40);
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, ratatui::style::Color::Reset)
                && matches!(cell.bg, ratatui::style::Color::Reset),
            "a colour under NO_COLOR: {cell:?}"
        );
    }
    // The selected conflict's four rows are reversed; the next conflict's are not.
    let s = screen(&app, 120, 40);
    let y = s
        .lines()
        .position(|l| l.contains("Record · field"))
        .unwrap() as u16
        + 1;
    let reversed = |y: u16| {
        buf[(1, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert!((y..y + 4).all(reversed) && !reversed(y + 4), "{s}");
}
