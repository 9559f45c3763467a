//! What changed between two versions of the workspace, as people tell it: entries logged, goals
//! moved, milestones done, reviews, commitments kept or missed, records added, changed or
//! deleted — each with who did it (the record's authors) and grouped by author, then partner.
//! The dashboard's "What's new" and `partnerdeck activity` both show it.
//!
//! Derived noise is left out: a change of nothing but a record's authors, a set-like list
//! (values, offers, needs, tags, domains, contacts) in another order, or a record that only
//! moved in its list.

use crate::model::*;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One thing that happened to one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Happened {
    /// The member who did it (a member's key), when the record says.
    pub author: Option<String>,
    /// The day it was done, when the record says.
    pub on: Option<NaiveDate>,
    pub partner: PartnerId,
    /// The record's kind (`goal`, `log entry`…) and id.
    pub kind: &'static str,
    pub id: u64,
    pub what: What,
    /// What a person reads: the entry's summary, the goal's title…
    pub text: String,
}

/// What happened to the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum What {
    Added,
    Logged,
    Reviewed,
    Celebrated,
    /// A goal's current value moved.
    GoalMoved {
        from: f64,
        to: f64,
    },
    MilestoneDone,
    CommitmentKept,
    CommitmentMissed,
    /// Other fields changed (their names in the file).
    Changed {
        fields: Vec<String>,
    },
    /// Gone (the record does not say who deleted it).
    Deleted,
}

impl What {
    /// A few words: "logged", "moved 40 → 55", "changed target, due".
    pub fn words(&self) -> String {
        match self {
            What::Added => "added".into(),
            What::Logged => "logged".into(),
            What::Reviewed => "reviewed".into(),
            What::Celebrated => "celebrated".into(),
            What::GoalMoved { from, to } => format!("moved {from} → {to}"),
            What::MilestoneDone => "done".into(),
            What::CommitmentKept => "kept".into(),
            What::CommitmentMissed => "missed".into(),
            What::Changed { fields } => format!("changed {}", fields.join(", ")),
            What::Deleted => "deleted".into(),
        }
    }
}

/// Everything that happened from `before` to `after`, in the order of the lists, then by id.
pub fn between(before: &Workspace, after: &Workspace) -> Vec<Happened> {
    struct Walk<'a> {
        before: &'a Workspace,
        after: &'a Workspace,
        out: Vec<Happened>,
    }
    impl EachKind for Walk<'_> {
        fn kind<R: Record>(&mut self) {
            diff::<R>(R::list(self.before), R::list(self.after), &mut self.out);
        }
    }
    let mut walk = Walk {
        before,
        after,
        out: Vec::new(),
    };
    each_kind(&mut walk);
    walk.out
}

/// Both lists are sorted by id: one walk in step.
fn diff<R: Record>(a: &List<R>, b: &List<R>, out: &mut Vec<Happened>) {
    if a.same(b) {
        return;
    }
    let (mut i, mut j) = (a.iter().peekable(), b.iter().peekable());
    loop {
        match (i.peek(), j.peek()) {
            (Some(x), Some(y)) if x.id() == y.id() => {
                if x != y
                    && let Some(h) = changed(*x, *y)
                {
                    out.push(h);
                }
                i.next();
                j.next();
            }
            (Some(x), Some(y)) if x.id() < y.id() => {
                out.push(deleted(*x));
                i.next();
            }
            (Some(x), None) => {
                out.push(deleted(*x));
                i.next();
            }
            (_, Some(y)) => {
                out.push(added(*y));
                j.next();
            }
            (None, None) => break,
        }
    }
}

/// A record's words: what a person recognises it by ([`Record::title`]).
fn text_of<R: Record>(r: &R) -> String {
    crate::text::excerpt(&r.title(), 80)
}

fn happened<R: Record>(
    r: &R,
    what: What,
    author: Option<String>,
    on: Option<NaiveDate>,
) -> Happened {
    Happened {
        author,
        on,
        partner: r.partner(),
        kind: R::KIND,
        id: r.id(),
        what,
        text: text_of(r),
    }
}

