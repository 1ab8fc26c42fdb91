//! Linking: the program's object and the runtime's static library into
//! an executable, with the system C compiler driver (`cc`).

use std::path::Path;
use std::process::Command;

/// The system libraries a Rust static library needs on Linux.
const SYSTEM_LIBS: &[&str] = &[
    "-lgcc_s",
    "-lutil",
    "-lrt",
    "-lpthread",
    "-lm",
    "-ldl",
    "-lc",
];

pub fn link(object: &Path, runtime: &Path, out: &Path) -> Result<(), String> {
    let output = Command::new("cc")
        .arg("-o")
        .arg(out)
        .arg(object)
        .arg(runtime)
        .args(SYSTEM_LIBS)
        .output()
        .map_err(|e| format!("running cc: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "link failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}
