//! The page for partners without partnerdeck (`share --html`): one self-contained HTML file
//! made from the pack alone (so it can never show more than the pack holds). No scripts, no
//! network (a Content-Security-Policy forbids both), inline CSS that reads on a phone and
//! prints: goals with progress bars, the milestone timeline, both sides' commitments,
//! celebrations, and the health trend as an inline SVG chart.

use crate::model::pack::*;
use crate::model::{GoalStatus, Outcome};
use crate::words::number;
use std::fmt::Write as _;

/// Text made safe inside HTML (elements and attribute values).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root{color-scheme:light;--ink:#1d2430;--dim:#5b6473;--line:#d8dde5;--ok:#2e7d4f;--warn:#b5542a;--bar:#3b6fb6}
*{box-sizing:border-box}
body{font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:60rem;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.sub{color:var(--dim);margin:0}
.goal{margin:.7rem 0;break-inside:avoid}.goal .head{display:flex;justify-content:space-between;gap:.5rem;flex-wrap:wrap}
.bar{height:.8rem;background:#eef1f5;border:1px solid var(--line);border-radius:.4rem;overflow:hidden;margin:.25rem 0}
.bar span{display:block;height:100%;background:var(--bar);-webkit-print-color-adjust:exact;print-color-adjust:exact}
.meta{color:var(--dim);font-size:.9rem}
ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid var(--line)}
ol.timeline li{position:relative;padding:.2rem 0 .5rem 1rem;break-inside:avoid}
ol.timeline li::before{content:'';position:absolute;left:-.5rem;top:.55rem;width:.7rem;height:.7rem;border-radius:50%;background:#fff;border:2px solid var(--bar)}
ol.timeline li.done::before{background:var(--ok);border-color:var(--ok)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--dim);font-weight:600}
.kept{color:var(--ok)}.missed{color:var(--warn)}
svg{width:100%;height:auto;max-width:40rem}
footer{margin-top:2rem;color:var(--dim);font-size:.8rem}
@media (max-width:30rem){body{padding:.6rem;font-size:15px}th:nth-child(3),td:nth-child(3){display:none}}
@media print{body{max-width:none;font-size:11pt}h2{break-after:avoid}}
";

/// The page.
pub fn page(pack: &Pack, fingerprint: &str) -> String {
    let mut h = String::new();
    let title = format!("{} and {}", pack.from, pack.to);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    let _ = writeln!(
        h,
        "<header><h1>{}</h1><p class=\"sub\">Our partnership as {} sees it, {}.</p></header>",
        esc(&title),
        esc(&pack.from),
        pack.made
    );
    health(&mut h, pack);
    goals(&mut h, pack);
    timeline(&mut h, pack);
    commitments(&mut h, pack);
    celebrations(&mut h, pack);
    reviews(&mut h, pack);
    extra(&mut h, pack);
    let _ = write!(
        h,
        "<footer>Made by partnerdeck from a signed pack. Key fingerprint of {}: <code>{}</code>.</footer>\n</body>\n</html>\n",
        esc(&pack.from),
        esc(fingerprint)
    );
    h
}

fn health(h: &mut String, pack: &Pack) {
    h.push_str("<section><h2>Health of the partnership</h2>\n");
    let pts = &pack.health;
    if pts.is_empty() {
        h.push_str("<p class=\"meta\">No health history yet.</p></section>\n");
        return;
    }
    let (w, ht, left, top, bottom) = (600.0, 200.0, 36.0, 10.0, 28.0);
    let plot_w = w - left - 10.0;
    let plot_h = ht - top - bottom;
    let x = |i: usize| left + plot_w * i as f64 / (pts.len().max(2) - 1) as f64;
    let y = |s: u8| top + plot_h * (1.0 - f64::from(s.min(100)) / 100.0);
    let last = pts.last().map_or(0, |p| p.score);
    let _ = write!(
        h,
        "<p>Health score now <strong>{last}</strong> of 100 (monthly, the last {} months).</p>\n\
         <svg id=\"health-chart\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"Health score by month\">\n\
         <title>Health score by month</title>\n",
        pts.len()
    );
    for level in [0u8, 50, 100] {
        let _ = writeln!(
            h,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d8dde5\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6473\">{level}</text>",
            w - 10.0,
            left - 4.0,
            y(level) + 4.0,
            y = y(level)
        );
    }
    let line: Vec<String> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.score)))
        .collect();
    let _ = writeln!(
        h,
        "<polyline class=\"trend\" fill=\"none\" stroke=\"#0f766e\" stroke-width=\"2.5\" points=\"{}\"/>",
        line.join(" ")
    );
    for (i, p) in pts.iter().enumerate() {
        let _ = write!(
            h,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#0f766e\"><title>{}: {}</title></circle>",
            x(i),
            y(p.score),
            p.day.format("%Y-%m"),
            p.score
        );
        let last = i + 1 == pts.len();
        if i == 0 || last || (i % 3 == 0 && i + 2 < pts.len()) {
            // The first and last labels end inside the chart.
            let anchor = match (i, last) {
                (0, _) => "start",
                (_, true) => "end",
                _ => "middle",
            };
            let _ = write!(
                h,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"#5b6473\">{}</text>",
                x(i),
                ht - 8.0,
                p.day.format("%b %y")
            );
        }
    }
    h.push_str("\n</svg></section>\n");
}

