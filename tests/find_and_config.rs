//! Finding things and making the tool yours: pane filters, global search, the command palette,
//! a user keymap, a broken config file, NO_COLOR.

mod common;

use common::screen::{demo_app, screen};
use common::{press, settings, type_text};

use partnerdeck::action::{Action, Context};
use partnerdeck::app::{Overlay, PaletteView, Pane, SearchView};
use partnerdeck::keymap::Key;
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_buffer;

#[test]
fn slash_filters_the_focused_pane_fuzzily_with_a_count_and_esc_clears() {
    let mut app = demo_app(130, 40);
    press(&mut app, &["/"]);
    assert_eq!(app.context(), Context::Filter);
    type_text(&mut app, "grnlf");
    assert_eq!(app.pane_len(Pane::Partners), 1);
    assert_eq!(
        app.selected_partner().unwrap().name,
        "Greenleaf Cooperative Bank"
    );
    let s = screen(&app, 130, 40);
    assert!(s.contains("Partners /grnlf▏ (1 of 12)"), "{s}");
    insta::assert_snapshot!("filter_typing", s);
    press(&mut app, &["enter"]);
    assert_eq!(app.context(), Context::Dashboard);
    assert!(screen(&app, 130, 40).contains("/grnlf (1 of 12)"));
    // The other panes follow the filtered selection.
    assert!(screen(&app, 130, 40).contains("2 Goals · Greenleaf"));
    press(&mut app, &["esc"]);
    assert_eq!(app.pane_len(Pane::Partners), 12);
}

#[test]
fn filters_handle_unicode_field_filters_and_no_matches() {
    let mut app = demo_app(130, 40);
    press(&mut app, &["/"]);
    type_text(&mut app, "森");
    assert_eq!(app.pane_len(Pane::Partners), 1);
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "phase:active");
    let active = app
        .ws()
        .partners
        .iter()
        .filter(|p| p.phase == partnerdeck::model::Phase::Active)
        .count();
    assert_eq!(app.pane_len(Pane::Partners), active);
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "kind:community overdue");
    assert!(app.pane_len(Pane::Partners) >= 1);
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "zzqqxx");
    assert_eq!(app.pane_len(Pane::Partners), 0);
    let s = screen(&app, 130, 40);
    assert!(s.contains("(0 of 12)"), "{s}");
    // Said as a filter that matches nothing, not as an empty workspace.
    assert!(
        s.contains("Nothing matches the filter (Esc clears it)."),
        "{s}"
    );
    assert!(!s.contains("No partners yet"), "{s}");
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "phase:sleepy");
    assert_eq!(
        app.filter_problems(Pane::Partners),
        vec!["phase:sleepy"],
        "an unknown field value is flagged"
    );
    press(&mut app, &["esc"]);
    // The log filters by channel and text, on all partners.
    press(&mut app, &["4", "A", "/"]);
    type_text(&mut app, "channel:event");
    let events = app
        .ws()
        .interactions
        .iter()
        .filter(|i| i.channel == partnerdeck::model::Channel::Event)
        .count();
    assert_eq!(app.pane_len(Pane::Log), events);
}

#[test]
fn ctrl_f_finds_any_record_and_jumps_to_it() {
    let mut app = demo_app(130, 40);
    press(&mut app, &["ctrl-f"]);
    assert_eq!(app.context(), Context::Search);
    type_text(&mut app, "Priya");
    let Some(Overlay::Search(SearchView { hits, .. })) = &app.overlay else {
        panic!()
    };
    assert!(hits.iter().any(|h| h.kind == "contact"), "{hits:?}");
    assert!(hits.iter().any(|h| h.kind == "log entry"));
    insta::assert_snapshot!("search", screen(&app, 130, 40));
    // Pick the first log entry and go to it.
    let i = hits.iter().position(|h| h.kind == "log entry").unwrap();
    let want = hits[i].record;
    for _ in 0..i {
        press(&mut app, &["down"]);
    }
    press(&mut app, &["enter"]);
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Pane::Log);
    let e = &app.ws().interactions[app.selected_row(Pane::Log).unwrap()];
    assert_eq!(partnerdeck::insight::RecordRef::Interaction(e.id), want);
}

