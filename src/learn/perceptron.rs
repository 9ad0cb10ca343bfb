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
        Weights::quantise(self.bits, self.classes, &self.averaged_real())
    }

    /// The averaged weights before quantising.
    fn averaged_real(&self) -> Vec<f32> {
        let clock = f64::from(self.clock.max(1));
        self.w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((&w, &t), &s)| ((t + f64::from(w) * f64::from(self.clock - s)) / clock) as f32)
            .collect()
    }

    /// The mean of the averaged weights of `models` (same shape, trained on the same
    /// examples in different orders), quantised: one model of the same size whose choices
    /// depend less on the order the examples came in. `None` when there are no models or
    /// their shapes differ.
    pub fn mean_of(models: &[Perceptron]) -> Option<Weights> {
        let first = models.first()?;
        if models
            .iter()
            .any(|m| m.bits != first.bits || m.classes != first.classes)
        {
            return None;
        }
        let mut sum = vec![0.0f32; first.w.len()];
        for m in models {
            for (s, a) in sum.iter_mut().zip(m.averaged_real()) {
                *s += a;
            }
        }
        let n = models.len() as f32;
        sum.iter_mut().for_each(|s| *s /= n);
        Some(Weights::quantise(first.bits, first.classes, &sum))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash;

    #[test]
    fn the_mean_of_one_model_is_that_model() {
        let a = hash::bucket(1, hash::bytes(hash::SEED, b"a"), 8);
        let mut p = Perceptron::new(8, 2);
        p.tick();
        p.update(&[a], 1, 0);
        let mut q = p.clone();
        q.tick();
        q.update(&[a], 0, 1);
        let one = Perceptron::mean_of(std::slice::from_ref(&p)).map(|w| w.to_bytes());
        assert_eq!(one, Some(p.averaged().to_bytes()));
        // Two models that disagree: the mean lies between them.
        let mean = Perceptron::mean_of(&[p.clone(), q.clone()]).unwrap_or_else(|| unreachable!());
        let (mut sp, mut sq, mut sm) = ([0i32; 2], [0i32; 2], [0i32; 2]);
        let (wp, wq) = (p.averaged(), q.averaged());
        wp.add_scores(&[a], &mut sp);
        wq.add_scores(&[a], &mut sq);
        mean.add_scores(&[a], &mut sm);
        let margin = |s: [i32; 2], w: &Weights| (s[1] - s[0]) as f32 * w.scale();
        let (mp, mq, mm) = (margin(sp, &wp), margin(sq, &wq), margin(sm, &mean));
        assert!(
            mp.min(mq) - 1e-3 <= mm && mm <= mp.max(mq) + 1e-3,
            "{mp} {mq} {mm}"
        );
        assert!(Perceptron::mean_of(&[]).is_none());
        assert!(Perceptron::mean_of(&[p, Perceptron::new(9, 2)]).is_none());
    }

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
