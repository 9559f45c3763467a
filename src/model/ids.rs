//! Stable record ids. Every record carries one; references between records use them. Ids come
//! from one workspace-wide counter and are never reused, so exports (iCalendar UIDs) stay stable.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "#{}", self.0)
            }
        }
    )*};
}

id_type!(
    PartnerId,
    GoalId,
    MilestoneId,
    InteractionId,
    CommitmentId,
    ReviewId,
    CelebrationId,
);
