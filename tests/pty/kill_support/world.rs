//! The files the kill test works on, made with the real binary: the app's database, and
//! one database each for `import`, `restore` and `demo`, with how long each command takes
//! on it uninterrupted (so kills land in its middle on any machine) and what it must leave:
//! all or nothing.

use super::files::{assert_sound, content, content_of_file, read_only, shape};
use super::{remove_db, run};
use crate::harness::caseload;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

type Shape = Vec<(String, i64)>;

/// How many clients the app's database and a demo database hold.
const CLIENTS: i64 = 300;

pub struct World {
    _root: tempfile::TempDir,
    /// The database the app runs on.
    pub main: PathBuf,
    pub clients: i64,
    /// Where `caseload backup FILE` writes.
    pub out: PathBuf,
    backup_took: Duration,
    import: Import,
    pub restore: Restore,
    demo: Demo,
}

struct Import {
    db: PathBuf,
    /// A copy of the database before any import, to start again after one that landed.
    pristine: PathBuf,
    file: PathBuf,
    before: Shape,
    after: Shape,
    took: Duration,
}

pub struct Restore {
    pub dir: PathBuf,
    db: PathBuf,
    /// Two backups of different caseloads, restored in turn, and their content.
    files: [PathBuf; 2],
    contents: [Vec<String>; 2],
    /// The one in place before the round, and the one restored.
    from_to: (usize, usize),
    took: Duration,
}

struct Demo {
    db: PathBuf,
    took: Duration,
}

fn demo(db: &Path, clients: i64, seed: u64) -> Duration {
    let mut c = caseload(db);
    c.args([
        "demo",
        "--clients",
        &clients.to_string(),
        "--seed",
        &seed.to_string(),
    ]);
    run(c, "demo")
}

fn backup_to(db: &Path, file: &Path) {
    let mut c = caseload(db);
    c.arg("backup").arg(file);
    run(c, "backup FILE");
}

fn import(db: &Path, file: &Path) -> Duration {
    let mut c = caseload(db);
    c.arg("import").arg(file);
    run(c, "import")
}

fn restore(db: &Path, file: &Path) -> Duration {
    let mut c = caseload(db);
    c.arg("restore").arg(file);
    run(c, "restore")
}

impl World {
    pub fn new() -> World {
        let root = tempfile::tempdir().unwrap();
        let dir = |name: &str| {
            let d = root.path().join(name);
            std::fs::create_dir(&d).unwrap();
            d
        };
        let files = dir("files");
        let main = dir("main").join("caseload.db");
        demo(&main, CLIENTS, 1);
        let backup_took = run(
            {
                let mut c = caseload(&main);
                c.arg("backup");
                c
            },
            "backup",
        );

        let source = files.join("source.db");
        demo(&source, 600, 11);
        let file = files.join("import.json");
        let mut export = caseload(&source);
        export.args(["export", "--out"]).arg(&file);
        run(export, "export");
        let import_db = dir("import").join("caseload.db");
        demo(&import_db, 20, 12);
        let pristine = files.join("import-pristine.db");
        backup_to(&import_db, &pristine);
        let before = shape(&read_only(&import_db));
        let took = import(&import_db, &file);
        let after = shape(&read_only(&import_db));
        assert_ne!(before, after);

        let restore_dir = dir("restore");
        let backups = [files.join("a.db"), files.join("b.db")];
        for (i, (seed, n)) in [(21, 20), (22, 25)].into_iter().enumerate() {
            let src = files.join(format!("restore-source-{i}.db"));
            demo(&src, n, seed);
            backup_to(&src, &backups[i]);
        }
        let contents = backups.clone().map(|f| content_of_file(&f));
        let restore_db = restore_dir.join("caseload.db");
        restore(&restore_db, &backups[0]);
        assert_eq!(content(&read_only(&restore_db)), contents[0]);
        let restore_took = restore(&restore_db, &backups[1]);
        assert_eq!(content(&read_only(&restore_db)), contents[1]);

        let demo_db = dir("demo").join("caseload.db");
        let demo_took = demo(&demo_db, CLIENTS, 9);
        remove_db(&demo_db);

        let mut w = World {
            main,
            clients: CLIENTS,
            out: dir("out"),
            backup_took,
            import: Import {
                db: import_db,
                pristine,
                file,
                before,
                after,
                took,
            },
            restore: Restore {
                dir: restore_dir,
                db: restore_db,
                files: backups,
                contents,
                from_to: (0, 1),
                took: restore_took,
            },
            demo: Demo {
                db: demo_db,
                took: demo_took,
            },
            _root: root,
        };
        w.reset_import();
        w
    }

    /// The backups folder of the app's database.
    pub fn backups(&self) -> PathBuf {
        self.main.with_file_name("backups")
    }

