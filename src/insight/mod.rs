//! Pure figures derived from the workspace and today: health, cadence, alignment, strengths,
//! trust, attention. No I/O, no UI.
