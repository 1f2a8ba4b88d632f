//! Authentication and authorisation: passwords, tokens, sessions, throttling, and the
//! extractors that tell handlers who is calling and in which organisation.

pub mod extract;
pub mod jwt;
pub mod links;
pub mod password;
pub mod roles;
pub mod session;
pub mod throttle;
pub mod tokens;

pub use extract::{AuthUser, OrgScope, Superadmin};
