//! The demo workshop at the AMQR: the two donors of the programme, their lots, and about
//! twenty machines in every state, each taken there through the real steps (diagnosis,
//! erasure with its certificate, system, four-eyes check by the staff after the volunteer's
//! installation), two handed over to families who completed the autumn cycle, one reserved
//! for a family of the running cycle, one given back.

use chrono::{Duration, Utc};
use uuid::Uuid;

use super::cycles::AmqrOutcome;
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::workshop::domain::{tag_prefix, DeviceState, ErasureMethod};
use crate::workshop::journey::{self, Handover};
use crate::workshop::kinds::{
    Accessory, DeviceKind, DiskKind, DonorKind, Grade, HardwareTest, QualityItem, ReturnReason,
    ScrapOutcome,
};
use crate::workshop::repo::devices::{self, Diagnosis, DiskInput, NewDevice};
use crate::workshop::repo::donors::{self, DonorFields, NewDonation};
use crate::workshop::repo::steps::{ErasureRow, OsInstallRow, QualityCheckRow};

/// (kind, brand, model, RAM in GB, disk kind, disk size in GB) of the machines given.
const MACHINES: [(DeviceKind, &str, &str, i32, DiskKind, i32); 21] = [
    (
        DeviceKind::Laptop,
        "Lenovo",
        "ThinkPad T470",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Lenovo",
        "ThinkPad T460",
        8,
        DiskKind::Ssd,
        240,
    ),
    (
        DeviceKind::Laptop,
        "Dell",
        "Latitude 5490",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "HP",
        "EliteBook 840 G4",
        8,
        DiskKind::Nvme,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Dell",
        "Latitude E7470",
        8,
        DiskKind::Ssd,
        128,
    ),
    (
        DeviceKind::Laptop,
        "HP",
        "ProBook 650 G2",
        4,
        DiskKind::Hdd,
        500,
    ),
    (
        DeviceKind::Laptop,
        "Lenovo",
        "ThinkPad X270",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Dell",
        "Latitude 5580",
        8,
        DiskKind::Hdd,
        500,
    ),
    (
        DeviceKind::Laptop,
        "Acer",
        "TravelMate P259",
        4,
        DiskKind::Hdd,
        500,
    ),
    (
        DeviceKind::Laptop,
        "HP",
        "EliteBook 820 G3",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Lenovo",
        "ThinkPad L470",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Dell",
        "Latitude 3480",
        4,
        DiskKind::Hdd,
        500,
    ),
    (
        DeviceKind::Desktop,
        "HP",
        "ProDesk 600 G3",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Desktop,
        "Dell",
        "OptiPlex 7050",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Lenovo",
        "ThinkPad T450",
        8,
        DiskKind::Ssd,
        180,
    ),
    (
        DeviceKind::Laptop,
        "HP",
        "ProBook 640 G2",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Dell",
        "Latitude 5480",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Lenovo",
        "ThinkPad T440",
        4,
        DiskKind::Hdd,
        320,
    ),
    (
        DeviceKind::Laptop,
        "Toshiba",
        "Tecra A50",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Desktop,
        "Fujitsu",
        "Esprimo P757",
        8,
        DiskKind::Ssd,
        256,
    ),
    (
        DeviceKind::Laptop,
        "Asus",
        "ExpertBook P2",
        8,
        DiskKind::Ssd,
        256,
    ),
];

/// How far each machine goes (in the order above).
const TARGETS: [DeviceState; 21] = {
    use DeviceState::*;
    [
        HandedOver,
        HandedOver,
        Returned,
        Reserved,
        Ready,
        Ready,
        Ready,
        OsInstalled,
        OsInstalled,
        Scrapped,
        Erased,
        Erased,
        OsInstalled,
        Ready,
        Diagnosed,
        Diagnosed,
        Scrapped,
        Diagnosed,
        Received,
        Received,
        Received,
    ]
};

const SOFTWARE: [&str; 4] = ["LibreOffice", "Firefox", "Thunderbird", "VLC"];

