//! The dashboard driven by keys on a headless terminal: state and screen, with today fixed.

mod common;

use common::screen::{demo_app, press_bound, screen};
use partnerdeck::action::Action;
use partnerdeck::app::{App, DetailView, Overlay, OverviewView, Pane, Source};
use partnerdeck::model::Workspace;
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_text;

#[test]
fn wide_dashboard_shows_all_four_panes() {
    let app = demo_app(130, 40);
    let s = screen(&app, 130, 40);
    for title in ["1 Partners", "2 Goals", "3 Timeline", "4 Communication log"] {
        assert!(s.contains(title), "{title} missing:\n{s}");
    }
    insta::assert_snapshot!("wide_dashboard", s);
}

#[test]
fn selecting_a_partner_focuses_the_other_panes_on_it() {
    let mut app = demo_app(130, 40);
    let first = app.selected_partner().unwrap().name.clone();
    press_bound(&mut app, &["j"]);
    let second = app.selected_partner().unwrap().name.clone();
    assert_ne!(first, second);
    let s = screen(&app, 130, 40);
    assert!(
        s.contains(&format!("2 Goals · {}", &second[..second.len().min(10)])),
        "{s}"
    );
    let pid = app.selected_partner().unwrap().id;
    for pane in [Pane::Goals, Pane::Log] {
        for &i in app.pane_rows(pane) {
            let partner = match pane {
                Pane::Goals => app.ws().goals[i as usize].partner,
                _ => app.ws().interactions[i as usize].partner,
            };
            assert_eq!(partner, pid);
        }
    }
}

#[test]
fn all_partners_toggle_widens_goals_timeline_and_log() {
    let mut app = demo_app(130, 40);
    let one = app.pane_len(Pane::Log);
    press_bound(&mut app, &["A"]);
    assert!(app.all_partners);
    assert_eq!(app.pane_len(Pane::Log), app.ws().interactions.len());
    assert!(app.pane_len(Pane::Log) > one);
    assert!(screen(&app, 130, 40).contains("Communication log · all partners"));
    press_bound(&mut app, &["esc"]);
    assert!(!app.all_partners);
}

#[test]
fn panes_are_reached_by_tab_and_digits_and_navigated_by_vim_keys_and_arrows() {
    let mut app = demo_app(130, 40);
    press_bound(&mut app, &["tab"]);
    assert_eq!(app.focus, Pane::Goals);
    press_bound(&mut app, &["shift-tab", "shift-tab"]);
    assert_eq!(app.focus, Pane::Log);
    press_bound(&mut app, &["1"]);
    assert_eq!(app.focus, Pane::Partners);
    press_bound(&mut app, &["G"]);
    assert_eq!(app.cursors[0].selected, app.ws().partners.len() - 1);
    press_bound(&mut app, &["g", "down", "down", "up"]);
    assert_eq!(app.cursors[0].selected, 1);
    press_bound(&mut app, &["end"]);
    assert_eq!(app.cursors[0].selected, app.ws().partners.len() - 1);
    press_bound(&mut app, &["home", "pgdn"]);
    assert!(app.cursors[0].selected > 1);
    press_bound(&mut app, &["ctrl-u"]);
    assert_eq!(app.cursors[0].selected, 0);
    press_bound(&mut app, &["4", "A", "ctrl-d"]);
    assert!(app.cursors[Pane::Log as usize].selected > 5);
    let s = screen(&app, 130, 40);
    assert!(s.contains("4 Communication log · all partners"), "{s}");
}

#[test]
fn each_pane_in_a_narrow_terminal_is_a_tab() {
    let mut app = demo_app(80, 24);
    insta::assert_snapshot!("narrow_partners", screen(&app, 80, 24));
    press_bound(&mut app, &["2"]);
    insta::assert_snapshot!("narrow_goals", screen(&app, 80, 24));
    press_bound(&mut app, &["3"]);
    insta::assert_snapshot!("narrow_timeline", screen(&app, 80, 24));
    press_bound(&mut app, &["4"]);
    insta::assert_snapshot!("narrow_log", screen(&app, 80, 24));
}

