//! The frame around the panes: header, tab bar (narrow screens), status line, footer of key
//! hints generated from the keymap, and the "enlarge the terminal" message.

use super::text::{clean, fit, width};
use super::theme::Theme;
use super::widgets::draw_text;
use crate::action::Action;
use crate::app::{App, Level, MIN_HEIGHT, MIN_WIDTH, Pane, Source};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = format!(
        "Enlarge the terminal: partnerdeck needs at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}).",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.warn)
            .wrap(Wrap { trim: true }),
        area,
    );
}

pub fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let place = match &app.doc.source() {
        Source::File(p) => p.display().to_string(),
        Source::Demo(_) => "demo (a scratch copy; your file is untouched)".into(),
        Source::Memory => "not saved".into(),
    };
    let name = if app.ws().profile.name.trim().is_empty() {
        "partnerdeck".to_string()
    } else {
        clean(&app.ws().profile.name).into_owned()
    };
    // A badge counting what needs attention (the Today view, `t`).
    let badge = match app.doc.overview().attention.len() {
        0 => String::new(),
        n => format!("· ⚑ {n} "),
    };
    let left = format!(" {name} · {} {badge}", app.today().format("%a %Y-%m-%d"));
    let on_disk = !matches!(app.doc.source(), Source::Memory);
    let place = match (&app.doc.read_only(), on_disk && app.unsaved()) {
        (Some(_), _) => format!("read-only · {place}"),
        (None, true) => format!("unsaved · {place}"),
        (None, false) => place,
    };
    let right = format!(" {} ", clean(&place));
    let room = (area.width as usize).saturating_sub(width(&left));
    let right = fit(&right, room);
    let gap = room.saturating_sub(width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::raw(right),
    ]);
    frame.buffer_mut().set_style(area, theme.header);
    draw_text(frame, area, &[line]);
}

pub fn tabs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for pane in Pane::ALL {
        let label = format!(" {} {} ", pane as usize + 1, pane.title());
        let style = if pane == app.focus {
            theme.selected
        } else {
            theme.dim
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    draw_text(frame, area, &[Line::from(spans)]);
}

pub fn status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let line = match &app.status {
        Some(s) => {
            let style = match s.level {
                Level::Info => theme.status_info,
                Level::Warn => theme.status_warn,
                Level::Error => theme.status_error,
            };
            Line::styled(status_text(app, &s.text, area.width as usize), style)
        }
        None => Line::styled(
            fit(&format!(" {}", summary(app)), area.width as usize),
            theme.dim,
        ),
    };
    draw_text(frame, area, &[line]);
}

/// A status message in `width` cells: whole when it fits, else cut and saying which key shows
/// it in full.
fn status_text(app: &App, text: &str, width: usize) -> String {
    let one_line = text.lines().collect::<Vec<_>>().join(" · ");
    let full = format!(" {one_line}");
    if super::text::width(&full) <= width && !text.contains('\n') {
        return full;
    }
    let key = app.keymap.keys_text(Action::Messages);
    let more = format!(" [{key}: in full]");
    let room = width.saturating_sub(super::text::width(&more));
    if room < 10 {
        return fit(&full, width);
    }
    format!("{}{more}", fit(&full, room))
}

fn summary(app: &App) -> String {
    let ws = app.ws();
    use crate::words::{count, plural};
    format!(
        "{} · {} · {} · {}",
        count(ws.partners.len(), "partner"),
        count(ws.goals.len(), "goal"),
        count(ws.milestones.len(), "milestone"),
        plural(ws.interactions.len(), "log entry", "log entries")
    )
}