fn added<R: Record>(r: &R) -> Happened {
    let what = match R::LIST {
        ListKind::Interactions => What::Logged,
        ListKind::Reviews => What::Reviewed,
        ListKind::Celebrations => What::Celebrated,
        _ => What::Added,
    };
    let a = r.authors();
    happened(r, what, a.by.clone(), ids::made_on(r.id()))
}

fn deleted<R: Record>(r: &R) -> Happened {
    happened(r, What::Deleted, None, None)
}

/// Fields whose order does not matter.
const SETS: [&str; 6] = ["values", "offers", "needs", "tags", "domains", "contacts"];

/// What changed in a record that is in both versions; `None` when only noise did.
fn changed<R: Record>(a: &R, b: &R) -> Option<Happened> {
    let (Ok(Value::Object(x)), Ok(Value::Object(y))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return None;
    };
    let mut fields: Vec<String> = Vec::new();
    for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
        if key == "authors" {
            continue;
        }
        let (u, v) = (x.get(key), y.get(key));
        let same = match (u, v) {
            (Some(Value::Array(p)), Some(Value::Array(q))) if SETS.contains(&key.as_str()) => {
                p.len() == q.len() && p.iter().all(|e| q.contains(e))
            }
            _ => u == v,
        };
        if !same {
            fields.push(key.clone());
        }
    }
    if fields.is_empty() {
        return None;
    }
    let any_a = a as &dyn std::any::Any;
    let any_b = b as &dyn std::any::Any;
    let what = if let (Some(g), Some(h)) =
        (any_a.downcast_ref::<Goal>(), any_b.downcast_ref::<Goal>())
        && fields == ["current"]
    {
        What::GoalMoved {
            from: g.current,
            to: h.current,
        }
    } else if let (Some(m), Some(n)) = (
        any_a.downcast_ref::<Milestone>(),
        any_b.downcast_ref::<Milestone>(),
    ) && m.done.is_none()
        && n.done.is_some()
    {
        What::MilestoneDone
    } else if let (Some(c), Some(d)) = (
        any_a.downcast_ref::<Commitment>(),
        any_b.downcast_ref::<Commitment>(),
    ) && c.outcome.is_none()
        && d.outcome.is_some()
    {
        match d.outcome {
            Some(Outcome::Kept(_)) => What::CommitmentKept,
            _ => What::CommitmentMissed,
        }
    } else {
        What::Changed { fields }
    };
    let (author, on) = match &b.authors().changed {
        Some(t) => (Some(t.by.clone()), Some(t.on)),
        None => (b.authors().by.clone(), None),
    };
    Some(happened(b, what, author, on))
}

/// One author's changes, partner by partner (by the partner's name), in the order they came.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByAuthor {
    /// The member's key; `None` for what no record names an author for (deletions, records
    /// from before authors were kept).
    pub author: Option<String>,
    pub partners: Vec<(PartnerId, Vec<Happened>)>,
}

/// [`between`] grouped by author (named ones by name, then the unknown), then partner (by
/// name); without `me`'s own changes, and only `only`'s when given.
pub fn grouped(
    all: Vec<Happened>,
    names: &Workspace,
    me: Option<&str>,
    only: Option<&str>,
) -> Vec<ByAuthor> {
    /// Per partner (by name), what happened.
    type Partners = BTreeMap<(String, PartnerId), Vec<Happened>>;
    let mut by: BTreeMap<(bool, String), Partners> = BTreeMap::new();
    for h in all {
        if me.is_some() && h.author.as_deref() == me {
            continue;
        }
        if let Some(o) = only
            && !h
                .author
                .as_deref()
                .is_some_and(|a| member_matches(names, a, o))
        {
            continue;
        }
        let author = h.author.clone().unwrap_or_default();
        let shown = names.member_name(&author).to_lowercase();
        let partner = names
            .partner(h.partner)
            .map(|p| p.name.to_lowercase())
            .unwrap_or_default();
        by.entry((h.author.is_none(), format!("{shown}\u{0}{author}")))
            .or_default()
            .entry((partner, h.partner))
            .or_default()
            .push(h);
    }
    by.into_iter()
        .map(|((unknown, key), partners)| ByAuthor {
            author: (!unknown).then(|| key.split('\u{0}').nth(1).unwrap_or("").to_string()),
            partners: partners
                .into_iter()
                .map(|((_, id), items)| (id, items))
                .collect(),
        })
        .collect()
}

