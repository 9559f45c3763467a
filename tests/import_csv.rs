//! `partnerdeck import csv` against a temp file: the dry run changes nothing and reports every
//! row; `--apply` backs up, writes the good rows and reports the bad ones; duplicates are
//! skipped, so a second run adds nothing; the dashboard's lock is respected.

mod common;

use common::cli::{cmd_on, demo_file, load, run};
use partnerdeck::model::*;
use std::fs;
use std::path::PathBuf;

const PARTNERS: &str = "\
Name,Kind,Phase,Since,Values,Contacts,Ideal days,Max days,Shoe size
Acme Ltd,business,active,2026-01-05,open source; craft,Ada | lead | ada@acme.example,7,14,42
,community,,2026-01-01,,,,,
Bad Date Co,business,,2026-13-01,,,,,
Spaceship Inc,spaceship,,,,,,,
greenleaf cooperative bank,business,,,,,,,
\"Comma, Quote \"\"Q\"\" Co\",nonprofit,exploring,,,,,,
ACME LTD,business,,,,,,,
Tight Cadence,business,,,,,30,10,
";

#[test]
fn a_dry_run_reports_every_row_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = fs::read(&path).unwrap();
    let csv = dir.path().join("new.csv");
    fs::write(&csv, PARTNERS).unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "partners"])
        .arg(&csv));
    assert!(!r.ok, "rejected rows make the exit code 1");
    let out = r.stdout;
    assert!(out.contains("would add 2 partners (dry run"), "{out}");
    assert!(out.contains("row 2"), "{out}");
    assert!(out.contains("Acme Ltd (business, active)"), "{out}");
    assert!(
        out.contains("Comma, Quote \"Q\" Co (nonprofit, exploring)"),
        "{out}"
    );
    for want in [
        "row 3    missing name",
        "row 4    Bad Date Co: bad date in since: `2026-13-01`",
        "row 5    Spaceship Inc: bad kind `spaceship`",
        "row 9    Tight Cadence: maximum days between contacts (10) is below the ideal (30)",
        "row 6    greenleaf cooperative bank: duplicate: already there as Greenleaf Cooperative Bank (#1)",
        "row 8    ACME LTD: duplicate: same name as row 2",
        "ignored columns (not known): Shoe size",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert_eq!(fs::read(&path).unwrap(), before, "a dry run writes nothing");
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn apply_backs_up_then_adds_the_good_rows_and_a_second_run_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = fs::read(&path).unwrap();
    let partners_before = load(&path).partners.len();
    let csv = dir.path().join("new.csv");
    fs::write(&csv, PARTNERS).unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "partners", "--apply"])
        .arg(&csv));
    assert!(!r.ok);
    assert!(r.stdout.contains("added 2 partners:"), "{}", r.stdout);
    assert!(
        r.stdout.contains("rejected 4 rows (not added):"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("kept as backup"), "{}", r.stdout);

    let ws = load(&path);
    assert!(validate(&ws).is_empty());
    assert_eq!(ws.partners.len(), partners_before + 2);
    let acme = ws.partners.iter().find(|p| p.name == "Acme Ltd").unwrap();
    assert_eq!(acme.phase, Phase::Active);
    assert_eq!(acme.values, vec!["open source", "craft"]);
    assert_eq!(acme.contacts[0].email, "ada@acme.example");
    assert_eq!((acme.cadence.ideal_days, acme.cadence.max_days), (7, 14));

    let backups: Vec<PathBuf> = fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        partnerdeck::store::read_backup(&backups[0]).unwrap(),
        before
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        for p in [&path, &backups[0]] {
            let mode = fs::metadata(p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{p:?}");
        }
    }

    let after_first = fs::read(&path).unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "partners", "--apply"])
        .arg(&csv));
    assert!(r.stdout.contains("nothing to add"), "{}", r.stdout);
    assert!(r.stdout.contains("skipped 4 duplicates"), "{}", r.stdout);
    assert_eq!(fs::read(&path).unwrap(), after_first);
}

