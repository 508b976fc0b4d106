//! BSNs on the command line: a mistake names the option or position, never the value typed
//! there; `export --client` asks for the BSN without showing it, or reads it from standard
//! input or `--client-file`, and `--client BSN` is refused (the process list and the shell
//! history would keep it).

use crate::harness as pty;

use caseload::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A valid BSN that is nobody's in the demo data.
const STRAY: &str = "123456782";

fn caseload(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseload"));
    c.arg("--db").arg(db).args(["--lang", "en"]);
    c
}

fn run(db: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = caseload(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// A demo caseload of 5 clients, and the BSN of its first client.
fn demo(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("c.db");
    let mut store = Store::open(&db).unwrap();
    caseload::demo::generate(&mut store, 5, 2, today()).unwrap();
    let bsn = store
        .client(1)
        .unwrap()
        .unwrap()
        .person
        .bsn
        .as_str()
        .to_owned();
    (db, bsn)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn err(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_mistake_on_the_command_line_never_echoes_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo(dir.path());
    let cases: [(&[&str], &str); 8] = [
        (&["export", STRAY], "argument 6 is not expected there"),
        (&[STRAY], "argument 5 is not a command"),
        (&["agenda", STRAY], "argument 6 is not expected there"),
        (&["agenda", "--days", STRAY], "--days: not a valid value"),
        (&["report", "--json", "--csv", STRAY], "caseload: "),
        (
            &["import", "x.json", STRAY],
            "argument 7 is not expected there",
        ),
        (&[&format!("--{STRAY}")], "argument 5"),
        (&["export", &format!("--out={STRAY}"), STRAY], "argument 7"),
    ];
    for (args, said) in cases {
        let out = run(&db, args, b"");
        let e = err(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {e}");
        assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
        assert!(e.contains(said), "{args:?}: want {said:?} in {e}");
        assert!(!e.contains(STRAY), "{args:?} echoed: {e}");
        assert!(out.stdout.is_empty());
    }
    // In Dutch too, and help still works.
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["--lang", "nl", "export", STRAY])
        .output()
        .unwrap();
    assert!(
        err(&out).contains("argument 4 hoort daar niet"),
        "{}",
        err(&out)
    );
    let out = caseload(&db).args(["export", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--client-file <FILE>"), "{help}");
}

#[test]
fn client_with_a_bsn_on_the_command_line_is_refused_without_repeating_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, bsn) = demo(dir.path());
    let file = dir.path().join("out.json");
    let joined = format!("--client={bsn}");
    for client in [vec!["--client", bsn.as_str()], vec![joined.as_str()]] {
        let mut args = vec!["export", "--out", file.to_str().unwrap()];
        args.extend(client);
        let out = run(&db, &args, b"");
        let e = err(&out);
        assert_eq!(out.status.code(), Some(2), "{e}");
        assert!(
            e.contains("--client takes no BSN on the command line"),
            "{e}"
        );
        assert!(e.contains("--client-file"), "{e}");
        assert!(!e.contains(&bsn), "{e}");
        assert!(!file.exists());
    }
}

#[test]
fn the_bsn_comes_from_standard_input_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, bsn) = demo(dir.path());
    let whole = caseload(&db).arg("export").output().unwrap();
    assert!(whole.status.success());
    let one = |args: &[&str], stdin: &str| {
        let out = run(&db, args, stdin.as_bytes());
        assert!(out.status.success(), "{args:?}: {}", err(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let clients = doc["clients"].as_array().unwrap().clone();
        assert_eq!(clients.len(), 1, "{args:?}");
        assert_eq!(clients[0]["bsn"], bsn.as_str());
    };
    one(&["export", "--client"], &format!("{bsn}\n"));
    one(&["export", "--client-file", "-"], &format!(" {bsn} \n"));
    let file = dir.path().join("bsn.txt");
    std::fs::write(&file, format!("{bsn}\nignored\n")).unwrap();
    one(&["export", "--client-file", file.to_str().unwrap()], "");
    // A BSN that is no client, or no BSN at all, is refused without repeating it.
    for (stdin, said) in [
        (format!("{STRAY}\n"), "there is no client with this BSN"),
        ("12345\n".to_owned(), "--client: "),
        ("\n".to_owned(), "no BSN was given"),
    ] {
        let out = run(&db, &["export", "--client"], stdin.as_bytes());
        let e = err(&out);
        assert_eq!(out.status.code(), Some(1), "{e}");
        assert!(e.contains(said), "{said:?} in {e}");
        assert!(!e.contains(STRAY) && !e.contains("12345"), "{e}");
    }
    let missing = dir.path().join("none.txt");
    let out = run(
        &db,
        &["export", "--client-file", missing.to_str().unwrap()],
        b"",
    );
    assert!(err(&out).contains("there is no such file"), "{}", err(&out));
}

#[test]
fn at_a_terminal_the_bsn_is_asked_for_and_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (db, bsn) = demo(dir.path());
    let file = dir.path().join("one.json");
    let mut cmd = pty::caseload(&db);
    cmd.args(["export", "--client", "--out"]).arg(&file);
    let mut app = pty::spawn(cmd);
    app.wait_for("not shown as you type", 20);
    app.send(bsn.as_bytes());
    app.send(b"\r");
    let status = app.wait_exit(20);
    assert!(status.success(), "{}", app.plain());
    assert!(app.plain().contains("clients: 1"), "{}", app.plain());
    assert!(
        !app.plain().contains(&bsn),
        "the BSN was shown: {}",
        app.plain()
    );
    assert!(app.cooked(), "the terminal is left as it was");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["clients"][0]["bsn"], bsn.as_str());
}
