//! One struct of styles. With `NO_COLOR` every style keeps only its modifiers (bold, reverse,
//! dim, underline), so selection and states stay visible; states also carry symbols.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub header: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub column_header: Style,
    pub selected: Style,
    /// The selected row of a pane that is not focused (the focused one's is `selected`).
    pub selected_unfocused: Style,
    pub dim: Style,
    pub good: Style,
    pub warn: Style,
    pub bad: Style,
    pub accent: Style,
    pub today: Style,
    pub key: Style,
    pub status_info: Style,
    pub status_warn: Style,
    pub status_error: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            base: Style::new(),
            header: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            column_header: Style::new()
                .fg(Color::Gray)
                .add_modifier(Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Magenta),
            today: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            status_info: Style::new().fg(Color::Green),
            status_warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            status_error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// For terminals with a light background.
    pub fn light() -> Theme {
        Theme {
            base: Style::new(),
            header: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            // Colour 8, not 7: light grey on a light background is hard to see.
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            column_header: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: Style::new().fg(Color::DarkGray),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Rgb(160, 100, 0)),
            bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Magenta),
            today: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            status_info: Style::new().fg(Color::Green),
            status_warn: Style::new()
                .fg(Color::Rgb(160, 100, 0))
                .add_modifier(Modifier::BOLD),
            status_error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The same theme without any colour.
    pub fn without_color(&self) -> Theme {
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        Theme {
            base: strip(self.base),
            header: strip(self.header).add_modifier(Modifier::REVERSED),
            border: strip(self.border),
            border_focused: strip(self.border_focused),
            title: strip(self.title),
            column_header: strip(self.column_header),
            selected: strip(self.selected),
            selected_unfocused: strip(self.selected_unfocused),
            dim: strip(self.dim),
            good: strip(self.good),
            warn: strip(self.warn),
            bad: strip(self.bad),
            accent: strip(self.accent),
            today: strip(self.today),
            key: strip(self.key),
            status_info: strip(self.status_info),
            status_warn: strip(self.status_warn),
            status_error: strip(self.status_error).add_modifier(Modifier::REVERSED),
        }
    }

    /// The theme for this environment: colourless when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Theme::dark().without_color()
        } else {
            Theme::dark()
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}
