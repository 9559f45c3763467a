//! The details overlay ([`DetailView`]): every field of one record as wrapped lines (built in
//! `detail.rs`), a partner's health chart over the rows its lines reserve, and the keys: scroll;
//! back closes; an action key closes the details and acts on the record shown (or its partner)
//! on the dashboard, as with that record selected there.

use super::detail::{self, DetailLine, RecordRef, Wrapped, wrap_width};
use super::health_chart::HealthChart;
use super::help::HelpView;
use super::layout::detail_rect;
use super::overlay::{Effect, Overlay};
use super::scene::Scene;
use crate::action::{Action, Context};

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
    pub(super) fn new(scene: &Scene, record: RecordRef) -> DetailView {
        let chart = match record {
            RecordRef::Partner(id) => HealthChart::build(scene, id),
            _ => None,
        };
        let mut lines = detail::lines(scene, record);
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
    pub(super) fn rewrap(&mut self, width: usize) {
        if self.wrapped.width != width {
            self.wrapped = Wrapped::new(&self.lines, width);
        }
    }

    /// The details' keys: scroll; back closes; an action key closes them and acts on the
    /// record shown (or its partner) on the dashboard, as with that record selected there.
    pub(super) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        match action {
            Action::Back => Effect::Close,
            Action::Help => Effect::Open(Overlay::Help(HelpView::new(Context::Detail))),
            Action::Edit
            | Action::LogContact
            | Action::Review
            | Action::Commitments
            | Action::Celebrations
            | Action::Reconcile => detail::act(self.record, action, scene),
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
