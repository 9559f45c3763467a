//! `partnerdeck due` as text: for a terminal or a shell prompt (`text`, `--short`), for scripts
//! (`json`), for calendars (`ics`, with alarms) and for the `remind` tool (`remind`). Pure: what
//! is due ([`crate::insight::due`]) in, text out.
//!
//! JSON (stable; fields are only ever added): `{"today": "YYYY-MM-DD", "within_days": N or
//! null, "items": [item…]}`, the queue first (in the dashboard's order), then what falls due
//! within the window (soonest first). Each item:
//!
//! | field | what |
//! |---|---|
//! | `id` | the item's key, `<kind>-<record id>` (`followup-42`): stable while the record lives; what a snooze names |
//! | `state` | `now` (in the attention queue) or `coming` (falls due within the window) |
//! | `kind` | now: `contact_lapsed`, `follow_up_overdue`, `milestone_overdue`, `our_commitment_overdue`, `their_commitment_overdue`, `review_due`, `uncelebrated_win`, `goal_behind`; coming: `contact_lapses`, `follow_up`, `milestone`, `our_commitment`, `their_commitment`, `review`, `goal` |
//! | `label` | the kind in words, as the dashboard shows it |
//! | `partner`, `partner_id` | the partner's name and id |
//! | `record` | `{"kind": "interaction", "id": 42}`: the record it is about (`partner`, `goal`, `milestone`, `interaction`, `commitment`) |
//! | `text` | a sentence without the partner's name ("Follow-up 3 days overdue: send the deck") |
//! | `subject`, `when` | the dashboard's "What" and "How long" columns |
//! | `due` | the due date (`YYYY-MM-DD`), or null where there is none (a win, a goal behind its pace) |
//! | `days` | now: days overdue (never negative); coming: days left (0: today) |
//! | `urgency` | now: 0 (most urgent) to 7, the queue's rank of the kind; coming: null |

use super::ics::{Alarms, Cal, UID_DOMAIN};
use crate::insight::due::{Coming, Due};
use crate::insight::{AttentionItem, AttentionKind, RecordRef};
use crate::model::Workspace;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// The kinds `--kind` chooses from (an item's key starts with one).
pub const KINDS: [&str; 7] = [
    "contact",
    "followup",
    "milestone",
    "commitment",
    "review",
    "win",
    "goal",
];

/// Keeps only the items whose key kind is in `kinds` (all when empty).
pub fn only_kinds(due: &mut Due, kinds: &[String]) {
    if kinds.is_empty() {
        return;
    }
    let keep = |k: &str| kinds.iter().any(|x| x == k);
    due.now.retain(|i| keep(i.kind.key_kind()));
    due.coming.retain(|c| keep(c.kind.key_kind()));
}

/// Whose items `due` keeps (`--mine`, `--owner NAME`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerFilter {
    /// A member's key (`--mine`: the member running it).
    Key(String),
    /// As typed: a member's name, a word of it, their key or email.
    Named(String),
}

/// Keeps only `owner`'s items ([`RecordRef::owner`]).
pub fn only_owner(due: &mut Due, ws: &Workspace, owner: &OwnerFilter) {
    let is = |key: &str| match owner {
        OwnerFilter::Key(k) => k == key,
        OwnerFilter::Named(typed) => crate::insight::activity::member_matches(ws, key, typed),
    };
    let whose = |partner, record: RecordRef| record.owner(ws, partner).is_some_and(is);
    due.now.retain(|i| whose(i.partner, i.record));
    due.coming.retain(|c| whose(c.partner, c.record));
}

/// One item as scripts see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: String,
    pub state: &'static str,
    pub kind: &'static str,
    pub label: &'static str,
    pub partner: String,
    pub partner_id: u64,
    pub record: Record,
    pub text: String,
    pub subject: String,
    pub when: String,
    pub due: Option<NaiveDate>,
    pub days: i64,
    pub urgency: Option<u8>,
}

/// Which record an item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Record {
    pub kind: &'static str,
    pub id: u64,
}

