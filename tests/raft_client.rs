//! Scripted client requests sent to a follower: redirected to the leader (§8), and followed or
//! not by the simulated client. Every event is checked against every Raft invariant.

mod raft_common;

use quorumscope::core::raft::{Command, RaftNote};
use quorumscope::core::{ClientOutcome, ClientReply, MS};
use quorumscope::sim::TraceKind;
use raft_common::*;

fn replies(c: &Cluster, request: u64) -> Vec<(usize, ClientOutcome)> {
    c.sim
        .trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Reply {
                node,
                reply:
                    ClientReply {
                        request: r,
                        outcome,
                    },
            } if *r == request => Some((*node, outcome.clone())),
            _ => None,
        })
        .collect()
}

/// n3 is a follower of n1 (term 1). A client sends "v" to n3, which answers Redirect{n1}; the
/// client retries at n1, which appends "v" at index 1 and answers Committed once a majority
/// stores it; all three end up with it.
#[test]
fn follower_redirects_and_client_follows() {
    let mut setup = RaftSetup::new(3, 9);
    setup.follow_redirects = true;
    let mut c = Cluster::new(setup);
    assert_eq!(c.elect(0), 1);
    c.run_for(60 * MS);
    assert_eq!(c.node(2).leader_id, Some(0));

    let req = c.client(2, "v");
    c.run_for(200 * MS);
    let rec = &c.sim.state.requests[&req];
    assert_eq!(rec.node, 2);
    assert_eq!(rec.redirects, 1);
    assert_eq!(rec.outcome, Some(ClientOutcome::Committed { index: 1 }));
    assert_eq!(
        replies(&c, req),
        vec![
            (2, ClientOutcome::Redirect { leader: Some(0) }),
            (0, ClientOutcome::Committed { index: 1 })
        ]
    );
    assert_eq!(
        c.notes_of(2)
            .into_iter()
            .filter(|n| matches!(n, RaftNote::ClientRedirected { .. }))
            .collect::<Vec<_>>(),
        vec![&RaftNote::ClientRedirected {
            request: req,
            leader: Some(0)
        }]
    );
    assert!(c.notes_of(0).contains(&&RaftNote::ClientAppended {
        request: req,
        index: 1
    }));
    assert_eq!(c.all_terms(), vec![vec![1]; 3]);
    assert_eq!(c.commit_indexes(), vec![1; 3]);
    for i in 0..3 {
        assert_eq!(
            c.node(i).log()[0].command,
            Command::Value {
                request: req,
                value: "v".into()
            }
        );
    }
}

/// The same request with a client that does not follow redirects: its outcome is the
/// redirect itself, naming n1, and nothing is appended anywhere.
#[test]
fn follower_redirects_and_client_stops() {
    let mut setup = RaftSetup::new(3, 9);
    setup.follow_redirects = false;
    let mut c = Cluster::new(setup);
    assert_eq!(c.elect(0), 1);
    c.run_for(60 * MS);

    let req = c.client(2, "v");
    c.run_for(200 * MS);
    let rec = &c.sim.state.requests[&req];
    assert_eq!(rec.redirects, 0);
    assert_eq!(
        rec.outcome,
        Some(ClientOutcome::Redirect { leader: Some(0) })
    );
    assert_eq!(
        replies(&c, req),
        vec![(2, ClientOutcome::Redirect { leader: Some(0) })]
    );
    assert_eq!(c.all_terms(), vec![Vec::<u64>::new(); 3]);
    assert_eq!(c.commit_indexes(), vec![0; 3]);
    c.assert_leads(0, 1, &[1, 2]);
}

/// Before any election a follower knows no leader: the request is answered Redirect{None},
/// and a following client has nowhere to go.
#[test]
fn follower_without_leader_cannot_redirect() {
    let mut c = Cluster::new(RaftSetup::new(3, 9));
    let req = c.client(1, "too early");
    c.run_for(MS);
    let rec = &c.sim.state.requests[&req];
    assert_eq!(rec.redirects, 0);
    assert_eq!(rec.outcome, Some(ClientOutcome::Redirect { leader: None }));
    assert_eq!(c.all_terms(), vec![Vec::<u64>::new(); 3]);
}
