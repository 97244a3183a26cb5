//! The feed's list, kept in the page by hand. While a cluster plays, each panel update adds
//! a few lines at the end, changes the last one (a run that grew) and, now and then, drops
//! a chunk at the top. Doing exactly that costs one HTML parse for all the new lines and a
//! few removals; a component per line cost a parse, a temporary element and a component
//! life cycle for each (about 2.5 ms per update on the benchmark). Lines already in the page
//! are never replaced unless they changed, so the line under the reader's pointer stays.

use web_sys::Element;

/// More changed lines than this (a new language, say) and the list is rebuilt in one parse.
const REPLACE_MAX: usize = 8;

/// What the list holds: each line's key (its first event) and HTML, in order.
#[derive(Default)]
pub struct ListState {
    list: Option<Element>,
    lines: Vec<(u64, String)>,
}

/// The HTML of `lines`, one after the other.
fn joined(lines: &[(u64, String)]) -> String {
    lines.iter().map(|(_, h)| h.as_str()).collect()
}

impl ListState {
    /// Whether the line with key `k` is in the list.
    pub fn has(&self, k: u64) -> bool {
        self.lines.binary_search_by_key(&k, |(key, _)| *key).is_ok()
    }

    /// How many of `keys` are not in the list: the lines a sync to them would add.
    pub fn missing(&self, keys: impl Iterator<Item = u64>) -> usize {
        keys.filter(|&k| !self.has(k)).count()
    }

    /// Makes `list`'s children `lines` (key and HTML each, oldest first), changing as
    /// little of the page as it can.
    pub fn sync(&mut self, list: &Element, lines: Vec<(u64, String)>) {
        if self.list.as_ref() != Some(list) {
            // A new list element (the page showed "no events" in between): start afresh.
            self.list = Some(list.clone());
            self.lines.clear();
            list.set_inner_html("");
        }
        if self.patch(list, &lines).is_err() {
            list.set_inner_html(&joined(&lines));
        }
        self.lines = lines;
    }

    /// The small changes from `self.lines` to `lines`, or `Err` where only a rebuild will do.
    fn patch(&self, list: &Element, lines: &[(u64, String)]) -> Result<(), ()> {
        let cur = &self.lines;
        let (Some(first), Some(old_first)) = (lines.first(), cur.first()) else {
            return Err(());
        };
        // Align the starts: lines gone from the top, or older lines back above.
        let (mut cur, mut new) = (&cur[..], lines);
        if let Some(k) = cur.iter().position(|(key, _)| *key == first.0) {
            for _ in 0..k {
                if let Some(child) = list.first_element_child() {
                    child.remove();
                }
            }
            cur = &cur[k..];
        } else if let Some(j) = new.iter().position(|(key, _)| *key == old_first.0) {
            let _ = list.insert_adjacent_html("afterbegin", &joined(&new[..j]));
            new = &new[j..];
        } else {
            return Err(());
        }
        // The lines both have: the same keys in the same order, a few of them changed.
        let common = cur.len().min(new.len());
        if cur[..common]
            .iter()
            .zip(&new[..common])
            .any(|(a, b)| a.0 != b.0)
        {
            return Err(());
        }
        let changed = || (0..common).filter(|&i| cur[i].1 != new[i].1);
        if changed().count() > REPLACE_MAX {
            return Err(());
        }
        // The list's children from the first kept line on (the prepended ones come before).
        let skip = lines.len() - new.len();
        let mut child = list.first_element_child();
        for _ in 0..skip {
            child = child.and_then(|c| c.next_element_sibling());
        }
        let mut at = 0;
        for i in changed() {
            while at < i {
                child = child.and_then(|c| c.next_element_sibling());
                at += 1;
            }
            if let Some(c) = &child {
                let next = c.next_element_sibling();
                c.set_outer_html(&new[i].1);
                child = next;
                at += 1;
            }
        }
        // Lines no longer there at the end, or new ones.
        for _ in common..cur.len() {
            if let Some(last) = list.last_element_child() {
                last.remove();
            }
        }
        if new.len() > common {
            let _ = list.insert_adjacent_html("beforeend", &joined(&new[common..]));
        }
        Ok(())
    }
}
