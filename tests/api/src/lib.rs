//! The test harness: one throwaway PostgreSQL cluster per test process (started with the
//! product's own `pg_local`), a migrated and demo-seeded template database, and one fresh
//! database per test copied from it. Each test talks HTTP to a real server on a free port.

pub mod client;
pub mod cluster;

pub use client::{Response, TestApp};
