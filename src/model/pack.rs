//! A *pack*: what one organisation tells a partner about their partnership (`partnerdeck
//! share`), as data. Only the fields declared here can ever leave the workspace; which of the
//! optional ones do is chosen per partner ([`super::share::ShareSettings`]). Building, signing
//! and reading packs is `crate::share`'s; this is the shape alone, kept in the model because
//! received packs are saved in the workspace.
//!
//! Sides are told from the sender's point of view: `Sender` is whoever made the pack.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The format of packs this build writes and reads (newer ones are refused).
pub const PACK_FORMAT: u32 = 1;

/// Who a commitment or a goal belongs to, seen from the pack's sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PackSide {
    Sender,
    Recipient,
    Both,
}

/// The declared content of a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub format: u32,
    /// The sender's own name (their profile's).
    pub from: String,
    /// What the sender calls the recipient (their partner record's name).
    pub to: String,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub made: NaiveDate,
    #[serde(default)]
    pub goals: Vec<PackGoal>,
    #[serde(default)]
    pub milestones: Vec<PackMilestone>,
    #[serde(default)]
    pub commitments: Vec<PackCommitment>,
    #[serde(default)]
    pub celebrations: Vec<PackCelebration>,
    /// The partnership's health score at the end of each of the last months (the score only,
    /// never its factors), oldest first.
    #[serde(default)]
    pub health: Vec<PackHealth>,
    /// Reviews: only what the share settings name (`ratings`, `rating_notes`, `feedback`).
    #[serde(default)]
    pub reviews: Vec<PackReview>,
    /// Private fields named in the share settings; empty otherwise.
    #[serde(default)]
    pub extra: PackExtra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackGoal {
    pub title: String,
    #[serde(default)]
    pub metric: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub baseline: f64,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub current: f64,
    pub owner: PackSide,
    #[serde(default, deserialize_with = "super::serde_dates::optional_date")]
    pub due: Option<NaiveDate>,
    pub status: super::GoalStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMilestone {
    pub title: String,
    /// The title of the goal it belongs to, if any.
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub due: NaiveDate,
    #[serde(default, deserialize_with = "super::serde_dates::optional_date")]
    pub done: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackCommitment {
    pub by: PackSide,
    pub what: String,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub due: NaiveDate,
    #[serde(default)]
    pub outcome: Option<super::Outcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackCelebration {
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub date: NaiveDate,
    pub how: String,
    /// The milestone's title, if it marked one.
    #[serde(default)]
    pub milestone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHealth {
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub day: NaiveDate,
    pub score: u8,
}

/// A review as shared: the ratings (1–5 per practice, `Practice::ALL` order; empty unless
/// `ratings` is shared), their notes (`rating_notes`) and the feedback (`feedback`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackReview {
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub date: NaiveDate,
    #[serde(default)]
    pub scores: Vec<u8>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub feedback: String,
}

/// The private fields a partner's share settings may name; each empty unless named.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackExtra {
    /// `aim`: the partnership's long-term aim.
    #[serde(default)]
    pub aim: String,
    /// `notes`: our notes on the partner.
    #[serde(default)]
    pub notes: String,
    /// `contacts`: the people (name, role, email; the phone only with `phones`).
    #[serde(default)]
    pub contacts: Vec<super::Contact>,
    /// `log`: the communication log (date, channel, summary).
    #[serde(default)]
    pub log: Vec<PackLogEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackLogEntry {
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub date: NaiveDate,
    pub channel: super::Channel,
    pub summary: String,
}
