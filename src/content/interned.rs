//! Interned names: a million news articles name a few thousand tags, authors, sources and
//! categories between them, so each name is kept once and every article shares it.
//!
//! The sets are the process's, shared by every build: `serve` loads the same names again
//! with every change. Names no article holds any more are dropped whenever a set has
//! doubled since it was last swept, so a long session keeps what its site names, not
//! everything it ever saw.

use std::collections::HashSet;
use std::hash::Hash;
use std::sync::{Arc, LazyLock, Mutex};

use super::tags::TagName;

/// One set of shared values.
struct Interner<T: ?Sized> {
    inner: Mutex<Shared<T>>,
}

struct Shared<T: ?Sized> {
    set: HashSet<Arc<T>, ahash::RandomState>,
    /// The set's size after the last sweep.
    kept: usize,
}

/// Sets smaller than this are never swept.
const SWEEP_FROM: usize = 4096;

impl<T: ?Sized + Hash + Eq> Interner<T> {
    fn new() -> Interner<T> {
        Interner {
            inner: Mutex::new(Shared {
                set: HashSet::default(),
                kept: 0,
            }),
        }
    }

    /// The shared value equal to `value`, made with `make` the first time.
    fn get(&self, value: &T, make: impl FnOnce() -> Arc<T>) -> Arc<T> {
        // A panic elsewhere while holding the lock leaves a set that is still whole.
        let mut shared = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = shared.set.get(value) {
            return Arc::clone(found);
        }
        if shared.set.len() >= SWEEP_FROM.max(2 * shared.kept) {
            shared.set.retain(|v| Arc::strong_count(v) > 1);
            shared.kept = shared.set.len();
        }
        let made = make();
        shared.set.insert(Arc::clone(&made));
        made
    }
}

static NAMES: LazyLock<Interner<str>> = LazyLock::new(Interner::new);
static TAGS: LazyLock<Interner<TagName>> = LazyLock::new(Interner::new);

/// The shared copy of a name (an author, a source, a category).
pub fn name(name: &str) -> Arc<str> {
    NAMES.get(name, || Arc::from(name))
}

/// The shared copy of a tag.
pub fn tag(tag: TagName) -> Arc<TagName> {
    TAGS.get(&tag, || Arc::new(tag.clone()))
}

/// Serde helpers for interned fields: written as plain strings, shared again when read.
pub mod serde_names {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(names: &[Arc<str>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(names.iter().map(|n| &**n))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<[Arc<str>]>, D::Error> {
        // Read where they lie (the cache decodes from bytes in memory): a shared name
        // needs no string of its own.
        let names = Vec::<&'de str>::deserialize(d)?;
        Ok(names.iter().map(|n| super::name(n)).collect())
    }
}

/// See [`serde_names`].
pub mod serde_name {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(name: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
        name.as_deref().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Arc<str>>, D::Error> {
        Ok(Option::<&'de str>::deserialize(d)?.map(super::name))
    }
}

/// See [`serde_names`].
pub mod serde_tags {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    use crate::content::TagName;

    pub fn serialize<S: Serializer>(tags: &[Arc<TagName>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(tags.iter().map(|t| &**t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<[Arc<TagName>]>, D::Error> {
        let tags = Vec::<TagName>::deserialize(d)?;
        Ok(tags.into_iter().map(super::tag).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_are_one_allocation() {
        let a = name("Reni Erina");
        let b = name(&String::from("Reni Erina"));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &name("Reni")));
    }

    #[test]
    fn equal_tags_are_one_allocation_and_unequal_ones_stay_apart() {
        let tag_of = |name: &str, slug: &str| {
            tag(TagName {
                name: name.into(),
                slug: slug.into(),
            })
        };
        let a = tag_of("Amerika Latin", "amerika-latin");
        assert!(Arc::ptr_eq(&a, &tag_of("Amerika Latin", "amerika-latin")));
        // Same slug, another spelling: another tag as shown.
        let b = tag_of("amerika latin", "amerika-latin");
        assert!(!Arc::ptr_eq(&a, &b));
        assert_eq!(b.name, "amerika latin");
    }

    #[test]
    fn names_no_one_holds_are_swept_once_the_set_has_doubled() {
        let set: Interner<str> = Interner::new();
        let held: Vec<Arc<str>> = (0..SWEEP_FROM)
            .map(|i| {
                let n = format!("held {i}");
                set.get(&n, || Arc::from(n.as_str()))
            })
            .collect();
        for i in 0..SWEEP_FROM {
            let n = format!("dropped {i}");
            set.get(&n, || Arc::from(n.as_str()));
        }
        let shared = set.inner.lock().unwrap();
        // The sweep ran when the set first held SWEEP_FROM names, all of them held; the
        // dropped names since then wait for the set to double again.
        assert_eq!(shared.kept, SWEEP_FROM);
        assert_eq!(shared.set.len(), 2 * SWEEP_FROM);
        drop(shared);
        set.get("one more", || Arc::from("one more"));
        let shared = set.inner.lock().unwrap();
        assert_eq!(shared.set.len(), SWEEP_FROM + 1);
        assert!(held.iter().all(|h| shared.set.contains(h.as_ref())));
    }
}
