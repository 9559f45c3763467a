//! `/` filters the focused pane as you type: fuzzy text (matched characters are highlighted by
//! the renderer) plus field filters `phase:active`, `kind:community`, `tag:…`, `status:…`,
//! `channel:…` and `overdue`. `Enter` keeps the filter, `Esc` clears it (the typing is an
//! overlay, `filter_view.rs`).
//!
//! A keystroke never waits for a long list to be matched: it matches for about `KEY_BUDGET`,
//! and the event loop matches the rest in slices between keys (`App::work`), the pane filling in
//! as it goes and its title showing how far it got. Typing on narrows the rows already found
//! instead of matching the whole list again, when the new query can only match fewer rows.

use super::App;
use super::pane::Pane;
use crate::fuzzy::Query;
use crate::model::*;
use std::time::{Duration, Instant};
use tui_input::Input;

/// How long a keystroke may spend matching before it hands the rest to the event loop.
pub const KEY_BUDGET: Duration = Duration::from_micros(100);
/// How long each slice of matching between keys takes (a key waits at most this long).
pub const SLICE_BUDGET: Duration = Duration::from_millis(4);
/// Rows matched before the clock is first looked at: lists this long are always matched at
/// once, whatever the machine's speed.
const MIN_ROWS_PER_SLICE: usize = 128;

/// An active filter of one pane: what was typed and the rows that match.
#[derive(Debug, Clone, Default)]
pub struct PaneFilter {
    pub input: Input,
    /// The matching rows found so far (all of them when no matching is left to do).
    pub rows: Vec<u32>,
    /// Matching still to do.
    job: Option<Job>,
    /// The query `rows` are complete for, when they are.
    done_for: Option<String>,
}

/// The rows of a pane still to be matched against a query.
#[derive(Debug, Clone)]
struct Job {
    query: String,
    candidates: Vec<u32>,
    next: usize,
}

/// Whether every row matching `new` also matches `old`, so `new` can be matched among `old`'s
/// rows: the same field filters and more fuzzy text, without the pattern characters that can
/// widen a match (negation, anchors, exact and escaped atoms).
fn narrows(old: &str, new: &str) -> bool {
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
        && o.unknown == n.unknown
}

/// A parsed filter: field conditions and the text to match fuzzily.
#[derive(Debug, Default)]
struct Spec {
    phase: Option<Phase>,
    kind: Option<PartnerKind>,
    tag: Option<String>,
    status: Option<GoalStatus>,
    channel: Option<Channel>,
    overdue: bool,
    text: String,
    unknown: Vec<String>,
}

fn parse(query: &str) -> Spec {
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
            _ if token.eq_ignore_ascii_case("overdue") => spec.overdue = true,
            _ => words.push(token),
        }
    }
    spec.text = words.join(" ");
    spec
}

impl App {
    /// Starts typing a filter for the focused pane (keeping one already there).
    pub(super) fn start_filter(&mut self) {
        let pane = self.focus;
        if self.filters[pane as usize].is_none() {
            self.filters[pane as usize] = Some(PaneFilter {
                input: Input::default(),
                rows: self.base_rows(pane).to_vec(),
                job: None,
                done_for: Some(String::new()),
            });
        }
        self.open(super::overlay::Overlay::Filter(
            super::filter_view::FilterView { pane },
        ));
    }

    /// An edit of the filter being typed: a character, a cursor motion, a deletion.
    pub(super) fn filter_input(&mut self, edit: super::paste::TextEdit) {
        let Some(pane) = self.filter_editing() else {
            return;
        };
        if let Some(f) = &mut self.filters[pane as usize]
            && edit.apply(&mut f.input)
        {
            self.match_rows(pane, true);
            self.cursors[pane as usize] = super::cursor::Cursor::default();
            if pane == Pane::Partners {
                self.partner_changed();
            }
        }
    }

