//! `partnerdeck sync` against a real git (issues 24 and 25): it commits the data file and
//! nothing else, refuses (changing nothing) where committing would take over someone's work,
//! never commits a file git reports unmerged, checks the merge driver before it pulls, bounds
//! every git call in time, and its exit code says what happened:
//! 0 in step (or no remote), 1 conflicts to decide, 2 refused or failed (nothing changed),
//! 3 committed here but not in step with the remote.

mod common;

use common::repo::{Repos, alive, entries, have_git, log_entry, text};
use std::path::Path;
use std::time::{Duration, Instant};

macro_rules! need_git {
    () => {
        if !have_git() {
            eprintln!("skipped: no git");
            return;
        }
    };
}

fn head(r: &Repos, clone: &Path) -> String {
    r.ok(clone, &["rev-parse", "HEAD"])
}

/// What `git status` says, untracked files included.
fn status(r: &Repos, clone: &Path) -> String {
    r.ok(clone, &["status", "--porcelain=v1", "-uall"])
}

fn sync(r: &Repos, clone: &Path) -> (Option<i32>, String) {
    let out = r.run(&clone.join("team.ron"), &["sync"]);
    (out.status.code(), text(&out))
}

#[test]
fn sync_commits_the_data_file_only_and_leaves_what_else_is_staged() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    std::fs::write(a.join("staged.txt"), "mine").unwrap();
    r.ok(&a, &["add", "staged.txt"]);
    log_entry(&a.join("team.ron"), "Only this");
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(0), "{said}");
    let files = r.ok(&a, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "team.ron");
    assert_eq!(
        r.ok(&a, &["diff", "--cached", "--name-only"]).trim(),
        "staged.txt"
    );
}

#[test]
fn sync_refuses_during_an_operation_it_did_not_start_and_changes_nothing() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let file = a.join("team.ron");
    // A notes file changed two ways on two branches: every operation stops on it.
    std::fs::write(a.join("notes.txt"), "base\n").unwrap();
    r.ok(&a, &["add", "notes.txt"]);
    r.ok(&a, &["commit", "-q", "-m", "notes"]);
    r.ok(&a, &["checkout", "-q", "-b", "other"]);
    std::fs::write(a.join("notes.txt"), "other\n").unwrap();
    r.ok(&a, &["commit", "-q", "-am", "other notes"]);
    r.ok(&a, &["checkout", "-q", "main"]);
    std::fs::write(a.join("notes.txt"), "main\n").unwrap();
    r.ok(&a, &["commit", "-q", "-am", "main notes"]);
    let operations: [(&str, &[&str], &[&str]); 4] = [
        ("merge", &["merge", "other"], &["merge", "--abort"]),
        ("rebase", &["rebase", "other"], &["rebase", "--abort"]),
        (
            "cherry-pick",
            &["cherry-pick", "other"],
            &["cherry-pick", "--abort"],
        ),
        ("bisect", &["bisect", "start"], &["bisect", "reset"]),
    ];
    for (name, start, abort) in operations {
        let _ = r.git(&a, start);
        // The user's own resolution, staged.
        if name != "bisect" {
            std::fs::write(a.join("notes.txt"), "resolved by hand\n").unwrap();
            r.ok(&a, &["add", "notes.txt"]);
        }
        log_entry(&file, &format!("during {name}"));
        let (before_head, before_status) = (head(&r, &a), status(&r, &a));
        let (code, said) = sync(&r, &a);
        assert_eq!(code, Some(2), "{name}: {said}");
        assert!(said.contains(name), "{name}: says which operation: {said}");
        assert_eq!(head(&r, &a), before_head, "{name}");
        assert_eq!(status(&r, &a), before_status, "{name}");
        r.ok(&a, abort);
        r.ok(&a, &["checkout", "-q", "--", "team.ron"]);
    }
}

