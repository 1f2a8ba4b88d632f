//! A device's workshop steps: diagnosis (with its disks), erasure of each disk and the
//! declaration that the device is erased (its certificate), the operating system, the
//! four-eyes quality check, scrapping.

use actix_web::{post, put, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::devices::sees_households;
use super::{answer, DevicePath};
use crate::auth::roles::WorkshopHand;
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{add_field_error, ApiResult, FieldErrors};
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::openapi::{BodyErrors, OrgErrors, TransitionErrors, VersionErrors};
use crate::platform::state::AppState;
use crate::platform::validate::flag_repeats;
use crate::workshop::domain::ErasureMethod;
use crate::workshop::journey;
use crate::workshop::kinds::{DiskKind, Grade, HardwareTest, QualityItem, ScrapOutcome};
use crate::workshop::repo::devices::{Diagnosis, DiskInput};
use crate::workshop::repo::steps::{ErasureRow, OsInstallRow, QualityCheckRow};
use crate::workshop::views::DeviceDetail;

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DiskEntry {
    /// A disk recorded before (kept with its erasures); absent for a new one.
    pub id: Option<Uuid>,
    pub kind: DiskKind,
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub size_gb: i32,
    #[validate(
        length(min = 1, max = 80),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 80)]
    pub serial: String,
}

/// The diagnosis: hardware, each disk, the tests and the grades.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DiagnosisInput {
    #[validate(length(max = 120))]
    #[schema(max_length = 120)]
    pub cpu: Option<String>,
    #[validate(range(min = 1, max = 1024))]
    #[schema(minimum = 1, maximum = 1024)]
    pub ram_gb: Option<i32>,
    #[validate(range(min = 1.0, max = 100.0))]
    #[schema(minimum = 1, maximum = 100)]
    pub screen_inches: Option<f32>,
    #[validate(range(min = 0, max = 100))]
    #[schema(minimum = 0, maximum = 100)]
    pub battery_health_percent: Option<i32>,
    #[validate(length(max = 8), nested)]
    #[schema(max_items = 8)]
    pub disks: Vec<DiskEntry>,
    #[validate(length(max = 8))]
    #[schema(max_items = 8)]
    pub tests_passed: Vec<HardwareTest>,
    #[validate(length(max = 8))]
    #[schema(max_items = 8)]
    pub tests_failed: Vec<HardwareTest>,
    pub appearance_grade: Option<Grade>,
    pub function_grade: Option<Grade>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    /// Who did it (you by default): a person of the structure.
    pub operator_id: Option<Uuid>,
}

impl crate::platform::http::body::Rules for DiagnosisInput {
    fn check(&self, errors: &mut FieldErrors) {
        for (i, test) in self.tests_failed.iter().enumerate() {
            if self.tests_passed.contains(test) {
                add_field_error(
                    errors,
                    &format!("tests_failed[{i}]"),
                    "Un test ne peut pas être à la fois réussi et échoué.",
                );
            }
        }
        flag_repeats(
            &self.tests_passed,
            |t| *t,
            |i| format!("tests_passed[{i}]"),
            "Ce test est noté deux fois.",
            errors,
        );
        flag_repeats(
            &self.tests_failed,
            |t| *t,
            |i| format!("tests_failed[{i}]"),
            "Ce test est noté deux fois.",
            errors,
        );
        let ids: Vec<Option<Uuid>> = self.disks.iter().map(|d| d.id).collect();
        for (i, id) in ids.iter().enumerate() {
            if id.is_some() && ids[..i].contains(id) {
                add_field_error(
                    errors,
                    &format!("disks[{i}].id"),
                    "Ce disque est listé deux fois.",
                );
            }
        }
    }
}

