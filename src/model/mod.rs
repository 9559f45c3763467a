//! The pure data of partnerdeck: the `Workspace` (the whole file) and its records, their ids,
//! enums and validation. No I/O, no terminal.

pub mod dates;
pub mod delta;
mod enums;
pub mod find;
pub mod ids;
pub mod ingested;
pub mod list;
pub mod merge;
pub mod merge3;
mod merge_prep;
mod record;
mod records;
pub mod serde_dates;
mod shift;
pub mod snooze;
mod validate;
mod workspace;

pub use delta::{Delta, ListDelta, Renumber};
pub use enums::*;
pub use ids::{
    CelebrationId, CommitmentId, GoalId, IdText, InteractionId, MilestoneId, PartnerId, ReviewId,
    seed_ids,
};
pub use ingested::Ingested;
pub use list::List;
pub use record::{EachKind, ListKind, Record, Upserted, Visit, each_kind};
pub use records::*;
pub use snooze::Snooze;
pub use validate::{Holdings, Problem, validate, validate_changes};
pub use workspace::{CURRENT_VERSION, IdsExhausted, MAX_ID, Workspace};
