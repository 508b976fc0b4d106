//! What was typed into forms, key by key, so that a draft found after a kill can be told
//! apart from garbage: it must be the form as it stood after some key that was typed.

use rusqlite::Connection;
use serde_json::Value;
use std::collections::BTreeMap;

/// The typed fields of a form after some key: field key → value.
pub type State = BTreeMap<String, String>;

/// One opening of a form and what was typed into it, state by state.
#[derive(Clone, Debug)]
pub struct Session {
    /// The form's kind, as drafts name it (`note`, `intake`).
    pub form: &'static str,
    /// The state after each step; the first is the empty form.
    pub states: Vec<State>,
}

impl Session {
    pub fn new(form: &'static str) -> Session {
        Session {
            form,
            states: vec![State::new()],
        }
    }

    /// A choice picked in a field: one step.
    pub fn pick(&mut self, field: &str, value: &str) {
        let mut s = self.last().clone();
        s.insert(field.into(), value.into());
        self.states.push(s);
    }

    /// Text typed into a field, one step per character.
    pub fn typed(&mut self, field: &str, text: &str) {
        for c in text.chars() {
            let mut s = self.last().clone();
            s.entry(field.into()).or_default().push(c);
            self.states.push(s);
        }
    }

    pub fn last(&self) -> &State {
        self.states.last().unwrap()
    }

    /// The fields this session typed into.
    fn fields(&self) -> Vec<&String> {
        self.last().keys().collect()
    }

    /// The index of the state a draft holds (its typed fields, the others ignored).
    pub fn matches(&self, draft: &Value) -> Option<usize> {
        let values = draft.get("values")?.as_object()?;
        let found = |k: &String| values.get(k).and_then(Value::as_str).unwrap_or("");
        self.states.iter().rposition(|s| {
            self.fields()
                .into_iter()
                .all(|k| found(k) == s.get(k).map_or("", String::as_str))
        })
    }
}

/// The drafts of a form in the database, parsed (panics on one that is not JSON).
pub fn drafts_of(conn: &Connection, form: &str, when: &str) -> Vec<Value> {
    let mut st = conn
        .prepare("SELECT data FROM draft WHERE form = ?1")
        .unwrap();
    let rows: Vec<String> = st
        .query_map([form], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.iter()
        .map(|d| {
            let v: Value = serde_json::from_str(d)
                .unwrap_or_else(|e| panic!("{when}: a {form} draft is not JSON ({e})"));
            assert!(
                v.get("values").is_some_and(Value::is_object) && v["focus"].is_string(),
                "{when}: a {form} draft of another shape"
            );
            v
        })
        .collect()
}

/// The draft of the current state of `session`, if it is in the database.
pub fn holds(conn: &Connection, session: &Session) -> bool {
    let end = session.states.len() - 1;
    drafts_of(conn, session.form, "while typing")
        .iter()
        .any(|d| session.matches(d) == Some(end))
}
