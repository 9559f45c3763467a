//! The closed choices of the model: kinds, phases, channels, sides, statuses and the eight
//! practices. Each has `ALL` (for pickers and cycling) and a human `label`.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The next choice, wrapping around (for cycling in forms).
            pub fn next(self) -> Self {
                let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
                Self::ALL[(i + 1) % Self::ALL.len()]
            }

            /// The previous choice, wrapping around.
            pub fn prev(self) -> Self {
                let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
                Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
            }

            /// Parses a label or variant name, ignoring case, spaces, dashes and underscores.
            pub fn parse(text: &str) -> Option<Self> {
                let want = squash(text);
                Self::ALL.iter().copied().find(|c| {
                    squash(c.label()) == want || squash(&format!("{c:?}")) == want
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

choice!(
    /// What sort of partnership this is.
    PartnerKind {
        Business => "business",
        Community => "community",
        Nonprofit => "nonprofit",
        Public => "public sector",
        Academic => "academic",
        Personal => "personal",
        Other => "other",
    }
);

choice!(
    /// Where the partnership is in its life.
    Phase {
        Exploring => "exploring",
        Active => "active",
        Renewing => "renewing",
        Paused => "paused",
        WindingDown => "winding down",
        Ended => "ended",
    }
);

choice!(
    /// How an interaction happened.
    Channel {
        Meeting => "meeting",
        Call => "call",
        Email => "email",
        Message => "message",
        Event => "event",
        Other => "other",
    }
);

choice!(
    /// One side of the partnership: us, or the partner.
    Side {
        Us => "us",
        Them => "them",
    }
);

choice!(
    /// Who owns a goal.
    Owner {
        Us => "us",
        Them => "them",
        Joint => "joint",
    }
);

choice!(
    /// Where a goal stands.
    GoalStatus {
        Active => "active",
        Achieved => "achieved",
        Dropped => "dropped",
    }
);

choice!(
    /// The eight practices of a good partnership, in their canonical order.
    Practice {
        Values => "aligned values",
        Communication => "communication",
        Clarity => "clear goals",
        Strengths => "leveraged strengths",
        Trust => "trust & respect",
        LongTerm => "long-term view",
        Improvement => "improvement",
        Celebration => "celebration",
    }
);

impl Practice {
    /// A short label for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Practice::Values => "Val",
            Practice::Communication => "Com",
            Practice::Clarity => "Goal",
            Practice::Strengths => "Str",
            Practice::Trust => "Tru",
            Practice::LongTerm => "Long",
            Practice::Improvement => "Imp",
            Practice::Celebration => "Cel",
        }
    }

    /// The position of the practice in `ALL` (0–7).
    pub fn index(self) -> usize {
        self as usize
    }
}
