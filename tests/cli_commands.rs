//! The command line as a user runs it: path resolution, init, check.

mod common;

use common::cli::{cmd, stdout};
use std::fs;

#[test]
fn path_follows_flag_then_environment_then_default() {
    let flag = stdout(cmd().args(["--file", "/tmp/a.ron", "path"]));
    assert_eq!(flag.trim(), "/tmp/a.ron");
    let env = stdout(cmd().env("PARTNERDECK_FILE", "/tmp/b.ron").arg("path"));
    assert_eq!(env.trim(), "/tmp/b.ron");
    let both =
        stdout(
            cmd()
                .env("PARTNERDECK_FILE", "/tmp/b.ron")
                .args(["path", "--file", "/tmp/c.ron"]),
        );
    assert_eq!(both.trim(), "/tmp/c.ron");
    let default = stdout(
        cmd()
            .env("HOME", "/home/someone")
            .env_remove("XDG_DATA_HOME")
            .arg("path"),
    );
    assert!(
        default.trim().ends_with("partnerdeck/partnerdeck.ron"),
        "{default}"
    );
}

#[test]
fn init_creates_a_file_and_never_overwrites_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    cmd()
        .args(["init", "--name", "Bridge Co", "--file"])
        .arg(&path)
        .assert()
        .success();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("name: \"Bridge Co\""));
    fs::write(&path, "my precious data").unwrap();
    let out = cmd().args(["init", "--file"]).arg(&path).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "my precious data");
}

#[test]
fn init_demo_writes_a_valid_sample_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    cmd()
        .args(["init", "--demo", "--file"])
        .arg(&path)
        .assert()
        .success();
    let out = stdout(cmd().arg("check").arg(&path));
    assert!(out.contains(": ok"), "{out}");
}

#[test]
fn check_passes_the_bundled_sample() {
    let out = stdout(cmd().args(["check", "assets/demo.ron"]));
    assert!(out.contains("assets/demo.ron: ok"), "{out}");
}

#[test]
fn check_reports_a_corrupted_copy_with_line_and_column_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let text = fs::read_to_string("assets/demo.ron")
        .unwrap()
        .replacen("name: \"", "name: 12\"", 2);
    fs::write(&path, &text).unwrap();
    let line = text.lines().position(|l| l.contains("name: 12\"")).unwrap() + 1;
    let out = cmd().arg("check").arg(&path).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains(&format!("broken.ron:{line}:")),
        "expected line {line} in: {err}"
    );
    assert!(err.contains("^"), "shows a caret: {err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn check_of_a_missing_file_says_so() {
    let out = cmd()
        .args(["check", "/nonexistent/x.ron"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn a_bad_date_flag_is_explained() {
    let out = cmd()
        .args(["--today", "2026-13-01", "path"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("--today"), "{err}");
}
