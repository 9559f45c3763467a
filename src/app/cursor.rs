//! A selection in a list: the selected row and the first visible row.

use crate::action::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, keeping the selection inside `height` visible rows.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
        self.reveal(len, height);
    }

    /// Moves for a list-moving action (down, up, a page either way, first, last), the same in
    /// every list; false, and nothing moved, for any other action.
    pub fn navigate(&mut self, action: Action, len: usize, height: usize) -> bool {
        match action {
            Action::Down => self.step(1, len, height),
            Action::Up => self.step(-1, len, height),
            Action::PageDown => self.step(height as isize, len, height),
            Action::PageUp => self.step(-(height as isize), len, height),
            Action::First => self.first(),
            Action::Last => self.last(len, height),
            _ => return false,
        }
        true
    }

    pub fn first(&mut self) {
        *self = Cursor::default();
    }

    pub fn last(&mut self, len: usize, height: usize) {
        self.selected = len.saturating_sub(1);
        self.reveal(len, height);
    }

    /// Selects a row, scrolling so it is visible.
    pub fn select(&mut self, row: usize, len: usize, height: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.reveal(len, height);
    }

    /// Keeps the selection visible and the window inside the list.
    pub fn reveal(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// The window to draw for `height` rows, clamped for a list of `len` (renderers call this, so
    /// a resize between update and draw can never show an empty or out-of-range window).
    pub fn window(&self, len: usize, height: usize) -> (usize, usize) {
        let mut c = *self;
        c.reveal(len, height);
        (c.offset, (c.offset + height).min(len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_keeps_the_selection_visible() {
        let mut c = Cursor::default();
        c.step(5, 10, 3);
        assert_eq!((c.selected, c.offset), (5, 3));
        c.step(-4, 10, 3);
        assert_eq!((c.selected, c.offset), (1, 1));
        c.step(100, 10, 3);
        assert_eq!((c.selected, c.offset), (9, 7));
        assert_eq!(c.window(4, 3), (1, 4));
        c.step(1, 0, 3);
        assert_eq!(c, Cursor::default());
    }

    #[test]
    fn list_moving_actions_move_and_others_do_not() {
        let mut c = Cursor::default();
        assert!(c.navigate(Action::PageDown, 10, 3));
        assert_eq!((c.selected, c.offset), (3, 1));
        assert!(c.navigate(Action::Last, 10, 3));
        assert_eq!((c.selected, c.offset), (9, 7));
        assert!(c.navigate(Action::Up, 10, 3));
        assert_eq!(c.selected, 8);
        assert!(!c.navigate(Action::Edit, 10, 3));
        assert_eq!(c.selected, 8);
        assert!(c.navigate(Action::First, 10, 3));
        assert_eq!(c, Cursor::default());
    }
}
