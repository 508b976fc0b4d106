//! The generated caseload the benches run on: `CASELOAD_BENCH_CLIENTS` clients (default
//! 100,000), made once with the binary's own `demo` and kept under target/; or the file
//! `CASELOAD_BENCH_DB` names (such as a million minimal clients imported: see the README).

use std::path::PathBuf;

/// How many clients the generated caseload has.
pub fn clients() -> usize {
    std::env::var("CASELOAD_BENCH_CLIENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The caseload's file, generated the first time.
pub fn database() -> PathBuf {
    let n = clients();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = std::env::var_os("CASELOAD_BENCH_DB")
        .map_or_else(|| dir.join(format!("keys-{n}.db")), PathBuf::from);
    if !path.exists() {
        let tmp = dir.join(format!("keys-{n}.db.partial"));
        let _ = std::fs::remove_file(&tmp);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_caseload"))
            .arg("--db")
            .arg(&tmp)
            .args(["--lang", "en", "--today", "2026-11-23", "--plaintext"])
            .args(["demo", "--clients", &n.to_string()])
            .output()
            .expect("run demo");
        assert!(out.status.success(), "demo failed");
        std::fs::rename(&tmp, &path).expect("rename");
    }
    path
}