fn side(s: PackSide, pack: &Pack) -> String {
    match s {
        PackSide::Sender => esc(&pack.from),
        PackSide::Recipient => esc(&pack.to),
        PackSide::Both => "both".into(),
    }
}

fn goals(h: &mut String, pack: &Pack) {
    h.push_str("<section><h2>Goals</h2>\n");
    if pack.goals.is_empty() {
        h.push_str("<p class=\"meta\">No goals yet.</p>\n");
    }
    for g in &pack.goals {
        let progress = progress(g);
        let pct = (progress.unwrap_or(0.0) * 100.0).round();
        let target = g.target.map_or_else(|| "no target".into(), number);
        let status = match g.status {
            GoalStatus::Active => "active",
            GoalStatus::Achieved => "achieved ✓",
            GoalStatus::Dropped => "dropped",
        };
        let _ = writeln!(
            h,
            "<div class=\"goal\"><div class=\"head\"><strong>{}</strong><span>{pct}%</span></div>\
             <div class=\"bar\" role=\"img\" aria-label=\"{pct}% of the way\"><span style=\"width:{pct}%\"></span></div>\
             <div class=\"meta\">{}: {} → {} {} · owner {} · due {} · {status}</div></div>",
            esc(&g.title),
            esc(if g.metric.is_empty() {
                "progress"
            } else {
                &g.metric
            }),
            number(g.current),
            target,
            esc(&g.unit),
            side(g.owner, pack),
            g.due.map_or_else(|| "—".into(), |d| d.to_string()),
        );
    }
    h.push_str("</section>\n");
}

/// Progress from baseline to target, 0–1 (as `model::Goal::progress`).
fn progress(g: &PackGoal) -> Option<f64> {
    let target = g.target?;
    let span = target - g.baseline;
    if !span.is_finite() || span == 0.0 {
        return (g.current == target).then_some(1.0);
    }
    let p = (g.current - g.baseline) / span;
    p.is_finite().then(|| p.clamp(0.0, 1.0))
}

