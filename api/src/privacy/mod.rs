//! Data protection: the registry of what each module holds on a family, the right of access
//! (everything held, as JSON or a readable PDF), the right to erasure (anonymisation now,
//! with the reason) and retention (anonymisation after the structure's months without
//! contact).

pub mod access_pdf;
pub mod registry;
pub mod repo;
pub mod retention;
pub mod routes;

pub use registry::{Holding, Section, REGISTRY};

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(routes::personal_data).service(routes::erase);
}
