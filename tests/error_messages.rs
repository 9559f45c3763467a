//! Error messages word for word: what the command line prints (`partnerdeck: …` on stderr, exit
//! 1) and what the library's errors say, for failures no other test spells out in full.

use assert_cmd::Command;
use chrono::NaiveDate;
use partnerdeck::app::{App, Saver, Source, show::View};
use partnerdeck::model::Workspace;
use partnerdeck::model::dates::{parse_date, parse_date_time};
use std::fs;
use std::path::{Path, PathBuf};

fn cmd() -> Command {
    let mut c = Command::cargo_bin("partnerdeck").unwrap();
    c.env_remove("PARTNERDECK_FILE")
        .env("PARTNERDECK_TODAY", "2026-11-27")
        .env("PARTNERDECK_NO_CACHE", "1")
        .env("NO_COLOR", "1");
    c
}

/// Runs the command, which must fail with exit code 1 and print nothing on stdout; returns
/// stderr.
fn fails(c: &mut Command) -> String {
    fails_with(c, 1)
}

/// [`fails`] with another exit code (`sync` refuses with 2).
fn fails_with(c: &mut Command, code: i32) -> String {
    let out = c.assert().code(code);
    let out = out.get_output();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("ws.ron");
    cmd()
        .args(["init", "--demo", "--file"])
        .arg(&path)
        .assert()
        .success();
    path
}

#[test]
fn command_line_messages() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_file(dir.path());
    let ws_shown = ws.display();
    let missing = dir.path().join("missing.ron");
    let missing_shown = missing.display();

    assert_eq!(
        fails(cmd().args(["init", "--file"]).arg(&ws)),
        format!("partnerdeck: {ws_shown} already exists; it was left as it is\n")
    );
    assert_eq!(
        fails(cmd().arg("check").arg(&missing)),
        format!("partnerdeck: {missing_shown} does not exist\n")
    );
    assert_eq!(
        fails(cmd().args(["brief", "x", "--file"]).arg(&missing)),
        format!(
            "partnerdeck: {missing_shown} does not exist; `partnerdeck init` creates it (or try \
             --demo)\n"
        )
    );
    assert_eq!(
        fails(cmd().args(["conflicts", "--file"]).arg(&missing)),
        format!(
            "partnerdeck: cannot read {missing_shown}: No such file or directory (os error 2)\n"
        )
    );
    assert_eq!(
        fails(cmd().args(["--demo", "render", "--width", "30", "--height", "8"])),
        "partnerdeck: a frame of 30×8 is too small to draw: partnerdeck needs at least 40×10\n"
    );
    assert_eq!(
        fails(cmd().args(["--demo", "render", "--partner", "zzzz"])),
        "partnerdeck: no name matches `zzzz`\n"
    );
    assert_eq!(
        fails(cmd().args(["--demo", "export", "json", "--kind", "partners"])),
        "partnerdeck: --kind chooses a CSV table; it goes with `export csv`\n"
    );
    assert_eq!(
        fails(cmd().args(["--demo", "export", "csv"])),
        "partnerdeck: CSV is one table per record kind: give --kind (partners, contacts, goals, \
         milestones, interactions, commitments, reviews, celebrations) to print one, or --out \
         FOLDER to write them all\n"
    );
    assert_eq!(
        fails(cmd().args(["--demo", "export", "csv", "--out"]).arg(&ws)),
        format!(
            "partnerdeck: {ws_shown} is a file; CSV export writes one file per table into a \
             folder (or give --kind for one table)\n"
        )
    );
    assert_eq!(
        fails(cmd().args(["--demo", "log", "Greenleaf", "met"])),
        "partnerdeck: --demo is a read-only sample; log works on your own file (see \
         `partnerdeck path`)\n"
    );
    assert_eq!(
        fails(cmd().args([
            "--demo", "import", "csv", "--kind", "partners", "--apply", "x.csv"
        ])),
        "partnerdeck: --demo is a read-only sample; import --apply works on your own file (see \
         `partnerdeck path`)\n"
    );
    let table = dir.path().join("table.csv");
    let table_shown = table.display();
    assert_eq!(
        fails(
            cmd()
                .args(["import", "csv", "--kind", "partners", "--file"])
                .arg(&ws)
                .arg(&table)
        ),
        format!("partnerdeck: cannot read {table_shown}: No such file or directory (os error 2)\n")
    );
    fs::write(&table, b"ab\xffcd").unwrap();
    assert_eq!(
        fails(
            cmd()
                .args(["import", "csv", "--kind", "partners", "--file"])
                .arg(&ws)
                .arg(&table)
        ),
        format!(
            "partnerdeck: {table_shown} is not UTF-8 text (byte 3); save it as \"CSV UTF-8\"\n"
        )
    );
    for (flag, value, message) in [
        ("--when", "+3x", "`+3x`: the unit must be d, w, m or y"),
        (
            "--when",
            "today 25:00",
            "`25:00` is not a time: use HH:MM, like 14:30",
        ),
        (
            "--follow-up-due",
            "soon",
            "`soon` is not a date: use 2026-12-01, today, yesterday, tomorrow, +3d, -2w, +1m or \
             a weekday",
        ),
    ] {
        let mut c = cmd();
        c.args([
            "log",
            "Greenleaf",
            "met",
            "--follow-up",
            "call back",
            flag,
            value,
            "--file",
        ])
        .arg(&ws);
        assert_eq!(fails(&mut c), format!("partnerdeck: {message}\n"));
    }
}

