//! The dashboards as tables for the exports, in French.

use super::export::{Table, Value};
use super::views::{
    Hidden, JourneyFigures, KeyedCount, NetworkDashboard, NetworkFigure, NetworkValue,
    ReferrerDashboard, StructureDashboard, StructureFigures,
};
use crate::referrals::domain::ReferralStatus;
use crate::workshop::domain::DeviceState;

/// Each figure of a period or a month, with its French name.
const FIGURES: &[(&str, fn(&StructureFigures) -> Value)] = &[
    ("Orientations reçues", |f| Value::count(f.referrals)),
    ("Délai médian jusqu'à la décision (jours)", |f| {
        Value::maybe(f.median_days_to_decision.map(f64::from))
    }),
    (
        "Délai médian jusqu'à la première séance (jours)",
        |f| Value::maybe(f.median_days_to_first_session.map(f64::from)),
    ),
    (
        "Délai médian jusqu'à la remise de l'ordinateur (jours)",
        |f| Value::maybe(f.median_days_to_handover.map(f64::from)),
    ),
    ("Cycles menés", |f| Value::count(f.cycles_run)),
    ("Participants", |f| Value::count(f.participants)),
    ("Séances tenues", |f| Value::count(f.sessions_held)),
    ("Taux de présence (%)", |f| Value::maybe(f.attendance_rate)),
    ("Taux de parcours complets (%)", |f| {
        Value::maybe(f.completion_rate)
    }),
    ("Compétences en progrès (%)", |f| {
        Value::maybe(f.skills_progress_rate)
    }),
    ("Équipements reçus", |f| Value::count(f.devices_received)),
    ("Ordinateurs remis", |f| {
        Value::count(f.computers_handed_over)
    }),
    ("Bénévoles formés", |f| Value::count(f.people_trained)),
    ("Heures de formation", |f| Value::Number(f.training_hours)),
    ("Compétences validées", |f| {
        Value::count(f.competences_validated)
    }),
];

/// A table of named figures of one subject: "Indicateur; Valeur".
fn named<T>(title: String, figures: &[(&str, fn(&T) -> Value)], of: &T) -> Table {
    Table {
        title,
        headers: vec!["Indicateur".into(), "Valeur".into()],
        rows: figures
            .iter()
            .map(|(name, value)| vec![Value::Text((*name).into()), value(of)])
            .collect(),
    }
}

/// "Par mois": a row a month, its first columns given, then the named figures.
fn by_month<M, T>(
    first: &[&str],
    figures: &[(&str, fn(&T) -> Value)],
    months: &[M],
    lead: impl Fn(&M) -> Vec<Value>,
    of: impl Fn(&M) -> &T,
) -> Table {
    let mut headers: Vec<String> = first.iter().map(|h| (*h).to_owned()).collect();
    headers.extend(figures.iter().map(|(name, _)| (*name).to_owned()));
    Table {
        title: "Par mois".into(),
        headers,
        rows: months
            .iter()
            .map(|m| {
                let mut row = lead(m);
                row.extend(figures.iter().map(|(_, value)| value(of(m))));
                row
            })
            .collect(),
    }
}

pub fn area_label(area: &str) -> &str {
    match area {
        "equipment" => "Équipement",
        "office" => "Bureautique",
        "internet_and_email" => "Internet et courriel",
        "online_procedures" => "Démarches en ligne",
        "ent_pronote" => "ENT / Pronote",
        "safety" => "Sécurité",
        other => other,
    }
}

fn status_label(key: &str) -> String {
    ReferralStatus::parse(key)
        .map_or(key, |s| s.label_fr())
        .to_owned()
}

fn state_label(key: &str) -> String {
    DeviceState::parse(key)
        .map_or(key, |s| s.label())
        .to_owned()
}

fn keyed(
    title: &str,
    header: &str,
    counts: &[KeyedCount],
    label: impl Fn(&str) -> String,
) -> Table {
    Table {
        title: title.into(),
        headers: vec![header.into(), "Nombre".into()],
        rows: counts
            .iter()
            .map(|c| vec![Value::Text(label(&c.key)), Value::count(c.count)])
            .collect(),
    }
}

pub fn structure(d: &StructureDashboard) -> Vec<Table> {
    vec![
        named(
            format!("Chiffres {} à {}", d.from, d.to),
            FIGURES,
            &d.figures,
        ),
        by_month(
            &["Mois"],
            FIGURES,
            &d.months,
            |m| vec![Value::Text(m.month.clone())],
            |m| &m.figures,
        ),
        Table {
            title: "Orientations par source".into(),
            headers: vec!["Source".into(), "Nombre".into()],
            rows: d
                .referrals_by_source
                .iter()
                .map(|s| vec![Value::Text(s.name.clone()), Value::count(s.count)])
                .collect(),
        },
        keyed(
            "Orientations par issue",
            "Issue",
            &d.referrals_by_outcome,
            status_label,
        ),
        Table {
            title: "Progression par domaine".into(),
            headers: vec![
                "Domaine".into(),
                "Évaluées".into(),
                "En progrès".into(),
                "Taux (%)".into(),
            ],
            rows: d
                .skills_progress
                .iter()
                .map(|a| {
                    vec![
                        Value::Text(area_label(&a.area).into()),
                        Value::count(a.assessed),
                        Value::count(a.improved),
                        Value::maybe(a.rate),
                    ]
                })
                .collect(),
        },
        keyed(
            "Équipements par état",
            "État",
            &d.devices_by_state,
            state_label,
        ),
        keyed(
            "Équipements par donateur",
            "Donateur",
            &d.devices_by_donor,
            |k| {
                if k.is_empty() {
                    "Sans don enregistré".into()
                } else {
                    k.into()
                }
            },
        ),
    ]
}

