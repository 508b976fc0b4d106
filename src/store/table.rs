//! One column list per table: the SQL that selects, inserts and updates a record is made
//! from it, columns are read by name, and parameters are given by name, so a new column is
//! added in one list (and its struct field) and SQL, reads and writes follow.

use rusqlite::CachedStatement;
use rusqlite::types::ToSql;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A table and the columns of its record (besides its key, and the `created_at` stamp).
pub struct Table {
    pub name: &'static str,
    /// The column a record is found by (`id`, or `episode_id` for one record per episode).
    pub key: &'static str,
    pub cols: &'static [&'static str],
    /// Whether rows carry a `created_at` stamp written on insert.
    pub stamped: bool,
}

/// Named parameters: `(":col", value)`.
pub type Params<'a> = Vec<(&'a str, &'a dyn ToSql)>;

/// The statements a table's SQL is made for.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Statement {
    Insert,
    InsertWithKey,
    Update,
    Upsert,
}

/// A table's name, the address of its column list and a statement.
type MadeKey = (&'static str, usize, Statement);

thread_local! {
    /// The SQL of each table's statements, made once per thread: made at every write, it
    /// took a tenth of the time of a bulk load. Keyed by the table's name and column list
    /// (two lists of one table are two tables).
    static MADE: RefCell<HashMap<MadeKey, Rc<str>>> = RefCell::default();
}

/// The statements of the tables' typed writes a transaction ran, held by it until it ends
/// (then back in the connection's cache): each write finds its statement by the table and
/// the kind of statement, not by its SQL, which the connection's cache hashes and compares
/// at every look-up and again when it is given back (a tenth of the work of writing a
/// row in a bulk load).
#[derive(Default)]
pub(super) struct Prepared<'c>(RefCell<HashMap<MadeKey, CachedStatement<'c>>>);