#[test]
fn sync_refuses_on_a_detached_head() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    r.ok(&a, &["checkout", "-q", "--detach"]);
    log_entry(&a.join("team.ron"), "Detached");
    let before = (head(&r, &a), status(&r, &a));
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("detached"), "{said}");
    assert_eq!((head(&r, &a), status(&r, &a)), before);
}

#[test]
fn glob_characters_in_the_file_name_commit_that_file_only() {
    need_git!();
    let r = Repos::new();
    let a = r.clone_as("a");
    let file = a.join("deck[12].ron");
    assert!(r.run(&file, &["init", "--demo"]).status.success());
    let out = r.run(&file, &["git", "setup"]);
    assert!(out.status.success(), "{}", text(&out));
    for other in ["deck1.ron", "deck2.ron"] {
        std::fs::write(a.join(other), "not to be shared").unwrap();
    }
    let out = r.run(&file, &["sync"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let tracked = r.ok(&a, &["ls-files"]);
    assert_eq!(tracked.trim(), "deck[12].ron", "{tracked}");
}

#[test]
fn commit_messages_are_inert_text() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let file = a.join("team.ron");
    let mut ws = partnerdeck::store::load(&file).unwrap().unwrap().workspace;
    ws.partners[0].name = "Evil\u{1b}]0;PWNED\u{7}\u{202e}Corp\r\nSigned-off-by: x".into();
    partnerdeck::store::save(&file, &ws).unwrap();
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(0), "{said}");
    let message = r.ok(&a, &["log", "-1", "--format=%B"]);
    let message = message.trim_end();
    assert!(
        !message.chars().any(partnerdeck::text::is_unsafe),
        "{message:?}"
    );
    assert!(message.contains("Evil"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn a_failed_commit_restores_the_index_it_found() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    for key in ["user.name", "user.email"] {
        r.ok(&a, &["config", "--unset", key]);
    }
    r.ok(&a, &["config", "user.useConfigOnly", "true"]);
    // A tracked file changed, and (in a second repository) a new file never committed.
    log_entry(&a.join("team.ron"), "No identity");
    let before = (head(&r, &a), status(&r, &a));
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(2), "{said}");
    assert_eq!((head(&r, &a), status(&r, &a)), before, "{said}");

    let fresh = r.dir.path().join("fresh");
    r.ok(
        r.dir.path(),
        &["init", "-q", "-b", "main", fresh.to_str().unwrap()],
    );
    r.ok(&fresh, &["config", "user.useConfigOnly", "true"]);
    let file = fresh.join("team.ron");
    assert!(r.run(&file, &["init", "--demo"]).status.success());
    let before = status(&r, &fresh);
    let out = r.run(&file, &["sync"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert_eq!(
        status(&r, &fresh),
        before,
        "the new file is not left staged"
    );
}

#[test]
fn a_stalled_remote_times_out_and_its_git_child_ends() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let pidfile = r.dir.path().join("ssh.pid");
    let script = r.dir.path().join("stall.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > '{}'\nexec sleep 60\n",
            pidfile.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    r.ok(&a, &["config", "core.sshCommand", script.to_str().unwrap()]);
    r.ok(
        &a,
        &[
            "remote",
            "set-url",
            "origin",
            "ssh://stalled.invalid/remote.git",
        ],
    );
    log_entry(&a.join("team.ron"), "Stalled");
    let start = Instant::now();
    let out = r
        .pd()
        .env("PARTNERDECK_GIT_TIMEOUT", "2")
        .arg("--file")
        .arg(a.join("team.ron"))
        .arg("sync")
        .output()
        .unwrap();
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(took < Duration::from_secs(30), "{took:?}");
    let said = text(&out);
    assert!(said.contains("2 s") || said.contains("2 seconds"), "{said}");
    assert!(said.contains("committed"), "{said}");
    let pid: u32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!alive(pid), "the stalled ssh was ended");
}

#[test]
fn quitting_the_dashboard_ends_the_git_child_of_a_sync() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let pidfile = r.dir.path().join("ssh.pid");
    let script = r.dir.path().join("stall.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > '{}'\nexec sleep 60\n",
            pidfile.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    r.ok(&a, &["config", "core.sshCommand", script.to_str().unwrap()]);
    r.ok(
        &a,
        &[
            "remote",
            "set-url",
            "origin",
            "ssh://stalled.invalid/remote.git",
        ],
    );
    let file = a.join("team.ron");
    let ws = partnerdeck::store::load(&file).unwrap().unwrap().workspace;
    let mut app = partnerdeck::app::App::new(
        ws,
        partnerdeck::store::demo::DEMO_ANCHOR,
        partnerdeck::app::Source::File(file.clone()),
    );
    app.resize(120, 40);
    // The worker's git runs with the test process's environment: point it at this home.
    common::press(&mut app, &["S"]);
    assert!(app.jobs.sync.is_some());
    let deadline = Instant::now() + Duration::from_secs(20);
    while !pidfile.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid: u32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(alive(pid));
    drop(app);
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!alive(pid), "quitting ended the git child");
}

#[test]
fn a_driver_that_cannot_run_stops_sync_before_anything_changes() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let b = r.teammate("b");
    log_entry(&b.join("team.ron"), "From B");
    assert_eq!(sync(&r, &b).0, Some(0));
    log_entry(&a.join("team.ron"), "From A");
    // The binary moved (an upgrade): the registered path no longer exists.
    let driver = r.ok(&a, &["config", "merge.partnerdeck.driver"]);
    r.ok(
        &a,
        &[
            "config",
            "merge.partnerdeck.driver",
            "/nonexistent/old/partnerdeck merge %O %A %B --path %P",
        ],
    );
    let before = (head(&r, &a), status(&r, &a));
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("partnerdeck git setup"), "{said}");
    assert_eq!((head(&r, &a), status(&r, &a)), before);
    // Not registered at all: the same.
    r.ok(&a, &["config", "--unset", "merge.partnerdeck.driver"]);
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("partnerdeck git setup"), "{said}");
    assert_eq!((head(&r, &a), status(&r, &a)), before);
    // A pull by hand with the moved driver leaves the file unmerged: sync never commits it.
    r.ok(
        &a,
        &[
            "config",
            "merge.partnerdeck.driver",
            "/nonexistent/old/partnerdeck merge %O %A %B --path %P",
        ],
    );
    r.ok(&a, &["commit", "-q", "-am", "A by hand"]);
    let pulled = r.git(&a, &["pull", "--no-edit"]);
    assert!(!pulled.status.success());
    r.ok(&a, &["config", "merge.partnerdeck.driver", driver.trim()]);
    let before = (head(&r, &a), status(&r, &a));
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(2), "{said}");
    assert_eq!((head(&r, &a), status(&r, &a)), before, "{said}");
    // Recovered as the message says: the merge is redone with the driver; nothing is lost.
    r.ok(&a, &["merge", "--abort"]);
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(entries(&a.join("team.ron"), "From A"), 1);
    assert_eq!(entries(&a.join("team.ron"), "From B"), 1);
}