/// The actions worth a hint in the footer for the current context and pane.
fn hints(app: &App) -> Vec<(Action, &'static str)> {
    use crate::action::Context;
    match app.context() {
        Context::Help => vec![(Action::Down, "scroll"), (Action::Back, "close")],
        Context::Ingest => vec![
            (Action::AcceptProposal, "accept"),
            (Action::SkipProposal, "skip"),
            (Action::AcceptPartner, "accept partner's"),
            (Action::Reassign, "other partner"),
            (Action::Edit, "edit"),
            (Action::Undo, "undo"),
            (Action::Help, "help"),
            (Action::Back, "close"),
        ],
        Context::Conflicts if matches!(&app.overlay, Some(crate::app::Overlay::Conflicts(v)) if v.full.is_some()) =>
        {
            vec![
                (Action::Down, "scroll"),
                (Action::TakeOurs, "keep ours"),
                (Action::TakeTheirs, "take theirs"),
                (Action::Edit, "edit"),
                (Action::Back, "back to the list"),
                (Action::Help, "help"),
            ]
        }
        Context::Conflicts => vec![
            (Action::Down, "move"),
            (Action::TakeOurs, "keep ours"),
            (Action::TakeTheirs, "take theirs"),
            (Action::ConflictInFull, "in full"),
            (Action::Edit, "edit"),
            (Action::Back, "close"),
            (Action::Help, "help"),
        ],
        Context::Reconcile => vec![
            (Action::Down, "move"),
            (Action::Accept, "accept theirs"),
            (Action::NoteDiscussed, "note discussed"),
            (Action::Leave, "leave"),
            (Action::Back, "close"),
            (Action::Help, "help"),
        ],
        Context::Detail => vec![
            (Action::Down, "scroll"),
            (Action::Back, "close"),
            (Action::Edit, "edit"),
            (Action::LogContact, "log"),
            (Action::Review, "review"),
            (Action::Commitments, "commitments"),
            (Action::Celebrations, "wins"),
        ],
        Context::Form => vec![
            (Action::Submit, "save"),
            (Action::FieldNext, "next field"),
            (Action::FieldPrev, "previous"),
            (Action::Cancel, "cancel"),
            (Action::OpenEditor, "$EDITOR"),
        ],
        Context::Confirm => vec![(Action::Yes, "yes"), (Action::No, "no")],
        // Layers below an open view, never the context of the screen.
        Context::Text
        | Context::Choice
        | Context::Rating
        | Context::ReviewIdle
        | Context::ReviewActions
        | Context::ReviewPrompt => Vec::new(),
        Context::Filter => vec![(Action::Submit, "keep filter"), (Action::Cancel, "clear")],
        // Choosing another partner in the review queue is typed as the palette's query is.
        Context::Palette if matches!(app.overlay, Some(crate::app::Overlay::Ingest(_))) => vec![
            (Action::Submit, "give it to this partner"),
            (Action::FieldNext, "next"),
            (Action::Cancel, "cancel"),
        ],
        Context::Palette => vec![
            (Action::Submit, "run"),
            (Action::FieldNext, "next"),
            (Action::Cancel, "close"),
        ],
        Context::Search => vec![
            (Action::Submit, "go to it"),
            (Action::FieldNext, "next"),
            (Action::Cancel, "close"),
        ],
        Context::Review => vec![
            (Action::Submit, "go on"),
            (Action::StepNext, "next step"),
            (Action::StepPrev, "previous"),
            (Action::Cancel, "draft / discard"),
        ],
        Context::Records => records_hints(app),
        Context::WhatsNew => vec![
            (Action::Down, "move"),
            (Action::Open, "go to it"),
            (Action::Help, "help"),
            (Action::Back, "close"),
        ],
        Context::Attention => with_mine(
            app,
            vec![
                (Action::Down, "move"),
                (Action::Open, "go to it"),
                (Action::Snooze, "snooze"),
                (Action::Overview, "overview"),
                (Action::Help, "help"),
                (Action::Back, "close"),
            ],
        ),
        Context::Overview => with_mine(
            app,
            vec![
                (Action::Down, "move"),
                (Action::Open, "go to partner"),
                (Action::Sort, "sort"),
                (Action::Attention, "attention"),
                (Action::Help, "help"),
                (Action::Back, "close"),
            ],
        ),
        Context::Dashboard => dashboard_hints(app),
    }
}

/// The records view's hints: kept and missed only for commitments.
fn records_hints(app: &App) -> Vec<(Action, &'static str)> {
    let commitments = matches!(
        app.overlay,
        Some(crate::app::Overlay::Records(crate::app::RecordsView {
            kind: crate::app::RecordsKind::Commitments,
            ..
        }))
    );
    let mut h = vec![
        (Action::Down, "move"),
        (Action::MarkKept, "kept"),
        (Action::MarkMissed, "missed"),
        (Action::Add, "add"),
        (Action::Edit, "edit"),
        (Action::Delete, "delete"),
        (Action::Help, "help"),
        (Action::Back, "close"),
    ];
    if !commitments {
        h.retain(|(a, _)| !matches!(a, Action::MarkKept | Action::MarkMissed));
    }
    h
}

/// The dashboard's hints, by the focused pane.
fn dashboard_hints(app: &App) -> Vec<(Action, &'static str)> {
    let mut h = vec![
        (Action::Help, "help"),
        (Action::Quit, "quit"),
        (Action::NextPane, "pane"),
        (Action::Down, "move"),
        (Action::Open, "details"),
        (Action::Add, "add"),
        (Action::Edit, "edit"),
        (Action::LogContact, "log"),
        (Action::Filter, "filter"),
        (Action::Palette, "commands"),
        (Action::Attention, "today"),
        (Action::Overview, "overview"),
    ];
    if app.focus == Pane::Goals {
        h.insert(7, (Action::GoalStepUp, "more"));
        h.insert(8, (Action::GoalStepDown, "less"));
        h.insert(9, (Action::GoalSetValue, "set value"));
    }
    // On a log entry with a follow-up: the key that marks it done (or not done).
    let follow_up = app
        .selected_row(Pane::Log)
        .and_then(|i| app.ws().interactions.get(i))
        .and_then(|x| x.follow_up.as_ref());
    if app.focus == Pane::Log
        && let Some(f) = follow_up
    {
        let what = if f.done.is_some() {
            "follow-up not done"
        } else {
            "follow-up done"
        };
        h.insert(5, (Action::ToggleDone, what));
    }
    if app.focus == Pane::Timeline {
        h.insert(5, (Action::ToggleDone, "done"));
        h.insert(6, (Action::TimeLater, "later"));
        h.insert(7, (Action::TimeEarlier, "earlier"));
        h.insert(8, (Action::TimeZoom, "zoom"));
    }
    h.push((
        Action::ToggleAllPartners,
        if app.all_partners {
            "one partner"
        } else {
            "all partners"
        },
    ));
    h.extend([
        (Action::Review, "review"),
        (Action::Commitments, "commitments"),
        (Action::Celebrations, "wins"),
    ]);
    h
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let context = app.context();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (action, label) in hints(app) {
        let Some(key) = app.keymap.keys_in(action, context).first().copied() else {
            continue;
        };
        let key = key.to_string();
        let w = width(&key) + 1 + width(label) + 2;
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    draw_text(frame, area, &[Line::from(spans)]);
}

/// Today's and the overview's hints, with `O` (mine, then each teammate's) once the file has a
/// team to narrow to.
fn with_mine(app: &App, mut hints: Vec<(Action, &'static str)>) -> Vec<(Action, &'static str)> {
    if !app.ws().members.is_empty() {
        hints.insert(3, (Action::MineOnly, "mine"));
    }
    hints
}
