//! A small, generic learner: multi-class averaged perceptron over hashed features.
//!
//! Nothing here knows about entities. A caller turns whatever it classifies (a token, a
//! speaker candidate) into a list of feature buckets with [`hash`], scores the classes with
//! [`Weights`] at run time, and trains with [`Perceptron`] offline. Weights ship compactly
//! (quantised to `i16`, zero runs compressed) and load from bytes compiled into the binary.
//!
//! Why a perceptron: it trains in seconds, needs no dependencies, and the averaged variant is
//! within a point or two of CRFs on tagging tasks with the same features (Collins 2002).

pub mod hash;
mod perceptron;
mod weights;

pub use perceptron::Perceptron;
pub use weights::Weights;
