//! The help overlay ([`HelpView`]): the bindings of the context it was opened from, scrolled;
//! back (or help again) closes it, and the view it was opened over is there again as it was left.

use super::Effect;
use super::scene::Scene;
use crate::action::{Action, Context};
use crate::app::layout::{help_columns, help_rect};

/// The help overlay's state: how far it is scrolled, and whose keys it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpView {
    pub scroll: usize,
    /// The context it was opened from.
    pub from: Context,
}

impl HelpView {
    /// Help over `from`'s keys, at the top.
    pub fn new(from: Context) -> HelpView {
        HelpView { scroll: 0, from }
    }

    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        match action {
            Action::Back | Action::Help => Effect::Close,
            _ => {
                let (len, page) = extent(scene, self.from);
                scroll_by(&mut self.scroll, action, len, page);
                Effect::None
            }
        }
    }
}

/// Rows of content and visible rows of help over `from`'s keys.
pub(in crate::app) fn extent(scene: &Scene, from: Context) -> (usize, usize) {
    let area = scene.screen.area;
    let columns = help_columns(area);
    (
        scene.keymap.bindings(from).len().div_ceil(columns)
            + 2
            + crate::keymap::legend::symbols().len().div_ceil(columns),
        help_rect(area).height.saturating_sub(2) as usize,
    )
}

/// Moves a scrolled text (`len` rows, `page` visible) by a movement key.
pub(in crate::app) fn scroll_by(scroll: &mut usize, action: Action, len: usize, page: usize) {
    let page = page.max(1);
    let max = len.saturating_sub(page);
    match action {
        Action::Down => *scroll = (*scroll + 1).min(max),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll = (*scroll + page).min(max),
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::First => *scroll = 0,
        Action::Last => *scroll = max,
        _ => {}
    }
}
