//! The benchmark generator (`examples/generate.rs`) writes a workspace that `partnerdeck check`
//! accepts, and the same seed gives the same file. Run through cargo (`cargo run --example`,
//! offline, same profile as the tests), as its users run it.

use std::path::Path;
use std::process::Command;

/// Runs the generator example with `args` and returns its standard output.
fn generate(args: &[&str], out: &Path) -> String {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "run",
        "--offline",
        "--quiet",
        "--example",
        "generate",
    ]);
    // Build it with the profile the tests were built with, so nothing is compiled twice.
    let exe = std::env::current_exe().unwrap();
    if exe.components().any(|c| c.as_os_str() == "release") {
        cmd.arg("--release");
    }
    let output = cmd
        .arg("--")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the generator failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn generated_workspaces_pass_check_and_depend_only_on_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.ron"),
        dir.path().join("b.ron"),
        dir.path().join("c.ron"),
    );
    let small = ["--partners", "5", "--interactions", "200"];
    let said = generate(&[&small[..], &["--seed", "7"]].concat(), &a);
    assert!(said.contains("wrote"), "{said}");
    generate(&[&small[..], &["--seed", "7"]].concat(), &b);
    generate(&[&small[..], &["--seed", "8"]].concat(), &c);

    let check = Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .arg("check")
        .arg(&a)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "check refused the generated file:\n{report}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(report.contains("ok — 5 partners"), "{report}");
    assert!(report.contains("200 log entries"), "{report}");

    let read = |p: &Path| std::fs::read(p).unwrap();
    assert_eq!(read(&a), read(&b), "the same seed gave different files");
    assert_ne!(read(&a), read(&c), "another seed gave the same file");
}
