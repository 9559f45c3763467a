//! The conflict list's and the full view's words: the record by kind and title, who made a side
//! and when (a relative day), and a value in full, line by line (a list item by item, a whole
//! record field by field, a long text wrapped).

use crate::app::detail::wrap_text;
use crate::model::conflict_words::{Which, field_words, record_title, side_by, title_in, words};
use crate::model::{MergeConflict, Workspace};
use chrono::NaiveDate;
use serde_json::Value;

pub use crate::words::day_words;

/// The record a conflict is about, by kind and title: `goal “Signups”`, `profile`, or the kind
/// and short id when no side says its title.
pub fn record_words(ws: &Workspace, c: &MergeConflict) -> String {
    if c.id == 0 {
        return c.kind.clone();
    }
    let title = title_in(ws, &c.kind, c.id)
        .or_else(|| record_title(&c.kind, &c.theirs))
        .or_else(|| record_title(&c.kind, &c.ours))
        .or_else(|| record_title(&c.kind, &c.base));
    match title {
        Some(t) => format!("{} “{t}”", c.kind),
        None => format!("{} #{}", c.kind, crate::model::ids::short(c.id)),
    }
}

/// The record and the field in words: `goal “Signups” · cadence`.
pub fn heading(ws: &Workspace, c: &MergeConflict) -> String {
    format!("{} · {}", record_words(ws, c), field_words(c))
}

/// [`heading`] in at most `width` cells: a long title gives way first, so the field shows.
pub fn heading_in(ws: &Workspace, c: &MergeConflict, width: usize) -> String {
    let (record, field) = (record_words(ws, c), field_words(c));
    let room = width.saturating_sub(crate::text::width(&field) + 3).max(16);
    if crate::text::width(&record) <= room {
        format!("{record} · {field}")
    } else {
        format!("{} · {field}", crate::text::fit(&record, room))
    }
}

/// Who made a side and when: "by Bo Chen yesterday" (empty when the file does not say).
pub fn by_words(ws: &Workspace, c: &MergeConflict, which: Which, today: NaiveDate) -> String {
    side_by(ws, c, which, |d| day_words(d, today))
        .map(|s| format!("by {s}"))
        .unwrap_or_default()
}

/// How a line of the full view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The record and field.
    Heading,
    /// A side's name, who made it and when.
    Label,
    Ours,
    Theirs,
    Base,
    /// A remark (the field in words, "who and when: not recorded").
    Dim,
}

/// The full view of conflict `c` at `width` cells: the record and field, then ours, theirs and
/// what it was, each with who made it and when, every value in full (wrapped, never cut).
pub fn full_lines(
    ws: &Workspace,
    c: &MergeConflict,
    today: NaiveDate,
    width: usize,
) -> Vec<(Tone, String)> {
    let mut out = Vec::new();
    for part in wrap_text(&heading(ws, c), width) {
        out.push((Tone::Heading, part));
    }
    let sides = [
        (Which::Ours, "Ours (kept until decided)", Tone::Ours),
        (Which::Theirs, "Theirs", Tone::Theirs),
        (Which::Base, "Was (before either change)", Tone::Base),
    ];
    for (which, name, tone) in sides {
        out.push((Tone::Dim, String::new()));
        let by = match which {
            Which::Base => String::new(),
            _ => match side_by(ws, c, which, |d| format!("{} ({d})", day_words(d, today))) {
                Some(s) => format!(" · by {s}"),
                None => " · who and when: not recorded".into(),
            },
        };
        for part in wrap_text(&format!("{name}{by}"), width) {
            out.push((Tone::Label, part));
        }
        let text = match which {
            Which::Base => &c.base,
            Which::Ours => &c.ours,
            Which::Theirs => &c.theirs,
        };
        for line in value_lines(ws, &c.kind, text) {
            for part in wrap_text(&line, width.saturating_sub(2).max(8)) {
                out.push((tone, format!("  {part}")));
            }
        }
    }
    out
}

/// A value in full, line by line: a list item by item, a whole record field by field, a text
/// as its lines.
pub fn value_lines(ws: &Workspace, kind: &str, text: &str) -> Vec<String> {
    let t = text.trim();
    if t.is_empty() || t == "None" || t.starts_with("deleted") {
        return vec![words(kind, t)];
    }
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return json_lines(kind, &v);
    }
    // A whole record (RON): its title, then each field.
    match record_json(kind, t) {
        Some(Value::Object(m)) => {
            let mut out = vec![words(kind, t)];
            for (k, v) in m {
                if k == "authors" || k == "id" {
                    continue;
                }
                let value = match (k.as_str(), &v) {
                    ("partner", Value::Number(n)) => n
                        .as_u64()
                        .and_then(|id| ws.partner_name(crate::model::PartnerId(id)))
                        .map_or_else(|| n.to_string(), str::to_string),
                    _ => json_lines(kind, &v).join("; "),
                };
                out.push(format!("{}: {value}", k.replace('_', " ")));
            }
            out
        }
        _ => t.lines().map(str::to_string).collect(),
    }
}

