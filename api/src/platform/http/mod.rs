//! HTTP plumbing shared by every route: JSON bodies, versions, headers, request ids.

pub mod body;
pub mod cursor;
pub mod echo;
pub mod headers;
pub mod idempotency;
pub mod methods;
pub mod request_log;
pub mod version;

pub use body::ValidJson;
pub use version::{IfMatch, Versioned};
