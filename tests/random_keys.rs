//! Property test: any sequence of keys, in any mode (forms, reviews, filters, palette, lists),
//! never panics the app, never renders outside the screen, and never leaves an invalid
//! workspace behind.

use partnerdeck::app::{App, Source};
use partnerdeck::keymap::{Key, KeyCode};
use partnerdeck::model::validate;
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_buffer;
use proptest::prelude::*;

/// A random key: a named key or a character, now and then with Ctrl.
fn any_key() -> impl Strategy<Value = Key> {
    let named = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
    ];
    let chars = proptest::sample::select(
        "aedlxuprRcwtoAsjkgG/:?123450nyz[].+- é漢\u{1b}"
            .chars()
            .collect::<Vec<_>>(),
    )
    .prop_map(KeyCode::Char);
    (prop_oneof![3 => chars, 2 => named], any::<bool>(), 0u8..10).prop_map(|(code, ctrl, r)| Key {
        code,
        // Ctrl now and then (Ctrl-r, Ctrl-f, Ctrl-u, Ctrl-n…); never Ctrl-e (it would wait for an editor).
        ctrl: ctrl && r == 0 && code != KeyCode::Char('e'),
        alt: false,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_keys_never_panic_and_keep_the_workspace_valid(
        keys in proptest::collection::vec(any_key(), 1..160),
        (w, h) in (20u16..160, 6u16..50),
    ) {
        let mut app = App::new(demo_workspace(DEMO_ANCHOR), DEMO_ANCHOR, Source::Memory);
        app.resize(w, h);
        let theme = Theme::dark();
        for (n, k) in keys.iter().enumerate() {
            app.handle_key(*k);
            app.take_editor_request();
            if n % 16 == 0 {
                render_buffer(&app, &theme, w, h);
            }
        }
        render_buffer(&app, &theme, w, h);
        prop_assert!(validate(app.ws()).is_empty(), "{:?}", validate(app.ws()));
    }
}
