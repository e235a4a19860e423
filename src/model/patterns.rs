//! Compiled-once regular expressions for the model's own (static) patterns.

/// A `&'static Regex` compiled on first use. Only for patterns written in this
/// crate: they are covered by tests, so a failure to compile is a bug, not input.
#[macro_export]
macro_rules! static_regex {
    ($pattern:expr) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        // Compiled once per process whatever loop the macro sits in.
        #[allow(clippy::regex_creation_in_loops)]
        RE.get_or_init(|| regex::Regex::new($pattern).expect("static pattern compiles"))
    }};
}
