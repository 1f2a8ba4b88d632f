//! The workshop's SQL: donors and donations, devices and their moves, the steps' records
//! (disks, erasures, certificates, systems, quality checks), reservations and handovers.

pub mod allocation;
pub mod devices;
pub mod donors;
pub mod privacy;
pub mod steps;
