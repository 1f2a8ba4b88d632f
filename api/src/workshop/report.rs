//! What the workshop's documents hold, read in the request's transaction: the erasure
//! certificate, the donation receipt, the handover agreement, the donor report (which names
//! no family).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use uuid::Uuid;

use super::domain::{DeviceState, ErasureMethod};
use super::kinds::{Accessory, DeviceKind, DiskKind};
use super::loading::{household_refs, Names};
use super::repo::allocation;
use super::repo::devices::{self, DeviceFilter};
use super::repo::{donors, steps};
use super::routes::allocation::AGREEMENT_VERSION;
use super::views::{DonatedDeviceView, DonorReport};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::text::french_date;

fn paris_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Paris).date_naive()
}

/// One disk on a certificate.
pub struct CertifiedDisk {
    pub kind: DiskKind,
    pub size_gb: i32,
    pub serial: String,
    pub method: ErasureMethod,
    pub tool: String,
    pub passes: i32,
    pub verified: bool,
    pub ended_at: DateTime<Utc>,
    pub operator: String,
    pub witness: Option<String>,
}

pub struct CertificateData {
    pub structure: String,
    pub asset_tag: String,
    pub kind: DeviceKind,
    pub brand_model: String,
    pub serial: Option<String>,
    pub disks: Vec<CertifiedDisk>,
    pub code: String,
    pub issued_at: DateTime<Utc>,
    pub verify_url: String,
}

pub fn certificate_data(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    verify_url: String,
) -> ApiResult<CertificateData> {
    let device = devices::find(conn, id)?;
    let certificate = steps::certificates(conn, &[id])?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::conflict("Cet équipement n'a pas encore été déclaré effacé."))?;
    let erasures = steps::erasures(conn, &[id])?;
    let mut people: Vec<Uuid> = erasures
        .iter()
        .flat_map(|e| [Some(e.operator_id), e.witness_id])
        .flatten()
        .collect();
    people.dedup();
    let names = Names::load(conn, &people)?;
    let disks = devices::disks(conn, &[id])?
        .into_iter()
        .filter_map(|k| {
            // The last successful erasure of each disk before the certificate.
            let e = erasures.iter().rfind(|e| {
                e.disk_id == k.id && e.succeeded && e.started_at <= certificate.issued_at
            })?;
            Some(CertifiedDisk {
                kind: k.kind,
                size_gb: k.size_gb,
                serial: k.serial,
                method: e.method,
                tool: format!("{} {}", e.tool, e.tool_version).trim().to_owned(),
                passes: e.passes,
                verified: e.verified,
                ended_at: e.ended_at,
                operator: names.person(e.operator_id).name,
                witness: e.witness_id.map(|w| names.person(w).name),
            })
        })
        .collect();
    Ok(CertificateData {
        structure: crate::organisations::in_scope(conn)?.name,
        asset_tag: device.asset_tag,
        kind: device.kind,
        brand_model: format!("{} {}", device.brand, device.model)
            .trim()
            .to_owned(),
        serial: device.serial,
        disks,
        code: certificate.code,
        issued_at: certificate.issued_at,
        verify_url,
    })
}

pub struct ReceiptData {
    pub structure: String,
    pub donor: String,
    pub donor_address: Option<String>,
    pub received_on: NaiveDate,
    pub items_announced: i32,
    pub notes: Option<String>,
    /// (asset tag, kind, brand and model, serial) of each device registered from the lot.
    pub devices: Vec<(String, DeviceKind, String, Option<String>)>,
}

