//! `partnerdeck due` as a process: the JSON is the library's (and so the dashboard's), the
//! calendars parse (with the Rust `icalendar` parser, and with Python's `icalendar` where it is
//! installed) with every alarm inside its event, UIDs survive a change, the hook announces each
//! item once a day, and the timer's unit files.

mod common;

use chrono::NaiveDate;
use common::cli::{TODAY, cmd_on, stdout};
use icalendar::parser::{Component, read_calendar, unfold};
use partnerdeck::model::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

/// A demo workspace file in a private folder, with the cache, state and configuration folders
/// beside it.
struct Place {
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("deck.ron");
        partnerdeck::store::save(&file, &partnerdeck::store::demo_workspace(today())).unwrap();
        Place { dir, file }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut c = cmd_on(&self.file);
        c.env("PARTNERDECK_CONFIG", self.path("none.ron"))
            .env("PARTNERDECK_CACHE_DIR", self.path("cache"))
            .env("PARTNERDECK_STATE_DIR", self.path("state"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("HOME", self.dir.path());
        c
    }
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn json_is_the_dashboards_queue_then_what_falls_due() {
    let place = Place::new();
    let ws = partnerdeck::store::demo_workspace(today());
    let text = stdout(
        place
            .cmd()
            .args(["due", "--format", "json", "--within", "7d"]),
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["today"], TODAY);
    assert_eq!(doc["within_days"], 7);
    let ids: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let expected = partnerdeck::export::due::json_items(&ws, today(), Some(7));
    assert_eq!(
        ids,
        expected.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()
    );
    let app = partnerdeck::app::App::new(ws, today(), partnerdeck::app::Source::Memory);
    let queue: Vec<String> = app
        .doc
        .overview()
        .attention
        .iter()
        .map(|i| i.key())
        .collect();
    assert_eq!(
        ids[..queue.len()],
        queue.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(
        ids.len() > queue.len(),
        "the demo has things falling due within 7 days"
    );
    // Every documented field, on every item.
    for item in doc["items"].as_array().unwrap() {
        for field in [
            "id",
            "state",
            "kind",
            "label",
            "partner",
            "partner_id",
            "record",
            "text",
            "subject",
            "when",
            "due",
            "days",
            "urgency",
        ] {
            assert!(item.get(field).is_some(), "{field} missing in {item}");
        }
    }
    // The second run read the cache entry the first left behind: the same answer.
    let again = stdout(
        place
            .cmd()
            .args(["due", "--format", "json", "--within", "7d"]),
    );
    assert_eq!(again, text);
    // --kind keeps only those kinds.
    let reviews = stdout(
        place
            .cmd()
            .args(["due", "--format", "json", "--kind", "review,goal"]),
    );
    let doc: serde_json::Value = serde_json::from_str(&reviews).unwrap();
    for item in doc["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        assert!(id.starts_with("review-") || id.starts_with("goal-"), "{id}");
    }
}

#[test]
fn short_is_one_line_or_nothing_and_text_uses_the_dashboards_words() {
    let place = Place::new();
    let n = partnerdeck::export::due::json_items(
        &partnerdeck::store::demo_workspace(today()),
        today(),
        None,
    )
    .len();
    assert_eq!(
        stdout(place.cmd().args(["due", "--short"])),
        format!("⚑ {n} due today\n")
    );
    let empty = Place::new();
    partnerdeck::store::save(&empty.file, &Workspace::named("Nobody")).unwrap();
    assert_eq!(stdout(empty.cmd().args(["due", "--short"])), "");
    let text = stdout(place.cmd().args(["due", "--within", "7d"]));
    assert!(text.starts_with(&format!("Today ({TODAY}): {n} things need attention\n")));
    assert!(text.contains("follow-up overdue"));
    assert!(text.contains("Within 7 days: "));
    let remind = stdout(place.cmd().args(["due", "--format", "remind"]));
    assert_eq!(
        remind
            .lines()
            .filter(|l| l.starts_with("REM 27 Nov 2026 MSG "))
            .count(),
        n
    );
}

/// Every VALARM of a parsed calendar sits inside a VEVENT or VTODO: (alarms, components).
fn alarms_inside(cal: &[Component<'_>]) -> (usize, usize) {
    let mut alarms = 0;
    for c in cal {
        assert!(matches!(c.name.as_str(), "VEVENT" | "VTODO"), "{}", c.name);
        for sub in &c.components {
            assert_eq!(sub.name, "VALARM");
            assert!(sub.find_prop("TRIGGER").is_some());
            assert_eq!(sub.find_prop("ACTION").unwrap().val.as_str(), "DISPLAY");
            alarms += 1;
        }
    }
    (alarms, cal.len())
}

fn uids(cal: &[Component<'_>]) -> BTreeSet<String> {
    cal.iter()
        .map(|c| c.find_prop("UID").unwrap().val.to_string())
        .collect()
}

/// Checks a calendar file with Python's `icalendar` when it is installed: it parses, and every
/// VALARM's parent is a VEVENT or VTODO. Gives the number of alarms it saw, if it ran.
fn python_alarms(path: &Path) -> Option<usize> {
    let has = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!("python3 icalendar not installed: the Python check is skipped");
        return None;
    }
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
n = 0
def visit(c, parent):
    global n
    if c.name == 'VALARM':
        assert parent in ('VEVENT', 'VTODO'), parent
        assert 'TRIGGER' in c and str(c['ACTION']) == 'DISPLAY'
        c.decoded('TRIGGER')
        n += 1
    for s in c.subcomponents:
        visit(s, c.name)
visit(cal, None)
print(n)
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse()
            .unwrap(),
    )
}

#[test]
fn calendars_parse_with_alarms_inside_their_events_and_keep_their_uids() {
    let place = Place::new();
    for args in [
        vec!["due", "--format", "ics", "--within", "14d"],
        vec!["export", "ics"],
    ] {
        let text = stdout(place.cmd().args(&args));
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).expect("parses").components;
        let (alarms, components) = alarms_inside(&cal);
        assert!(
            alarms > 0 && alarms <= components,
            "{args:?}: {alarms} of {components}"
        );
        let path = place.path("cal.ics");
        std::fs::write(&path, &text).unwrap();
        if let Some(n) = python_alarms(&path) {
            assert_eq!(n, alarms, "{args:?}");
        }
        // A change (a contact logged, a follow-up made) and a new export: every UID is kept.
        let before = uids(&cal);
        let mut ws = partnerdeck::store::load(&place.file)
            .unwrap()
            .unwrap()
            .workspace;
        let p = ws.partners[0].id;
        let id = InteractionId(ws.allocate_id());
        ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner: p,
            at: today().and_hms_opt(9, 0, 0).unwrap(),
            channel: Channel::Call,
            initiated_by: Side::Us,
            summary: "a call".into(),
            sentiment: None,
            follow_up: Some(FollowUp {
                owner: None,
                what: "send the notes".into(),
                due: today().succ_opt().unwrap(),
                done: None,
            }),
        });
        ws.milestones[0].title.push_str(" (renamed)");
        let saved = place.path("changed.ron");
        partnerdeck::store::save(&saved, &ws).unwrap();
        let mut c = place.cmd();
        c.env("PARTNERDECK_FILE", &saved);
        let after = stdout(c.args(&args));
        let after_unfolded = unfold(&after);
        let after_uids = uids(&read_calendar(&after_unfolded).unwrap().components);
        let lost: Vec<_> = before.difference(&after_uids).collect();
        // `due` leaves out what the change settled (the partner's lapsed contact): nothing else.
        for uid in &lost {
            assert!(
                args[0] == "due" && uid.starts_with("due-contact-"),
                "{args:?}: {uid}"
            );
        }
        assert!(after_uids.len() > before.len() - lost.len());
    }
    // Lead time and past items: options of both.
    let text = stdout(place.cmd().args(["export", "ics", "--alarm-lead", "1d"]));
    assert!(text.contains("TRIGGER;RELATED=END:-PT15H\r\n"));
    assert!(text.contains("TRIGGER:-PT15H\r\n"));
    let none = stdout(place.cmd().args(["export", "ics", "--no-alarms"]));
    assert!(!none.contains("VALARM"));
    let all = stdout(place.cmd().args(["export", "ics", "--alarm-past"]));
    let count = |t: &str| t.matches("BEGIN:VALARM").count();
    assert!(count(&all) > count(&text));
}

