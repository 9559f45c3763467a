//! Record ids: every record's identity, given once when it is created and never changed, by
//! anyone — not by a merge, a rebase or a sync. References between records use them.
//!
//! An id is a number (at most [`MAX_ID`], so every JSON reader keeps it exactly) made so that
//! two clones of one workspace, creating records at the same time with no contact, do not hand
//! out the same id:
//!
//! - the high bits are the day it was made (days since 2025-01-01, at least 1), the low 38 bits
//!   are random ([`fresh`]); so a file's lists, sorted by id, read in the order records were made;
//! - within one clone ids only grow: when the fresh id would not be above every id in use, the
//!   id is instead the largest in use plus a random step of up to 2^29 ([`above`]).
//!
//! Two clones collide only when both draw the same random number from the same starting
//! point: about one chance in 500 million for each pair of records made concurrently (and a
//! clash is never silent: the merge keeps both, see `merge3`).
//!
//! Files from before (version 1) hold small counter ids (1, 2, 3…): they stay as they are,
//! so every reference and calendar UID made from them lasts.
//!
//! People see an id as `#` and eight characters ([`short`], the low 40 bits in Crockford's
//! base 32: `#k3f9x2qa`), or a counter id as its number (`#329`). Both forms are read back by
//! [`IdText::parse`], as is the whole number.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::fmt;

/// The largest id a file may hold: 2^53 − 1, the largest integer that every JSON reader
/// (JavaScript's numbers) keeps exactly.
pub const MAX_ID: u64 = (1 << 53) - 1;

/// How many low bits of a fresh id are random.
pub const RANDOM_BITS: u32 = 38;

/// The largest random step above the ids in use ([`above`]).
const STEP_BITS: u32 = 29;

/// Ids below this were handed out by the version 1 counter (or by hand): shown as numbers.
pub const COUNTER_IDS: u64 = 1 << RANDOM_BITS;

/// How many low bits the short form shows: 38 random bits and the day's two lowest.
const SHORT_BITS: u32 = 40;

/// Crockford's base 32, lower case: no i, l, o or u to misread.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

thread_local! {
    /// The random source: SplitMix64, seeded once per thread from the operating system (or by
    /// [`seed_ids`] in tests). Ids need to be unpredictable between clones, not secret.
    static STATE: Cell<Option<u64>> = const { Cell::new(None) };
    /// The day ids are made on, when [`seed_ids`] fixed it.
    static FIXED_DAY: Cell<Option<u64>> = const { Cell::new(None) };
}

/// The day [`seed_ids`] makes ids on: 2026-12-01.
const SEEDED_DAY: u64 = 699;

/// Makes this thread's ids depend only on `seed` (generated benchmark data, tests): the random
/// source starts from it, and the day part is a fixed day.
pub fn seed_ids(seed: u64) {
    STATE.with(|s| s.set(Some(seed)));
    FIXED_DAY.with(|d| d.set(Some(SEEDED_DAY)));
}

fn random() -> u64 {
    STATE.with(|s| {
        let mut x = s.get().unwrap_or_else(os_seed);
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        s.set(Some(x));
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}

fn os_seed() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        // No system randomness: the time and the process still differ between clones.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        t ^ (u64::from(std::process::id()) << 32)
    })
}

/// Days since 2025-01-01 (at least 1, so fresh ids never fall among counter ids).
fn day_number() -> u64 {
    if let Some(day) = FIXED_DAY.with(Cell::get) {
        return day;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // 2025-01-01T00:00:00Z
    const EPOCH: u64 = 1_735_689_600;
    (secs.saturating_sub(EPOCH) / 86_400).clamp(1, (MAX_ID >> RANDOM_BITS) - 1)
}

/// A fresh id for today: the day in the high bits, 38 random bits below.
pub fn fresh() -> u64 {
    (day_number() << RANDOM_BITS) | (random() & (COUNTER_IDS - 1))
}

/// An id above `floor` (the smallest id not below every id in use): a random step of 1 to 2^29.
pub fn above(floor: u64) -> u64 {
    floor.saturating_add(random() & ((1 << STEP_BITS) - 1))
}

/// A new id not below `floor`: a fresh one when it is above, else a random step above.
pub fn next(floor: u64) -> u64 {
    fresh().max(above(floor))
}

/// A deterministic id for a record that must move (two different records that arrived with
/// the same id): the same input gives the same id in every clone and in every merge. Lands on
/// day 1, where no record made today is.
pub fn derived(seed: &[u8], attempt: u32) -> u64 {
    let mut h = blake3::Hasher::new();
    h.update(seed);
    h.update(&attempt.to_le_bytes());
    let bytes = h.finalize();
    let low = u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]));
    (1 << RANDOM_BITS) | (low & (COUNTER_IDS - 1))
}

