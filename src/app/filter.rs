//! `/` filters the focused pane as you type: fuzzy text (matched characters are highlighted by
//! the renderer) plus field filters `phase:active`, `kind:community`, `tag:…`, `status:…`,
//! `channel:…` and `overdue`. `Enter` keeps the filter, `Esc` clears it.

use super::{App, Pane};
use crate::fuzzy::Query;
use crate::model::*;
use tui_input::Input;

/// An active filter of one pane: what was typed and the rows that match.
#[derive(Debug, Clone, Default)]
pub struct PaneFilter {
    pub input: Input,
    pub rows: Vec<u32>,
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
            });
        }
        self.filter_editing = Some(pane);
    }

    /// A key typed into the filter being edited.
    pub(super) fn filter_key(&mut self, key: crate::keymap::Key) {
        let Some(pane) = self.filter_editing else {
            return;
        };
        let Some(request) = super::form::input_request(key) else {
            return;
        };
        if let Some(f) = &mut self.filters[pane as usize]
            && f.input.handle(request).is_some_and(|c| c.value)
        {
            self.refilter(pane);
            self.cursors[pane as usize] = super::Cursor::default();
            if pane == Pane::Partners {
                self.partner_changed();
            }
        }
    }

    /// `Enter`: keep the filter (an empty one is dropped).
    pub(super) fn keep_filter(&mut self) {
        if let Some(pane) = self.filter_editing.take()
            && self.filters[pane as usize]
                .as_ref()
                .is_some_and(|f| f.input.value().trim().is_empty())
        {
            self.clear_filter(pane);
        }
    }

    /// Removes a pane's filter.
    pub fn clear_filter(&mut self, pane: Pane) {
        self.filter_editing = None;
        if self.filters[pane as usize].take().is_some() {
            self.cursors[pane as usize] = super::Cursor::default();
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

    /// Recomputes the matching rows of a pane's filter (after typing or a change of data).
    pub(super) fn refilter(&mut self, pane: Pane) {
        let Some(query) = self.filters[pane as usize]
            .as_ref()
            .map(|f| f.input.value().to_string())
        else {
            return;
        };
        let rows = self.matching_rows(pane, &query);
        if let Some(f) = &mut self.filters[pane as usize] {
            f.rows = rows;
        }
    }

    fn matching_rows(&self, pane: Pane, query: &str) -> Vec<u32> {
        let spec = parse(query);
        let mut fuzzy = (!spec.text.is_empty()).then(|| Query::new(&spec.text));
        let ws = &self.ws;
        let today = self.today;
        let partner_ok = |id: PartnerId| {
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
        let mut text = String::new();
        self.base_rows(pane)
            .iter()
            .copied()
            .filter(|&i| {
                let i = i as usize;
                text.clear();
                let ok = match pane {
                    Pane::Partners => {
                        let p = &ws.partners[i];
                        text.push_str(&p.name);
                        let overdue = self.summary(i).is_some_and(|s| s.attention > 0);
                        partner_ok(p.id) && (!spec.overdue || overdue)
                    }
                    Pane::Goals => {
                        let g = &ws.goals[i];
                        text.push_str(&g.title);
                        let overdue =
                            g.status == GoalStatus::Active && g.due.is_some_and(|d| d < today);
                        partner_ok(g.partner)
                            && spec.status.is_none_or(|s| g.status == s)
                            && (!spec.overdue || overdue)
                    }
                    Pane::Timeline => {
                        let m = &ws.milestones[i];
                        text.push_str(&m.title);
                        partner_ok(m.partner)
                            && (!spec.overdue || (m.done.is_none() && m.due < today))
                    }
                    Pane::Log => {
                        let e = &ws.interactions[i];
                        text.push_str(&e.summary);
                        let overdue = e
                            .follow_up
                            .as_ref()
                            .is_some_and(|f| f.done.is_none() && f.due < today);
                        partner_ok(e.partner)
                            && spec.channel.is_none_or(|c| e.channel == c)
                            && (!spec.overdue || overdue)
                    }
                };
                ok && fuzzy.as_mut().is_none_or(|q| q.score(&text).is_some())
            })
            .collect()
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
