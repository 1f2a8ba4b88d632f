//! `solidaires`: parse the command line, run the command, and turn any failure into one
//! clear line on standard error.

use clap::Parser;

fn main() {
    return_large_allocations_to_the_system();
    let cli = match solidaires::platform::config::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                err.exit();
            }
            let rendered = err.to_string();
            let line = rendered.lines().next().unwrap_or("invalid command line");
            eprintln!("{line}");
            std::process::exit(2);
        }
    };
    if let Err(err) = solidaires::cli::run(cli) {
        // One line, whatever the cause says (libpq's messages span several).
        let line = format!("{err:#}")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        eprintln!("error: {line}");
        std::process::exit(1);
    }
}

/// Allocations of 1 MiB and more (an argon2 hash takes 19 MiB) always come from `mmap` and
/// go back to the system when freed. By default glibc raises this threshold after the first
/// large free, and then keeps every later hash's memory for the life of the process.
fn return_large_allocations_to_the_system() {
    // SAFETY: mallopt only changes allocator settings; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
