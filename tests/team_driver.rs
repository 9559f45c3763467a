//! The merge driver under hostile input: each of BASE, OURS and THEIRS in turn is empty, truncated,
//! not UTF-8, a FIFO, a device, a folder, a newer version, or carries forged conflicts. Whatever it
//! is, OURS is byte-identical afterwards unless the driver exits 0 or 1 with a result that loads
//! and validates; only BASE may be empty (git's missing ancestor).

mod common;

use partnerdeck::model::*;
use partnerdeck::store::{self, demo::DEMO_ANCHOR, demo_workspace};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn write(dir: &Path, name: &str, ws: &Workspace) -> PathBuf {
    let p = dir.join(name);
    store::save(&p, ws).unwrap();
    p
}

/// Runs the driver, failing the test if it does not end within 20 s (a FIFO read would
/// block). Its exit code and stderr.
fn driver(base: &Path, ours: &Path, theirs: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .arg("merge")
        .args([base, ours, theirs])
        .args(["--path", "team.ron"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read as _;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), err);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the driver hung on {base:?} {ours:?} {theirs:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The three sides of a merge with changes on both: ours logs a contact, theirs renames the
/// organisation.
fn sides() -> (Workspace, Workspace, Workspace) {
    let base = demo_workspace(DEMO_ANCHOR);
    let mut ours = base.clone();
    let p = ours.partners[0].id;
    let id = InteractionId(ours.allocate_id());
    ours.interactions.push(Interaction {
        authors: Default::default(),
        id,
        partner: p,
        at: DEMO_ANCHOR.and_hms_opt(9, 0, 0).unwrap(),
        channel: Channel::Call,
        initiated_by: Side::Us,
        summary: "ours".into(),
        sentiment: None,
        follow_up: None,
    });
    ours.normalize();
    let mut theirs = base.clone();
    theirs.profile.name = "Renamed by them".into();
    (base, ours, theirs)
}

/// A forged conflict list in `ws`.
fn forged(ws: &Workspace, which: &str) -> Workspace {
    let mut ws = ws.clone();
    let real = ws.partners[0].id.0;
    let conflict = |kind: &str, id: u64, value: &str| MergeConflict {
        ours_by: None,
        theirs_by: None,
        kind: kind.into(),
        id,
        field: "aim".into(),
        base: "\"b\"".into(),
        ours: "\"o\"".into(),
        theirs: value.into(),
    };
    ws.conflicts = match which {
        "missing record" => {
            let id = u64::MAX - 7;
            assert!(ws.partners.iter().all(|p| p.id.0 != id));
            vec![conflict("partner", id, "\"t\"")]
        }
        "unknown kind" => vec![conflict("spaceship", real, "\"t\"")],
        "escape sequences" => vec![conflict("partner", real, "\"\u{1b}]0;PWNED\u{7}\u{202e}\"")],
        _ => unreachable!(),
    }
    .into();
    ws
}

/// What one bad input is made of.
fn make_bad(dir: &Path, kind: &str, good: &Workspace) -> PathBuf {
    let p = dir.join(format!("bad-{}", kind.replace(' ', "-")));
    let text = store::to_text(good).unwrap();
    match kind {
        "empty" => std::fs::write(&p, "").unwrap(),
        "truncated" => std::fs::write(&p, &text[..text.len() / 2]).unwrap(),
        "not utf-8" => {
            let mut bytes = text.into_bytes();
            let at = bytes.len() / 3;
            bytes[at] = 0xff;
            std::fs::write(&p, bytes).unwrap();
        }
        "fifo" => {
            let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        }
        "device" => return PathBuf::from("/dev/zero"),
        "folder" => std::fs::create_dir(&p).unwrap(),
        "newer version" => {
            let newer = text.replacen(
                &format!("version: {}", CURRENT_VERSION),
                &format!("version: {}", CURRENT_VERSION + 1),
                1,
            );
            assert_ne!(newer, text);
            std::fs::write(&p, newer).unwrap();
        }
        forged_kind => {
            std::fs::write(&p, store::to_text(&forged(good, forged_kind)).unwrap()).unwrap()
        }
    }
    p
}

const KINDS: [&str; 10] = [
    "empty",
    "truncated",
    "not utf-8",
    "fifo",
    "device",
    "folder",
    "newer version",
    "missing record",
    "unknown kind",
    "escape sequences",
];

#[test]
fn hostile_inputs_leave_ours_byte_identical_unless_the_result_is_valid() {
    let (base, ours, theirs) = sides();
    let mut outcomes = Vec::new();
    for role in ["BASE", "OURS", "THEIRS"] {
        for kind in KINDS {
            let dir = tempfile::tempdir().unwrap();
            let mut paths = [
                write(dir.path(), "base.ron", &base),
                write(dir.path(), "ours.ron", &ours),
                write(dir.path(), "theirs.ron", &theirs),
            ];
            let at = ["BASE", "OURS", "THEIRS"]
                .iter()
                .position(|r| *r == role)
                .unwrap();
            let good = [&base, &ours, &theirs][at];
            paths[at] = make_bad(dir.path(), kind, good);
            // What OURS is before: its bytes when it is a regular file, else its kind.
            let before = std::fs::symlink_metadata(&paths[1]).unwrap();
            let bytes = before.is_file().then(|| std::fs::read(&paths[1]).unwrap());
            let (code, err) = driver(&paths[0], &paths[1], &paths[2]);
            assert!(
                !err.contains('\u{1b}') && !err.contains('\u{7}') && !err.contains('\u{202e}'),
                "{role} {kind}: stderr is inert: {err:?}"
            );
            let after = std::fs::symlink_metadata(&paths[1]).unwrap();
            match code {
                Some(0) | Some(1) => {
                    let merged = store::load(&paths[1])
                        .unwrap_or_else(|e| panic!("{role} {kind}: exit {code:?} but {e}"))
                        .unwrap()
                        .workspace;
                    assert!(validate(&merged).is_empty(), "{role} {kind}");
                    assert_eq!(
                        code == Some(0),
                        merged.conflicts.is_empty(),
                        "{role} {kind}: exit 0 exactly when the result holds no conflict"
                    );
                    // Nothing of either side is lost.
                    assert!(merged.interactions.iter().any(|i| i.summary == "ours"));
                }
                _ => {
                    assert_eq!(code, Some(2), "{role} {kind}: {err}");
                    assert_eq!(before.file_type(), after.file_type(), "{role} {kind}");
                    if let Some(bytes) = bytes {
                        assert_eq!(
                            std::fs::read(&paths[1]).unwrap(),
                            bytes,
                            "{role} {kind}: OURS untouched"
                        );
                    }
                    assert!(err.contains("nothing was written"), "{role} {kind}: {err}");
                }
            }
            // No temporary file is left beside OURS.
            let names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.'))
                .collect();
            assert!(names.is_empty(), "{role} {kind}: left {names:?}");
            outcomes.push((role, kind, code));
        }
    }
    let code_of = |role: &str, kind: &str| {
        outcomes
            .iter()
            .find(|(r, k, _)| *r == role && *k == kind)
            .unwrap()
            .2
    };
    // Only BASE may be empty (git's missing ancestor); an empty OURS or THEIRS never loads as
    // an empty workspace.
    // (Both sides then added everything: what differs between them is a conflict.)
    assert!(matches!(code_of("BASE", "empty"), Some(0) | Some(1)));
    for role in ["OURS", "THEIRS"] {
        for kind in [
            "empty",
            "truncated",
            "not utf-8",
            "fifo",
            "device",
            "folder",
            "newer version",
            "missing record",
            "unknown kind",
        ] {
            assert_eq!(code_of(role, kind), Some(2), "{role} {kind}");
        }
        // A conflict inherited from one side is still a conflict: never a clean merge.
        assert_eq!(code_of(role, "escape sequences"), Some(1), "{role}");
    }
    for kind in ["fifo", "device", "folder", "newer version", "truncated"] {
        assert_eq!(code_of("BASE", kind), Some(2), "BASE {kind}");
    }
}

#[test]
fn a_killed_driver_leaves_no_temporary_file_behind_the_next_run() {
    let (base, ours, theirs) = sides();
    // A big OURS, so that a kill lands in the write often.
    let mut big = ours.clone();
    common::team::change(&mut big, 7, 3000, 0, "big");
    let dir = tempfile::tempdir().unwrap();
    let b = write(dir.path(), "base.ron", &base);
    let t = write(dir.path(), "theirs.ron", &theirs);
    let original = store::to_text(&big).unwrap();
    for round in 0..40u64 {
        let o = dir.path().join(".merge_file_test");
        std::fs::write(&o, &original).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
            .arg("merge")
            .args([&b, &o, &t])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + (round * 37) % 60));
        let _ = child.kill();
        let _ = child.wait();
        // OURS is either untouched or the whole merge.
        let now = std::fs::read_to_string(&o).unwrap();
        if now != original {
            let ws = store::load(&o).unwrap().unwrap().workspace;
            assert_eq!(ws.profile.name, "Renamed by them");
        }
    }
    // The next run of the driver in that folder clears what killed runs left.
    let o = dir.path().join(".merge_file_last");
    std::fs::write(&o, &original).unwrap();
    let (code, err) = driver(&b, &o, &t);
    assert_eq!(code, Some(0), "{err}");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            ![
                "base.ron",
                "theirs.ron",
                ".merge_file_test",
                ".merge_file_last",
            ]
            .contains(&n.as_str())
        })
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_conflict_about_a_record_its_side_deleted_was_decided_by_the_deletion() {
    let (base, ours, theirs) = sides();
    let dir = tempfile::tempdir().unwrap();
    // Ours kept an undecided conflict on a log entry, then deleted the entry in the dashboard.
    let mut base = base;
    let gone = base.interactions[0].id;
    base.conflicts = vec![MergeConflict {
        ours_by: None,
        theirs_by: None,
        kind: "log entry".into(),
        id: gone.0,
        field: "summary".into(),
        base: "\"b\"".into(),
        ours: "\"o\"".into(),
        theirs: "\"t\"".into(),
    }]
    .into();
    let mut ours = ours;
    ours.conflicts = base.conflicts.clone();
    ours.interactions.retain(|i| i.id != gone);
    let mut theirs = theirs;
    theirs.interactions.retain(|i| i.id != gone);
    let (b, o, t) = (
        write(dir.path(), "base.ron", &base),
        write(dir.path(), "ours.ron", &ours),
        write(dir.path(), "theirs.ron", &theirs),
    );
    let (code, err) = driver(&b, &o, &t);
    assert_eq!(code, Some(0), "{err}");
    let merged = store::load(&o).unwrap().unwrap().workspace;
    assert!(merged.conflicts.is_empty());
    assert!(merged.interactions.iter().all(|i| i.id != gone));
}
