//! The refurbishment workshop: donors and donations, devices through their life from
//! received to handed over, erasure with its certificate, labels, reservation and handover.
//! The rules without SQL are in `domain.rs` and `kinds.rs`; `journey.rs` applies each step in
//! the request's transaction; `loading.rs` reads a device whole; `report.rs` gathers what
//! the documents (`documents/`) print.

pub mod documents;
pub mod domain;
pub mod journey;
pub mod kinds;
pub mod loading;
pub mod repo;
pub mod report;
pub mod routes;
pub mod views;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    use routes::{allocation, certificates, devices, donors, steps};
    cfg.service(donors::list)
        .service(donors::create)
        .service(donors::get_one)
        .service(donors::replace)
        .service(donors::donor_report)
        .service(donors::donor_report_pdf)
        .service(donors::donations)
        .service(donors::create_donation)
        .service(donors::get_donation)
        .service(donors::receipt)
        .service(devices::board)
        .service(devices::labels)
        .service(devices::list)
        .service(devices::create)
        .service(devices::get_one)
        .service(devices::of_household)
        .service(steps::diagnose)
        .service(steps::record_erasure)
        .service(steps::declare_erased)
        .service(steps::install_os)
        .service(steps::quality_check)
        .service(steps::scrap)
        .service(allocation::reserve)
        .service(allocation::release)
        .service(allocation::hand_over)
        .service(allocation::take_back)
        .service(allocation::agreement)
        .service(certificates::certificate_pdf)
        .service(certificates::lookup)
        .service(certificates::verify);
}

/// (device, asset tag) of devices of the structure in scope (the training records name
/// the machines a person worked on).
pub fn asset_tags(
    conn: &mut crate::platform::db::TenantConn<'_>,
    ids: &[uuid::Uuid],
) -> crate::platform::error::ApiResult<Vec<(uuid::Uuid, String)>> {
    let filter = repo::devices::DeviceFilter {
        ids: Some(ids.to_vec()),
        ..Default::default()
    };
    Ok(repo::devices::list(conn, &filter, ids.len().max(1) as i64)?
        .into_iter()
        .map(|d| (d.id, d.asset_tag))
        .collect())
}

/// What this module holds on a family (the registry of `privacy/`).
pub const PRIVACY: crate::privacy::Holding = crate::privacy::Holding {
    module: "workshop",
    holds: "the computers reserved for and handed over to the family (which, when, the \
            accessories, the agreement's version, who signed, a return and its note)",
    tables: &["reservations", "handovers"],
    export: repo::privacy::personal_data,
    anonymise: repo::privacy::anonymise,
    contacted_since: repo::privacy::contacted_since,
};
