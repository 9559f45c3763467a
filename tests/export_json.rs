//! The JSON export: the whole workspace with every field, read back unchanged.

mod common;

use common::cli::cmd;
use partnerdeck::export::json::{from_json, to_json};
use partnerdeck::store::demo::DEMO_ANCHOR;
use partnerdeck::store::demo_workspace;

fn export(args: &[&str]) -> serde_json::Value {
    let out = cmd()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("the export is JSON")
}

#[test]
fn the_workspace_reads_back_unchanged() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let text = to_json(&ws).unwrap();
    assert_eq!(from_json(&text).unwrap(), ws);
}

#[test]
fn the_command_prints_everything_or_one_partner() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let all = export(&["--demo", "export", "json"]);
    assert_eq!(all["partners"].as_array().unwrap().len(), ws.partners.len());
    assert_eq!(
        all["interactions"].as_array().unwrap().len(),
        ws.interactions.len()
    );
    assert_eq!(all["profile"]["name"], "Northwind Commons");
    let back: partnerdeck::model::Workspace = serde_json::from_value(all).unwrap();
    assert_eq!(back, ws);

    let one = export(&["--demo", "export", "json", "--partner", "cafe"]);
    let partners = one["partners"].as_array().unwrap();
    assert_eq!(partners.len(), 1);
    assert_eq!(partners[0]["name"], "Café Lumière");
    let id = partners[0]["id"].as_u64().unwrap();
    for list in [
        "goals",
        "milestones",
        "interactions",
        "commitments",
        "reviews",
        "celebrations",
    ] {
        for r in one[list].as_array().unwrap() {
            assert_eq!(r["partner"].as_u64(), Some(id), "{list}");
        }
    }
}
