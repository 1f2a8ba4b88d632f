//! Dashboards: a structure's figures for a period (through its own walls) and the network's
//! (aggregates masked inside the database, through the network's door); their exports.

pub mod domain;
pub mod export;
pub mod figures;
pub mod funder;
pub mod funder_pdf;
pub mod network;
pub mod referrer;
pub mod repo;
pub mod routes;
pub mod tables;
pub mod views;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(routes::structure)
        .service(routes::referrer_view)
        .service(routes::network_view)
        .service(funder::get_texts)
        .service(funder::save_texts)
        .service(funder::report_pdf);
}
