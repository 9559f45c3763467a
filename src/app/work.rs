//! The work the event loop does between keys, a slice at a time, so that no key waits for a
//! long list: matching a pane's filter as it is typed (the rules are `filter.rs`'s, the typing
//! is an overlay, `overlay/filter_view.rs`), the open search going through the records
//! (`overlay/palette.rs`),
//! and the overview's trend column.
//!
//! Trends: the overview's 12-month trend column in the event loop: nothing until the overview opens,
//! then a slice at a time in the idle turns (as filters match; `…` until then), so the overview
//! opens at once whatever the size (the trends themselves are the document's,
//! [`crate::document::Trends`]). When the overview is sorted by the fall over 90 days, the
//! order is refreshed once every trend is known.

use super::App;
use super::filter::{
    Job, KEY_BUDGET, MIN_ROWS_PER_SLICE, PaneFilter, SLICE_BUDGET, Spec, narrows, parse,
};
use super::overlay::Overlay;
use super::overlay::palette::{SearchView, continue_search};
use super::overlay::views::{OverviewSort, OverviewView};
use super::pane::Pane;
use crate::fuzzy::Query;
use crate::model::*;
use std::time::{Duration, Instant};
use tui_input::Input;

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
        self.open(Overlay::Filter(super::overlay::filter_view::FilterView {
            pane,
        }));
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
        let mut spec = parse(&job.query);
        if spec.mine {
            spec.me = Some(self.doc.author().map(|a| a.key()).unwrap_or_default());
        }
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
        let owned_by = |owner: Option<&str>| {
            let Some(o) = owner else {
                return false;
            };
            spec.me.as_deref().is_none_or(|m| m == o)
                && spec
                    .owner
                    .as_deref()
                    .is_none_or(|typed| crate::insight::activity::member_matches(ws, o, typed))
        };
        let by_owner = spec.mine || spec.owner.is_some();
        let by_fields = spec.phase.is_some() || spec.kind.is_some() || spec.tag.is_some();
        // The partner's phase, kind and tags.
        let fields_ok = |id: PartnerId| {
            if !by_fields {
                return true;
            }
            ws.partner(id).is_some_and(|p| {
                spec.phase.is_none_or(|ph| p.phase == ph)
                    && spec.kind.is_none_or(|k| p.kind == k)
                    && spec
                        .tag
                        .as_ref()
                        .is_none_or(|t| p.tags.iter().any(|x| x.to_lowercase() == *t))
            })
        };
        let partner_ok = |id: PartnerId| {
            fields_ok(id)
                && (!by_owner || ws.partner(id).is_some_and(|p| owned_by(p.owner.as_deref())))
        };
        let (ok, text) = match pane {
            Pane::Partners => {
                let p = &ws.partners[i];
                let overdue = || self.scene().summary(i).is_some_and(|s| s.attention > 0);
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
                // An entry whose follow-up is assigned to the owner is theirs too.
                let assigned = by_owner && owned_by(e.follow_up_owner());
                let ok = (partner_ok(e.partner) || (assigned && fields_ok(e.partner)))
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

    /// The pane whose filter is being typed (under a question too).
    pub fn filter_editing(&self) -> Option<Pane> {
        self.stack().find_map(|o| match o {
            Overlay::Filter(view) => Some(view.pane),
            _ => None,
        })
    }

    /// Stops typing the filter: its overlay closes, wherever it is on the stack.
    pub(super) fn stop_filter_typing(&mut self) {
        if matches!(self.overlay, Some(Overlay::Filter(_))) {
            self.close();
        }
        self.under.retain(|o| !matches!(o, Overlay::Filter(_)));
    }

    fn overview_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Overview(_)))
    }

    /// Whether trends are left to compute for an open overview.
    pub fn trends_pending(&self) -> bool {
        let trends = self.doc.trends();
        self.overview_open()
            && (trends.by_partner.len() != self.ws().partners.len() || !trends.done())
    }

    /// Computes trends for about `budget` (at least one partner); re-sorts an overview sorted
    /// by the fall when the last one is in. Returns whether some are left.
    pub fn trend_slice(&mut self, budget: Duration) -> bool {
        let trends = self.doc.trends();
        let was_left = trends.by_partner.len() != self.ws().partners.len() || !trends.done();
        let left = self.doc.trend_slice(budget);
        if was_left && !left {
            self.resort_by_fall();
        }
        left
    }

    /// One slice of trend work (the event loop's quiet time).
    pub(super) fn trend_work(&mut self) {
        if self.trends_pending() {
            self.trend_slice(SLICE_BUDGET);
        }
    }

    /// Computes every trend left (tests, benchmarks, one-off frames).
    pub fn finish_trends(&mut self) {
        while self.trend_slice(Duration::MAX) {}
    }

    fn resort_by_fall(&mut self) {
        let Some(Overlay::Overview(OverviewView {
            sort: OverviewSort::Fall,
            cursor,
            order,
            mine,
        })) = &self.overlay
        else {
            return;
        };
        let selected = order.get(cursor.selected).copied();
        let mut view = OverviewView {
            cursor: *cursor,
            sort: OverviewSort::Fall,
            order: Vec::new(),
            mine: mine.clone(),
        };
        view.order = view.order_for(&self.scene());
        if let Some(at) = selected.and_then(|s| view.order.iter().position(|i| *i == s)) {
            let height = self.scene().view_height();
            view.cursor.select(at, view.order.len(), height);
        }
        self.replace(Overlay::Overview(view));
    }

    /// Whether the open search still has records to go through.
    pub(super) fn searching(&self) -> bool {
        matches!(
            &self.overlay,
            Some(Overlay::Search(SearchView { job: Some(_), .. }))
        )
    }

    /// How far the open search has gone through the records, in percent, while it goes on.
    pub fn search_progress(&self) -> Option<u8> {
        match &self.overlay {
            Some(Overlay::Search(SearchView { job: Some(job), .. })) => {
                Some((job.done * 100 / self.ws().record_count().max(1)).min(99) as u8)
            }
            _ => None,
        }
    }

    /// Goes on with the open search for about `budget`; returns whether some is left.
    pub(super) fn search_slice(&mut self, budget: Duration) -> bool {
        self.with_top(|top, scene| match top {
            Overlay::Search(view) => continue_search(&mut view.job, &mut view.hits, scene, budget),
            _ => false,
        })
        .unwrap_or(false)
    }
}
