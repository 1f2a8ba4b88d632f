//! The erasure certificate: the device, each disk with its serial, method, standard, tool
//! and result, the operator, and the code anyone can check.

use super::{field, heading, paris_time, MARGIN};
use crate::platform::pdf::{Document, A4_WIDTH};
use crate::workshop::report::CertificateData;

pub fn certificate(data: &CertificateData) -> Vec<u8> {
    let mut doc = Document::new(&format!("Certificat d'effacement {}", data.asset_tag));
    let mut y = heading(
        &mut doc,
        &data.structure,
        "Certificat d'effacement des données",
    );
    y = field(&mut doc, y, "Numéro d'inventaire", &data.asset_tag);
    y = field(
        &mut doc,
        y,
        "Équipement",
        &format!("{} — {}", data.kind.label(), data.brand_model),
    );
    y = field(
        &mut doc,
        y,
        "Numéro de série",
        data.serial.as_deref().unwrap_or("non relevé"),
    );
    y = field(
        &mut doc,
        y,
        "Certificat émis le",
        &paris_time(data.issued_at),
    );
    y -= 12.0;
    doc.text(MARGIN, y, 12.0, true, "Supports de stockage effacés", 400.0);
    y -= 20.0;
    for (i, disk) in data.disks.iter().enumerate() {
        if y < 160.0 {
            doc.new_page();
            y = 780.0;
        }
        doc.text(
            MARGIN,
            y,
            10.0,
            true,
            &format!(
                "Disque {} — {} {} Go, n° de série {}",
                i + 1,
                disk.kind.as_str().to_uppercase(),
                disk.size_gb,
                disk.serial
            ),
            A4_WIDTH - 2.0 * MARGIN,
        );
        y -= 15.0;
        y = field(&mut doc, y, "Méthode", disk.method.label());
        y = field(&mut doc, y, "Norme", disk.method.standard());
        y = field(&mut doc, y, "Outil", &disk.tool);
        y = field(
            &mut doc,
            y,
            "Passes / vérification",
            &format!(
                "{} passe(s), {}",
                disk.passes,
                if disk.verified {
                    "vérifié par relecture"
                } else {
                    "sans relecture"
                }
            ),
        );
        y = field(
            &mut doc,
            y,
            "Résultat",
            &format!("réussi, terminé le {}", paris_time(disk.ended_at)),
        );
        let mut by = disk.operator.clone();
        if let Some(witness) = &disk.witness {
            by.push_str(&format!(" (témoin : {witness})"));
        }
        y = field(&mut doc, y, "Opérateur", &by);
        y -= 8.0;
    }
    y -= 10.0;
    doc.rect(MARGIN, y - 52.0, A4_WIDTH - 2.0 * MARGIN, 62.0);
    doc.text(
        MARGIN + 12.0,
        y - 10.0,
        11.0,
        true,
        &format!("Code de vérification : {}", data.code),
        420.0,
    );
    doc.paragraph(
        MARGIN + 12.0,
        y - 28.0,
        9.0,
        &format!(
            "Pour vérifier l'authenticité de ce certificat, saisissez ce code sur {} (sans compte).",
            data.verify_url
        ),
        A4_WIDTH - 2.0 * MARGIN - 24.0,
    );
    doc.finish()
}
