//! One test binary (one throwaway cluster) for the whole API suite.

mod audit;
mod auth;
mod auth_accounts;
mod catalogue;
mod cycles;
mod cycles_documents;
mod cycles_support;
mod dashboards;
mod households;
mod notifications;
mod openapi_drift;
mod organisations;
mod privacy;
mod referrals;
mod referrals_accept;
mod referrals_deadlines;
mod route_matrix;
mod scale;
mod schema_truth;
mod tenancy;
mod texts;
mod training;
mod validation;
mod workshop;
mod workshop_documents;
mod workshop_support;
