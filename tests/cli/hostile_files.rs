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

#[test]
fn an_import_through_a_symlink_writes_into_the_real_file_and_nothing_beside_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("caseload.db");
    let out = caseload(&db, &["demo", "--clients", "3"]);
    assert!(out.status.success(), "{}", one_line(&out));
    let export = dir.path().join("one.json");
    let other = tempfile::tempdir().unwrap();
    let source = other.path().join("source.db");
    let out = caseload(&source, &["demo", "--clients", "2", "--seed", "9"]);
    assert!(out.status.success(), "{}", one_line(&out));
    let out = caseload(&source, &["export", "--out", export.to_str().unwrap()]);
    assert!(out.status.success(), "{}", one_line(&out));
    let links = dir.path().join("links");
    std::fs::create_dir(&links).unwrap();
    let link = links.join("link.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let out = caseload(&link, &["import", export.to_str().unwrap()]);
    assert!(out.status.success(), "{}", one_line(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let store = caseload::store::Store::open_read_only(&db).unwrap();
    assert_eq!(store.client_count().unwrap(), 5);
    let beside: Vec<_> = std::fs::read_dir(&links).unwrap().collect();
    assert_eq!(beside.len(), 1, "{beside:?}");
}
