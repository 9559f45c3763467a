//! The user's configuration file (RON): a keymap section that overrides only the bindings it
//! names (over the defaults in `assets/keymap.ron`), a preset (vim keys and arrows, or arrows
//! only) and a theme (dark or light; `NO_COLOR` always wins). A broken file never stops the
//! app: every problem is reported with its line and column and the defaults are used.

use crate::action::Action;
use crate::keymap::{Key, Keymap};
use crate::ui::Theme;
use directories::ProjectDirs;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConfigFile {
    preset: Option<String>,
    theme: Option<String>,
    keymap: BTreeMap<String, Vec<String>>,
}

/// What the configuration gives the app.
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// Problems found, each a sentence with the file, line and column.
    pub warnings: Vec<String>,
}

/// The per-user default path, e.g. `~/.config/partnerdeck/config.ron` on Linux.
pub fn default_path() -> Option<PathBuf> {
    ProjectDirs::from("org", "partnerdeck", "partnerdeck")
        .map(|d| d.config_dir().join("config.ron"))
}

/// Keys the arrows-only preset removes from navigation.
const VIM_NAVIGATION: [&str; 6] = ["j", "k", "g", "G", "ctrl-d", "ctrl-u"];

/// The full default configuration, commented, for `partnerdeck config --print-default`.
pub fn default_text() -> String {
    let mut out = String::from(
        "// partnerdeck configuration. Save as the file `partnerdeck config --path` shows, or pass\n\
         // --config PATH (or set PARTNERDECK_CONFIG). Every setting is optional.\n\
         (\n\
         \x20 // \"vim\": vim keys and arrows (the default); \"arrows\": arrows, PgUp/PgDn, Home/End only.\n\
         \x20 preset: Some(\"vim\"),\n\
         \x20 // \"dark\" or \"light\". NO_COLOR in the environment always turns colour off.\n\
         \x20 theme: Some(\"dark\"),\n\
         \x20 // Name only the actions you want to change; the rest keep their keys.\n\
         \x20 // Keys: \"q\", \"G\", \"?\", \"ctrl-x\", \"alt-x\", enter esc tab shift-tab up down left right\n\
         \x20 // home end pgup pgdn backspace delete space f1..f12.\n\
         \x20 keymap: {\n",
    );
    let km = Keymap::default();
    for action in Action::ALL {
        let keys: Vec<String> = km
            .keys(*action)
            .iter()
            .map(|k| format!("\"{}\"", key_name(*k)))
            .collect();
        out.push_str(&format!(
            "    // {}\n    \"{}\": [{}],\n",
            action.help(),
            action.name(),
            keys.join(", ")
        ));
    }
    out.push_str("  },\n)\n");
    out
}

/// A key as the config file spells it.
fn key_name(key: Key) -> String {
    use crate::keymap::KeyCode as K;
    let mut s = String::new();
    if key.ctrl {
        s.push_str("ctrl-");
    }
    if key.alt {
        s.push_str("alt-");
    }
    let code = match key.code {
        K::Char(' ') => "space".to_string(),
        K::Char(c) => c.to_string(),
        K::Enter => "enter".into(),
        K::Esc => "esc".into(),
        K::Tab => "tab".into(),
        K::BackTab => "shift-tab".into(),
        K::Up => "up".into(),
        K::Down => "down".into(),
        K::Left => "left".into(),
        K::Right => "right".into(),
        K::Home => "home".into(),
        K::End => "end".into(),
        K::PageUp => "pgup".into(),
        K::PageDown => "pgdn".into(),
        K::Backspace => "backspace".into(),
        K::Delete => "delete".into(),
        K::Insert => "insert".into(),
        K::F(n) => format!("f{n}"),
    };
    s.push_str(&code);
    s
}

/// The line of the first `"needle"` in the text (1-based), for messages.
fn line_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{needle}\"");
    text.lines()
        .enumerate()
        .find_map(|(i, l)| l.find(&quoted).map(|c| (i + 1, l[..c].chars().count() + 1)))
}

