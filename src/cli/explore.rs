//! `quorumscope explore`: the randomised fault campaign.

use super::args::ExploreArgs;
use std::io::Write;

pub fn explore(a: &ExploreArgs, _out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    writeln!(
        err,
        "quorumscope: error: `explore --protocol {}` needs the campaign engine (quorumscope::explore), which is not in this build yet",
        a.protocol
    )?;
    Ok(super::EXIT_USAGE)
}
