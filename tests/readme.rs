//! The README's key table matches the real keymap: every documented key triggers the documented
//! action, and every action is documented.

use partnerdeck::action::Action;
use partnerdeck::keymap::{Key, Keymap};

fn readme_key(text: &str) -> Key {
    let text = match text {
        "↓" => "down",
        "↑" => "up",
        "←" => "left",
        "→" => "right",
        other => other,
    };
    // Single characters stay case-sensitive (`G` is not `g`); named keys are not.
    let text = if text.chars().count() == 1 {
        text.to_string()
    } else {
        text.to_lowercase()
    };
    Key::parse(&text).unwrap_or_else(|e| panic!("README key `{text}`: {e}"))
}

#[test]
fn every_documented_key_exists_and_every_action_is_documented() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let keymap = Keymap::default();
    let section = readme
        .split("## Keys")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let mut documented = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let keys: Vec<&str> = cells[1]
            .split('`')
            .filter(|s| !s.trim().is_empty())
            .collect();
        let name = cells[2].trim_matches('`');
        let action = Action::from_name(name).unwrap_or_else(|| panic!("README names `{name}`"));
        for k in keys {
            let key = readme_key(k);
            assert!(
                keymap.keys(action).contains(&key),
                "README: `{k}` does not trigger {name}"
            );
        }
        documented.push(action);
    }
    for action in Action::ALL {
        assert!(
            documented.contains(action),
            "{action:?} is not in the README's key table"
        );
    }
}
