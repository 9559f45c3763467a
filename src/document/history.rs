//! Undo and redo: the versions a change replaced (200 steps, which share every record they
//! did not change), and the name of the change that made each version, kept as data (never
//! read back out of a message).

use super::reclaim;
use crate::model::Workspace;
use std::collections::HashMap;
use std::sync::Arc;

/// How many changes undo remembers, at every size: the versions share every record a change
/// did not touch ([`crate::model::List`]), so 200 steps cost little more than the workspace.
pub const UNDO_DEPTH: usize = 200;

/// A change to the workspace as it is named and said: its name is what undo and redo say
/// ("Undone: {name}"); what is said when it is made may add a hint ("X: done! How was it
/// celebrated?").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub name: String,
    pub said: String,
}

impl Change {
    /// A change said as it is named.
    pub fn named(name: impl Into<String>) -> Change {
        let name = name.into();
        Change {
            said: name.clone(),
            name,
        }
    }

    /// The same change, saying `said` when it is made.
    pub fn saying(self, said: impl Into<String>) -> Change {
        Change {
            said: said.into(),
            ..self
        }
    }
}

impl From<String> for Change {
    fn from(name: String) -> Change {
        Change::named(name)
    }
}

impl From<&String> for Change {
    fn from(name: &String) -> Change {
        Change::named(name.clone())
    }
}

impl From<&str> for Change {
    fn from(name: &str) -> Change {
        Change::named(name)
    }
}

#[derive(Default)]
pub(super) struct History {
    undo: Vec<Arc<Workspace>>,
    redo: Vec<Arc<Workspace>>,
    /// What each change was, by the address of the workspace it made.
    names: HashMap<usize, String>,
}

fn key(ws: &Arc<Workspace>) -> usize {
    Arc::as_ptr(ws) as usize
}

impl History {
    pub(super) fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// After a change that made `current` from `old`: `old` goes on the undo history, redo is
    /// forgotten, and `current` is named.
    pub(super) fn remember(&mut self, old: Arc<Workspace>, current: &Arc<Workspace>, c: Change) {
        self.push_undo_forgetting_redo(old);
        let kept: std::collections::HashSet<usize> =
            self.undo.iter().chain(&self.redo).map(key).collect();
        self.names.retain(|k, _| kept.contains(k));
        self.names.insert(key(current), c.name);
    }

    pub(super) fn push_undo_forgetting_redo(&mut self, old: Arc<Workspace>) {
        self.push_undo(old);
        reclaim::drop_all_later(std::mem::take(&mut self.redo));
    }

    pub(super) fn push_undo(&mut self, ws: Arc<Workspace>) {
        self.undo.push(ws);
        if self.undo.len() > UNDO_DEPTH {
            let excess = self.undo.len() - UNDO_DEPTH;
            reclaim::drop_later(self.undo.drain(..excess).collect::<Vec<_>>());
        }
    }

    pub(super) fn push_redo(&mut self, ws: Arc<Workspace>) {
        self.redo.push(ws);
    }

    pub(super) fn pop_undo(&mut self) -> Option<Arc<Workspace>> {
        self.undo.pop()
    }

    pub(super) fn pop_redo(&mut self) -> Option<Arc<Workspace>> {
        self.redo.pop()
    }

    /// The name of the change that made `ws`, if known.
    pub(super) fn name_of(&self, ws: &Arc<Workspace>) -> Option<String> {
        self.names.get(&key(ws)).cloned()
    }
}
