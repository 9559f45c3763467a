//! Two clones of one workspace, a bare remote, the real `git`: after `partnerdeck git setup`,
//! hundreds of changes on each side merge with no text conflict, every change is there, the
//! file passes `check`, and both clones end byte-identical. A same-field change is a conflict
//! git reports, with both values kept in a file that still loads.

mod common;

use common::team::change;
use partnerdeck::store;
use std::path::{Path, PathBuf};
use std::process::Command;

fn have_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

fn git(dir: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .unwrap()
}

fn ok(dir: &Path, home: &Path, args: &[&str]) -> String {
    let out = git(dir, home, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn partnerdeck(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .args(args)
        .env("HOME", home)
        .env_remove("PARTNERDECK_FILE")
        .output()
        .unwrap()
}

struct Team {
    _dir: tempfile::TempDir,
    home: PathBuf,
    a: PathBuf,
    b: PathBuf,
}

impl Team {
    fn file(&self, clone: &Path) -> PathBuf {
        clone.join("team.ron")
    }
}

/// A bare remote, clone A with the workspace and the driver set up, clone B set up too.
fn team() -> Team {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let remote = dir.path().join("remote.git");
    ok(
        dir.path(),
        &home,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            remote.to_str().unwrap(),
        ],
    );
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    ok(
        dir.path(),
        &home,
        &["clone", "-q", remote.to_str().unwrap(), a.to_str().unwrap()],
    );
    ok(&a, &home, &["checkout", "-q", "-b", "main"]);
    let file_a = a.join("team.ron");
    let out = partnerdeck(
        &home,
        &["--file", file_a.to_str().unwrap(), "init", "--demo"],
    );
    assert!(out.status.success());
    let out = partnerdeck(&home, &["--file", file_a.to_str().unwrap(), "git", "setup"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Run twice, it changes nothing.
    let again = partnerdeck(&home, &["--file", file_a.to_str().unwrap(), "git", "setup"]);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(!text.contains("set:") && !text.contains("added"), "{text}");
    ok(
        &a,
        &home,
        &["add", "team.ron", ".gitattributes", ".gitignore"],
    );
    ok(&a, &home, &["commit", "-q", "-m", "Workspace"]);
    ok(&a, &home, &["push", "-q", "-u", "origin", "main"]);
    ok(
        dir.path(),
        &home,
        &["clone", "-q", remote.to_str().unwrap(), b.to_str().unwrap()],
    );
    let file_b = b.join("team.ron");
    let out = partnerdeck(&home, &["--file", file_b.to_str().unwrap(), "git", "setup"]);
    assert!(out.status.success());
    for c in [&a, &b] {
        ok(c, &home, &["config", "pull.rebase", "false"]);
    }
    Team {
        _dir: dir,
        home,
        a,
        b,
    }
}

fn edit(path: &Path, seed: u64, count: usize, parity: usize, tag: &str) {
    let mut ws = store::load(path).unwrap().unwrap().workspace;
    change(&mut ws, seed, count, parity, tag);
    store::save(path, &ws).unwrap();
}

#[test]
fn two_clones_merge_hundreds_of_changes_without_a_text_conflict() {
    if !have_git() {
        eprintln!("skipped: no git");
        return;
    }
    let t = team();
    let (fa, fb) = (t.file(&t.a), t.file(&t.b));
    for round in 0..3u64 {
        edit(&fa, 100 + round, 100, 0, &format!("a{round}"));
        ok(&t.a, &t.home, &["commit", "-q", "-am", "A's changes"]);
        edit(&fb, 200 + round, 100, 1, &format!("b{round}"));
        ok(&t.b, &t.home, &["commit", "-q", "-am", "B's changes"]);
        // A pushes first; B pulls (the driver merges) and pushes; A pulls.
        ok(&t.a, &t.home, &["pull", "-q", "--no-edit"]);
        ok(&t.a, &t.home, &["push", "-q"]);
        ok(&t.b, &t.home, &["pull", "-q", "--no-edit"]);
        ok(&t.b, &t.home, &["push", "-q"]);
        ok(&t.a, &t.home, &["pull", "-q", "--no-edit"]);
    }
    let (ta, tb) = (std::fs::read(&fa).unwrap(), std::fs::read(&fb).unwrap());
    assert_eq!(ta, tb, "both clones end byte-identical");
    // Each clone's own backups, lock and emergency copies stay out of the repository.
    std::fs::create_dir_all(t.a.join("backups")).unwrap();
    std::fs::write(t.a.join("backups/team-20261130T082200Z.ron"), "x").unwrap();
    std::fs::write(t.a.join("team.ron.lock"), "pid 1").unwrap();
    std::fs::write(t.a.join("team.ron.emergency-20261130T082200Z.ron"), "x").unwrap();
    assert_eq!(ok(&t.a, &t.home, &["status", "--porcelain"]), "");
    let ws = store::load(&fa).unwrap().unwrap().workspace;
    assert!(ws.conflicts.is_empty());
    let out = partnerdeck(&t.home, &["check", fa.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every log entry either side added (and did not delete again) is there.
    let text = String::from_utf8_lossy(&ta);
    assert!(text.contains("a0 call") && text.contains("b2 call"));
}

#[test]
fn a_same_field_change_is_a_conflict_git_reports_with_both_values_kept() {
    if !have_git() {
        eprintln!("skipped: no git");
        return;
    }
    let t = team();
    let (fa, fb) = (t.file(&t.a), t.file(&t.b));
    let set_aim = |path: &Path, aim: &str| {
        let mut ws = store::load(path).unwrap().unwrap().workspace;
        ws.partners[0].aim = aim.into();
        store::save(path, &ws).unwrap();
    };
    set_aim(&fa, "Aim from A");
    ok(&t.a, &t.home, &["commit", "-q", "-am", "A"]);
    ok(&t.a, &t.home, &["push", "-q"]);
    set_aim(&fb, "Aim from B");
    ok(&t.b, &t.home, &["commit", "-q", "-am", "B"]);
    let pull = git(&t.b, &t.home, &["pull", "--no-edit"]);
    assert!(!pull.status.success(), "git reports the conflict");
    let ws = store::load(&fb).unwrap().unwrap().workspace;
    assert_eq!(ws.conflicts.len(), 1);
    let c = &ws.conflicts[0];
    assert!(c.ours.contains("Aim from B") && c.theirs.contains("Aim from A"));
    let listed = partnerdeck(&t.home, &["--file", fb.to_str().unwrap(), "conflicts"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Aim from A"));
    // The file is whole (no conflict markers): `git add` and a commit finish the merge.
    assert!(!std::fs::read_to_string(&fb).unwrap().contains("<<<<<<<"));
    ok(&t.b, &t.home, &["add", "team.ron"]);
    ok(&t.b, &t.home, &["commit", "-q", "--no-edit"]);
}

#[test]
fn sync_commits_with_a_message_that_says_what_changed_pulls_and_pushes() {
    if !have_git() {
        eprintln!("skipped: no git");
        return;
    }
    let t = team();
    let (fa, fb) = (t.file(&t.a), t.file(&t.b));
    let sync = |file: &Path| {
        let out = partnerdeck(&t.home, &["--file", file.to_str().unwrap(), "sync"]);
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // Sync uses the system git with the test's identity.
    for c in [&t.a, &t.b] {
        ok(c, &t.home, &["config", "user.name", "Test"]);
        ok(c, &t.home, &["config", "user.email", "test@example.org"]);
    }
    edit(&fa, 1, 30, 0, "a");
    let said = sync(&fa);
    assert!(
        said.contains("committed:") && said.contains("pushed"),
        "{said}"
    );
    let log = ok(&t.a, &t.home, &["log", "-1", "--format=%s"]);
    assert!(log.contains("log entr") || log.contains("changed"), "{log}");
    edit(&fb, 2, 30, 1, "b");
    let said = sync(&fb);
    assert!(said.contains("pushed"), "{said}");
    let said = sync(&fa);
    assert!(
        said.contains("nothing new") && said.contains("pushed"),
        "{said}"
    );
    assert_eq!(std::fs::read(&fa).unwrap(), std::fs::read(&fb).unwrap());
}

#[test]
fn the_dashboard_syncs_off_the_event_loop_and_takes_the_merged_file_in() {
    if !have_git() {
        eprintln!("skipped: no git");
        return;
    }
    let t = team();
    let (fa, fb) = (t.file(&t.a), t.file(&t.b));
    for c in [&t.a, &t.b] {
        ok(c, &t.home, &["config", "user.name", "Test"]);
        ok(c, &t.home, &["config", "user.email", "test@example.org"]);
    }
    // A teammate's change, shared.
    edit(&fb, 3, 20, 1, "teammate");
    let out = partnerdeck(&t.home, &["--file", fb.to_str().unwrap(), "sync"]);
    assert!(out.status.success());
    // The dashboard on clone A: a change, then `S`.
    let ws = store::load(&fa).unwrap().unwrap().workspace;
    let mut app = partnerdeck::app::App::new(
        ws,
        partnerdeck::store::demo::DEMO_ANCHOR,
        partnerdeck::app::Source::File(fa.clone()),
    );
    app.resize(120, 40);
    common::press(&mut app, &["l"]);
    common::type_text(&mut app, "Logged in the dashboard");
    common::press(&mut app, &["enter", "S"]);
    assert!(app.jobs.sync.is_some(), "the sync runs on a worker thread");
    app.finish_sync();
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("pushed"), "{status}");
    assert!(
        app.ws()
            .interactions
            .iter()
            .any(|i| i.summary.starts_with("teammate call")),
        "the teammate's change came in"
    );
    assert!(
        app.ws()
            .interactions
            .iter()
            .any(|i| i.summary == "Logged in the dashboard")
    );
    ok(&t.b, &t.home, &["pull", "-q", "--no-edit"]);
    assert_eq!(std::fs::read(&fa).unwrap(), std::fs::read(&fb).unwrap());
}