impl Record {
    fn of(r: RecordRef) -> Record {
        let kind = match r {
            RecordRef::Partner(_) => "partner",
            RecordRef::Goal(_) => "goal",
            RecordRef::Milestone(_) => "milestone",
            RecordRef::Interaction(_) => "interaction",
            RecordRef::Commitment(_) => "commitment",
            RecordRef::Review(_) => "review",
            RecordRef::Celebration(_) => "celebration",
        };
        Record { kind, id: r.raw() }
    }
}

/// The due date of a queue item, where it has one.
fn due_of(ws: &Workspace, i: &AttentionItem, today: NaiveDate) -> Option<NaiveDate> {
    let back = |n: i64| today.checked_sub_days(chrono::Days::new(n.max(0) as u64));
    match i.kind {
        AttentionKind::FollowUpOverdue
        | AttentionKind::MilestoneOverdue
        | AttentionKind::OurCommitmentOverdue
        | AttentionKind::TheirCommitmentOverdue
        | AttentionKind::ReviewDue => back(i.days_overdue),
        // Lapsed the day after the maximum was reached.
        AttentionKind::ContactLapsed => back(i.days_overdue - 1),
        AttentionKind::GoalBehind => match i.record {
            RecordRef::Goal(g) => ws.goal(g).and_then(|g| g.due).filter(|d| *d < today),
            _ => None,
        },
        AttentionKind::UncelebratedWin => None,
    }
}

impl Item {
    /// A queue item (its text moved, not copied).
    pub fn now(ws: &Workspace, i: AttentionItem, today: NaiveDate) -> Item {
        Item {
            id: i.key(),
            state: "now",
            kind: i.kind.name(),
            label: i.kind.label(),
            due: due_of(ws, &i, today),
            partner_id: i.partner.0,
            record: Record::of(i.record),
            days: i.days_overdue,
            urgency: Some(i.urgency),
            partner: i.partner_name,
            text: i.text,
            subject: i.subject,
            when: i.when,
        }
    }

    /// A coming item (its text moved, not copied).
    pub fn coming(c: Coming) -> Item {
        Item {
            id: c.key(),
            state: "coming",
            kind: c.kind.name(),
            label: c.kind.label(),
            partner_id: c.partner.0,
            record: Record::of(c.record),
            due: Some(c.due),
            days: c.days_left,
            urgency: None,
            partner: c.partner_name,
            text: c.text,
            subject: c.subject,
            when: c.when,
        }
    }
}

/// Every item, the queue first, as scripts see them.
pub fn items(ws: &Workspace, due: Due, today: NaiveDate) -> Vec<Item> {
    due.now
        .into_iter()
        .map(|i| Item::now(ws, i, today))
        .chain(due.coming.into_iter().map(Item::coming))
        .collect()
}

#[derive(Serialize)]
struct Document<'a> {
    today: NaiveDate,
    within_days: Option<u32>,
    items: &'a [Item],
}

