//! The command palette (`:`), listing every dashboard action by name with its key, fuzzy
//! matched, and the global search (`Ctrl-f`) over every record, jumping to the chosen one.

use super::{Action, App, Context, Cursor, Effect, Level, Overlay};
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
        self.open(Overlay::Palette(PaletteView {
            input: Input::default(),
            matches: self.palette_actions(),
            cursor: Cursor::default(),
        }));
    }

    pub(super) fn open_search(&mut self) {
        self.open(Overlay::Search(SearchView::default()));
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
        matches!(
            &self.overlay,
            Some(Overlay::Search(SearchView { job: Some(_), .. }))
        )
    }

    /// How far the open search has gone through the records, in percent, while it goes on.
    pub fn search_progress(&self) -> Option<u8> {
        match &self.overlay {
            Some(Overlay::Search(SearchView { job: Some(job), .. })) => {
                Some((job.done * 100 / self.ws.record_count().max(1)).min(99) as u8)
            }
            _ => None,
        }
    }

    /// Goes on with the open search for about `budget`; returns whether some is left.
    pub(super) fn search_slice(&mut self, budget: Duration) -> bool {
        self.with_top(|top, app| match top {
            Overlay::Search(view) => continue_search(&mut view.job, &mut view.hits, app, budget),
            _ => false,
        })
        .unwrap_or(false)
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
}

/// Goes on with a search's job for about `budget`; returns whether some is left.
fn continue_search(
    job: &mut Option<SearchJob>,
    hits: &mut Vec<Hit>,
    app: &App,
    budget: Duration,
) -> bool {
    let Some(mut going) = job.take() else {
        return false;
    };
    let left = app.search_some(&mut going, hits, budget);
    *job = left.then_some(going);
    left
}

/// The command palette's state: what was typed, the matching actions, the chosen one.
#[derive(Debug, Clone)]
pub struct PaletteView {
    pub input: Input,
    pub matches: Vec<Action>,
    pub cursor: Cursor,
}

/// The global search's state: what was typed, the hits (best first), the chosen one, and the
/// records still to search.
#[derive(Debug, Clone, Default)]
pub struct SearchView {
    pub input: Input,
    pub hits: Vec<Hit>,
    pub cursor: Cursor,
    pub job: Option<SearchJob>,
}

impl PaletteView {
    /// An edit of the query: the matches follow it.
    pub(super) fn edit_query(&mut self, request: InputRequest, app: &App) {
        let PaletteView {
            input,
            matches,
            cursor,
        } = self;
        if !input.handle(request).is_some_and(|c| c.value) {
            return;
        }
        let actions = app.palette_actions();
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
                            app.keymap.keys_text(*a)
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

    /// The palette's keys: edit the query, move through the matches, run the chosen action,
    /// cancel.
    pub(super) fn update(&mut self, action: Action, app: &App) -> Effect {
        if let Some(request) = super::form::text_request(action) {
            self.edit_query(request, app);
            return Effect::None;
        }
        let (matches, cursor) = (&self.matches, &mut self.cursor);
        let height = app.view_height();
        match action {
            Action::FieldNext => cursor.step(1, matches.len(), height),
            Action::FieldPrev => cursor.step(-1, matches.len(), height),
            Action::Cancel => return Effect::Close,
            Action::Submit => {
                return match matches.get(cursor.selected).copied() {
                    Some(chosen) => Effect::Run(chosen),
                    None => nothing("No action matches"),
                };
            }
            _ => {}
        }
        Effect::None
    }
}

impl SearchView {
    /// An edit of the query: the search starts over.
    pub(super) fn edit_query(&mut self, request: InputRequest, app: &App) {
        let SearchView {
            input,
            hits,
            cursor,
            job,
        } = self;
        if !input.handle(request).is_some_and(|c| c.value) {
            return;
        }
        let query = input.value().trim().to_string();
        hits.clear();
        *cursor = Cursor::default();
        *job = (!query.is_empty()).then(|| SearchJob::new(query));
        continue_search(job, hits, app, super::filter::KEY_BUDGET);
    }

    /// The search's keys: edit the query, move through the hits, go to the chosen record,
    /// cancel.
    pub(super) fn update(&mut self, action: Action, app: &App) -> Effect {
        if let Some(request) = super::form::text_request(action) {
            self.edit_query(request, app);
            return Effect::None;
        }
        let (hits, cursor) = (&self.hits, &mut self.cursor);
        let height = app.view_height();
        match action {
            Action::FieldNext => cursor.step(1, hits.len(), height),
            Action::FieldPrev => cursor.step(-1, hits.len(), height),
            Action::Cancel => return Effect::Close,
            Action::Submit => {
                return match hits.get(cursor.selected) {
                    Some(hit) => Effect::Jump {
                        partner: hit.partner,
                        record: hit.record,
                        then: None,
                    },
                    None => nothing("Nothing found"),
                };
            }
            _ => {}
        }
        Effect::None
    }
}

/// Closes the palette or the search, saying why nothing happened.
fn nothing(text: &str) -> Effect {
    Effect::Several(vec![
        Effect::Close,
        Effect::Status(Level::Info, text.to_string()),
    ])
}
