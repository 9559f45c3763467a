//! The command palette (`:`), listing every dashboard action by name with its key, fuzzy
//! matched, and the global search (`Ctrl-f`) over every record, jumping to the chosen one.

use super::{Action, App, Context, Cursor, Level, Overlay};
use crate::fuzzy::Query;
use crate::insight::RecordRef;
use crate::model::PartnerId;
use std::time::{Duration, Instant};
use tui_input::{Input, InputRequest};

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// What kind of record, e.g. "contact", "log entry".
    pub kind: &'static str,
    pub partner: PartnerId,
    pub record: RecordRef,
    /// The matched text, one line.
    pub text: String,
    pub score: u32,
}

/// At most this many search results are kept, best first.
pub const MAX_HITS: usize = 200;

/// The record lists a search goes through, in order.
const STAGES: usize = 7;
/// Records matched between looks at the clock (few: a partner's notes and contacts are many
/// texts, some long).
const SEARCH_CHUNK: usize = 16;

/// A search still going through the records: the query, the list (`stage`) and the position in
/// it, and how many records are done. A keystroke searches for a moment; the event loop goes on
/// between keys (`App::work`), the hits filling in.
#[derive(Debug, Clone)]
pub struct SearchJob {
    query: String,
    stage: usize,
    next: usize,
    done: usize,
}

impl SearchJob {
    fn new(query: String) -> SearchJob {
        SearchJob {
            query,
            stage: 0,
            next: 0,
            done: 0,
        }
    }
}

/// What find looks for, beside the fuzzy query: the query in lower case, and the least fuzzy
/// score it accepts when the text does not contain the query as it was typed.
pub struct Needle {
    lower: String,
    strong: u32,
}

impl Needle {
    fn new(query: &str, q: &mut Query) -> Needle {
        let lower = crate::text::fold_lower(query.trim());
        // A scattered match scores well below the query found whole; as fzf users expect, such
        // weak matches are left out: a fuzzy match must reach 80% of the query's own score.
        let own = q.score(&lower).unwrap_or(0);
        Needle {
            strong: own * 4 / 5,
            lower,
        }
    }

    /// The relevance of `text`, or `None` when it does not match well enough: the whole text
    /// equal to the query first, then texts starting with it, words starting with it, texts
    /// containing it, and strong fuzzy matches; within each, the fuzzy score.
    fn relevance(&self, q: &mut Query, text: &str) -> Option<u32> {
        let fuzzy = q.score(text)?;
        let text = crate::text::fold_lower(text);
        let tier = if text.trim() == self.lower {
            4
        } else if text.starts_with(&self.lower) {
            3
        } else if text
            .match_indices(&self.lower)
            .any(|(i, _)| !text[..i].ends_with(char::is_alphanumeric))
        {
            2
        } else if text.contains(&self.lower) {
            1
        } else if fuzzy >= self.strong {
            0
        } else {
            return None;
        };
        Some(tier * 100_000 + fuzzy)
    }
}

impl App {
    /// Every action the palette offers: all that work on the dashboard, quit last (so that
    /// `:` `Enter` never quits by accident; typing "quit" still finds it first).
    pub fn palette_actions(&self) -> Vec<Action> {
        let mut actions: Vec<Action> = Action::ALL
            .iter()
            .copied()
            .filter(|a| a.contexts().contains(&Context::Dashboard) && *a != Action::Palette)
            .collect();
        actions.sort_by_key(|a| *a == Action::Quit);
        actions
    }

    pub(super) fn open_palette(&mut self) {
        self.open(Overlay::Palette {
            input: Input::default(),
            matches: self.palette_actions(),
            cursor: Cursor::default(),
        });
    }

    pub(super) fn open_search(&mut self) {
        self.open(Overlay::Search {
            input: Input::default(),
            hits: Vec::new(),
            cursor: Cursor::default(),
            job: None,
        });
    }

    /// A key typed into the palette (one no binding claimed).
    pub(super) fn palette_key(&mut self, key: crate::keymap::Key) {
        if let Some(request) = super::form::typed_request(key) {
            self.palette_input(request);
        }
    }

