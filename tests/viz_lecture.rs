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
            let events_at_end = lec.view().events();
            lec.view_mut().seek_time(start);
            // Frame by frame, as lecture mode animates it; never past the scripted events.
            let frames = 7;
            for f in 1..frames {
                lec.animate_to(start + (end - start) * f / frames);
                assert!(
                    lec.view().events() <= events_at_end,
                    "{} step {}",
                    entry.id,
                    lec.step()
                );
            }
            lec.animate_to(end);
            assert_eq!(lec.view().events(), events_at_end);
            assert_eq!(lec.view().now(), end, "{} step {}", entry.id, lec.step());
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

/// Plays `text` with `lines` inserted right after the last command of step `k` (1-based), and
/// returns whether each inserted `expect` held: an oracle for "what is true at the end of the
/// step" that does not use the lecture's own split.
fn held_at_step_end(file: &str, text: &str, k: usize, lines: &[String]) -> Vec<bool> {
    let sc = quorumscope::scenario::Scenario::parse(file, text).unwrap();
    let last = sc.steps[k - 1]
        .commands
        .iter()
        .map(|c| c.pos.line as usize)
        .max()
        .expect("a step with expectations has commands");
    let mut all: Vec<String> = text.lines().map(str::to_string).collect();
    for (i, l) in lines.iter().enumerate() {
        all.insert(last + i, l.clone());
    }
    let mut lec = Lecture::new(file, &all.join("\n")).unwrap();
    lec.goto(k);
    let inserted = (last + 1)..=(last + lines.len());
    lec.checks()
        .into_iter()
        .filter(|c| c.step == k && inserted.contains(&c.line))
        .map(|c| c.ok)
        .collect()
}

#[test]
fn what_must_be_true_now_holds_at_the_end_of_every_step() {
    let mut history_seen = 0;
    for entry in library() {
        let (file, text) = quorumscope::viz::lecture::library_text(&entry.id).unwrap();
        let mut lec = Lecture::new(file, text).unwrap();
        for k in 1..=lec.step_count() {
            lec.goto(k);
            let split = lec.step_checks();
            // Every check of the step is in exactly one of the two lists.
            let of_step = lec.checks().into_iter().filter(|c| c.step == k).count();
            assert_eq!(split.now.len() + split.earlier_in_step.len(), of_step);
            let expects = |v: &[quorumscope::viz::lecture::CheckView]| -> Vec<String> {
                v.iter()
                    .filter(|c| c.source.starts_with("expect "))
                    .map(|c| c.source.clone())
                    .collect()
            };
            let now = expects(&split.now);
            let held = held_at_step_end(file, text, k, &now);
            assert_eq!(held.len(), now.len(), "{} step {k}", entry.id);
            for (line, ok) in now.iter().zip(held) {
                assert!(
                    ok,
                    "{} step {k}: \"{line}\" is listed as true now, but is false at the step's end",
                    entry.id
                );
            }
            let earlier = expects(&split.earlier_in_step);
            let held = held_at_step_end(file, text, k, &earlier);
            for (line, ok) in earlier.iter().zip(held) {
                assert!(!ok, "{} step {k}: \"{line}\" still holds at the step's end, so it belongs under \"now\"", entry.id);
            }
            history_seen += earlier.len();
            assert!(split.earlier_in_step.iter().all(|c| c.ok));
        }
    }
    assert!(
        history_seen > 0,
        "the library has at least one expectation that held only mid-step (split vote step 5)"
    );
}

#[test]
fn split_vote_step_5_shows_a_term_1_as_history_not_as_true_now() {
    let mut lec = Lecture::from_library("raft-split-vote").unwrap();
    lec.goto(5);
    let split = lec.step_checks();
    assert!(
        !split.now.iter().any(|c| c.source == "expect A term 1"),
        "{:?}",
        split.now
    );
    let h = split
        .earlier_in_step
        .iter()
        .find(|c| c.source == "expect A term 1")
        .expect("A term 1 held when it was checked, before A's timer fired");
    assert!(h.ok && !h.now);
    assert!(split
        .now
        .iter()
        .any(|c| c.source == "expect leader C term 2"));
    let (start, end) = lec.step_span().unwrap();
    assert!(
        h.time > start && h.time < end,
        "its time is inside the step"
    );
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

/// A scenario someone brings is played once when it is loaded: one whose run needs more
/// events than lecture mode gives a browser tab is refused (nothing is shown), a short one
/// loads at its start, and every library scenario fits.
#[test]
fn a_scenario_longer_than_the_lecture_budget_is_refused_when_loaded() {
    use quorumscope::limits::MAX_LECTURE_EVENTS;
    use quorumscope::viz::lecture::LoadError;
    let busy = |run: &str| {
        format!(
            "title: Busy\nprotocol raft\nnodes A B C D E F G H I\nheartbeat 1ms\n\
             election-timeout 10ms..20ms\nlatency 0ms..1ms\n\nstep\nen: A busy cluster.\nrun {run}\n"
        )
    };
    assert_eq!(
        Lecture::load("busy.scn", &busy("300s")).err(),
        Some(LoadError::TooManyEvents)
    );
    let short = Lecture::load("busy.scn", &busy("1s")).expect("a short run fits");
    assert_eq!(short.step(), 0, "loaded at its start");
    for e in library() {
        let (file, text) = quorumscope::viz::lecture::library_text(&e.id).unwrap();
        let mut l = Lecture::load(file, text).expect(file);
        l.goto(l.step_count());
        assert!(l.view().events() < MAX_LECTURE_EVENTS, "{file}");
    }
    assert!(matches!(
        Lecture::load("x.scn", "protocol zab\n"),
        Err(LoadError::Parse(_))
    ));
}
