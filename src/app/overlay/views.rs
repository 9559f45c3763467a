//! The two list views over the dashboard: the attention queue (what needs the user now) and the
//! portfolio overview (every partner's health and practices, sortable). `Enter` in either jumps
//! to the record on the dashboard, where the action keys work on it.

use super::help::HelpView;
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::{Action, Context};
use crate::app::cursor::Cursor;
use crate::app::status::Level;
use crate::document::Change;
use crate::insight::RecordRef as Target;

/// How the overview is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewSort {
    /// Weakest health first.
    Health,
    /// Longest without contact first.
    LastContact,
    Name,
    /// Largest drop in review ratings first.
    Trend,
    /// Largest fall of the health score over the last 90 days first.
    Fall,
}

impl OverviewSort {
    pub fn label(self) -> &'static str {
        match self {
            OverviewSort::Health => "health",
            OverviewSort::LastContact => "last contact",
            OverviewSort::Name => "name",
            OverviewSort::Trend => "review trend",
            OverviewSort::Fall => "fall over 90 days",
        }
    }

    fn next(self) -> Self {
        match self {
            OverviewSort::Health => OverviewSort::LastContact,
            OverviewSort::LastContact => OverviewSort::Name,
            OverviewSort::Name => OverviewSort::Trend,
            OverviewSort::Trend => OverviewSort::Fall,
            OverviewSort::Fall => OverviewSort::Health,
        }
    }
}

/// The attention queue's state: the selected item, and whether only the user's items show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttentionView {
    pub cursor: Cursor,
    /// Only what is this member's (their key), with the positions of those items in the queue.
    pub mine: Option<Mine>,
}

/// A view narrowed to one member's share (`O`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mine {
    /// The member's key.
    pub key: String,
    /// Their name, for the view's title.
    pub name: String,
    /// The positions shown (in the attention queue or the partner list).
    pub rows: Vec<u32>,
}

/// The portfolio overview's state: partner positions in the chosen order, the selected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewView {
    pub cursor: Cursor,
    pub sort: OverviewSort,
    pub order: Vec<u32>,
    /// Only the partners this member owns (their key and name).
    pub mine: Option<(String, String)>,
}

impl AttentionView {
    /// The member's items again, after the queue changed (a snooze, a change, a reload).
    pub(in crate::app) fn follow(&mut self, scene: &Scene) {
        if let Some(m) = &mut self.mine {
            m.rows = mine_rows(scene, &m.key);
            let len = m.rows.len();
            self.cursor.select(
                self.cursor.selected.min(len.saturating_sub(1)),
                len,
                scene.view_height(),
            );
        }
    }

    fn len(&self, scene: &Scene) -> usize {
        match &self.mine {
            Some(m) => m.rows.len(),
            None => scene.doc.overview().attention.len(),
        }
    }

    /// The queue position of the selected row.
    fn selected(&self) -> usize {
        match &self.mine {
            Some(m) => m
                .rows
                .get(self.cursor.selected)
                .map_or(usize::MAX, |r| *r as usize),
            None => self.cursor.selected,
        }
    }
}

/// Whose share `O` shows after `current` (a member's key; `None`: everyone's): mine first, then
/// each teammate's by name, then everyone's again. `Err` when the file has no team to narrow to.
fn next_member(scene: &Scene, current: Option<&str>) -> Result<Option<(String, String)>, ()> {
    let ws = scene.ws();
    let author = scene.doc.author();
    let me = author.map(|a| a.key());
    let mut order: Vec<(String, String)> = Vec::new();
    if let (Some(k), Some(who)) = (&me, author) {
        // Not yet in the file's team (nothing changed yet): the name as the identity gives it.
        let name = ws
            .member(k)
            .map_or_else(|| who.member().name, |m| m.name.clone());
        order.push((k.clone(), name));
    }
    let mut others: Vec<(String, String)> = ws
        .members
        .iter()
        .filter(|m| Some(&m.key) != me.as_ref())
        .map(|m| (m.key.clone(), m.name.clone()))
        .collect();
    others.sort_by_key(|m| m.1.to_lowercase());
    order.extend(others);
    if order.is_empty() {
        return Err(());
    }
    Ok(match current {
        None => order.into_iter().next(),
        Some(k) => order
            .iter()
            .position(|(x, _)| x == k)
            .and_then(|i| order.get(i + 1).cloned()),
    })
}

