//! What a partner said in the last pack they sent (`partnerdeck receive`), for the review's
//! look-back: their ratings and feedback beside ours ("their view"), and how many of their
//! records disagree with ours (their side, `T`).

use super::detail_line::{DetailLine, LineKind};
use crate::insight::PartnerRecords;
use crate::model::{Practice, Workspace};
use crate::share::reconcile;

/// The look-back's lines on the partner's last pack; none when nothing was received.
/// `key`: the keys that open their side.
pub fn look_back(ws: &Workspace, records: &PartnerRecords<'_>, key: &str) -> Vec<DetailLine> {
    let Some(r) = reconcile::latest(ws, records.partner.id) else {
        return Vec::new();
    };
    let line = |kind, label: &str, value: String| DetailLine {
        kind,
        label: label.to_string(),
        value,
    };
    let mut out = vec![line(
        LineKind::Heading,
        "",
        format!(
            "Their view: {}'s pack of {} (received {})",
            r.pack.from, r.pack.made, r.received
        ),
    )];
    match r.pack.reviews.iter().max_by_key(|v| v.date) {
        Some(v) => {
            if !v.scores.is_empty() {
                let scores: Vec<String> = v.scores.iter().map(u8::to_string).collect();
                out.push(line(
                    LineKind::Field,
                    "Their ratings",
                    format!("{} (practices 1–8)", scores.join(" ")),
                ));
            }
            for (p, note) in Practice::ALL.iter().zip(&v.notes) {
                if !note.is_empty() {
                    out.push(line(LineKind::Field, p.label(), note.clone()));
                }
            }
            if !v.feedback.is_empty() {
                out.push(line(LineKind::Field, "Their feedback", v.feedback.clone()));
            }
            out.push(line(LineKind::Field, "Their review", v.date.to_string()));
        }
        None => out.push(line(
            LineKind::Field,
            "Their review",
            "not shared with us".into(),
        )),
    }
    let differences = reconcile::differences(records, &r.pack)
        .iter()
        .filter(|d| d.fix.is_some())
        .count();
    out.push(line(
        LineKind::Field,
        "Disagreements",
        if differences == 0 {
            "none: their records agree with ours".into()
        } else {
            format!("{differences} with our records (their side: {key} on the partner)")
        },
    ));
    out
}

/// The partner's ratings over the reviews in their last pack, one sparkline per practice, for
/// the partner's details beside ours ("their view"); none when they shared no ratings.
pub fn ratings(ws: &Workspace, partner: crate::model::PartnerId) -> Vec<DetailLine> {
    let Some(r) = reconcile::latest(ws, partner) else {
        return Vec::new();
    };
    let mut reviews: Vec<_> = r
        .pack
        .reviews
        .iter()
        .filter(|v| v.scores.len() == 8)
        .collect();
    if reviews.is_empty() {
        return Vec::new();
    }
    reviews.sort_by_key(|v| v.date);
    let mut out = vec![DetailLine {
        kind: LineKind::Heading,
        label: String::new(),
        value: format!(
            "Their view: their ratings, from {}'s pack of {}",
            r.pack.from, r.pack.made
        ),
    }];
    for p in Practice::ALL {
        let series: Vec<u8> = reviews.iter().map(|v| v.scores[p.index()]).collect();
        out.push(DetailLine {
            kind: LineKind::Field,
            label: p.label().to_string(),
            value: format!(
                "{} {}",
                super::detail_line::sparkline(&series),
                series.last().copied().unwrap_or(0)
            ),
        });
    }
    out
}
