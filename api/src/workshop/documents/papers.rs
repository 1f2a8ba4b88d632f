//! The donation receipt, the handover agreement and the donor report.

use super::{field, heading, MARGIN};
use crate::platform::pdf::{room, Document, A4_WIDTH};
use crate::platform::text::french_date;
use crate::workshop::report::{AgreementData, ReceiptData};
use crate::workshop::views::DonorReport;

const WIDTH: f32 = A4_WIDTH - 2.0 * MARGIN;

pub fn receipt(data: &ReceiptData) -> Vec<u8> {
    let mut doc = Document::new("Reçu de don de matériel");
    let mut y = heading(
        &mut doc,
        &data.structure,
        "Reçu de don de matériel informatique",
    );
    y = field(&mut doc, y, "Donateur", &data.donor);
    if let Some(address) = &data.donor_address {
        y = field(&mut doc, y, "Adresse", address);
    }
    y = field(&mut doc, y, "Reçu le", &french_date(data.received_on));
    y = field(
        &mut doc,
        y,
        "Machines annoncées",
        &data.items_announced.to_string(),
    );
    y = field(
        &mut doc,
        y,
        "Machines enregistrées",
        &data.devices.len().to_string(),
    );
    if let Some(notes) = &data.notes {
        y = field(&mut doc, y, "Remarques", notes);
    }
    y -= 12.0;
    doc.text(MARGIN, y, 11.0, true, "N° d'inventaire", 110.0);
    doc.text(MARGIN + 110.0, y, 11.0, true, "Équipement", 260.0);
    doc.text(MARGIN + 370.0, y, 11.0, true, "N° de série", 120.0);
    y -= 16.0;
    for (tag, kind, line, serial) in &data.devices {
        y = room(&mut doc, y, 16.0);
        doc.text(MARGIN, y, 10.0, false, tag, 105.0);
        doc.text(
            MARGIN + 110.0,
            y,
            10.0,
            false,
            &format!("{} — {line}", kind.label()),
            255.0,
        );
        doc.text(
            MARGIN + 370.0,
            y,
            10.0,
            false,
            serial.as_deref().unwrap_or("—"),
            115.0,
        );
        y -= 15.0;
    }
    y = room(&mut doc, y, 90.0) - 20.0;
    y = doc.paragraph(
        MARGIN,
        y,
        9.0,
        "Les données des supports de stockage seront effacées selon les recommandations NIST SP 800-88 avant toute remise ; un certificat d'effacement est établi pour chaque machine. Ce reçu n'est pas un reçu fiscal.",
        WIDTH,
    );
    doc.text(
        MARGIN,
        y - 30.0,
        10.0,
        false,
        "Pour la structure (nom, signature) :",
        300.0,
    );
    doc.finish()
}

/// The platform's handover agreement (version `AGREEMENT_VERSION`), printed until a
/// structure publishes its own.
pub const CLAUSES: &[&str] = &[
    "1. L'équipement est remis gratuitement à la famille, dans le cadre de son accompagnement au numérique. Il ne peut pas être vendu.",
    "2. Les données de ses précédents propriétaires ont été effacées ; un système et des logiciels libres ou sous licence de reconditionnement y sont installés.",
    "3. La famille prend soin de l'équipement. En cas de panne dans les six mois, elle peut le rapporter à la structure, qui le vérifiera.",
    "4. Si la famille ne souhaite plus l'utiliser, elle peut le rendre à la structure, qui effacera ses données avant de le confier à une autre famille.",
    "5. Les informations de cette convention sont conservées par la structure pour le suivi du programme ; la famille peut y accéder et les faire rectifier.",
];

