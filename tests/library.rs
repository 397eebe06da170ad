//! The library is a library: the crates only the command line needs (argument parsing, `anyhow`'s error
//! chains, progress bars, temporary files for atomic writes) are used by the binary's modules
//! (`src/main.rs`, `src/cli/`) and by nothing the library compiles. Cargo cannot declare a dependency
//! for the binary alone, so this test is what keeps them out of the library.

mod common;

use std::path::Path;

/// Every `.rs` file below `dir`, skipping `skip` (a folder).
fn rust_files(dir: &Path, skip: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path == skip {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, skip, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_library_uses_none_of_the_binarys_crates() {
    let src = common::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &src.join("cli"), &mut files);
    files.retain(|p| p != &src.join("main.rs"));
    assert!(
        files.iter().any(|p| p.ends_with("lib.rs")) && files.len() > 20,
        "the library's files were not found: {files:?}"
    );
    let banned = ["clap", "anyhow", "indicatif", "tempfile"];
    let mut found = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for krate in banned {
                let used = [
                    format!("{krate}::"),
                    format!("{krate}!"),
                    format!("extern crate {krate}"),
                ];
                if used.iter().any(|u| code.contains(u.as_str())) {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "library code uses a crate only the binary may use:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_command_line_is_compiled_into_the_binary_only() {
    let lib = std::fs::read_to_string(common::root().join("src/lib.rs")).unwrap();
    assert!(
        !lib.lines()
            .any(|l| l.trim_start().starts_with("pub mod cli")
                || l.trim_start().starts_with("mod cli")),
        "src/lib.rs declares the CLI module"
    );
    let main = std::fs::read_to_string(common::root().join("src/main.rs")).unwrap();
    assert!(
        main.lines().any(|l| l == "mod cli;"),
        "src/main.rs declares `mod cli;`"
    );
}