fn timeline(h: &mut String, pack: &Pack) {
    h.push_str("<section><h2>Milestones</h2>\n");
    let mut ms: Vec<&PackMilestone> = pack.milestones.iter().collect();
    ms.sort_by_key(|m| m.due);
    if ms.is_empty() {
        h.push_str("<p class=\"meta\">No milestones yet.</p>\n");
    } else {
        h.push_str("<ol class=\"timeline\">\n");
        for m in ms {
            let (class, state) = match m.done {
                Some(d) => ("done", format!("done {d}")),
                None => ("", format!("due {}", m.due)),
            };
            let goal = m
                .goal
                .as_deref()
                .map_or(String::new(), |g| format!(" · {}", esc(g)));
            let _ = writeln!(
                h,
                "<li class=\"{class}\"><strong>{}</strong><div class=\"meta\">{state}{goal}</div></li>",
                esc(&m.title)
            );
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");
}

fn commitments(h: &mut String, pack: &Pack) {
    h.push_str("<section><h2>Commitments, both sides</h2>\n");
    if pack.commitments.is_empty() {
        h.push_str("<p class=\"meta\">No commitments yet.</p></section>\n");
        return;
    }
    h.push_str("<table><thead><tr><th>By</th><th>What</th><th>Due</th><th>Outcome</th></tr></thead><tbody>\n");
    let mut cs: Vec<&PackCommitment> = pack.commitments.iter().collect();
    cs.sort_by_key(|c| c.due);
    for c in cs {
        let outcome = match c.outcome {
            None => "open".to_string(),
            Some(Outcome::Kept(d)) => format!("<span class=\"kept\">kept {d}</span>"),
            Some(Outcome::Missed(d)) => format!("<span class=\"missed\">missed {d}</span>"),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{outcome}</td></tr>",
            side(c.by, pack),
            esc(&c.what),
            c.due
        );
    }
    h.push_str("</tbody></table></section>\n");
}

fn celebrations(h: &mut String, pack: &Pack) {
    h.push_str("<section><h2>Celebrations</h2>\n");
    if pack.celebrations.is_empty() {
        h.push_str("<p class=\"meta\">Nothing celebrated yet.</p></section>\n");
        return;
    }
    h.push_str("<ul>\n");
    for c in &pack.celebrations {
        let what = c
            .milestone
            .as_deref()
            .map_or(String::new(), |m| format!(" ({})", esc(m)));
        let _ = writeln!(h, "<li>{}: {}{what}</li>", c.date, esc(&c.how));
    }
    h.push_str("</ul></section>\n");
}

fn reviews(h: &mut String, pack: &Pack) {
    if pack.reviews.is_empty() {
        return;
    }
    h.push_str("<section><h2>Reviews</h2>\n");
    for r in &pack.reviews {
        let _ = write!(h, "<p><strong>{}</strong>", r.date);
        if !r.scores.is_empty() {
            let s: Vec<String> = crate::model::Practice::ALL
                .iter()
                .zip(&r.scores)
                .map(|(p, s)| format!("{} {s}/5", p.label()))
                .collect();
            let _ = write!(h, "<br><span class=\"meta\">{}</span>", esc(&s.join(" · ")));
        }
        for n in r.notes.iter().filter(|n| !n.is_empty()) {
            let _ = write!(h, "<br>{}", esc(n));
        }
        if !r.feedback.is_empty() {
            let _ = write!(h, "<br>{}", esc(&r.feedback));
        }
        h.push_str("</p>\n");
    }
    h.push_str("</section>\n");
}

fn extra(h: &mut String, pack: &Pack) {
    let e = &pack.extra;
    if !e.aim.is_empty() {
        let _ = writeln!(h, "<section><h2>Aim</h2><p>{}</p></section>", esc(&e.aim));
    }
    if !e.notes.is_empty() {
        let _ = writeln!(
            h,
            "<section><h2>Notes</h2><p>{}</p></section>",
            esc(&e.notes)
        );
    }
    if !e.contacts.is_empty() {
        h.push_str("<section><h2>Contacts</h2><ul>\n");
        for c in &e.contacts {
            let _ = writeln!(h, "<li>{}</li>", esc(&c.text()));
        }
        h.push_str("</ul></section>\n");
    }
    if !e.log.is_empty() {
        h.push_str("<section><h2>Communication</h2><ul>\n");
        for l in &e.log {
            let _ = writeln!(
                h,
                "<li>{} {}: {}</li>",
                l.date,
                l.channel.label(),
                esc(&l.summary)
            );
        }
        h.push_str("</ul></section>\n");
    }
}