#[test]
fn log_entries_are_checked_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let csv = dir.path().join("log.csv");
    fs::write(
        &csv,
        "partner,at,channel,initiated_by,summary,sentiment,follow_up,follow_up_due\n\
         Café Lumière,2026-11-20 10:00,meeting,them,\"Tasting evening, planned\",5,Send menu,2026-11-30\n\
         Cafe Lumiere,2026-11-21,call,us,Accents and case do not matter,,,\n\
         Lumière,2026-11-21 10:00,call,us,Part of a name is not enough,,,\n\
         Café Lumière,2026-11-31 10:00,call,us,Bad date,,,\n\
         Café Lumière,2026-11-22 10:00,fax,us,Bad channel,,,\n\
         Café Lumière,2026-11-22 11:00,email,everyone,Bad side,,,\n\
         Café Lumière,2026-11-22 12:00,email,us,,,,\n\
         Café Lumière,2026-11-22 13:00,email,us,Sentiment off,9,,\n\
         Café Lumière,2026-11-22 14:00,email,us,Follow-up without a date,,Do a thing,\n\
         Nobody,2026-11-22 15:00,email,us,Unknown partner,,,\n\
         café lumière,2026-11-20 10:00,meeting,them,\"Tasting evening, planned\",5,,\n",
    )
    .unwrap();
    let count_before = load(&path).interactions.len();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "interactions", "--apply"])
        .arg(&csv));
    assert!(!r.ok);
    let out = r.stdout;
    assert!(out.contains("added 3 log entries:"), "{out}");
    for want in [
        "row 4    Part of a name is not enough: unknown partner `Lumière` (did you mean Café Lumière?)",
        "row 5    Bad date: bad date in at: `2026-11-31 10:00`",
        "row 6    Bad channel: bad channel `fax` (use meeting, call, email, message, event or other)",
        "row 7    Bad side: bad initiated_by `everyone` (use us or them)",
        "row 8    missing summary",
        "row 9    Sentiment off: bad sentiment `9`",
        "row 11   Unknown partner: unknown partner `Nobody`",
        "row 12   Tasting evening, planned: duplicate: same partner, time and summary as row 2",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let ws = load(&path);
    assert_eq!(ws.interactions.len(), count_before + 3);
    let x = ws
        .interactions
        .iter()
        .find(|x| x.summary == "Tasting evening, planned")
        .unwrap();
    assert_eq!(x.initiated_by, Side::Them);
    assert_eq!(x.channel, Channel::Meeting);
    assert_eq!(x.follow_up.as_ref().unwrap().due.to_string(), "2026-11-30");
    let y = ws
        .interactions
        .iter()
        .find(|x| x.summary == "Accents and case do not matter")
        .unwrap();
    assert_eq!(y.at.to_string(), "2026-11-21 09:00:00");
    // A follow-up without a date is due a week after the contact, as in the form and `log`.
    let z = ws
        .interactions
        .iter()
        .find(|x| x.summary == "Follow-up without a date")
        .unwrap();
    let f = z.follow_up.as_ref().unwrap();
    assert_eq!(
        (f.what.as_str(), f.due.to_string()),
        ("Do a thing", "2026-11-29".into())
    );
}

#[test]
fn a_file_without_the_needed_columns_or_an_open_dashboard_stops_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let csv = dir.path().join("odd.csv");
    fs::write(&csv, "who,when\nAcme,today\n").unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "partners"])
        .arg(&csv));
    assert!(!r.ok);
    assert!(r.stderr.contains("no name column"), "{}", r.stderr);

    fs::write(&csv, "name\nZeta Org\n").unwrap();
    let before = fs::read(&path).unwrap();
    let lock = partnerdeck::store::Lock::acquire(&path).unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "partners", "--apply"])
        .arg(&csv));
    assert!(!r.ok);
    assert!(
        r.stderr.contains(&format!(
            "is open in partnerdeck (pid {}",
            std::process::id()
        )),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    // A dry run only reads, so it works while the dashboard is open.
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "partners"])
        .arg(&csv));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains("would add 1 partner"), "{}", r.stdout);
    drop(lock);
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "partners", "--apply"])
        .arg(&csv));
    assert!(r.ok, "{}", r.stderr);
    assert!(load(&path).partners.iter().any(|p| p.name == "Zeta Org"));
}

#[test]
fn relative_dates_are_shown_resolved_with_a_warning_about_reimports() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let csv = dir.path().join("log.csv");
    fs::write(
        &csv,
        "partner,at,summary,follow_up,follow_up_due\n\
         Café Lumière,yesterday,Talked about the flyer,Send the flyer,+1w\n\
         Café Lumière,2026-11-20 10:00,An absolute one,,\n",
    )
    .unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "interactions"])
        .arg(&csv));
    assert!(r.ok, "{}", r.stderr);
    let out = r.stdout;
    assert!(
        out.contains("relative dates, read against today (2026-11-27)"),
        "{out}"
    );
    assert!(
        out.contains("row 2    Talked about the flyer: at `yesterday` read as 2026-11-26 09:00; follow_up_due `+1w` read as 2026-12-04"),
        "{out}"
    );
    assert!(out.contains("another day"), "{out}");
    assert!(!out.contains("row 3    An absolute one:"), "{out}");
}