/// `--format json`: one document, pretty, ending with a line break.
pub fn json(items: &[Item], today: NaiveDate, within: Option<u32>) -> String {
    let doc = Document {
        today,
        within_days: within,
        items,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// `--short`: `⚑ 3 due today` (and what falls due within the window), or nothing at all.
pub fn short(due: &Due, within: Option<u32>) -> String {
    let (now, coming) = (due.now.len(), due.coming.len());
    match (now, coming, within) {
        (0, 0, _) => String::new(),
        (n, 0, _) | (n, _, None) => format!("⚑ {n} due today\n"),
        (n, c, Some(w)) => format!(
            "⚑ {n} due today, {c} within {}\n",
            crate::words::count(w, "day")
        ),
    }
}

/// Rows of cells as lines: each column but the last padded to its widest cell (in cells),
/// two spaces between columns, two before the first, no trailing spaces.
fn aligned(out: &mut String, rows: &[Vec<&str>]) {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| crate::text::width(r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str("  ");
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c].saturating_sub(crate::text::width(cell))));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// `--format text`: the queue as the `t` view shows it (kind, partner, what, how long), then
/// what falls due within the window (date, kind, partner, what, when).
pub fn text(due: &Due, today: NaiveDate, within: Option<u32>) -> String {
    let mut out = String::new();
    let n = due.now.len();
    if n == 0 {
        out.push_str(&format!("Today ({today}): nothing needs you. Well kept!\n"));
    } else {
        out.push_str(&format!(
            "Today ({today}): {}\n",
            crate::words::plural(n, "thing needs attention", "things need attention")
        ));
        let rows: Vec<Vec<&str>> = due
            .now
            .iter()
            .map(|i| vec![i.kind.label(), &i.partner_name, &i.subject, &i.when])
            .collect();
        aligned(&mut out, &rows);
    }
    if let Some(days) = within {
        let c = due.coming.len();
        out.push_str(&format!(
            "Within {}: {}\n",
            crate::words::count(days, "day"),
            if c == 0 {
                "nothing falls due".to_string()
            } else {
                crate::words::plural(c, "thing falls due", "things fall due")
            }
        ));
        let dates: Vec<String> = due.coming.iter().map(|i| i.due.to_string()).collect();
        let rows: Vec<Vec<&str>> = due
            .coming
            .iter()
            .zip(&dates)
            .map(|(i, d)| {
                vec![
                    d.as_str(),
                    i.kind.label(),
                    &i.partner_name,
                    &i.subject,
                    &i.when,
                ]
            })
            .collect();
        aligned(&mut out, &rows);
    }
    out
}

/// `--format ics`: one all-day event per item (the queue on today, coming items on their due
/// date), each with a display alarm ([`Alarms`]). UIDs are `due-<id>@partnerdeck`, so a
/// calendar that subscribes to the output updates items instead of adding copies.
pub fn ics(items: &[Item], today: NaiveDate, stamp: DateTime<Utc>, alarms: &Alarms) -> String {
    let mut c = Cal::new(stamp);
    c.begin();
    c.text("X-WR-CALNAME", "partnerdeck: due");
    for i in items {
        let date = if i.state == "now" {
            today
        } else {
            i.due.unwrap_or(today)
        };
        let summary = format!("{}: {} ({})", i.label, i.subject, i.partner);
        let description = format!("Partner: {}\n{}", i.partner, i.text);
        c.alarm(alarms.trigger(date, today), &summary, false);
        c.event(
            &format!("due-{}@{UID_DOMAIN}", i.id),
            date,
            &summary,
            &description,
            "due",
            "CONFIRMED",
        );
    }
    c.finish()
}

/// Makes text safe as a `remind` message body: one line, `%` and `[` taken literally.
fn remind_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => out.push_str("%%"),
            '[' => out.push_str("[\"[\"]"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if crate::text::is_unsafe(c) || c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim_end_matches('\\').trim_end().to_string()
}

/// `--format remind`: one `REM` line per item (the queue on today, coming items on their due
/// date), for `remind`'s reminder files (`INCLUDE` it, or pipe it to `remind -`).
pub fn remind(items: &[Item], today: NaiveDate) -> String {
    let mut out = String::from("# partnerdeck due: generated, do not edit\n");
    for i in items {
        let date = if i.state == "now" {
            today
        } else {
            i.due.unwrap_or(today)
        };
        out.push_str(&format!(
            "REM {} MSG {}\n",
            date.format("%-d %b %Y"),
            remind_body(&format!("{}: {}", i.partner, i.text))
        ));
    }
    out
}

/// The items of a workspace as `due --format json` lists them (tests, benches).
pub fn json_items(
    ws: &crate::model::Workspace,
    today: NaiveDate,
    within: Option<u32>,
) -> Vec<Item> {
    let idx = crate::insight::Index::build(ws);
    let found = crate::insight::due::due(ws, &idx, today, within);
    items(ws, found, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remind_bodies_are_literal_and_one_line() {
        assert_eq!(remind_body("50% [x]\nnext\\"), "50%% [\"[\"]x] next");
    }
}