pub fn agreement(data: &AgreementData) -> Vec<u8> {
    let mut doc = Document::new(&format!("Convention de remise {}", data.asset_tag));
    let mut y = heading(
        &mut doc,
        &data.structure,
        "Convention de remise d'un équipement",
    );
    y = field(&mut doc, y, "Foyer", &data.household);
    y = field(
        &mut doc,
        y,
        "Reçu par",
        data.recipient.as_deref().unwrap_or("…………………………………………"),
    );
    y = field(
        &mut doc,
        y,
        "Équipement",
        &format!("{} — {}", data.kind.label(), data.brand_model),
    );
    y = field(&mut doc, y, "N° d'inventaire", &data.asset_tag);
    y = field(
        &mut doc,
        y,
        "N° de série",
        data.serial.as_deref().unwrap_or("—"),
    );
    if let Some(os) = &data.os {
        y = field(&mut doc, y, "Système", os);
    }
    let accessories = if data.accessories.is_empty() {
        "…………………………………………".to_owned()
    } else {
        data.accessories
            .iter()
            .map(|a| a.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    y = field(&mut doc, y, "Accessoires", &accessories);
    y = field(
        &mut doc,
        y,
        "État constaté",
        data.condition.as_deref().unwrap_or("…………………………………………"),
    );
    y = field(
        &mut doc,
        y,
        "Date de remise",
        &data
            .handed_on
            .map(french_date)
            .unwrap_or_else(|| "…… / …… / ………".to_owned()),
    );
    y -= 10.0;
    let default: Vec<String> = CLAUSES.iter().map(|c| (*c).to_owned()).collect();
    for clause in data.clauses.as_ref().unwrap_or(&default) {
        y = room(&mut doc, y, 40.0);
        y = doc.paragraph(MARGIN, y, 10.0, clause, WIDTH) - 6.0;
    }
    y = room(&mut doc, y, 130.0);
    y -= 24.0;
    doc.text(MARGIN, y, 10.0, true, "Pour la famille", 200.0);
    doc.text(MARGIN + 260.0, y, 10.0, true, "Pour la structure", 200.0);
    doc.rect(MARGIN, y - 80.0, 220.0, 70.0);
    doc.rect(MARGIN + 260.0, y - 80.0, 220.0, 70.0);
    doc.text(
        MARGIN,
        y - 100.0,
        8.0,
        false,
        &format!("Convention version {}", data.version),
        200.0,
    );
    doc.finish()
}

pub fn donor_report(report: &DonorReport) -> Vec<u8> {
    let mut doc = Document::new(&format!("Rapport au donateur {}", report.donor));
    let mut y = heading(&mut doc, &report.structure, "Ce que sont devenus vos dons");
    y = field(&mut doc, y, "Donateur", &report.donor);
    y = field(
        &mut doc,
        y,
        "Machines données",
        &report.devices.len().to_string(),
    );
    y = field(
        &mut doc,
        y,
        "Remises à des familles",
        &report.handed_over.to_string(),
    );
    y = field(
        &mut doc,
        y,
        "Prêtes à être remises",
        &report.ready.to_string(),
    );
    y = field(
        &mut doc,
        y,
        "En reconditionnement",
        &report.in_refurbishment.to_string(),
    );
    y = field(
        &mut doc,
        y,
        "Recyclées ou gardées pour pièces",
        &report.scrapped.to_string(),
    );
    y -= 12.0;
    for device in &report.devices {
        y = room(&mut doc, y, 34.0);
        doc.text(
            MARGIN,
            y,
            10.0,
            true,
            &format!(
                "{} — {} {} {}",
                device.asset_tag,
                device.kind.label(),
                device.brand,
                device.model
            ),
            WIDTH,
        );
        y -= 14.0;
        let certificate = match (&device.certificate_code, device.erased_on) {
            (Some(code), Some(day)) => format!(
                " · données effacées le {} (certificat {code})",
                french_date(day)
            ),
            _ => String::new(),
        };
        doc.text(
            MARGIN + 12.0,
            y,
            9.0,
            false,
            &format!(
                "Reçue le {} : {}{certificate}",
                french_date(device.received_on),
                device.outcome
            ),
            WIDTH - 12.0,
        );
        y -= 18.0;
    }
    y = room(&mut doc, y, 40.0) - 10.0;
    doc.paragraph(
        MARGIN,
        y,
        9.0,
        "Ce rapport ne nomme aucune famille. Chaque certificat d'effacement peut être vérifié avec son code sur le site de la structure.",
        WIDTH,
    );
    doc.finish()
}
