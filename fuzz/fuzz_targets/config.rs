//! The configuration parsers never panic, whatever the bytes.
#![no_main]

use clausewise::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(cfg) = Config::parse_toml(&text, "fuzz.toml") {
        for id in ["liability.cap", "data.destruction", "x"] {
            let _ = cfg.is_enabled(id);
            let _ = cfg.severity_of(id, clausewise::rules::Severity::Warning);
        }
        let _ = cfg.for_path(std::path::Path::new("contracts/a.md"));
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = Config::from_json(&value);
    }
});
