//! The network's dashboard assembled from the masked rows (pure).

use chrono::Utc;

use super::domain::month_label;
use super::repo::NetworkRow;
use super::views::{
    Hidden, NetworkDashboard, NetworkFigure, NetworkMonth, NetworkStructure, NetworkValue,
};

fn figure(row: &NetworkRow) -> NetworkFigure {
    let value = match (row.masking.as_deref(), row.value) {
        (Some("secondary"), _) => NetworkValue::Hidden(Hidden::Secondary),
        (Some(_), _) | (None, None) => NetworkValue::Hidden(Hidden::Small),
        (None, Some(v)) => NetworkValue::Value(v),
    };
    NetworkFigure {
        figure: row.figure.clone(),
        key: row.key.clone(),
        value,
    }
}

pub fn dashboard(year: i32, rows: &[NetworkRow]) -> NetworkDashboard {
    let mut structures: Vec<NetworkStructure> = Vec::new();
    let mut months: Vec<NetworkMonth> = Vec::new();
    let mut total = Vec::new();
    for row in rows {
        match (row.structure_id, row.month) {
            (Some(id), _) => {
                if structures.last().map(|s| s.structure_id) != Some(id) {
                    structures.push(NetworkStructure {
                        structure_id: id,
                        name: row.structure_name.clone().unwrap_or_default(),
                        figures: Vec::new(),
                    });
                }
                if let Some(s) = structures.last_mut() {
                    s.figures.push(figure(row));
                }
            }
            (None, None) => total.push(figure(row)),
            (None, Some(month)) => {
                let label = month_label(month);
                if months.last().map(|m| m.month.as_str()) != Some(label.as_str()) {
                    months.push(NetworkMonth {
                        month: label,
                        figures: Vec::new(),
                    });
                }
                if let Some(m) = months.last_mut() {
                    m.figures.push(figure(row));
                }
            }
        }
    }
    // Every month of the year, those with nothing too.
    let months = (1..=12)
        .filter_map(|m| chrono::NaiveDate::from_ymd_opt(year, m, 1))
        .map(|first| {
            let label = month_label(first);
            let figures = months
                .iter()
                .find(|m| m.month == label)
                .map(|m| m.figures.clone())
                .unwrap_or_default();
            NetworkMonth {
                month: label,
                figures,
            }
        })
        .collect();
    NetworkDashboard {
        year,
        computed_at: rows
            .iter()
            .find_map(|r| r.computed_at)
            .unwrap_or_else(Utc::now),
        structures,
        total,
        months,
    }
}
