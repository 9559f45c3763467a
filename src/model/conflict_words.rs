//! A merge conflict as a person reads it: each side's value in words (a cadence as "every 30
//! days, at most 60", a deleted goal by its title, a list as its items), who made each side and
//! when, and — once decided — how it was decided ([`decision`]), for the dashboard's conflict
//! list and the commit that finishes a merge.

use super::{EachKind, Record, each_kind};
use super::{MergeConflict, Workspace};
use serde_json::Value;

/// One of the three values of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Base,
    Ours,
    Theirs,
}

/// The value of one side in words.
pub fn value_words(c: &MergeConflict, which: Which) -> String {
    let text = match which {
        Which::Base => &c.base,
        Which::Ours => &c.ours,
        Which::Theirs => &c.theirs,
    };
    words(&c.kind, text)
}

/// A value as kept in a conflict (JSON for a field, RON for a whole record, or a word) in words.
pub fn words(kind: &str, text: &str) -> String {
    let t = text.trim();
    if t == "None" || t.is_empty() {
        return "none".into();
    }
    if t.starts_with("deleted") {
        return t.to_string();
    }
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return json_words(&v);
    }
    match record_title(kind, t) {
        Some(title) => format!("{kind} “{title}”"),
        None => crate::text::excerpt(t, 120),
    }
}

fn json_words(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items.iter().map(json_words).collect::<Vec<_>>().join(", "),
        Value::Object(m) => {
            let get = |k: &str| m.get(k).map(json_words);
            if let (Some(i), Some(x)) = (get("ideal_days"), get("max_days")) {
                return format!("every {i} days, at most {x}");
            }
            if let Some(name) = get("name")
                && m.contains_key("email")
            {
                let extra: Vec<String> = ["role", "email", "phone"]
                    .iter()
                    .filter_map(|k| get(k))
                    .filter(|s| s != "(empty)")
                    .collect();
                return if extra.is_empty() {
                    name
                } else {
                    format!("{name} ({})", extra.join(", "))
                };
            }
            if let (Some(what), Some(due)) = (get("what"), get("due")) {
                let done = get("done")
                    .filter(|d| d != "none")
                    .map(|d| format!(", done {d}"))
                    .unwrap_or_default();
                return format!("{what}, due {due}{done}");
            }
            if m.len() == 1
                && let Some((k, v)) = m.iter().next()
            {
                // An enum with its value: `{"Kept": "2026-12-01"}`.
                return format!("{} {}", k.to_lowercase(), json_words(v));
            }
            m.iter()
                .map(|(k, v)| format!("{}: {}", k.replace('_', " "), json_words(v)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// A whole record (RON text) by what people call it ([`super::Record::title`]).
pub fn record_title(kind: &str, ron_text: &str) -> Option<String> {
    struct Read<'a>(&'a str, &'a str, Option<String>);
    impl EachKind for Read<'_> {
        fn kind<R: Record>(&mut self) {
            if R::KIND == self.0 {
                self.2 = ron::from_str::<R>(self.1).ok().map(|r| r.title());
            }
        }
    }
    let mut read = Read(kind, ron_text, None);
    each_kind(&mut read);
    read.2.map(|t| crate::text::excerpt(&t, 60))
}

/// The field that names a record of `kind` in the file ([`super::Record::TITLE_FIELD`]).
pub fn title_field(kind: &str) -> Option<&'static str> {
    struct Field<'a>(&'a str, Option<&'static str>);
    impl EachKind for Field<'_> {
        fn kind<R: Record>(&mut self) {
            if R::KIND == self.0 {
                self.1 = Some(R::TITLE_FIELD);
            }
        }
    }
    let mut field = Field(kind, None);
    each_kind(&mut field);
    field.1
}

/// The title of the record `kind` `id` in `ws`: the value of its title field (a partner's name,
/// a goal's title…; a review's date).
pub fn title_in(ws: &Workspace, kind: &str, id: u64) -> Option<String> {
    let field = title_field(kind)?;
    match super::merge_prep::held_value(ws, kind, id, field)? {
        Value::String(s) => Some(crate::text::excerpt(&s, 60)),
        _ => None,
    }
}

/// The field a conflict is about, in words: "title", "cadence", "a deletion", "contact
/// ana@x.org", "two records under one id".
pub fn field_words(c: &MergeConflict) -> String {
    match c.field.as_str() {
        "(deleted)" => "changed on one side, deleted on the other".into(),
        "(added twice)" => "added on both sides, differently".into(),
        "(record)" => "the whole record".into(),
        f => match f
            .strip_prefix("contacts[")
            .and_then(|r| r.strip_suffix(']'))
        {
            Some(who) => format!("contact {who}"),
            None => f.replace('_', " "),
        },
    }
}

/// Who made a side and when, in words ("Bo Chen, 2026-12-06"), with `day` saying the date.
pub fn side_by(
    ws: &Workspace,
    c: &MergeConflict,
    which: Which,
    day: impl Fn(chrono::NaiveDate) -> String,
) -> Option<String> {
    let t = match which {
        Which::Ours => c.ours_by.as_ref(),
        Which::Theirs => c.theirs_by.as_ref(),
        Which::Base => None,
    }?;
    Some(format!("{} {}", ws.member_name(&t.by), day(t.on)))
}

/// How a conflict was decided, read from the workspace after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    KeptOurs,
    TookTheirs,
    /// Another value (edited by hand).
    Other(String),
    /// The record was kept (a deletion not carried out).
    KeptRecord,
    /// The record is gone.
    Deleted,
}

