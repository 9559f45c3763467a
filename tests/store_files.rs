//! The data file: round-trips, stable bytes, privacy, migration and every load error.

mod common;

use common::{day, small_workspace};
use partnerdeck::model::*;
use partnerdeck::store::{self, LoadError};
use std::fs;

#[test]
fn load_save_load_is_identical_and_saving_twice_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    let ws = small_workspace();
    store::save(&path, &ws).unwrap();
    let first = fs::read(&path).unwrap();
    let loaded = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(loaded, ws);
    store::save(&path, &loaded).unwrap();
    assert_eq!(fs::read(&path).unwrap(), first);
}

#[test]
fn editing_one_field_changes_one_line_of_the_file() {
    let mut ws = small_workspace();
    let before = store::to_text(&ws).unwrap();
    ws.goals[0].current = 2.0;
    let after = store::to_text(&ws).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(
        changed,
        vec![("      current: 1.5,", "      current: 2.0,")]
    );
}

#[cfg(unix)]
#[test]
fn saved_files_and_new_folders_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/sub/ws.ron");
    store::save(&path, &small_workspace()).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = fs::metadata(path.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    // A file the user had made wider is narrowed on the next save.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    store::save(&path, &small_workspace()).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_missing_file_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(store::load(&dir.path().join("none.ron")).unwrap().is_none());
}

fn load_error(text: &str) -> LoadError {
    store::load_text(text, std::path::Path::new("ws.ron")).unwrap_err()
}

fn good_text() -> String {
    store::to_text(&small_workspace()).unwrap()
}

#[test]
fn a_truncated_file_names_the_line_and_column() {
    let text = good_text();
    let cut = &text[..text.len() / 2];
    let err = load_error(cut);
    let LoadError::Parse { error, .. } = &err else {
        panic!("expected a parse error, got {err:?}")
    };
    assert_eq!(error.line, cut.lines().count());
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("ws.ron:{}:{}: ", error.line, error.col)),
        "{message}"
    );
    assert!(message.contains("The file was not changed"), "{message}");
}

#[test]
fn a_wrong_type_names_the_line_column_and_what_was_expected() {
    let text = good_text().replace("current: 1.5,", "current: \"lots\",");
    let line = text.lines().position(|l| l.contains("\"lots\"")).unwrap() + 1;
    let message = load_error(&text).to_string();
    assert!(message.starts_with(&format!("ws.ron:{line}:")), "{message}");
    assert!(message.to_lowercase().contains("expected"), "{message}");
}

#[test]
fn an_unknown_enum_variant_is_named_with_its_place_and_the_choices() {
    let text = good_text().replace("channel: Call,", "channel: Pigeon,");
    let line = text.lines().position(|l| l.contains("Pigeon")).unwrap() + 1;
    let message = load_error(&text).to_string();
    assert!(message.starts_with(&format!("ws.ron:{line}:")), "{message}");
    assert!(
        message.contains("Pigeon") && message.contains("Meeting"),
        "{message}"
    );
}

#[test]
fn an_invalid_date_is_refused_with_its_place() {
    let text = good_text().replace("\"2025-04-01\"", "\"2025-02-30\"");
    let message = load_error(&text).to_string();
    assert!(message.starts_with("ws.ron:"), "{message}");
}

#[test]
fn a_misspelt_field_is_refused_not_dropped() {
    let text = good_text().replace("feedback:", "fedback:");
    let message = load_error(&text).to_string();
    assert!(message.contains("fedback"), "{message}");
}

#[test]
fn every_dangling_reference_is_listed_with_its_record_and_line() {
    let mut ws = small_workspace();
    ws.goals[0].partner = PartnerId(404);
    ws.celebrations[0].milestone = Some(MilestoneId(505));
    let text = store::to_text(&ws).unwrap();
    let err = load_error(&text);
    let LoadError::Invalid { problems, .. } = &err else {
        panic!("expected validation problems, got {err:?}")
    };
    assert_eq!(problems.len(), 3, "{err}");
    let goal_line = store::line_of_id(&text, ws.goals[0].id.0).unwrap();
    let message = err.to_string();
    assert!(
        message.contains(&format!(
            "ws.ron:{goal_line}: goal {} \"Joint events\": refers to partner #404, which does not exist",
            ws.goals[0].id
        )),
        "{message}"
    );
    assert!(message.contains("refers to milestone #505"), "{message}");
    // The milestone of the orphaned goal now points across partners.
    assert!(message.contains("belongs to another partner"), "{message}");
}

#[test]
fn a_newer_version_is_refused_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ron");
    let text = good_text()
        .replace(&format!("version: {CURRENT_VERSION},"), "version: 7,")
        .replace("  profile:", "  hologram: true,\n  profile:");
    fs::write(&path, &text).unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::Newer { found: 7, .. }), "{err:?}");
    assert!(err.to_string().contains("version 7"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_version_0_file_is_migrated() {
    let text = include_str!("data/v0.ron");
    let loaded = store::load_text(text, std::path::Path::new("v0.ron")).unwrap();
    assert_eq!(loaded.migrated_from, Some(0));
    let ws = loaded.workspace;
    assert_eq!(ws.version, CURRENT_VERSION);
    assert_eq!(ws.max_id(), 3, "every record keeps its id");
    assert_eq!(
        ws.partners[0].cadence,
        Cadence {
            ideal_days: 10,
            max_days: 20
        }
    );
    assert_eq!(ws.partners[1].cadence, Cadence::default());
    assert_eq!(
        ws.interactions[0].at,
        day("2024-06-01").and_hms_opt(9, 0, 0).unwrap()
    );
}

#[test]
fn the_demo_sample_is_valid_and_moves_with_today() {
    let ws = store::demo_workspace(store::demo::DEMO_ANCHOR);
    assert!(validate(&ws).is_empty());
    let later = store::demo_workspace(day("2027-01-26"));
    if let (Some(a), Some(b)) = (ws.partners.first(), later.partners.first()) {
        assert_eq!((b.since - a.since).num_days(), 60);
    }
}

/// A version 1 file (ids from a counter, `next_id`) loads with every id and reference as it
/// was: the demo of version 1 is the demo of today, record for record.
#[test]
fn a_version_1_file_keeps_every_id_and_reference() {
    let text = include_str!("data/v1.ron");
    let loaded = store::load_text(text, std::path::Path::new("v1.ron")).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    let old = loaded.workspace;
    let now = store::load_text(store::demo::DEMO_TEXT, std::path::Path::new("demo.ron"))
        .unwrap()
        .workspace;
    assert_eq!(old, now);
    assert!(validate(&old).is_empty());
    let written = store::to_text(&old).unwrap();
    assert!(!written.contains("next_id"), "the counter is gone");
    assert!(written.contains(&format!("version: {CURRENT_VERSION},")));
    // An older build (it reads up to version 1) refuses what this one writes.
    let refused = store::load_text(
        &written.replace(&format!("version: {CURRENT_VERSION},"), "version: 9,"),
        std::path::Path::new("x.ron"),
    );
    assert!(matches!(
        refused,
        Err(store::LoadError::Newer { found: 9, .. })
    ));
}
