//! The command line: output formats, exit codes, errors.

use std::process::Command;

fn clausewise(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clausewise"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn human_output_of_the_readme_sample() {
    let (code, out, _) = clausewise(&["check", "tests/fixtures/sample-contract.md"]);
    assert_eq!(code, 1, "errors were found, so the exit status is 1");
    insta::assert_snapshot!(out);
}

#[test]
fn json_output_is_an_array_of_stable_objects() {
    let (code, out, _) = clausewise(&["check", "--format", "json", "tests/fixtures/sample-contract.md"]);
    assert_eq!(code, 1);
    let items: Vec<serde_json::Value> = serde_json::from_str(&out).expect("valid JSON");
    let wfh = items.iter().find(|i| i["rule"] == "ip.work-for-hire").expect("work-for-hire finding");
    for key in ["path", "line", "column", "end_line", "end_column", "severity", "rule", "message", "url"] {
        assert!(wfh.get(key).is_some(), "missing {key}");
    }
    assert_eq!(wfh["line"], 19);
    assert_eq!(wfh["severity"], "error");
    assert!(wfh["url"].as_str().unwrap_or("").ends_with("docs/rules/ip.work-for-hire.md"));
}

#[test]
fn sarif_output_names_rules_and_locations() {
    let (_, out, _) = clausewise(&["check", "--format", "sarif", "tests/fixtures/sample-contract.md"]);
    let sarif: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"].as_array().map(Vec::len), Some(52));
    let result =
        run["results"].as_array().and_then(|r| r.iter().find(|r| r["ruleId"] == "refs.broken")).expect("refs.broken");
    assert_eq!(result["level"], "error");
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 21);
}

#[test]
fn a_clean_file_exits_zero_and_a_missing_one_two() {
    let (code, out, _) = clausewise(&["check", "tests/corpus/freelance/ungoldman-LICENSE.md"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, _, err) = clausewise(&["check", "no/such/file.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn binary_and_invalid_utf8_files_are_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = dir.path().join("blob.md");
    std::fs::write(&bin, b"# Agreement\n\x00\x01\x02").expect("write");
    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"# Agreement\n\xe9t\xe9\n").expect("write");
    let (code, _, err) = clausewise(&["check", bin.to_str().unwrap_or_default(), latin1.to_str().unwrap_or_default()]);
    assert_eq!(code, 2);
    assert!(err.contains("binary") && err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn folders_are_walked_and_config_is_found_upwards() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("contracts/client-a")).expect("mkdir");
    std::fs::copy("tests/fixtures/sample-contract.md", dir.path().join("contracts/client-a/sow.md")).expect("copy");
    let root = dir.path().to_str().unwrap_or_default().to_string();
    let (_, out, _) = clausewise(&["check", &root]);
    assert!(out.contains("[ip.work-for-hire]"));
    std::fs::write(
        dir.path().join("clausewise.toml"),
        "disable = [\"ip.*\"]\n[severity]\n\"refs.broken\" = \"hint\"\n",
    )
    .expect("write");
    let (_, out, _) = clausewise(&["check", &root]);
    assert!(!out.contains("[ip.work-for-hire]"), "{out}");
    assert!(out.contains("hint [refs.broken]"), "{out}");
}

#[test]
fn a_broken_config_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("bad.toml");
    std::fs::write(&cfg, "disable = 3\n").expect("write");
    let (code, _, err) =
        clausewise(&["check", "--config", cfg.to_str().unwrap_or_default(), "tests/fixtures/sample-contract.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.toml"), "{err}");
}

#[test]
fn rules_and_explain() {
    let (code, out, _) = clausewise(&["rules"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 52);
    assert!(out.lines().any(|l| l.starts_with("liability.cap") && l.contains("missing") && l.contains("warning")));
    let (code, out, _) = clausewise(&["explain", "liability.cap"]);
    assert_eq!(code, 0);
    for section in ["## What it does", "## Why it matters", "## Example", "## Fix"] {
        assert!(out.contains(section), "missing {section}");
    }
    let (code, _, err) = clausewise(&["explain", "liability.capp"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean") && err.contains("liability.cap"), "{err}");
}
