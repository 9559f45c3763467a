//! The review queue: proposals grouped by partner (the name on a group's first row), newest
//! first; under the list, why the selected one was matched and where it came from; while
//! another partner is being chosen, the names matching what is typed.

use super::theme::Theme;
use super::widgets::{cell, draw_lines, row, view_block, view_rect};
use crate::action::Action;
use crate::app::App;
use crate::app::inbox_view::{IngestView, list_height};
use crate::ingest::Why;
use crate::model::Side;
use ratatui::Frame;
use ratatui::text::{Line, Span};

fn why(w: Why) -> &'static str {
    match w {
        Why::Contact => "a contact's address",
        Why::Domain => "the partner's mail domain",
        Why::Name => "a contact's name on a personal address",
        Why::Thread => "another message of the conversation",
        Why::Organisation => "the card's organisation",
        Why::Chosen => "chosen here",
    }
}

pub fn draw(frame: &mut Frame, app: &App, view: &IngestView, theme: &Theme) {
    let area = view_rect(frame.area());
    let keys = |a| app.keymap.keys_text(a);
    // The footer names every key; the note only what a wide view has room for.
    let note = if area.width >= 110 {
        format!(
            "{} accept · {} skip · {} all of partner · {} other partner · {} close",
            keys(Action::AcceptProposal),
            keys(Action::SkipProposal),
            keys(Action::AcceptPartner),
            keys(Action::Reassign),
            keys(Action::Back)
        )
    } else {
        String::new()
    };
    let reading = if view.reading { " · reading…" } else { "" };
    let block = view_block(
        format!(
            "Review queue: {}{reading}",
            crate::words::count(view.waiting(), "proposal")
        ),
        note,
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    let total = inner.width as usize;
    let h = theme.column_header;
    let (partner_w, when_w, kind_w, side_w) = (if total >= 100 { 26 } else { 18 }, 17, 9, 5);
    let summary_w = total.saturating_sub(partner_w + when_w + kind_w + side_w);
    let mut lines = vec![row(
        vec![
            cell("Partner", partner_w, h),
            cell("When", when_w, h),
            cell("What", kind_w, h),
            cell("From", side_w, h),
            cell("Summary", summary_w, h),
        ],
        total,
        false,
        theme,
    )];
    let height = list_height(&app.scene()).min(inner.height.saturating_sub(3) as usize);
    let (start, end) = view.cursor.window(view.visible.len(), height);
    let mut selected = view.cursor;
    selected.reveal(view.visible.len(), height);
    for r in start..end {
        let p = &view.all[view.visible[r]];
        let first = r == start || view.all[view.visible[r - 1]].partner != p.partner;
        let name = if first { p.partner_name.as_str() } else { "" };
        let more = if p.messages > 1 {
            format!(" ({})", p.messages)
        } else {
            String::new()
        };
        let side = match p.initiated_by {
            Side::Us => "us",
            Side::Them => "them",
        };
        let spans = vec![
            cell(name, partner_w, theme.accent),
            cell(
                &p.at.format("%Y-%m-%d %H:%M").to_string(),
                when_w,
                theme.dim,
            ),
            cell(p.kind.label(), kind_w, theme.base),
            cell(side, side_w, theme.dim),
            cell(&format!("{}{more}", p.summary), summary_w, theme.base),
        ];
        lines.push(row(spans, total, r == selected.selected, theme));
    }
    if view.visible.is_empty() {
        let text = if view.reading {
            "Reading the mail, calendar and contact folders…"
        } else {
            "Nothing waits for review."
        };
        lines.push(Line::from(Span::styled(format!(" {text}"), theme.dim)));
    }
    while lines.len() < height + 1 {
        lines.push(Line::from(""));
    }
    if let Some(p) = view.selected() {
        lines.push(Line::from(Span::styled(
            format!(" Matched by {}", why(p.why)),
            theme.dim,
        )));
        let from = crate::text::fit(&crate::text::clean(&p.source), total.saturating_sub(6));
        lines.push(Line::from(Span::styled(format!(" From {from}"), theme.dim)));
    }
    draw_lines(frame, area, &block, &lines);
    if let Some(pick) = &view.pick {
        draw_pick(frame, app, pick, area, theme);
    }
}

/// The partner pick, over the lower part of the queue.
fn draw_pick(
    frame: &mut Frame,
    app: &App,
    pick: &crate::app::inbox_view::Pick,
    area: ratatui::layout::Rect,
    theme: &Theme,
) {
    let rows = 8u16.min(area.height.saturating_sub(2));
    let width = area.width.saturating_sub(4).min(60);
    let rect = ratatui::layout::Rect::new(
        area.x + 2,
        area.y + area.height.saturating_sub(rows + 1),
        width,
        rows,
    )
    .intersection(frame.area());
    let keys = |a| app.keymap.keys_text(a);
    let block = view_block(
        "Give it to partner".into(),
        format!(
            "{} choose · {} cancel",
            keys(Action::Submit),
            keys(Action::Cancel)
        ),
        theme,
        rect.width,
    );
    super::widgets::clear(frame, rect);
    let inner = block.inner(rect);
    let total = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled(" Name: ", theme.dim),
        Span::styled(
            format!("{}▏", crate::text::clean(pick.input.value())),
            theme.base,
        ),
    ])];
    let height = inner.height.saturating_sub(1) as usize;
    let (start, end) = pick.cursor.window(pick.matches.len(), height);
    for (r, (_, name)) in pick.matches[start..end].iter().enumerate() {
        let spans = vec![cell(&format!(" {name}"), total, theme.base)];
        lines.push(row(spans, total, start + r == pick.cursor.selected, theme));
    }
    draw_lines(frame, rect, &block, &lines);
}
