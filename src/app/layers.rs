//! Layers of contexts a key is looked up in, the open view's first (a form, then its focused
//! field; a review, then its step): the keymap resolves a key through them, and hints name
//! keys through the same layers.

use crate::action::Context;
use crate::action::Context::*;

pub const FORM_TEXT: &[Context] = &[Form, Text];
pub const FORM_CHOICE: &[Context] = &[Form, Choice];
pub const FILTER: &[Context] = &[Filter, Text];
pub const PALETTE: &[Context] = &[Palette, Text];
pub const SEARCH: &[Context] = &[Search, Text];
/// The question after `Esc` in a review.
pub const REVIEW_PROMPT: &[Context] = &[ReviewPrompt];
/// The look back and the summary: nothing to type.
pub const REVIEW_IDLE: &[Context] = &[Review, ReviewIdle];
/// A rating step whose note is empty: digits rate, ←/→ move between steps.
pub const RATING_IDLE: &[Context] = &[Review, Rating, ReviewIdle, Text];
/// A rating step with a note being written.
pub const RATING_NOTE: &[Context] = &[Review, Rating, Text];
/// Feedback and the next review date.
pub const REVIEW_TEXT: &[Context] = &[Review, Text];
/// The actions step, a text field of the action focused.
pub const REVIEW_ACTION_TEXT: &[Context] = &[Review, ReviewActions, Text];
/// The actions step, the action's choice focused.
pub const REVIEW_ACTION_CHOICE: &[Context] = &[Review, ReviewActions, Choice];

/// A context alone.
pub fn only(context: Context) -> &'static [Context] {
    match context {
        Dashboard => &[Dashboard],
        Help => &[Help],
        Detail => &[Detail],
        Attention => &[Attention],
        Overview => &[Overview],
        Form => &[Form],
        Confirm => &[Confirm],
        Records => &[Records],
        Review => &[Review],
        Filter => &[Filter],
        Palette => &[Palette],
        Search => &[Search],
        Conflicts => &[Conflicts],
        Reconcile => &[Reconcile],
        Ingest => &[Ingest],
        WhatsNew => &[WhatsNew],
        Text => &[Text],
        Choice => &[Choice],
        Rating => &[Rating],
        ReviewIdle => &[ReviewIdle],
        ReviewActions => &[ReviewActions],
        ReviewPrompt => &[ReviewPrompt],
    }
}
