//! Pure figures derived from the workspace and today: health, cadence, alignment, strengths,
//! trust, attention. No I/O, no UI, no clock: every function takes `today`.
//!
//! Start with `Index::build(&ws)` (once per workspace change), then:
//! * `summaries` / `overview` for lists and the dashboard,
//! * `partner_insight` for one partner's eight practices, health and attention items,
//! * `attention` / `partner_attention` for the queue,
//! * `history` / `trend_of` for a partner's health over the last year (`asof`: its records as
//!   they stood on a past day).
//!
//! Files: `index` (per-partner record index), `normalize` (tag matching), `dates` (day
//! arithmetic), one file per practice (`values`, `communication`, `clarity`, `strengths`,
//! `trust`, `longterm`, `improvement`, `celebration`), `weights` (every tunable number),
//! `health` (score and contributions), `factors` (the judge of each health factor), `attention`
//! (the queue), `record_ref` (a reference to a record of any kind), `practices` (the eight
//! practices' figures of one partner, which health, factors and attention are judged from),
//! `partner` (one partner's insight), `report` (one partner's records and figures gathered for
//! the Markdown report, the brief and the detail view), `summary` (list figures).

pub mod activity;
pub mod asof;
pub mod attention;
pub mod celebration;
pub mod clarity;
pub mod communication;
pub mod dates;
pub mod due;
pub mod factors;
pub mod health;
pub mod history;
pub mod improvement;
pub mod index;
pub mod longterm;
pub mod normalize;
pub mod partner;
pub mod practices;
pub mod record_ref;
pub mod report;
pub mod strengths;
pub mod summary;
pub mod trust;
pub mod values;
pub mod weights;

#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

pub use attention::{AttentionItem, AttentionKind, attention, partner_attention};
pub use celebration::CelebrationInsight;
pub use clarity::{ClarityInsight, GoalTrack, Pace};
pub use communication::{CommunicationInsight, ContactStatus};
pub use health::{Contribution, Health, health};
pub use history::{
    Drop, HealthPoint, History, Trend, history, monthly_days, trend_of, weekly_days,
};
pub use improvement::ImprovementInsight;
pub use index::{Index, PartnerRecords, Slots};
pub use longterm::LongTermInsight;
pub use normalize::Overlap;
pub use partner::{PartnerInsight, partner_insight};
pub use practices::{Practices, practices};
pub use record_ref::RecordRef;
pub use report::PartnerReport;
pub use strengths::StrengthsInsight;
pub use summary::{Overview, PartnerSummary, QueueWidths, overview, summaries};
pub use trust::{PromiseRecord, TrustInsight};
pub use values::ValuesInsight;
pub use weights::{Factor, WEIGHTS, Weight};