/// What `O` says when the file has no team yet.
fn nobody() -> Effect {
    Effect::Status(
        Level::Info,
        "No team in this file yet: members are added as each of you changes it (who you are: git's user.name in the file's clone, or `name` in the configuration)".into(),
    )
}

/// The positions of `key`'s items in the attention queue.
fn mine_rows(scene: &Scene, key: &str) -> Vec<u32> {
    scene
        .doc
        .overview()
        .attention
        .iter()
        .enumerate()
        .filter(|(_, item)| item_is(scene, item, key))
        .map(|(i, _)| i as u32)
        .collect()
}

/// Whether an attention item is `key`'s ([`Target::owner`]).
fn item_is(scene: &Scene, item: &crate::insight::AttentionItem, key: &str) -> bool {
    item.record.owner(scene.ws(), item.partner) == Some(key)
}

impl OverviewView {
    /// The overview sorted by `sort`, at the top.
    pub(in crate::app) fn new(scene: &Scene, sort: OverviewSort) -> OverviewView {
        OverviewView {
            cursor: Cursor::default(),
            sort,
            order: scene.overview_order(sort),
            mine: None,
        }
    }

    /// The member's partners again, after the list changed.
    pub(in crate::app) fn follow(&mut self, scene: &Scene) {
        if self.mine.is_some() {
            self.order = self.order_for(scene);
            let len = self.order.len();
            self.cursor.select(
                self.cursor.selected.min(len.saturating_sub(1)),
                len,
                scene.view_height(),
            );
        }
    }

    /// The order for `sort`, narrowed to the member's partners when only theirs show.
    pub(in crate::app) fn order_for(&self, scene: &Scene) -> Vec<u32> {
        let mut order = scene.overview_order(self.sort);
        if let Some((key, _)) = &self.mine {
            let ws = scene.ws();
            order.retain(|i| ws.partners[*i as usize].owner.as_deref() == Some(key.as_str()));
        }
        order
    }

    /// The overview's keys: those of both views, and sort.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        if action == Action::Sort {
            self.sort = self.sort.next();
            self.order = self.order_for(scene);
            self.cursor = Cursor::default();
            return Effect::Status(Level::Info, format!("Sorted by {}", self.sort.label()));
        }
        if action == Action::MineOnly {
            let current = self.mine.take().map(|(k, _)| k);
            self.mine = match next_member(scene, current.as_deref()) {
                Ok(next) => next,
                Err(()) => return nobody(),
            };
            self.order = self.order_for(scene);
            self.cursor = Cursor::default();
            return Effect::Status(
                Level::Info,
                match &self.mine {
                    Some((_, name)) => format!(
                        "Only {name}'s partners ({} for the next)",
                        scene.keymap.keys_text(Action::MineOnly)
                    ),
                    None => "Every partner".into(),
                },
            );
        }
        let target = self
            .order
            .get(self.cursor.selected)
            .map(|i| scene.ws().partners[*i as usize].id)
            .map(|id| (id, Target::Partner(id)));
        let len = self.order.len();
        keys(
            &mut self.cursor,
            len,
            target,
            Context::Overview,
            action,
            scene,
        )
    }
}