#[test]
fn a_merge_sync_started_is_finished_by_the_next_sync_once_decided() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let b = r.teammate("b");
    let set_aim = |file: &Path, aim: &str| {
        let mut ws = partnerdeck::store::load(file).unwrap().unwrap().workspace;
        ws.partners[0].aim = aim.into();
        partnerdeck::store::save(file, &ws).unwrap();
    };
    set_aim(&a.join("team.ron"), "Aim from A");
    assert_eq!(sync(&r, &a).0, Some(0));
    set_aim(&b.join("team.ron"), "Aim from B");
    let (code, said) = sync(&r, &b);
    assert_eq!(code, Some(1), "{said}");
    // Undecided: it says so again, and changes nothing.
    let before = head(&r, &b);
    let (code, said) = sync(&r, &b);
    assert_eq!(code, Some(1), "{said}");
    assert_eq!(head(&r, &b), before);
    // Decided (ours kept): the next sync finishes the merge and pushes.
    let file = b.join("team.ron");
    let mut ws = partnerdeck::store::load(&file).unwrap().unwrap().workspace;
    ws.conflicts.clear();
    partnerdeck::store::save(&file, &ws).unwrap();
    let (code, said) = sync(&r, &b);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("pushed"), "{said}");
    assert_eq!(sync(&r, &a).0, Some(0));
    assert_eq!(
        std::fs::read(a.join("team.ron")).unwrap(),
        std::fs::read(&file).unwrap()
    );
}