#[test]
fn outside_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo_file(dir.path());
    let folder = std::path::absolute(dir.path()).unwrap();
    let data = folder.join("ws.ron");
    let inside = std::process::Command::new("git")
        .arg("-C")
        .arg(&folder)
        .args(["rev-parse", "--show-toplevel"])
        .output();
    if !inside.is_ok_and(|o| !o.status.success()) {
        // No git here, or the temporary folder sits in a repository: nothing to check.
        return;
    }
    assert_eq!(
        fails_with(cmd().args(["sync", "--file"]).arg(&ws), 2),
        format!(
            "partnerdeck: {} is not in a git repository; `partnerdeck git setup` says how to \
             make one\n",
            data.display()
        )
    );
    assert_eq!(
        fails(cmd().args(["git", "setup", "--file"]).arg(&ws)),
        format!(
            "partnerdeck: {} is not in a git repository. To make one:\n  cd {} && git init && \
             git add ws.ron && git commit -m \"Partnerships workspace\"\nthen run `partnerdeck \
             git setup` again\n",
            data.display(),
            folder.display()
        )
    );
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

#[test]
fn date_messages() {
    let message = |text: &str| parse_date(text, today()).unwrap_err().to_string();
    assert_eq!(
        message(" "),
        "a date is needed (e.g. 2026-12-01, today, +3d, fri)"
    );
    assert_eq!(
        message("+x"),
        "`+x`: expected a number of days, weeks, months or years, like +3d"
    );
    assert_eq!(message("+3q"), "`+3q`: the unit must be d, w, m or y");
    assert_eq!(message("+4000000y"), "`+4000000y` is outside the calendar");
    assert_eq!(
        message("soon"),
        "`soon` is not a date: use 2026-12-01, today, yesterday, tomorrow, +3d, -2w, +1m or a \
         weekday"
    );
    let now = today().and_hms_opt(10, 0, 0).unwrap();
    assert_eq!(
        parse_date_time("today 9:75", now).unwrap_err().to_string(),
        "`9:75` is not a time: use HH:MM, like 14:30"
    );
}

#[test]
fn library_messages() {
    let mut ws = Workspace::named("Empty");
    assert_eq!(
        partnerdeck::model::merge3::take_theirs(&mut ws, 3)
            .unwrap_err()
            .to_string(),
        "no such conflict"
    );
    let mut app = App::new(ws.clone(), today(), Source::Memory);
    assert_eq!(
        app.show(0, 20, View::Dashboard, None)
            .unwrap_err()
            .to_string(),
        "a 0×20 frame has no room to draw in"
    );
    assert_eq!(
        app.select_partner_named("anyone").unwrap_err().to_string(),
        "there are no partners to select"
    );
    assert_eq!(
        partnerdeck::app::NoSaver
            .save_copy(&ws)
            .unwrap_err()
            .to_string(),
        "there is no file to save a copy beside"
    );
}

#[test]
fn save_messages() {
    use partnerdeck::store::{self, BackupPolicy};
    let dir = tempfile::tempdir().unwrap();
    // A folder that cannot be made: a file stands in its way.
    let file = dir.path().join("plain");
    fs::write(&file, "x").unwrap();
    let target = file.join("sub").join("ws.ron");
    let err = store::write_private(&target, b"data").unwrap_err();
    let io = fs::create_dir_all(file.join("sub")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save {}: cannot create {}: {io}",
            target.display(),
            file.join("sub").display()
        )
    );
    // A backup that is due cannot be made: nothing is saved, and the message says where.
    let path = dir.path().join("ws.ron");
    store::save(&path, &Workspace::named("Before")).unwrap();
    fs::write(dir.path().join("backups"), "not a folder").unwrap();
    let now = chrono::Utc::now();
    let err = store::save_with_backup(
        &path,
        &Workspace::named("After"),
        &BackupPolicy::default(),
        now,
    )
    .unwrap_err();
    let backup = store::backup_now(&path, now).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save {}: the previous version could not be kept in {}: {backup}; \
             nothing was saved",
            path.display(),
            store::backup::backup_dir(&path).display()
        )
    );
}
