//! HTTP for organisations, one file per resource.

pub mod invitations;
pub mod members;
pub mod organisations;
pub mod partnerships;
pub mod sites;
