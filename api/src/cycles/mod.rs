//! Accompaniment cycles (issue 11, in progress): programmes of ordered modules, cycles of
//! sessions generated in Europe/Paris, attendance, completion and eligibility for a computer,
//! skills checks, reminders to families. So far the rules, without SQL or HTTP: `domain.rs`
//! (states, calendar, completion, eligibility), `programme.rs` (the default programme),
//! `skills.rs` (the check and its progress), `reminders.rs` (how and when a family is
//! reminded); the tables, the routes and the screens come next.

pub mod domain;
pub mod programme;
pub mod reminders;
pub mod skills;
