//! The review overlay: one screen per step, with a step bar, the evidence of the practice being
//! rated, the previous rating, and the keys that work on that step.

use super::text::{clean, fit, pad};
use super::theme::Theme;
use super::widgets::{view_block, view_rect};
use crate::action::{Action, Context};
use crate::app::layers;
use crate::app::review::{ACTIONS, FEEDBACK, NEXT, ReviewState, STEPS, SUMMARY, step_name};
use crate::app::{App, DetailLine, LABEL_WIDTH, LineKind, wrap};
use crate::model::Practice;
use crate::model::dates::parse_date;
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn detail_lines(lines: &[DetailLine], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    wrap(lines, width)
        .into_iter()
        .map(|l| match l.kind {
            LineKind::Title | LineKind::Heading => {
                Line::styled(format!(" {}", clean(&l.value)), theme.accent)
            }
            LineKind::Field => Line::from(vec![
                Span::styled(format!(" {}", pad(&l.label, LABEL_WIDTH)), theme.dim),
                Span::raw(" "),
                Span::raw(clean(&l.value).into_owned()),
            ]),
            LineKind::Text => Line::raw(format!(" {}", clean(&l.value))),
            LineKind::Chart => Line::raw(""),
        })
        .collect()
}

/// The look-back in at most `room` lines: everything before the log, then as many log entries
/// as fit, and a line counting those left out.
fn look_back_lines(
    lines: &[DetailLine],
    width: usize,
    room: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let log_at = lines
        .iter()
        .position(|l| l.kind == LineKind::Heading && l.value.starts_with("Log since"))
        .map_or(lines.len(), |i| i + 1);
    let mut out = detail_lines(&lines[..log_at], width, theme);
    let entries = &lines[log_at..];
    for (n, entry) in entries.iter().enumerate() {
        let wrapped = detail_lines(std::slice::from_ref(entry), width, theme);
        let left = entries.len() - n;
        // The last entry may take the line kept for "+N more".
        let keep = if left == 1 { 0 } else { 1 };
        if out.len() + wrapped.len() + keep > room {
            out.push(Line::styled(
                format!(" {}+{left} more", " ".repeat(LABEL_WIDTH + 1)),
                theme.dim,
            ));
            break;
        }
        out.extend(wrapped);
    }
    out
}

/// A rating against the previous review's: "  +1 since the last review", "  as last time".
fn change_text(now: Option<u8>, previous: Option<u8>) -> String {
    match (now, previous) {
        (Some(n), Some(p)) if n == p => "  as last time".into(),
        (Some(n), Some(p)) => format!("  {:+} since the last review", i16::from(n) - i16::from(p)),
        (Some(_), None) => "  first rating".into(),
        (None, _) => String::new(),
    }
}

fn stars(score: Option<u8>) -> String {
    match score {
        Some(s) => format!(
            "{}{} {s}/5",
            "★".repeat(s as usize),
            "☆".repeat(5 - s as usize)
        ),
        None => "☆☆☆☆☆ not rated".into(),
    }
}

