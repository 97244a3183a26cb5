//! The quorumscope command-line tool: `run`, `check` and `explore` (see `quorumscope --help`).
#![forbid(unsafe_code)]

fn main() {
    // Arguments that are not valid Unicode are read lossily rather than panicking.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let code = quorumscope::cli::main_with(&args, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
