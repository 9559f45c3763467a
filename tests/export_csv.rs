//! The CSV export: proper quoting, one file per table, and round trips through the importer
//! for partners and log entries.

mod common;

use common::cli::cmd;
use common::csv_rows;
use partnerdeck::command::import::{self, plan};
use partnerdeck::export::csv::{Kind, table};
use partnerdeck::model::*;
use partnerdeck::store::demo::DEMO_ANCHOR;
use partnerdeck::store::demo_workspace;

#[test]
fn partners_round_trip_into_an_empty_workspace() {
    let demo = demo_workspace(DEMO_ANCHOR);
    let text = table(&demo, Kind::Partners).unwrap();
    let fresh = Workspace::named("Elsewhere");
    let p = plan(&fresh, import::Kind::Partners, &text, DEMO_ANCHOR).unwrap();
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert!(p.skipped.is_empty());
    assert!(p.ignored_columns.is_empty(), "{:?}", p.ignored_columns);
    assert_eq!(p.workspace.partners.len(), demo.partners.len());
    for (got, want) in p.workspace.partners.iter().zip(&demo.partners) {
        let mut got = got.clone();
        got.id = want.id;
        assert_eq!(&got, want);
    }
    assert!(validate(&p.workspace).is_empty());
}

#[test]
fn log_entries_round_trip_and_a_second_import_finds_only_duplicates() {
    let demo = demo_workspace(DEMO_ANCHOR);
    let text = table(&demo, Kind::Interactions).unwrap();
    let mut without = demo.clone();
    without.interactions.clear();
    let p = plan(&without, import::Kind::Interactions, &text, DEMO_ANCHOR).unwrap();
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert_eq!(p.added.len(), demo.interactions.len());
    for (got, want) in p.workspace.interactions.iter().zip(&demo.interactions) {
        let mut got = got.clone();
        got.id = want.id;
        assert_eq!(&got, want);
    }
    let again = plan(&demo, import::Kind::Interactions, &text, DEMO_ANCHOR).unwrap();
    assert!(again.added.is_empty());
    assert_eq!(again.skipped.len(), demo.interactions.len());
    assert_eq!(again.workspace, demo);
}

#[test]
fn awkward_text_is_quoted_and_reads_back_cell_for_cell() {
    let mut ws = Workspace::named("Us");
    let id = PartnerId(ws.allocate_id());
    let mut p = Partner::new(id, "Acme, \"Quotes\" & Co", "2025-01-10".parse().unwrap());
    p.notes = "Line one\nline two, with \"quotes\" — and ünïcode 🎉".into();
    p.values = vec!["open source".into(), "craft, care".into()];
    ws.partners.push(p.clone());
    let text = table(&ws, Kind::Partners).unwrap();
    assert!(text.contains("\"Acme, \"\"Quotes\"\" & Co\""), "{text}");
    let r = csv_rows(&text);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0][1], p.name);
    assert_eq!(r[0][5], "open source; craft, care");
    assert_eq!(r[0][14], p.notes);
}

#[test]
fn every_table_of_the_demo_has_a_row_per_record() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let count = |k: Kind| csv_rows(&table(&ws, k).unwrap()).len();
    assert_eq!(count(Kind::Partners), ws.partners.len());
    assert_eq!(
        count(Kind::Contacts),
        ws.partners.iter().map(|p| p.contacts.len()).sum::<usize>()
    );
    assert_eq!(count(Kind::Goals), ws.goals.len());
    assert_eq!(count(Kind::Milestones), ws.milestones.len());
    assert_eq!(count(Kind::Interactions), ws.interactions.len());
    assert_eq!(count(Kind::Commitments), ws.commitments.len());
    assert_eq!(count(Kind::Reviews), ws.reviews.len());
    assert_eq!(count(Kind::Celebrations), ws.celebrations.len());
    // Every row is as long as its header.
    for k in Kind::ALL {
        for row in csv_rows(&table(&ws, k).unwrap()) {
            assert_eq!(row.len(), k.columns().len(), "{k:?}");
        }
    }
}

#[test]
fn the_command_writes_a_folder_of_private_tables_or_one_table_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    cmd()
        .args(["--demo", "export", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    for k in Kind::ALL {
        let path = out.join(k.file_name());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(&k.columns().join(",")), "{path:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{path:?}");
        }
    }
    let stdout = cmd()
        .args([
            "--demo",
            "export",
            "csv",
            "--kind",
            "goals",
            "--partner",
            "riverside",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r = csv_rows(&String::from_utf8(stdout).unwrap());
    assert!(!r.is_empty());
    assert!(
        r.iter()
            .all(|row| row[2] == "Riverside Tenants' Association")
    );

    let err = cmd()
        .args(["--demo", "export", "csv"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("--kind"), "{err}");
}
