//! "What's new": teammates' changes since this member last looked, grouped by author, then
//! partner, with nothing of the member's own and no derived noise; `Enter` goes to the record;
//! the version seen is kept when the member has looked, and compared with the file at start.

mod common;

use common::screen::{press_bound, screen};
use partnerdeck::app::whats_new::{NewsRow, WhatsNewView};
use partnerdeck::app::{App, Overlay, Pane, Source};
use partnerdeck::model::*;
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn member(key: &str, name: &str) -> Member {
    Member {
        key: key.into(),
        name: name.into(),
        email: format!("{key}@acme.org"),
    }
}

fn touch(by: &str) -> Option<Touch> {
    Some(Touch {
        by: by.into(),
        on: day("2026-12-06"),
    })
}

/// The demo with three members; Ana is "me".
fn before() -> Workspace {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    ws.members = vec![
        member("ana", "Ana Ruiz"),
        member("bo", "Bo Chen"),
        member("cy", "Cy Diaz"),
    ]
    .into();
    ws.partners.get_mut(0).unwrap().tags = vec!["alpha".into(), "beta".into()];
    ws
}

/// Bo logged an entry and changed a partner's aim; Cy moved a goal and finished a milestone;
/// Ana (me) renamed a goal; and the first partner's tags were re-sorted (noise).
fn after(before: &Workspace) -> (Workspace, InteractionId) {
    let mut ws = before.clone();
    let mut entry = ws.interactions.last().unwrap().clone();
    let top = ws.interactions.iter().map(|x| x.id.0).max().unwrap();
    entry.id = InteractionId(ids::above(top));
    entry.summary = "Call with their CTO about the pilot".into();
    entry.authors = Authors::added_by("bo");
    let logged = entry.id;
    ws.interactions.push(entry);
    let p = ws.partners.get_mut(1).unwrap();
    p.aim = "A second pilot by spring".into();
    p.authors.changed = touch("bo");
    let g = ws.goals.get_mut(0).unwrap();
    g.current += 5.0;
    g.authors.changed = touch("cy");
    let m = ws.milestones.iter_mut().find(|m| m.done.is_none()).unwrap();
    m.done = Some(day("2026-12-06"));
    m.authors.changed = touch("cy");
    let mine = ws.goals.get_mut(1).unwrap();
    mine.title = "Renamed by me".into();
    mine.authors.changed = touch("ana");
    ws.partners.get_mut(0).unwrap().tags = vec!["beta".into(), "alpha".into()];
    (ws, logged)
}

/// The app on `after`, Ana signing, at `w`×`h`.
fn app_on(after: Workspace, w: u16, h: u16) -> App {
    let mut app = App::new(after, DEMO_ANCHOR, Source::Memory);
    app.doc
        .set_author(Some(Identity::new("Ana Ruiz", "ana@acme.org")));
    app.resize(w, h);
    app
}

fn view(app: &App) -> &WhatsNewView {
    match &app.overlay {
        Some(Overlay::WhatsNew(v)) => v,
        other => panic!("What's new is not open: {other:?}"),
    }
}