#[test]
fn the_palette_lists_every_dashboard_action_and_runs_the_chosen_one() {
    let mut app = demo_app(130, 40);
    press(&mut app, &[":"]);
    let Some(Overlay::Palette(PaletteView { matches, .. })) = &app.overlay else {
        panic!()
    };
    let all = matches.clone();
    for a in Action::ALL
        .iter()
        .filter(|a| a.contexts().contains(&Context::Dashboard) && **a != Action::Palette)
    {
        assert!(all.contains(a), "{a:?} missing from the palette");
        assert!(!app.keymap.keys(*a).is_empty(), "{a:?} has a key too");
    }
    type_text(&mut app, "overview");
    press(&mut app, &["enter"]);
    assert!(
        matches!(app.overlay, Some(Overlay::Overview { .. })),
        "the palette ran the action"
    );
    press(&mut app, &["esc", ":"]);
    type_text(&mut app, "zzzzqq");
    assert!(screen(&app, 130, 40).contains("No action matches"));
    press(&mut app, &["esc"]);
    assert!(app.overlay.is_none());
}

#[test]
fn a_user_keymap_overrides_only_the_keys_it_names_and_help_shows_them() {
    let s = settings("(keymap: { \"quit\": [\"ctrl-q\"], \"down\": [\"n\", \"down\"] })");
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let mut app = demo_app(130, 40);
    app.keymap = s.keymap;
    assert_eq!(
        app.keymap
            .resolve(Key::parse("ctrl-q").unwrap(), Context::Dashboard),
        Some(Action::Quit)
    );
    assert_eq!(
        app.keymap
            .resolve(Key::parse("n").unwrap(), Context::Dashboard),
        Some(Action::Down)
    );
    assert_eq!(
        app.keymap
            .resolve(Key::parse("j").unwrap(), Context::Dashboard),
        None
    );
    assert_eq!(
        app.keymap
            .resolve(Key::parse("?").unwrap(), Context::Dashboard),
        Some(Action::Help)
    );
    press(&mut app, &["n"]);
    assert_eq!(app.cursors[0].selected, 1);
    press(&mut app, &["?"]);
    let text = screen(&app, 130, 40);
    assert!(text.contains("Ctrl-q") && text.contains("n ↓"), "{text}");
}

#[test]
fn the_arrows_preset_and_the_light_theme() {
    let s = settings("(preset: Some(\"arrows\"), theme: Some(\"light\"))");
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(
        s.keymap
            .resolve(Key::parse("j").unwrap(), Context::Dashboard),
        None
    );
    assert_eq!(
        s.keymap
            .resolve(Key::parse("down").unwrap(), Context::Dashboard),
        Some(Action::Down)
    );
    assert_eq!(s.theme, Theme::light());
}

#[test]
fn a_broken_config_is_reported_with_line_and_column_and_defaults_are_used() {
    let s = settings(
        "(\n  keymap: {\n    \"qiut\": [\"x\"],\n    \"down\": [\"hyper-j\"],\n    \"help\": [\"q\"],\n  },\n  theme: Some(\"neon\"),\n)",
    );
    let all = s.warnings.join("\n");
    assert!(all.contains(":3:5: unknown action \"qiut\""), "{all}");
    assert!(all.contains("`hyper-j` is not a key"), "{all}");
    assert!(
        all.contains("q would be bound to both help and "),
        "a conflict is named: {all}"
    );
    assert!(all.contains("unknown theme \"neon\""), "{all}");
    assert_eq!(
        s.keymap
            .resolve(Key::parse("?").unwrap(), Context::Dashboard),
        Some(Action::Help),
        "help keeps its default keys rather than take q from quit"
    );
    assert_eq!(
        s.keymap
            .resolve(Key::parse("q").unwrap(), Context::Dashboard),
        Some(Action::Quit)
    );
    let syntax = settings("(keymap: { \"quit\": [\"q\" }");
    assert_eq!(syntax.warnings.len(), 1);
    assert!(
        syntax.warnings[0].contains("config.ron:1:"),
        "{:?}",
        syntax.warnings
    );
    assert!(syntax.warnings[0].contains("using the defaults"));
    assert_eq!(
        syntax
            .keymap
            .resolve(Key::parse("q").unwrap(), Context::Dashboard),
        Some(Action::Quit)
    );
}

#[test]
fn the_printed_default_config_loads_cleanly() {
    let s = settings(&partnerdeck::config::default_text());
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let text = partnerdeck::config::default_text();
    for a in Action::ALL {
        assert!(text.contains(&format!("\"{}\":", a.name())), "{a:?}");
    }
}

#[test]
fn no_color_renders_without_any_colour_but_keeps_selection_and_symbols() {
    let app = demo_app(130, 40);
    let buffer = render_buffer(&app, &Theme::dark().without_color(), 130, 40);
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    let reversed = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
        .count();
    assert!(reversed > 20, "the selection is shown by reverse video");
    let text = partnerdeck::ui::headless::buffer_text(&buffer);
    assert!(
        text.contains("✓ ") && text.contains("! "),
        "states carry symbols"
    );
}
