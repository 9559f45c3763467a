//! The benchmark generator (`examples/generate.rs`) writes a workspace that `partnerdeck check`
//! accepts, and the same seed gives the same file. Run through cargo (`cargo run --example`,
//! offline, same profile as the tests), as its users run it (`common::generate`).

mod common;

use common::generate::generate;
use std::path::Path;
use std::process::Command;

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
