//! The commitments list shows each state whole ("✓ kept late 2026-12-05"); the promise takes the
//! room that is left.

mod common;

use common::press;
use common::screen::{demo_app, screen};
use partnerdeck::app::{App, Source};
use partnerdeck::model::Outcome;
use partnerdeck::store::demo::{DEMO_ANCHOR, demo_workspace};

#[test]
fn a_late_kept_date_is_shown_whole() {
    let p = demo_app(120, 40).selected_partner().unwrap().id;
    let mut ws = demo_workspace(DEMO_ANCHOR);
    let c = ws
        .commitments
        .iter_mut()
        .find(|c| c.partner == p)
        .expect("the partner has a commitment");
    let late = c.due + chrono::Days::new(3);
    c.outcome = Some(Outcome::Kept(late));
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(ws.clone(), DEMO_ANCHOR, Source::Memory);
        app.resize(w, h);
        press(&mut app, &["c"]);
        let s = screen(&app, w, h);
        assert!(s.contains(&format!("✓ kept late {late}")), "{s}");
        insta::assert_snapshot!(format!("commitments_kept_late_{w}x{h}"), s);
    }
}
