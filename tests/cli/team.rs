//! `caseload report --team`: the report files of three caseworkers added up equal the
//! report of one database holding all three caseloads (counts added, shares recomputed),
//! for several draws of caseloads; a file with something personal in it, or of another
//! period, is refused. And `caseload summary`, the other half of handing a caseload over.

use crate::support::caseload;
use std::path::{Path, PathBuf};

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

const PERIOD: [&str; 4] = ["--from", "2024-01-01", "--to", "2026-11-23"];

/// The report of `db` as JSON, written to `out`.
fn report_file(db: &Path, out: &Path) -> serde_json::Value {
    let mut args = vec!["report", "--json"];
    args.extend(PERIOD);
    let text = ok(&caseload(db, &args));
    std::fs::write(out, &text).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The tables without what differs by design: the norm (a team's is its members' added)
/// and the caseload against it, the rows' order (most exits first), and averages, which
/// are compared to a tenth.
fn comparable(mut doc: serde_json::Value) -> (serde_json::Value, Vec<(String, f64)>) {
    let tables = doc["tables"].as_object_mut().unwrap();
    let mut averages = Vec::new();
    for (code, t) in tables.iter_mut() {
        let t = t.as_object_mut().unwrap();
        t.remove("order");
        let rows = t["rows"].as_object_mut().unwrap();
        if code == "caseload" {
            rows.remove("norm");
            rows.remove("of_norm");
        }
        for (row, r) in rows.iter_mut() {
            if let Some(avg) = r.as_object_mut().unwrap().remove("average_months") {
                averages.push((format!("{code}.{row}"), avg.as_f64().unwrap_or(-1.0)));
            }
        }
    }
    averages.sort_by(|a, b| a.0.cmp(&b.0));
    (doc, averages)
}

#[test]
fn a_team_report_equals_the_report_of_the_three_caseloads_together() {
    for seeds in [[3u64, 5, 8], [13, 21, 34]] {
        let dir = tempfile::tempdir().unwrap();
        let together = dir.path().join("together.db");
        let mut files: Vec<PathBuf> = Vec::new();
        for (i, seed) in seeds.iter().enumerate() {
            let db = dir.path().join(format!("worker{i}.db"));
            let seed = seed.to_string();
            ok(&caseload(
                &db,
                &["demo", "--clients", "40", "--seed", &seed],
            ));
            let export = dir.path().join(format!("worker{i}.json"));
            ok(&caseload(
                &db,
                &["export", "--out", export.to_str().unwrap()],
            ));
            ok(&caseload(&together, &["import", export.to_str().unwrap()]));
            let file = dir.path().join(format!("report{i}.json"));
            report_file(&db, &file);
            files.push(file);
        }
        let expected = report_file(&together, &dir.path().join("together.json"));
        let mut args = vec!["report", "--team"];
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        let team: serde_json::Value =
            serde_json::from_str(&ok(&caseload(&together, &args))).unwrap();
        // The norm is the three members' added up.
        assert_eq!(team["tables"]["caseload"]["rows"]["norm"]["clients"], 210);
        let (team, team_avg) = comparable(team);
        let (expected, expected_avg) = comparable(expected);
        assert_eq!(team, expected, "seeds {seeds:?}");
        assert_eq!(team_avg.len(), expected_avg.len());
        for ((k, a), (_, b)) in team_avg.iter().zip(&expected_avg) {
            assert!((a - b).abs() <= 0.11, "{k}: {a} against {b}");
        }
    }
}

#[test]
fn a_report_file_with_a_bsn_or_of_another_period_is_refused_without_repeating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(&caseload(&db, &["demo", "--clients", "10"]));
    let good = dir.path().join("good.json");
    let mut doc = report_file(&db, &good);
    doc["tables"]["trajectories"]["title"] = "Trajecten 999993654".into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    let out = caseload(
        &db,
        &[
            "report",
            "--team",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.json") && err.contains(".tables.trajectories.title"),
        "{err}"
    );
    assert!(!err.contains("999993654"), "{err}");
    let other = dir.path().join("other.json");
    let text = ok(&caseload(&db, &["report", "--json"]));
    std::fs::write(&other, text).unwrap();
    let out = caseload(
        &db,
        &[
            "report",
            "--team",
            good.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("another period"));
}

#[test]
fn summary_writes_a_clients_story_as_markdown_with_the_bsn_masked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(&caseload(&db, &["demo", "--clients", "5"]));
    let export: serde_json::Value = serde_json::from_str(&ok(&caseload(&db, &["export"]))).unwrap();
    let bsn = export["clients"][0]["bsn"].as_str().unwrap().to_owned();
    let file = dir.path().join("bsn");
    std::fs::write(&file, format!("{bsn}\n")).unwrap();
    let out = dir.path().join("summary.md");
    ok(&caseload(
        &db,
        &[
            "summary",
            "--client-file",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# Summary\n") && md.contains("## Who"),
        "{md}"
    );
    assert!(
        md.contains(&format!("******{}", &bsn[6..])) && !md.contains(&bsn),
        "{md}"
    );
}
