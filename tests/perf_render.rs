//! `partnerdeck render`: one frame of the dashboard as text, on the demo or a file, with a view
//! and a partner; clear errors for a bad view, size or partner.

mod common;

use common::cli::bin_without_config;

fn render(args: &[&str]) -> assert_cmd::assert::Assert {
    bin_without_config()
        .env_remove("PARTNERDECK_FILE")
        .env("NO_COLOR", "1")
        .args(["--today", "2026-11-27"])
        .args(args)
        .assert()
}

fn out_text(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn err_text(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn the_demo_dashboard_shows_the_four_panes() {
    let a = render(&["--demo", "render", "--width", "130", "--height", "40"]).success();
    let frame = out_text(&a);
    for title in ["1 Partners", "2 Goals", "3 Timeline", "4 Communication log"] {
        assert!(frame.contains(title), "{title} missing:\n{frame}");
    }
    assert_eq!(frame.lines().count(), 40, "{frame}");
    assert!(frame.lines().all(|l| l.chars().count() <= 130), "{frame}");
}

#[test]
fn views_and_partners_are_chosen_by_name() {
    let a = render(&["--demo", "render", "--view", "overview"]).success();
    assert!(out_text(&a).contains("Overview · "), "{}", out_text(&a));
    let a = render(&["--demo", "render", "--view", "attention"]).success();
    assert!(out_text(&a).contains("Today · "), "{}", out_text(&a));
    let a = render(&["--demo", "render", "--view", "help"]).success();
    assert!(out_text(&a).contains("quit"), "{}", out_text(&a));

    // A narrow screen shows the focused pane only.
    let a = render(&[
        "--demo", "render", "--width", "80", "--height", "24", "--view", "log",
    ]);
    let frame = out_text(&a.success());
    assert!(frame.contains("Communication log"), "{frame}");
}

#[test]
fn a_partner_is_selected_by_part_of_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ws.ron");
    let ws = partnerdeck::store::demo_workspace(partnerdeck::store::demo::DEMO_ANCHOR);
    let name = ws.partners.iter().map(|p| p.name.clone()).max().unwrap();
    partnerdeck::store::save(&file, &ws).unwrap();
    let file = file.to_str().unwrap();
    let short: String = name.chars().take(6).collect();
    let a = render(&[
        "--file",
        file,
        "render",
        "--partner",
        &short,
        "--width",
        "130",
    ])
    .success();
    let frame = out_text(&a);
    let head: String = name.chars().take(10).collect();
    assert!(frame.contains(&format!("2 Goals · {head}")), "{frame}");
    assert!(frame.contains(file), "the header names the file:\n{frame}");

    let a = render(&["--file", file, "render", "--partner", "qqqqzzzz"]).failure();
    assert!(err_text(&a).contains("no name matches"), "{}", err_text(&a));
}

#[test]
fn bad_views_and_sizes_are_refused_clearly() {
    let a = render(&["--demo", "render", "--view", "calendar"]).failure();
    let e = err_text(&a);
    assert!(e.contains("calendar") && e.contains("overview"), "{e}");
    for (flag, value) in [("--width", "0"), ("--height", "0"), ("--width", "1001")] {
        let a = render(&["--demo", "render", flag, value]).failure();
        let e = err_text(&a);
        assert!(e.contains("1..=1000"), "{flag} {value}: {e}");
    }
    let a = render(&["--file", "/nonexistent-dir/x/ws.ron", "render"]).success();
    assert!(
        out_text(&a).contains("1 Partners"),
        "a missing file shows the empty dashboard"
    );
}