pub fn draw(frame: &mut Frame, app: &App, state: &ReviewState, theme: &Theme) {
    let area = view_rect(frame.area());
    let block = view_block(
        title(app, state),
        format!("started {}", state.started),
        theme,
        area.width,
    );
    let inner = block.inner(area);
    super::widgets::clear(frame, area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = vec![step_bar(state, theme), Line::raw("")];
    let caret = match state.step {
        0 => {
            look_back_step(&mut lines, app, state, theme, width, inner.height as usize);
            None
        }
        1..=8 => Some(rating_step(&mut lines, app, state, theme, width)),
        FEEDBACK => Some(feedback_step(&mut lines, state, theme, width)),
        ACTIONS => actions_step(&mut lines, app, state, theme),
        NEXT => Some(next_step(&mut lines, app, state, theme, width)),
        _ => {
            summary_step(&mut lines, app, state, theme);
            None
        }
    };
    if let Some(e) = &state.error {
        error_lines(&mut lines, e, width, theme);
    }
    if state.prompt {
        prompt_line(&mut lines, app, state, theme);
    }
    let height = inner.height as usize;
    let skip = lines.len().saturating_sub(height);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
    if let Some((row, col)) = caret
        && !state.prompt
        && row >= skip
    {
        let p = Position::new(
            inner.x
                + 2
                + LABEL_WIDTH as u16
                + col.min(width.saturating_sub(LABEL_WIDTH + 4)) as u16,
            inner.y + (row - skip) as u16,
        );
        if frame.area().contains(p) {
            frame.set_cursor_position(p);
        }
    }
}

/// The overlay's title: where the review stands in a batch (if it is one), the partner and
/// the step.
fn title(app: &App, state: &ReviewState) -> String {
    let name = app.ws().partner_name(state.partner).unwrap_or("?");
    let batch = app.review_position().map_or(String::new(), |(n, total)| {
        format!("Review {n} of {total} · ")
    });
    let title = format!(
        "{batch}Review · {name} · step {} of {STEPS}: {}",
        state.step + 1,
        step_name(state.step)
    );
    if batch.is_empty() {
        title
    } else {
        title.replacen("· Review · ", "· ", 1)
    }
}

/// The step bar: one mark per step, the current one reversed.
fn step_bar(state: &ReviewState, theme: &Theme) -> Line<'static> {
    let mut bar = vec![Span::raw(" ")];
    for step in 0..STEPS {
        let done = match step {
            1..=8 => state.scores[step - 1].is_some(),
            _ => step < state.step,
        };
        let mark = match step {
            1..=8 => Practice::ALL[step - 1]
                .short()
                .chars()
                .next()
                .unwrap_or('?')
                .to_string(),
            0 => "◀".into(),
            SUMMARY => "✓".into(),
            _ => "·".into(),
        };
        let style = if step == state.step {
            theme.selected
        } else if done {
            theme.good
        } else {
            theme.dim
        };
        bar.push(Span::styled(format!(" {mark} "), style));
    }
    Line::from(bar)
}

/// An input's line: its label, then its value cut to the width.
fn input_line(label: &str, value: &str, width: usize, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {}", pad(label, LABEL_WIDTH)), theme.key),
        Span::raw(" "),
        Span::styled(
            fit(value, width.saturating_sub(LABEL_WIDTH + 3)),
            theme.selected,
        ),
    ])
}

/// The look-back: what happened since the last review, in the lines the screen leaves.
fn look_back_step(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    state: &ReviewState,
    theme: &Theme,
    width: usize,
    height: usize,
) {
    let key = |action, layers| app.keymap.key_text(action, layers);
    // Two lines below for the hint; the log (last, newest first) gets what is left.
    let room = height.saturating_sub(lines.len() + 2);
    lines.extend(look_back_lines(
        &app.scene().look_back(state.partner),
        width.saturating_sub(2),
        room,
        theme,
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " {}: start rating the eight practices",
            key(Action::Submit, layers::REVIEW_IDLE)
        ),
        theme.dim,
    ));
}