fn text(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Record or correct the diagnosis (`If-Match`), until the device is declared erased. The
/// first moves it from received to diagnosed.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath, ("If-Match" = String, Header, description = "The version edited, as in the ETag")),
    request_body = DiagnosisInput,
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/devices/{device_id}/diagnosis")]
pub async fn diagnose(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    if_match: IfMatch,
    body: ValidJson<DiagnosisInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let version = if_match.version()?;
    let id = path.device_id;
    let operator = input.operator_id.unwrap_or(scope.user.id);
    answer(&scope, &state, id, move |conn| {
        journey::check_people(conn, &[("operator_id", operator)])?;
        let disks: Vec<DiskInput> = input
            .disks
            .into_iter()
            .map(|d| DiskInput {
                id: d.id,
                kind: d.kind,
                size_gb: d.size_gb,
                serial: d.serial.trim().to_owned(),
            })
            .collect();
        let diagnosis = Diagnosis {
            cpu: text(input.cpu),
            ram_gb: input.ram_gb,
            screen_inches: input.screen_inches,
            battery_health_percent: input.battery_health_percent,
            tests_passed: input.tests_passed,
            tests_failed: input.tests_failed,
            appearance_grade: input.appearance_grade,
            function_grade: input.function_grade,
            notes: text(input.notes),
            diagnosed_by: Some(operator),
            diagnosed_at: Some(Utc::now()),
        };
        journey::diagnose(conn, id, version, &diagnosis, &disks).map(|_| ())
    })
    .await
}

/// One disk's erasure, as the tool reported it.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErasureInput {
    pub disk_id: Uuid,
    pub method: ErasureMethod,
    /// e.g. "nwipe", "hdparm", "nvme-cli", "ShredOS".
    #[validate(
        length(min = 1, max = 80),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 80)]
    pub tool: String,
    #[validate(length(max = 40))]
    #[schema(max_length = 40)]
    pub tool_version: Option<String>,
    #[validate(range(min = 0, max = 35))]
    #[schema(minimum = 0, maximum = 35)]
    pub passes: i32,
    /// The result was verified (read back).
    pub verified: bool,
    pub succeeded: bool,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// Who ran it (you by default).
    pub operator_id: Option<Uuid>,
    /// Who witnessed it, if anyone (not the operator).
    pub witness_id: Option<Uuid>,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub notes: Option<String>,
}

impl crate::platform::http::body::Rules for ErasureInput {
    fn check(&self, errors: &mut FieldErrors) {
        if self.ended_at < self.started_at {
            add_field_error(errors, "ended_at", "La fin ne peut pas précéder le début.");
        }
        if self.ended_at > Utc::now() + chrono::Duration::minutes(5) {
            add_field_error(
                errors,
                "ended_at",
                "Un effacement ne peut pas finir dans le futur.",
            );
        }
        if self.witness_id.is_some() && self.witness_id == self.operator_id {
            add_field_error(
                errors,
                "witness_id",
                "Le témoin doit être une autre personne que l'opérateur.",
            );
        }
    }
}

/// Record a disk's erasure (the device is diagnosed; a failed erasure is recorded too).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    request_body = ErasureInput,
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, BodyErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/erasures")]
pub async fn record_erasure(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    body: ValidJson<ErasureInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let id = path.device_id;
    let operator = input.operator_id.unwrap_or(scope.user.id);
    if input.witness_id == Some(operator) {
        return Err(crate::platform::error::ApiError::field(
            "witness_id",
            "Le témoin doit être une autre personne que l'opérateur.",
        ));
    }
    answer(&scope, &state, id, move |conn| {
        journey::record_erasure(
            conn,
            &ErasureRow {
                id: Uuid::now_v7(),
                device_id: id,
                disk_id: input.disk_id,
                method: input.method,
                tool: input.tool.trim().to_owned(),
                tool_version: text(input.tool_version).unwrap_or_default(),
                passes: input.passes,
                verified: input.verified,
                succeeded: input.succeeded,
                started_at: input.started_at,
                ended_at: input.ended_at,
                operator_id: operator,
                witness_id: input.witness_id,
                notes: text(input.notes),
            },
        )
    })
    .await
}

/// Declare the device erased: every disk must have a successful erasure. Issues the
/// erasure certificate and its verification code.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, TransitionErrors, (status = 422, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "A disk lacks a successful erasure (`errors` names it)")),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/erased")]
pub async fn declare_erased(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
) -> ApiResult<HttpResponse> {
    let id = path.device_id;
    answer(&scope, &state, id, move |conn| {
        journey::declare_erased(conn, id).map(|_| ())
    })
    .await
}

/// The operating system installed.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OsInput {
    /// e.g. "Linux Mint", "Emmabuntüs", "Windows 11 (licence reconditionneur)".
    #[validate(
        length(min = 1, max = 80),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 80)]
    pub os: String,
    #[validate(length(max = 40))]
    #[schema(max_length = 40)]
    pub os_version: Option<String>,
    #[validate(length(max = 120))]
    #[schema(max_length = 120)]
    pub licence: Option<String>,
    /// The software set (LibreOffice, Firefox…).
    #[validate(length(max = 40))]
    #[schema(max_items = 40)]
    pub software: Vec<String>,
    /// An account prepared for the family.
    pub account_prepared: bool,
    pub installed_on: NaiveDate,
    /// Who installed it (you by default).
    pub operator_id: Option<Uuid>,
}

