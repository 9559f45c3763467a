//! Who did what, with the real `git`: three clones of a bare remote, three identities (each
//! clone's `git config user.name`/`user.email`), `partnerdeck log` and `sync`. Every record
//! knows who added it and who changed it last, in the file, in `export json` and in `brief`,
//! for records created, changed, merged and conflicted; the team's members are in the file;
//! `activity` lists the teammates' changes by author and nothing of one's own.

mod common;

use common::repo::{Repos, have_git, text};
use partnerdeck::model::*;
use partnerdeck::store;
use std::path::{Path, PathBuf};

struct Team {
    repos: Repos,
    ana: PathBuf,
    bo: PathBuf,
    cy: PathBuf,
}

fn file(clone: &Path) -> PathBuf {
    clone.join("team.ron")
}

impl Team {
    fn new() -> Team {
        let repos = Repos::new();
        let ana = repos.first_clone("ana");
        let bo = repos.teammate("bo");
        let cy = repos.teammate("cy");
        for (clone, name, email) in [
            (&ana, "Ana Ruiz", "ana@acme.org"),
            (&bo, "Bo Chen", "bo@acme.org"),
            (&cy, "Cy Diaz", "cy@acme.org"),
        ] {
            repos.ok(clone, &["config", "user.name", name]);
            repos.ok(clone, &["config", "user.email", email]);
        }
        Team { repos, ana, bo, cy }
    }

    fn deck(&self, clone: &Path, args: &[&str]) -> String {
        let out = self
            .repos
            .pd()
            .env_remove("PARTNERDECK_AUTHOR")
            .arg("--file")
            .arg(file(clone))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn sync(&self, clone: &Path) -> std::process::Output {
        self.repos
            .pd()
            .env_remove("PARTNERDECK_AUTHOR")
            .arg("--file")
            .arg(file(clone))
            .arg("sync")
            .output()
            .unwrap()
    }

    fn synced(&self, clone: &Path) {
        let out = self.sync(clone);
        assert!(out.status.success(), "sync: {}", text(&out));
    }
}

fn load(clone: &Path) -> Workspace {
    store::load(&file(clone)).unwrap().unwrap().workspace
}

/// Changes the file as the dashboard does: the change signed by `who` (`document::author`,
/// what `Document::commit` calls), then saved.
fn change_as(clone: &Path, who: &Identity, f: impl FnOnce(&mut Workspace)) {
    let old = load(clone);
    let mut new = old.clone();
    f(&mut new);
    partnerdeck::document::author::stamp(&old, &mut new, None, who, day(7));
    store::save(&file(clone), &new).unwrap();
}

fn day(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn entry<'a>(ws: &'a Workspace, summary: &str) -> &'a Interaction {
    ws.interactions
        .iter()
        .find(|x| x.summary == summary)
        .unwrap_or_else(|| panic!("no entry {summary:?}"))
}

