//! The message inspector's data (viz::scene::message_fields): every field of a message in
//! flight, and of one already delivered, found again by its send in the trace.

use quorumscope::core::MS;
use quorumscope::viz::{Cluster, SceneOptions, Spec};

#[test]
fn fields_of_messages_in_flight_and_delivered() {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    c.advance_to(1_000 * MS);
    let scene = c.scene(SceneOptions::default());
    let in_flight: Vec<u64> = scene.messages.iter().map(|m| m.id).collect();
    let delivered: Vec<u64> = scene
        .arrows
        .iter()
        .filter(|a| a.delivered)
        .map(|a| a.id)
        .collect();
    assert!(
        !delivered.is_empty(),
        "heartbeats were delivered in the last 2 s"
    );

    for id in in_flight.iter().chain(&delivered) {
        let json = c
            .message_fields(*id)
            .expect("fields of a message in the diagram");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let kind = scene.arrows.iter().find(|a| a.id == *id).unwrap().kind;
        let (tag, body) = v.as_object().unwrap().iter().next().unwrap();
        // The arrow's kind names the message (Heartbeat = AppendEntries without entries).
        let expected = match kind {
            "Heartbeat" => "AppendEntries",
            "Vote" => "RequestVoteReply",
            k => k,
        };
        assert_eq!(tag, expected, "message {id}");
        assert!(
            body.get("term").is_some(),
            "every field, the term too: {json}"
        );
    }
    assert_eq!(c.message_fields(u64::MAX), None, "no such message");

    // Seeking back before a message was sent forgets it.
    let last = *delivered.last().unwrap();
    c.seek_time(0);
    assert_eq!(c.message_fields(last), None);
}
