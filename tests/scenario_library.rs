//! Every file in scenarios/ is played through the runner and must pass; the embedded library
//! must list exactly the files of the directory; every scenario is narrated in both languages;
//! runs are deterministic, also when stepping back and forth.

use quorumscope::core::Lang;
use quorumscope::scenario::{library, Runner, Scenario};
use std::path::Path;

fn files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("scenarios/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "scn"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("readable");
            (name, text)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_scenario_file_passes() {
    let mut failed = Vec::new();
    for (name, text) in files() {
        let path = format!("scenarios/{name}");
        let sc = match Scenario::parse(&path, &text) {
            Ok(sc) => sc,
            Err(e) => {
                failed.push(e.pretty());
                continue;
            }
        };
        let mut r = match Runner::new(&sc) {
            Ok(r) => r,
            Err(e) => {
                failed.push(e.pretty());
                continue;
            }
        };
        r.run_all();
        if !r.ok() {
            failed.push(format!("{path}:\n{}", r.failures().join("\n")));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn the_embedded_library_matches_the_directory() {
    let on_disk = files();
    let mut embedded: Vec<(String, String)> = library()
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    embedded.sort();
    let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&embedded),
        names(&on_disk),
        "src/scenario/library.rs must list every scenarios/*.scn (and nothing else)"
    );
    assert_eq!(embedded, on_disk);
}

#[test]
fn every_scenario_is_narrated_in_english_and_chinese() {
    for (name, text) in library() {
        let sc = Scenario::parse(name, text).unwrap();
        assert!(
            sc.title.zh.is_some(),
            "{name}: the title has no `title.zh:`"
        );
        for (k, step) in sc.steps.iter().enumerate() {
            assert!(
                !step.caption.en.is_empty(),
                "{name}: step {} has no `en:`",
                k + 1
            );
            let zh = step.caption.zh.as_deref().unwrap_or("");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name}: step {} (line {}) has no Chinese caption",
                k + 1,
                step.pos.line
            );
        }
    }
}

/// Stepping back and forth gives the same state as a straight run.
#[test]
fn steps_are_deterministic() {
    for (name, text) in library().iter().take(4) {
        let mut a = Runner::from_text(name, text).unwrap();
        a.run_all();
        let mut b = Runner::from_text(name, text).unwrap();
        let k = b.step_count();
        b.run_step(k / 2);
        b.goto(0);
        assert_eq!(b.trace_len(), 0);
        b.run_step(k - 1);
        b.goto(k.saturating_sub(2));
        b.run_all();
        assert_eq!(a.trace_hash(), b.trace_hash(), "{name}");
        assert_eq!(a.reports(), b.reports(), "{name}");
        assert_eq!(
            a.trace_line(a.trace_len() - 1, Lang::Zh),
            b.trace_line(b.trace_len() - 1, Lang::Zh)
        );
    }
}
