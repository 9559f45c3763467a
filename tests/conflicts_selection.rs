//! The merge conflicts list keeps a row selected when a form decides the selected conflict (the
//! last row): the keys act on what the list shows selected.

mod common;

use common::press;
use common::screen::screen;
use partnerdeck::app::{App, Overlay, Source};
use partnerdeck::model::merge3::merge3;
use partnerdeck::store::demo::{DEMO_ANCHOR, demo_workspace};

fn conflicted() -> partnerdeck::model::Workspace {
    let base = demo_workspace(DEMO_ANCHOR);
    let p = base.partners[0].id;
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.partner_mut(p).unwrap().aim = "Aim from us".into();
    theirs.partner_mut(p).unwrap().aim = "Aim from them".into();
    ours.profile.name = "Our name".into();
    theirs.profile.name = "Their name".into();
    merge3(&base, &ours, &theirs).workspace
}

#[test]
fn after_e_on_the_last_row_the_remaining_row_is_selected_and_o_decides_it() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(conflicted(), DEMO_ANCHOR, Source::Memory);
        app.resize(w, h);
        press(&mut app, &["C", "G", "e", "enter"]);
        assert_eq!(app.ws().conflicts.len(), 1);
        assert!(
            matches!(app.overlay, Some(Overlay::Conflicts(_))),
            "back to the list"
        );
        let s = screen(&app, w, h);
        assert!(s.contains("Merge conflicts · 1 to"), "{s}");
        // The row is drawn selected (reversed, also without colour).
        let buf = partnerdeck::ui::headless::render_buffer(
            &app,
            &partnerdeck::ui::Theme::dark().without_color(),
            w,
            h,
        );
        let y = s.lines().position(|l| l.contains("profile")).unwrap() as u16;
        assert!(
            buf[(1, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED),
            "the remaining row is selected"
        );
        insta::assert_snapshot!(format!("conflicts_after_edit_of_last_{w}x{h}"), s);
        press(&mut app, &["o"]);
        assert!(
            app.ws().conflicts.is_empty(),
            "o decided the row shown selected"
        );
    }
}
