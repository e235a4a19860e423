//! Measures each performance target of issue 5 and prints a Markdown table
//! (`cargo bench --bench targets`). Percentiles over many runs, release build.
//!
//! Keystroke cost is what the server does between receiving a one-character
//! `didChange` and having the diagnostics ready to publish: the edit, the
//! findings, and their conversion to LSP diagnostics.

#[path = "support/contract_gen.rs"]
mod contract_gen;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clausewise::analysis::{features, DocumentState};
use clausewise::config::Config;
use clausewise::document::PositionEncoding;
use clausewise::lsp::convert;
use clausewise::rules::RuleSettings;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

fn diagnostics(state: &DocumentState, config: &Config) -> usize {
    let rope = state.document().rope();
    state
        .findings(config)
        .iter()
        .map(|f| convert::diagnostic(rope, f, PositionEncoding::Utf16))
        .collect::<Vec<_>>()
        .len()
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn label(size: usize) -> String {
    if size >= 1_000_000 {
        format!("{} MB", size / 1_000_000)
    } else {
        format!("{} KB", size / 1000)
    }
}

struct Row {
    what: String,
    target: String,
    measured: String,
}

fn open(size: usize, runs: usize, config: &Config) -> Vec<f64> {
    let text = contract_gen::contract(size);
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            let state = DocumentState::new(&text, 1, config.settings.clone());
            std::hint::black_box(diagnostics(&state, config));
            ms(t.elapsed())
        })
        .collect()
}

/// Types a word in the middle of a clause, one character per edit, then deletes it.
fn keystrokes(size: usize, count: usize, config: &Config) -> Vec<f64> {
    let text = contract_gen::contract(size);
    let mut state = DocumentState::new(&text, 1, config.settings.clone());
    let at = contract_gen::middle_clause_offset(&text);
    let word = "promptly ";
    let mut samples = Vec::with_capacity(count);
    let mut typed = 0usize;
    for i in 0..count {
        let t = Instant::now();
        let cycle = i % (2 * word.len());
        if cycle < word.len() {
            let ch = &word[cycle..cycle + 1];
            state.apply_edit(at + typed..at + typed, ch).expect("valid edit");
            typed += 1;
        } else {
            state.apply_edit(at + typed - 1..at + typed, "").expect("valid edit");
            typed -= 1;
        }
        state.set_version(i as i32 + 2);
        std::hint::black_box(diagnostics(&state, config));
        samples.push(ms(t.elapsed()));
    }
    samples
}

/// Feature requests as the server answers them (model and findings built per request).
fn feature_calls(size: usize, count: usize, config: &Config) -> [(String, Vec<f64>); 3] {
    let text = contract_gen::contract(size);
    let state = DocumentState::new(&text, 1, config.settings.clone());
    let offsets: Vec<usize> =
        (0..count).map(|i| (text.len() / count * i).min(text.len())).map(|o| floor_boundary(&text, o)).collect();
    let mut hover = Vec::new();
    let mut completion = Vec::new();
    let mut actions = Vec::new();
    for &offset in &offsets {
        let t = Instant::now();
        let model = state.model();
        let findings = state.findings_with_model(&model, config);
        std::hint::black_box(features::hover(&state, &model, &findings, offset));
        hover.push(ms(t.elapsed()));
        let t = Instant::now();
        let model = state.model();
        std::hint::black_box(features::completion(&state, &model, offset, true));
        completion.push(ms(t.elapsed()));
        let t = Instant::now();
        let model = state.model();
        let findings = state.findings_with_model(&model, config);
        std::hint::black_box(features::code_actions(&state, &model, &findings, offset..offset, config));
        actions.push(ms(t.elapsed()));
    }
    [("hover".into(), hover), ("completion".into(), completion), ("code actions".into(), actions)]
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn check_folder(files: usize, size: usize) -> (f64, f64, f64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut paths: Vec<PathBuf> = Vec::with_capacity(files);
    let mut bytes = 0usize;
    for i in 0..files {
        let text = contract_gen::contract_seeded(size, i as u64 + 1);
        bytes += text.len();
        let path = dir.path().join(format!("contract-{i:03}.md"));
        std::fs::write(&path, text).expect("write");
        paths.push(path);
    }
    let t = Instant::now();
    let results = clausewise::cli::check::check_files(&paths, None);
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(results.len(), files);
    (secs, files as f64 / secs, bytes as f64 / 1e6 / secs)
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wants = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let config = Config::default();
    let mut rows = Vec::new();

    // Warm the rule catalogue so its one-time compile is reported on its own.
    let t = Instant::now();
    drop(DocumentState::new("# Agreement\n\nHello.\n", 0, RuleSettings::default()).findings(&config));
    rows.push(Row {
        what: "first analysis in a process (catalogue compile)".into(),
        target: "-".into(),
        measured: format!("{:.0} ms", ms(t.elapsed())),
    });

    if wants("rss") {
        let text = contract_gen::contract(1_000_000);
        let state = DocumentState::new(&text, 1, config.settings.clone());
        let n = diagnostics(&state, &config);
        let rss = peak_rss_mb().map_or("n/a".into(), |m| format!("{m:.0} MB"));
        rows.push(Row {
            what: format!("peak RSS after opening 1 MB ({n} diagnostics)"),
            target: "<= 100 MB".into(),
            measured: rss,
        });
        drop(state);
    }
    if wants("open") {
        for (size, runs, target) in [(10_000, 40, "-"), (100_000, 20, "<= 100 ms"), (1_000_000, 5, "<= 1 s")] {
            let mut s = open(size, runs, &config);
            rows.push(Row {
                what: format!("open {} (state + findings + diagnostics), p50 / max of {runs}", label(size)),
                target: target.into(),
                measured: format!("{:.1} / {:.1} ms", percentile(&mut s, 0.5), percentile(&mut s, 1.0)),
            });
        }
    }
    if wants("keystroke") {
        for (size, count, target) in [
            (10_000, 300, "-"),
            (100_000, 300, "p50 <= 5 ms, p95 <= 15 ms"),
            (1_000_000, 100, "p50 <= 10 ms, p95 <= 30 ms"),
        ] {
            let mut s = keystrokes(size, count, &config);
            rows.push(Row {
                what: format!("keystroke {} (edit + findings + diagnostics), p50 / p95 of {count}", label(size)),
                target: target.into(),
                measured: format!("{:.2} / {:.2} ms", percentile(&mut s, 0.5), percentile(&mut s, 0.95)),
            });
        }
    }
    if wants("features") {
        for (name, mut s) in feature_calls(100_000, 100, &config) {
            rows.push(Row {
                what: format!("{name} 100 KB, p50 / p95 of {}", s.len()),
                target: "p95 <= 5 ms".into(),
                measured: format!("{:.2} / {:.2} ms", percentile(&mut s, 0.5), percentile(&mut s, 0.95)),
            });
        }
    }
    if wants("check") {
        let (secs, files_s, mb_s) = check_folder(500, 30_000);
        rows.push(Row {
            what: format!("check 500 x 30 KB ({} threads)", rayon::current_num_threads()),
            target: "uses both cores; report".into(),
            measured: format!("{secs:.2} s, {files_s:.0} files/s, {mb_s:.1} MB/s"),
        });
    }

    println!("| what | target | measured |\n|---|---|---|");
    for r in rows {
        println!("| {} | {} | {} |", r.what, r.target, r.measured);
    }
}
