//! How the command line names the library's choices: the `clap` side of the export and import
//! formats, the CSV tables, the import kinds and the views of `render`. The library's enums stay
//! free of `clap`; their names and help texts are given here, once.

use crate::app::show::View;
use crate::command::import;
use crate::export::{Format, ImportFormat, csv};
use clap::ValueEnum;
use clap::builder::PossibleValue;

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Ics, Format::Csv, Format::Markdown, Format::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Format::Ics => PossibleValue::new("ics")
                .help("iCalendar: milestones, deadlines, commitments, follow-ups, review dates")
                .alias("ical"),
            Format::Csv => PossibleValue::new("csv").help("One table per record kind"),
            Format::Markdown => PossibleValue::new("markdown")
                .help("A readable report: the portfolio, or one partner with --partner")
                .alias("md"),
            Format::Json => PossibleValue::new("json").help("Everything, for scripts"),
        })
    }
}

impl ValueEnum for ImportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[ImportFormat::Csv]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            ImportFormat::Csv => PossibleValue::new("csv")
                .help("Partners or log entries, one per row, with a header row"),
        })
    }
}

impl ValueEnum for csv::Kind {
    fn value_variants<'a>() -> &'a [Self] {
        use csv::Kind::*;
        &[
            Partners,
            Contacts,
            Goals,
            Milestones,
            Interactions,
            Commitments,
            Reviews,
            Celebrations,
            Health,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        use csv::Kind::*;
        Some(match self {
            Partners => PossibleValue::new("partners"),
            Contacts => PossibleValue::new("contacts"),
            Goals => PossibleValue::new("goals"),
            Milestones => PossibleValue::new("milestones"),
            Interactions => PossibleValue::new("interactions"),
            Commitments => PossibleValue::new("commitments"),
            Reviews => PossibleValue::new("reviews"),
            Celebrations => PossibleValue::new("celebrations"),
            Health => PossibleValue::new("health").help(
                "Every partner's monthly health history (not a record table, so not in `ALL`; \
                 it needs today: `export::health::csv`)",
            ),
        })
    }
}

impl ValueEnum for import::Kind {
    fn value_variants<'a>() -> &'a [Self] {
        &[import::Kind::Partners, import::Kind::Interactions]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            import::Kind::Partners => PossibleValue::new("partners"),
            import::Kind::Interactions => PossibleValue::new("interactions"),
        })
    }
}

impl ValueEnum for View {
    fn value_variants<'a>() -> &'a [Self] {
        &View::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            View::Dashboard => PossibleValue::new("dashboard")
                .help("The dashboard as it opens (the partners pane focused)"),
            View::Partners => PossibleValue::new("partners"),
            View::Goals => PossibleValue::new("goals"),
            View::Timeline => PossibleValue::new("timeline"),
            View::Log => PossibleValue::new("log"),
            View::Attention => PossibleValue::new("attention").help("The attention queue (`t`)"),
            View::Overview => PossibleValue::new("overview").help("The portfolio overview (`o`)"),
            View::Help => PossibleValue::new("help").help("The keys (`?`)"),
        })
    }
}

impl ValueEnum for crate::command::due::DueFormat {
    fn value_variants<'a>() -> &'a [Self] {
        use crate::command::due::DueFormat::*;
        &[Text, Json, Ics, Remind]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        use crate::command::due::DueFormat::*;
        Some(match self {
            Text => PossibleValue::new("text")
                .help("For a terminal: the queue as the `t` view shows it, then what falls due"),
            Json => PossibleValue::new("json").help("For scripts: stable fields (see the README)"),
            Ics => PossibleValue::new("ics")
                .help("iCalendar: one event per item, with alarms")
                .alias("ical"),
            Remind => PossibleValue::new("remind").help("REM lines for the `remind` tool"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of each enum is named, and names read back as the same value.
    fn round_trip<T: ValueEnum + PartialEq + std::fmt::Debug>() {
        for v in T::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(T::from_str(&name, false).as_ref(), Ok(v), "{name}");
        }
    }

    #[test]
    fn every_choice_has_a_name_that_reads_back() {
        round_trip::<Format>();
        round_trip::<ImportFormat>();
        round_trip::<csv::Kind>();
        round_trip::<import::Kind>();
        round_trip::<View>();
        assert_eq!(Format::from_str("ical", false), Ok(Format::Ics));
        assert_eq!(Format::from_str("md", false), Ok(Format::Markdown));
        assert_eq!(View::value_variants().len(), View::ALL.len());
    }
}
