//! Lecture mode's reducer ([`quorumscope::viz::deck`]), natively: loading a scenario at a
//! step, playing a step to its exact end, going back, reduced motion, the audience's
//! actions and the speed.

use quorumscope::core::NodeId;
use quorumscope::sim::Action;
use quorumscope::viz::deck::{Cmd, Deck, Notice, BASE_RATE, MAX_ANIMATION_MS};
use quorumscope::viz::lecture::library_text;

const ID: &str = "raft-first-election";

fn deck(reduced: bool, start: Option<usize>) -> Deck {
    let (file, text) = library_text(ID).unwrap();
    let mut d = Deck::new(reduced);
    d.load(ID, 1, file, text, start);
    d
}

fn step(d: &Deck) -> usize {
    d.lecture.as_ref().unwrap().step()
}

/// Plays frames of `ms` until the animation ends; how many it took.
fn play_out(d: &mut Deck, ms: f64) -> usize {
    let mut frames = 0;
    while d.anim.is_some() {
        d.frame(ms);
        frames += 1;
        assert!(frames < 100_000, "the animation ends");
    }
    frames
}

#[test]
fn next_plays_a_step_to_its_exact_end_and_prev_goes_back() {
    let mut d = deck(false, None);
    assert_eq!(step(&d), 0);
    d.run(Cmd::Next);
    assert_eq!(step(&d), 1);
    let lec = d.lecture.as_ref().unwrap();
    let (start, end) = lec.step_span().unwrap();
    if end > start {
        let a = d.anim.clone().expect("the step plays");
        assert_eq!(a.end, end);
        assert!(a.rate >= BASE_RATE && a.rate >= (end - start) as f64 / MAX_ANIMATION_MS);
        play_out(&mut d, 16.0);
    }
    let lec = d.lecture.as_ref().unwrap();
    assert_eq!(
        lec.view().trace_hash(),
        lec.script_hash(),
        "the end is exactly the scripted state"
    );
    d.run(Cmd::Next);
    d.run(Cmd::Skip);
    assert!(d.anim.is_none());
    assert_eq!(step(&d), 2);
    d.run(Cmd::Prev);
    assert_eq!(step(&d), 1);
    d.run(Cmd::Last);
    assert_eq!(step(&d), d.lecture.as_ref().unwrap().step_count());
    d.run(Cmd::Goto(0));
    assert_eq!(step(&d), 0);
}

#[test]
fn a_link_past_the_last_step_shows_the_last_with_a_notice() {
    let d = deck(false, Some(99));
    let n = d.lecture.as_ref().unwrap().step_count();
    assert_eq!(step(&d), n);
    assert_eq!(
        d.notice,
        Some(Notice::BadStep {
            asked: 99,
            steps: n
        })
    );
    // The same link again changes nothing; a broken scenario says why.
    let mut d = deck(false, Some(1));
    d.run(Cmd::Next);
    let (file, text) = library_text(ID).unwrap();
    d.load(ID, 1, file, text, Some(1));
    assert_eq!(step(&d), 2, "the same link is not reloaded");
    d.load("broken", 2, "broken.scn", "protocol zab\n", None);
    assert!(d.lecture.as_ref().is_err_and(|e| e.contains("broken.scn")));
}

#[test]
fn reduced_motion_jumps_to_the_end_of_a_step() {
    let mut d = deck(true, None);
    d.run(Cmd::Next);
    assert!(d.anim.is_none(), "nothing is animated");
    let lec = d.lecture.as_ref().unwrap();
    assert_eq!(lec.view().trace_hash(), lec.script_hash());
}

#[test]
fn the_audience_acts_between_steps_and_goes_back_to_the_script() {
    let mut d = deck(false, Some(1));
    let leader: NodeId = 0;
    d.run(Cmd::Node(leader));
    assert_eq!(d.node, Some(leader));
    d.run(Cmd::Node(leader));
    assert_eq!(d.node, None, "a second click deselects");
    d.run(Cmd::Act(Action::Crash(leader)));
    assert!(d.live && d.lecture.as_ref().unwrap().off_script());
    let t = d.lecture.as_ref().unwrap().view().now();
    d.frame(100.0);
    assert!(
        d.lecture.as_ref().unwrap().view().now() > t,
        "off the script the cluster runs"
    );
    d.run(Cmd::TogglePlay);
    assert!(!d.live);
    // An action the simulator refuses says why.
    d.run(Cmd::Act(Action::Crash(42)));
    assert!(
        matches!(d.notice, Some(Notice::Refused(_))),
        "{:?}",
        d.notice
    );
    d.run(Cmd::Back);
    let lec = d.lecture.as_ref().unwrap();
    assert!(!lec.off_script() && !d.live && d.notice.is_none());
    assert_eq!(lec.view().trace_hash(), lec.script_hash());
    // A faster speed plays the step in fewer frames.
    let frames = |speed: f64| {
        let mut d = deck(false, None);
        d.run(Cmd::Speed(speed));
        d.run(Cmd::Next);
        play_out(&mut d, 16.0)
    };
    assert!(frames(4.0) < frames(0.5));
}
