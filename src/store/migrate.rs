//! Schema versions and the steps between them. Each step is a pure function from one version's
//! types to the next; a file is read as its own version and walked up to `CURRENT_VERSION`.
//!
//! Version history:
//! - 0: the first prototype files: no `version` or `next_id`; a partner had a single
//!   `cadence_days`; a log entry had a `date` without a time.
//! - 1: `version` and `next_id`; `cadence: (ideal_days, max_days)`; log entries have `at`
//!   (date and time).
//! - 2: ids unique across clones (`model::ids`): no `next_id` counter. Records keep the ids
//!   they had (so references and calendar UIDs last); new ones get the new kind.

use super::format::{ParseError, parse};
use crate::model::{CURRENT_VERSION, Workspace};
use serde::Deserialize;

/// Just the version of a file, read without caring about anything else in it.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    version: u32,
}

/// Reads the `version` of a file, tolerating any other content (0 when absent).
/// When the file does not parse at all, the version is read off its own line (`version: 1,`
/// near the top), so that the error reported is the one that version's reading finds.
pub fn probe_version(text: &str) -> Option<u32> {
    parse::<Probe>(text).ok().map(|p| p.version).or_else(|| {
        text.lines()
            .take(20)
            .find_map(|l| l.trim().strip_prefix("version:"))
            .and_then(|v| v.trim().trim_end_matches(',').trim().parse().ok())
    })
}

/// Whether the file has a top-level `version` field at all (`None` when it cannot be told).
pub fn has_version(text: &str) -> Option<bool> {
    #[derive(Deserialize)]
    struct Present {
        version: Option<serde::de::IgnoredAny>,
    }
    parse::<Present>(text).ok().map(|p| p.version.is_some())
}

/// Reads a file of an older version and migrates it to the current one.
pub fn from_version(text: &str, version: u32) -> Result<Workspace, ParseError> {
    match version {
        0 => Ok(v0::upgrade(parse::<v0::Workspace>(text)?)),
        1 => Ok(v1::upgrade(parse::<v1::Workspace>(text)?)),
        CURRENT_VERSION => parse(text),
        _ => unreachable!("versions above the current one are refused before migrating"),
    }
}

/// Version 1 types, frozen: only the workspace changed since (its `next_id` went).
mod v1 {
    use crate::model::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Workspace {
        #[allow(dead_code)]
        pub version: u32,
        /// The counter of version 1: read, and no longer needed.
        #[serde(default)]
        #[allow(dead_code)]
        pub next_id: u64,
        pub profile: Profile,
        #[serde(default)]
        pub partners: List<Partner>,
        #[serde(default)]
        pub goals: List<Goal>,
        #[serde(default)]
        pub milestones: List<Milestone>,
        #[serde(default)]
        pub interactions: List<Interaction>,
        #[serde(default)]
        pub commitments: List<Commitment>,
        #[serde(default)]
        pub reviews: List<Review>,
        #[serde(default)]
        pub celebrations: List<Celebration>,
        #[serde(default)]
        pub review_actions: List<ReviewLink>,
        #[serde(default)]
        pub drafts: List<ReviewDraft>,
        #[serde(default)]
        pub conflicts: List<MergeConflict>,
    }

    /// v1 → v2: the counter goes; every id stays.
    pub fn upgrade(old: Workspace) -> crate::model::Workspace {
        let mut ws = crate::model::Workspace {
            version: 2,
            profile: old.profile,
            partners: old.partners,
            goals: old.goals,
            milestones: old.milestones,
            interactions: old.interactions,
            commitments: old.commitments,
            reviews: old.reviews,
            celebrations: old.celebrations,
            review_actions: old.review_actions,
            drafts: old.drafts,
            conflicts: old.conflicts,
            snoozes: Default::default(),
            share_settings: Default::default(),
            received: Default::default(),
            ingested: Default::default(),
            members: Default::default(),
        };
        ws.normalize();
        ws
    }
}

/// Version 0 types, frozen: only the records that changed since are spelled out.
mod v0 {
    use crate::model::*;
    use chrono::{NaiveDate, NaiveTime};
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Workspace {
        pub profile: Profile,
        #[serde(default)]
        pub partners: Vec<Partner>,
        #[serde(default)]
        pub goals: Vec<Goal>,
        #[serde(default)]
        pub milestones: Vec<Milestone>,
        #[serde(default)]
        pub interactions: Vec<Interaction>,
        #[serde(default)]
        pub commitments: Vec<Commitment>,
        #[serde(default)]
        pub reviews: Vec<Review>,
        #[serde(default)]
        pub celebrations: Vec<Celebration>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Partner {
        pub id: PartnerId,
        pub name: String,
        pub kind: PartnerKind,
        pub phase: Phase,
        pub since: NaiveDate,
        #[serde(default)]
        pub values: Vec<String>,
        #[serde(default)]
        pub offers: Vec<String>,
        #[serde(default)]
        pub needs: Vec<String>,
        #[serde(default)]
        pub contacts: Vec<Contact>,
        #[serde(default)]
        pub cadence_days: Option<u32>,
        #[serde(default = "default_review_interval")]
        pub review_interval_days: u32,
        #[serde(default)]
        pub aim: String,
        #[serde(default)]
        pub tags: Vec<String>,
        #[serde(default)]
        pub notes: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Interaction {
        pub id: InteractionId,
        pub partner: PartnerId,
        pub date: NaiveDate,
        pub channel: Channel,
        pub initiated_by: Side,
        pub summary: String,
        #[serde(default)]
        pub sentiment: Option<u8>,
        #[serde(default)]
        pub follow_up: Option<FollowUp>,
    }

    /// v0 → v2: a single cadence becomes ideal = it, maximum = twice it; a date becomes 09:00
    /// that day; the id counter is set above every id.
    pub fn upgrade(old: Workspace) -> crate::model::Workspace {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("09:00 is a time");
        let mut ws = crate::model::Workspace {
            version: 2,
            profile: old.profile,
            partners: old
                .partners
                .into_iter()
                .map(|p| {
                    let cadence = p.cadence_days.map_or_else(Cadence::default, |d| Cadence {
                        ideal_days: d.max(1),
                        max_days: d.max(1).saturating_mul(2),
                    });
                    crate::model::Partner {
                        authors: Default::default(),
                        owner: None,
                        id: p.id,
                        name: p.name,
                        kind: p.kind,
                        phase: p.phase,
                        since: p.since,
                        values: p.values,
                        offers: p.offers,
                        needs: p.needs,
                        contacts: p.contacts,
                        cadence,
                        review_interval_days: p.review_interval_days,
                        aim: p.aim,
                        tags: p.tags,
                        notes: p.notes,
                        domains: Vec::new(),
                    }
                })
                .collect(),
            goals: old.goals.into(),
            milestones: old.milestones.into(),
            interactions: old
                .interactions
                .into_iter()
                .map(|i| crate::model::Interaction {
                    authors: Default::default(),
                    id: i.id,
                    partner: i.partner,
                    at: i.date.and_time(nine),
                    channel: i.channel,
                    initiated_by: i.initiated_by,
                    summary: i.summary,
                    sentiment: i.sentiment,
                    follow_up: i.follow_up,
                })
                .collect(),
            commitments: old.commitments.into(),
            reviews: old.reviews.into(),
            celebrations: old.celebrations.into(),
            review_actions: Default::default(),
            drafts: Default::default(),
            conflicts: Default::default(),
            snoozes: Default::default(),
            share_settings: Default::default(),
            received: Default::default(),
            ingested: Default::default(),
            members: Default::default(),
        };
        ws.normalize();
        ws
    }
}
