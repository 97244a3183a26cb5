//! Lecturer mode's model: every library scenario can be stepped forward and back, the view
//! at each step is exactly the scripted run, and animating a step from its start replays
//! exactly the same events.

use quorumscope::core::Lang;
use quorumscope::sim::Action;
use quorumscope::viz::lecture::{library, Lecture};

#[test]
fn every_library_scenario_steps_forward_and_back_exactly() {
    let lib = library();
    assert!(
        lib.len() >= 15,
        "the whole library is listed: {}",
        lib.len()
    );
    for entry in &lib {
        let mut lec = Lecture::from_library(&entry.id).expect("library scenarios load");
        assert_eq!(lec.step_count(), entry.steps);
        assert!(!entry.title.1.is_empty() && !entry.summary.0.is_empty());
        let mut hashes = vec![lec.view().trace_hash()];
        while lec.next() {
            // The view is the scripted run.
            assert_eq!(
                lec.view().trace_hash(),
                lec.script_hash(),
                "{} step {}",
                entry.id,
                lec.step()
            );
            // Animating the step: seek to its start, play to its end: the same events.
            let (start, end) = lec.step_span().unwrap();
            let at_end = lec.view().trace_hash();
            lec.view_mut().seek_time(start);
            lec.view_mut().advance_to(end);
            assert_eq!(
                lec.view().trace_hash(),
                at_end,
                "{} step {} replays",
                entry.id,
                lec.step()
            );
            hashes.push(at_end);
            assert!(!lec.caption(Lang::En).is_empty());
            assert!(!lec.caption(Lang::Zh).is_empty());
        }
        while lec.prev() {
            assert_eq!(
                lec.view().trace_hash(),
                hashes[lec.step()],
                "{} back to {}",
                entry.id,
                lec.step()
            );
        }
        assert_eq!(lec.view().trace_hash(), hashes[0]);
        assert!(
            lec.checks().is_empty(),
            "back at the start, nothing has been checked"
        );
    }
}

#[test]
fn leaving_and_returning_to_the_script() {
    let mut lec = Lecture::from_library("raft-split-vote").unwrap();
    lec.goto(2);
    let scripted = lec.view().trace_hash();
    lec.act(Action::Crash(0)).unwrap();
    let t = lec.view().now() + 300_000;
    lec.view_mut().advance_to(t);
    assert!(lec.off_script());
    assert_ne!(lec.view().trace_hash(), scripted);
    lec.back_to_script();
    assert!(!lec.off_script());
    assert_eq!(lec.view().trace_hash(), scripted);
    assert_eq!(lec.step(), 2);
    assert!(lec.checks().iter().all(|c| c.ok), "{:?}", lec.checks());
}

#[test]
fn a_broken_scenario_reports_its_position() {
    let err = Lecture::new(
        "mine.scn",
        "title: x\nprotocol raft\nnodes 3\nstep\nen: hi\ncrash n9\n",
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("mine.scn:"), "{msg}");
}

/// The log replication stories are grouped under their own topic, not under faults.
#[test]
fn log_replication_has_its_own_topic() {
    let lib = library();
    for id in ["raft-log-replication", "raft-noop-commit"] {
        let e = lib.iter().find(|e| e.id == id).expect(id);
        assert_eq!(
            e.topic,
            ("Log replication".into(), "日志复制".into()),
            "{id}"
        );
    }
}
