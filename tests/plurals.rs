//! Counts on screen agree with their number: "1 goal", "1 thing needs attention".

mod common;

use common::press;
use common::screen::screen;
use partnerdeck::app::{App, Source};
use partnerdeck::model::*;

/// One record of each kind the counts name, and one thing needing attention.
fn one_of_each() -> Workspace {
    let mut ws = common::small_workspace();
    ws.partners.truncate(1);
    ws
}

#[test]
fn one_of_a_kind_is_said_in_the_singular() {
    let today = common::day("2026-11-27");
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(one_of_each(), today, Source::Memory);
        app.resize(w, h);
        let s = screen(&app, w, h);
        assert!(
            s.contains("1 partner · 1 goal · 1 milestone · 1 log entry"),
            "{s}"
        );
        insta::assert_snapshot!(format!("singular_counts_{w}x{h}"), s);
        press(&mut app, &["t"]);
        let n = app.doc.overview().attention.len();
        let s = screen(&app, w, h);
        if n == 1 {
            assert!(s.contains("Today · 1 thing needs attention"), "{s}");
        } else {
            assert!(
                s.contains(&format!("Today · {n} things need attention")),
                "{s}"
            );
        }
        press(&mut app, &["o"]);
        assert!(screen(&app, w, h).contains("Overview · 1 partner ·"));
        press(&mut app, &["esc", "3", "z", "z", "z"]);
        assert!(
            screen(&app, w, h).contains("1 day/col"),
            "{}",
            screen(&app, w, h)
        );
    }
}