    /// `Enter`: keep the filter (an empty one is dropped).
    pub(super) fn keep_filter(&mut self) {
        let editing = self.filter_editing();
        self.stop_filter_typing();
        if let Some(pane) = editing
            && self.filters[pane as usize]
                .as_ref()
                .is_some_and(|f| f.input.value().trim().is_empty())
        {
            self.clear_filter(pane);
        }
    }

    /// Removes a pane's filter.
    pub fn clear_filter(&mut self, pane: Pane) {
        self.stop_filter_typing();
        let chosen = self.selected_row(pane);
        if self.filters[pane as usize].take().is_some() {
            // The record selected in the filtered list stays selected in the whole one.
            let rows = self.pane_rows(pane);
            let mut cursor = super::cursor::Cursor::default();
            if let Some(at) = chosen.and_then(|c| rows.iter().position(|r| *r as usize == c)) {
                cursor.select(at, rows.len(), self.screen.list_height(pane));
            }
            self.cursors[pane as usize] = cursor;
            if pane == Pane::Partners {
                self.partner_changed();
            }
        }
    }

    /// The filter text of a pane, if one is active.
    pub fn filter_text(&self, pane: Pane) -> Option<&str> {
        self.filters[pane as usize]
            .as_ref()
            .map(|f| f.input.value())
    }

    /// Recomputes the matching rows of a pane's filter after a change of data or of the rows the
    /// pane shows.
    pub(super) fn refilter(&mut self, pane: Pane) {
        self.match_rows(pane, false);
    }

    /// Starts matching a pane's rows against its filter (among the rows found for the previous
    /// query when `narrow` and that is safe), and matches for up to `KEY_BUDGET`.
    fn match_rows(&mut self, pane: Pane, narrow: bool) {
        let Some(f) = &mut self.filters[pane as usize] else {
            return;
        };
        let query = f.input.value().to_string();
        let candidates = match &f.done_for {
            Some(old) if narrow && f.job.is_none() && narrows(old, &query) => {
                std::mem::take(&mut f.rows)
            }
            _ => self.base_rows(pane).to_vec(),
        };
        let Some(f) = &mut self.filters[pane as usize] else {
            return;
        };
        f.rows = Vec::new();
        f.done_for = None;
        f.job = Some(Job {
            query,
            candidates,
            next: 0,
        });
        self.match_slice(pane, KEY_BUDGET);
    }

    /// Whether some filter or the search still has rows to match (the event loop then calls
    /// `work`).
    pub fn pending_work(&self) -> bool {
        self.filters.iter().flatten().any(|f| f.job.is_some())
            || self.searching()
            || self.trends_pending()
    }

    /// One slice of the matching left to do (about `SLICE_BUDGET` per pane with some).
    pub fn work(&mut self) {
        for pane in Pane::ALL {
            self.match_slice_between_keys(pane, SLICE_BUDGET);
        }
        self.search_slice(SLICE_BUDGET);
        self.trend_work();
    }

    /// Does all the matching left to do (for one-off frames, tests and benchmarks).
    pub fn finish_work(&mut self) {
        for pane in Pane::ALL {
            while self.match_slice_between_keys(pane, Duration::MAX) {}
        }
        while self.search_slice(Duration::MAX) {}
        if self.trends_pending() {
            self.finish_trends();
        }
    }

    /// How much of a pane's filter matching is done, in percent, while some is left.
    pub fn filter_progress(&self, pane: Pane) -> Option<u8> {
        let job = self.filters[pane as usize].as_ref()?.job.as_ref()?;
        let total = job.candidates.len().max(1);
        Some((job.next * 100 / total).min(99) as u8)
    }