pub fn receipt_data(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<ReceiptData> {
    let donation = donors::find_donation(conn, id)?;
    let donor = donors::find(conn, donation.donor_id)?;
    let rows = devices::list(
        conn,
        &DeviceFilter {
            donation_id: Some(id),
            ..Default::default()
        },
        1000,
    )?;
    Ok(ReceiptData {
        structure: crate::organisations::in_scope(conn)?.name,
        donor: donor.name,
        donor_address: donor.address,
        received_on: donation.received_on,
        items_announced: donation.items_announced,
        notes: donation.notes,
        devices: rows
            .into_iter()
            .map(|d| {
                let line = format!("{} {}", d.brand, d.model).trim().to_owned();
                (d.asset_tag, d.kind, line, d.serial)
            })
            .collect(),
    })
}

pub struct AgreementData {
    pub structure: String,
    pub asset_tag: String,
    pub kind: DeviceKind,
    pub brand_model: String,
    pub serial: Option<String>,
    pub household: String,
    pub recipient: Option<String>,
    pub handed_on: Option<NaiveDate>,
    pub accessories: Vec<Accessory>,
    pub condition: Option<String>,
    pub os: Option<String>,
    pub version: String,
    /// The structure's own text of that version, when it published one (else the platform's).
    pub clauses: Option<Vec<String>>,
}

/// The agreement of the device's open handover, or of its reservation before it.
pub fn agreement_data(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<AgreementData> {
    let device = devices::find(conn, id)?;
    let handover = allocation::open_handover(conn, id)?;
    let household =
        match (&handover, allocation::open_reservation(conn, id)?) {
            (Some(h), _) => h.household_id,
            (None, Some(r)) => r.household_id,
            (None, None) => return Err(ApiError::conflict(
                "Cet équipement n'est ni réservé ni remis : il n'y a pas de convention à imprimer.",
            )),
        };
    let name = household_refs(conn, &[household])?.remove(0).name;
    // A handover's recorded version; before it, the one in force.
    let version = match &handover {
        Some(h) => h.agreement_version.clone(),
        None => {
            crate::texts::current_label(conn, crate::texts::domain::TextKind::HandoverAgreement)?
                .unwrap_or_else(|| AGREEMENT_VERSION.to_owned())
        }
    };
    let os = steps::os_installs(conn, &[id])?
        .into_iter()
        .next()
        .map(|o| format!("{} {}", o.os, o.os_version).trim().to_owned());
    Ok(AgreementData {
        structure: crate::organisations::in_scope(conn)?.name,
        asset_tag: device.asset_tag,
        kind: device.kind,
        brand_model: format!("{} {}", device.brand, device.model)
            .trim()
            .to_owned(),
        serial: device.serial,
        household: name,
        recipient: handover.as_ref().map(|h| h.recipient_name.clone()),
        handed_on: handover.as_ref().map(|h| h.handed_on),
        accessories: handover
            .as_ref()
            .map(|h| h.accessories.clone())
            .unwrap_or_default(),
        condition: handover.as_ref().map(|h| h.condition.clone()),
        os,
        version: version.clone(),
        clauses: crate::texts::paragraphs_of(
            conn,
            crate::texts::domain::TextKind::HandoverAgreement,
            &version,
        )?,
    })
}

/// What became of a donor's machines, in words and figures; never who received them.
pub fn donor_report(conn: &mut TenantConn<'_>, donor_id: Uuid) -> ApiResult<DonorReport> {
    let donor = donors::find(conn, donor_id)?;
    let donations = donors::donations(conn, Some(donor_id))?;
    let mut devices_given = Vec::new();
    for donation in &donations {
        let rows = devices::list(
            conn,
            &DeviceFilter {
                donation_id: Some(donation.id),
                ..Default::default()
            },
            1000,
        )?;
        devices_given.extend(rows.into_iter().map(|d| (donation.received_on, d)));
    }
    let ids: Vec<Uuid> = devices_given.iter().map(|(_, d)| d.id).collect();
    let certificates = steps::certificates(conn, &ids)?;
    let handovers = allocation::handovers_of_devices(conn, &ids)?;
    let mut view = DonorReport {
        donor: donor.name,
        structure: crate::organisations::in_scope(conn)?.name,
        devices: Vec::new(),
        handed_over: 0,
        ready: 0,
        in_refurbishment: 0,
        scrapped: 0,
    };
    for (received_on, d) in devices_given {
        let certificate = certificates.iter().find(|c| c.device_id == d.id);
        let handed_over_on = handovers
            .iter()
            .find(|h| h.device_id == d.id && h.returned_at.is_none())
            .map(|h| h.handed_on);
        let outcome = match d.state {
            DeviceState::HandedOver => {
                view.handed_over += 1;
                match handed_over_on {
                    Some(day) => format!("remis à une famille le {}", french_date(day)),
                    None => "remis à une famille".to_owned(),
                }
            }
            DeviceState::Scrapped => {
                view.scrapped += 1;
                match (d.scrap_outcome, d.scrap_channel.as_deref()) {
                    (Some(super::kinds::ScrapOutcome::KeptForParts), _) => {
                        "gardé pour pièces (réparation d'autres machines)".to_owned()
                    }
                    (_, Some(channel)) => format!("recyclé ({channel})"),
                    _ => "recyclé".to_owned(),
                }
            }
            DeviceState::Ready | DeviceState::Reserved => {
                view.ready += 1;
                "prêt à être remis à une famille".to_owned()
            }
            _ => {
                view.in_refurbishment += 1;
                "en cours de reconditionnement".to_owned()
            }
        };
        view.devices.push(DonatedDeviceView {
            asset_tag: d.asset_tag,
            kind: d.kind,
            brand: d.brand,
            model: d.model,
            received_on,
            // A reserved device is "ready" to a donor: a reservation names a family.
            state: if d.state == DeviceState::Reserved {
                DeviceState::Ready
            } else {
                d.state
            },
            outcome,
            handed_over_on,
            scrap_outcome: d.scrap_outcome,
            scrap_channel: d.scrap_channel,
            certificate_code: certificate.map(|c| c.code.clone()),
            erased_on: certificate.map(|c| paris_day(c.issued_at)),
        });
    }
    Ok(view)
}
