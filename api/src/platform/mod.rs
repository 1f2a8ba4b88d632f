//! What every module uses and no module owns: errors, the database doors, HTTP plumbing,
//! the OpenAPI assembly, the embedded PostgreSQL, mail, the job runner and configuration.

pub mod backup;
pub mod config;
pub mod db;
pub mod error;
pub mod health;
pub mod http;
pub mod ids;
pub mod jobs;
pub mod mail;
pub mod openapi;
pub mod pdf;
pub mod pg_local;
pub mod spa;
pub mod state;
pub mod text;
pub mod validate;
pub mod vocab;
