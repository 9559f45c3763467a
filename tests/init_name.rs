//! `init --name` names the workspace, with or without `--demo`.

mod common;

use common::cli::{cmd_on, load};

#[test]
fn init_demo_takes_the_name_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    cmd_on(&path)
        .args(["init", "--demo", "--name", "Team 森"])
        .assert()
        .success();
    let ws = load(&path);
    assert_eq!(ws.profile.name, "Team 森");
    assert!(!ws.partners.is_empty(), "still the sample's records");

    let plain = dir.path().join("plain.ron");
    cmd_on(&plain).args(["init", "--demo"]).assert().success();
    assert_eq!(
        load(&plain).profile.name,
        partnerdeck::store::demo_workspace(common::day("2026-11-27"))
            .profile
            .name
    );
    let empty = dir.path().join("empty.ron");
    cmd_on(&empty).args(["init"]).assert().success();
    assert_eq!(load(&empty).profile.name, "My partnerships");
}
