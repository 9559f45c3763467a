//! The overlay stack: opening an overlay puts it over what was open, back takes it off, and what
//! was under it is there again exactly as it was left: the same overlay, the same cursor, the same
//! text typed, the same screen.

mod common;

use common::screen::{demo_app, screen};
use common::{press, type_text};

use partnerdeck::app::{App, Context, FilterView, FormView, Overlay, Pane, RecordsView};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_text;

fn form_text(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Form(FormView { form, .. })) => form.fields[form.focus].value().to_string(),
        other => panic!("no form open: {other:?}"),
    }
}

fn records_cursor(app: &App) -> usize {
    match &app.overlay {
        Some(Overlay::Records(RecordsView { cursor, .. })) => cursor.selected,
        other => panic!("no records list open: {other:?}"),
    }
}

#[test]
fn a_question_over_a_form_over_a_list_pops_one_at_a_time() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["c", "j"]);
    let cursor = records_cursor(&app);
    assert_eq!(app.depth(), 1);
    // A form over the list, then a question over the form.
    press(&mut app, &["a"]);
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    assert!(matches!(app.under(), Some(Overlay::Records { .. })));
    type_text(&mut app, "Send the annual report");
    press(&mut app, &["esc"]);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    assert!(matches!(app.under(), Some(Overlay::Form { .. })));
    assert_eq!(app.depth(), 3);
    // "No": the form comes back with its text, still over the list.
    press(&mut app, &["n"]);
    assert_eq!(form_text(&app), "Send the annual report");
    assert!(matches!(app.under(), Some(Overlay::Records { .. })));
    assert_eq!(app.depth(), 2);
    // "Yes" to discarding: the question and the form go, the list is back where it was.
    press(&mut app, &["esc", "y"]);
    assert_eq!(records_cursor(&app), cursor, "the list's cursor is kept");
    assert_eq!(app.depth(), 1);
    press(&mut app, &["esc"]);
    assert!(app.overlay.is_none());
    assert_eq!(app.depth(), 0);
}

#[test]
fn saving_a_form_opened_from_a_list_goes_back_to_the_list() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["c"]);
    let before = app.ws().commitments.len();
    press(&mut app, &["a"]);
    type_text(&mut app, "Share the volunteer rota");
    press(&mut app, &["enter"]);
    assert_eq!(
        app.ws().commitments.len(),
        before + 1,
        "{}",
        screen(&app, 120, 40)
    );
    assert!(matches!(app.overlay, Some(Overlay::Records { .. })));
    assert_eq!(app.depth(), 1);
}

#[test]
fn a_delete_question_over_a_list_goes_back_to_the_list_on_either_answer() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["c"]);
    let before = app.ws().commitments.len();
    assert!(before > 0);
    press(&mut app, &["d"]);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    assert!(matches!(app.under(), Some(Overlay::Records { .. })));
    press(&mut app, &["n"]);
    assert!(matches!(app.overlay, Some(Overlay::Records { .. })));
    press(&mut app, &["d", "y"]);
    assert!(matches!(app.overlay, Some(Overlay::Records { .. })));
    assert_eq!(app.depth(), 1);
}

#[test]
fn esc_from_help_returns_to_the_exact_view_it_was_opened_from() {
    // Each view moved away from its start first (cursor, sort, scroll), so "back" is seen to
    // restore the view as it was left, not a fresh one.
    for keys in [
        &["t", "j", "j"][..],
        &["o", "s", "j"],
        &["enter", "j", "j"],
        &["c", "j"],
        &["w"],
        &["j", "j"],
    ] {
        let mut app = demo_app(120, 40);
        press(&mut app, keys);
        let (before, depth) = (screen(&app, 120, 40), app.depth());
        press(&mut app, &["?"]);
        assert!(
            matches!(app.overlay, Some(Overlay::Help { .. })),
            "{keys:?}: help opens"
        );
        assert_eq!(app.depth(), depth + 1);
        press(&mut app, &["esc"]);
        assert_eq!(app.depth(), depth, "{keys:?}");
        assert_eq!(
            screen(&app, 120, 40),
            before,
            "{keys:?}: the same view, as it was left"
        );
    }
}

#[test]
fn help_lists_the_keys_of_the_view_under_it() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["c", "?"]);
    assert_eq!(app.help_context(), Context::Records);
    assert!(
        screen(&app, 120, 40).contains("Keys · Records"),
        "{}",
        screen(&app, 120, 40)
    );
    press(&mut app, &["esc", "esc", "?"]);
    assert_eq!(app.help_context(), Context::Dashboard);
}

#[test]
fn switching_between_the_list_views_replaces_rather_than_stacks() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["t", "o"]);
    assert!(matches!(app.overlay, Some(Overlay::Overview { .. })));
    assert_eq!(app.depth(), 1);
    press(&mut app, &["esc"]);
    assert!(app.overlay.is_none(), "back goes to the dashboard");
}