#[test]
fn the_timeline_places_milestones_on_a_date_axis_and_scrolls_through_time() {
    let mut app = demo_app(130, 40);
    press_bound(&mut app, &["A", "3"]);
    let s = screen(&app, 130, 40);
    assert!(s.contains('▼'), "today is marked on the axis:\n{s}");
    assert!(
        s.contains("Dec") && s.contains("Jan 2027"),
        "months are labelled:\n{s}"
    );
    assert!(s.contains(" ✓ "), "done milestones show ✓:\n{s}");
    let selected = app.selected_row(Pane::Timeline).unwrap();
    let m = &app.ws().milestones[selected];
    assert!(m.done.is_none(), "the first open milestone is selected");
    if m.due < DEMO_ANCHOR {
        assert!(s.contains(" ! "), "overdue milestones show `!`:\n{s}");
    }
    press_bound(&mut app, &["G"]);
    let s = screen(&app, 130, 40);
    assert!(s.contains(" ◆ "), "upcoming milestones show ◆:\n{s}");
    press_bound(&mut app, &["."]);
    let before = app.time;
    press_bound(&mut app, &["]"]);
    assert!(app.time.anchor > before.anchor);
    press_bound(&mut app, &["[", "["]);
    assert!(app.time.anchor < before.anchor);
    press_bound(&mut app, &["z"]);
    assert_eq!(app.time.days_per_col, 14);
    press_bound(&mut app, &["."]);
    assert_eq!(app.time.anchor, DEMO_ANCHOR);
}

#[test]
fn enter_opens_the_details_of_the_selection_and_esc_closes_them() {
    let mut app = demo_app(130, 40);
    press_bound(&mut app, &["enter"]);
    assert!(matches!(app.overlay, Some(Overlay::Detail { .. })));
    let s = screen(&app, 130, 40);
    assert!(
        s.contains("Details") && s.contains("Cadence") && s.contains("Health"),
        "{s}"
    );
    insta::assert_snapshot!("partner_detail", s);
    press_bound(&mut app, &["j", "G", "k"]);
    press_bound(&mut app, &["esc"]);
    assert!(app.overlay.is_none());
    press_bound(&mut app, &["4", "enter"]);
    assert!(screen(&app, 130, 40).contains("Summary"));
}

#[test]
fn help_lists_every_binding_of_the_dashboard_from_the_keymap() {
    let mut app = demo_app(200, 60);
    press_bound(&mut app, &["?"]);
    assert_eq!(app.context(), partnerdeck::action::Context::Help);
    let s = screen(&app, 200, 60);
    // Everything the help shows, page by page (it scrolls when the keys do not fit).
    let mut all = s.clone();
    for _ in 0..5 {
        press_bound(&mut app, &["pgdn"]);
        all.push_str(&screen(&app, 200, 60));
    }
    for (action, keys) in app.keymap.bindings(partnerdeck::action::Context::Dashboard) {
        assert!(
            all.contains(action.help()),
            "{action:?} missing from help:\n{all}"
        );
        assert!(
            all.contains(&keys[0].to_string()),
            "{action:?} key missing:\n{all}"
        );
    }
    press_bound(&mut app, &["g"]);
    insta::assert_snapshot!("help", screen(&app, 200, 60));
    press_bound(&mut app, &["q"]);
    assert!(app.overlay.is_none(), "q closes the overlay");
    assert!(!app.quit);
    press_bound(&mut app, &["q"]);
    assert!(app.quit);
}

#[test]
fn the_footer_shows_keys_from_the_keymap() {
    let app = demo_app(130, 40);
    let s = screen(&app, 130, 40);
    let footer = s.lines().nth(39).unwrap();
    for (action, label) in [
        (Action::Help, "help"),
        (Action::Quit, "quit"),
        (Action::Open, "details"),
    ] {
        let key = app.keymap.keys(action)[0].to_string();
        assert!(footer.contains(&format!("{key} {label}")), "{footer}");
    }
}

#[test]
fn an_empty_workspace_welcomes_the_user() {
    let mut app = App::new(Workspace::named("New Org"), DEMO_ANCHOR, Source::Memory);
    app.resize(100, 30);
    press_bound(&mut app, &["j", "enter", "2", "j", "3", "4", "enter"]);
    let s = screen(&app, 100, 30);
    assert!(s.contains("Press a to add your first partner"), "{s}");
    insta::assert_snapshot!("empty", s);
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let app = demo_app(30, 8);
    let s = screen(&app, 30, 8);
    assert!(s.contains("Enlarge the terminal"), "{s}");
    insta::assert_snapshot!("tiny", s);
}