    /// An edit of the palette's query; the matches follow it.
    fn palette_input(&mut self, request: InputRequest) {
        let actions = self.palette_actions();
        let keymap = &self.keymap;
        if let Some(Overlay::Palette {
            input,
            matches,
            cursor,
        }) = &mut self.overlay
            && input.handle(request).is_some_and(|c| c.value)
        {
            let q = input.value().trim().to_string();
            *matches = if q.is_empty() {
                actions
            } else {
                let texts: Vec<(Action, String)> = actions
                    .iter()
                    .map(|a| {
                        (
                            *a,
                            format!(
                                "{} {} {}",
                                a.name().replace('_', " "),
                                a.help(),
                                keymap.keys_text(*a)
                            ),
                        )
                    })
                    .collect();
                crate::fuzzy::rank(&q, texts.iter().map(|(a, t)| (*a, t.as_str())))
                    .into_iter()
                    .map(|(a, _)| a)
                    .collect()
            };
            *cursor = Cursor::default();
        }
    }

    /// A key typed into the search (one no binding claimed).
    pub(super) fn search_key(&mut self, key: crate::keymap::Key) {
        if let Some(request) = super::form::typed_request(key) {
            self.search_input(request);
        }
    }

    /// An edit of the search query; the search starts over.
    fn search_input(&mut self, request: InputRequest) {
        let Some(Overlay::Search {
            input,
            hits,
            cursor,
            job,
        }) = &mut self.overlay
        else {
            return;
        };
        if !input.handle(request).is_some_and(|c| c.value) {
            return;
        }
        let query = input.value().trim().to_string();
        hits.clear();
        *cursor = Cursor::default();
        *job = (!query.is_empty()).then(|| SearchJob::new(query));
        self.search_slice(super::filter::KEY_BUDGET);
    }