    pub fn remove_backups(&self) {
        match std::fs::remove_dir_all(self.backups()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("{e}"),
        }
    }

    /// Whether the backups folder holds a finished backup (with its checksum).
    pub fn has_backup_today(&self) -> bool {
        std::fs::read_dir(self.backups()).is_ok_and(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".sha256"))
        })
    }

    /// The app's write-ahead log.
    pub fn wal(&self) -> PathBuf {
        self.main.with_file_name("caseload.db-wal")
    }

    fn reset_import(&mut self) {
        remove_db(&self.import.db);
        std::fs::copy(&self.import.pristine, &self.import.db).unwrap();
    }

    /// `caseload import FILE` on a database without it, and how long it takes.
    pub fn import_command(&mut self) -> (Command, Duration) {
        if shape(&read_only(&self.import.db)) == self.import.after {
            self.reset_import();
        }
        let mut c = caseload(&self.import.db);
        c.arg("import").arg(&self.import.file);
        (c, self.import.took)
    }

    /// After a killed import: all of it or nothing. Returns whether it landed.
    pub fn import_landed(&self, when: &str) -> bool {
        let now = shape(&read_only(&self.import.db));
        assert!(
            now == self.import.before || now == self.import.after,
            "{when}: half an import: {now:?}, before {:?}, after {:?}",
            self.import.before,
            self.import.after
        );
        assert_sound(&self.import.db, when);
        now == self.import.after
    }

    /// `caseload restore FILE` of the backup that is not in place.
    pub fn restore_command(&mut self, when: &str) -> (Command, Duration) {
        let now = content(&read_only(&self.restore.db));
        let from = self
            .restore
            .contents
            .iter()
            .position(|c| *c == now)
            .unwrap_or_else(|| panic!("{when}: the restored database is neither backup"));
        self.restore.from_to = (from, 1 - from);
        let mut c = caseload(&self.restore.db);
        c.arg("restore").arg(&self.restore.files[1 - from]);
        (c, self.restore.took)
    }

    /// After a killed restore: the database as it was, or the whole backup.
    pub fn restore_landed(&self, when: &str) -> bool {
        let now = content(&read_only(&self.restore.db));
        let (from, to) = self.restore.from_to;
        assert!(
            now == self.restore.contents[from] || now == self.restore.contents[to],
            "{when}: half a restore"
        );
        assert_sound(&self.restore.db, when);
        now == self.restore.contents[to]
    }

    /// `caseload backup` into the folder, or to a new file in `out`.
    pub fn backup_command(&self, to_file: bool, round: usize) -> (Command, Duration) {
        let mut c = caseload(&self.main);
        c.arg("backup");
        if to_file {
            c.arg(self.out.join(format!("copy-{round}.db")));
        }
        (c, self.backup_took)
    }

    fn demo_clients(&self) -> Option<i64> {
        let conn = read_only(&self.demo.db);
        conn.query_row("SELECT count(*) FROM client", [], |r| r.get(0))
            .ok()
    }

    /// `caseload demo` on a database without clients (a new one, or one a kill left empty).
    pub fn demo_command(&self) -> (Command, Duration) {
        if self.demo.db.exists() && self.demo_clients() == Some(CLIENTS) {
            remove_db(&self.demo.db);
        }
        let mut c = caseload(&self.demo.db);
        c.args(["demo", "--clients", &CLIENTS.to_string(), "--seed", "9"]);
        (c, self.demo.took)
    }

    /// After a killed demo: no file, an empty one, or one with no clients or all of them.
    pub fn demo_whole_or_empty(&self, when: &str) {
        if !self.demo.db.exists() || std::fs::metadata(&self.demo.db).unwrap().len() == 0 {
            return;
        }
        let conn = read_only(&self.demo.db);
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        drop(conn);
        if version < caseload::store::latest_version() {
            // Killed while the schema was being made: the next start goes on with it.
            return;
        }
        let clients = self.demo_clients();
        assert!(
            clients == Some(0) || clients == Some(CLIENTS),
            "{when}: half a demo: {clients:?} clients"
        );
        assert_sound(&self.demo.db, when);
    }

    /// The next run of each command after the last kills: each ends well and whole.
    pub fn finish(&mut self) {
        let (c, _) = self.import_command();
        run(c, "import after the kills");
        assert!(self.import_landed("the last import"));
        let (c, _) = self.restore_command("the last restore");
        run(c, "restore after the kills");
        assert!(self.restore_landed("the last restore"));
        let (c, _) = self.demo_command();
        run(c, "demo after the kills");
        assert_eq!(self.demo_clients(), Some(CLIENTS));
        assert_sound(&self.demo.db, "the last demo");
    }
}
