//! The user's configuration file (RON): a keymap section that overrides only the bindings it
//! names (over the defaults in `assets/keymap.ron`), a preset (vim keys and arrows, or arrows
//! only) and a theme (dark or light; `NO_COLOR` always wins). A broken file never stops the
//! app: every problem is reported with its line and column and the defaults are used.

use crate::action::{Action, Context};
use crate::keymap::{Key, Keymap};
use crate::text::{MESSAGE_VALUE, excerpt};
use crate::ui::Theme;
use directories::ProjectDirs;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConfigFile {
    preset: Option<String>,
    theme: Option<String>,
    keymap: BTreeMap<String, Vec<String>>,
    ingest: Vec<String>,
    name: Option<String>,
}

/// What the configuration gives the app.
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    /// Problems found, each a sentence with the file, line and column.
    pub warnings: Vec<String>,
    /// The mail, calendar and contact folders `ingest` and the review queue read (`~/`
    /// expanded).
    pub ingest: Vec<PathBuf>,
    /// Your name as the team sees it, when git does not say (`user.name` of the clone).
    pub name: Option<String>,
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
         \x20 // Mail (Maildir, mbox), calendar (.ics, vdir) and contact (.vcf) folders and files that\n\
         \x20 // `partnerdeck ingest` and the dashboard's review queue read, e.g. [\"~/Mail/work/INBOX\"].\n\
         \x20 ingest: [],\n\
         \x20 // Your name as your team sees it on what you add and change, when git does not give one\n\
         \x20 // (`git config user.name` of the clone the file is in), e.g. Some(\"Ana Ruiz\").\n\
         \x20 name: None,\n\
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
            .map(|k| format!("\"{}\"", k.config_name()))
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

/// Where each quoted string of the text first appears (1-based line and column), found in one
/// pass, for messages: looking each one up through the whole text made a file of many unknown
/// actions take time growing with the square of their number.
struct Places<'a> {
    first: HashMap<&'a str, (usize, usize)>,
}

impl<'a> Places<'a> {
    fn of(text: &'a str) -> Places<'a> {
        let mut first = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let mut rest = line;
            let mut col = 1;
            while let Some(open) = rest.find('"') {
                col += rest[..open].chars().count();
                let after = &rest[open + 1..];
                let Some(close) = after.find('"') else { break };
                first.entry(&after[..close]).or_insert((i + 1, col));
                col += after[..close].chars().count() + 2;
                rest = &after[close + 1..];
            }
        }
        Places { first }
    }

    /// `path:line:col` of the first `"needle"`, or the path alone.
    fn at(&self, path: &Path, needle: &str) -> String {
        match self.first.get(needle) {
            Some((l, c)) => format!("{}:{l}:{c}", path.display()),
            None => path.display().to_string(),
        }
    }
}

/// A larger configuration file is refused (it would only be a mistake; a full one is 5 kB).
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// At most this many problems are listed; the rest are counted.
const MAX_WARNINGS: usize = 50;

/// What a message quotes of the user's text.
fn q(text: &str) -> String {
    excerpt(text, MESSAGE_VALUE)
}