#[test]
fn every_size_from_1x1_to_200x60_renders_without_panic() {
    let mut app = demo_app(120, 40);
    press_bound(&mut app, &["A", "3", "enter"]);
    let theme = Theme::dark();
    for w in (1..=200).step_by(9) {
        for h in (1..=60).step_by(4) {
            // The app keeps the size of the previous frame: a resize between layout and draw.
            render_text(&app, &theme, w, h);
            app.resize(w, h);
            render_text(&app, &theme, w, h);
        }
    }
    render_text(&app, &theme, 200, 60);
    render_text(&app, &theme, 0, 0);
}

#[test]
fn wide_text_is_cut_on_glyph_boundaries_and_escapes_are_inert() {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    ws.partners[0].name = "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 \x1b[31mred\x07 👩‍👩‍👧".into();
    let mut app = App::new(ws, DEMO_ANCHOR, Source::Memory);
    app.resize(100, 30);
    let s = screen(&app, 100, 30);
    assert!(!s.contains('\x1b') && !s.contains('\x07'), "{s}");
    for line in s.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 100, "{line}");
    }
}

#[test]
fn the_attention_queue_lists_urgent_items_first_and_enter_jumps_to_the_record() {
    let mut app = demo_app(130, 40);
    press_bound(&mut app, &["t"]);
    assert_eq!(app.context(), partnerdeck::action::Context::Attention);
    let s = screen(&app, 130, 40);
    assert!(s.contains("things need attention"), "{s}");
    insta::assert_snapshot!("attention", s);
    let items = app.doc.overview().attention.clone();
    assert!(items.windows(2).all(|w| w[0].urgency <= w[1].urgency));
    // Go to the first overdue milestone.
    let i = items
        .iter()
        .position(|it| matches!(it.record, partnerdeck::insight::RecordRef::Milestone(_)))
        .unwrap();
    for _ in 0..i {
        press_bound(&mut app, &["j"]);
    }
    press_bound(&mut app, &["enter"]);
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.selected_partner().unwrap().id, items[i].partner);
    let m = &app.ws().milestones[app.selected_row(Pane::Timeline).unwrap()];
    assert_eq!(
        partnerdeck::insight::RecordRef::Milestone(m.id),
        items[i].record
    );
}

#[test]
fn the_overview_shows_health_per_practice_and_sorts() {
    let mut app = demo_app(130, 40);
    press_bound(&mut app, &["o"]);
    let s = screen(&app, 130, 40);
    assert!(
        s.contains("Overview · 12 partners") && s.contains("active 6"),
        "{s}"
    );
    insta::assert_snapshot!("overview", s);
    let health = |app: &App| -> Vec<u8> {
        match &app.overlay {
            Some(Overlay::Overview(OverviewView { order, .. })) => order
                .iter()
                .map(|i| app.scene().summary(*i as usize).unwrap().health)
                .collect(),
            _ => panic!("overview closed"),
        }
    };
    let h = health(&app);
    assert!(h.windows(2).all(|w| w[0] <= w[1]), "weakest first: {h:?}");
    press_bound(&mut app, &["s", "s"]);
    let s = screen(&app, 130, 40);
    assert!(s.contains("sorted by name"), "{s}");
    press_bound(&mut app, &["s"]);
    assert!(screen(&app, 130, 40).contains("sorted by review trend"));
    press_bound(&mut app, &["g", "enter"]);
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Pane::Partners);
}

#[test]
fn the_partner_detail_explains_the_health_score() {
    let mut app = demo_app(130, 60);
    press_bound(&mut app, &["j", "j", "enter"]);
    let Some(Overlay::Detail(DetailView { lines, .. })) = &app.overlay else {
        panic!()
    };
    let text: Vec<String> = lines
        .iter()
        .map(|l| format!("{} {}", l.label, l.value))
        .collect();
    let joined = text.join("\n");
    let pid = app.selected_partner().unwrap().id;
    let score = partnerdeck::insight::partner_insight(app.ws(), app.doc.index(), pid, DEMO_ANCHOR)
        .unwrap()
        .health
        .score();
    assert!(joined.contains(&format!("Health {score}/100")), "{joined}");
    for heading in [
        "1 Aligned values",
        "2 Communication",
        "3 Clear goals",
        "4 Leveraged strengths",
        "5 Trust & respect",
        "6 Long-term view",
        "7 Continuous improvement",
        "8 Celebrating successes",
    ] {
        assert!(joined.contains(heading), "{heading} missing");
    }
    insta::assert_snapshot!("partner_detail_insight", screen(&app, 130, 60));
    press_bound(&mut app, &["pgdn"]);
    insta::assert_snapshot!("partner_detail_insight_page2", screen(&app, 130, 60));
}
