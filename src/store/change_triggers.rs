//! The change log's temporary triggers: for every logged table, one per insert, update and
//! delete that keeps the row before and after (JSON) with the client it belongs to.

use super::Result;
use rusqlite::Connection;

/// Tables that are not client data, or are the log itself: never logged.
const NOT_LOGGED: [&str; 8] = [
    "agenda_item",
    "draft",
    "audit_log",
    "change_set",
    "change_row",
    "roster",
    "roster_stale",
    "roster_rule",
];

/// A logged table: its columns and the columns of its primary key.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) name: String,
    pub(super) cols: Vec<String>,
    pub(super) pk: Vec<String>,
}

pub(super) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables that are logged, with their columns and primary keys (ordinary tables only:
/// the search index and its shadow tables follow the logged ones by their own triggers).
pub(super) fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let mut names: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names.retain(|n| !NOT_LOGGED.contains(&n.as_str()));
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let mut cols = Vec::new();
        let mut pk: Vec<(i64, String)> = Vec::new();
        let mut st = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
        let rows = st.query_map([&name], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (col, key) = row?;
            if key > 0 {
                pk.push((key, col.clone()));
            }
            cols.push(col);
        }
        pk.sort();
        out.push(Table {
            name,
            cols,
            pk: pk.into_iter().map(|(_, c)| c).collect(),
        });
    }
    Ok(out)
}

/// An SQL expression for the client a row of `table` belongs to (`row` names the row, such
/// as `NEW`), following foreign keys up to `client`; `None` when there is no way up.
pub(super) fn client_of(
    conn: &Connection,
    all: &[Table],
    table: &str,
    row: &str,
    depth: usize,
) -> Option<String> {
    if table == "client" {
        return Some(format!("{row}.\"id\""));
    }
    let t = all.iter().find(|t| t.name == table)?;
    if t.cols.iter().any(|c| c == "client_id") {
        return Some(format!("{row}.\"client_id\""));
    }
    if depth > 4 {
        return None;
    }
    let fks: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id")
        .ok()?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .ok()?
        .collect::<rusqlite::Result<_>>()
        .ok()?;
    // Every way up (an agreement's episode, or the note it was made in), the first that
    // leads somewhere.
    let mut ways = Vec::new();
    for (parent, from, to) in fks {
        let alias = format!("p{depth}");
        let Some(inner) = client_of(conn, all, &parent, &alias, depth + 1) else {
            continue;
        };
        let Some(to) = to.or_else(|| all.iter().find(|t| t.name == parent)?.pk.first().cloned())
        else {
            continue;
        };
        ways.push(format!(
            "(SELECT {inner} FROM main.{} {alias} WHERE {alias}.{} = {row}.{})",
            quote(&parent),
            quote(&to),
            quote(&from)
        ));
    }
    match ways.len() {
        0 => None,
        1 => ways.pop(),
        _ => Some(format!("coalesce({})", ways.join(", "))),
    }
}

/// `json_object('a', NEW."a", …)` of a row.
fn json_of(t: &Table, row: &str) -> String {
    let pairs: Vec<String> = t
        .cols
        .iter()
        .map(|c| format!("'{}', {row}.{}", c.replace('\'', "''"), quote(c)))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The temporary triggers that log every row the connection changes inside a save.
/// Inside a trigger, SQLite (as SQLCipher builds it) refuses a schema name on the table an
/// INSERT or UPDATE writes: `current_set` is found in `temp` and `change_row` in `main`
/// by SQLite's own search order (temp, then main).
pub(super) fn triggers(conn: &Connection) -> Result<String> {
    let all = tables(conn)?;
    // The set's client is remembered before a row is deleted, for the rows a cascade then
    // deletes below it (their parent is gone by the time they are logged).
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS current_set (id INTEGER NOT NULL, client_id INTEGER);\n",
    );
    let set = "(SELECT id FROM temp.current_set)";
    let set_client = "(SELECT client_id FROM temp.current_set)";
    for t in &all {
        let name = t.name.replace('\'', "''");
        if let Some(client) = client_of(conn, &all, &t.name, "OLD", 0) {
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS {trigger} BEFORE DELETE ON main.{table} \
                 WHEN {set} IS NOT NULL BEGIN \
                 UPDATE current_set SET client_id = coalesce({client}, client_id); END;\n",
                trigger = quote(&format!("change_{}_before_delete", t.name)),
                table = quote(&t.name),
            ));
        }
        for (op, event, row) in [
            ("insert", "INSERT", "NEW"),
            ("update", "UPDATE", "NEW"),
            ("delete", "DELETE", "OLD"),
        ] {
            let client = match client_of(conn, &all, &t.name, row, 0) {
                Some(c) => format!("coalesce({c}, {set_client})"),
                None => set_client.to_owned(),
            };
            let (before, after) = match op {
                "insert" => ("NULL".to_owned(), json_of(t, "NEW")),
                "update" => (json_of(t, "OLD"), json_of(t, "NEW")),
                _ => (json_of(t, "OLD"), "NULL".to_owned()),
            };
            let mut when = format!("{set} IS NOT NULL");
            if op == "update" {
                let changed: Vec<String> = t
                    .cols
                    .iter()
                    .map(|c| format!("OLD.{0} IS NOT NEW.{0}", quote(c)))
                    .collect();
                when.push_str(&format!(" AND ({})", changed.join(" OR ")));
            }
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON main.{table} \
                 WHEN {when} BEGIN \
                 INSERT INTO change_row (set_id, tbl, op, before, after, client_id) \
                 VALUES ({set}, '{name}', '{op}', {before}, {after}, {client}); END;\n",
                trigger = quote(&format!("change_{}_{op}", t.name)),
                table = quote(&t.name),
            ));
        }
    }
    Ok(sql)
}
