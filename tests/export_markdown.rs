//! The Markdown reports on the demo workspace (today = its anchor), as snapshots: the
//! portfolio and one partner's full picture. Review changes with `cargo insta review`.

mod common;

use common::cli::{cmd, stdout};
use partnerdeck::export::{find, markdown};
use partnerdeck::insight::{Index, partner_insight};
use partnerdeck::store::demo::DEMO_ANCHOR;
use partnerdeck::store::demo_workspace;

#[test]
fn portfolio() {
    let ws = demo_workspace(DEMO_ANCHOR);
    insta::assert_snapshot!("portfolio", markdown::portfolio(&ws, DEMO_ANCHOR));
}

#[test]
fn one_partner() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let p = find::partner(&ws, "greenleaf").unwrap();
    let text = markdown::partner(&ws, p.id, DEMO_ANCHOR).unwrap();
    insta::assert_snapshot!("partner_greenleaf", text);
}

#[test]
fn the_partner_report_explains_every_point_of_the_health_score() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let idx = Index::build(&ws);
    for p in &ws.partners {
        let text = markdown::partner(&ws, p.id, DEMO_ANCHOR).unwrap();
        let insight = partner_insight(&ws, &idx, p.id, DEMO_ANCHOR).unwrap();
        assert!(text.contains(&format!("## Health: {}/100", insight.health.score())));
        for c in &insight.health.contributions {
            assert!(text.contains(&c.evidence), "{}: {}", p.name, c.evidence);
        }
        for a in &insight.attention {
            assert!(text.contains(&a.text), "{}: {}", p.name, a.text);
        }
    }
}

#[test]
fn the_command_prints_the_report_of_the_partner_asked_for() {
    let text = stdout(cmd().args([
        "--demo",
        "export",
        "markdown",
        "--partner",
        "forest library",
    ]));
    assert!(
        text.starts_with("# 森の図書館 (Forest Library)\n"),
        "{text}"
    );
}
