//! Files that others made or touched: a link where the lock file goes, links to the
//! database, files that are not a caseload; each refused or acted on as the real file.
#![cfg(unix)]

use crate::support::{caseload, one_line};

#[test]
fn a_symlink_where_the_lock_file_goes_is_refused_and_its_target_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let target = dir.path().join("precious.txt");
    std::fs::write(&target, b"keep me\n").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("caseload.db.lock")).unwrap();
    let file = dir.path().join("in.json");
    std::fs::write(&file, r#"{"format":"caseload","version":1,"clients":[]}"#).unwrap();
    let import = ["import", file.to_str().unwrap()];
    for args in [&["demo"][..], &import[..], &[][..]] {
        let out = caseload(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = one_line(&out);
        assert!(
            err.contains("caseload.db.lock is a symbolic link"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me\n");
    assert!(!db.exists());
}