/// Rating one practice: its evidence, the previous rating, the rating and its note. Gives
/// where the caret stands in the note.
fn rating_step(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    state: &ReviewState,
    theme: &Theme,
    width: usize,
) -> (usize, usize) {
    let key = |action, layers| app.keymap.key_text(action, layers);
    let i = state.step - 1;
    let practice = Practice::ALL[i];
    let (evidence, previous) = app.scene().practice_evidence(state.partner, practice);
    lines.push(Line::styled(
        format!(" {}. {}", state.step, practice.label()),
        theme.title,
    ));
    lines.extend(detail_lines(&evidence, width.saturating_sub(2), theme));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(format!(" {}", pad("Previous", LABEL_WIDTH)), theme.dim),
        Span::raw(" "),
        Span::raw(previous.map_or("—".into(), |p| stars(Some(p)))),
    ]));
    lines.push(Line::from(vec![
        Span::styled(format!(" {}", pad("Rating", LABEL_WIDTH)), theme.key),
        Span::raw(" "),
        Span::styled(stars(state.scores[i]), theme.warn),
        Span::styled(
            match state.scores[i] {
                // The scale's ends, so a first ↑ or ↓ is not a surprise.
                // Short enough for 80 columns beside "not rated".
                None => format!(
                    "   {} rates ({} from 1, {} from 5)",
                    rating_keys(app),
                    key(Action::RateUp, layers::RATING_NOTE),
                    key(Action::RateDown, layers::RATING_NOTE)
                ),
                Some(_) => format!(
                    "   {} rates and goes on ({}/{} adjust)",
                    rating_keys(app),
                    key(Action::RateUp, layers::RATING_NOTE),
                    key(Action::RateDown, layers::RATING_NOTE)
                ),
            },
            theme.dim,
        ),
    ]));
    let caret = (lines.len(), state.notes[i].visual_cursor());
    lines.push(input_line("Note", state.notes[i].value(), width, theme));
    lines.push(Line::styled(
        format!(
            " A note: type it, then rate with {}/{} · {}: next · {}/{} with an empty note or {}/{}: move between steps",
            key(Action::RateUp, layers::RATING_NOTE),
            key(Action::RateDown, layers::RATING_NOTE),
            key(Action::Submit, layers::RATING_NOTE),
            key(Action::StepBack, layers::RATING_IDLE),
            key(Action::StepForward, layers::RATING_IDLE),
            key(Action::StepNext, layers::RATING_NOTE),
            key(Action::StepPrev, layers::RATING_NOTE),
        ),
        theme.dim,
    ));
    caret
}

/// The feedback input. Gives where the caret stands in it.
fn feedback_step(
    lines: &mut Vec<Line<'static>>,
    state: &ReviewState,
    theme: &Theme,
    width: usize,
) -> (usize, usize) {
    lines.push(Line::styled(
        " Feedback from either side: what works, what to change.",
        theme.dim,
    ));
    let caret = (lines.len(), state.feedback.visual_cursor());
    lines.push(input_line("Feedback", state.feedback.value(), width, theme));
    caret
}

/// The action being written and those planned. Gives where the caret stands in a text field.
fn actions_step(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    state: &ReviewState,
    theme: &Theme,
) -> Option<(usize, usize)> {
    let key = |action, layers| app.keymap.key_text(action, layers);
    let mut caret = None;
    let submit = key(Action::Submit, layers::REVIEW_ACTION_TEXT);
    lines.push(Line::styled(
        format!(
            " Actions: write one, {} to what it becomes ({}/{}) and its due date, {submit} adds it. {submit} on an empty action goes on.",
            key(Action::StepNext, layers::REVIEW_ACTION_TEXT),
            key(Action::ChoicePrev, layers::REVIEW_ACTION_CHOICE),
            key(Action::ChoiceNext, layers::REVIEW_ACTION_CHOICE),
        ),
        theme.dim,
    ));
    for (n, f) in state.action.fields.iter().enumerate() {
        let focused = n == state.action.focus;
        let value = if n == 1 {
            format!("‹ {} ›", f.value())
        } else {
            f.value().to_string()
        };
        if focused && n != 1 {
            caret = Some((lines.len(), f.input.visual_cursor()));
        }
        let style = if focused { theme.selected } else { theme.base };
        let hint = if n == 2 {
            parse_date(f.value(), app.today())
                .map_or(String::new(), |d| format!("  → {d} (empty: in 14 days)"))
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {}", pad(f.label(), LABEL_WIDTH)),
                if focused { theme.key } else { theme.dim },
            ),
            Span::raw(" "),
            Span::styled(value, style),
            Span::styled(hint, theme.dim),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " Planned ({}) — {} on an empty action removes the last",
            state.actions.len(),
            key(Action::DeleteBack, layers::REVIEW_ACTION_TEXT)
        ),
        theme.accent,
    ));
    for a in &state.actions {
        let due = a.due.map_or("in 14 days".into(), |d| d.to_string());
        lines.push(Line::raw(format!(
            "   {} · {} · {due}",
            a.kind.label(),
            clean(&a.text)
        )));
    }
    caret
}

