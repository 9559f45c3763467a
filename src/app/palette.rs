//! The command palette (`:`), listing every dashboard action by name with its key, fuzzy
//! matched, and the global search (`Ctrl-f`) over every record, jumping to the chosen one.

use super::{Action, App, Context, Cursor, Level, Overlay};
use crate::fuzzy::Query;
use crate::insight::RecordRef;
use crate::model::PartnerId;
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

impl App {
    /// Every action the palette offers: all that work on the dashboard.
    pub fn palette_actions(&self) -> Vec<Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(|a| a.contexts().contains(&Context::Dashboard) && *a != Action::Palette)
            .collect()
    }

    pub(super) fn open_palette(&mut self) {
        self.overlay = Some(Overlay::Palette {
            input: Input::default(),
            matches: self.palette_actions(),
            cursor: Cursor::default(),
        });
    }

    pub(super) fn open_search(&mut self) {
        self.overlay = Some(Overlay::Search {
            input: Input::default(),
            hits: Vec::new(),
            cursor: Cursor::default(),
        });
    }

    pub(super) fn palette_key(&mut self, key: crate::keymap::Key) {
        let Some(request) = super::form::input_request(key) else {
            return;
        };
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

    pub(super) fn search_key(&mut self, key: crate::keymap::Key) {
        let Some(request) = super::form::input_request(key) else {
            return;
        };
        let query = match &mut self.overlay {
            Some(Overlay::Search { input, .. }) => {
                if !input.handle(request).is_some_and(|c| c.value) {
                    return;
                }
                input.value().trim().to_string()
            }
            _ => return,
        };
        let found = self.search(&query);
        if let Some(Overlay::Search { hits, cursor, .. }) = &mut self.overlay {
            *hits = found;
            *cursor = Cursor::default();
        }
    }

    /// Every record matching `query`, best first (at most `MAX_HITS`).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        if query.is_empty() {
            return Vec::new();
        }
        let ws = &self.ws;
        let mut q = Query::new(query);
        let mut hits = Vec::new();
        let mut consider =
            |kind: &'static str, partner: PartnerId, record: RecordRef, text: &str| {
                if text.is_empty() {
                    return;
                }
                if let Some(score) = q.score(text) {
                    hits.push(Hit {
                        kind,
                        partner,
                        record,
                        text: text.lines().next().unwrap_or("").to_string(),
                        score,
                    });
                }
            };
        for p in &ws.partners {
            let r = RecordRef::Partner(p.id);
            consider("partner", p.id, r, &p.name);
            consider("notes", p.id, r, &p.notes);
            consider("aim", p.id, r, &p.aim);
            for c in &p.contacts {
                let line = [c.name.as_str(), &c.role, &c.email, &c.phone]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · ");
                consider("contact", p.id, r, &line);
            }
        }
        for g in &ws.goals {
            consider("goal", g.partner, RecordRef::Goal(g.id), &g.title);
        }
        for m in &ws.milestones {
            consider("milestone", m.partner, RecordRef::Milestone(m.id), &m.title);
        }
        for e in &ws.interactions {
            consider(
                "log entry",
                e.partner,
                RecordRef::Interaction(e.id),
                &e.summary,
            );
            if let Some(f) = &e.follow_up {
                consider(
                    "follow-up",
                    e.partner,
                    RecordRef::Interaction(e.id),
                    &f.what,
                );
            }
        }
        for c in &ws.commitments {
            consider(
                "commitment",
                c.partner,
                RecordRef::Commitment(c.id),
                &c.what,
            );
        }
        for r in &ws.reviews {
            consider("review", r.partner, RecordRef::Review(r.id), &r.feedback);
            for p in crate::model::Practice::ALL {
                consider(
                    "review note",
                    r.partner,
                    RecordRef::Review(r.id),
                    &r.ratings.get(*p).note,
                );
            }
        }
        for c in &ws.celebrations {
            consider(
                "celebration",
                c.partner,
                RecordRef::Celebration(c.id),
                &c.how,
            );
        }
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(MAX_HITS);
        hits
    }

    pub(super) fn update_palette(&mut self, action: Action) {
        let height = self.view_height();
        match &mut self.overlay {
            Some(Overlay::Palette {
                matches, cursor, ..
            }) => match action {
                Action::FieldNext => cursor.step(1, matches.len(), height),
                Action::FieldPrev => cursor.step(-1, matches.len(), height),
                Action::Cancel => self.overlay = None,
                Action::Submit => {
                    let chosen = matches.get(cursor.selected).copied();
                    self.overlay = None;
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
                Action::Cancel => self.overlay = None,
                Action::Submit => {
                    let chosen = hits.get(cursor.selected).map(|h| (h.partner, h.record));
                    self.overlay = None;
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
