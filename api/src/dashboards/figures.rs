//! A structure's dashboard assembled from its cells (pure: the names of the referrers come in).

use std::collections::HashMap;

use uuid::Uuid;

use super::domain::{self, month_label, Cell, Period, Slice};
use super::views::{
    AreaProgress, KeyedCount, MonthFigures, SourceCount, StructureDashboard, StructureFigures,
};

/// What a source without a referrer is called.
pub const OWN_SOURCE: &str = "La structure elle-même";

fn figures(slice: &Slice<'_>) -> StructureFigures {
    StructureFigures {
        referrals: slice.count("referrals"),
        median_days_to_decision: slice.median_days("delay_decision"),
        median_days_to_first_session: slice.median_days("delay_first_session"),
        median_days_to_handover: slice.median_days("delay_handover"),
        cycles_run: slice.count("cycles_run"),
        participants: slice.count("participants"),
        sessions_held: slice.count("sessions_held"),
        attendance_rate: slice.rate("attendance_present", "attendance_recorded"),
        attendance_present: slice.count("attendance_present"),
        attendance_recorded: slice.count("attendance_recorded"),
        completion_rate: slice.rate("completed", "finished_places"),
        completed: slice.count("completed"),
        finished_places: slice.count("finished_places"),
        skills_progress_rate: slice.rate("skills_improved", "skills_assessed"),
        skills_improved: slice.count("skills_improved"),
        skills_assessed: slice.count("skills_assessed"),
        devices_received: slice.count("devices_received"),
        computers_handed_over: slice.count("handed_over"),
        people_trained: slice.count("people_trained"),
        training_hours: domain::hours(slice.total("training_minutes")),
        competences_validated: slice.count("competences_validated"),
    }
}

fn keyed(pairs: Vec<(String, i64)>) -> Vec<KeyedCount> {
    pairs
        .into_iter()
        .filter(|(_, count)| *count != 0)
        .map(|(key, count)| KeyedCount { key, count })
        .collect()
}

pub fn dashboard(
    period: Period,
    site_id: Option<Uuid>,
    cells: &[Cell],
    referrer_names: &HashMap<Uuid, String>,
) -> StructureDashboard {
    let whole = Slice::period(cells);
    let referrals_by_source = whole
        .by("referrals", domain::referral_source)
        .into_iter()
        .filter(|(_, count)| *count != 0)
        .map(|(key, count)| {
            let referrer = Uuid::parse_str(&key).ok().filter(|id| !id.is_nil());
            let name = match referrer {
                Some(id) => referrer_names.get(&id).cloned().unwrap_or_default(),
                None => OWN_SOURCE.to_owned(),
            };
            SourceCount {
                referrer_org_id: referrer,
                name,
                count,
            }
        })
        .collect();
    let assessed = whole.by_key("skills_assessed");
    let improved: HashMap<String, i64> = whole.by_key("skills_improved").into_iter().collect();
    let skills_progress = assessed
        .into_iter()
        .map(|(area, assessed)| {
            let improved = improved.get(&area).copied().unwrap_or(0);
            AreaProgress {
                rate: domain::percent(improved as f64, assessed as f64),
                area,
                assessed,
                improved,
            }
        })
        .collect();
    StructureDashboard {
        from: month_label(period.first),
        to: month_label(period.last),
        site_id,
        figures: figures(&whole),
        referrals_by_source,
        referrals_by_outcome: keyed(whole.by("referrals", domain::referral_status)),
        skills_progress,
        devices_by_state: keyed(whole.by_key("devices_by_state")),
        devices_by_donor: keyed(whole.by_key("devices_received")),
        months: period
            .months()
            .into_iter()
            .map(|month| MonthFigures {
                month: month_label(month),
                figures: figures(&Slice::month(cells, month)),
            })
            .collect(),
    }
}

/// The referrer organisations named in the cells.
pub fn referrers_in(cells: &[Cell]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = cells
        .iter()
        .filter(|c| c.figure == "referrals")
        .filter_map(|c| Uuid::parse_str(&domain::referral_source(&c.key)).ok())
        .filter(|id| !id.is_nil())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}
