//! Hostile text never drives the terminal through the command line: every human-readable output
//! (briefs, Markdown and CSV exports on stdout or in files, `log` confirmations, ambiguity lists,
//! `check`, `config` and the import report) shows control characters and bidirectional overrides
//! inert, as the dashboard does; JSON stays exact. Spreadsheet formulas are neutralised in CSV and
//! the importer takes the guard off again. Long values are cut in messages.

mod common;

use common::cli::{cmd_on_without_config, run};
use partnerdeck::model::*;
use partnerdeck::store;
use std::fs;
use std::path::{Path, PathBuf};

/// Retitles the terminal and clears it; then the clipboard (OSC 52), a hyperlink (OSC 8), a
/// right-to-left override and a C1 control sequence introducer.
const HOSTILE: &str = "\x1b]0;pwn\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://x.example\x1b\\ln\x1b]8;;\x1b\\\u{202e}\u{9b}31m";

/// No character that a terminal would act on: controls other than the line break, and the
/// bidirectional overrides and isolates.
#[track_caller]
fn assert_inert(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| *c != '\n' && (c.is_control() || partnerdeck::text::is_unsafe(*c)))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: raw control characters {bad:?} in\n{}",
        text.escape_debug()
    );
}

/// The demo with a partner whose name, notes, goal and log entry carry escapes.
fn hostile_file(dir: &Path) -> PathBuf {
    let mut ws = store::demo_workspace(common::day("2026-11-27"));
    let p = PartnerId(ws.allocate_id());
    let mut partner = Partner::new(p, format!("Evil{HOSTILE} Corp"), common::day("2026-01-01"));
    partner.notes = format!("line one{HOSTILE}\nline two");
    partner.aim = format!("aim{HOSTILE}");
    partner.values = vec![format!("v{HOSTILE}")];
    ws.partners.push(partner);
    let g = GoalId(ws.allocate_id());
    ws.goals.push(Goal {
        authors: Default::default(),
        id: g,
        partner: p,
        title: format!("goal{HOSTILE}"),
        metric: String::new(),
        unit: String::new(),
        baseline: 0.0,
        target: Some(3.0),
        current: 1.0,
        owner: Owner::Joint,
        start: common::day("2026-01-01"),
        due: Some(common::day("2027-01-01")),
        status: GoalStatus::Active,
    });
    let x = InteractionId(ws.allocate_id());
    ws.interactions.push(Interaction {
        authors: Default::default(),
        id: x,
        partner: p,
        at: common::day("2026-11-20").and_hms_opt(10, 0, 0).unwrap(),
        channel: Channel::Call,
        initiated_by: Side::Us,
        summary: format!("talked{HOSTILE}"),
        sentiment: None,
        follow_up: Some(FollowUp {
            owner: None,
            what: format!("follow{HOSTILE}"),
            due: common::day("2026-11-30"),
            done: None,
        }),
    });
    let path = dir.join("ws.ron");
    store::save(&path, &ws).unwrap();
    path
}

#[test]
fn briefs_and_exports_show_escapes_inert_in_print_and_in_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = hostile_file(dir.path());
    let brief = run(cmd_on_without_config(&path).args(["brief", "evil"]));
    assert!(brief.ok, "{}", brief.stderr);
    assert!(brief.stdout.contains("# Brief: Evil"), "{}", brief.stdout);
    assert_inert("brief", &brief.stdout);
    for args in [
        &["export", "markdown"][..],
        &["export", "markdown", "--partner", "evil"],
        &["export", "csv", "--kind", "partners"],
        &["export", "csv", "--kind", "goals"],
        &["export", "csv", "--kind", "interactions"],
    ] {
        let r = run(cmd_on_without_config(&path).args(args));
        assert!(r.ok, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("Evil"), "{args:?}");
        assert_inert(&format!("{args:?}"), &r.stdout);
    }
    // Written to files (later `cat`-ed): inert as well.
    let md = dir.path().join("report.md");
    let r = run(cmd_on_without_config(&path)
        .args(["export", "markdown", "--partner", "evil", "--out"])
        .arg(&md));
    assert!(r.ok, "{}", r.stderr);
    assert_inert("markdown file", &fs::read_to_string(&md).unwrap());
    let tables = dir.path().join("tables");
    let r = run(cmd_on_without_config(&path)
        .args(["export", "csv", "--out"])
        .arg(&tables));
    assert!(r.ok, "{}", r.stderr);
    for entry in fs::read_dir(&tables).unwrap() {
        let p = entry.unwrap().path();
        assert_inert(&p.display().to_string(), &fs::read_to_string(&p).unwrap());
    }
}

#[test]
fn json_stays_exact_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = hostile_file(dir.path());
    let r = run(cmd_on_without_config(&path).args(["export", "json"]));
    assert!(r.ok, "{}", r.stderr);
    assert_inert("json", &r.stdout);
    let ws = partnerdeck::export::json::from_json(&r.stdout).unwrap();
    assert!(
        ws.partners
            .iter()
            .any(|p| p.name == format!("Evil{HOSTILE} Corp")),
        "the name comes back byte for byte"
    );
}

