//! A streamed run (`quorumscope run` and `check`) hands out its trace as it goes and forgets
//! it: memory stays bounded however long the run, and what it reports is what a run that
//! keeps its whole trace reports (issue 22 item 3).

use quorumscope::core::Lang;
use quorumscope::scenario::{Runner, SimRef};

/// How many trace entries the simulator holds right now.
fn kept(sim: SimRef<'_>) -> usize {
    match sim {
        SimRef::Raft(s) => s.trace.iter().count(),
        SimRef::Paxos(s) => s.trace.iter().count(),
    }
}

/// Runs `text` both ways; returns the streamed runner and the lines each way saw.
fn both(text: &str) -> (Runner, Runner, Vec<String>, usize) {
    let mut whole = Runner::from_text("t.scn", text).expect("a valid scenario");
    whole.run_all();
    let mut streamed = Runner::from_text("t.scn", text).expect("a valid scenario");
    let mut lines = Vec::new();
    let mut most = 0;
    while streamed
        .run_next_step_streamed(&mut |e| {
            most = most.max(kept(e.sim));
            for i in e.range.clone() {
                lines.push(e.sim.trace_line(i, Lang::En));
            }
        })
        .is_some()
    {}
    (whole, streamed, lines, most)
}

#[test]
fn a_long_run_keeps_a_bounded_trace_and_counts_every_send() {
    // 1 ms heartbeats for 30 s: about 120,000 sends in the second step.
    let text = "title: t\nprotocol raft\nnodes 3\nseed 4\nheartbeat 1ms\nlatency 1ms\n\
                election-timeout 50ms..100ms\n\
                step\nen: a leader\nrun until leader within 5s\n\
                step\nen: long\nrun 30s\nexpect sent * -> * Heartbeat >= 1\n\
                expect sent * -> * AppendEntriesReply ok >= 1\nexpect sent * -> * RequestVote 0\n";
    let (whole, streamed, lines, most) = both(text);
    assert!(whole.ok(), "{}", whole.failures().join("\n"));
    assert!(streamed.ok(), "{}", streamed.failures().join("\n"));
    assert_eq!(streamed.events(), whole.events());
    assert!(whole.events() > 100_000, "{} events", whole.events());
    // The same counts, though most sends were forgotten before `expect` counted them.
    let actual = |r: &Runner| -> Vec<String> {
        r.reports()
            .iter()
            .flat_map(|s| &s.checks)
            .map(|c| c.actual.clone())
            .collect()
    };
    assert_eq!(actual(&streamed), actual(&whole));
    // Every entry was handed out once, in order: the same lines as the whole trace's.
    let rep = &whole.reports()[1];
    let first = whole.reports()[0].trace_start;
    assert_eq!(lines.len(), whole.trace_len() - first);
    for (k, i) in (first..whole.trace_len()).enumerate().step_by(997) {
        assert_eq!(lines[k], whole.trace_line(i, Lang::En));
    }
    assert!(
        rep.trace_end - rep.trace_start > 200_000,
        "{} entries",
        rep.trace_end - rep.trace_start
    );
    // Bounded: a few thousand entries at a time, never the step's 200,000 and more.
    assert!(most < 10_000, "{most} entries kept at once");
    assert!(kept(streamed.sim()) < 10_000);
    assert!(kept(whole.sim()) > 200_000);
}

#[test]
fn every_library_scenario_reports_the_same_streamed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the library")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "scn"))
        .collect();
    files.sort();
    assert!(files.len() >= 28);
    let mut violations = 0;
    for path in files {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("readable");
        let (whole, streamed, lines, _) = both(&text);
        assert_eq!(streamed.violations(), whole.violations(), "{file}");
        assert_eq!(streamed.failures(), whole.failures(), "{file}");
        let first = whole.reports()[0].trace_start;
        let want: Vec<String> = (first..whole.trace_len())
            .map(|i| whole.trace_line(i, Lang::En))
            .collect();
        assert_eq!(lines, want, "{file}");
        violations += whole.violations().len();
    }
    assert!(
        violations >= 3,
        "the unsafe scenarios' violations were compared"
    );
}
