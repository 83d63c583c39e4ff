//! The engine shared by a running front end, swapped atomically when the knowledge changes.

use std::sync::Arc;

use arc_swap::ArcSwap;

use crate::engine::Engine;

/// The current engine. A question takes `load_full()` once and is answered entirely by that
/// version, so a reload never mixes old and new knowledge.
pub type SharedEngine = Arc<ArcSwap<Engine>>;

pub fn shared(engine: Engine) -> SharedEngine {
    Arc::new(ArcSwap::from_pointee(engine))
}