/// Whether the member `key` is the one a person typed (`ana`, `Ana Ruiz`, `ana@acme.org`):
/// their key, email or name, or the start of a word of their name, without regard to case.
pub fn member_matches(ws: &Workspace, key: &str, typed: &str) -> bool {
    let t = typed.trim().to_lowercase();
    if t.is_empty() {
        return false;
    }
    if key.to_lowercase() == t {
        return true;
    }
    ws.member(key).is_some_and(|m| {
        let name = m.name.to_lowercase();
        m.email.to_lowercase() == t
            || name == t
            || name.split_whitespace().any(|w| w.starts_with(&t))
            || key.to_lowercase().starts_with(&t)
    }) || key.to_lowercase().starts_with(&t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::{Kit, day};

    fn workspace() -> Workspace {
        let mut k = Kit::new();
        let p = k.partner("Acme", "2026-12-01");
        k.partner_mut(p).authors = Authors::added_by("ana");
        k.goal(p, 0.0, Some(100.0), 40.0, "2026-12-01", None);
        k.ws.members = vec![
            Member {
                key: "ana".into(),
                name: "Ana Ruiz".into(),
                email: "ana@acme.org".into(),
            },
            Member {
                key: "bo".into(),
                name: "Bo Chen".into(),
                email: String::new(),
            },
        ]
        .into();
        k.ws
    }

    #[test]
    fn changes_are_told_by_author_then_partner_without_mine_or_noise() {
        let mut before = workspace();
        before.partners.get_mut(0).unwrap().tags = vec!["a".into(), "b".into()];
        let mut after = before.clone();
        // Bo moved the goal; Ana (me) logged a call; the tags re-sorted by no one.
        let g = after.goals.get_mut(0).unwrap();
        g.current = 55.0;
        g.authors.changed = Some(Touch {
            by: "bo".into(),
            on: day("2026-12-06"),
        });
        after.partners.get_mut(0).unwrap().tags = vec!["b".into(), "a".into()];
        let mut k = Kit { ws: after };
        let p = PartnerId(1);
        k.talk(p, "2026-12-06", Side::Us);
        k.ws.interactions.last_mut().unwrap().authors = Authors::added_by("ana");
        let after = k.ws;
        let all = between(&before, &after);
        assert_eq!(all.len(), 2, "the re-sorted tags are noise: {all:?}");
        let groups = grouped(all.clone(), &after, Some("ana"), None);
        assert_eq!(groups.len(), 1, "nothing of mine: {groups:?}");
        assert_eq!(groups[0].author.as_deref(), Some("bo"));
        let moved = &groups[0].partners[0].1[0];
        assert_eq!(
            moved.what,
            What::GoalMoved {
                from: 40.0,
                to: 55.0
            }
        );
        assert_eq!(moved.on, Some(day("2026-12-06")));
        assert!(grouped(all.clone(), &after, None, Some("ana r")).is_empty());
        let only_ana = grouped(all, &after, None, Some("Ana"));
        assert_eq!(only_ana[0].partners[0].1[0].what, What::Logged);
    }

    #[test]
    fn a_change_of_authors_alone_is_not_news_and_a_deletion_names_no_one() {
        let before = workspace();
        let mut after = before.clone();
        after.goals.get_mut(0).unwrap().authors.changed = Some(Touch {
            by: "bo".into(),
            on: day("2026-12-06"),
        });
        assert!(between(&before, &after).is_empty());
        let mut gone = before.clone();
        gone.goals = List::new();
        let all = between(&before, &gone);
        assert_eq!(all[0].what, What::Deleted);
        assert_eq!(all[0].author, None);
    }
}
