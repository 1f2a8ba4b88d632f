//! Reading the workshop's records into views: a device whole (its steps, its history, its
//! household for those who may see it), summaries, households' names, people's names.

use uuid::Uuid;

use super::repo::allocation::{self, HandoverRow};
use super::repo::devices::{self, DeviceRow};
use super::repo::{donors, steps};
use super::views::{
    AllocationView, CertificateView, DeviceDetail, DeviceEventView, DeviceSummary, DiagnosisView,
    DiskView, ErasureView, HandoverView, HouseholdRef, LedgerEntryView, OsInstallView,
    QualityCheckView,
};
use crate::cycles::views::PersonRef;
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::platform::ids::UserId;

pub fn summary(row: &DeviceRow) -> DeviceSummary {
    DeviceSummary {
        id: row.id,
        asset_tag: row.asset_tag.clone(),
        kind: row.kind,
        brand: row.brand.clone(),
        model: row.model.clone(),
        state: row.state,
        state_since: row.state_since,
        donation_id: row.donation_id,
        site_id: row.site_id,
    }
}

/// People's names by id (former members too: a record keeps naming who did it).
pub struct Names(Vec<(UserId, String)>);

impl Names {
    pub fn load(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Self> {
        let ids: Vec<UserId> = ids.iter().copied().map(UserId).collect();
        Ok(Self(crate::auth::user_names(conn.conn(), &ids)?))
    }

    pub fn person(&self, id: Uuid) -> PersonRef {
        let name = self
            .0
            .iter()
            .find(|(u, _)| u.0 == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        PersonRef { id, name }
    }
}

/// The name a household goes by: its first person's.
pub fn household_refs(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<HouseholdRef>> {
    let members = crate::households::members_of(conn, ids)?;
    Ok(ids
        .iter()
        .map(|id| HouseholdRef {
            id: *id,
            name: members
                .iter()
                .find(|(h, _)| h == id)
                .map(|(_, m)| format!("{} {}", m.first_name, m.last_name))
                .unwrap_or_default(),
        })
        .collect())
}

pub fn handover_view(row: &HandoverRow, asset_tag: &str, household: HouseholdRef) -> HandoverView {
    HandoverView {
        id: row.id,
        device_id: row.device_id,
        asset_tag: asset_tag.to_owned(),
        household,
        handed_on: row.handed_on,
        accessories: row.accessories.clone(),
        condition: row.condition.clone(),
        agreement_version: row.agreement_version.clone(),
        recipient_name: row.recipient_name.clone(),
        returned_at: row.returned_at,
        return_reason: row.return_reason,
    }
}

fn allocation_of(conn: &mut TenantConn<'_>, row: &DeviceRow) -> ApiResult<AllocationView> {
    let reservation = allocation::open_reservation(conn, row.id)?;
    let handover = allocation::open_handover(conn, row.id)?;
    let households: Vec<Uuid> = reservation
        .iter()
        .map(|r| r.household_id)
        .chain(handover.iter().map(|h| h.household_id))
        .collect();
    let refs = household_refs(conn, &households)?;
    let find = |id: Uuid| refs.iter().find(|r| r.id == id).cloned();
    Ok(AllocationView {
        reserved_for: reservation.as_ref().and_then(|r| find(r.household_id)),
        reserved_at: reservation.as_ref().map(|r| r.reserved_at),
        handover: handover.as_ref().and_then(|h| {
            find(h.household_id).map(|household| handover_view(h, &row.asset_tag, household))
        }),
    })
}

/// A device whole. `with_household`: the caller may see who it is for (admins, staff).
pub fn detail(
    conn: &mut TenantConn<'_>,
    row: DeviceRow,
    with_household: bool,
) -> ApiResult<DeviceDetail> {
    let ids = [row.id];
    let disks = devices::disks(conn, &ids)?;
    let erasures = steps::erasures(conn, &ids)?;
    let certificate = steps::certificates(conn, &ids)?.into_iter().next();
    let os_install = steps::os_installs(conn, &ids)?.into_iter().next();
    let checks = steps::checks(conn, &ids)?;
    let history = devices::history(conn, row.id)?;
    let ledger = crate::training::device_ledger(conn, row.id)?;
    let mut people: Vec<Uuid> = erasures
        .iter()
        .flat_map(|e| [Some(e.operator_id), e.witness_id])
        .flatten()
        .chain(os_install.iter().map(|o| o.operator_id))
        .chain(checks.iter().map(|c| c.checker_id))
        .chain(history.iter().map(|h| h.actor_id))
        .chain(ledger.iter().map(|l| l.1))
        .chain(row.diagnosed_by)
        .collect();
    people.sort_unstable();
    people.dedup();
    let names = Names::load(conn, &people)?;
    let donor_name = match row.donation_id {
        Some(donation) => {
            let donation = donors::find_donation(conn, donation)?;
            Some(donors::find(conn, donation.donor_id)?.name)
        }
        None => None,
    };
    let allocation = if with_household {
        Some(allocation_of(conn, &row)?)
    } else {
        None
    };
    Ok(DeviceDetail {
        id: row.id,
        asset_tag: row.asset_tag.clone(),
        kind: row.kind,
        brand: row.brand.clone(),
        model: row.model.clone(),
        serial: row.serial.clone(),
        donation_id: row.donation_id,
        donor_name,
        site_id: row.site_id,
        state: row.state,
        state_since: row.state_since,
        next_states: row.state.next().to_vec(),
        notes: row.notes.clone(),
        diagnosis: DiagnosisView {
            cpu: row.cpu.clone(),
            ram_gb: row.ram_gb,
            screen_inches: row.screen_inches,
            battery_health_percent: row.battery_health_percent,
            tests_passed: row.tests_passed.clone(),
            tests_failed: row.tests_failed.clone(),
            appearance_grade: row.appearance_grade,
            function_grade: row.function_grade,
            diagnosed_by: row.diagnosed_by.map(|p| names.person(p)),
            diagnosed_at: row.diagnosed_at,
        },
        disks: disks
            .iter()
            .map(|k| DiskView {
                id: k.id,
                kind: k.kind,
                size_gb: k.size_gb,
                serial: k.serial.clone(),
                erased: erasures.iter().any(|e| e.disk_id == k.id && e.succeeded),
            })
            .collect(),
        erasures: erasures
            .iter()
            .map(|e| ErasureView {
                id: e.id,
                disk_id: e.disk_id,
                method: e.method,
                standard: e.method.standard().to_owned(),
                tool: e.tool.clone(),
                tool_version: e.tool_version.clone(),
                passes: e.passes,
                verified: e.verified,
                succeeded: e.succeeded,
                started_at: e.started_at,
                ended_at: e.ended_at,
                operator: names.person(e.operator_id),
                witness: e.witness_id.map(|w| names.person(w)),
                notes: e.notes.clone(),
            })
            .collect(),
        certificate: certificate.map(|c| CertificateView {
            code: c.code,
            issued_at: c.issued_at,
        }),
        os_install: os_install.map(|o| OsInstallView {
            operator: names.person(o.operator_id),
            os: o.os,
            os_version: o.os_version,
            licence: o.licence,
            software: o.software,
            account_prepared: o.account_prepared,
            installed_on: o.installed_on,
        }),
        quality_checks: checks
            .into_iter()
            .map(|c| QualityCheckView {
                checker: names.person(c.checker_id),
                items_passed: c.items_passed,
                items_failed: c.items_failed,
                passed: c.passed,
                notes: c.notes,
                checked_at: c.checked_at,
            })
            .collect(),
        scrap_outcome: row.scrap_outcome,
        scrap_channel: row.scrap_channel.clone(),
        allocation,
        history: history
            .into_iter()
            .map(|h| DeviceEventView {
                actor: names.person(h.actor_id),
                from_state: h.from_state,
                to_state: h.to_state,
                at: h.at,
                note: h.note,
            })
            .collect(),
        ledger: ledger
            .into_iter()
            .map(|(step, user, trained, at)| LedgerEntryView {
                step,
                person: names.person(user),
                trained,
                at,
            })
            .collect(),
        version: row.version,
    })
}
