//! `caseload erase` asks on the terminal: anything but `y` (or `j`) erases nothing.

use crate::harness::{caseload, spawn};
use crate::retention_support::build;
use caseload::store::Store;

const QUESTION: &str = "Type y to confirm";

#[test]
fn erase_due_asks_first_and_only_yes_destroys() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("caseload.db");
    let mut store = Store::open(&db).unwrap();
    build(&mut store);
    store.close().unwrap();
    let mut no = caseload(&db);
    no.args(["erase", "--due"]);
    let mut no = spawn(no);
    no.wait_for(QUESTION, 20);
    assert!(
        no.text()
            .contains("Destroy 2 client files and 1 debt-help record for good?")
    );
    no.send(b"n\r");
    assert!(!no.wait_exit(10).success());
    assert!(no.text().contains("Not confirmed; nothing was erased."));
    let count = |db: &std::path::Path| Store::open_read_only(db).unwrap().client_count().unwrap();
    assert_eq!(count(&db), 6);

    let mut yes = caseload(&db);
    yes.args(["erase", "--due"]);
    let mut yes = spawn(yes);
    yes.wait_for(QUESTION, 20);
    yes.send(b"y\r");
    assert!(yes.wait_exit(20).success());
    assert!(
        yes.text().contains("Destroyed for good: 2 client files"),
        "{}",
        yes.text()
    );
    assert_eq!(count(&db), 4);
}