impl crate::platform::http::body::Rules for OsInput {
    fn check(&self, errors: &mut FieldErrors) {
        for (i, name) in self.software.iter().enumerate() {
            if name.trim().is_empty() || name.chars().count() > 60 {
                add_field_error(
                    errors,
                    &format!("software[{i}]"),
                    "Un logiciel se nomme en 1 à 60 caractères.",
                );
            }
        }
        if self.installed_on > crate::platform::text::paris_today() {
            add_field_error(
                errors,
                "installed_on",
                "Une installation ne peut pas être datée du futur.",
            );
        }
    }
}

/// Record the system installed (the device is erased).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    request_body = OsInput,
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, BodyErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/os-install")]
pub async fn install_os(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    body: ValidJson<OsInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let id = path.device_id;
    let operator = input.operator_id.unwrap_or(scope.user.id);
    answer(&scope, &state, id, move |conn| {
        journey::install_os(
            conn,
            &OsInstallRow {
                id: Uuid::now_v7(),
                device_id: id,
                os: input.os.trim().to_owned(),
                os_version: text(input.os_version).unwrap_or_default(),
                licence: text(input.licence),
                software: input.software.iter().map(|s| s.trim().to_owned()).collect(),
                account_prepared: input.account_prepared,
                installed_on: input.installed_on,
                operator_id: operator,
            },
        )
        .map(|_| ())
    })
    .await
}

/// The quality checklist, signed by someone other than the installer.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityInput {
    #[validate(length(max = 7))]
    #[schema(max_items = 7)]
    pub items_passed: Vec<QualityItem>,
    #[validate(length(max = 7))]
    #[schema(max_items = 7)]
    pub items_failed: Vec<QualityItem>,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub notes: Option<String>,
    /// Who checked (you by default): not the person who installed the system.
    pub checker_id: Option<Uuid>,
}

impl crate::platform::http::body::Rules for QualityInput {
    fn check(&self, errors: &mut FieldErrors) {
        for item in QualityItem::ALL {
            let passed = self.items_passed.contains(item);
            let failed = self.items_failed.contains(item);
            if passed && failed {
                add_field_error(
                    errors,
                    "items_failed",
                    "Un point ne peut pas être à la fois validé et refusé.",
                );
            } else if !passed && !failed {
                add_field_error(
                    errors,
                    "items_passed",
                    "Chaque point de la liste doit être validé ou refusé.",
                );
            }
        }
    }
}

/// Sign the quality check of a device with its system installed, or given back: every item
/// passed makes it ready; a failed check stays on record and the device where it was.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    request_body = QualityInput,
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, BodyErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/quality-check")]
pub async fn quality_check(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    body: ValidJson<QualityInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let id = path.device_id;
    let checker = input.checker_id.unwrap_or(scope.user.id);
    answer(&scope, &state, id, move |conn| {
        let mut items_passed = input.items_passed;
        items_passed.dedup();
        let mut items_failed = input.items_failed;
        items_failed.dedup();
        journey::check_quality_of(
            conn,
            &QualityCheckRow {
                id: Uuid::now_v7(),
                device_id: id,
                passed: items_failed.is_empty(),
                items_passed,
                items_failed,
                notes: text(input.notes),
                checker_id: checker,
                checked_at: Utc::now(),
            },
        )
        .map(|_| ())
    })
    .await
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScrapInput {
    pub outcome: ScrapOutcome,
    /// The recycling channel (required when recycled), e.g. "Envie Hauts-de-France".
    #[validate(length(max = 120))]
    #[schema(max_length = 120)]
    pub channel: Option<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

impl crate::platform::http::body::Rules for ScrapInput {
    fn check(&self, errors: &mut FieldErrors) {
        let named = self
            .channel
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty());
        if self.outcome == ScrapOutcome::Recycled && !named {
            add_field_error(errors, "channel", "Indiquez la filière de recyclage.");
        }
    }
}

/// Scrap a device (any state before the handover): recycled through a named channel, or
/// kept for parts.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    request_body = ScrapInput,
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, BodyErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/scrap")]
pub async fn scrap(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    body: ValidJson<ScrapInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let id = path.device_id;
    let may_release = sees_households(&scope);
    answer(&scope, &state, id, move |conn| {
        journey::scrap(
            conn,
            id,
            input.outcome,
            text(input.channel).as_deref(),
            text(input.note).as_deref(),
            may_release,
        )
        .map(|_| ())
    })
    .await
}