/// The day a fresh id was made (see the module's notes); `None` for a counter id, a derived
/// one, or a day past today's range.
pub fn made_on(id: u64) -> Option<chrono::NaiveDate> {
    let day = id >> RANDOM_BITS;
    if id < COUNTER_IDS || day <= 1 {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(2025, 1, 1)?.checked_add_days(chrono::Days::new(day))
}

/// The form people read and type: `k3f9x2qa` (without the `#`) for an id made by this version,
/// the number for a counter id.
pub fn short(id: u64) -> String {
    if id < COUNTER_IDS {
        return id.to_string();
    }
    let low = id & ((1 << SHORT_BITS) - 1);
    (0..SHORT_BITS / 5)
        .rev()
        .map(|i| ALPHABET[((low >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// An id as typed: the whole number, a counter id's number, or a short form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdText {
    /// Digits: an id in full (a counter id's number is its full id).
    Number(u64),
    /// Eight base-32 characters: the low 40 bits of an id.
    Short(u64),
    /// Both readings are possible (eight digits): either may match.
    Either { number: u64, short: u64 },
}

impl IdText {
    /// Reads `#329`, `329`, `#k3f9x2qa`, `K3F9X2QA` (Crockford's reading: `o` as 0, `i`/`l` as 1);
    /// `None` when it is neither.
    pub fn parse(text: &str) -> Option<IdText> {
        let t = text.trim();
        let t = t.strip_prefix('#').unwrap_or(t);
        let number = t
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| t.parse::<u64>().ok())
            .flatten()
            .filter(|n| *n <= MAX_ID);
        let short = (t.len() == (SHORT_BITS / 5) as usize)
            .then(|| {
                t.chars().try_fold(0u64, |acc, c| {
                    let c = match c.to_ascii_lowercase() {
                        'o' => '0',
                        'i' | 'l' => '1',
                        c => c,
                    };
                    let v = ALPHABET.iter().position(|&a| a as char == c)?;
                    Some((acc << 5) | v as u64)
                })
            })
            .flatten();
        match (number, short) {
            (Some(number), Some(short)) => Some(IdText::Either { number, short }),
            (Some(n), None) => Some(IdText::Number(n)),
            (None, Some(s)) => Some(IdText::Short(s)),
            (None, None) => None,
        }
    }

    /// Whether `id` is the id this text names.
    pub fn matches(self, id: u64) -> bool {
        let by_short = |s: u64| id >= COUNTER_IDS && id & ((1 << SHORT_BITS) - 1) == s;
        match self {
            IdText::Number(n) => id == n,
            IdText::Short(s) => by_short(s),
            IdText::Either { number, short } => id == number || by_short(short),
        }
    }
}

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "#{}", short(self.0))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_ids_show_as_numbers_and_new_ones_as_eight_characters() {
        assert_eq!(PartnerId(329).to_string(), "#329");
        let id = (700 << RANDOM_BITS) | 0x12_3456_789a;
        let shown = InteractionId(id).to_string();
        assert_eq!(shown.len(), 9, "{shown}");
        assert_eq!(
            IdText::parse(&shown),
            Some(IdText::Short(id & 0xff_ffff_ffff))
        );
        assert!(IdText::parse(&shown).unwrap().matches(id));
        assert!(!IdText::parse(&shown).unwrap().matches(id + 1));
        assert!(IdText::parse("#329").unwrap().matches(329));
        assert!(IdText::parse(&id.to_string()).unwrap().matches(id));
        assert_eq!(IdText::parse("#zz"), None);
        assert_eq!(IdText::parse(""), None);
        // Upper case and Crockford's look-alikes read as the same id.
        let upper = shown[1..].to_uppercase();
        assert!(IdText::parse(&upper).unwrap().matches(id));
    }

    #[test]
    fn fresh_ids_are_large_distinct_and_within_range() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..10_000 {
            let id = fresh();
            assert!((COUNTER_IDS..=MAX_ID).contains(&id));
            assert!(seen.insert(id));
        }
        for floor in [1, COUNTER_IDS, MAX_ID / 2] {
            let a = above(floor);
            assert!(a >= floor && a < floor + (1 << STEP_BITS));
        }
    }

    #[test]
    fn seeded_ids_repeat_and_derived_ids_depend_only_on_their_input() {
        seed_ids(7);
        let a = (fresh(), fresh());
        seed_ids(7);
        assert_eq!(a, (fresh(), fresh()));
        assert_eq!(derived(b"x", 0), derived(b"x", 0));
        assert_ne!(derived(b"x", 0), derived(b"y", 0));
        assert!(derived(b"x", 0) >= COUNTER_IDS);
    }
}