impl AttentionView {
    /// The attention queue's keys: those of both views, and snooze.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        let days = match action {
            Action::Snooze => Some(1),
            Action::SnoozeWeek => Some(7),
            _ => None,
        };
        if action == Action::MineOnly {
            let current = self.mine.take().map(|m| m.key);
            self.mine = match next_member(scene, current.as_deref()) {
                Ok(next) => next.map(|(key, name)| Mine {
                    rows: mine_rows(scene, &key),
                    key,
                    name,
                }),
                Err(()) => return nobody(),
            };
            self.cursor = Cursor::default();
            return Effect::Status(
                Level::Info,
                match &self.mine {
                    Some(m) => format!(
                        "Only {}'s items ({} for the next)",
                        m.name,
                        scene.keymap.keys_text(Action::MineOnly)
                    ),
                    None => "Everyone's items".into(),
                },
            );
        }
        if let Some(days) = days {
            let len = self.len(scene);
            let Some(item) = scene.doc.overview().attention.get(self.selected()) else {
                return Effect::None;
            };
            let until = crate::insight::dates::plus_days(scene.today(), days);
            let ws = snoozed(scene.ws(), item, scene.today(), until);
            // The item leaves the queue: the selection stays on the row (the next item).
            if self.cursor.selected + 1 == len {
                self.cursor.selected = self.cursor.selected.saturating_sub(1);
            }
            let message = format!(
                "Snoozed until {}: {} · {} ({} undoes on the dashboard)",
                until.format("%a %-d %b"),
                item.partner_name,
                item.subject,
                scene.keymap.keys_text(Action::Undo)
            );
            let name = format!("Snooze {} · {}", item.partner_name, item.subject);
            return Effect::Apply {
                ws: Box::new(ws),
                change: Change::named(name).saying(message),
                then: Vec::new(),
            };
        }
        let target = scene
            .doc
            .overview()
            .attention
            .get(self.selected())
            .map(|item| (item.partner, item.record));
        let len = self.len(scene);
        keys(
            &mut self.cursor,
            len,
            target,
            Context::Attention,
            action,
            scene,
        )
    }
}

/// The list views' keys: move, switch to the other view, go to the selected record (`target`)
/// on the dashboard, help, back.
fn keys(
    cursor: &mut Cursor,
    len: usize,
    target: Option<(crate::model::PartnerId, Target)>,
    context: Context,
    action: Action,
    scene: &Scene,
) -> Effect {
    let height = scene.view_height();
    if cursor.navigate(action, len, height) {
        return Effect::None;
    }
    match action {
        Action::Back => return Effect::Close,
        Action::Help => return Effect::Open(Overlay::Help(HelpView::new(context))),
        // The other view takes this one's place: back goes to the dashboard.
        Action::Attention => return Effect::Replace(Overlay::Attention(AttentionView::default())),
        Action::Overview => {
            return Effect::Replace(Overlay::Overview(OverviewView::new(
                scene,
                OverviewSort::Health,
            )));
        }
        // `Enter`: the selected record on the dashboard.
        Action::Open => {
            if let Some((partner, record)) = target {
                return Effect::Jump {
                    partner,
                    record,
                    then: None,
                };
            }
        }
        _ => {}
    }
    Effect::None
}

/// The workspace with `item` snoozed until `until` (the item's earlier snooze replaced, and
/// snoozes over by `today` dropped).
pub fn snoozed(
    ws: &crate::model::Workspace,
    item: &crate::insight::AttentionItem,
    today: chrono::NaiveDate,
    until: chrono::NaiveDate,
) -> crate::model::Workspace {
    let mut ws = crate::model::Workspace::clone(ws);
    let key = item.key();
    ws.snoozes.retain(|s| s.active(today) && s.item != key);
    ws.snoozes.push(crate::model::Snooze {
        item: key,
        partner: item.partner,
        until,
    });
    let mut all = ws.snoozes.to_vec();
    crate::model::snooze::normalize(&mut all);
    ws.snoozes = all.into();
    ws
}

impl Scene<'_> {
    /// Partner positions in the order of `sort`.
    pub fn overview_order(&self, sort: OverviewSort) -> Vec<u32> {
        let mut order = self.doc.rows().partners.clone();
        let key = |i: &u32| self.summary(*i as usize);
        match sort {
            OverviewSort::Name => {}
            OverviewSort::Health => order.sort_by_key(|i| key(i).map_or(0, |s| s.health)),
            // The longest without contact first: never contacted before everyone, then the
            // most days since.
            OverviewSort::LastContact => order.sort_by_key(|i| {
                key(i).map_or((false, std::cmp::Reverse(0)), |s| {
                    (
                        s.last_contact.is_some(),
                        std::cmp::Reverse(s.days_since_contact),
                    )
                })
            }),
            OverviewSort::Trend => order.sort_by(|a, b| {
                let t = |i: &u32| key(i).and_then(|s| s.trend).unwrap_or(f64::INFINITY);
                t(a).total_cmp(&t(b))
            }),
            OverviewSort::Fall => {
                order.sort_by_key(|i| std::cmp::Reverse(self.fall(*i as usize).unwrap_or(i16::MIN)))
            }
        }
        order
    }
}