#[test]
fn teammates_changes_by_author_then_partner_without_mine_or_noise() {
    let before = before();
    let (after, logged) = after(&before);
    let mut app = app_on(after, 120, 40);
    assert!(app.news_since(&before));
    let v = view(&app);
    let authors: Vec<(String, usize)> = v
        .rows
        .iter()
        .filter_map(|r| match r {
            NewsRow::Author { name, count } => Some((name.clone(), *count)),
            _ => None,
        })
        .collect();
    assert_eq!(
        authors,
        [("Bo Chen".to_string(), 2), ("Cy Diaz".to_string(), 2)],
        "{:#?}",
        v.rows
    );
    assert_eq!(v.changes, 4);
    let words: Vec<String> = v
        .rows
        .iter()
        .filter_map(|r| match r {
            NewsRow::Change { kind, words, .. } => Some(format!("{kind} {words}")),
            _ => None,
        })
        .collect();
    assert!(words.contains(&"log entry logged".to_string()), "{words:?}");
    assert!(
        words.contains(&"partner changed aim".to_string()),
        "{words:?}"
    );
    assert!(
        words.iter().any(|w| w.starts_with("goal moved ")),
        "{words:?}"
    );
    assert!(words.contains(&"milestone done".to_string()), "{words:?}");
    // Nothing of mine, no re-sorted tags.
    assert!(
        !words
            .iter()
            .any(|w| w.contains("title") || w.contains("tags"))
    );
    let text = screen(&app, 120, 40);
    assert!(!text.contains("Renamed by me"), "{text}");
    assert!(!text.contains("Ana Ruiz"), "{text}");
    // Within an author, partner by partner; each change under its partner.
    let bo_rows: Vec<&NewsRow> = v.rows.iter().skip(1).take(4).collect();
    assert!(matches!(bo_rows[0], NewsRow::Partner { .. }));
    // `Enter` on Bo's logged entry: the view closes and the log pane shows it selected.
    let at = v
        .rows
        .iter()
        .position(|r| matches!(r, NewsRow::Change { words, .. } if words == "logged"))
        .unwrap();
    for _ in v.cursor.selected..at {
        press_bound(&mut app, &["j"]);
    }
    press_bound(&mut app, &["enter"]);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(app.focus, Pane::Log);
    let row = app.selected_row(Pane::Log).unwrap();
    assert_eq!(app.ws().interactions[row].id, logged);
}

#[test]
fn nothing_from_others_opens_nothing_and_the_key_says_so() {
    let before = before();
    let mut after = before.clone();
    let g = after.goals.get_mut(0).unwrap();
    g.current += 1.0;
    g.authors.changed = touch("ana");
    let mut app = app_on(after, 80, 24);
    assert!(!app.news_since(&before));
    assert!(app.overlay.is_none());
    press_bound(&mut app, &["W"]);
    view(&app);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Nothing new from the team since you last looked"),
        "{text}"
    );
    press_bound(&mut app, &["esc"]);
    assert!(app.overlay.is_none());
}

#[test]
fn a_deleted_record_is_listed_and_enter_says_it_is_gone() {
    let before = before();
    let mut after = before.clone();
    let gone = after.milestones.get(0).unwrap().title.clone();
    after.milestones.remove(0);
    let mut app = app_on(after, 120, 40);
    assert!(app.news_since(&before));
    let text = screen(&app, 120, 40);
    assert!(text.contains("(not recorded)"), "{text}");
    assert!(text.contains(&gone), "{text}");
    press_bound(&mut app, &["enter"]);
    view(&app);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("is gone"), "{status}");
}

#[test]
fn the_view_at_80x24_and_120x40() {
    let before = before();
    let (after, _) = after(&before);
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_on(after.clone(), w, h);
        app.news_since(&before);
        insta::assert_snapshot!(format!("whats_new_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn the_version_seen_is_kept_on_close_and_compared_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("deck.ron");
    let place = partnerdeck::app::news::SeenPlace {
        data: data.clone(),
        dir: Some(dir.path().join("cache")),
    };
    let before = before();
    // The first start: no version seen yet; nothing opens, this one is kept.
    let mut first = app_on(before.clone(), 120, 40);
    first.keep_seen_at(Some(place.clone()));
    first.compare_with_seen();
    first.finish_news();
    assert!(first.overlay.is_none());
    let kept = partnerdeck::store::seen::load(&data, place.dir.as_deref()).unwrap();
    assert!(partnerdeck::insight::activity::between(&kept, &before).is_empty());
    // The next start, on the file teammates changed since: the view opens by itself.
    let (after, _) = after(&before);
    let mut next = app_on(after.clone(), 120, 40);
    next.keep_seen_at(Some(place.clone()));
    next.compare_with_seen();
    next.finish_news();
    assert_eq!(view(&next).changes, 4);
    // Closing it: looked; the version seen is now this one.
    press_bound(&mut next, &["esc"]);
    next.finish_news();
    let kept = partnerdeck::store::seen::load(&data, place.dir.as_deref()).unwrap();
    assert!(partnerdeck::insight::activity::between(&kept, &after).is_empty());
    // `W` still shows what was found.
    press_bound(&mut next, &["W"]);
    assert_eq!(view(&next).changes, 4);
}