/// A network figure's French name, with its key.
pub fn network_label(f: &NetworkFigure) -> String {
    let name = match f.figure.as_str() {
        "referrals" => "Orientations reçues",
        "referrals_by_source" if f.key == "structure" => "Orientations : venues d'elles-mêmes",
        "referrals_by_source" => "Orientations : par un prescripteur",
        "referrals_by_outcome" => return format!("Orientations {}", status_label(&f.key)),
        "median_days_to_decision" => "Délai médian jusqu'à la décision (jours)",
        "median_days_to_first_session" => "Délai médian jusqu'à la première séance (jours)",
        "median_days_to_handover" => "Délai médian jusqu'à la remise (jours)",
        "cycles_run" => "Cycles menés",
        "participants" => "Participants",
        "sessions_held" => "Séances tenues",
        "attendance_rate" => "Taux de présence (%)",
        "completion_rate" => "Taux de parcours complets (%)",
        "skills_progress" => {
            return format!("Progrès en {} (%)", area_label(&f.key).to_lowercase())
        }
        "devices_by_state" => return format!("Équipements {}", state_label(&f.key)),
        "computers_handed_over" => "Ordinateurs remis",
        "people_trained" => "Bénévoles formés",
        "training_hours" => "Heures de formation",
        "competences_validated" => "Compétences validées",
        other => other,
    };
    name.to_owned()
}

fn network_value(v: &NetworkValue) -> Value {
    match v {
        NetworkValue::Value(n) => Value::Number(*n),
        NetworkValue::Hidden(Hidden::Small) => Value::Text("< 5".into()),
        NetworkValue::Hidden(Hidden::Secondary) => Value::Text("masqué".into()),
    }
}

/// Rows are the network's figures, columns its structures and the total.
pub fn network(d: &NetworkDashboard) -> Vec<Table> {
    let columns: Vec<(&str, &str)> = d
        .total
        .iter()
        .map(|f| (f.figure.as_str(), f.key.as_str()))
        .collect();
    // A count not listed is zero; a median or a rate not listed had nothing to measure.
    let find = |figures: &[NetworkFigure], (figure, key): (&str, &str)| {
        let measured = figure.starts_with("median")
            || figure.ends_with("rate")
            || figure.ends_with("hours")
            || figure == "skills_progress";
        figures
            .iter()
            .find(|f| f.figure == figure && f.key == key)
            .map_or(
                if measured {
                    Value::Empty
                } else {
                    Value::count(0)
                },
                |f| network_value(&f.value),
            )
    };
    let mut headers = vec!["Indicateur".to_owned()];
    headers.extend(d.structures.iter().map(|s| s.name.clone()));
    headers.push("Réseau".into());
    let mut month_headers = vec!["Indicateur".to_owned()];
    month_headers.extend(d.months.iter().map(|m| m.month.clone()));
    vec![
        Table {
            title: format!("Réseau {}", d.year),
            headers,
            rows: d
                .total
                .iter()
                .zip(&columns)
                .map(|(total, column)| {
                    let mut row = vec![Value::Text(network_label(total))];
                    row.extend(d.structures.iter().map(|s| find(&s.figures, *column)));
                    row.push(network_value(&total.value));
                    row
                })
                .collect(),
        },
        Table {
            title: "Réseau par mois".into(),
            headers: month_headers,
            rows: d
                .total
                .iter()
                .zip(&columns)
                .map(|(total, column)| {
                    let mut row = vec![Value::Text(network_label(total))];
                    row.extend(d.months.iter().map(|m| find(&m.figures, *column)));
                    row
                })
                .collect(),
        },
    ]
}

const JOURNEYS: &[(&str, fn(&JourneyFigures) -> Value)] = &[
    ("Familles ayant accepté le partage", |j| {
        Value::count(j.shared)
    }),
    ("Cycle commencé", |j| Value::count(j.started_a_cycle)),
    (
        "Délai médian jusqu'à la première séance (jours)",
        |j| Value::maybe(j.median_days_to_first_session.map(f64::from)),
    ),
    ("Séances suivies", |j| Value::count(j.sessions_attended)),
    ("Séances prévues", |j| Value::count(j.sessions_planned)),
    ("Taux de présence (%)", |j| Value::maybe(j.attendance_rate)),
    ("Parcours complets", |j| Value::count(j.completed)),
    ("Ordinateurs remis", |j| {
        Value::count(j.computers_handed_over)
    }),
    ("Délai médian jusqu'à la remise (jours)", |j| {
        Value::maybe(j.median_days_to_handover.map(f64::from))
    }),
];

pub fn referrer(d: &ReferrerDashboard) -> Vec<Table> {
    vec![
        Table {
            title: format!("Orientations {} à {}", d.from, d.to),
            headers: vec!["Structure".into(), "Issue".into(), "Nombre".into()],
            rows: d
                .structures
                .iter()
                .flat_map(|s| {
                    s.outcomes.iter().map(|o| {
                        vec![
                            Value::Text(s.name.clone()),
                            Value::Text(status_label(&o.key)),
                            Value::count(o.count),
                        ]
                    })
                })
                .collect(),
        },
        named("Parcours partagés".into(), JOURNEYS, &d.journeys),
        by_month(
            &["Mois", "Orientations"],
            JOURNEYS,
            &d.months,
            |m| vec![Value::Text(m.month.clone()), Value::count(m.referrals)],
            |m| &m.journeys,
        ),
    ]
}
