//! Scenarios a lecturer loaded from a file or pasted, kept in this browser's `localStorage`
//! so that their links (`#scenario=user:<id>`) still open after a reload.

use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// The `localStorage` key.
pub const KEY: &str = "quorumscope.lecture.saved";
/// At most this many are kept (the oldest goes first).
const MAX_SAVED: usize = 20;

/// One saved scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The id in links, without the `user:` prefix.
    pub id: String,
    pub file: String,
    pub text: String,
    pub title: String,
}

/// Every saved scenario, oldest first. A damaged entry in storage reads as none.
pub fn all() -> Vec<Saved> {
    LocalStorage::get::<Vec<Saved>>(KEY).unwrap_or_default()
}

/// The saved scenario `id`, if there is one.
pub fn get(id: &str) -> Option<Saved> {
    all().into_iter().find(|s| s.id == id)
}

/// An id for `file`: its name without `.scn`, in letters, digits, `-` and `_`.
pub fn id_for(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let base = base.strip_suffix(".scn").unwrap_or(base);
    let id: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    if id.is_empty() {
        "scenario".into()
    } else {
        id
    }
}

/// Saves (or replaces) a scenario; returns its id. Storage failures (quota, private mode)
/// are reported, and the scenario is still shown for this visit.
pub fn put(file: &str, text: &str, title: &str) -> (String, Result<(), String>) {
    let id = id_for(file);
    let mut list = all();
    list.retain(|s| s.id != id);
    list.push(Saved {
        id: id.clone(),
        file: file.to_string(),
        text: text.to_string(),
        title: title.to_string(),
    });
    while list.len() > MAX_SAVED {
        list.remove(0);
    }
    let res = LocalStorage::set(KEY, &list).map_err(|e| e.to_string());
    (id, res)
}

/// Forgets saved scenario `id`.
pub fn remove(id: &str) {
    let mut list = all();
    list.retain(|s| s.id != id);
    let _ = LocalStorage::set(KEY, &list);
}
