//! The details overlay ([`DetailView`]): every field of one record as wrapped lines (built in
//! `detail.rs`), a partner's health chart over the rows its lines reserve, and the keys: scroll;
//! back closes; an action key closes the details and acts on the record shown (or its partner)
//! on the dashboard, as with that record selected there.

use super::help::HelpView;
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::{Action, Context};
use crate::app::detail::{self, DetailLine, RecordRef, Wrapped, wrap_width};
use crate::app::health_chart::HealthChart;
use crate::app::layout::detail_rect;

/// The details of one record, open over the dashboard.
#[derive(Debug, Clone)]
pub struct DetailView {
    pub record: RecordRef,
    pub lines: Vec<DetailLine>,
    /// `lines` wrapped for the screen's width.
    pub wrapped: Wrapped,
    pub scroll: usize,
    /// A partner's health chart, drawn over the rows its lines reserve.
    pub chart: Option<HealthChart>,
}

impl DetailView {
    /// The details of `record`, for the app's screen.
    pub(in crate::app) fn new(scene: &Scene, record: RecordRef) -> DetailView {
        let chart = match record {
            RecordRef::Partner(id) => HealthChart::build(scene.doc, scene.screen.area, id),
            _ => None,
        };
        let mut lines = detail::lines(scene.doc, scene.keymap, record);
        // The chart's rows come right under the title.
        if let Some(chart) = &chart
            && !lines.is_empty()
        {
            lines.splice(1..1, chart.lines());
        }
        let wrapped = Wrapped::new(&lines, wrap_width(scene.screen.area));
        DetailView {
            record,
            lines,
            wrapped,
            scroll: 0,
            chart,
        }
    }

    /// Wraps the lines again for a new width.
    pub(in crate::app) fn rewrap(&mut self, width: usize) {
        if self.wrapped.width != width {
            self.wrapped = Wrapped::new(&self.lines, width);
        }
    }

    /// The details' keys: scroll; back closes; an action key closes them and acts on the
    /// record shown (or its partner) on the dashboard, as with that record selected there.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        match action {
            Action::Back => Effect::Close,
            Action::Help => Effect::Open(Overlay::Help(HelpView::new(Context::Detail))),
            Action::Edit
            | Action::LogContact
            | Action::Review
            | Action::Commitments
            | Action::Celebrations
            | Action::Reconcile => act(self.record, action, scene),
            _ => {
                let area = scene.screen.area;
                let len = self.wrapped.at(&self.lines, wrap_width(area)).len();
                let page = detail_rect(area).height.saturating_sub(2) as usize;
                super::help::scroll_by(&mut self.scroll, action, len, page);
                Effect::None
            }
        }
    }
}

/// Edit works on the record shown; the rest on its partner.
fn act(record: RecordRef, action: Action, scene: &Scene) -> Effect {
    let Some(partner) = record.partner(scene.ws()) else {
        return Effect::None;
    };
    let target = if action == Action::Edit {
        record
    } else {
        RecordRef::Partner(partner)
    };
    Effect::Jump {
        partner,
        record: target,
        then: Some(action),
    }
}