/// Loads settings from `path` (missing file: defaults, no warnings).
pub fn load(path: &Path, no_color: bool) -> Settings {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return settings(
                ConfigFile::default(),
                "",
                path,
                no_color,
                vec![format!(
                    "{}: cannot read: {e}; using the defaults",
                    path.display()
                )],
            );
        }
    };
    if text.trim().is_empty() {
        return settings(ConfigFile::default(), "", path, no_color, Vec::new());
    }
    match crate::store::parse::<ConfigFile>(&text) {
        Ok(file) => settings(file, &text, path, no_color, Vec::new()),
        Err(e) => settings(
            ConfigFile::default(),
            "",
            path,
            no_color,
            vec![format!(
                "{}:{}:{}: {}; using the defaults",
                path.display(),
                e.line,
                e.col,
                e.message
            )],
        ),
    }
}

fn settings(
    file: ConfigFile,
    text: &str,
    path: &Path,
    no_color: bool,
    mut warnings: Vec<String>,
) -> Settings {
    let at = |needle: &str| {
        line_of(text, needle).map_or(path.display().to_string(), |(l, c)| {
            format!("{}:{l}:{c}", path.display())
        })
    };
    let base = Keymap::default();
    let mut bindings: BTreeMap<Action, Vec<Key>> = Action::ALL
        .iter()
        .map(|a| (*a, base.keys(*a).to_vec()))
        .collect();
    match file.preset.as_deref() {
        None | Some("vim") | Some("default") => {}
        Some("arrows") => {
            let vim: Vec<Key> = VIM_NAVIGATION
                .iter()
                .filter_map(|k| Key::parse(k).ok())
                .collect();
            for a in [
                Action::Down,
                Action::Up,
                Action::First,
                Action::Last,
                Action::PageDown,
                Action::PageUp,
            ] {
                if let Some(keys) = bindings.get_mut(&a) {
                    keys.retain(|k| !vim.contains(k));
                }
            }
        }
        Some(other) => warnings.push(format!(
            "{}: unknown preset \"{other}\" (use \"vim\" or \"arrows\")",
            at(other)
        )),
    }
    let mut changed: Vec<Action> = Vec::new();
    for (name, keys) in &file.keymap {
        let Some(action) = Action::from_name(name) else {
            warnings.push(format!(
                "{}: unknown action \"{name}\" (see `partnerdeck config --print-default`)",
                at(name)
            ));
            continue;
        };
        let mut parsed = Vec::new();
        for k in keys {
            match Key::parse(k) {
                Ok(key) => parsed.push(key),
                Err(e) => warnings.push(format!("{}: {e}", at(k))),
            }
        }
        bindings.insert(action, parsed);
        changed.push(action);
    }
    let keymap = Keymap::from_bindings_map(bindings);
    // Report keys the user's changes made ambiguous: bound to two actions in one context.
    for action in &changed {
        for key in keymap.keys(*action) {
            for context in action.contexts() {
                if let Some(winner) = keymap.resolve(*key, *context)
                    && winner != *action
                    && !base.keys(*action).contains(key)
                {
                    warnings.push(format!(
                        "{}: {} is also bound to {} in the {context:?} context; {} wins there",
                        at(action.name()),
                        key,
                        winner.name(),
                        winner.name()
                    ));
                }
            }
        }
    }
    let theme = match file.theme.as_deref() {
        None | Some("dark") => Theme::dark(),
        Some("light") => Theme::light(),
        Some(other) => {
            warnings.push(format!(
                "{}: unknown theme \"{other}\" (use \"dark\" or \"light\")",
                at(other)
            ));
            Theme::dark()
        }
    };
    let theme = if no_color {
        theme.without_color()
    } else {
        theme
    };
    Settings {
        keymap,
        theme,
        warnings,
    }
}

/// `NO_COLOR` set (and not empty) in the environment.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
