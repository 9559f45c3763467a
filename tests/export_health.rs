//! Health history exports: the monthly table in a partner's Markdown report and the `health`
//! CSV table, checked against the insight layer's figures and through the command line.

mod common;

use common::cli::cmd;
use common::csv_rows;
use partnerdeck::export::csv::{Kind, table};
use partnerdeck::export::{health, markdown};
use partnerdeck::insight::{Index, monthly_days, summaries};
use partnerdeck::store::demo::DEMO_ANCHOR;
use partnerdeck::store::demo_workspace;

#[test]
fn the_partner_report_has_a_monthly_health_table_ending_on_today_s_score() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let idx = Index::build(&ws);
    let s = &summaries(&ws, &idx, DEMO_ANCHOR)[0];
    let text = markdown::partner(&ws, s.partner, DEMO_ANCHOR).unwrap();
    let section: Vec<&str> = text
        .split("## Health history\n\n")
        .nth(1)
        .expect("a health history section")
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(
        section[0],
        "| Month | Health | Val | Com | Goal | Str | Tru | Long | Imp | Cel |"
    );
    // Header, rule and 13 months (the partner is older than a year).
    assert_eq!(section.len(), 2 + 13, "{section:#?}");
    assert!(section[2].starts_with("| 2025-11 |"), "{}", section[2]);
    let last: Vec<&str> = section[14].split('|').map(str::trim).collect();
    assert_eq!(last[1], "2026-11");
    assert_eq!(last[2], s.health.to_string());
    // The practices add up to the score.
    let sum: f64 = last[3..11].iter().map(|c| c.parse::<f64>().unwrap()).sum();
    assert!((sum - f64::from(s.health)).abs() <= 0.5 + 0.04, "{sum}");
    assert!(text.contains("Biggest drop: "), "{text}");
}

#[test]
fn the_health_csv_has_a_row_per_partner_per_month() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let idx = Index::build(&ws);
    let text = health::csv(&ws, DEMO_ANCHOR).unwrap();
    assert!(text.starts_with(&Kind::Health.columns().join(",")));
    let all = csv_rows(&text);
    let months = monthly_days(DEMO_ANCHOR, 12);
    let expected: usize = ws
        .partners
        .iter()
        .map(|p| months.iter().filter(|d| **d >= p.since).count())
        .sum();
    assert_eq!(all.len(), expected);
    for row in &all {
        assert_eq!(row.len(), 13);
    }
    for s in summaries(&ws, &idx, DEMO_ANCHOR) {
        let own: Vec<&Vec<String>> = all
            .iter()
            .filter(|r| r[0] == s.partner.0.to_string())
            .collect();
        let last = own.last().expect("today at least");
        assert_eq!(last[1], s.name);
        assert_eq!(
            (last[2].as_str(), last[3].as_str()),
            ("2026-11", "2026-11-27")
        );
        assert_eq!(last[4], s.health.to_string(), "{}", s.name);
    }
    // The record-table function refuses it rather than guess a day.
    assert!(table(&ws, Kind::Health).is_err());
}

#[test]
fn the_command_prints_the_health_table_and_limits_it_to_a_partner() {
    let out = cmd()
        .args(["--demo", "export", "csv", "--kind", "health"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("partner_id,partner,month,as_of,health,values,"));
    let out = cmd()
        .args([
            "--demo",
            "export",
            "csv",
            "--kind",
            "health",
            "--partner",
            "greenleaf",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let all = csv_rows(&text);
    assert_eq!(all.len(), 13);
    assert!(all.iter().all(|r| r[1] == "Greenleaf Cooperative Bank"));
}