#[test]
fn messages_show_escapes_inert() {
    let dir = tempfile::tempdir().unwrap();
    let path = hostile_file(dir.path());
    // A log confirmation (the entry itself is kept exactly as typed).
    let summary = format!("met{HOSTILE}");
    let r = run(cmd_on_without_config(&path)
        .args(["log", "evil", &summary, "--follow-up"])
        .arg(format!("do{HOSTILE}")));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.starts_with("logged #"), "{}", r.stdout);
    assert_inert("log", &r.stdout);
    let ws = store::load(&path).unwrap().unwrap().workspace;
    assert!(ws.interactions.iter().any(|x| x.summary == summary));

    // An ambiguity list, and a name that matches nothing.
    let mut ws2 = ws.clone();
    let id = PartnerId(ws2.allocate_id());
    ws2.partners.push(Partner::new(
        id,
        format!("Evil{HOSTILE} Twin"),
        common::day("2026-01-01"),
    ));
    store::save(&path, &ws2).unwrap();
    let r = run(cmd_on_without_config(&path).args(["brief", "evil"]));
    assert!(!r.ok);
    assert!(r.stderr.contains("matches 2 partners"), "{}", r.stderr);
    assert_inert("ambiguity", &r.stderr);
    let r = run(cmd_on_without_config(&path).args(["brief", &format!("zz{HOSTILE}")]));
    assert!(!r.ok);
    assert_inert("no match", &r.stderr);
    let r = run(cmd_on_without_config(&path).args([
        "log",
        "evil corp",
        "x",
        "--channel",
        &format!("fax{HOSTILE}"),
    ]));
    assert!(!r.ok);
    assert_inert("bad channel", &r.stderr);

    // `check`: a record problem quoting a name, and a parse error quoting the line.
    let mut bad = ws2.clone();
    bad.goals[0].partner = PartnerId(9999);
    bad.goals[0].title = format!("orphan{HOSTILE}");
    let bad_path = dir.path().join(format!("bad{}.ron", "\x1b[2J"));
    fs::write(&bad_path, store::to_text(&bad).unwrap()).unwrap();
    let r = run(cmd_on_without_config(&path).arg("check").arg(&bad_path));
    assert!(!r.ok);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert_inert("check problems", &r.stderr);
    let broken = store::to_text(&ws2)
        .unwrap()
        .replacen("kind: ", &format!("kind{HOSTILE}: "), 1);
    fs::write(&bad_path, broken).unwrap();
    let r = run(cmd_on_without_config(&path).arg("check").arg(&bad_path));
    assert!(!r.ok);
    assert_inert("check parse error", &r.stderr);

    // `config`: an unknown action and a bad key, each quoted.
    let config = dir.path().join("config.ron");
    let h = HOSTILE.replace('\\', "\\\\");
    fs::write(
        &config,
        format!(
            "(keymap: {{ \"quit{h}\": [\"q\"], \"down\": [\"j{h}\"] }}, theme: Some(\"x{h}\"))"
        ),
    )
    .unwrap();
    let r = run(cmd_on_without_config(&path)
        .arg("--config")
        .arg(&config)
        .arg("config"));
    assert!(!r.ok);
    assert!(r.stderr.contains("unknown action"), "{}", r.stderr);
    assert_inert("config", &r.stderr);

    // The import report: an added row and a rejected one.
    let csv = dir.path().join("in.csv");
    fs::write(
        &csv,
        format!("name,kind\nNew{HOSTILE} Co,business\nOther Co,kind{HOSTILE}\n"),
    )
    .unwrap();
    let r = run(cmd_on_without_config(&path)
        .args(["import", "csv", "--kind", "partners"])
        .arg(&csv));
    assert!(r.stdout.contains("would add 1 partner"), "{}", r.stdout);
    assert!(r.stdout.contains("rejected 1 row"), "{}", r.stdout);
    assert_inert("import report", &r.stdout);
}

