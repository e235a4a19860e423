//! Criterion benchmarks of the analysis core on generated contracts
//! (`cargo bench --bench core`). For the issue-5 targets with percentiles, see
//! `benches/targets.rs`; for end-to-end latency over stdio, `scripts/bench_lsp.sh`.

#[path = "support/contract_gen.rs"]
mod contract_gen;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

use clausewise::analysis::{features, DocumentState};
use clausewise::config::Config;
use clausewise::rules::RuleSettings;

const SIZES: [(usize, &str); 3] = [(10_000, "10KB"), (100_000, "100KB"), (1_000_000, "1MB")];

fn open(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("open");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for (size, name) in SIZES {
        let text = contract_gen::contract(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| DocumentState::new(text, 1, RuleSettings::default()).findings(&config))
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    for (size, name) in &SIZES[1..] {
        let text = contract_gen::contract(*size);
        let at = contract_gen::middle_clause_offset(&text);
        let state = DocumentState::new(&text, 1, RuleSettings::default());
        group.bench_function(*name, |b| {
            b.iter_batched(
                || state.clone(),
                |mut s| {
                    s.apply_edit(at..at, "x").expect("valid edit");
                    s.findings(&config)
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn features_100kb(c: &mut Criterion) {
    let config = Config::default();
    let text = contract_gen::contract(100_000);
    let state = DocumentState::new(&text, 1, RuleSettings::default());
    let offset = contract_gen::middle_clause_offset(&text);
    let mut group = c.benchmark_group("features-100KB");
    group.bench_function("hover", |b| {
        b.iter(|| {
            let model = state.model();
            let findings = state.findings_with_model(&model, &config);
            features::hover(&state, &model, &findings, offset)
        })
    });
    group.bench_function("completion", |b| b.iter(|| features::completion(&state, &state.model(), offset, true)));
    group.bench_function("code_actions", |b| {
        b.iter(|| {
            let model = state.model();
            let findings = state.findings_with_model(&model, &config);
            features::code_actions(&state, &model, &findings, offset..offset, &config)
        })
    });
    group.finish();
}

fn check_folder(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = 0;
    let paths: Vec<_> = (0..500)
        .map(|i| {
            let text = contract_gen::contract_seeded(30_000, i + 1);
            bytes += text.len();
            let path = dir.path().join(format!("c{i:03}.md"));
            std::fs::write(&path, text).expect("write");
            path
        })
        .collect();
    let mut group = c.benchmark_group("check");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("500x30KB", |b| b.iter(|| clausewise::cli::check::check_files(&paths, None)));
    group.finish();
}

criterion_group!(benches, open, keystroke, features_100kb, check_folder);
criterion_main!(benches);