    /// Matches more of a pane's rows: at least `MIN_ROWS_PER_SLICE`, then until `budget` is
    /// spent. Returns whether matching is left to do.
    fn match_slice(&mut self, pane: Pane, budget: Duration) -> bool {
        let Some(mut job) = self.filters[pane as usize]
            .as_mut()
            .and_then(|f| f.job.take())
        else {
            return false;
        };
        let start = Instant::now();
        let spec = parse(&job.query);
        let mut fuzzy = (!spec.text.is_empty()).then(|| Query::new(&spec.text));
        let mut found = Vec::new();
        let mut done = 0;
        while job.next < job.candidates.len() {
            let end = (job.next + MIN_ROWS_PER_SLICE).min(job.candidates.len());
            found.extend(
                job.candidates[job.next..end]
                    .iter()
                    .copied()
                    .filter(|&i| self.row_matches(pane, &spec, &mut fuzzy, i as usize)),
            );
            done += end - job.next;
            job.next = end;
            if done >= MIN_ROWS_PER_SLICE && start.elapsed() >= budget {
                break;
            }
        }
        let left = job.next < job.candidates.len();
        let Some(f) = self.filters[pane as usize].as_mut() else {
            return false;
        };
        f.rows.extend(found);
        if left {
            f.job = Some(job);
        } else {
            f.done_for = Some(job.query);
        }
        left
    }

    /// `match_slice` between keys: a first partner found becomes the selected one (a keystroke
    /// selects the first one it finds itself).
    fn match_slice_between_keys(&mut self, pane: Pane, budget: Duration) -> bool {
        let before = self.pane_len(pane);
        let left = self.match_slice(pane, budget);
        if pane == Pane::Partners && before == 0 && self.pane_len(pane) > 0 {
            self.partner_changed();
        }
        left
    }

    fn row_matches(&self, pane: Pane, spec: &Spec, fuzzy: &mut Option<Query>, i: usize) -> bool {
        let ws = self.ws();
        let today = self.today();
        let by_partner = spec.phase.is_some() || spec.kind.is_some() || spec.tag.is_some();
        let partner_ok = |id: PartnerId| {
            if !by_partner {
                return true;
            }
            let Some(p) = ws.partner(id) else {
                return false;
            };
            spec.phase.is_none_or(|ph| p.phase == ph)
                && spec.kind.is_none_or(|k| p.kind == k)
                && spec
                    .tag
                    .as_ref()
                    .is_none_or(|t| p.tags.iter().any(|x| x.to_lowercase() == *t))
        };
        let (ok, text) = match pane {
            Pane::Partners => {
                let p = &ws.partners[i];
                let overdue = || self.summary(i).is_some_and(|s| s.attention > 0);
                (partner_ok(p.id) && (!spec.overdue || overdue()), &p.name)
            }
            Pane::Goals => {
                let g = &ws.goals[i];
                let overdue = g.status == GoalStatus::Active && g.due.is_some_and(|d| d < today);
                let ok = partner_ok(g.partner)
                    && spec.status.is_none_or(|s| g.status == s)
                    && (!spec.overdue || overdue);
                (ok, &g.title)
            }
            Pane::Timeline => {
                let m = &ws.milestones[i];
                let ok =
                    partner_ok(m.partner) && (!spec.overdue || (m.done.is_none() && m.due < today));
                (ok, &m.title)
            }
            Pane::Log => {
                let e = &ws.interactions[i];
                let overdue = e
                    .follow_up
                    .as_ref()
                    .is_some_and(|f| f.done.is_none() && f.due < today);
                let ok = partner_ok(e.partner)
                    && spec.channel.is_none_or(|c| e.channel == c)
                    && (!spec.overdue || overdue);
                (ok, &e.summary)
            }
        };
        ok && fuzzy.as_mut().is_none_or(|q| q.score(text).is_some())
    }

    /// Field filters the user typed that mean nothing (shown in the pane title).
    pub fn filter_problems(&self, pane: Pane) -> Vec<String> {
        self.filter_text(pane)
            .map_or_else(Vec::new, |q| parse(q).unknown)
    }

    /// The fuzzy part of a pane's filter, for highlighting.
    pub fn filter_fuzzy_text(&self, pane: Pane) -> Option<String> {
        let text = parse(self.filter_text(pane)?).text;
        (!text.is_empty()).then_some(text)
    }
}