/// A whole record's RON text as JSON, read as its kind (so that its enums keep their names).
fn record_json(kind: &str, ron_text: &str) -> Option<Value> {
    use crate::model::*;
    fn read<T: serde::de::DeserializeOwned + serde::Serialize>(t: &str) -> Option<Value> {
        serde_json::to_value(ron::from_str::<T>(t).ok()?).ok()
    }
    match kind {
        "partner" => read::<Partner>(ron_text),
        "goal" => read::<Goal>(ron_text),
        "milestone" => read::<Milestone>(ron_text),
        "log entry" => read::<Interaction>(ron_text),
        "commitment" => read::<Commitment>(ron_text),
        "review" => read::<Review>(ron_text),
        "celebration" => read::<Celebration>(ron_text),
        _ => None,
    }
}

fn json_lines(kind: &str, v: &Value) -> Vec<String> {
    let one = |v: &Value| words(kind, &v.to_string());
    match v {
        Value::String(s) if !s.is_empty() => s.lines().map(str::to_string).collect(),
        Value::Array(items) if !items.is_empty() => {
            items.iter().map(|i| format!("• {}", one(i))).collect()
        }
        Value::Object(m) if m.len() > 1 && !known_shape(m) => m
            .iter()
            .map(|(k, v)| format!("{}: {}", k.replace('_', " "), one(v)))
            .collect(),
        _ => vec![one(v)],
    }
}

/// An object the model's words say in one phrase (a cadence, a contact, a promise).
fn known_shape(m: &serde_json::Map<String, Value>) -> bool {
    ["ideal_days", "email", "due"]
        .iter()
        .any(|k| m.contains_key(*k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Goal;

    #[test]
    fn a_long_title_gives_way_to_the_field() {
        let c = MergeConflict {
            kind: "log entry".into(),
            id: 74,
            field: "(deleted)".into(),
            base: String::new(),
            ours: "deleted".into(),
            theirs: String::new(),
            ours_by: None,
            theirs_by: None,
        };
        let ws = Workspace::default();
        let h = heading_in(&ws, &c, 40);
        assert!(
            h.ends_with(" · changed on one side, deleted on the other"),
            "{h}"
        );
        assert!(h.starts_with("log entry #"), "{h}");
    }

    #[test]
    fn days_read_relative_to_today() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = d("2026-12-07");
        assert_eq!(day_words(d("2026-12-07"), today), "today");
        assert_eq!(day_words(d("2026-12-06"), today), "yesterday");
        assert_eq!(day_words(d("2026-12-03"), today), "3 Dec");
        assert_eq!(day_words(d("2025-12-03"), today), "3 Dec 2025");
    }

    #[test]
    fn values_in_full_go_line_by_line() {
        let ws = Workspace::default();
        assert_eq!(
            value_lines(&ws, "partner", r#"["a","b"]"#),
            vec!["• a", "• b"]
        );
        assert_eq!(
            value_lines(&ws, "partner", r#""one\ntwo""#),
            vec!["one", "two"]
        );
        assert_eq!(
            value_lines(&ws, "partner", r#"{"ideal_days":30,"max_days":60}"#),
            vec!["every 30 days, at most 60"]
        );
        assert_eq!(value_lines(&ws, "goal", "deleted"), vec!["deleted"]);
        let mut goal = Goal {
            authors: Default::default(),
            id: crate::model::GoalId(4),
            partner: crate::model::PartnerId(2),
            title: "Signups".into(),
            metric: "signups".into(),
            unit: String::new(),
            baseline: 0.0,
            target: None,
            current: 1.0,
            owner: crate::model::Owner::Us,
            start: "2026-12-01".parse().unwrap(),
            due: None,
            status: crate::model::GoalStatus::Active,
        };
        goal.due = goal.start.succ_opt();
        let lines = value_lines(&ws, "goal", &ron::to_string(&goal).unwrap());
        assert_eq!(lines[0], "goal “Signups”");
        for line in [
            "status: Active",
            "due: 2026-12-02",
            "partner: 2",
            "title: Signups",
        ] {
            assert!(lines.iter().any(|l| l == line), "{line}: {lines:?}");
        }
    }
}
