//! The pure data of partnerdeck: the `Workspace` (the whole file) and its records, their ids,
//! enums and validation. No I/O, no terminal.

pub mod authors;
pub mod build;
pub mod conflict_words;
pub mod dates;
pub mod delta;
mod enums;
mod field_value;
pub mod find;
pub mod ids;
pub mod ingested;
pub mod list;
pub mod merge;
pub mod merge3;
mod merge_prep;
pub mod pack;
mod record;
mod records;
pub mod serde_dates;
pub mod share;
mod shift;
pub mod skip;
pub mod snooze;
mod validate;
mod workspace;

pub use authors::{Authors, Identity, Member, Touch};
pub use build::{LogEntry, LogEntryError, LogPart};
pub use delta::{Delta, ListDelta, Renumber};
pub use enums::*;
pub use ids::{
    CelebrationId, CommitmentId, GoalId, IdText, InteractionId, MilestoneId, PartnerId, ReviewId,
    seed_ids,
};
pub use ingested::Ingested;
pub use list::List;
pub use pack::Pack;
pub use record::{EachKind, ListKind, Record, Upserted, Visit, each_kind};
pub use records::*;
pub use share::{ReceivedPack, ShareSettings};
pub use snooze::Snooze;
pub use validate::{Holdings, Problem, validate, validate_changes};
pub use workspace::{CURRENT_VERSION, IdsExhausted, MAX_ID, Workspace};