#[test]
fn an_unreachable_remote_is_its_own_exit_code_and_the_commit_stays() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    r.ok(
        &a,
        &["remote", "set-url", "origin", "/nonexistent/remote.git"],
    );
    log_entry(&a.join("team.ron"), "Offline");
    let before = head(&r, &a);
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(3), "{said}");
    assert!(said.contains("committed"), "{said}");
    assert_ne!(head(&r, &a), before, "committed locally");
    // No remote at all: committing is all there is to do.
    r.ok(&a, &["remote", "remove", "origin"]);
    log_entry(&a.join("team.ron"), "No remote");
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("no remote"), "{said}");
}

#[test]
fn the_first_sync_pushes_to_an_empty_remote_and_sets_the_upstream() {
    need_git!();
    let r = Repos::new();
    // A clone of the empty remote.
    let a = r.clone_as("a");
    let file = a.join("team.ron");
    assert!(r.run(&file, &["init", "--demo"]).status.success());
    assert!(r.run(&file, &["git", "setup"]).status.success());
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        r.ok(&a, &["ls-remote", "origin"])
            .contains("refs/heads/main")
    );
    // A repository made with `git init` and a remote added by hand: no upstream yet.
    let r2 = Repos::new();
    let c = r2.dir.path().join("c");
    r2.ok(
        r2.dir.path(),
        &["init", "-q", "-b", "main", c.to_str().unwrap()],
    );
    r2.ok(&c, &["config", "user.name", "Test"]);
    r2.ok(&c, &["config", "user.email", "test@example.org"]);
    r2.ok(
        &c,
        &["remote", "add", "origin", r2.remote.to_str().unwrap()],
    );
    let file = c.join("team.ron");
    assert!(r2.run(&file, &["init", "--demo"]).status.success());
    assert!(r2.run(&file, &["git", "setup"]).status.success());
    let out = r2.run(&file, &["sync"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        r2.ok(&c, &["rev-parse", "--abbrev-ref", "main@{upstream}"])
            .trim(),
        "origin/main"
    );
    // And a teammate's clone then syncs both ways.
    let b = r.teammate("b");
    log_entry(&b.join("team.ron"), "From B");
    assert_eq!(sync(&r, &b).0, Some(0));
    assert_eq!(sync(&r, &a).0, Some(0));
    assert_eq!(entries(&a.join("team.ron"), "From B"), 1);
}

