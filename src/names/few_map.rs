//! A map for the handful of keys one text is mostly asked about: compared one by one while
//! few, which is faster than hashing them (SipHash, a hundred-odd instructions a key), and
//! hashed past [`FEW`], so that a text asked about many keys stays linear.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// How many keys are compared one by one before the rest are hashed.
const FEW: usize = 8;

/// A map of keys compared one by one while few, hashed past [`FEW`].
#[derive(Debug)]
pub(crate) struct FewMap<K, V> {
    few: Vec<(K, V)>,
    many: HashMap<K, V>,
}

impl<K, V> Default for FewMap<K, V> {
    fn default() -> Self {
        FewMap {
            few: Vec::new(),
            many: HashMap::new(),
        }
    }
}

impl<K: Eq + Hash, V> FewMap<K, V> {
    /// The value put under `key`, if any.
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        match self.few.iter().find(|(k, _)| k.borrow() == key) {
            Some((_, v)) => Some(v),
            None if self.many.is_empty() => None,
            None => self.many.get(key),
        }
    }

    /// Puts `value` under `key`, which must not be in the map yet.
    pub(crate) fn insert_new(&mut self, key: K, value: V) {
        if self.few.len() < FEW {
            self.few.push((key, value));
        } else {
            self.many.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys compared one by one and keys hashed find what was put under them, and nothing
    /// else.
    #[test]
    fn keys_are_found_whether_compared_or_hashed() {
        let mut map = FewMap::default();
        let keys: Vec<String> = (0..3 * FEW).map(|i| format!("k{i}")).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(map.get(k.as_str()).is_none());
            map.insert_new(k.clone(), i);
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k.as_str()), Some(&i), "{k}");
        }
        assert!(map.get("k").is_none());
    }
}
