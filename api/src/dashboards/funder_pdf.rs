//! The funder report: the year's figures (small counts hidden), a monthly chart and the
//! structure's own words.

use super::domain::{mask_one, mask_parts, rate_publishable, Shown};
use super::views::StructureDashboard;
use crate::platform::pdf::{heading, room, Document, A4_WIDTH, MARGIN};

const WIDTH: f32 = A4_WIDTH - 2.0 * MARGIN;

pub struct FunderReport<'a> {
    pub structure: &'a str,
    pub year: i32,
    pub dashboard: &'a StructureDashboard,
    pub context: &'a str,
    pub highlights: &'a str,
}

fn shown(s: Shown) -> String {
    match s {
        Shown::Value(n) => n.to_string(),
        Shown::Small => "< 5".into(),
        Shown::Secondary => "masqué".into(),
    }
}

fn rate(part: i64, whole: i64, value: Option<f64>) -> String {
    match value {
        Some(v) if rate_publishable(part, whole) => {
            format!("{} %", v.to_string().replace('.', ","))
        }
        Some(_) => "non publié (effectif < 5)".into(),
        None => "—".into(),
    }
}

fn section(doc: &mut Document, y: f32, title: &str) -> f32 {
    let y = room(doc, y, 60.0);
    doc.text(MARGIN, y, 13.0, true, title, WIDTH);
    y - 20.0
}

pub fn document(r: &FunderReport<'_>) -> Vec<u8> {
    let d = r.dashboard;
    let f = &d.figures;
    let mut doc = Document::new(&format!("Rapport d'activité {}", r.year));
    let mut y = heading(
        &mut doc,
        r.structure,
        &format!("Rapport d'activité {}", r.year),
    );
    y = doc.paragraph(MARGIN, y, 9.0, "Accompagnement des familles vers l'autonomie numérique : orientations, cycles de 8 séances, ordinateurs reconditionnés remis, bénévoles formés. Du 1er janvier au 31 décembre.", WIDTH) - 10.0;

    if !r.context.trim().is_empty() {
        y = section(&mut doc, y, "Contexte");
        y = doc.paragraph(MARGIN, y, 10.0, r.context, WIDTH) - 10.0;
    }

    y = section(&mut doc, y, "Chiffres clés");
    let own = d
        .referrals_by_source
        .iter()
        .filter(|s| s.referrer_org_id.is_none())
        .map(|s| s.count)
        .sum::<i64>();
    let sources = mask_parts(&[f.referrals - own, own]);
    let lines = [
        ("Familles orientées", shown(mask_one(f.referrals))),
        ("  dont par un prescripteur", shown(sources[0])),
        ("  dont venues d'elles-mêmes", shown(sources[1])),
        ("Cycles menés", shown(mask_one(f.cycles_run))),
        ("Participants", shown(mask_one(f.participants))),
        ("Séances tenues", shown(mask_one(f.sessions_held))),
        (
            "Taux de présence",
            rate(
                f.attendance_present,
                f.attendance_recorded,
                f.attendance_rate,
            ),
        ),
        (
            "Parcours complets",
            rate(f.completed, f.finished_places, f.completion_rate),
        ),
        (
            "Compétences en progrès",
            rate(f.skills_improved, f.skills_assessed, f.skills_progress_rate),
        ),
        (
            "Ordinateurs remis",
            shown(mask_one(f.computers_handed_over)),
        ),
        ("Bénévoles formés", shown(mask_one(f.people_trained))),
        (
            "Heures de formation",
            if (1..=4).contains(&f.people_trained) {
                "non publié".into()
            } else {
                f.training_hours.to_string().replace('.', ",")
            },
        ),
        (
            "Compétences validées",
            shown(mask_one(f.competences_validated)),
        ),
        (
            "Délai médian jusqu'à la première séance",
            f.median_days_to_first_session
                .map_or("—".into(), |d| format!("{d} jours")),
        ),
    ];
    for (label, value) in &lines {
        y = room(&mut doc, y, 16.0);
        doc.text(
            MARGIN,
            y,
            10.0,
            !label.starts_with("  "),
            label.trim_start(),
            300.0,
        );
        doc.text(MARGIN + 320.0, y, 10.0, false, value, 160.0);
        y -= 16.0;
    }

    y = section(
        &mut doc,
        y - 8.0,
        "Orientations reçues et ordinateurs remis, mois par mois",
    );
    y = chart(&mut doc, y, d);

    if !r.highlights.trim().is_empty() {
        y = section(&mut doc, y - 8.0, "Faits marquants");
        y = doc.paragraph(MARGIN, y, 10.0, r.highlights, WIDTH) - 10.0;
    }
    let y = room(&mut doc, y, 40.0) - 10.0;
    doc.paragraph(MARGIN, y, 8.0, "Les effectifs de 1 à 4 sont indiqués « < 5 », et un effectif qui permettrait de les retrouver par soustraction est « masqué », pour qu'aucune famille ne puisse être reconnue.", WIDTH);
    doc.finish()
}

/// Two bars a month (referrals, computers handed over), each series masked as parts of its
/// year's total; a hidden month shows its label and no bar.
fn chart(doc: &mut Document, top: f32, d: &StructureDashboard) -> f32 {
    let height = 140.0;
    let top = room(doc, top, height + 40.0);
    let base = top - height;
    let referrals: Vec<i64> = d.months.iter().map(|m| m.figures.referrals).collect();
    let handed: Vec<i64> = d
        .months
        .iter()
        .map(|m| m.figures.computers_handed_over)
        .collect();
    let series = [mask_parts(&referrals), mask_parts(&handed)];
    let max = referrals
        .iter()
        .chain(&handed)
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    doc.line((MARGIN, base), (MARGIN + WIDTH, base));
    let slot = WIDTH / d.months.len().max(1) as f32;
    for (i, month) in d.months.iter().enumerate() {
        let x = MARGIN + slot * i as f32;
        for (s, values) in series.iter().enumerate() {
            let bar_x = x + 4.0 + s as f32 * (slot - 8.0) / 2.0;
            let bar_w = (slot - 8.0) / 2.0 - 1.0;
            match values[i] {
                Shown::Value(n) => {
                    let h = (n as f32 / max) * (height - 14.0);
                    if s == 0 {
                        doc.fill_rect(bar_x, base, bar_w, h)
                    } else {
                        doc.rect(bar_x, base, bar_w, h)
                    }
                    doc.text(
                        bar_x,
                        base + h + 3.0,
                        6.0,
                        false,
                        &n.to_string(),
                        bar_w + 8.0,
                    );
                }
                hidden => doc.text(bar_x, base + 3.0, 6.0, false, &shown(hidden), bar_w + 10.0),
            }
        }
        doc.text(x + 4.0, base - 10.0, 7.0, false, &month.month[5..], slot);
    }
    let legend = base - 26.0;
    doc.fill_rect(MARGIN, legend, 8.0, 8.0);
    doc.text(
        MARGIN + 12.0,
        legend,
        8.0,
        false,
        "Orientations reçues",
        140.0,
    );
    doc.rect(MARGIN + 150.0, legend, 8.0, 8.0);
    doc.text(
        MARGIN + 162.0,
        legend,
        8.0,
        false,
        "Ordinateurs remis",
        140.0,
    );
    legend - 16.0
}
