//! Keys → actions. The defaults ship in `assets/keymap.ron`; the help overlay and the footer are
//! generated from the same bindings, so they always show what really works.

mod key;
pub mod legend;

pub use key::{Key, KeyCode, UnknownKey};

use crate::action::{Action, Context};
use std::collections::{BTreeMap, HashMap};

/// The default bindings' text.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");

/// Why a keymap's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// Not RON of the expected shape (`line:col: what`).
    #[error(transparent)]
    Syntax(#[from] crate::ron_text::ParseError),
    #[error("unknown action `{0}`")]
    UnknownAction(String),
    #[error(transparent)]
    Key(#[from] UnknownKey),
}

/// The effective bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    by_action: HashMap<Action, Vec<Key>>,
    by_key: HashMap<Key, Vec<Action>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_ron(DEFAULT_KEYMAP).expect("the bundled keymap is valid (checked by tests)")
    }
}

impl Keymap {
    /// Builds a keymap from `{ "action": ["key", …], … }` text.
    pub fn from_ron(text: &str) -> Result<Keymap, KeymapError> {
        let raw: BTreeMap<String, Vec<String>> = crate::ron_text::parse(text)?;
        let mut by_action: HashMap<Action, Vec<Key>> = HashMap::new();
        for (name, keys) in raw {
            let action = Action::from_name(&name).ok_or(KeymapError::UnknownAction(name))?;
            let keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()?;
            by_action.insert(action, keys);
        }
        Ok(Keymap::from_bindings(by_action))
    }

    /// A keymap from explicit bindings (the config file's merge result).
    pub fn from_bindings_map(bindings: BTreeMap<Action, Vec<Key>>) -> Keymap {
        Keymap::from_bindings(bindings.into_iter().collect())
    }

    fn from_bindings(by_action: HashMap<Action, Vec<Key>>) -> Keymap {
        let mut by_key: HashMap<Key, Vec<Action>> = HashMap::new();
        for action in Action::ALL {
            for key in by_action.get(action).into_iter().flatten() {
                by_key.entry(*key).or_default().push(*action);
            }
        }
        Keymap { by_action, by_key }
    }

    /// The action a key triggers in a context, if any.
    pub fn resolve(&self, key: Key, context: Context) -> Option<Action> {
        self.by_key
            .get(&key)?
            .iter()
            .copied()
            .find(|a| a.contexts().contains(&context))
    }

    /// The action a key triggers through layers of contexts, the first (what is open) before
    /// those below it (e.g. a form, then the text field being typed in). Below the first layer,
    /// a named key pressed with Ctrl or Alt that nothing binds acts as the plain key (`Ctrl-←`
    /// in a choice field is `←`), as text fields have always taken them.
    pub fn resolve_in(&self, key: Key, layers: &[Context]) -> Option<Action> {
        layers
            .iter()
            .find_map(|c| self.resolve(key, *c))
            .or_else(|| {
                let plain = key.unmodified()?;
                layers.iter().skip(1).find_map(|c| self.resolve(plain, *c))
            })
    }

    /// The keys that really trigger an action through layers of contexts (a key an upper layer
    /// takes does not count).
    pub fn keys_through(&self, action: Action, layers: &[Context]) -> Vec<Key> {
        self.keys(action)
            .iter()
            .copied()
            .filter(|k| layers.iter().find_map(|c| self.resolve(*k, *c)) == Some(action))
            .collect()
    }

    /// The first key that triggers an action through layers, as shown (`Enter`, `↑`), or `—`
    /// when no key does: what a hint names.
    pub fn key_text(&self, action: Action, layers: &[Context]) -> String {
        self.keys_through(action, layers)
            .first()
            .map_or_else(|| "—".to_string(), ToString::to_string)
    }

