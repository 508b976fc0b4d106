//! Build script: lists the migrations in `src/store/sql` (every `NNNN_name.sql`, in order)
//! for `store::migrations`, so that a new migration is one new file, and the build runs
//! again whenever that folder changes.

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from("src/store/sql");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("src/store/sql is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out = String::from("&[\n");
    for f in &files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 name");
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            PathBuf::from(&root).join(f).display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("migrations.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
