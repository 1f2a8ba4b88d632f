//! A session's life: moved or cancelled (families told at once), its attendance sheet
//! recorded in one batch, and printed.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::SessionPath;
use crate::auth::roles::Staff;
use crate::auth::OrgScope;
use crate::cycles::domain::{self, CycleError, CycleState, EnrolmentStatus, Presence};
use crate::cycles::loading::{name_in, names, session_view};
use crate::cycles::programme::Theme;
use crate::cycles::reminders::ReminderReason;
use crate::cycles::repo::cycles::{self as repo, SessionRecord, SessionRow};
use crate::cycles::repo::enrolments as enrolment_repo;
use crate::cycles::views::{AttendanceEntryView, AttendanceSheet, SessionView};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{add_field_error, ApiError, ApiResult, FieldErrors};
use crate::platform::http::version::with_etag;
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::ids::OrgId;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors, VersionErrors};
use crate::platform::state::AppState;

/// The session, its cycle open, and not cancelled: what a change needs.
fn open_session(
    conn: &mut TenantConn<'_>,
    path: &SessionPath,
) -> ApiResult<(repo::CycleRow, SessionRow)> {
    let cycle = repo::find_for_update(conn, path.cycle_id)?;
    let session = repo::session(conn, cycle.id, path.session_id)?;
    if !cycle.state.is_open() {
        return Err(CycleError::Closed.into());
    }
    if session.cancelled {
        return Err(CycleError::SessionCancelled.into());
    }
    Ok((cycle, session))
}

