//! Bad input that used to hang, wrap or mislead (issue 14, item 8): special files, huge and
//! quadratic inputs, an exhausted id counter, a byte-order mark, ambiguous keymaps, broken CSV,
//! closed pipes, leftovers of killed runs, racing writers and read-only mounts.

mod common;

use assert_cmd::Command;
use partnerdeck::action::{Action, Context};
use partnerdeck::keymap::Key;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn cmd(file: &Path) -> Command {
    let mut c = Command::cargo_bin("partnerdeck").unwrap();
    c.env("PARTNERDECK_FILE", file)
        .env("PARTNERDECK_TODAY", "2026-11-27")
        .env("PARTNERDECK_CONFIG", file.with_file_name("none.ron"));
    c
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn run(c: &mut Command) -> Run {
    let out = c.output().unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("ws.ron");
    cmd(&path).args(["init", "--demo"]).assert().success();
    path
}

fn settings(text: &str) -> partnerdeck::config::Settings {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.ron");
    fs::write(&path, text).unwrap();
    partnerdeck::config::load(&path, false)
}

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