#[test]
fn details_under_help_follow_a_resize_as_open_details_do() {
    let draw = |app: &App| render_text(app, &Theme::dark().without_color(), 80, 30);
    let mut under_help = demo_app(120, 40);
    press(&mut under_help, &["enter", "?"]);
    under_help.resize(80, 30);
    press(&mut under_help, &["esc"]);
    let mut open = demo_app(120, 40);
    press(&mut open, &["enter"]);
    open.resize(80, 30);
    assert_eq!(draw(&under_help), draw(&open));
    // Scrolling reaches the same last line in both.
    press(&mut under_help, &["G"]);
    press(&mut open, &["G"]);
    assert_eq!(draw(&under_help), draw(&open));
}

/// The open overlays, top first, as text (to see that the rest of the stack is untouched).
fn stack(app: &App) -> Vec<String> {
    app.stack().map(|o| format!("{o:?}")).collect()
}

#[test]
fn back_pops_exactly_one_overlay_and_leaves_the_rest_as_it_was() {
    for keys in [
        &["c", "j", "?"][..],
        &["w", "?"],
        &["enter", "j", "?"],
        &["t", "j", "?"],
        &["o", "s", "?"],
        &["c"],
        &["enter"],
        &["?"],
    ] {
        let mut app = demo_app(120, 40);
        press(&mut app, keys);
        let depth = app.depth();
        let rest: Vec<String> = stack(&app).split_off(1);
        press(&mut app, &["esc"]);
        assert_eq!(app.depth(), depth - 1, "{keys:?}");
        assert_eq!(stack(&app), rest, "{keys:?}: what was under is as it was");
    }
}

#[test]
fn typing_a_filter_is_an_overlay_that_enter_keeps_and_esc_clears() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["/"]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Filter(FilterView {
            pane: Pane::Partners
        }))
    ));
    assert_eq!(app.depth(), 1);
    assert_eq!(app.context(), Context::Filter);
    assert_eq!(app.filter_editing(), Some(Pane::Partners));
    assert!(app.dashboard_in_front(), "the dashboard stays in front");
    type_text(&mut app, "harbour");
    assert!(
        screen(&app, 120, 40).contains("harbour"),
        "{}",
        screen(&app, 120, 40)
    );
    // Enter keeps the filter and takes the typing off the stack.
    press(&mut app, &["enter"]);
    assert_eq!(app.depth(), 0);
    assert_eq!(app.filter_editing(), None);
    assert_eq!(app.context(), Context::Dashboard);
    assert_eq!(app.filter_text(Pane::Partners), Some("harbour"));
    // Typing again goes on from the kept filter; Esc clears it and takes the typing off.
    press(&mut app, &["/"]);
    assert_eq!(app.depth(), 1);
    press(&mut app, &["esc"]);
    assert_eq!(app.depth(), 0);
    assert_eq!(app.filter_text(Pane::Partners), None);
    let selected = &app.selected_partner().unwrap().name;
    assert!(selected.starts_with("Harbour"), "the match stays selected");
}

#[test]
fn an_empty_filter_kept_is_dropped_and_back_on_the_dashboard_clears_a_kept_one() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["/", "enter"]);
    assert_eq!(app.depth(), 0);
    assert_eq!(app.filter_text(Pane::Partners), None);
    press(&mut app, &["/"]);
    type_text(&mut app, "harbour");
    press(&mut app, &["enter", "esc"]);
    assert_eq!(app.filter_text(Pane::Partners), None);
    assert_eq!(app.depth(), 0);
}

#[test]
fn the_health_chart_belongs_to_the_open_details() {
    let mut app = demo_app(120, 40);
    assert!(app.detail_chart().is_none());
    press(&mut app, &["enter"]);
    let partner = app.selected_partner().unwrap().id;
    assert_eq!(app.detail_chart().map(|c| c.partner), Some(partner));
    // Under help it is still there (help draws over the details).
    press(&mut app, &["?"]);
    assert!(app.detail_chart().is_some());
    // Closing the details takes it with them.
    press(&mut app, &["esc", "esc"]);
    assert_eq!(app.depth(), 0);
    assert!(app.detail_chart().is_none());
    // A goal's details have none.
    press(&mut app, &["2", "enter"]);
    assert!(matches!(app.overlay, Some(Overlay::Detail(_))));
    assert!(app.detail_chart().is_none());
}

#[test]
fn a_request_for_the_editor_belongs_to_the_form_that_made_it() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["a", "ctrl-e"]);
    assert_eq!(app.editor_request(), Some(""));
    // Taken once (by the event loop), it is gone.
    assert_eq!(app.take_editor_request().as_deref(), Some(""));
    assert_eq!(app.editor_request(), None);
    // A request the form did not see answered goes when the form closes.
    press(&mut app, &["ctrl-e"]);
    assert!(app.editor_request().is_some());
    press(&mut app, &["esc"]);
    assert_eq!(app.depth(), 0);
    assert_eq!(app.editor_request(), None);
}
