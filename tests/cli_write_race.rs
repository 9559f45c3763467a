//! A command that writes (`partnerdeck log`) never overwrites what another program wrote
//! between its load and its save (a `git pull`, an editor): the save is refused, the file read
//! again, and the entry added to what it holds now.

mod common;

use common::repo::{Repos, have_git, text};
use partnerdeck::document::{Backups, Change, write_change};
use partnerdeck::model::*;
use partnerdeck::store;

/// A write through the document whose file is replaced after its load: the replacement is kept,
/// the change made again on it, and the command reports its second attempt.
#[test]
fn a_file_replaced_between_load_and_save_is_kept_and_the_change_made_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    let mut ws = Workspace::named("Us");
    let id = PartnerId(ws.allocate_id());
    ws.partners
        .push(Partner::new(id, "Acme", "2026-01-01".parse().unwrap()));
    store::save(&path, &ws).unwrap();
    let (loaded, stamp) = store::load_stamped(&path).unwrap().unwrap();
    let mut pulled = false;
    let written = write_change(
        &path,
        loaded.workspace,
        Some(stamp),
        "2026-11-27".parse().unwrap(),
        Backups::ByPolicy,
        |_: &()| Change::named("Renamed us"),
        |ws| {
            if !pulled {
                // What a pull brings, written while this command holds its copy.
                let mut theirs = store::load(&path).unwrap().unwrap().workspace;
                let id = PartnerId(theirs.allocate_id());
                theirs
                    .partners
                    .push(Partner::new(id, "Pulled", "2026-02-01".parse().unwrap()));
                std::thread::sleep(std::time::Duration::from_millis(20));
                store::save(&path, &theirs).unwrap();
                pulled = true;
            }
            ws.profile.name = "Us, renamed".into();
            Ok::<_, std::io::Error>(())
        },
    )
    .unwrap();
    assert_eq!(written.attempts, 2);
    let on_disk = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(on_disk.profile.name, "Us, renamed");
    let names: Vec<&str> = on_disk.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Acme", "Pulled"]);
}

/// `partnerdeck log` racing a real `git pull` that brings a teammate's partner: in every
/// order, the logged entry is in the file, and so is the teammate's partner whenever the pull
/// went through (git refuses a pull over an uncommitted file; it is then pulled again after a
/// commit, as a person would).
#[test]
fn a_log_racing_a_git_pull_never_overwrites_the_pull() {
    if !have_git() {
        eprintln!("skipped: no git here");
        return;
    }
    let repos = Repos::new();
    let a = repos.first_clone("a");
    let b = repos.teammate("b");
    let (fa, fb) = (a.join("team.ron"), b.join("team.ron"));
    for round in 0..6 {
        // The teammate adds a partner and pushes it.
        let name = format!("Teammate partner {round}");
        let out = repos.run(&fb, &["log", "greenleaf", &format!("b {round}")]);
        assert!(out.status.success(), "{}", text(&out));
        let mut ws = store::load(&fb).unwrap().unwrap().workspace;
        let id = PartnerId(ws.allocate_id());
        ws.partners
            .push(Partner::new(id, &name, "2026-01-01".parse().unwrap()));
        ws.normalize();
        store::save(&fb, &ws).unwrap();
        repos.ok(&b, &["commit", "-q", "-am", &name]);
        repos.ok(&b, &["pull", "-q", "--no-edit"]);
        repos.ok(&b, &["push", "-q"]);
        // In A, a log and a pull at once (the pull started a little later each round).
        let summary = format!("a {round}");
        let mut log = repos.pd();
        log.arg("--file")
            .arg(&fa)
            .args(["log", "greenleaf", &summary]);
        let log = log
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(15 * round));
        let pull = repos.git(&a, &["pull", "-q", "--no-edit"]);
        let logged = log.wait_with_output().unwrap();
        assert!(
            logged.status.success(),
            "{:?} {}",
            logged.status,
            text(&logged)
        );
        assert_eq!(
            common::repo::entries(&fa, &summary),
            1,
            "round {round}, pull {:?} {}",
            pull.status.code(),
            text(&pull)
        );
        if !pull.status.success() {
            repos.ok(&a, &["commit", "-q", "-am", &summary]);
            repos.ok(&a, &["pull", "-q", "--no-edit"]);
        } else {
            repos.ok(&a, &["commit", "-q", "-am", &summary]);
        }
        let ws = store::load(&fa).unwrap().unwrap().workspace;
        assert!(
            ws.partners.iter().any(|p| p.name == name),
            "round {round}: the pulled partner was overwritten"
        );
        assert_eq!(common::repo::entries(&fa, &summary), 1, "round {round}");
        repos.ok(&a, &["push", "-q"]);
        repos.ok(&b, &["pull", "-q", "--no-edit"]);
    }
}