#[test]
fn three_teammates_authors_survive_sync_merge_and_conflict() {
    if !have_git() {
        return;
    }
    let t = Team::new();
    let (ana, bo) = (
        Identity::new("Ana Ruiz", "ana@acme.org"),
        Identity::new("Bo Chen", "bo@acme.org"),
    );
    // An old file without authors loads; nothing in it has an author yet.
    let before = load(&t.ana);
    assert!(before.members.is_empty());
    assert!(before.interactions.iter().all(|x| x.authors.is_empty()));

    // Created: each logs an entry from their own clone.
    t.deck(&t.ana, &["log", "greenleaf", "Ana's kick-off call"]);
    t.synced(&t.ana);
    t.synced(&t.bo);
    t.deck(&t.bo, &["log", "greenleaf", "Bo's follow-up call"]);
    t.deck(&t.cy, &["log", "greenleaf", "Cy's site visit"]);
    t.synced(&t.bo);
    // Merged: Cy's sync merges Bo's entry with Cy's own.
    t.synced(&t.cy);
    t.synced(&t.ana);
    t.synced(&t.bo);
    for clone in [&t.ana, &t.bo, &t.cy] {
        let ws = load(clone);
        assert_eq!(
            entry(&ws, "Ana's kick-off call").authors.by.as_deref(),
            Some("ana")
        );
        assert_eq!(
            entry(&ws, "Bo's follow-up call").authors.by.as_deref(),
            Some("bo")
        );
        assert_eq!(
            entry(&ws, "Cy's site visit").authors.by.as_deref(),
            Some("cy")
        );
        let keys: Vec<&str> = ws.members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["ana", "bo", "cy"], "the team's members");
        assert_eq!(ws.member_name("cy"), "Cy Diaz");
    }

    // Changed: Bo moves a goal, Ana changes another field of the same goal in parallel.
    let goal = load(&t.bo).goals[0].id;
    change_as(&t.bo, &bo, |ws| {
        ws.goals.iter_mut().find(|g| g.id == goal).unwrap().current += 5.0;
    });
    change_as(&t.ana, &ana, |ws| {
        ws.goals.iter_mut().find(|g| g.id == goal).unwrap().metric = "signed letters".into();
    });
    t.synced(&t.bo);
    t.synced(&t.ana);
    t.synced(&t.bo);
    let ws = load(&t.bo);
    let g = ws.goals.iter().find(|g| g.id == goal).unwrap();
    assert_eq!(g.metric, "signed letters");
    let changed = g
        .authors
        .changed
        .as_ref()
        .expect("a changed goal names its last editor");
    assert!(["ana", "bo"].contains(&changed.by.as_str()), "{changed:?}");
    assert_eq!(
        g.authors,
        load(&t.ana)
            .goals
            .iter()
            .find(|x| x.id == goal)
            .unwrap()
            .authors,
        "every clone agrees on who changed it last"
    );

    // Conflicted: both change the same field two ways; the conflict names both sides.
    change_as(&t.bo, &bo, |ws| {
        ws.goals.iter_mut().find(|g| g.id == goal).unwrap().title = "Bo's title".into();
    });
    change_as(&t.ana, &ana, |ws| {
        ws.goals.iter_mut().find(|g| g.id == goal).unwrap().title = "Ana's title".into();
    });
    t.synced(&t.bo);
    let out = t.sync(&t.ana);
    assert_eq!(
        out.status.code(),
        Some(1),
        "conflicts to decide: {}",
        text(&out)
    );
    let ws = load(&t.ana);
    let c = ws
        .conflicts
        .iter()
        .find(|c| c.field == "title")
        .expect("the title conflict");
    assert_eq!(c.ours_by.as_ref().map(|t| t.by.as_str()), Some("ana"));
    assert_eq!(c.theirs_by.as_ref().map(|t| t.by.as_str()), Some("bo"));
    assert_eq!(c.theirs_by.as_ref().map(|t| t.on), Some(day(7)));

    // Ana decides it (takes Bo's title) and syncs: the commit that finishes the merge says what
    // was merged from whom and how the conflict was decided, and by whom.
    let mut decided = load(&t.ana);
    let i = decided
        .conflicts
        .iter()
        .position(|c| c.field == "title")
        .unwrap();
    partnerdeck::model::merge3::take_theirs(&mut decided, i).unwrap();
    store::save(&file(&t.ana), &decided).unwrap();
    t.synced(&t.ana);
    let message = t.repos.ok(&t.ana, &["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("partnerdeck: merge from Bo Chen"),
        "{message}"
    );
    assert!(
        message.contains("Conflicts decided by Ana Ruiz:"),
        "{message}"
    );
    assert!(
        message.contains("title: took theirs “Bo's title”")
            && message.contains("over “Ana's title”"),
        "{message}"
    );
    assert!(!message.contains("# Conflicts"), "{message}");
    // A merge without conflicts says what came in, from whom.
    t.deck(&t.cy, &["log", "greenleaf", "Cy's second visit"]);
    t.synced(&t.cy);
    t.deck(&t.bo, &["log", "greenleaf", "Bo's second call"]);
    t.synced(&t.bo);
    let clean = t.repos.ok(&t.bo, &["log", "-1", "--format=%B", "--merges"]);
    assert!(clean.starts_with("partnerdeck: merge from"), "{clean}");
    assert!(clean.contains("log entr"), "{clean}");

    // JSON and the brief carry the authors.
    let json = t.deck(&t.bo, &["export", "json"]);
    assert!(
        json.contains("\"authors\": \"cy\""),
        "export json names authors: {json}"
    );
    assert!(json.contains("\"members\""));
    let brief = t.deck(&t.bo, &["brief", "greenleaf"]);
    assert!(
        brief.contains("logged by Cy Diaz")
            || brief.contains("logged by Bo Chen")
            || brief.contains("logged by Ana Ruiz"),
        "{brief}"
    );

    // Activity: Cy's view of what Ana and Bo did since a commit before their work, nothing
    // of Cy's own.
    let first = t.repos.ok(&t.cy, &["rev-list", "--max-parents=0", "HEAD"]);
    let said = t.deck(&t.cy, &["activity", "--since", first.trim()]);
    assert!(said.contains("Ana Ruiz"), "{said}");
    assert!(said.contains("Bo Chen"), "{said}");
    assert!(
        !said.contains("Cy's site visit"),
        "nothing of one's own: {said}"
    );
    let only_bo = t.deck(
        &t.cy,
        &[
            "activity",
            "--since",
            first.trim(),
            "--author",
            "bo",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&only_bo).unwrap();
    let authors: Vec<&str> = v["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["bo"]);
}
