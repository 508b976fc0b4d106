//! The commands besides the interactive app, each producing its output as text.

pub mod agenda;
