//! One test binary (one throwaway cluster) for the whole API suite.

mod accounts;
mod auth;
mod catalogue;
mod openapi_drift;
mod organisation_admin;
mod route_matrix;
mod tenancy;
mod validation;
