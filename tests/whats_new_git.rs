//! "What's new" after the dashboard's own sync (`S`), with the real `git`: three clones of a
//! bare remote, three identities; two teammates share changes, the third syncs from the
//! dashboard and the view lists the two teammates' changes by author, nothing of their own.

mod common;

use common::repo::{Repos, have_git, text};
use partnerdeck::app::whats_new::NewsRow;
use partnerdeck::app::{App, Overlay, Source};
use partnerdeck::model::*;
use partnerdeck::store;
use std::path::{Path, PathBuf};

fn file(clone: &Path) -> PathBuf {
    clone.join("team.ron")
}

fn load(clone: &Path) -> Workspace {
    store::load(&file(clone)).unwrap().unwrap().workspace
}

/// Changes the file as the dashboard does (the change signed by `who`), then saves it.
fn change_as(clone: &Path, who: &Identity, f: impl FnOnce(&mut Workspace)) {
    let old = load(clone);
    let mut new = old.clone();
    f(&mut new);
    let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    partnerdeck::document::author::stamp(&old, &mut new, None, who, on);
    store::save(&file(clone), &new).unwrap();
}

fn sync(repos: &Repos, clone: &Path) {
    let out = repos
        .pd()
        .arg("--file")
        .arg(file(clone))
        .arg("sync")
        .output()
        .unwrap();
    assert!(out.status.success(), "sync: {}", text(&out));
}

#[test]
fn after_the_dashboards_sync_the_view_lists_the_two_teammates_changes() {
    if !have_git() {
        eprintln!("skipped: no git");
        return;
    }
    let repos = Repos::new();
    let ana = repos.first_clone("ana");
    let bo = repos.teammate("bo");
    let cy = repos.teammate("cy");
    let who = |name: &str, email: &str| Identity::new(name, email);
    let (me, b, c) = (
        who("Ana Ruiz", "ana@acme.org"),
        who("Bo Chen", "bo@acme.org"),
        who("Cy Diaz", "cy@acme.org"),
    );
    for (clone, id) in [(&ana, &me), (&bo, &b), (&cy, &c)] {
        repos.ok(clone, &["config", "user.name", &id.name]);
        repos.ok(clone, &["config", "user.email", &id.email]);
    }
    // Bo logs a call and shares it; Cy takes it in, moves a goal and shares that.
    change_as(&bo, &b, |ws| {
        let partner = ws.partners[0].id;
        let id = InteractionId(ws.allocate_id());
        let mut entry = ws.interactions.last().unwrap().clone();
        entry.id = id;
        entry.partner = partner;
        entry.summary = "Bo's call about the pilot".into();
        ws.interactions.push(entry);
        ws.normalize();
    });
    sync(&repos, &bo);
    sync(&repos, &cy);
    change_as(&cy, &c, |ws| ws.goals.get_mut(0).unwrap().current += 10.0);
    sync(&repos, &cy);
    // Ana, in the dashboard: a change of her own, then `S`.
    let mut app = App::new(
        load(&ana),
        store::demo::DEMO_ANCHOR,
        Source::File(file(&ana)),
    );
    app.doc.set_author(Some(me.clone()));
    app.resize(120, 40);
    common::press(&mut app, &["l"]);
    common::type_text(&mut app, "Ana's own call");
    common::press(&mut app, &["enter", "S"]);
    app.finish_sync();
    // The versions before and after are compared in the background.
    app.finish_news();
    let status = app.status.clone().unwrap().text;
    let view = match &app.overlay {
        Some(Overlay::WhatsNew(v)) => v.clone(),
        other => panic!("What's new did not open ({status}): {other:?}"),
    };
    let authors: Vec<String> = view
        .rows
        .iter()
        .filter_map(|r| match r {
            NewsRow::Author { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(authors, ["Bo Chen", "Cy Diaz"], "{:#?}", view.rows);
    let changes: Vec<String> = view
        .rows
        .iter()
        .filter_map(|r| match r {
            NewsRow::Change {
                kind, words, text, ..
            } => Some(format!("{kind} {words}: {text}")),
            _ => None,
        })
        .collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(
        changes[0].contains("logged: Bo's call about the pilot"),
        "{changes:?}"
    );
    assert!(changes[1].starts_with("goal moved"), "{changes:?}");
    assert!(!changes.iter().any(|c| c.contains("Ana's own call")));
}