/// After a session moved or was cancelled: the families are told (if it is still to come),
/// the referrals' milestones follow, and the session is answered.
fn changed(
    conn: &mut TenantConn<'_>,
    cycle: &repo::CycleRow,
    row: SessionRow,
    reason: ReminderReason,
    sms: bool,
) -> ApiResult<SessionView> {
    let now = Utc::now();
    if row.starts_at > now {
        crate::cycles::reminding::tell_families(conn, &row, cycle.site_id, reason, sms)?;
    }
    crate::cycles::journey::refresh_milestones(conn, cycle.id, now)?;
    let marks = enrolment_repo::attendance(conn, &[row.cycle_id])?;
    Ok(session_view(row, &marks))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveSession {
    pub day: NaiveDate,
    /// "14:00", Paris time. The session keeps its length.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "14:00")]
    pub start_time: String,
    /// Told to the families.
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

impl crate::platform::http::body::Rules for MoveSession {
    fn check(&self, errors: &mut FieldErrors) {
        if parse_time(&self.start_time).is_none() {
            add_field_error(errors, "start_time", "Indiquez l'heure au format 14:00.");
        }
        if self.reason.trim().is_empty() {
            add_field_error(errors, "reason", "Indiquez pourquoi la séance change.");
        }
    }
}

use crate::cycles::domain::parse_time;

/// Move one session (`If-Match`); its participants' families are told at once.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, SessionPath, ("If-Match" = String, Header, description = "The session's version, as in the ETag")),
    request_body = MoveSession,
    responses((status = 200, body = SessionView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/move")]
pub async fn move_session(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<SessionPath>,
    body: ValidJson<MoveSession>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let sms = state.config.sms_gateway_url.is_some();
    let version = if_match.version()?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let (cycle, session) = open_session(conn, &path)?;
            let time = parse_time(&body.start_time).unwrap_or_default();
            let starts_at = domain::paris_instant(body.day, time);
            let ends_at = starts_at + (session.ends_at - session.starts_at);
            let moved = repo::move_session(
                conn,
                &session,
                version,
                starts_at,
                ends_at,
                body.reason.trim(),
            )?
            .ok_or_else(ApiError::version_mismatch)?;
            changed(conn, &cycle, moved, ReminderReason::Moved, sms)
        })
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelSession {
    /// Told to the families.
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

impl crate::platform::http::body::Rules for CancelSession {
    fn check(&self, errors: &mut FieldErrors) {
        if self.reason.trim().is_empty() {
            add_field_error(errors, "reason", "Indiquez pourquoi la séance est annulée.");
        }
    }
}

/// Cancel one session (`If-Match`): it no longer counts as planned; families are told.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, SessionPath, ("If-Match" = String, Header, description = "The session's version, as in the ETag")),
    request_body = CancelSession,
    responses((status = 200, body = SessionView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/cancel")]
pub async fn cancel_session(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<SessionPath>,
    body: ValidJson<CancelSession>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let reason = body.into_inner().reason;
    let sms = state.config.sms_gateway_url.is_some();
    let version = if_match.version()?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let (cycle, session) = open_session(conn, &path)?;
            let cancelled = repo::cancel_session(conn, &session, version, reason.trim())?
                .ok_or_else(ApiError::version_mismatch)?;
            changed(conn, &cycle, cancelled, ReminderReason::Cancelled, sms)
        })
        .await?;
    Ok(with_etag(&view))
}

/// The sheet of the session the path names.
fn sheet(conn: &mut TenantConn<'_>, path: &SessionPath) -> ApiResult<AttendanceSheet> {
    let cycle = repo::find(conn, path.cycle_id)?;
    let session = repo::session(conn, cycle.id, path.session_id)?;
    let site = crate::organisations::site(conn, cycle.site_id)?.name;
    sheet_of(conn, &cycle, session, site)
}

/// The sheet: the session, and each participant with a place, with what was recorded.
fn sheet_of(
    conn: &mut TenantConn<'_>,
    cycle: &repo::CycleRow,
    session: SessionRow,
    site_name: String,
) -> ApiResult<AttendanceSheet> {
    let enrolments: Vec<_> = enrolment_repo::for_cycles(conn, &[cycle.id])?
        .into_iter()
        .filter(|e| {
            matches!(
                e.status,
                EnrolmentStatus::Enrolled
                    | EnrolmentStatus::Completed
                    | EnrolmentStatus::NotCompleted
            )
        })
        .collect();
    let people = names(conn, &enrolments)?;
    let marks = enrolment_repo::attendance(conn, &[cycle.id])?;
    let mut entries: Vec<AttendanceEntryView> = enrolments
        .iter()
        .map(|e| AttendanceEntryView {
            enrolment_id: e.id,
            name: name_in(&people, e.id),
            presence: marks
                .iter()
                .find(|(s, m, _)| *s == session.id && *m == e.id)
                .map(|(_, _, p)| *p),
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let version = session.version;
    Ok(AttendanceSheet {
        cycle_id: cycle.id,
        cycle_name: cycle.name.clone(),
        site_name,
        session: session_view(session, &marks),
        entries,
        version,
    })
}

/// A session's attendance sheet: its participants and their presence (ETag: the
/// session's version, for `If-Match` when recording).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, SessionPath),
    responses((status = 200, body = AttendanceSheet, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/attendance")]
pub async fn get_attendance(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<SessionPath>,
) -> ApiResult<HttpResponse> {
    let view = state
        .db
        .org_tx(&scope, move |conn| sheet(conn, &path))
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AttendanceEntry {
    pub enrolment_id: Uuid,
    pub presence: Presence,
}

/// The sheet as a facilitator fills it in: every participant's presence, and the record of
/// the session as held.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_items = 1, max_items = 100)]
    pub entries: Vec<AttendanceEntry>,
    /// How long it actually lasted, in minutes.
    #[validate(range(min = 0, max = 600))]
    #[schema(minimum = 0, maximum = 600)]
    pub actual_minutes: Option<i32>,
    #[validate(length(max = 8))]
    #[schema(max_items = 8)]
    #[serde(default)]
    pub themes_covered: Vec<Theme>,
    /// Where, when not at the cycle's site.
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub place: Option<String>,
    /// Equipment used (the centre's laptops, the families' phones…).
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub equipment: Option<String>,
    /// Practical notes only: never health or other sensitive data.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

impl crate::platform::http::body::Rules for AttendanceInput {
    fn check(&self, errors: &mut FieldErrors) {
        crate::platform::validate::flag_repeats(
            &self.entries,
            |e| e.enrolment_id,
            |i| format!("entries[{i}].enrolment_id"),
            "Cette personne figure deux fois sur la feuille.",
            errors,
        );
    }
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

impl AttendanceInput {
    fn record(&self) -> SessionRecord {
        let mut themes = self.themes_covered.clone();
        themes.dedup();
        SessionRecord {
            actual_minutes: self.actual_minutes,
            themes_covered: themes,
            place: clean(self.place.clone()),
            equipment: clean(self.equipment.clone()),
            note: clean(self.note.clone()),
        }
    }
}

/// Whether the sheet as stored already says what `input` says (a replay).
fn already_recorded(
    sheet: &AttendanceSheet,
    input: &AttendanceInput,
    record: &SessionRecord,
) -> bool {
    let s = &sheet.session;
    s.attendance_taken_at.is_some()
        && s.actual_minutes == record.actual_minutes
        && s.themes_covered == record.themes_covered
        && s.place == record.place
        && s.equipment == record.equipment
        && s.note == record.note
        && input.entries.iter().all(|entry| {
            sheet
                .entries
                .iter()
                .any(|e| e.enrolment_id == entry.enrolment_id && e.presence == Some(entry.presence))
        })
}

/// Record a session's attendance in one batch (`If-Match` with the sheet's version). A
/// replay of what is already recorded answers the sheet again, whatever its version; a
/// change from a stale version is refused (412). The first sheet of a planned cycle starts
/// it; the referrals' milestones follow.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, SessionPath, ("If-Match" = String, Header, description = "The sheet's version, as in the ETag")),
    request_body = AttendanceInput,
    responses((status = 200, body = AttendanceSheet, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, ConflictError),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/attendance")]
pub async fn record_attendance(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<SessionPath>,
    body: ValidJson<AttendanceInput>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let version = if_match.version()?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let (cycle, session) = open_session(conn, &path)?;
            let site = crate::organisations::site(conn, cycle.site_id)?.name;
            let current = sheet_of(conn, &cycle, session.clone(), site.clone())?;
            let record = input.record();
            if already_recorded(&current, &input, &record) {
                return Ok(current);
            }
            let mut errors = FieldErrors::new();
            for (i, entry) in input.entries.iter().enumerate() {
                if !current
                    .entries
                    .iter()
                    .any(|e| e.enrolment_id == entry.enrolment_id)
                {
                    add_field_error(
                        &mut errors,
                        &format!("entries[{i}].enrolment_id"),
                        "Cette personne n'a pas de place dans ce cycle.",
                    );
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            let now = Utc::now();
            let recorded = repo::record_session(conn, session.id, version, &record, now)?
                .ok_or_else(ApiError::version_mismatch)?;
            let entries: Vec<(Uuid, Presence)> = input
                .entries
                .iter()
                .map(|e| (e.enrolment_id, e.presence))
                .collect();
            enrolment_repo::record_attendance(conn, cycle.id, session.id, &entries, now)?;
            if cycle.state == CycleState::Planned {
                repo::set_state(
                    conn,
                    cycle.id,
                    CycleState::Planned,
                    CycleState::Running,
                    None,
                )?;
            }
            crate::cycles::journey::refresh_milestones(conn, cycle.id, now)?;
            sheet_of(conn, &cycle, recorded, site)
        })
        .await?;
    Ok(with_etag(&view))
}

/// The printable attendance sheet of a session (PDF, A4).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, SessionPath),
    responses((status = 200, description = "The sheet", content_type = "application/pdf", body = Vec<u8>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/sheet.pdf")]
pub async fn sheet_pdf(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<SessionPath>,
) -> ApiResult<HttpResponse> {
    let org = OrgId(scope.org_id);
    let (data, number) = state
        .db
        .org_tx(&scope, move |conn| {
            let cycle = repo::find(conn, path.cycle_id)?;
            let session = repo::session(conn, cycle.id, path.session_id)?;
            let site = crate::organisations::site(conn, cycle.site_id)?;
            let current = sheet_of(conn, &cycle, session, site.name.clone())?;
            let structure = crate::organisations::names(conn, &[org])?
                .into_iter()
                .next()
                .map(|(_, n)| n)
                .unwrap_or_default();
            let facilitators: Vec<crate::platform::ids::UserId> =
                repo::facilitators(conn, &[cycle.id])?
                    .into_iter()
                    .map(|(_, u)| u.into())
                    .collect();
            let facilitators = crate::auth::user_names(conn.conn(), &facilitators)?
                .into_iter()
                .map(|(_, n)| n)
                .collect();
            let sessions = repo::sessions(conn, &[cycle.id])?;
            let address = [
                site.address.clone(),
                site.postcode.clone(),
                site.city.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let number = current.session.number;
            Ok((
                crate::cycles::sheet::SheetData {
                    structure,
                    site: current.session.place.clone().unwrap_or(site.name),
                    site_address: (!address.is_empty()).then_some(address),
                    cycle: cycle.name,
                    session_number: number,
                    sessions_count: sessions.iter().filter(|s| !s.cancelled).count() as i32,
                    module: current.session.title.clone(),
                    starts_at: current.session.starts_at,
                    ends_at: current.session.ends_at,
                    facilitators,
                    participants: current
                        .entries
                        .into_iter()
                        .map(|e| (e.name, e.presence))
                        .collect(),
                    generated_at: Utc::now(),
                },
                number,
            ))
        })
        .await?;
    let bytes = web::block(move || crate::cycles::sheet::render(&data)).await?;
    Ok(crate::platform::http::pdf(
        bytes,
        &format!("emargement-seance-{number}.pdf"),
    ))
}
