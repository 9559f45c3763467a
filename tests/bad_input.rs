//! Bad input that used to hang, wrap or mislead: special files, huge and quadratic inputs, an
//! exhausted id counter, a byte-order mark, ambiguous keymaps, broken CSV, closed pipes, leftovers
//! of killed runs, racing writers and read-only mounts.

mod common;
mod safety;

use common::cli::{cmd_on_without_config, demo_file, run_lossy};
use common::settings;
use partnerdeck::action::{Action, Context};
use partnerdeck::keymap::Key;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn key(k: &str) -> Key {
    Key::parse(k).unwrap()
}

#[test]
fn a_key_bound_to_two_actions_in_one_place_is_reported_and_both_keep_their_defaults() {
    let s = settings(r#"(keymap: { "quit": ["j"], "down": ["j"] })"#);
    let all = s.warnings.join("\n");
    assert!(
        all.contains("j") && all.contains("quit") && all.contains("down"),
        "{all}"
    );
    assert!(all.contains("default"), "{all}");
    assert_eq!(
        s.keymap.resolve(key("j"), Context::Dashboard),
        Some(Action::Down)
    );
    assert_eq!(
        s.keymap.resolve(key("q"), Context::Dashboard),
        Some(Action::Quit)
    );

    // One changed action taking a key another action has by default: the same.
    let s = settings(r#"(keymap: { "quit": ["j"] })"#);
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert_eq!(
        s.keymap.resolve(key("j"), Context::Dashboard),
        Some(Action::Down)
    );
    assert_eq!(
        s.keymap.resolve(key("q"), Context::Dashboard),
        Some(Action::Quit)
    );

    // Moving a key away and giving it to another action is fine.
    let s = settings(r#"(keymap: { "quit": ["j"], "down": ["n", "down"] })"#);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(
        s.keymap.resolve(key("j"), Context::Dashboard),
        Some(Action::Quit)
    );
}

#[test]
fn an_action_whose_keys_are_all_invalid_keeps_its_defaults() {
    let s = settings(r#"(keymap: { "help": ["hyper-x", "meta-y"] })"#);
    assert_eq!(s.warnings.len(), 3, "{:?}", s.warnings);
    assert!(s.warnings[2].contains("help keeps its default keys"));
    assert_eq!(
        s.keymap.resolve(key("?"), Context::Dashboard),
        Some(Action::Help)
    );
    // Some valid keys: those are used.
    let s = settings(r#"(keymap: { "help": ["hyper-x", "H"] })"#);
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert_eq!(
        s.keymap.resolve(key("H"), Context::Dashboard),
        Some(Action::Help)
    );
    assert_eq!(s.keymap.resolve(key("?"), Context::Dashboard), None);
}

#[test]
fn a_config_over_a_megabyte_is_refused_and_a_big_one_is_checked_quickly() {
    let entries = |n: usize| {
        let mut text = String::from("(keymap: {\n");
        for i in 0..n {
            text.push_str(&format!("  \"a{i}\": [],\n"));
        }
        text.push_str("})\n");
        text
    };
    let start = Instant::now();
    let big = entries(200_000);
    assert!(big.len() > 1 << 20);
    let s = settings(&big);
    assert_eq!(
        s.warnings.len(),
        1,
        "{:?}",
        &s.warnings[..3.min(s.warnings.len())]
    );
    assert!(s.warnings[0].contains("MB"), "{}", s.warnings[0]);
    assert_eq!(
        s.keymap.resolve(key("q"), Context::Dashboard),
        Some(Action::Quit)
    );
    // Just under the limit: tens of thousands of unknown actions, each reported with its line,
    // without looking for each one through the whole text.
    let under = entries(60_000);
    assert!(under.len() < 1 << 20);
    let s = settings(&under);
    assert!(s.warnings.len() >= 60_000 || s.warnings.iter().any(|w| w.contains("more")));
    assert!(
        s.warnings[0].contains(":2:3: unknown action"),
        "{}",
        s.warnings[0]
    );
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt as _;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_fifo_or_a_device_as_the_data_or_config_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ws.ron");
    mkfifo(&fifo);
    let started = Instant::now();
    for args in [
        &["check"][..],
        &["render"],
        &["log", "acme", "hello"],
        &["brief", "x"],
    ] {
        let out = cmd_on_without_config(&fifo)
            .args(args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("named pipe (FIFO), not a regular file"),
            "{args:?}: {stderr}"
        );
    }
    let r = run_lossy(
        cmd_on_without_config(&fifo)
            .arg("check")
            .arg("/dev/zero")
            .timeout(Duration::from_secs(20)),
    );
    assert!(!r.ok);
    assert!(r.stderr.contains("character device"), "{}", r.stderr);
    // The configuration: the defaults are used, and the reason given.
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let data = demo_file(&sub);
    let config = sub.join("config.ron");
    mkfifo(&config);
    let r = run_lossy(
        cmd_on_without_config(&data)
            .arg("--config")
            .arg(&config)
            .arg("config")
            .timeout(Duration::from_secs(20)),
    );
    assert!(!r.ok);
    assert!(r.stderr.contains("named pipe (FIFO)"), "{}", r.stderr);
    let r = run_lossy(
        cmd_on_without_config(&data)
            .arg("--config")
            .arg("/dev/zero")
            .args(["render", "--width", "40", "--height", "10"])
            .timeout(Duration::from_secs(20)),
    );
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stderr.contains("character device"), "{}", r.stderr);
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn checking_many_invalid_records_takes_time_in_proportion() {
    use partnerdeck::model::*;
    let mut ws = Workspace::named("Us");
    for _ in 0..20_000 {
        let id = GoalId(ws.allocate_id());
        ws.goals.push(Goal {
            authors: Default::default(),
            id,
            partner: PartnerId(u64::from(u32::MAX)),
            title: "Orphan".into(),
            metric: String::new(),
            unit: String::new(),
            baseline: 0.0,
            target: None,
            current: 0.0,
            owner: Owner::Us,
            start: common::day("2026-01-01"),
            due: None,
            status: GoalStatus::Active,
        });
    }
    let text = partnerdeck::store::to_text(&ws).unwrap();
    // What reading the text costs at all, to compare with (debug builds parse slowly).
    let started = Instant::now();
    let _: Workspace = partnerdeck::store::parse(&text).unwrap();
    let parse = started.elapsed();
    let started = Instant::now();
    let err = partnerdeck::store::load_text(&text, Path::new("many.ron")).unwrap_err();
    let elapsed = started.elapsed();
    let partnerdeck::store::LoadError::Invalid { problems, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(problems.len(), 20_000);
    // Every problem points at its record's line (`id: N,` is the line after the record's `(`).
    let lines: Vec<&str> = text.lines().collect();
    for p in problems.iter().step_by(997) {
        let line = p.line.expect("every record is found");
        assert_eq!(
            lines[line - 1].trim(),
            format!("id: {},", p.problem.id.unwrap())
        );
    }
    // Looking up each problem's line through the whole text took minutes here; indexed once,
    // locating them costs less than parsing.
    assert!(
        elapsed < parse * 3 + Duration::from_secs(2),
        "20,000 problems took {elapsed:?} (parsing alone {parse:?})"
    );
}

/// Version 1 files kept an id counter; a counter at the end of its range (as a hand edit or an
/// older build left it) is read and ignored, so `log` works and every file it writes passes
/// `check`. Only an id itself at the end of the range stops new records, with nothing written.
#[test]
fn an_id_counter_at_its_end_is_ignored_and_an_id_at_the_end_writes_nothing() {
    use partnerdeck::model::*;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let text = fs::read_to_string(&path).unwrap();
    let version = text
        .lines()
        .find(|l| l.trim().starts_with("version:"))
        .unwrap();
    for counter in ["18446744073709551615", "9007199254740991"] {
        let v1 = text.replacen(
            version,
            &format!("    version: 1,\n    next_id: {counter},"),
            1,
        );
        fs::write(&path, &v1).unwrap();
        let r = run_lossy(cmd_on_without_config(&path).arg("check"));
        assert!(r.ok, "{}", r.stderr);
        for n in 0..3 {
            let r = run_lossy(cmd_on_without_config(&path).args(["log", "greenleaf", "hello"]));
            assert!(r.ok, "log {n}: {}", r.stderr);
            assert!(r.stdout.starts_with("logged #"), "{}", r.stdout);
            let r = run_lossy(cmd_on_without_config(&path).arg("check"));
            assert!(r.ok, "check after log {n}: {}", r.stderr);
        }
        let now = fs::read_to_string(&path).unwrap();
        assert!(!now.contains("next_id"), "the counter is not written again");
        assert!(now.contains(&format!("version: {CURRENT_VERSION},")));
    }
    // An id above the range is reported.
    let mut ws = Workspace::named("Us");
    ws.partners.push(Partner::new(
        PartnerId(u64::MAX),
        "Top",
        common::day("2026-01-01"),
    ));
    let text = partnerdeck::store::to_text(&ws).unwrap();
    let err = partnerdeck::store::load_text(&text, Path::new("top.ron")).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
    // An id at the very end of the range: no new id above it, said, nothing written.
    let mut ws = Workspace::named("Us");
    ws.partners.push(Partner::new(
        PartnerId(MAX_ID),
        "Greenleaf",
        common::day("2026-01-01"),
    ));
    assert!(ws.try_allocate_id().is_err());
    fs::write(&path, partnerdeck::store::to_text(&ws).unwrap()).unwrap();
    let before = fs::read(&path).unwrap();
    let r = run_lossy(cmd_on_without_config(&path).args(["log", "greenleaf", "hello"]));
    assert!(!r.ok);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("no ids are left"), "{}", r.stderr);
    assert_eq!(fs::read(&path).unwrap(), before, "nothing was written");
}

#[test]
fn a_byte_order_mark_is_accepted_and_a_missing_version_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let text = fs::read_to_string(&path).unwrap();
    let bom = dir.path().join("bom.ron");
    fs::write(&bom, format!("\u{feff}{text}")).unwrap();
    let r = run_lossy(cmd_on_without_config(&path).arg("check").arg(&bom));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains(": ok"), "{}", r.stdout);
    let r = run_lossy(cmd_on_without_config(&bom).args(["log", "greenleaf", "hello"]));
    assert!(r.ok, "{}", r.stderr);
    let no_version = dir.path().join("old.ron");
    let line = text
        .lines()
        .find(|l| l.trim().starts_with("version:"))
        .unwrap();
    fs::write(&no_version, text.replacen(&format!("{line}\n"), "", 1)).unwrap();
    let r = run_lossy(cmd_on_without_config(&path).arg("check").arg(&no_version));
    assert!(!r.ok);
    assert!(r.stderr.contains("`version`"), "{}", r.stderr);
    assert!(!r.stderr.contains("next_id"), "{}", r.stderr);
}

#[test]
fn a_csv_with_an_unbalanced_quote_or_a_repeated_column_is_refused_with_its_row() {
    use partnerdeck::command::import::{Kind, plan};
    let ws = partnerdeck::model::Workspace::named("Us");
    let today = common::day("2026-11-27");
    let csv = "name,kind\nAcme,business\n\"Broken,business\nBolt,business\nCogs,business\n";
    let err = plan(&ws, Kind::Partners, csv, today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("row 3"), "{err}");
    assert!(err.contains("quote"), "{err}");
    // Quotes that are closed, even over several lines, are fine.
    let csv = "name,notes\n\"Acme, Ltd\",\"two\nlines \"\"quoted\"\"\"\nBolt,\n";
    let p = plan(&ws, Kind::Partners, csv, today).unwrap();
    assert_eq!(p.added.len(), 2);
    assert_eq!(p.workspace.partners[0].notes, "two\nlines \"quoted\"");
    // A quote inside a cell that did not start with one is text, as spreadsheets write it.
    let csv = "name,notes\nAcme 5\" screens,x\n";
    assert_eq!(
        plan(&ws, Kind::Partners, csv, today).unwrap().added.len(),
        1
    );

    let csv = "name,kind,Name\nAcme,business,Other\n";
    let err = plan(&ws, Kind::Partners, csv, today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("row 1"), "{err}");
    assert!(
        err.contains("name") && err.contains("columns 1 and 3"),
        "{err}"
    );
}

/// Runs partnerdeck with these arguments, its stdout a pipe whose reading end is already closed.
fn with_closed_stdout(file: &Path, args: &[&str]) -> std::process::Output {
    use std::os::fd::FromRawFd as _;
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    unsafe { libc::close(fds[0]) };
    let write_end = unsafe { std::os::fd::OwnedFd::from_raw_fd(fds[1]) };
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("partnerdeck"))
        .args(args)
        .env("PARTNERDECK_FILE", file)
        .env("PARTNERDECK_TODAY", "2026-11-27")
        .env("PARTNERDECK_CONFIG", file.with_file_name("none.ron"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::from(write_end))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{args:?} did not end");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_stdout_ends_quietly_and_a_logged_entry_is_reported_as_success() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = partnerdeck::store::load(&path).unwrap().unwrap().workspace;
    for args in [
        &["path"][..],
        &["check"],
        &["backups"],
        &["config"],
        &["config", "--path"],
        &["brief", "greenleaf"],
        &["export", "markdown"],
        &["render"],
        &["log", "greenleaf", "Logged into a closed pipe"],
    ] {
        let out = with_closed_stdout(&path, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let after = partnerdeck::store::load(&path).unwrap().unwrap().workspace;
    let logged: Vec<_> = after
        .interactions
        .iter()
        .filter(|x| x.summary == "Logged into a closed pipe")
        .collect();
    assert_eq!(logged.len(), 1, "saved once");
    assert_eq!(after.interactions.len(), before.interactions.len() + 1);
}

#[test]
fn writing_commands_clean_up_what_killed_runs_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let leftovers = ["ws.ron.a1B2c3", "ws.ron.ZZZZZZ"].map(|n| dir.path().join(format!(".{n}")));
    for l in &leftovers {
        fs::write(l, "half a save").unwrap();
    }
    let unrelated = dir.path().join(".other.ron.a1B2c3");
    fs::write(&unrelated, "not ours").unwrap();
    let r = run_lossy(cmd_on_without_config(&path).args(["log", "greenleaf", "hello"]));
    assert!(r.ok, "{}", r.stderr);
    for l in &leftovers {
        assert!(!l.exists(), "{} is left", l.display());
    }
    assert!(unrelated.exists());
    // Also before an import, and not by the read-only commands.
    fs::write(&leftovers[0], "half a save").unwrap();
    let r = run_lossy(cmd_on_without_config(&path).arg("check"));
    assert!(r.ok);
    assert!(leftovers[0].exists(), "a read-only command leaves them");
    let csv = dir.path().join("new.csv");
    fs::write(&csv, "name\nNew Co\n").unwrap();
    let r = run_lossy(
        cmd_on_without_config(&path)
            .args(["import", "csv", "--kind", "partners", "--apply"])
            .arg(&csv),
    );
    assert!(r.ok, "{}", r.stderr);
    assert!(!leftovers[0].exists());
}

#[test]
fn racing_writers_with_wait_all_get_their_turn() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = partnerdeck::store::load(&path).unwrap().unwrap().workspace;
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                for i in 0..4 {
                    let r = run_lossy(cmd_on_without_config(&path).args([
                        "log",
                        "greenleaf",
                        &format!("writer {w} entry {i}"),
                        "--wait",
                        "10",
                    ]));
                    assert!(r.ok, "writer {w} entry {i}: {}", r.stderr);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let after = partnerdeck::store::load(&path).unwrap().unwrap().workspace;
    let new: Vec<_> = after
        .interactions
        .iter()
        .filter(|x| x.summary.starts_with("writer "))
        .collect();
    assert_eq!(new.len(), 12);
    let ids: std::collections::HashSet<_> = new.iter().map(|x| x.id).collect();
    assert_eq!(ids.len(), 12, "distinct ids");
    assert_eq!(after.interactions.len(), before.interactions.len() + 12);

    // Without --wait a held lock is still refused at once, and --wait gives up in time.
    let lock = partnerdeck::store::Lock::acquire(&path).unwrap();
    let started = Instant::now();
    let r = run_lossy(cmd_on_without_config(&path).args(["log", "greenleaf", "x"]));
    assert!(!r.ok);
    let r = run_lossy(cmd_on_without_config(&path).args(["log", "greenleaf", "x", "--wait", "1"]));
    assert!(!r.ok);
    assert!(r.stderr.contains("waited 1 s"), "{}", r.stderr);
    assert!(started.elapsed() < Duration::from_secs(10));
    drop(lock);
}

#[test]
fn a_lock_refused_by_a_read_only_mount_suggests_read_only() {
    let erofs = partnerdeck::store::LockError::Io {
        lock_path: PathBuf::from("/mnt/ro/ws.ron.lock"),
        error: std::io::Error::from_raw_os_error(libc::EROFS),
    };
    assert!(erofs.to_string().contains("--read-only"), "{erofs}");
    if !safety::is_root() {
        return;
    }
    let Some(mount) = safety::Tmpfs::mount("4m") else {
        eprintln!("skipped the mount: cannot mount a tmpfs here");
        return;
    };
    let data = mount.path().join("ws.ron");
    partnerdeck::store::save(&data, &partnerdeck::model::Workspace::named("Us")).unwrap();
    assert!(mount.remount_read_only());
    let err = partnerdeck::store::Lock::acquire(&data)
        .unwrap_err()
        .to_string();
    assert!(err.contains("Read-only file system"), "{err}");
    assert!(err.contains("--read-only"), "{err}");
}
