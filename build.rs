//! Embeds every rule definition under `src/rules/defs/` and every clause or
//! glossary data file, so adding a rule needs no list to update by hand.

use std::{env, fs, path::Path};

fn main() {
    let defs = Path::new("src/rules/defs");
    println!("cargo:rerun-if-changed={}", defs.display());
    let mut entries: Vec<String> = match fs::read_dir(defs) {
        Ok(dir) => dir
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".toml"))
            .collect(),
        Err(err) => panic!("cannot read {}: {err}", defs.display()),
    };
    entries.sort();
    let mut out =
        String::from("/// Rule definition files: (file name, contents).\npub const RULE_DEFS: &[(&str, &str)] = &[\n");
    for name in &entries {
        let path = fs::canonicalize(defs.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("rule_defs.rs");
    fs::write(dest, out).unwrap_or_else(|e| panic!("cannot write rule_defs.rs: {e}"));
}
