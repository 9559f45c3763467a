//! The command palette (`:`), listing every dashboard action by name with its key, fuzzy
//! matched, and the global search (`Ctrl-f`) over every record, jumping to the chosen one.

use super::Effect;
use super::scene::Scene;
use crate::action::{Action, Context};
use crate::app::cursor::Cursor;
use crate::app::paste::TextEdit;
use crate::app::status::Level;
use crate::fuzzy::Query;
use crate::insight::RecordRef;
use crate::model::{
    CelebrationId, CommitmentId, EachKind, GoalId, InteractionId, ListKind, MilestoneId, PartnerId,
    Record, ReviewId, each_kind,
};
use std::time::{Duration, Instant};
use tui_input::Input;

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

/// The record lists a search goes through, in order: every kind's, in file order.
const STAGES: usize = ListKind::COUNT;
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
    pub(in crate::app) done: usize,
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

/// Every action the palette offers: all that work on the dashboard, quit last (so that
/// `:` `Enter` never quits by accident; typing "quit" still finds it first).
pub fn palette_actions() -> Vec<Action> {
    let mut actions: Vec<Action> = Action::ALL
        .iter()
        .copied()
        .filter(|a| a.contexts().contains(&Context::Dashboard) && *a != Action::Palette)
        .collect();
    actions.sort_by_key(|a| *a == Action::Quit);
    actions
}

/// The reference to the record with id `id` in the list `list`.
fn reference(list: ListKind, id: u64) -> RecordRef {
    match list {
        ListKind::Partners => RecordRef::Partner(PartnerId(id)),
        ListKind::Goals => RecordRef::Goal(GoalId(id)),
        ListKind::Milestones => RecordRef::Milestone(MilestoneId(id)),
        ListKind::Interactions => RecordRef::Interaction(InteractionId(id)),
        ListKind::Commitments => RecordRef::Commitment(CommitmentId(id)),
        ListKind::Reviews => RecordRef::Review(ReviewId(id)),
        ListKind::Celebrations => RecordRef::Celebration(CelebrationId(id)),
    }
}

/// Matches the fields of one piece of a record ([`Record::texts`]): the best field names the
/// hit (`kind`), `shown` is the text shown (its first line).
fn consider(
    q: &mut Query,
    needle: &Needle,
    hits: &mut Vec<Hit>,
    partner: PartnerId,
    record: RecordRef,
    fields: &[(&'static str, &str)],
    shown: &str,
) {
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
}

/// Goes on with a search's job for about `budget`; returns whether some is left.
pub(in crate::app) fn continue_search(
    job: &mut Option<SearchJob>,
    hits: &mut Vec<Hit>,
    scene: &Scene,
    budget: Duration,
) -> bool {
    let Some(mut going) = job.take() else {
        return false;
    };
    let left = scene.search_some(&mut going, hits, budget);
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
    pub(in crate::app) fn edit_query(&mut self, edit: impl Into<TextEdit>, scene: &Scene) {
        let PaletteView {
            input,
            matches,
            cursor,
        } = self;
        if !edit.into().apply(input) {
            return;
        }
        let actions = palette_actions();
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
                            scene.keymap.keys_text(*a)
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
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        if let Some(request) = crate::app::form::text_request(action) {
            self.edit_query(request, scene);
            return Effect::None;
        }
        let (matches, cursor) = (&self.matches, &mut self.cursor);
        let height = scene.view_height();
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
    pub(in crate::app) fn edit_query(&mut self, edit: impl Into<TextEdit>, scene: &Scene) {
        let SearchView {
            input,
            hits,
            cursor,
            job,
        } = self;
        if !edit.into().apply(input) {
            return;
        }
        let query = input.value().trim().to_string();
        hits.clear();
        *cursor = Cursor::default();
        *job = (!query.is_empty()).then(|| SearchJob::new(query));
        continue_search(job, hits, scene, crate::app::filter::KEY_BUDGET);
    }

    /// The search's keys: edit the query, move through the hits, go to the chosen record,
    /// cancel.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        if let Some(request) = crate::app::form::text_request(action) {
            self.edit_query(request, scene);
            return Effect::None;
        }
        let (hits, cursor) = (&self.hits, &mut self.cursor);
        let height = scene.view_height();
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

impl Scene<'_> {
    /// Every record matching `query`, best first (at most `MAX_HITS`).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if !query.is_empty() {
            let mut job = SearchJob::new(query.to_string());
            while self.search_some(&mut job, &mut hits, Duration::MAX) {}
        }
        hits
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
        self.ws().list_lengths().get(stage).copied().unwrap_or(0)
    }

    /// Matches the records at `range` of the list of `stage` (the lists in file order:
    /// partners, goals, milestones, log, commitments, reviews, celebrations) by their texts
    /// ([`Record::texts`]), adding the hits.
    fn search_records(
        &self,
        stage: usize,
        range: std::ops::Range<usize>,
        q: &mut Query,
        needle: &Needle,
        hits: &mut Vec<Hit>,
    ) {
        struct Stage<'a> {
            ws: &'a crate::model::Workspace,
            stage: usize,
            range: std::ops::Range<usize>,
            q: &'a mut Query,
            needle: &'a Needle,
            hits: &'a mut Vec<Hit>,
        }
        impl EachKind for Stage<'_> {
            fn kind<R: Record>(&mut self) {
                if R::LIST as usize != self.stage {
                    return;
                }
                let Stage {
                    ws,
                    q,
                    needle,
                    hits,
                    ..
                } = self;
                for r in R::list(ws).range(self.range.clone()) {
                    let (partner, record) = (r.partner(), reference(R::LIST, r.id()));
                    r.texts(&mut |fields, shown| {
                        consider(q, needle, hits, partner, record, fields, shown);
                    });
                }
            }
        }
        each_kind(&mut Stage {
            ws: self.ws(),
            stage,
            range,
            q,
            needle,
            hits,
        });
    }
}