/// Loads settings from `path` (missing file: defaults, no warnings).
pub fn load(path: &Path, no_color: bool) -> Settings {
    // `place` is the path, or the path with a line and column.
    let defaults = |place: String, why: String| {
        settings(
            ConfigFile::default(),
            "",
            path,
            no_color,
            vec![format!("{place}: {why}; using the defaults")],
        )
    };
    let whole = || path.display().to_string();
    let text = match crate::store::read_regular(path, Some(MAX_CONFIG_BYTES)) {
        Ok(None) => String::new(),
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                return defaults(
                    whole(),
                    format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to() + 1),
                );
            }
        },
        Err(e) => return defaults(whole(), format!("cannot read: {e}")),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return settings(ConfigFile::default(), "", path, no_color, Vec::new());
    }
    match crate::ron_text::parse::<ConfigFile>(text) {
        Ok(file) => settings(file, text, path, no_color, Vec::new()),
        Err(e) => defaults(
            format!("{}:{}:{}", path.display(), e.line, e.col),
            excerpt(&e.message, 400),
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
    let places = Places::of(text);
    let at = |needle: &str| places.at(path, needle);
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
            "{}: unknown preset \"{}\" (use \"vim\" or \"arrows\")",
            at(other),
            q(other)
        )),
    }
    // The bindings before the user's keymap section: what an action goes back to.
    let defaults = bindings.clone();
    let changed = apply_keymap(&file.keymap, &mut bindings, &places, path, &mut warnings);
    undo_clashes(
        &mut bindings,
        &defaults,
        changed,
        &places,
        path,
        &mut warnings,
    );
    keep_ways_out(&mut bindings, &defaults, path, &mut warnings);
    let keymap = Keymap::from_bindings_map(bindings);
    let theme = match file.theme.as_deref() {
        None | Some("dark") => Theme::dark(),
        Some("light") => Theme::light(),
        Some(other) => {
            warnings.push(format!(
                "{}: unknown theme \"{}\" (use \"dark\" or \"light\")",
                at(other),
                q(other)
            ));
            Theme::dark()
        }
    };
    let theme = if no_color {
        theme.without_color()
    } else {
        theme
    };
    if warnings.len() > MAX_WARNINGS {
        let more = warnings.len() - MAX_WARNINGS;
        warnings.truncate(MAX_WARNINGS);
        warnings.push(format!(
            "{}: … and {more} more problems like these",
            path.display()
        ));
    }
    Settings {
        keymap,
        theme,
        warnings,
        name: file.name.clone(),
        ingest: file
            .ingest
            .iter()
            .map(|p| crate::ingest::read::expand_home(p))
            .collect(),
    }
}

/// An action's keys, for every action.
type Bindings = BTreeMap<Action, Vec<Key>>;

/// Puts the keymap section's keys over `bindings`, with a warning for every unknown action or
/// key; gives the actions it changed.
fn apply_keymap(
    keymap: &BTreeMap<String, Vec<String>>,
    bindings: &mut Bindings,
    places: &Places<'_>,
    path: &Path,
    warnings: &mut Vec<String>,
) -> Vec<Action> {
    let at = |needle: &str| places.at(path, needle);
    let mut changed: Vec<Action> = Vec::new();
    for (name, keys) in keymap {
        let Some(action) = Action::from_name(name) else {
            warnings.push(format!(
                "{}: unknown action \"{}\" (see `partnerdeck config --print-default`)",
                at(name),
                q(name)
            ));
            continue;
        };
        let mut parsed = Vec::new();
        for k in keys {
            match Key::parse(k) {
                // Ctrl-c always quits (the dashboard takes it before any binding).
                Ok(key) if key == Key::ctrl('c') && action != Action::Quit => {
                    warnings.push(format!(
                        "{}: Ctrl-c always quits; it cannot be bound to {}",
                        at(k),
                        action.name()
                    ));
                }
                Ok(key) => parsed.push(key),
                Err(e) => warnings.push(format!("{}: {e}", at(k))),
            }
        }
        if parsed.is_empty() && !keys.is_empty() {
            // Every key was wrong: rather keep the keys it had than leave it with none.
            warnings.push(format!(
                "{}: {} keeps its default keys",
                at(name),
                action.name()
            ));
            continue;
        }
        bindings.insert(action, parsed);
        changed.push(action);
    }
    changed
}

/// A key the changes bind to two actions in one place would silently do only one of them:
/// reports it, and gives both actions back their default keys. Going back can only remove
/// changes, so this ends.
fn undo_clashes(
    bindings: &mut Bindings,
    defaults: &Bindings,
    mut changed: Vec<Action>,
    places: &Places<'_>,
    path: &Path,
    warnings: &mut Vec<String>,
) {
    let at = |needle: &str| places.at(path, needle);
    loop {
        let mut clash: Option<(Action, Action, Key, Context)> = None;
        'find: for action in &changed {
            for key in &bindings[action] {
                if defaults[action].contains(key) {
                    continue;
                }
                for context in action.contexts() {
                    if let Some(other) = Action::ALL.iter().copied().find(|o| {
                        o != action && o.contexts().contains(context) && bindings[o].contains(key)
                    }) {
                        clash = Some((*action, other, *key, *context));
                        break 'find;
                    }
                }
            }
        }
        let Some((action, other, key, context)) = clash else {
            break;
        };
        let name = |a: Action| a.name();
        warnings.push(format!(
            "{}: {key} would be bound to both {} and {} in the {context:?} context; both keep \
             their default keys",
            at(action.name()),
            name(action),
            name(other)
        ));
        for a in [action, other] {
            bindings.insert(a, defaults[&a].clone());
            changed.retain(|c| *c != a);
        }
    }
}

