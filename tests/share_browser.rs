//! The page for partners without partnerdeck, in a real browser: headless Chromium reads it
//! (its DOM has the partnership's goals, milestones, commitments and celebrations, and the
//! health chart's line), and screenshots at a phone's width (390 px) and a desktop's (1280 px)
//! show the chart drawn (pixels of the trend line's colour). Skipped, saying why, where no
//! Chromium is installed (`.ci/run` installs Debian's `chromium`). The screenshots are kept in
//! the target folder's tmp/ (`share-page-390.png`, `share-page-1280.png`) to be looked at.

use partnerdeck::model::Workspace;
use partnerdeck::share::{build, html};
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The trend line's colour on the page (`share::html`).
const TREND: [u8; 3] = [0x0f, 0x76, 0x6e];

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PARTNERDECK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// Runs Chromium headless on `page` with `args`; its standard output. Stopped after a minute.
fn run(browser: &Path, profile: &Path, args: &[String], page: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut out, &mut text).ok();
        text
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// Pixels of the trend line's colour (within a small tolerance) in a PNG.
fn trend_pixels(png_path: &Path) -> (usize, u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let near = |p: &[u8]| (0..3).all(|i| p[i].abs_diff(TREND[i]) <= 24);
    let count = buf[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| channels >= 3 && near(p))
        .count();
    (count, info.width, info.height)
}

fn the_page() -> (Workspace, String) {
    let ws = demo_workspace(DEMO_ANCHOR);
    let p = partnerdeck::model::find::partner(&ws, "greenleaf")
        .unwrap()
        .id;
    let pack = build::build(&ws, p, DEMO_ANCHOR).unwrap();
    assert!(pack.health.len() >= 12, "a year of health history");
    let page = html::page(&pack, "0123 4567 89ab cdef 0123 4567 89ab cdef");
    (ws, page)
}

#[test]
fn the_page_reads_in_chromium_with_its_chart_drawn_at_phone_and_desktop_widths() {
    let Some(browser) = chromium() else {
        println!(
            "skipped: no Chromium on PATH (install Debian's `chromium`, or set PARTNERDECK_CHROMIUM)"
        );
        return;
    };
    let (_, page) = the_page();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partnership.html");
    std::fs::write(&file, &page).unwrap();
    let profile = dir.path().join("profile");

    let dom = run(&browser, &profile, &["--dump-dom".into()], &file);
    for text in [
        "Northwind Commons and Greenleaf Cooperative Bank",
        "Health of the partnership",
        "Fund the repair café expansion",
        "Milestones",
        "Expansion grant application submitted",
        "Commitments, both sides",
        "Celebrations",
        "0123 4567 89ab cdef",
    ] {
        assert!(dom.contains(text), "`{text}` not in the DOM:\n{dom}");
    }
    let chart = dom
        .split("<svg id=\"health-chart\"")
        .nth(1)
        .expect("the chart is in the DOM");
    let points = chart
        .split("points=\"")
        .nth(1)
        .and_then(|p| p.split('"').next())
        .expect("the chart has its line");
    assert!(points.split(' ').count() >= 12, "{points}");

    let keep = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    for width in [390u32, 1280] {
        let shot = keep.join(format!("share-page-{width}.png"));
        let _ = std::fs::remove_file(&shot);
        run(
            &browser,
            &profile,
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={width},2400"),
            ],
            &file,
        );
        let (drawn, w, _) = trend_pixels(&shot);
        assert_eq!(w, width);
        // The line and its 13 dots: hundreds of pixels of their colour (~370 at 390 px).
        assert!(
            drawn > 150,
            "{width} px: only {drawn} pixels of the trend line"
        );
        println!("{}: {drawn} pixels of the trend line", shot.display());
    }
}
