//! The `clausewise` command: a language server by default, and a linter for CI.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use clausewise::cli::{self, check, output};
use clausewise::config::Config;
use clausewise::rules::Severity;

#[derive(Parser)]
#[command(
    name = "clausewise",
    version,
    about = "Reviews Markdown contracts from the freelance consultant's side: a language server and a linter."
)]
struct Args {
    /// Speak LSP over stdio (the default; accepted for clients that pass it).
    #[arg(long, global = false)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdio (the default).
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Lint files or folders of Markdown contracts.
    Check {
        /// Files or folders (folders are searched for *.md).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Use this configuration file instead of looking for clausewise.toml.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Print throughput (files/s, MB/s) to stderr.
        #[arg(long)]
        stats: bool,
        /// Apply safe fixes in place before checking.
        #[arg(long)]
        fix: bool,
        /// Also apply fixes that need review: replace risky wording and insert missing clauses.
        #[arg(long)]
        fix_unsafe: bool,
    },
    /// List every rule: id, kind, default severity, summary.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// A rule id, e.g. liability.cap.
        rule: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match args.command {
        None | Some(Command::Lsp { .. }) => run_server(),
        Some(Command::Rules) => {
            print!("{}", cli::rules_table());
            ExitCode::SUCCESS
        }
        Some(Command::Explain { rule }) => match cli::explain(&rule) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("clausewise: {e}");
                ExitCode::from(2)
            }
        },
        Some(Command::Check { paths, format, config, stats, fix, fix_unsafe }) => {
            run_check(&paths, format, config, stats, (fix || fix_unsafe).then_some(fix_unsafe))
        }
    }
}

fn run_server() -> ExitCode {
    // Logs go to stderr (stdout is the protocol). No document text is logged.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CLAUSEWISE_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("clausewise: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(clausewise::lsp::run_stdio());
    // After `exit` the blocking stdin reader may still wait for input that never
    // comes; do not let dropping the runtime wait for it.
    runtime.shutdown_background();
    ExitCode::SUCCESS
}

/// `fix`: None to only check; Some(include_unsafe) to fix the files first.
fn run_check(paths: &[PathBuf], format: Format, config: Option<PathBuf>, stats: bool, fix: Option<bool>) -> ExitCode {
    let explicit = match config.as_deref().map(Config::load) {
        Some(Ok(cfg)) => {
            for w in &cfg.warnings {
                eprintln!("clausewise: warning: {w}");
            }
            Some(cfg)
        }
        Some(Err(e)) => {
            eprintln!("clausewise: {e}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let started = std::time::Instant::now();
    let (files, mut errors) = check::collect_files(paths);
    if let Some(include_unsafe) = fix {
        for path in &files {
            match cli::fix::fix_file(path, explicit.as_ref(), include_unsafe) {
                Ok(0) => {}
                Ok(n) => eprintln!("clausewise: {}: applied {n} edit{}", path.display(), if n == 1 { "" } else { "s" }),
                Err(e) => errors.push(e),
            }
        }
    }
    let results = check::check_files(&files, explicit.as_ref());
    let mut findings = Vec::new();
    let mut bytes = 0u64;
    for (path, result) in results {
        bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        match result {
            check::FileResult::Findings(f) => findings.extend(f),
            check::FileResult::Error(e) => errors.push(e),
        }
    }
    let text = match format {
        Format::Human => output::human(&findings),
        Format::Json => output::json(&findings) + "\n",
        Format::Sarif => output::sarif(&findings) + "\n",
    };
    print!("{text}");
    for e in &errors {
        eprintln!("clausewise: {e}");
    }
    if stats {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "clausewise: {} files, {:.1} MB in {:.2} s ({:.0} files/s, {:.1} MB/s, {} threads)",
            files.len(),
            bytes as f64 / 1e6,
            secs,
            files.len() as f64 / secs,
            bytes as f64 / 1e6 / secs,
            rayon::current_num_threads()
        );
    }
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
