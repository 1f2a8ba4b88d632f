//! A referrer's dashboard assembled from its referrals (pure): by structure and outcome, and
//! the journeys of the families who agreed to share them.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

use super::domain::{lower_median, month_label, percent, Period};
use super::repo::SentRow;
use super::views::{
    JourneyFigures, KeyedCount, ReferrerDashboard, ReferrerMonth, StructureOutcomes,
};

fn journeys<'a>(rows: impl Iterator<Item = &'a SentRow> + Clone) -> JourneyFigures {
    let shared = rows.clone().filter(|r| r.shared);
    let count =
        |f: &dyn Fn(&SentRow) -> bool| shared.clone().filter(|r| f(r)).map(|r| r.n).sum::<i64>();
    let attended: i64 = shared.clone().map(|r| r.sessions_attended).sum();
    let planned: i64 = shared.clone().map(|r| r.sessions_planned).sum();
    let histogram = |f: &dyn Fn(&SentRow) -> Option<i32>| {
        lower_median(
            shared
                .clone()
                .filter_map(|r| Some((f(r)?, r.n as f64)))
                .collect(),
        )
    };
    JourneyFigures {
        shared: count(&|_| true),
        started_a_cycle: count(&|r| r.to_first_session.is_some()),
        median_days_to_first_session: histogram(&|r| r.to_first_session),
        sessions_attended: attended,
        sessions_planned: planned,
        attendance_rate: percent(attended as f64, planned as f64),
        completed: count(&|r| r.status == "completed"),
        computers_handed_over: count(&|r| r.to_handover.is_some()),
        median_days_to_handover: histogram(&|r| r.to_handover),
    }
}

pub fn dashboard(
    period: Period,
    rows: &[SentRow],
    names: &HashMap<Uuid, String>,
) -> ReferrerDashboard {
    let mut by_structure: BTreeMap<Uuid, BTreeMap<String, i64>> = BTreeMap::new();
    for row in rows {
        *by_structure
            .entry(row.structure_id)
            .or_default()
            .entry(row.status.clone())
            .or_default() += row.n;
    }
    let mut structures: Vec<StructureOutcomes> = by_structure
        .into_iter()
        .map(|(id, outcomes)| {
            let mut outcomes: Vec<KeyedCount> = outcomes
                .into_iter()
                .map(|(key, count)| KeyedCount { key, count })
                .collect();
            outcomes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
            StructureOutcomes {
                structure_id: id,
                name: names.get(&id).cloned().unwrap_or_default(),
                referrals: outcomes.iter().map(|o| o.count).sum(),
                outcomes,
            }
        })
        .collect();
    structures.sort_by(|a, b| a.name.cmp(&b.name));
    ReferrerDashboard {
        from: month_label(period.first),
        to: month_label(period.last),
        referrals: rows.iter().map(|r| r.n).sum(),
        structures,
        journeys: journeys(rows.iter()),
        months: period
            .months()
            .into_iter()
            .map(|month| {
                let in_month = rows.iter().filter(move |r| r.month == month);
                ReferrerMonth {
                    month: month_label(month),
                    referrals: in_month.clone().map(|r| r.n).sum(),
                    journeys: journeys(in_month),
                }
            })
            .collect(),
    }
}
