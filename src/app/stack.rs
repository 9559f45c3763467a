//! The overlay stack: what is open over the dashboard. The top is `App::overlay` (what keys go
//! to and what is drawn); `App::under` holds what it was opened over, the nearest last. Opening
//! pushes, closing pops, and the view underneath comes back as it was left: "back" is one way
//! everywhere (help over a list, a form over a list, a question over a form).

use super::{App, Overlay};

impl App {
    /// Opens `overlay` over whatever is open (which comes back when it closes).
    pub(crate) fn open(&mut self, overlay: Overlay) {
        if self.overlay.is_none() {
            // Nothing open: nothing can be under (a caller may have closed everything).
            self.under.clear();
        }
        if let Some(top) = self.overlay.replace(overlay) {
            self.under.push(top);
        }
    }

    /// Closes the top overlay: the one it was opened over comes back. Returns the one closed.
    pub(crate) fn close(&mut self) -> Option<Overlay> {
        let top = self.overlay.take();
        self.overlay = self.under.pop();
        top
    }

    /// Puts `overlay` in place of the top one (switching views; a question that replaces what
    /// it interrupts); what is under stays.
    pub(crate) fn replace(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
    }

    /// The overlay the top one was opened over (help draws over it).
    pub fn under(&self) -> Option<&Overlay> {
        self.overlay.as_ref().and(self.under.last())
    }

    /// How many overlays are open.
    pub fn depth(&self) -> usize {
        match self.overlay {
            Some(_) => self.under.len() + 1,
            None => 0,
        }
    }
}
