//! A device's steps, each in the caller's transaction: the device's row is locked, the
//! rules of `domain.rs` decide, the record is written and the move applied with its event.
//! The people named as having done a step must belong to the structure.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::domain::{
    check_erased, check_move, check_quality, DeviceState, DiskErasure, WorkshopError,
};
use super::kinds::{Accessory, ReturnReason, ScrapOutcome};
use super::repo::allocation::{self, HandoverRow, NewHandover, ReservationRow};
use super::repo::devices::{self, DeviceRow, Diagnosis, DiskInput};
use super::repo::steps::{self, CertificateRow, ErasureRow, OsInstallRow, QualityCheckRow};
use crate::auth::roles::Role;
use crate::platform::db::TenantConn;
use crate::platform::error::{add_field_error, ApiError, ApiResult, FieldErrors};
use crate::training::domain::WorkshopStep;

/// 422 on each field naming someone who is not an active admin, staff or volunteer of the
/// structure.
pub fn check_people(conn: &mut TenantConn<'_>, people: &[(&str, Uuid)]) -> ApiResult<()> {
    let ids: Vec<Uuid> = people.iter().map(|(_, id)| *id).collect();
    let found = crate::organisations::active_people(conn, &ids)?;
    let mut errors = FieldErrors::new();
    for (field, id) in people {
        let works_here = found.iter().any(|(u, role, _)| {
            u == id && matches!(role, Role::Admin | Role::Staff | Role::Volunteer)
        });
        if !works_here {
            add_field_error(
                &mut errors,
                field,
                "Cette personne ne fait pas partie de l'équipe de la structure.",
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

fn moved(row: Option<DeviceRow>) -> ApiResult<DeviceRow> {
    // The row was locked: the guard cannot miss unless the rules were bypassed.
    row.ok_or_else(|| {
        ApiError::conflict("L'équipement a changé pendant l'opération. Rechargez la page.")
    })
}

/// Records (or corrects, before erasure) the diagnosis and the disks; the first one moves
/// the device to diagnosed.
pub fn diagnose(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    diagnosis: &Diagnosis,
    disks: &[DiskInput],
) -> ApiResult<DeviceRow> {
    let device = devices::find_for_update(conn, id)?;
    if !matches!(device.state, DeviceState::Received | DeviceState::Diagnosed) {
        return Err(WorkshopError::InvalidMove { from: device.state }.into());
    }
    let known: Vec<Uuid> = devices::disks(conn, &[id])?.iter().map(|k| k.id).collect();
    let mut errors = FieldErrors::new();
    for (i, disk) in disks.iter().enumerate() {
        if disk.id.is_some_and(|k| !known.contains(&k)) {
            add_field_error(
                &mut errors,
                &format!("disks[{i}].id"),
                "Ce disque n'appartient pas à cet équipement.",
            );
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if device.state == DeviceState::Received {
        let operator = diagnosis.diagnosed_by.or(conn.actor().user_id);
        if let Some(operator) = operator {
            crate::training::ledger(conn, id, WorkshopStep::Diagnosis, operator, "operator_id")?;
        }
    }
    let row = devices::set_diagnosis(conn, id, version, diagnosis, disks)?
        .ok_or_else(ApiError::version_mismatch)?;
    if row.state == DeviceState::Received {
        let step = check_move(row.state, DeviceState::Diagnosed)?;
        return moved(devices::apply_move(conn, id, step, None)?);
    }
    Ok(row)
}

/// Records one disk's erasure (the device is diagnosed, not yet declared erased).
pub fn record_erasure(conn: &mut TenantConn<'_>, erasure: &ErasureRow) -> ApiResult<()> {
    let device = devices::find_for_update(conn, erasure.device_id)?;
    if device.state != DeviceState::Diagnosed {
        return Err(WorkshopError::InvalidMove { from: device.state }.into());
    }
    if !devices::disks(conn, &[device.id])?
        .iter()
        .any(|k| k.id == erasure.disk_id)
    {
        return Err(ApiError::field(
            "disk_id",
            "Ce disque n'appartient pas à cet équipement.",
        ));
    }
    let mut people = vec![("operator_id", erasure.operator_id)];
    people.extend(erasure.witness_id.map(|w| ("witness_id", w)));
    check_people(conn, &people)?;
    crate::training::ledger(
        conn,
        device.id,
        WorkshopStep::Erasure,
        erasure.operator_id,
        "operator_id",
    )?;
    steps::insert_erasure(conn, erasure)
}

/// Declares the device erased when every disk has a successful erasure, and issues its
/// certificate.
pub fn declare_erased(
    conn: &mut TenantConn<'_>,
    id: Uuid,
) -> ApiResult<(DeviceRow, CertificateRow)> {
    let device = devices::find_for_update(conn, id)?;
    let step = check_move(device.state, DeviceState::Erased)?;
    let erasures = steps::erasures(conn, &[id])?;
    let disks: Vec<DiskErasure> = devices::disks(conn, &[id])?
        .iter()
        .map(|k| DiskErasure {
            succeeded: erasures.iter().any(|e| e.disk_id == k.id && e.succeeded),
        })
        .collect();
    check_erased(&disks)?;
    let row = moved(devices::apply_move(conn, id, step, None)?)?;
    let certificate = steps::issue_certificate(conn, id)?;
    Ok((row, certificate))
}

pub fn install_os(conn: &mut TenantConn<'_>, install: &OsInstallRow) -> ApiResult<DeviceRow> {
    let device = devices::find_for_update(conn, install.device_id)?;
    let step = check_move(device.state, DeviceState::OsInstalled)?;
    check_people(conn, &[("operator_id", install.operator_id)])?;
    crate::training::ledger(
        conn,
        device.id,
        WorkshopStep::OsInstallation,
        install.operator_id,
        "operator_id",
    )?;
    steps::insert_os(conn, install)?;
    moved(devices::apply_move(conn, device.id, step, None)?)
}

/// Signs a quality check (a system installed, or a device given back): passed, the device is
/// ready; failed, it stays where it is with the check on record.
pub fn check_quality_of(
    conn: &mut TenantConn<'_>,
    check: &QualityCheckRow,
) -> ApiResult<DeviceRow> {
    let device = devices::find_for_update(conn, check.device_id)?;
    if !matches!(
        device.state,
        DeviceState::OsInstalled | DeviceState::Returned
    ) {
        return Err(WorkshopError::InvalidMove { from: device.state }.into());
    }
    let step = check_move(device.state, DeviceState::Ready)?;
    check_people(conn, &[("checker_id", check.checker_id)])?;
    if let Some(install) = steps::os_installs(conn, &[device.id])?.first() {
        check_quality(&install.operator_id, &check.checker_id)?;
    }
    crate::training::ledger(
        conn,
        device.id,
        WorkshopStep::QualityCheck,
        check.checker_id,
        "checker_id",
    )?;
    steps::insert_check(conn, check)?;
    if check.passed {
        moved(devices::apply_move(conn, device.id, step, None)?)
    } else {
        Ok(device)
    }
}

/// Scraps a device before its handover. A reserved one only by someone who may release the
/// family's reservation (admins and staff).
pub fn scrap(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    outcome: ScrapOutcome,
    channel: Option<&str>,
    note: Option<&str>,
    may_release: bool,
) -> ApiResult<DeviceRow> {
    let device = devices::find_for_update(conn, id)?;
    let step = check_move(device.state, DeviceState::Scrapped)?;
    if device.state == DeviceState::Reserved && !may_release {
        return Err(ApiError::conflict(
            "Cet équipement est réservé pour une famille : seule l'équipe salariée peut annuler la réservation.",
        ));
    }
    if let Some(reservation) = allocation::open_reservation(conn, id)? {
        allocation::end_reservation(conn, reservation.id, "released")?;
    }
    moved(devices::scrap(conn, id, step, outcome, channel, note)?)
}

/// Sets a ready device aside for a household of the structure.
pub fn reserve(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    household: Uuid,
    note: Option<&str>,
) -> ApiResult<(DeviceRow, ReservationRow)> {
    let device = devices::find_for_update(conn, id)?;
    if !crate::households::exists(conn, household.into())? {
        return Err(ApiError::field(
            "household_id",
            "Ce foyer n'existe pas dans la structure.",
        ));
    }
    let step = check_move(device.state, DeviceState::Reserved)?;
    let reservation =
        allocation::reserve(conn, id, household, note)?.ok_or(WorkshopError::InvalidMove {
            from: DeviceState::Reserved,
        })?;
    let row = moved(devices::apply_move(conn, id, step, None)?)?;
    Ok((row, reservation))
}

/// Puts a reserved device back among the ready ones.
pub fn release(conn: &mut TenantConn<'_>, id: Uuid, note: Option<&str>) -> ApiResult<DeviceRow> {
    let device = devices::find_for_update(conn, id)?;
    if device.state != DeviceState::Reserved {
        return Err(WorkshopError::InvalidMove { from: device.state }.into());
    }
    let step = check_move(device.state, DeviceState::Ready)?;
    if let Some(reservation) = allocation::open_reservation(conn, id)? {
        allocation::end_reservation(conn, reservation.id, "released")?;
    }
    moved(devices::apply_move(conn, id, step, note)?)
}

/// What a handover records.
pub struct Handover<'a> {
    pub household: Uuid,
    pub handed_on: NaiveDate,
    pub accessories: &'a [Accessory],
    pub condition: &'a str,
    pub agreement_version: &'a str,
    pub recipient_name: &'a str,
}

/// Hands a device reserved for the household over to it, if the household is eligible; the
/// family's referrals get their "computer handed over" milestone.
pub fn hand_over(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    handover: &Handover<'_>,
    now: DateTime<Utc>,
) -> ApiResult<(DeviceRow, HandoverRow)> {
    let device = devices::find_for_update(conn, id)?;
    let step = check_move(device.state, DeviceState::HandedOver)?;
    let reservation = allocation::open_reservation(conn, id)?
        .ok_or(WorkshopError::InvalidMove { from: device.state })?;
    if reservation.household_id != handover.household {
        return Err(WorkshopError::ReservedForAnother.into());
    }
    let eligibility = crate::cycles::eligibility(conn, handover.household)?;
    if !eligibility.eligible {
        let mut errors = FieldErrors::new();
        for reason in &eligibility.reasons {
            add_field_error(&mut errors, "household_id", reason.message.clone());
        }
        return Err(ApiError::validation(errors));
    }
    let row = allocation::insert_handover(
        conn,
        &NewHandover {
            reservation: &reservation,
            handed_on: handover.handed_on,
            accessories: handover.accessories,
            condition: handover.condition,
            agreement_version: handover.agreement_version,
            recipient_name: handover.recipient_name,
        },
    )?;
    allocation::end_reservation(conn, reservation.id, "handed_over")?;
    let device = moved(devices::apply_move(conn, id, step, None)?)?;
    crate::referrals::device_handed_over(conn, handover.household.into(), handover.handed_on, now)?;
    Ok((device, row))
}

/// The family gives the device back (drop-out, fault): it returns to the workshop.
pub fn take_back(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    reason: ReturnReason,
    note: Option<&str>,
) -> ApiResult<DeviceRow> {
    let device = devices::find_for_update(conn, id)?;
    let step = check_move(device.state, DeviceState::Returned)?;
    if let Some(handover) = allocation::open_handover(conn, id)? {
        allocation::mark_returned(conn, handover.id, reason, note)?;
    }
    moved(devices::apply_move(conn, id, step, note)?)
}