/// Every view must keep a key that leaves it; a keymap that takes the last one away gives
/// the actions involved their default keys back. (Ctrl-c quits whatever the keymap says.)
fn keep_ways_out(
    bindings: &mut Bindings,
    defaults: &Bindings,
    path: &Path,
    warnings: &mut Vec<String>,
) {
    let trapped = no_way_out(&Keymap::from_bindings_map(bindings.clone()));
    if !trapped.is_empty() {
        for (context, exits) in &trapped {
            let exits: Vec<&str> = exits.iter().map(|a| a.name()).collect();
            warnings.push(format!(
                "{}: no way out of the {context:?} view: nothing is bound to {}; they keep \
                 their default keys",
                path.display(),
                exits.join(" or ")
            ));
        }
        for exits in trapped.iter().map(|(_, e)| e) {
            for a in exits.iter() {
                bindings.insert(*a, defaults[a].clone());
            }
        }
    }
}

/// The views a keymap leaves no way out of, each with the actions that would leave it: the
/// dashboard needs `quit` (or the palette, which runs it by name, and `submit` there); every
/// view over it needs its `back`, `cancel` or `no`.
pub fn no_way_out(keymap: &Keymap) -> Vec<(Context, Vec<Action>)> {
    use Action as A;
    use Context as C;
    let works = |action: Action, context: Context| !keymap.keys_in(action, context).is_empty();
    let mut out = Vec::new();
    let dashboard_exit = works(A::Quit, C::Dashboard)
        || (works(A::Palette, C::Dashboard) && works(A::Submit, C::Palette));
    if !dashboard_exit {
        out.push((C::Dashboard, vec![A::Quit, A::Palette]));
    }
    let exits: [(Context, &[Action]); 14] = [
        (C::Help, &[A::Back]),
        (C::Detail, &[A::Back]),
        (C::Attention, &[A::Back]),
        (C::Overview, &[A::Back]),
        (C::Records, &[A::Back]),
        (C::Conflicts, &[A::Back]),
        (C::Reconcile, &[A::Back]),
        (C::Ingest, &[A::Back]),
        (C::Form, &[A::Cancel]),
        (C::Review, &[A::Cancel]),
        (C::Filter, &[A::Cancel, A::Submit]),
        (C::Palette, &[A::Cancel]),
        (C::Search, &[A::Cancel]),
        (C::Confirm, &[A::No, A::Yes]),
    ];
    for (context, actions) in exits {
        if !actions.iter().any(|a| works(*a, context)) {
            out.push((context, actions.to_vec()));
        }
    }
    out
}

/// The folders the configuration at `path` names for `ingest` (none without a file).
pub fn watched(path: Option<&Path>) -> Vec<PathBuf> {
    path.map(|p| load(p, false).ingest).unwrap_or_default()
}

/// `NO_COLOR` set (and not empty) in the environment.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Applies the configuration file at `path` (when there is one) to an app, the one way the
/// dashboard and `render` take it: the keys go to the app; the theme (`NO_COLOR` heeded) and
/// the problems found come back, for the caller to show as it shows things.
pub fn apply(path: Option<&Path>, app: &mut crate::app::App) -> (Theme, Vec<String>) {
    match path {
        Some(path) => {
            let settings = load(path, no_color_env());
            app.keymap = settings.keymap;
            app.watch_folders(settings.ingest);
            (settings.theme, settings.warnings)
        }
        None => (Theme::from_env(), Vec::new()),
    }
}