impl Table {
    /// `key, col1, col2, …`; with an alias `a.key AS key, …`, so that a join's columns
    /// keep their names (SQLite leaves the name of a column without `AS` unspecified).
    pub fn select(&self, alias: &str) -> String {
        std::iter::once(self.key)
            .chain(self.cols.iter().copied())
            .map(|c| {
                if alias.is_empty() {
                    c.to_owned()
                } else {
                    format!("{alias}.{c} AS {c}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn make_insert(&self) -> String {
        let mut cols: Vec<&str> = self.cols.to_vec();
        if self.stamped {
            cols.push("created_at");
        }
        let names = cols.join(", ");
        let values = cols
            .iter()
            .map(|c| format!(":{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("INSERT INTO {} ({names}) VALUES ({values})", self.name)
    }

    fn make_insert_with_key(&self) -> String {
        let mut cols = vec![self.key];
        cols.extend(self.cols.iter().copied());
        if self.stamped {
            cols.push("created_at");
        }
        let values = cols
            .iter()
            .map(|c| format!(":{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "INSERT INTO {} ({}) VALUES ({values})",
            self.name,
            cols.join(", ")
        )
    }

    fn make_update(&self) -> String {
        let set = self
            .cols
            .iter()
            .map(|c| format!("{c} = :{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "UPDATE {} SET {set} WHERE {k} = :{k}",
            self.name,
            k = self.key
        )
    }

    fn make_upsert(&self) -> String {
        let cols = std::iter::once(self.key)
            .chain(self.cols.iter().copied())
            .collect::<Vec<_>>();
        let values = cols
            .iter()
            .map(|c| format!(":{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let set = self
            .cols
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "INSERT INTO {} ({}) VALUES ({values}) ON CONFLICT ({}) DO UPDATE SET {set}",
            self.name,
            cols.join(", "),
            self.key
        )
    }

    /// The names of `statement`'s parameters in the order SQLite numbers them (that of
    /// their first place in its SQL).
    fn names(&self, statement: Statement) -> impl Iterator<Item = &'static str> {
        let key = matches!(statement, Statement::InsertWithKey | Statement::Upsert);
        let after = match statement {
            Statement::Update => Some(self.key),
            Statement::Insert | Statement::InsertWithKey if self.stamped => Some("created_at"),
            _ => None,
        };
        key.then_some(self.key)
            .into_iter()
            .chain(self.cols.iter().copied())
            .chain(after)
    }

    /// Runs `statement` in `tx` with `params`, its statement prepared once per connection
    /// and held by the transaction (see [`Prepared`]). They are bound by place when they
    /// come in the order of the statement's parameters (as a table's own list of values
    /// does), else by name: looking each up by its name was a twentieth of the work of
    /// writing demo clients.
    pub(super) fn run(
        &self,
        tx: &super::Tx,
        statement: Statement,
        params: &Params,
    ) -> super::Result<usize> {
        let mut held = tx.prepared.0.borrow_mut();
        let st = match held.entry(self.key(statement)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(tx.conn().prepare_cached(&self.made(statement))?)
            }
        };
        let mut names = self.names(statement);
        let in_order = params
            .iter()
            .all(|(n, _)| names.next().is_some_and(|c| n.strip_prefix(':') == Some(c)))
            && names.next().is_none();
        Ok(match in_order {
            true => st.execute(rusqlite::params_from_iter(params.iter().map(|(_, v)| v)))?,
            false => st.execute(params.as_slice())?,
        })
    }

    /// What `statement` of this table is known by: the table's name and column list.
    fn key(&self, statement: Statement) -> MadeKey {
        (self.name, self.cols.as_ptr() as usize, statement)
    }

    /// The SQL of `statement`, made the first time this thread asks.
    fn made(&self, statement: Statement) -> Rc<str> {
        MADE.with_borrow_mut(|made| {
            made.entry(self.key(statement))
                .or_insert_with(|| {
                    match statement {
                        Statement::Insert => self.make_insert(),
                        Statement::InsertWithKey => self.make_insert_with_key(),
                        Statement::Update => self.make_update(),
                        Statement::Upsert => self.make_upsert(),
                    }
                    .into()
                })
                .clone()
        })
    }

    #[cfg(test)]
    /// Checks that `params` name exactly the columns (tests; a mismatch is a programming
    /// error that SQLite would also report at the first use).
    pub fn covers(&self, params: &Params) -> bool {
        let mut named: Vec<&str> = params
            .iter()
            .map(|(n, _)| n.trim_start_matches(':'))
            .collect();
        let mut cols: Vec<&str> = self.cols.to_vec();
        named.sort_unstable();
        cols.sort_unstable();
        named == cols
    }
}

impl super::Tx<'_> {
    /// Inserts a record whose key is given (`(":key", value)`), stamped when the table is;
    /// not audited (the caller says when the record is whole). The values in the order of
    /// the statement's parameters: key, columns, stamp.
    pub(super) fn insert_keyed(
        &self,
        table: &Table,
        key: (&str, &dyn ToSql),
        params: Params<'_>,
    ) -> super::Result<()> {
        let mut all: Params = Vec::with_capacity(params.len() + 2);
        all.push(key);
        all.extend(params);
        if table.stamped {
            all.push((":created_at", &self.now));
        }
        table.run(self, Statement::InsertWithKey, &all)?;
        Ok(())
    }

    /// Inserts a record (stamped when the table is), audited; returns its id.
    pub(super) fn insert_row(&self, table: &Table, params: Params<'_>) -> super::Result<i64> {
        let mut all: Params = params.iter().map(|(n, v)| (*n, *v)).collect();
        if table.stamped {
            all.push((":created_at", &self.now));
        }
        table.run(self, Statement::Insert, &all)?;
        let id = self.conn().last_insert_rowid();
        self.audit(table.name, id, "create")?;
        Ok(id)
    }

    /// Updates the record with key `id`, audited.
    pub(super) fn update_row(
        &self,
        table: &Table,
        id: i64,
        params: Params<'_>,
    ) -> super::Result<()> {
        let key = format!(":{}", table.key);
        let mut all: Params = params.iter().map(|(n, v)| (*n, *v)).collect();
        all.push((&key, &id));
        table.run(self, Statement::Update, &all)?;
        self.audit(table.name, id, "update")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Table = Table {
        name: "goal",
        key: "id",
        cols: &["term", "text"],
        stamped: true,
    };

    #[test]
    fn the_sql_comes_from_the_one_list() {
        assert_eq!(T.select(""), "id, term, text");
        assert_eq!(T.select("g"), "g.id AS id, g.term AS term, g.text AS text");
        assert_eq!(
            &*T.made(Statement::Insert),
            "INSERT INTO goal (term, text, created_at) VALUES (:term, :text, :created_at)"
        );
        assert_eq!(
            &*T.made(Statement::Update),
            "UPDATE goal SET term = :term, text = :text WHERE id = :id"
        );
        assert_eq!(
            &*T.made(Statement::Upsert),
            "INSERT INTO goal (id, term, text) VALUES (:id, :term, :text) \
             ON CONFLICT (id) DO UPDATE SET term = excluded.term, text = excluded.text"
        );
    }

    #[test]
    fn the_parameters_bound_by_place_are_those_of_the_sql_in_its_order() {
        let statements = [
            Statement::Insert,
            Statement::InsertWithKey,
            Statement::Update,
            Statement::Upsert,
        ];
        for stamped in [true, false] {
            // Another name: the SQL made is kept by name and column list.
            let name = if stamped { "goal" } else { "unstamped_goal" };
            let t = Table { name, stamped, ..T };
            for st in statements {
                let sql = t.made(st);
                let mut seen: Vec<&str> = Vec::new();
                for part in sql.split(':').skip(1) {
                    let name = part
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap();
                    if !seen.contains(&name) {
                        seen.push(name);
                    }
                }
                assert_eq!(t.names(st).collect::<Vec<_>>(), seen, "{sql}");
            }
        }
    }
}