    /// Every record matching `query`, best first (at most `MAX_HITS`).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if !query.is_empty() {
            let mut job = SearchJob::new(query.to_string());
            while self.search_some(&mut job, &mut hits, Duration::MAX) {}
        }
        hits
    }

    /// Whether the open search still has records to go through.
    pub(super) fn searching(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Search { job: Some(_), .. }))
    }

    /// How far the open search has gone through the records, in percent, while it goes on.
    pub fn search_progress(&self) -> Option<u8> {
        match &self.overlay {
            Some(Overlay::Search { job: Some(job), .. }) => {
                Some((job.done * 100 / self.ws.record_count().max(1)).min(99) as u8)
            }
            _ => None,
        }
    }

    /// Goes on with the open search for about `budget`; returns whether some is left.
    pub(super) fn search_slice(&mut self, budget: Duration) -> bool {
        let (mut job, mut hits) = match &mut self.overlay {
            Some(Overlay::Search { job, hits, .. }) => match job.take() {
                Some(job) => (job, std::mem::take(hits)),
                None => return false,
            },
            _ => return false,
        };
        let left = self.search_some(&mut job, &mut hits, budget);
        if let Some(Overlay::Search {
            job: slot,
            hits: shown,
            ..
        }) = &mut self.overlay
        {
            *shown = hits;
            *slot = left.then_some(job);
        }
        left
    }

    /// Goes through records for `job`: at least `SEARCH_CHUNK`, then until `budget` is spent.
    /// `hits` stays the best `MAX_HITS` so far, best first (ties in record order). Returns
    /// whether records are left.
    fn search_some(&self, job: &mut SearchJob, hits: &mut Vec<Hit>, budget: Duration) -> bool {
        let start = Instant::now();
        let mut q = Query::new(&job.query);
        let needle = Needle::new(&job.query, &mut q);
        let mut seen = 0;
        while job.stage < STAGES {
            let len = self.stage_len(job.stage);
            let end = (job.next + SEARCH_CHUNK).min(len);
            self.search_records(job.stage, job.next..end, &mut q, &needle, hits);
            seen += end - job.next;
            job.done += end - job.next;
            job.next = end;
            if end >= len {
                job.stage += 1;
                job.next = 0;
            }
            if seen >= SEARCH_CHUNK && start.elapsed() >= budget {
                break;
            }
        }
        // Stable: equal scores keep record order, so keeping the best after each slice gives
        // the same hits as sorting them all at the end.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(MAX_HITS);
        job.stage < STAGES
    }

    /// The length of the list of `stage` (`STAGES` follows the file's order of the lists).
    fn stage_len(&self, stage: usize) -> usize {
        self.ws.list_lengths().get(stage).copied().unwrap_or(0)
    }

    /// Matches the records at `range` of the list of `stage` (partners, goals, milestones, log,
    /// commitments, reviews, celebrations), adding the hits.
    fn search_records(
        &self,
        stage: usize,
        range: std::ops::Range<usize>,
        q: &mut Query,
        needle: &Needle,
        hits: &mut Vec<Hit>,
    ) {
        let ws = &self.ws;
        // Matches the fields of one record: the best field names the hit (`kind`), `shown` is
        // the text shown (its first line).
        let mut consider = |partner: PartnerId,
                            record: RecordRef,
                            fields: &[(&'static str, &str)],
                            shown: &str| {
            let best = fields
                .iter()
                .filter(|(_, t)| !t.is_empty())
                .filter_map(|(kind, t)| needle.relevance(q, t).map(|s| (*kind, s)))
                .fold(None, |best: Option<(&str, u32)>, (kind, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((kind, s)),
                });
            if let Some((kind, score)) = best {
                hits.push(Hit {
                    kind,
                    partner,
                    record,
                    text: shown.lines().next().unwrap_or("").to_string(),
                    score,
                });
            }
        };
        match stage {
            0 => {
                for p in ws.partners.range(range) {
                    let r = RecordRef::Partner(p.id);
                    consider(p.id, r, &[("partner", &p.name)], &p.name);
                    consider(p.id, r, &[("notes", &p.notes)], &p.notes);
                    consider(p.id, r, &[("aim", &p.aim)], &p.aim);
                    for c in &p.contacts {
                        let fields = [
                            ("contact", c.name.as_str()),
                            ("contact role", c.role.as_str()),
                            ("contact email", c.email.as_str()),
                            ("contact phone", c.phone.as_str()),
                        ];
                        let line = fields
                            .iter()
                            .map(|(_, t)| *t)
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ");
                        consider(p.id, r, &fields, &line);
                    }
                }
            }
            1 => {
                for g in ws.goals.range(range) {
                    consider(
                        g.partner,
                        RecordRef::Goal(g.id),
                        &[("goal", &g.title)],
                        &g.title,
                    );
                }
            }
            2 => {
                for m in ws.milestones.range(range) {
                    consider(
                        m.partner,
                        RecordRef::Milestone(m.id),
                        &[("milestone", &m.title)],
                        &m.title,
                    );
                }
            }
            3 => {
                for e in ws.interactions.range(range) {
                    let r = RecordRef::Interaction(e.id);
                    consider(e.partner, r, &[("log entry", &e.summary)], &e.summary);
                    if let Some(f) = &e.follow_up {
                        consider(e.partner, r, &[("follow-up", &f.what)], &f.what);
                    }
                }
            }
            4 => {
                for c in ws.commitments.range(range) {
                    consider(
                        c.partner,
                        RecordRef::Commitment(c.id),
                        &[("commitment", &c.what)],
                        &c.what,
                    );
                }
            }
            5 => {
                for r in ws.reviews.range(range) {
                    consider(
                        r.partner,
                        RecordRef::Review(r.id),
                        &[("review", &r.feedback)],
                        &r.feedback,
                    );
                    for p in crate::model::Practice::ALL {
                        let note = &r.ratings.get(*p).note;
                        consider(
                            r.partner,
                            RecordRef::Review(r.id),
                            &[("review note", note)],
                            note,
                        );
                    }
                }
            }
            _ => {
                for c in ws.celebrations.range(range) {
                    consider(
                        c.partner,
                        RecordRef::Celebration(c.id),
                        &[("celebration", &c.how)],
                        &c.how,
                    );
                }
            }
        }
    }

    pub(super) fn update_palette(&mut self, action: Action) {
        if let Some(request) = super::form::text_request(action) {
            match self.overlay {
                Some(Overlay::Palette { .. }) => self.palette_input(request),
                Some(Overlay::Search { .. }) => self.search_input(request),
                _ => {}
            }
            return;
        }
        let height = self.view_height();
        match &mut self.overlay {
            Some(Overlay::Palette {
                matches, cursor, ..
            }) => match action {
                Action::FieldNext => cursor.step(1, matches.len(), height),
                Action::FieldPrev => cursor.step(-1, matches.len(), height),
                Action::Cancel => {
                    self.close();
                }
                Action::Submit => {
                    let chosen = matches.get(cursor.selected).copied();
                    self.close();
                    match chosen {
                        Some(a) => self.update(a),
                        None => self.set_status(Level::Info, "No action matches"),
                    }
                }
                _ => {}
            },
            Some(Overlay::Search { hits, cursor, .. }) => match action {
                Action::FieldNext => cursor.step(1, hits.len(), height),
                Action::FieldPrev => cursor.step(-1, hits.len(), height),
                Action::Cancel => {
                    self.close();
                }
                Action::Submit => {
                    let chosen = hits.get(cursor.selected).map(|h| (h.partner, h.record));
                    self.close();
                    match chosen {
                        Some((partner, record)) => self.jump_to(partner, record),
                        None => self.set_status(Level::Info, "Nothing found"),
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}
