//! The four panes of the dashboard.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Partners = 0,
    Goals = 1,
    Timeline = 2,
    Log = 3,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Partners, Pane::Goals, Pane::Timeline, Pane::Log];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Partners => "Partners",
            Pane::Goals => "Goals",
            Pane::Timeline => "Timeline",
            Pane::Log => "Communication log",
        }
    }
}
