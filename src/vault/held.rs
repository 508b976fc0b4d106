//! The data keys this process has unlocked, by id: every connection to a database whose
//! key file names one of them (the caseload, its background readers, its backups) is
//! given it; a database whose key is not held is locked.

use super::DataKey;
use std::sync::Mutex;

static HELD: Mutex<Vec<DataKey>> = Mutex::new(Vec::new());

/// Keeps `key` for the connections this process opens from now on.
pub fn hold(key: DataKey) {
    let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
    if !held.iter().any(|k| k.id() == key.id()) {
        held.push(key);
    }
}

/// The held key with this id.
pub fn get(id: &str) -> Option<DataKey> {
    let held = HELD.lock().unwrap_or_else(|p| p.into_inner());
    held.iter().find(|k| k.id() == id).cloned()
}
