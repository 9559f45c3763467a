//! The health history on screen: the chart at the top of a partner's details (at 120×40 and
//! 80×24, and without colour), and the overview's 12-month trend column and its sort.

mod common;

use common::screen::{demo_app, press_bound};
use partnerdeck::app::{DetailView, Overlay, OverviewView};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::{render_buffer, render_text};
use ratatui::style::Color;

fn plain() -> Theme {
    Theme::dark().without_color()
}

#[test]
fn the_partner_detail_opens_on_a_weekly_chart_at_120_by_40() {
    let mut app = demo_app(120, 40);
    press_bound(&mut app, &["enter"]);
    let chart = app.detail_chart().expect("a chart for the partner");
    assert!(chart.weekly);
    assert_eq!(chart.days.len(), 53);
    let s = render_text(&app, &plain(), 120, 40);
    assert!(s.contains("Health over the last 12 months (weekly)"), "{s}");
    assert!(s.contains("Biggest drop"), "{s}");
    assert!(s.contains("Val │") && s.contains("Cel │"), "{s}");
    insta::assert_snapshot!("health_chart_120x40", s);
}

#[test]
fn at_80_by_24_the_weeks_still_fit_and_narrower_screens_get_months() {
    let mut app = demo_app(80, 24);
    press_bound(&mut app, &["enter"]);
    let chart = app.detail_chart().unwrap();
    assert!(chart.weekly, "55 columns of plot hold 53 weeks");
    assert_eq!(chart.plot_rows, 5);
    let s = render_text(&app, &plain(), 80, 24);
    assert!(s.contains("(weekly)"), "{s}");
    insta::assert_snapshot!("health_chart_80x24", s);
    let mut narrow = demo_app(70, 24);
    press_bound(&mut narrow, &["enter"]);
    let chart = narrow.detail_chart().unwrap();
    assert!(!chart.weekly);
    assert_eq!(chart.days.len(), 13);
    let s = render_text(&narrow, &plain(), 70, 24);
    assert!(s.contains("(monthly)"), "{s}");
    insta::assert_snapshot!("health_chart_70x24_monthly", s);
    // The chart scrolls with the text.
    press_bound(&mut app, &["j", "j", "j"]);
    let s = render_text(&app, &plain(), 80, 24);
    insta::assert_snapshot!("health_chart_80x24_scrolled", s);
}

#[test]
fn without_colour_the_chart_is_told_by_glyphs_alone() {
    let mut app = demo_app(120, 40);
    press_bound(&mut app, &["j", "enter"]);
    let theme = plain();
    let buf = render_buffer(&app, &theme, 120, 40);
    let text: String = buf.content().iter().map(|c| c.symbol()).collect();
    // Braille for the line, a dot and a caret for the drop, shades for the practices.
    assert!(text.chars().any(|c| ('\u{2801}'..='\u{28FF}').contains(&c)));
    assert!(
        text.contains('▲') && text.contains('•'),
        "the drop is marked"
    );
    assert!(text.chars().filter(|c| "·░▒▓█".contains(*c)).count() > 100);
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "a colour under NO_COLOR: {cell:?}"
        );
    }
    insta::assert_snapshot!("health_chart_no_color", render_text(&app, &theme, 120, 40));
}

#[test]
fn other_records_have_no_chart() {
    let mut app = demo_app(120, 40);
    press_bound(&mut app, &["2", "enter"]);
    let Some(Overlay::Detail(DetailView { lines, .. })) = &app.overlay else {
        panic!("a goal's details")
    };
    assert!(
        lines
            .iter()
            .all(|l| l.kind != partnerdeck::app::LineKind::Chart)
    );
}

#[test]
fn the_overview_gains_a_12_month_column_and_sorts_by_the_90_day_fall() {
    let mut app = demo_app(120, 40);
    assert!(
        !app.trends_pending(),
        "nothing is computed before the overview opens"
    );
    press_bound(&mut app, &["o"]);
    app.finish_work();
    assert!(!app.trends_pending());
    let s = render_text(&app, &plain(), 120, 40);
    assert!(s.contains("12 months"), "{s}");
    insta::assert_snapshot!("overview_trend_column", s);
    // health → last contact → name → review trend → fall over 90 days
    press_bound(&mut app, &["s", "s", "s", "s"]);
    let s = render_text(&app, &plain(), 120, 40);
    assert!(s.contains("sorted by fall over 90 days"), "{s}");
    let Some(Overlay::Overview(OverviewView { order, .. })) = &app.overlay else {
        panic!("the overview")
    };
    let falls: Vec<i16> = order
        .iter()
        .map(|i| app.scene().fall(*i as usize).unwrap_or(i16::MIN))
        .collect();
    assert!(falls.windows(2).all(|w| w[0] >= w[1]), "{falls:?}");
    assert!(
        falls[0] > 0,
        "some demo partner fell over 90 days: {falls:?}"
    );
    press_bound(&mut app, &["s"]);
    assert!(render_text(&app, &plain(), 120, 40).contains("sorted by health"));
}

#[test]
fn a_change_starts_the_trends_again_and_the_fall_sort_follows_when_they_are_in() {
    let mut app = demo_app(120, 40);
    press_bound(&mut app, &["o", "s", "s", "s", "s"]);
    app.finish_work();
    let Some(Overlay::Overview(OverviewView { order, .. })) = &app.overlay else {
        panic!()
    };
    let first = order[0];
    assert!(app.scene().fall(first as usize).is_some());
    app.refresh();
    assert!(app.trends_pending());
    assert!(app.scene().fall(first as usize).is_none());
    app.finish_work();
    assert!(app.scene().fall(first as usize).is_some());
}
