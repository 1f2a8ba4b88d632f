//! HTTP plumbing shared by every route: JSON bodies, versions, headers, request ids.

pub mod body;
pub mod headers;
pub mod version;

pub use body::ValidJson;
pub use version::{IfMatch, Versioned};
