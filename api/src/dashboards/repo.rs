//! Every SQL statement of the dashboards: the cells of a structure (through its walls) and
//! the network's masked figures (through the network's door).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Date, Double, Integer, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel::PgConnection;
use uuid::Uuid;

use super::domain::{Cell, Period};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;

#[derive(QueryableByName)]
struct CellRow {
    #[diesel(sql_type = Nullable<Date>)]
    month: Option<NaiveDate>,
    #[diesel(sql_type = Text)]
    figure: String,
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = Double)]
    n: f64,
}

/// The structure's cells for the period, at one site or all.
pub fn structure_cells(
    conn: &mut TenantConn<'_>,
    period: Period,
    site: Option<Uuid>,
) -> ApiResult<Vec<Cell>> {
    let org = conn.org_id();
    let rows: Vec<CellRow> = diesel::sql_query(
        "SELECT month, figure, key, n::float8 AS n FROM dashboard_cells($1, $2, $3) \
          WHERE organisation_id = $4",
    )
    .bind::<Date, _>(period.first)
    .bind::<Date, _>(period.last)
    .bind::<Nullable<SqlUuid>, _>(site)
    .bind::<SqlUuid, _>(org)
    .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(|r| Cell {
            month: r.month,
            figure: r.figure,
            key: r.key,
            n: r.n,
        })
        .collect())
}

/// One row of the network's figures, as the database masked it.
#[derive(QueryableByName, Debug, Clone)]
pub struct NetworkRow {
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub structure_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    pub structure_name: Option<String>,
    #[diesel(sql_type = Nullable<Date>)]
    pub month: Option<NaiveDate>,
    #[diesel(sql_type = Text)]
    pub figure: String,
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = Nullable<Double>)]
    pub value: Option<f64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub masking: Option<String>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub computed_at: Option<DateTime<Utc>>,
}

/// The network's figures for a year (the connection is in the network's door).
pub fn network_rows(conn: &mut PgConnection, year: i32) -> ApiResult<Vec<NetworkRow>> {
    Ok(diesel::sql_query(
        "SELECT structure_id, structure_name, month, figure, key, value::float8 AS value, \
                masking, computed_at \
           FROM network_figures($1)",
    )
    .bind::<Integer, _>(year)
    .load(conn)?)
}
