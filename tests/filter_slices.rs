//! A filter over a long list: the keystroke matches for a moment and hands the rest to the event
//! loop (`App::work`), the title shows the progress, typing on narrows the rows already found, and
//! whatever the path, the rows end up exactly those a plain match of the whole list gives.

mod common;

use common::{day, press, type_fast, type_text};
use partnerdeck::app::{App, Pane, SearchView, Source};
use partnerdeck::fuzzy::Query;
use partnerdeck::model::*;
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_text;

const SUMMARIES: [&str; 5] = [
    "Budget meeting for the spring fair",
    "Call about the timeline",
    "Büro visit, budget draft sent",
    "Quick email: venue booked",
    "Debrief of the volunteers' day",
];

/// Three partners sharing 30,000 log entries.
fn long_log_app() -> App {
    log_app(30_000)
}

/// Three partners sharing `entries` log entries, all partners' log focused, `/` pressed.
fn log_app(entries: usize) -> App {
    let mut ws = Workspace::named("Us");
    let partners: Vec<PartnerId> = (0..3)
        .map(|n| {
            let id = PartnerId(ws.allocate_id());
            ws.partners
                .push(Partner::new(id, format!("Partner {n}"), day("2024-01-01")));
            id
        })
        .collect();
    let start = day("2024-01-01").and_hms_opt(9, 0, 0).unwrap();
    for n in 0..entries {
        let id = InteractionId(ws.allocate_id());
        ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner: partners[n % 3],
            at: start + chrono::Duration::minutes(n as i64 * 17),
            channel: if n % 7 == 0 {
                Channel::Email
            } else {
                Channel::Call
            },
            initiated_by: Side::Us,
            summary: format!("{} #{n}", SUMMARIES[n % SUMMARIES.len()]),
            sentiment: None,
            follow_up: None,
        });
    }
    let mut app = App::new(ws, day("2026-11-27"), Source::Memory);
    app.resize(160, 40);
    press(&mut app, &["A", "4", "/"]);
    app
}

/// The log rows (in the pane's order) a plain match of the whole list gives.
fn plain_match(app: &App, fuzzy: &str, channel: Option<Channel>) -> Vec<u32> {
    let mut q = Query::new(fuzzy);
    app.base_rows(Pane::Log)
        .iter()
        .copied()
        .filter(|&i| {
            let e = &app.ws().interactions[i as usize];
            channel.is_none_or(|c| e.channel == c) && q.score(&e.summary).is_some()
        })
        .collect()
}

fn finish(app: &mut App) {
    while app.pending_work() {
        app.work();
    }
}

#[test]
fn a_long_list_is_matched_between_keys_with_progress_in_the_title() {
    let mut app = long_log_app();
    type_fast(&mut app, "b");
    // 30,000 rows take longer than a keystroke may spend matching.
    assert!(app.pending_work());
    let progress = app
        .filter_progress(Pane::Log)
        .expect("matching is under way");
    assert!(progress < 100);
    let s = render_text(&app, &Theme::dark().without_color(), 160, 40);
    assert!(s.contains("/b▏ (") && s.contains("matching"), "{s}");
    finish(&mut app);
    assert_eq!(app.filter_progress(Pane::Log), None);
    assert_eq!(app.pane_rows(Pane::Log), plain_match(&app, "b", None));
    let s = render_text(&app, &Theme::dark().without_color(), 160, 40);
    assert!(!s.contains("matching"), "{s}");
}

#[test]
fn every_way_of_typing_ends_with_the_rows_of_a_plain_match() {
    let mut app = log_app(10_000);
    // Typed on without waiting (each key restarts the unfinished matching) …
    type_fast(&mut app, "bud");
    finish(&mut app);
    assert_eq!(app.pane_rows(Pane::Log), plain_match(&app, "bud", None));
    // … narrowed from the finished rows …
    type_text(&mut app, "g");
    finish(&mut app);
    assert_eq!(app.pane_rows(Pane::Log), plain_match(&app, "budg", None));
    type_text(&mut app, " draft");
    finish(&mut app);
    assert_eq!(
        app.pane_rows(Pane::Log),
        plain_match(&app, "budg draft", None)
    );
    // … widened by deleting …
    press(&mut app, &["backspace"; 6]);
    finish(&mut app);
    assert_eq!(app.pane_rows(Pane::Log), plain_match(&app, "budg", None));
    // … and patterns that can match more than the text before them.
    type_text(&mut app, " !draft");
    finish(&mut app);
    assert_eq!(
        app.pane_rows(Pane::Log),
        plain_match(&app, "budg !draft", None)
    );
    press(&mut app, &["backspace"; 5]);
    finish(&mut app);
    assert_eq!(app.filter_text(Pane::Log), Some("budg !"));
    assert_eq!(app.pane_rows(Pane::Log), plain_match(&app, "budg !", None));
    type_text(&mut app, "d");
    finish(&mut app);
    assert_eq!(app.pane_rows(Pane::Log), plain_match(&app, "budg !d", None));
    // A field filter added.
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "channel:email bud");
    finish(&mut app);
    assert_eq!(
        app.pane_rows(Pane::Log),
        plain_match(&app, "bud", Some(Channel::Email))
    );
}

#[test]
fn a_change_of_data_while_matching_starts_over_on_the_new_rows() {
    let mut app = long_log_app();
    type_text(&mut app, "quick");
    press(&mut app, &["enter", "j", "d"]);
    // Deleting asks first; yes.
    press(&mut app, &["y"]);
    assert_eq!(app.ws().interactions.len(), 29_999);
    finish(&mut app);
    assert_eq!(app.pane_rows(Pane::Log), plain_match(&app, "quick", None));
}

#[test]
fn find_goes_through_a_big_workspace_between_keys_and_ends_with_the_full_search() {
    let mut app = log_app(3_000);
    press(&mut app, &["esc", "ctrl-f"]);
    type_fast(&mut app, "bu");
    assert!(app.pending_work());
    let s = render_text(&app, &Theme::dark().without_color(), 160, 40);
    assert!(s.contains("searching"), "{s}");
    finish(&mut app);
    assert_eq!(app.search_progress(), None);
    let Some(partnerdeck::app::Overlay::Search(SearchView { hits, .. })) = &app.overlay else {
        panic!("the search is open");
    };
    assert_eq!(hits, &app.scene().search("bu"));
    assert_eq!(hits.len(), partnerdeck::app::palette::MAX_HITS);
    let s = render_text(&app, &Theme::dark().without_color(), 160, 40);
    assert!(!s.contains("searching"), "{s}");
}