/// The next review's date, with how it reads. Gives where the caret stands in it.
fn next_step(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    state: &ReviewState,
    theme: &Theme,
    width: usize,
) -> (usize, usize) {
    let caret = (lines.len(), state.next.visual_cursor());
    lines.push(input_line("Next review", state.next.value(), width, theme));
    let hint = parse_date(state.next.value(), app.today()).map_or_else(
        |e| e.to_string(),
        |d| format!("→ {}", d.format("%a %Y-%m-%d")),
    );
    lines.push(Line::styled(
        format!(" {}", pad("", LABEL_WIDTH + 1)) + &hint,
        theme.dim,
    ));
    caret
}

/// The summary: every rating against the last review's, the feedback, the actions and the
/// next review's date.
fn summary_step(lines: &mut Vec<Line<'static>>, app: &App, state: &ReviewState, theme: &Theme) {
    let key = |action, layers| app.keymap.key_text(action, layers);
    lines.push(Line::styled(
        format!(
            " Summary — {} saves the review",
            key(Action::Submit, layers::REVIEW_IDLE)
        ),
        theme.title,
    ));
    for (i, p) in Practice::ALL.iter().enumerate() {
        let note = state.notes[i].value();
        let note = if note.is_empty() {
            String::new()
        } else {
            format!("  {}", clean(note))
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {}", pad(p.label(), LABEL_WIDTH)), theme.dim),
            Span::raw(" "),
            Span::styled(
                stars(state.scores[i]),
                if state.scores[i].is_some() {
                    theme.warn
                } else {
                    theme.bad
                },
            ),
            Span::styled(
                change_text(
                    state.scores[i],
                    app.scene().practice_evidence(state.partner, *p).1,
                ),
                theme.dim,
            ),
            Span::raw(note),
        ]));
    }
    lines.push(Line::raw(format!(
        " {} {}",
        pad("Feedback", LABEL_WIDTH),
        clean(state.feedback.value())
    )));
    lines.push(Line::raw(format!(
        " {} {}",
        pad("Actions", LABEL_WIDTH),
        if state.actions.is_empty() {
            "none".to_string()
        } else {
            state.actions.len().to_string()
        }
    )));
    for a in &state.actions {
        let due = a.due.map_or("in 14 days".into(), |d| d.to_string());
        lines.push(Line::raw(format!(
            " {} {} · {} · {due}",
            pad("", LABEL_WIDTH),
            a.kind.label(),
            clean(&a.text)
        )));
    }
    let next = parse_date(state.next.value(), app.today())
        .map_or_else(|e| e.to_string(), |d| d.format("%a %Y-%m-%d").to_string());
    lines.push(Line::raw(format!(
        " {} {next}",
        pad("Next review", LABEL_WIDTH)
    )));
}

/// The error below the step.
fn error_lines(lines: &mut Vec<Line<'static>>, e: &str, width: usize, theme: &Theme) {
    lines.push(Line::raw(""));
    // Wrapped, never cut: it says what to do.
    for (n, part) in crate::app::wrap_text(e, width.saturating_sub(4).max(8))
        .into_iter()
        .enumerate()
    {
        let lead = if n == 0 { " ✗ " } else { "   " };
        lines.push(Line::styled(format!("{lead}{part}"), theme.bad));
    }
}

/// The question whether to stop the review, with its keys.
fn prompt_line(lines: &mut Vec<Line<'static>>, app: &App, state: &ReviewState, theme: &Theme) {
    let key = |action, layers| app.keymap.key_text(action, layers);
    lines.push(Line::raw(""));
    let prompt = layers::REVIEW_PROMPT;
    let skip = if state.batch.queue.is_empty() {
        String::new()
    } else {
        format!(
            "  ·  {} skip to the next partner",
            key(Action::SkipReview, prompt)
        )
    };
    lines.push(Line::styled(
        format!(
            " Stop the review?  {} keep a draft (resume with {})  ·  {} discard{skip}  ·  {} continue",
            key(Action::KeepDraft, prompt),
            app.scene().key_text(Action::Review, Context::Dashboard),
            key(Action::DiscardReview, prompt),
            app.keymap.keys_joined(Action::ContinueReview, prompt, " or "),
        ),
        theme.status_warn,
    ));
}

/// The keys that rate 1 to 5 (`1–5`; keys that are not five consecutive characters are
/// listed one by one).
fn rating_keys(app: &App) -> String {
    crate::app::review::rating_keys_text(&app.scene())
}