#[test]
fn a_file_with_text_conflict_markers_says_how_to_recover_in_every_command() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    // A clone that never ran `git setup`.
    let b = r.clone_as("b");
    let (fa, fb) = (a.join("team.ron"), b.join("team.ron"));
    log_entry(&fa, "From A");
    assert_eq!(sync(&r, &a).0, Some(0));
    log_entry(&fb, "From B");
    r.ok(&b, &["commit", "-q", "-am", "B"]);
    let pulled = r.git(&b, &["pull", "--no-edit"]);
    assert!(
        !pulled.status.success(),
        "a text conflict without the driver"
    );
    assert!(std::fs::read_to_string(&fb).unwrap().contains("<<<<<<<"));
    let commands: [&[&str]; 5] = [&["check"], &["conflicts"], &["render"], &["sync"], &[]];
    for args in commands {
        let out = r.pd().arg("--file").arg(&fb).args(args).output().unwrap();
        let said = text(&out);
        assert!(!out.status.success(), "{args:?}: {said}");
        assert!(said.contains("conflict markers"), "{args:?}: {said}");
        assert!(said.contains("partnerdeck git setup"), "{args:?}: {said}");
        assert!(said.contains("git checkout -m -- "), "{args:?}: {said}");
    }
    // The two commands recover it.
    let out = r
        .pd()
        .current_dir(&b)
        .args(["--file", "team.ron", "git", "setup"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    r.ok(&b, &["checkout", "-m", "--", "team.ron"]);
    assert_eq!(entries(&fb, "From A"), 1);
    assert_eq!(entries(&fb, "From B"), 1);
}

#[test]
fn undecided_conflicts_committed_by_hand_are_not_shared() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let b = r.teammate("b");
    let set_aim = |file: &Path, aim: &str| {
        let mut ws = partnerdeck::store::load(file).unwrap().unwrap().workspace;
        ws.partners[0].aim = aim.into();
        partnerdeck::store::save(file, &ws).unwrap();
    };
    set_aim(&a.join("team.ron"), "Aim from A");
    assert_eq!(sync(&r, &a).0, Some(0));
    set_aim(&b.join("team.ron"), "Aim from B");
    r.ok(&b, &["commit", "-q", "-am", "B"]);
    assert!(!r.git(&b, &["pull", "--no-edit"]).status.success());
    r.ok(&b, &["add", "team.ron"]);
    r.ok(&b, &["commit", "-q", "--no-edit"]);
    let remote_before = r.ok(&a, &["ls-remote", "origin", "main"]);
    let before = (head(&r, &b), status(&r, &b));
    let (code, said) = sync(&r, &b);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("decide"), "{said}");
    assert_eq!((head(&r, &b), status(&r, &b)), before);
    assert_eq!(r.ok(&a, &["ls-remote", "origin", "main"]), remote_before);
}

#[test]
fn the_dashboard_says_what_the_command_says_when_sync_refuses() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    r.ok(&a, &["checkout", "-q", "--detach"]);
    let file = a.join("team.ron");
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(2));
    let ws = partnerdeck::store::load(&file).unwrap().unwrap().workspace;
    let mut app = partnerdeck::app::App::new(
        ws,
        partnerdeck::store::demo::DEMO_ANCHOR,
        partnerdeck::app::Source::File(file.clone()),
    );
    app.resize(120, 40);
    common::press(&mut app, &["S"]);
    app.finish_sync();
    let status = app.status.clone().unwrap();
    assert_eq!(status.level, partnerdeck::app::Level::Error);
    assert_eq!(status.text, format!("Sync: {}", said.trim()));
}

#[test]
fn a_file_left_unmerged_by_a_stash_pop_is_never_committed() {
    need_git!();
    let r = Repos::new();
    let a = r.first_clone("a");
    let file = a.join("team.ron");
    let set_aim = |aim: &str| {
        let mut ws = partnerdeck::store::load(&file).unwrap().unwrap().workspace;
        ws.partners[0].aim = aim.into();
        partnerdeck::store::save(&file, &ws).unwrap();
    };
    set_aim("Stashed aim");
    r.ok(&a, &["stash", "-q"]);
    set_aim("Committed aim");
    assert_eq!(sync(&r, &a).0, Some(0));
    // The pop merges through the driver: a conflict, the file unmerged, no operation under way.
    assert!(!r.git(&a, &["stash", "pop"]).status.success());
    assert!(!r.ok(&a, &["ls-files", "-u"]).is_empty());
    let before = (head(&r, &a), status(&r, &a));
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(1), "undecided: {said}");
    // Decided in the file, still unmerged for git: not committed either.
    let mut ws = partnerdeck::store::load(&file).unwrap().unwrap().workspace;
    ws.conflicts.clear();
    partnerdeck::store::save(&file, &ws).unwrap();
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("git add"), "{said}");
    assert_eq!(head(&r, &a), before.0);
    // `git add` as it says, and sync shares it.
    r.ok(&a, &["add", "team.ron"]);
    let (code, said) = sync(&r, &a);
    assert_eq!(code, Some(0), "{said}");
}