#[test]
fn the_hook_announces_each_item_once_a_day_and_again_the_next_day() {
    let place = Place::new();
    let bin = place.path("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = place.path("calls.log");
    let fake = bin.join("notify-send");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nprintf '%s|%s|%s\\n' \"$PARTNERDECK_ID\" \"$1\" \"$2\" >> '{}'\n\
             cat >> '{}'\n",
            log.display(),
            place.path("stdin.log").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |day: &str| {
        place
            .cmd()
            .env("PATH", &path)
            .env("PARTNERDECK_TODAY", day)
            .args([
                "due",
                "--within",
                "2d",
                "--run",
                "notify-send \"$PARTNERDECK_PARTNER\" \"$PARTNERDECK_TEXT\"",
            ])
            .assert()
            .success();
    };
    let calls = || -> Vec<String> {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let items = partnerdeck::export::due::json_items(
        &partnerdeck::store::demo_workspace(today()),
        today(),
        Some(2),
    );
    assert!(items.len() > 5);
    for _ in 0..3 {
        run(TODAY);
    }
    let first = calls();
    let ids: Vec<&str> = first.iter().map(|l| l.split('|').next().unwrap()).collect();
    assert_eq!(ids, items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>());
    // The partner and the text reached the command; the item's JSON came on stdin.
    let one = &items[0];
    assert_eq!(first[0], format!("{}|{}|{}", one.id, one.partner, one.text));
    let stdin = std::fs::read_to_string(place.path("stdin.log")).unwrap();
    let first_json: serde_json::Value =
        serde_json::from_str(stdin.lines().next().unwrap()).unwrap();
    assert_eq!(first_json["id"], one.id.as_str());
    // The memory is private.
    let state = place.path("state");
    assert_eq!(mode(&state), 0o700);
    for entry in std::fs::read_dir(&state).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
    // The next day: announced again (what is still due then), once.
    run("2026-11-28");
    run("2026-11-28");
    let next = partnerdeck::export::due::json_items(
        &partnerdeck::store::demo_workspace(today()),
        "2026-11-28".parse().unwrap(),
        Some(2),
    );
    assert_eq!(calls().len(), first.len() + next.len());
    // A failing command is not remembered: tried again on the next run, and said.
    place
        .cmd()
        .env("PARTNERDECK_TODAY", "2026-11-29")
        .args(["due", "--run", "exit 3"])
        .assert()
        .failure();
    let out = place
        .cmd()
        .env("PARTNERDECK_TODAY", "2026-11-29")
        .args(["due", "--run", "exit 3"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("tried again"));
}

#[test]
fn the_timer_is_written_only_when_asked_and_removed_again() {
    let place = Place::new();
    use std::os::unix::fs::PermissionsExt as _;
    let units = place.path("config").join("systemd").join("user");
    place.cmd().args(["due", "--short"]).assert().success();
    assert!(!units.exists(), "nothing installed without the flag");
    place
        .cmd()
        .args(["due", "--install-timer", "--every", "15m"])
        .assert()
        .success();
    let service = units.join("partnerdeck-due.service");
    let timer = units.join("partnerdeck-due.timer");
    let s = std::fs::read_to_string(&service).unwrap();
    let t = std::fs::read_to_string(&timer).unwrap();
    assert_eq!((mode(&service), mode(&timer)), (0o600, 0o600));
    assert!(s.contains("[Service]\nType=oneshot\nExecStart=\""));
    assert!(s.contains(&format!(
        "\"--file\" \"{}\" \"due\" \"--run\"",
        place.file.display()
    )));
    assert!(s.contains("\"notify-send --app-name=partnerdeck -- \\\"$$PARTNERDECK_PARTNER\\\""));
    assert!(t.contains("[Timer]\nOnActiveSec=1min\nOnUnitActiveSec=15min\n"));
    assert!(t.contains("Unit=partnerdeck-due.service\n"));
    assert!(t.contains("[Install]\nWantedBy=timers.target\n"));
    // systemd's own check, where it is installed and can run here (it wants a runtime folder).
    let run = place.path("run");
    std::fs::create_dir(&run).unwrap();
    std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
    let verify = std::process::Command::new("systemd-analyze")
        .args(["verify", "--user"])
        .arg(&timer)
        .arg(&service)
        .env("XDG_CONFIG_HOME", place.path("config"))
        .env("XDG_RUNTIME_DIR", &run)
        .output();
    match verify {
        Ok(out) => {
            let why = String::from_utf8_lossy(&out.stderr);
            // Whatever it says about our files (it only warns about a bad line) fails the test.
            assert!(
                !why.contains("partnerdeck-due"),
                "systemd-analyze verify: {why}"
            );
            if !out.status.success() {
                eprintln!("systemd-analyze verify could not run here: {why}");
            }
        }
        Err(_) => eprintln!("systemd-analyze not found: the unit files' text is checked only"),
    }
    let cron = stdout(place.cmd().args(["due", "--cron", "--every", "1h"]));
    assert!(cron.starts_with("0 * * * * '"), "{cron}");
    assert!(cron.contains("'due' '--run' 'notify-send"));
    place
        .cmd()
        .args(["due", "--cron", "--every", "45m"])
        .assert()
        .failure();
    place
        .cmd()
        .args(["due", "--uninstall-timer"])
        .assert()
        .success();
    assert!(!service.exists() && !timer.exists());
}

#[test]
fn an_item_back_from_a_snooze_is_announced_again() {
    let place = Place::new();
    let log = place.path("ids.log");
    let hook = format!("echo \"$PARTNERDECK_ID\" >> '{}'", log.display());
    let run = || {
        place.cmd().args(["due", "--run", &hook]).assert().success();
    };
    let calls = || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .count()
    };
    run();
    let all = calls();
    assert!(all > 1);
    run();
    assert_eq!(calls(), all, "nothing twice on one day");
    // Snoozed (in the file, as `z` saves it): left out, and forgotten.
    let mut ws = partnerdeck::store::load(&place.file)
        .unwrap()
        .unwrap()
        .workspace;
    let first =
        partnerdeck::insight::attention(&ws, &partnerdeck::insight::Index::build(&ws), today())[0]
            .clone();
    ws.snoozes.push(Snooze {
        item: first.key(),
        partner: first.partner,
        until: today().succ_opt().unwrap(),
    });
    partnerdeck::store::save(&place.file, &ws).unwrap();
    run();
    assert_eq!(calls(), all);
    // The snooze taken back (undone): announced again at once, that item alone.
    ws.snoozes.clear();
    partnerdeck::store::save(&place.file, &ws).unwrap();
    run();
    assert_eq!(calls(), all + 1);
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().last(), Some(first.key().as_str()));
}

#[test]
fn a_big_files_answer_is_kept_for_the_same_question_and_only_for_it() {
    let place = Place::new();
    // Worth caching: over 1 MiB (a comment pads it).
    let ws = partnerdeck::store::demo_workspace(today());
    let padding = "// padding so that the file is worth a cache entry\n".repeat(22_000);
    let text = format!("{padding}{}", partnerdeck::store::to_text(&ws).unwrap());
    std::fs::write(&place.file, &text).unwrap();
    let short = stdout(place.cmd().args(["due", "--short"]));
    let answers = || -> Vec<PathBuf> {
        std::fs::read_dir(place.path("cache"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "answer"))
            .collect()
    };
    assert_eq!(answers().len(), 1);
    assert_eq!(mode(&answers()[0]), 0o600);
    assert_eq!(stdout(place.cmd().args(["due", "--short"])), short);
    assert_eq!(answers().len(), 1, "the same question: the same answer");
    // Another question, another answer; another day too.
    let json = stdout(place.cmd().args(["due", "--format", "json"]));
    assert_eq!(stdout(place.cmd().args(["due", "--format", "json"])), json);
    let tomorrow = stdout(
        place
            .cmd()
            .env("PARTNERDECK_TODAY", "2026-11-28")
            .args(["due", "--short"]),
    );
    assert_eq!(answers().len(), 3);
    let expected = partnerdeck::export::due::json_items(&ws, "2026-11-28".parse().unwrap(), None);
    assert_eq!(tomorrow, format!("⚑ {} due today\n", expected.len()));
    // Calendars are never kept (their DTSTAMP is the time of the export).
    stdout(place.cmd().args(["due", "--format", "ics"]));
    assert_eq!(answers().len(), 3);
    // A snooze saved in the file: new content, so a new answer.
    let mut snoozed = ws.clone();
    let first =
        partnerdeck::insight::attention(&ws, &partnerdeck::insight::Index::build(&ws), today())[0]
            .clone();
    snoozed.snoozes.push(Snooze {
        item: first.key(),
        partner: first.partner,
        until: "2026-12-01".parse().unwrap(),
    });
    let text = format!(
        "{padding}{}",
        partnerdeck::store::to_text(&snoozed).unwrap()
    );
    std::fs::write(&place.file, &text).unwrap();
    let n = partnerdeck::export::due::json_items(&ws, today(), None).len();
    assert_eq!(
        stdout(place.cmd().args(["due", "--short"])),
        format!("⚑ {} due today\n", n - 1)
    );
    // A kept answer that does not start with its key is not used.
    for p in answers() {
        let mut bytes = std::fs::read(&p).unwrap();
        bytes[0] ^= 1;
        let last = bytes.len() - 2;
        bytes[last] = b'X';
        std::fs::write(&p, bytes).unwrap();
    }
    assert_eq!(
        stdout(place.cmd().args(["due", "--short"])),
        format!("⚑ {} due today\n", n - 1)
    );
    // --no-cache: nothing kept, nothing read.
    let before = answers().len();
    stdout(place.cmd().env("PARTNERDECK_TODAY", "2026-11-30").args([
        "--no-cache",
        "due",
        "--short",
    ]));
    assert_eq!(answers().len(), before);
}
