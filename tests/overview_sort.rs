//! The overview sorted by last contact puts never-contacted partners first: they are the
//! longest without contact.

mod common;

use common::press;
use common::screen::screen;
use partnerdeck::app::{App, Overlay, OverviewSort, Source};
use partnerdeck::model::*;
use partnerdeck::store::demo::{DEMO_ANCHOR, demo_workspace};

#[test]
fn never_contacted_partners_come_first_by_last_contact() {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    let id = PartnerId(ws.allocate_id());
    // Started yesterday, no contact yet: fewer days than anyone, yet never contacted.
    ws.partners.push(Partner::new(
        id,
        "Zephyr Newcomers",
        common::day("2026-11-26"),
    ));
    ws.normalize();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(ws.clone(), DEMO_ANCHOR, Source::Memory);
        app.resize(w, h);
        press(&mut app, &["o", "s"]);
        let Some(Overlay::Overview(view)) = &app.overlay else {
            panic!("no overview");
        };
        assert_eq!(view.sort, OverviewSort::LastContact);
        let order = app.scene().overview_order(OverviewSort::LastContact);
        let summaries: Vec<_> = order
            .iter()
            .map(|i| app.scene().summary(*i as usize).unwrap())
            .collect();
        assert_eq!(summaries[0].name, "Zephyr Newcomers");
        // Then the most days since contact first.
        let contacted: Vec<i64> = summaries
            .iter()
            .filter(|s| s.last_contact.is_some())
            .map(|s| s.days_since_contact)
            .collect();
        assert!(contacted.windows(2).all(|w| w[0] >= w[1]), "{contacted:?}");
        assert!(
            summaries
                .iter()
                .skip_while(|s| s.last_contact.is_none())
                .all(|s| s.last_contact.is_some())
        );
        let s = screen(&app, w, h);
        insta::assert_snapshot!(format!("overview_by_last_contact_{w}x{h}"), s);
    }
}

#[test]
fn the_readme_names_the_overview_practice_columns_as_the_screen_shows_them() {
    let readme = include_str!("../README.md").replace('\n', " ");
    let mut app = App::new(demo_workspace(DEMO_ANCHOR), DEMO_ANCHOR, Source::Memory);
    app.resize(120, 40);
    press(&mut app, &["o"]);
    let s = screen(&app, 120, 40);
    let header = s.lines().nth(2).unwrap();
    let columns = header
        .split_whitespace()
        .find(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() == 8)
        .expect("the practices' header");
    assert!(
        readme.contains(&format!("`{columns}`")),
        "README lacks `{columns}`"
    );
    for (n, p) in Practice::ALL.iter().enumerate() {
        assert!(
            readme.contains(&format!("{} {}", n + 1, p.label())),
            "README does not number {} as {}",
            p.label(),
            n + 1
        );
    }
}
