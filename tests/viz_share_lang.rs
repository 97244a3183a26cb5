//! A refused share link says why in the page's language (issue 22 §1): every reason from
//! decoding and validating a link, the bounds of `limits`, and a link whose actions do not
//! replay. In Chinese the reason is Chinese (no English words; names and numbers stay as
//! they are), and in English it is the text the native tools print.

use quorumscope::core::paxos::Roles;
use quorumscope::core::raft::RaftDurable;
use quorumscope::core::{Lang, ProtocolKind, MS};
use quorumscope::viz::share::{self, Shared};
use quorumscope::viz::{Cluster, Spec};

/// A change made to a decoded link.
type Tweak = fn(&mut Shared);

fn link(protocol: ProtocolKind, tweak: Tweak) -> String {
    let mut c = Cluster::start(&Spec {
        protocol,
        ..Spec::default()
    })
    .unwrap();
    c.advance_to(400 * MS);
    c.client(1).unwrap();
    c.advance_to(600 * MS);
    let mut s = share::decode(&c.share()).unwrap();
    tweak(&mut s);
    share::encode(&s)
}

fn raft(s: &mut Shared) -> &mut quorumscope::sim::Setup<quorumscope::core::raft::RaftNode> {
    match s {
        Shared::Raft { setup, .. } => setup,
        Shared::Paxos { .. } => unreachable!("a Raft link"),
    }
}

/// English words of three letters or more in `text` (a Chinese reason has none).
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_refusal_reason_is_in_the_pages_language() {
    let good = link(ProtocolKind::Raft, |_| {});
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("bad character", "abc!def".into()),
        ("cut short", good[..good.len() / 2 / 4 * 4 + 1].to_string()),
        ("truncated", good[..good.len() / 2 / 4 * 4].to_string()),
        ("too long", "A".repeat(share::MAX_LINK + 1)),
        (
            "twelve nodes",
            link(ProtocolKind::Raft, |s| {
                raft(s).names = (1..=12).map(|i| format!("n{i}")).collect()
            }),
        ),
        (
            "two names alike",
            link(ProtocolKind::Raft, |s| raft(s).names[1] = "n1".into()),
        ),
        (
            "a loss above 1",
            link(ProtocolKind::Raft, |s| raft(s).net.loss = 2.0),
        ),
        (
            "a latency of two minutes",
            link(ProtocolKind::Raft, |s| {
                raft(s).net.latency_max = 120_000 * MS
            }),
        ),
        (
            "a heartbeat of 0",
            link(ProtocolKind::Raft, |s| {
                raft(s).config.heartbeat_interval = 0
            }),
        ),
        (
            "a term near 2^64",
            link(ProtocolKind::Raft, |s| {
                let mut d = RaftDurable::default();
                d.current_term = u64::MAX;
                raft(s).durable = vec![d]
            }),
        ),
        (
            "an unknown version",
            link(ProtocolKind::Raft, |s| {
                if let Shared::Raft { v, .. } = s {
                    *v = 7
                }
            }),
        ),
        (
            "a moment an hour and a half away",
            link(ProtocolKind::Raft, |s| {
                if let Shared::Raft { at, .. } = s {
                    *at = share::MAX_TIME + 1
                }
            }),
        ),
        (
            "an action that skips over events",
            link(ProtocolKind::Raft, |s| {
                if let Shared::Raft { actions, .. } = s {
                    actions[0].events = 0;
                }
            }),
        ),
        (
            "no acceptor",
            link(ProtocolKind::Paxos, |s| {
                if let Shared::Paxos { setup, .. } = s {
                    setup.config.roles = vec![Roles::new(true, false, true); 5];
                }
            }),
        ),
    ];
    for (what, text) in &cases {
        let en = Cluster::from_share_in(text, Lang::En).expect_err(what);
        let zh = Cluster::from_share_in(text, Lang::Zh).expect_err(what);
        assert_eq!(
            Cluster::from_share(text).expect_err(what),
            en,
            "{what}: English is the native tools' text"
        );
        assert!(!english_words(&en).is_empty(), "{what}: {en}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{what}: a Chinese reason: {zh}"
        );
        assert_eq!(
            english_words(&zh),
            Vec::<String>::new(),
            "{what}: no English in {zh}"
        );
    }
}
