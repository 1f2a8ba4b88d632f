//! One test binary (one throwaway cluster) for the whole API suite.

mod accounts;
mod auth;
mod catalogue;
mod deadlines;
mod households;
mod openapi_drift;
mod organisation_admin;
mod referrals;
mod route_matrix;
mod schema_truth;
mod tenancy;
mod validation;