#[test]
fn long_values_are_cut_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let path = hostile_file(dir.path());
    let long = "y".repeat(100_000);
    // A log confirmation quoting a long summary.
    let r = run(cmd_on_without_config(&path).args(["log", "evil", &long]));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.len() < 1_000, "{} bytes", r.stdout.len());
    assert!(r.stdout.contains('…'));
    // A name that matches nothing, and a bad channel.
    let r = run(cmd_on_without_config(&path).args(["brief", &format!("z{long}")]));
    assert!(!r.ok);
    assert!(r.stderr.len() < 1_000, "{} bytes", r.stderr.len());
    let r = run(cmd_on_without_config(&path).args(["log", "evil", "x", "--channel", &long]));
    assert!(!r.ok);
    assert!(r.stderr.len() < 1_000, "{} bytes", r.stderr.len());
    // `config`: a 900 kB action name (under the size limit) is not echoed whole.
    let config = dir.path().join("config.ron");
    let key = "k".repeat(900_000);
    fs::write(&config, format!("(keymap: {{ \"{key}\": [\"q\"] }})")).unwrap();
    let r = run(cmd_on_without_config(&path)
        .arg("--config")
        .arg(&config)
        .arg("config"));
    assert!(!r.ok);
    assert!(r.stderr.contains("unknown action"), "{}", r.stderr);
    assert!(r.stderr.len() < 1_000, "{} bytes", r.stderr.len());
    // `check`: a record problem quoting a long title, and a parse error on a long line.
    let mut ws = store::load(&path).unwrap().unwrap().workspace;
    ws.goals[0].partner = PartnerId(9999);
    ws.goals[0].title = "t".repeat(1_000_000);
    let bad = dir.path().join("bad.ron");
    fs::write(&bad, store::to_text(&ws).unwrap()).unwrap();
    let r = run(cmd_on_without_config(&path).arg("check").arg(&bad));
    assert!(!r.ok);
    assert!(r.stderr.len() < 2_000, "{} bytes", r.stderr.len());
    let one_line = format!(
        "(version: 1, profile: (name: \"{}\"), bogus: 1)",
        "n".repeat(1_000_000)
    );
    fs::write(&bad, one_line).unwrap();
    let r = run(cmd_on_without_config(&path).arg("check").arg(&bad));
    assert!(!r.ok);
    assert!(
        r.stderr.contains("bogus"),
        "{}",
        &r.stderr[..r.stderr.len().min(2000)]
    );
    assert!(r.stderr.len() < 2_000, "{} bytes", r.stderr.len());
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_read_back() {
    let mut ws = Workspace::named("Us");
    let names = [
        "=1+2 goal",
        "+cmd|' /C calc'!A0",
        "-x",
        "@SUM(A1)",
        "'=already quoted",
        "'s-Hertogenbosch",
        "Plain Co",
    ];
    for n in names {
        let id = PartnerId(ws.allocate_id());
        let mut p = Partner::new(id, n, common::day("2026-01-01"));
        p.notes = format!("{n} notes\nsecond line");
        p.tags = vec![n.to_string()];
        ws.partners.push(p);
    }
    let id = GoalId(ws.allocate_id());
    ws.goals.push(Goal {
        authors: Default::default(),
        id,
        partner: PartnerId(1),
        title: "=HYPERLINK(\"http://x\")".into(),
        metric: String::new(),
        unit: String::new(),
        baseline: -5.0,
        target: Some(-1.0),
        current: -3.0,
        owner: Owner::Us,
        start: common::day("2026-01-01"),
        due: None,
        status: GoalStatus::Active,
    });
    use partnerdeck::export::csv::{Kind, table};
    let text = table(&ws, Kind::Partners).unwrap();
    let cells: Vec<Vec<String>> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let col = |row: &Vec<String>, name: &str| {
        let i = Kind::Partners
            .columns()
            .iter()
            .position(|c| *c == name)
            .unwrap();
        row[i].clone()
    };
    for (row, n) in cells.iter().zip(names) {
        let name = col(row, "name");
        let first = name.chars().next().unwrap();
        assert!(
            !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r'),
            "{name:?} would run as a formula"
        );
        assert!(!col(row, "notes").starts_with(['=', '+', '-', '@']));
        assert!(!col(row, "tags").starts_with(['=', '+', '-', '@']));
        if n.starts_with(['=', '+', '-', '@']) || n.starts_with("'=") {
            assert_eq!(name, format!("'{n}"));
        } else {
            assert_eq!(name, n, "ordinary text is left alone");
        }
    }
    // Numbers stay numbers: only text cells are guarded.
    let goals = table(&ws, Kind::Goals).unwrap();
    let row = goals.lines().nth(1).unwrap();
    assert!(row.contains("'=HYPERLINK"), "{row}");
    assert!(row.contains(",-5,-1,-3,"), "{row}");
    // And the importer takes the guard off again: export → import gives the same partners.
    let fresh = Workspace::named("Elsewhere");
    let plan = partnerdeck::command::import::plan(
        &fresh,
        partnerdeck::command::import::Kind::Partners,
        &text,
        common::day("2026-11-27"),
    )
    .unwrap();
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    for (got, want) in plan.workspace.partners.iter().zip(&ws.partners) {
        assert_eq!(got.name, want.name);
        assert_eq!(got.notes, want.notes);
        assert_eq!(got.tags, want.tags);
    }
    assert_eq!(plan.workspace.partners.len(), names.len());
}

#[test]
fn the_calendar_export_leaves_out_bidirectional_overrides_like_the_other_exports() {
    let dir = tempfile::tempdir().unwrap();
    let path = hostile_file(dir.path());
    let r = run(cmd_on_without_config(&path).args(["export", "ics"]));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains("Evil"), "{}", r.stdout);
    // iCalendar ends its lines with CRLF: the one control character it may hold.
    assert_inert("export ics", &r.stdout.replace("\r\n", "\n"));
}
