//! The refurbishment workshop (issue 12, started): donors and donations, devices through
//! their life from received to handed over, erasure with its certificate, labels,
//! reservation and handover. So far the rules, without SQL or HTTP (`domain.rs`); the
//! tables, the routes and the screens come next.

pub mod domain;
