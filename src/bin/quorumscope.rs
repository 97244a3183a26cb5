//! The quorumscope command-line tool: `run`, `check` and `explore` (see `quorumscope --help`).
#![forbid(unsafe_code)]

/// The browser build compiles every binary; the command line exists natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // An argument that is not valid Unicode (a file name in another encoding) is refused
    // with its position: read lossily, it would name a file that does not exist.
    let mut args = Vec::new();
    for (k, a) in std::env::args_os().skip(1).enumerate() {
        match a.into_string() {
            Ok(s) => args.push(s),
            Err(a) => {
                eprintln!(
                    "quorumscope: error: argument {} ({}) is not valid UTF-8; rename the file \
                     or pass it through a link with a UTF-8 name",
                    k + 1,
                    a.to_string_lossy()
                );
                std::process::exit(quorumscope::cli::EXIT_USAGE);
            }
        }
    }
    let code = quorumscope::cli::main_with(&args, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
