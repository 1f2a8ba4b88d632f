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

/// A referrer's referrals in a period, grouped: the journey's milestones only for the
/// families who agreed to share them.
#[derive(QueryableByName, Debug, Clone)]
pub struct SentRow {
    #[diesel(sql_type = SqlUuid)]
    pub structure_id: Uuid,
    #[diesel(sql_type = Date)]
    pub month: NaiveDate,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub shared: bool,
    #[diesel(sql_type = Nullable<Integer>)]
    pub to_first_session: Option<i32>,
    #[diesel(sql_type = Nullable<Integer>)]
    pub to_handover: Option<i32>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub sessions_attended: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub sessions_planned: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub n: i64,
}

pub fn sent(conn: &mut TenantConn<'_>, period: Period) -> ApiResult<Vec<SentRow>> {
    let org = conn.org_id();
    Ok(diesel::sql_query(
        "SELECT r.organisation_id AS structure_id, \
                date_trunc('month', r.submitted_at AT TIME ZONE 'Europe/Paris')::date AS month, \
                r.status, r.share_progress AS shared, \
                CASE WHEN r.share_progress THEN r.cycle_start_date - (r.submitted_at AT TIME ZONE 'Europe/Paris')::date END AS to_first_session, \
                CASE WHEN r.share_progress THEN r.device_handed_over_on - (r.submitted_at AT TIME ZONE 'Europe/Paris')::date END AS to_handover, \
                coalesce(sum(r.sessions_attended) FILTER (WHERE r.share_progress), 0)::bigint AS sessions_attended, \
                coalesce(sum(r.sessions_planned) FILTER (WHERE r.share_progress), 0)::bigint AS sessions_planned, \
                count(*) AS n \
           FROM referrals r \
          WHERE r.referrer_org_id = $1 \
            AND r.submitted_at >= ($2::timestamp AT TIME ZONE 'Europe/Paris') \
            AND r.submitted_at < (($3::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Paris') \
          GROUP BY 1, 2, 3, 4, 5, 6",
    )
    .bind::<SqlUuid, _>(org)
    .bind::<Date, _>(period.first)
    .bind::<Date, _>(period.last)
    .load(conn.conn())?)
}

/// The texts of a funder report, as saved.
#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = crate::schema::funder_reports)]
pub struct ReportTexts {
    pub year: i32,
    pub context: String,
    pub highlights: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

pub fn report_texts(conn: &mut TenantConn<'_>, year: i32) -> ApiResult<Option<ReportTexts>> {
    use crate::schema::funder_reports as f;
    let org = conn.org_id();
    Ok(f::table
        .filter(f::organisation_id.eq(org))
        .filter(f::year.eq(year))
        .select(ReportTexts::as_select())
        .first(conn.conn())
        .optional()?)
}

/// Saves the texts when `expected` is the version edited (0: none saved yet). None when
/// someone saved in between.
pub fn save_report_texts(
    conn: &mut TenantConn<'_>,
    year: i32,
    context: &str,
    highlights: &str,
    expected: i32,
) -> ApiResult<Option<ReportTexts>> {
    use crate::schema::funder_reports as f;
    let org = conn.org_id();
    let user = conn
        .actor()
        .user_id
        .ok_or_else(crate::platform::error::ApiError::forbidden)?;
    if expected == 0 {
        return Ok(diesel::insert_into(f::table)
            .values((
                f::organisation_id.eq(org),
                f::year.eq(year),
                f::context.eq(context),
                f::highlights.eq(highlights),
                f::updated_by.eq(user),
            ))
            .on_conflict_do_nothing()
            .returning(ReportTexts::as_returning())
            .get_result(conn.conn())
            .optional()?);
    }
    Ok(diesel::update(f::table)
        .filter(f::organisation_id.eq(org))
        .filter(f::year.eq(year))
        .filter(f::version.eq(expected))
        .set((
            f::context.eq(context),
            f::highlights.eq(highlights),
            f::version.eq(f::version + 1),
            f::updated_at.eq(diesel::dsl::now),
            f::updated_by.eq(user),
        ))
        .returning(ReportTexts::as_returning())
        .get_result(conn.conn())
        .optional()?)
}
