//! Accompaniment cycles (issue 11, in progress): programmes of ordered modules, cycles of
//! sessions generated in Europe/Paris, attendance, completion and eligibility for a computer.
//! So far the rules (`domain.rs`) and the default programme (`programme.rs`); the tables,
//! the routes and the screens come next.

pub mod domain;
pub mod programme;
