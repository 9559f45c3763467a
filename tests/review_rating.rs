//! A review's rating from "not rated": ↑ gives 1 and ↓ gives 5 (the scale's ends, shown beside
//! it), and Enter on an unrated practice says so where it can be rated.

mod common;

use common::press;
use common::screen::{demo_app, screen};
use partnerdeck::app::Overlay;

fn scores(app: &partnerdeck::app::App) -> ([Option<u8>; 8], usize, Option<String>) {
    match &app.overlay {
        Some(Overlay::Review(s)) => (s.scores, s.step, s.error.clone()),
        _ => panic!("no review"),
    }
}

#[test]
fn up_from_unrated_is_1_and_down_is_5() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["r", "enter"]);
    assert_eq!(scores(&app).1, 1, "on the first practice");
    let s = screen(&app, 120, 40);
    assert!(s.contains("1–5 rates (↑ from 1, ↓ from 5)"), "{s}");
    press(&mut app, &["up"]);
    assert_eq!(scores(&app).0[0], Some(1));
    press(&mut app, &["up"]);
    assert_eq!(scores(&app).0[0], Some(2));
    press(&mut app, &["enter", "down"]);
    assert_eq!(scores(&app).0[1], Some(5));
    press(&mut app, &["down"]);
    assert_eq!(scores(&app).0[1], Some(4));
}

#[test]
fn enter_on_an_unrated_practice_says_so_in_place() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(w, h);
        press(&mut app, &["r", "enter", "enter"]);
        let (scores, step, error) = scores(&app);
        assert_eq!(step, 1, "still on the unrated practice");
        assert_eq!(scores[0], None);
        let error = error.expect("it says so");
        assert!(error.contains("is not rated yet: 1–5 rates it"), "{error}");
        let s = screen(&app, w, h);
        assert!(s.contains("is not rated yet"), "{s}");
        insta::assert_snapshot!(format!("review_unrated_enter_{w}x{h}"), s);
        // Rating it goes on as before; Tab leaves it for later.
        press(&mut app, &["3"]);
        assert_eq!(self::scores(&app).1, 2);
        press(&mut app, &["tab"]);
        assert_eq!(self::scores(&app).1, 3);
    }
}
