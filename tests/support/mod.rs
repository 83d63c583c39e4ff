//! Helpers shared by the integration tests.

pub mod blind_sets;
