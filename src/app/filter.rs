//! `/` filters the focused pane as you type: fuzzy text (matched characters are highlighted by
//! the renderer) plus field filters `phase:active`, `kind:community`, `tag:…`, `status:…`,
//! `channel:…`, `overdue`, and `owner:NAME` / `mine` (partners whose relationship owner is that
//! member or you, and their records; in the log also the follow-ups assigned to them). `Enter` keeps the filter, `Esc` clears it (the typing is an
//! overlay, `overlay/filter_view.rs`; matching in slices is `work.rs`).
//!
//! A keystroke never waits for a long list to be matched: it matches for about `KEY_BUDGET`,
//! and the event loop matches the rest in slices between keys (`App::work`), the pane filling in
//! as it goes and its title showing how far it got. Typing on narrows the rows already found
//! instead of matching the whole list again, when the new query can only match fewer rows.

use crate::model::*;
use std::time::Duration;
use tui_input::Input;

/// How long a keystroke may spend matching before it hands the rest to the event loop.
pub const KEY_BUDGET: Duration = Duration::from_micros(100);
/// How long each slice of matching between keys takes (a key waits at most this long).
pub const SLICE_BUDGET: Duration = Duration::from_millis(4);
/// Rows matched before the clock is first looked at: lists this long are always matched at
/// once, whatever the machine's speed.
pub(super) const MIN_ROWS_PER_SLICE: usize = 128;

/// An active filter of one pane: what was typed and the rows that match.
#[derive(Debug, Clone, Default)]
pub struct PaneFilter {
    pub input: Input,
    /// The matching rows found so far (all of them when no matching is left to do).
    pub rows: Vec<u32>,
    /// Matching still to do.
    pub(super) job: Option<Job>,
    /// The query `rows` are complete for, when they are.
    pub(super) done_for: Option<String>,
}

/// The rows of a pane still to be matched against a query.
#[derive(Debug, Clone)]
pub(super) struct Job {
    pub(super) query: String,
    pub(super) candidates: Vec<u32>,
    pub(super) next: usize,
}

/// Whether every row matching `new` also matches `old`, so `new` can be matched among `old`'s
/// rows: the same field filters and more fuzzy text, without the pattern characters that can
/// widen a match (negation, anchors, exact and escaped atoms).
pub(super) fn narrows(old: &str, new: &str) -> bool {
    let (o, n) = (parse(old), parse(new));
    let plain = !n.text.contains(['!', '^', '$', '\'', '\\']);
    plain
        && n.text.starts_with(&o.text)
        && o.phase == n.phase
        && o.kind == n.kind
        && o.tag == n.tag
        && o.status == n.status
        && o.channel == n.channel
        && o.overdue == n.overdue
        && o.owner == n.owner
        && o.mine == n.mine
        && o.unknown == n.unknown
}

/// A parsed filter: field conditions and the text to match fuzzily.
#[derive(Debug, Default)]
pub(super) struct Spec {
    pub(super) phase: Option<Phase>,
    pub(super) kind: Option<PartnerKind>,
    pub(super) tag: Option<String>,
    pub(super) status: Option<GoalStatus>,
    pub(super) channel: Option<Channel>,
    pub(super) overdue: bool,
    /// `owner:NAME`: a member's name, a word of it, their key or email.
    pub(super) owner: Option<String>,
    /// `mine`: the owner is whoever uses the dashboard.
    pub(super) mine: bool,
    /// Whoever uses the dashboard (their member key) when `mine` asks for them: set once per
    /// matching, not per row (none known: an empty key, nobody's).
    pub(super) me: Option<String>,
    pub(super) text: String,
    pub(super) unknown: Vec<String>,
}

pub(super) fn parse(query: &str) -> Spec {
    let mut spec = Spec::default();
    let mut words = Vec::new();
    for token in query.split_whitespace() {
        match token.split_once(':') {
            Some(("phase", v)) => {
                spec.phase = Phase::parse(v).or_else(|| {
                    spec.unknown.push(token.to_string());
                    None
                })
            }
            Some(("kind", v)) => {
                spec.kind = PartnerKind::parse(v).or_else(|| {
                    spec.unknown.push(token.to_string());
                    None
                })
            }
            Some(("status", v)) => {
                spec.status = GoalStatus::parse(v).or_else(|| {
                    spec.unknown.push(token.to_string());
                    None
                })
            }
            Some(("channel", v)) => {
                spec.channel = Channel::parse(v).or_else(|| {
                    spec.unknown.push(token.to_string());
                    None
                })
            }
            Some(("tag", v)) => spec.tag = Some(v.to_lowercase()),
            Some(("owner", v)) if !v.is_empty() => spec.owner = Some(v.to_string()),
            _ if token.eq_ignore_ascii_case("overdue") => spec.overdue = true,
            _ if token.eq_ignore_ascii_case("mine") => spec.mine = true,
            _ => words.push(token),
        }
    }
    spec.text = words.join(" ");
    spec
}
