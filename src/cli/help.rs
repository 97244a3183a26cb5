//! `quorumscope --help` and the help of each subcommand.

pub const GENERAL: &str = "\
quorumscope: play, check and explore Raft and Paxos clusters (deterministic simulation)

USAGE:
    quorumscope run FILE [--lang en|zh] [--no-messages] [--steps N] [--json]
    quorumscope check FILE... [--verbose] [--json]
    quorumscope explore --protocol raft|paxos --seeds N [--nodes K] [fault options] [--json]
    quorumscope help [run|check|explore|format]
    quorumscope --version

SUBCOMMANDS:
    run       Play one scenario and print its timeline: one dense line per event, with each
              node's explanation of its decisions, the step captions and every expectation.
    check     Run the expectations of every file given and every invariant after every event.
              Exits 0 only if everything holds.
    explore   The randomised fault campaign: many seeded runs with crashes, pauses,
              partitions, loss, duplication and reordering, every invariant checked after
              every event. Prints runs, events, events per second, violations and the
              failing seeds.

Every subcommand takes --json for machine-readable output.
Exit codes: 0 everything held; 1 an expectation, invariant or run failed; 2 bad usage (an
unknown or repeated flag, a seed range past 2^64-1), an unreadable file, a directory without
scenarios or a malformed scenario (reported as FILE:LINE:COLUMN: message).
Inputs have bounds (timers, latencies, terms, file size; docs/scenarios.md, \"Limits\").

The scenario format is described in docs/scenarios.md (`quorumscope help format` for a summary).
";

pub const RUN: &str = "\
quorumscope run: play one scenario and print its timeline

USAGE:
    quorumscope run FILE [--lang en|zh] [--no-messages] [--steps N] [--json]

OPTIONS:
    --lang en|zh     Language of captions and event lines (default en; both captions are
                     always printed).
    --no-messages    Leave out message sends and deliveries; keep decisions, timers, faults.
    --steps N        Stop after the first N steps.
    --json           One JSON document, streamed as the run goes: the run's fields, then
                     each step (caption, checks, its events one per line, text and typed
                     form), then the totals. Memory does not grow with the output.
    -h, --help       This help.

Each event is one line: `[   1.250s] n3 rejected AppendEntries from n1: … (§5.3)`.
Each expectation is shown as ✓ or ✗ with the actual value next to the expected one.
The exit code is 0 when every expectation held, 1 otherwise, 2 for a malformed file.
";

pub const CHECK: &str = "\
quorumscope check: run the expectations of scenario files

USAGE:
    quorumscope check FILE... [--verbose] [--json]

A directory stands for every *.scn file in it. Plays every file to its end, checking every invariant after every event, every `never`
condition after every event, and every `expect` line. A scenario fails when an expectation
does not hold, a `run until`/`when` condition is not reached in time, an action cannot be
carried out, or an invariant is violated that the file does not expect (`expect violation …`).

OPTIONS:
    -v, --verbose    List every expectation, not only the failures.
    --json           An array with one object per file.
    -h, --help       This help.

Exit code 0 only if every file passed; 1 if any failed; 2 if a file is unreadable or malformed,
or a directory holds no scenario.
";

pub const EXPLORE: &str = "\
quorumscope explore: the randomised fault campaign

USAGE:
    quorumscope explore --protocol raft|paxos --seeds N [options]

OPTIONS:
    --protocol raft|paxos   Which core to drive (required).
    --seeds N               How many runs, one per seed (required, at least 1).
    --first-seed S          The first seed (default 1); runs use S, S+1, …, S+N-1 (which
                            must not pass 2^64-1).
    --nodes K               Cluster size, 1 to 9 (default: 5 for Raft; for Paxos each seed
                            draws its own, 3 to 7).
    --fault-time D          How long faults are injected in each run (e.g. 5s).
    --no-crash, --no-pause, --no-partition, --no-loss, --no-duplicate, --no-reorder,
    --no-hold, --no-timeout Leave that kind of fault out (hold: messages in flight held,
                            dropped or delivered at once; timeout: forced timer firings).
    --no-faults             Leave every kind of fault out.
    --unsafe NAME           Turn on an unsafe teaching switch (repeatable), e.g.
                            vote-without-log-check, commit-old-terms (Raft),
                            forget-promise (Paxos). The campaign should then find violations.
    --stop-at-first         Stop at the first failing seed.
    -v, --verbose           One line per run, and the full report of every failure (the
                            invariant, the seed and the events that led to it).
    --json                  The campaign summary as JSON.
    -h, --help              This help.

Each seed draws its own fault mix, protocol options (Raft: PreVote, CheckQuorum, no-op,
fast backtracking, batch size; Paxos: single-decree or Multi-Paxos, NACKs, roles), timers,
and for some seeds a history on disk to boot from; it injects faults for the fault time,
heals everything (held messages arrive late) and then requires the cluster to recover
(liveness) within a bound. Every invariant is checked after every event, and after every
message a resumed node handles.

Prints runs, events, events per second, violations and the failing seeds, each with the
command that reproduces it. Exit code 0 if no run failed, 1 otherwise.
";

pub const FORMAT: &str = "\
Scenario files (full reference: docs/scenarios.md)

    # A comment.
    title: Raft: the first election
    title.zh: Raft：第一次选举
    protocol raft                    # or paxos
    nodes A B C                      # or: nodes 5  (n1 … n5); 1 to 9 nodes
    seed 7
    election-timeout 150ms..300ms    # Raft; 10ms to 60s
    heartbeat 50ms                   # 1ms to 60s (retry-timeout too)
    latency 10ms..20ms               # 0 to 60s
    option pre-vote                  # check-quorum, noop-on-election, fast-backtrack, …
    unsafe commit-old-terms          # the deliberately unsafe teaching switches
    state A term 2 vote A log 1 1 2  # initial durable state (Raft: term, vote, log)

    step
    en: A's timer fires first; it asks for votes.
    zh: A 的计时器最先到期；它请求投票。
    timeout A
    run until leader A within 1s
    expect leader A term 3
    when A is leader: crash A
    expect B log 1 1 2
    never leader term 9

Actions: crash, restart, pause, resume, timeout, client NODE VALUE, partition A B | C,
cut A -> B, restore A <-> B, heal, loss 10%, duplicate 5%, reorder 5%, latency 10ms..50ms,
drop/hold/deliver (ID | [all] FROM -> TO [KIND]), align-timers, spread-timers;
prefixed by `at TIME`, `after DURATION` or `when CONDITION [within D]:`.
Conditions: leader [N] [term T], no leader, N is ROLE|up|crashed|paused, N term [op] T,
N vote N|none, N follows N|nobody, N log T T…|empty, N commit [op] I, stable,
request VALUE committed [at I]|refused|unknown|pending|redirects K,
sent FROM -> TO [KIND] [rejected|ok] [op] N (expect only: messages sent since the step began),
violation INVARIANT,
Paxos: N promised B, N accepted B [V], chosen V, N learned V,
request VALUE chosen [in slot S]|lost [in slot S] [to V]; `not CONDITION`.
";