pub fn seed_amqr(
    conn: &mut TenantConn<'_>,
    volunteer: Uuid,
    families: &AmqrOutcome,
) -> ApiResult<()> {
    let staff = conn.actor().user_id.unwrap_or(volunteer);
    let now = Utc::now();
    let today = now.date_naive();
    let club = donors::insert(
        conn,
        &DonorFields {
            name: "Saint-Amand Handball Club".to_owned(),
            kind: DonorKind::Association,
            contact_name: Some("Patrick Delattre".to_owned()),
            email: Some("contact@sahb.test".to_owned()),
            phone: None,
            address: Some("Complexe sportif, 59230 Saint-Amand-les-Eaux".to_owned()),
        },
    )?;
    let town = donors::insert(
        conn,
        &DonorFields {
            name: "Mairie de Fresnes-sur-Escaut".to_owned(),
            kind: DonorKind::LocalAuthority,
            contact_name: Some("Service informatique".to_owned()),
            email: Some("informatique@fresnes.test".to_owned()),
            phone: None,
            address: Some("Place Vaillant-Couturier, 59970 Fresnes-sur-Escaut".to_owned()),
        },
    )?;
    let lots = [
        donors::insert_donation(
            conn,
            &NewDonation {
                donor_id: club.id,
                received_on: today - Duration::days(75),
                items_announced: 12,
                notes: Some("Portables du secrétariat et des entraîneurs, avec chargeurs."),
            },
        )?,
        donors::insert_donation(
            conn,
            &NewDonation {
                donor_id: town.id,
                received_on: today - Duration::days(50),
                items_announced: 10,
                notes: Some("Renouvellement du parc de la mairie."),
            },
        )?,
    ];
    let prefix = tag_prefix(&crate::organisations::in_scope(conn)?.short_name);
    let site = None;
    let mut handed = families.completed.iter();
    for (i, ((kind, brand, model, ram, disk_kind, size), target)) in
        MACHINES.iter().zip(TARGETS).enumerate()
    {
        let lot = &lots[usize::from(i >= 12)];
        let device = devices::insert(
            conn,
            &prefix,
            &NewDevice {
                kind: *kind,
                brand: (*brand).to_owned(),
                model: (*model).to_owned(),
                serial: Some(format!(
                    "{}{:06}",
                    &brand[..2].to_uppercase(),
                    381_204 + i * 7_919
                )),
                donation_id: Some(lot.id),
                site_id: site,
                notes: None,
            },
        )?;
        let id = device.id;
        let days_ago = |n: i64| now - Duration::days(n) - Duration::minutes(i as i64 * 37);
        if target == DeviceState::Received {
            devices::set_state_since(conn, id, days_ago(20 - i as i64 % 3))?;
            continue;
        }
        if target == DeviceState::Scrapped && i == 16 {
            journey::scrap(
                conn,
                id,
                ScrapOutcome::KeptForParts,
                None,
                Some("Carte mère hors service."),
                true,
            )?;
            continue;
        }
        let failed = if *ram < 8 {
            vec![HardwareTest::Battery]
        } else {
            vec![]
        };
        journey::diagnose(
            conn,
            id,
            device.version,
            &Diagnosis {
                cpu: Some("Intel Core i5".to_owned()),
                ram_gb: Some(*ram),
                screen_inches: (*kind == DeviceKind::Laptop).then_some(14.0),
                battery_health_percent: (*kind == DeviceKind::Laptop).then_some(if *ram < 8 {
                    41
                } else {
                    78
                }),
                tests_passed: HardwareTest::ALL
                    .iter()
                    .copied()
                    .filter(|t| !failed.contains(t))
                    .collect(),
                tests_failed: failed,
                appearance_grade: Some(if i % 3 == 0 { Grade::A } else { Grade::B }),
                function_grade: Some(if *ram < 8 { Grade::C } else { Grade::A }),
                notes: None,
                diagnosed_by: Some(volunteer),
                diagnosed_at: Some(days_ago(40)),
            },
            &[DiskInput {
                id: None,
                kind: *disk_kind,
                size_gb: *size,
                serial: format!(
                    "S{}{:08}",
                    disk_kind.as_str().to_uppercase(),
                    52_310_000 + i * 104_729
                ),
            }],
        )?;
        if target == DeviceState::Diagnosed {
            devices::set_state_since(conn, id, days_ago(12 + i as i64))?;
            continue;
        }
        if target == DeviceState::Scrapped {
            journey::scrap(
                conn,
                id,
                ScrapOutcome::Recycled,
                Some("Envie Hauts-de-France"),
                Some("Écran fêlé, non réparable."),
                true,
            )?;
            continue;
        }
        let disk = devices::disks(conn, &[id])?.remove(0);
        let method = match disk_kind {
            DiskKind::Hdd => ErasureMethod::OverwriteVerified,
            DiskKind::Nvme => ErasureMethod::NvmeSanitize,
            _ => ErasureMethod::AtaSecureErase,
        };
        let started = days_ago(30);
        journey::record_erasure(
            conn,
            &ErasureRow {
                id: Uuid::now_v7(),
                device_id: id,
                disk_id: disk.id,
                method,
                tool: if method == ErasureMethod::OverwriteVerified {
                    "nwipe"
                } else {
                    "hdparm"
                }
                .to_owned(),
                tool_version: if method == ErasureMethod::OverwriteVerified {
                    "0.34"
                } else {
                    "9.65"
                }
                .to_owned(),
                passes: 1,
                verified: true,
                succeeded: true,
                started_at: started,
                ended_at: started
                    + Duration::minutes(if *disk_kind == DiskKind::Hdd { 95 } else { 4 }),
                operator_id: volunteer,
                witness_id: Some(staff),
                notes: None,
            },
        )?;
        journey::declare_erased(conn, id)?;
        if target == DeviceState::Erased {
            devices::set_state_since(conn, id, days_ago(9))?;
            continue;
        }
        journey::install_os(
            conn,
            &OsInstallRow {
                id: Uuid::now_v7(),
                device_id: id,
                os: "Linux Mint".to_owned(),
                os_version: "22".to_owned(),
                licence: None,
                software: SOFTWARE.iter().map(|s| (*s).to_owned()).collect(),
                account_prepared: true,
                installed_on: today - Duration::days(20),
                operator_id: volunteer,
            },
        )?;
        if target == DeviceState::OsInstalled {
            devices::set_state_since(conn, id, days_ago(6 + i as i64 % 4))?;
            continue;
        }
        let all_passed = QualityCheckRow {
            id: Uuid::now_v7(),
            device_id: id,
            items_passed: QualityItem::ALL.to_vec(),
            items_failed: vec![],
            passed: true,
            notes: None,
            checker_id: staff,
            checked_at: days_ago(15),
        };
        journey::check_quality_of(conn, &all_passed)?;
        match target {
            DeviceState::Reserved => {
                if let Some(household) = families.enrolled.first() {
                    journey::reserve(conn, id, *household, Some("Pour la fin du cycle d'hiver."))?;
                }
            }
            DeviceState::HandedOver | DeviceState::Returned => {
                let household = match target {
                    DeviceState::HandedOver => handed.next(),
                    _ => families.not_completed.first(),
                };
                let Some(household) = household else { continue };
                journey::reserve(conn, id, *household, None)?;
                let name = crate::workshop::loading::household_refs(conn, &[*household])?
                    .remove(0)
                    .name;
                journey::hand_over(
                    conn,
                    id,
                    &Handover {
                        household: *household,
                        handed_on: today - Duration::days(10 + i as i64),
                        accessories: &[Accessory::Charger, Accessory::Mouse, Accessory::Bag],
                        condition: "Très bon état, quelques rayures sur le capot.",
                        agreement_version: crate::workshop::routes::allocation::AGREEMENT_VERSION,
                        recipient_name: &name,
                    },
                    now,
                )?;
                if target == DeviceState::Returned {
                    journey::take_back(
                        conn,
                        id,
                        ReturnReason::Fault,
                        Some("Le clavier ne répond plus."),
                    )?;
                }
            }
            _ => {}
        }
        devices::set_state_since(conn, id, days_ago(3 + i as i64 % 5))?;
    }
    Ok(())
}