    /// Every key that triggers an action through layers, as shown, joined with `sep` (`c or
    /// Esc`), or `—` when no key does.
    pub fn keys_joined(&self, action: Action, layers: &[Context], sep: &str) -> String {
        let keys = self.keys_through(action, layers);
        if keys.is_empty() {
            return "—".into();
        }
        keys.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// The keys bound to an action, in the order they were given.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys of an action joined for display, e.g. `j ↓`.
    pub fn keys_text(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The keys that really trigger an action in a context (a key bound to two actions goes to
    /// the first one valid there).
    pub fn keys_in(&self, action: Action, context: Context) -> Vec<Key> {
        self.keys(action)
            .iter()
            .copied()
            .filter(|k| self.resolve(*k, context) == Some(action))
            .collect()
    }

    /// Every action that works in a context, in help order, with the keys that trigger it there.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<Key>)> {
        Action::ALL
            .iter()
            .filter(|a| a.contexts().contains(&context))
            .map(|a| (*a, self.keys_in(*a, context)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keymap_binds_every_action() {
        let km = Keymap::default();
        for a in Action::ALL {
            assert!(!km.keys(*a).is_empty(), "{a:?} has no key");
        }
        assert_eq!(
            km.resolve(Key::char('q'), Context::Dashboard),
            Some(Action::Quit)
        );
        assert_eq!(
            km.resolve(Key::ctrl('c'), Context::Dashboard),
            Some(Action::Quit)
        );
        assert_eq!(
            km.resolve(Key::char('j'), Context::Help),
            Some(Action::Down)
        );
        assert_eq!(
            km.resolve(Key::char('q'), Context::Help),
            Some(Action::Back)
        );
        let dashboard = km.bindings(Context::Dashboard);
        let back = dashboard.iter().find(|(a, _)| *a == Action::Back).unwrap();
        assert_eq!(back.1, vec![Key::plain(KeyCode::Esc)], "q quits there");
    }

    #[test]
    fn layers_resolve_top_first_and_modified_named_keys_fall_back_below_the_top() {
        let km = Keymap::default();
        let form_text = [Context::Form, Context::Text];
        let form_choice = [Context::Form, Context::Choice];
        // The form's own keys first: Ctrl-e edits in $EDITOR there, goes to the end elsewhere.
        assert_eq!(
            km.resolve_in(Key::ctrl('e'), &form_text),
            Some(Action::OpenEditor)
        );
        assert_eq!(
            km.resolve_in(Key::ctrl('e'), &[Context::Filter, Context::Text]),
            Some(Action::LineEnd)
        );
        let ctrl_left = Key {
            ctrl: true,
            ..Key::plain(KeyCode::Left)
        };
        assert_eq!(km.resolve_in(ctrl_left, &form_text), Some(Action::WordLeft));
        assert_eq!(
            km.resolve_in(ctrl_left, &form_choice),
            Some(Action::ChoicePrev),
            "a choice takes Ctrl-← as ←"
        );
        // Not on the top layer: Ctrl-↓ on the dashboard stays unbound.
        let ctrl_down = Key {
            ctrl: true,
            ..Key::plain(KeyCode::Down)
        };
        assert_eq!(km.resolve_in(ctrl_down, &[Context::Dashboard]), None);
        // Characters never fall back, and plain ones are typed.
        assert_eq!(km.resolve_in(Key::char('x'), &form_text), None);
        assert_eq!(Key::char('x').typed(), Some('x'));
        assert_eq!(Key::ctrl('x').typed(), None);
        // Hints name the keys through the layers.
        assert_eq!(km.key_text(Action::Submit, &form_text), "Enter");
        assert_eq!(
            km.keys_joined(Action::ContinueReview, &[Context::ReviewPrompt], " or "),
            "c or Esc"
        );
    }

    #[test]
    fn a_refused_keymap_says_why_in_the_same_words() {
        let err = Keymap::from_ron(r#"{ "nope": ["q"] }"#).unwrap_err();
        assert_eq!(err, KeymapError::UnknownAction("nope".into()));
        assert_eq!(err.to_string(), "unknown action `nope`");
        let err = Keymap::from_ron(r#"{ "quit": ["hyper-q"] }"#).unwrap_err();
        assert_eq!(err.to_string(), "`hyper-q` is not a key I know");
        let err = Keymap::from_ron("{ \"quit\": [\"q\" }").unwrap_err();
        assert!(matches!(err, KeymapError::Syntax(_)));
        assert!(err.to_string().starts_with("1:"), "{err}");
    }
}
