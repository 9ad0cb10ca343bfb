//! Training side: an averaged multi-class perceptron with lazily updated averages.

use super::Weights;

/// A perceptron under training. Each feature bucket holds one weight per class.
///
/// Averaging uses the usual lazy trick: every weight remembers when it last changed and the
/// running total is brought up to date only on change, so an update costs O(features).
#[derive(Debug, Clone)]
pub struct Perceptron {
    bits: u32,
    classes: usize,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    clock: u32,
}

impl Perceptron {
    /// A zero model with `2^bits` feature buckets and `classes` classes.
    pub fn new(bits: u32, classes: usize) -> Self {
        let n = (1usize << bits.clamp(1, 30)) * classes;
        Perceptron {
            bits,
            classes,
            w: vec![0.0; n],
            total: vec![0.0; n],
            stamp: vec![0; n],
            clock: 0,
        }
    }

    /// Bits of the bucket table: pass to [`super::hash::bucket`].
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Current (not averaged) scores of every class for the given feature buckets.
    pub fn scores(&self, feats: &[u32], out: &mut [f32]) {
        out.iter_mut().for_each(|s| *s = 0.0);
        for &f in feats {
            let base = f as usize * self.classes;
            if let Some(row) = self.w.get(base..base + self.classes) {
                for (s, w) in out.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// Counts one training example seen; call once per example, before any [`Self::update`].
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Moves weight towards `truth` and away from `guess` (no-op when they agree).
    pub fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let i = f as usize * self.classes + class;
                if let (Some(w), Some(t), Some(s)) = (
                    self.w.get_mut(i),
                    self.total.get_mut(i),
                    self.stamp.get_mut(i),
                ) {
                    *t += f64::from(*w) * f64::from(self.clock - *s);
                    *s = self.clock;
                    *w += delta;
                }
            }
        }
    }

    /// The averaged weights, quantised for shipping.
    pub fn averaged(&self) -> Weights {
        let clock = f64::from(self.clock.max(1));
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((&w, &t), &s)| ((t + f64::from(w) * f64::from(self.clock - s)) / clock) as f32)
            .collect();
        Weights::quantise(self.bits, self.classes, &avg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash;

    #[test]
    fn learns_a_separable_problem() {
        // Class 1 when feature "a" is present, class 0 when "b" is.
        let a = hash::bucket(1, hash::bytes(hash::SEED, b"a"), 8);
        let b = hash::bucket(1, hash::bytes(hash::SEED, b"b"), 8);
        let mut p = Perceptron::new(8, 2);
        let mut s = [0.0; 2];
        for _ in 0..5 {
            for (f, truth) in [(a, 1), (b, 0)] {
                p.tick();
                p.scores(&[f], &mut s);
                let guess = usize::from(s[1] > s[0]);
                p.update(&[f], truth, guess);
            }
        }
        let w = p.averaged();
        assert_eq!(w.best(&[a], |_| true), Some(1));
        assert_eq!(w.best(&[b], |_| true), Some(0));
    }
}