/// How `c` was decided in `now` (which no longer holds it).
pub fn decision(c: &MergeConflict, now: &Workspace) -> Decision {
    let current = super::merge_prep::held_value(now, &c.kind, c.id, &c.field);
    if c.field.starts_with('(') || c.field.starts_with("contacts[") {
        return match (current, c.field.starts_with("contacts[")) {
            (None, _) => Decision::Deleted,
            (Some(_), false) => Decision::KeptRecord,
            (Some(_), true) => Decision::Other("see the contact".into()),
        };
    }
    let Some(v) = current else {
        return Decision::Deleted;
    };
    let parse = |t: &str| serde_json::from_str::<Value>(t).ok();
    if parse(&c.ours).as_ref() == Some(&v) {
        Decision::KeptOurs
    } else if parse(&c.theirs).as_ref() == Some(&v) {
        Decision::TookTheirs
    } else {
        Decision::Other(json_words(&v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict(field: &str, ours: &str, theirs: &str) -> MergeConflict {
        MergeConflict {
            kind: "partner".into(),
            id: 1,
            field: field.into(),
            base: "null".into(),
            ours: ours.into(),
            theirs: theirs.into(),
            ours_by: None,
            theirs_by: None,
        }
    }

    #[test]
    fn values_read_as_people_say_them() {
        let c = conflict(
            "cadence",
            r#"{"ideal_days":30,"max_days":60}"#,
            r#"["a","b"]"#,
        );
        assert_eq!(value_words(&c, Which::Ours), "every 30 days, at most 60");
        assert_eq!(value_words(&c, Which::Theirs), "a, b");
        assert_eq!(value_words(&c, Which::Base), "none");
        assert_eq!(words("goal", r#""Signups""#), "Signups");
        assert_eq!(
            words("commitment", r#"{"Kept":"2026-12-01"}"#),
            "kept 2026-12-01"
        );
        let goal = super::super::Goal {
            authors: Default::default(),
            id: super::super::GoalId(7),
            partner: super::super::PartnerId(1),
            title: "Double signups".into(),
            metric: "signups".into(),
            unit: String::new(),
            baseline: 0.0,
            target: None,
            current: 1.0,
            owner: super::super::Owner::Us,
            start: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            due: None,
            status: super::super::GoalStatus::Active,
        };
        let ron = ron::to_string(&goal).unwrap();
        assert_eq!(words("goal", &ron), "goal “Double signups”");
        assert_eq!(
            field_words(&conflict("(deleted)", "", "")),
            "changed on one side, deleted on the other"
        );
        assert_eq!(
            field_words(&conflict("review_interval_days", "", "")),
            "review interval days"
        );
    }
}
