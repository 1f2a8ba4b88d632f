//! A dashboard's rules, without SQL or HTTP: the period people choose (whole months), and
//! the figures read from the cells the database adds up (medians from day histograms, rates
//! from their parts).

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

/// The longest period a dashboard covers: three years of months.
pub const MAX_MONTHS: u32 = 36;

/// A run of whole months, in Paris time: what every figure of a dashboard is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day of the first month.
    pub first: NaiveDate,
    /// First day of the last month.
    pub last: NaiveDate,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// Not a month written `AAAA-MM`.
    Malformed(&'static str),
    Reversed,
    TooLong,
}

/// `2026-03` → the first of March 2026.
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let (year, month) = text.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

pub fn month_label(month: NaiveDate) -> String {
    format!("{:04}-{:02}", month.year(), month.month())
}

impl Period {
    /// The period from `from` to `to` (both `AAAA-MM`), defaulting to the twelve months
    /// ending with the current one.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, PeriodError> {
        let this_month = today.with_day(1).unwrap_or(today);
        let last = match to {
            Some(text) => parse_month(text).ok_or(PeriodError::Malformed("to"))?,
            None => this_month,
        };
        let first = match from {
            Some(text) => parse_month(text).ok_or(PeriodError::Malformed("from"))?,
            None => last - Months::new(11),
        };
        let period = Period { first, last };
        if first > last {
            return Err(PeriodError::Reversed);
        }
        if period.months().len() as u32 > MAX_MONTHS {
            return Err(PeriodError::TooLong);
        }
        Ok(period)
    }

    /// The first day of each month of the period, in order.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut months = Vec::new();
        let mut month = self.first;
        while month <= self.last && months.len() as u32 <= MAX_MONTHS {
            months.push(month);
            month = month + Months::new(1);
        }
        months
    }
}

/// One additive count from the database: a figure (with its key) in a month, or over the
/// whole period (`month` None) for the figures that count distinct things.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub month: Option<NaiveDate>,
    pub figure: String,
    pub key: String,
    pub n: f64,
}

/// Figures that count distinct things (a cycle over three months is one cycle run): read
/// from the period's cells, never summed over months.
const DISTINCT: &[&str] = &[
    "cycles_run",
    "participants",
    "people_trained",
    "devices_by_state",
];

/// The cells of one month, or of the whole period.
pub struct Slice<'a> {
    cells: Vec<&'a Cell>,
}

impl<'a> Slice<'a> {
    pub fn month(cells: &'a [Cell], month: NaiveDate) -> Self {
        Slice {
            cells: cells.iter().filter(|c| c.month == Some(month)).collect(),
        }
    }

    pub fn period(cells: &'a [Cell]) -> Self {
        Slice {
            cells: cells
                .iter()
                .filter(|c| DISTINCT.contains(&c.figure.as_str()) == c.month.is_none())
                .collect(),
        }
    }

    /// The figure's total over its keys.
    pub fn total(&self, figure: &str) -> f64 {
        // An empty float sum is -0.0, which people would read as "-0".
        self.cells
            .iter()
            .filter(|c| c.figure == figure)
            .map(|c| c.n)
            .sum::<f64>()
            + 0.0
    }

    pub fn count(&self, figure: &str) -> i64 {
        self.total(figure).round() as i64
    }

    /// The figure by key, largest first (ties by key).
    pub fn by_key(&self, figure: &str) -> Vec<(String, i64)> {
        self.by(figure, |key| key.to_owned())
    }

    /// The figure by a part of its key.
    pub fn by(&self, figure: &str, part: impl Fn(&str) -> String) -> Vec<(String, i64)> {
        let mut sums: BTreeMap<String, f64> = BTreeMap::new();
        for cell in self.cells.iter().filter(|c| c.figure == figure) {
            *sums.entry(part(&cell.key)).or_default() += cell.n;
        }
        let mut out: Vec<(String, i64)> = sums
            .into_iter()
            .map(|(k, n)| (k, n.round() as i64))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// The lower median of a day histogram (`delay_…` cells keyed by days).
    pub fn median_days(&self, figure: &str) -> Option<i32> {
        let histogram: Vec<(i32, f64)> = self
            .cells
            .iter()
            .filter(|c| c.figure == figure)
            .filter_map(|c| Some((c.key.parse().ok()?, c.n)))
            .collect();
        lower_median(histogram)
    }

    /// `part` out of `whole` as a percentage with one decimal; None when `whole` is zero.
    pub fn rate(&self, part: &str, whole: &str) -> Option<f64> {
        percent(self.total(part), self.total(whole))
    }
}

/// The lower median of (value, count) pairs: the smallest value reached by half the counts.
pub fn lower_median(mut histogram: Vec<(i32, f64)>) -> Option<i32> {
    histogram.sort_by_key(|(value, _)| *value);
    let total: f64 = histogram.iter().map(|(_, n)| n).sum();
    if total <= 0.0 {
        return None;
    }
    let mut cumulative = 0.0;
    for (value, n) in histogram {
        cumulative += n;
        if cumulative * 2.0 >= total {
            return Some(value);
        }
    }
    None
}

pub fn percent(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| (1000.0 * part / whole).round() / 10.0)
}

/// Hours with one decimal from minutes.
pub fn hours(minutes: f64) -> f64 {
    (minutes / 6.0).round() / 10.0
}

/// A referral cell's key is `<referrer organisation or nil>:<status>`.
pub const NIL: &str = "00000000-0000-0000-0000-000000000000";

pub fn referral_source(key: &str) -> String {
    key.split_once(':')
        .map(|(s, _)| s)
        .unwrap_or(key)
        .to_owned()
}

pub fn referral_status(key: &str) -> String {
    key.split_once(':').map(|(_, s)| s).unwrap_or("").to_owned()
}

/// A count as the network or a funder reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Value(i64),
    /// From 1 to 4: "< 5".
    Small,
    /// Hidden so that a subtraction cannot give a small count back.
    Secondary,
}

fn small(n: i64) -> bool {
    (1..=4).contains(&n)
}

/// The parts of a total that is shown: counts from 1 to 4 are hidden, then, while exactly
/// one part is hidden, the smallest other non-zero part too (the rule the network's SQL
/// function applies to its rows, columns and months).
pub fn mask_parts(parts: &[i64]) -> Vec<Shown> {
    let mut shown: Vec<Shown> = parts
        .iter()
        .map(|&n| {
            if small(n) {
                Shown::Small
            } else {
                Shown::Value(n)
            }
        })
        .collect();
    while shown
        .iter()
        .filter(|s| !matches!(s, Shown::Value(_)))
        .count()
        == 1
    {
        let next = shown
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match s {
                Shown::Value(n) if *n > 0 => Some((*n, i)),
                _ => None,
            })
            .min();
        match next {
            Some((_, i)) => shown[i] = Shown::Secondary,
            None => break,
        }
    }
    shown
}

/// A single count: hidden from 1 to 4.
pub fn mask_one(n: i64) -> Shown {
    if small(n) {
        Shown::Small
    } else {
        Shown::Value(n)
    }
}

/// A rate may be read when neither its base, its part nor the rest is from 1 to 4.
pub fn rate_publishable(part: i64, whole: i64) -> bool {
    !small(whole) && !small(part) && !small(whole - part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn cell(month: Option<NaiveDate>, figure: &str, key: &str, n: f64) -> Cell {
        Cell {
            month,
            figure: figure.into(),
            key: key.into(),
            n,
        }
    }

    #[test]
    fn the_default_period_is_the_twelve_months_ending_with_this_one() {
        let p = Period::parse(None, None, day(2026, 11, 28)).expect("a period");
        assert_eq!((p.first, p.last), (day(2025, 12, 1), day(2026, 11, 1)));
        assert_eq!(p.months().len(), 12);
    }

    #[test]
    fn periods_are_whole_months_in_order_and_at_most_three_years() {
        let today = day(2026, 11, 28);
        assert_eq!(
            Period::parse(Some("2026-13"), None, today),
            Err(PeriodError::Malformed("from"))
        );
        assert_eq!(
            Period::parse(None, Some("26-01"), today),
            Err(PeriodError::Malformed("to"))
        );
        assert_eq!(
            Period::parse(Some("2026-05"), Some("2026-04"), today),
            Err(PeriodError::Reversed)
        );
        assert_eq!(
            Period::parse(Some("2020-01"), Some("2026-01"), today),
            Err(PeriodError::TooLong)
        );
        let p = Period::parse(Some("2024-01"), Some("2026-12"), today).expect("36 months");
        assert_eq!(p.months().len(), 36);
    }

    #[test]
    fn the_lower_median_is_read_from_a_histogram() {
        assert_eq!(lower_median(vec![]), None);
        assert_eq!(lower_median(vec![(3, 1.0)]), Some(3));
        // 1, 2, 2, 9 → the lower of the two middle values.
        assert_eq!(lower_median(vec![(9, 1.0), (1, 1.0), (2, 2.0)]), Some(2));
        assert_eq!(lower_median(vec![(1, 1.0), (5, 1.0)]), Some(1));
    }

    #[test]
    fn distinct_figures_come_from_the_period_and_the_others_add_up_months() {
        let (jan, feb) = (Some(day(2026, 1, 1)), Some(day(2026, 2, 1)));
        let cells = vec![
            cell(jan, "cycles_run", "", 2.0),
            cell(feb, "cycles_run", "", 2.0),
            cell(None, "cycles_run", "", 3.0),
            cell(jan, "sessions_held", "", 4.0),
            cell(feb, "sessions_held", "", 5.0),
            cell(jan, "attendance_present", "", 3.0),
            cell(jan, "attendance_recorded", "", 4.0),
        ];
        let period = Slice::period(&cells);
        assert_eq!(period.count("cycles_run"), 3);
        assert!(
            period.total("training_minutes").is_sign_positive(),
            "nothing is 0, not -0"
        );
        assert_eq!(period.count("sessions_held"), 9);
        assert_eq!(
            period.rate("attendance_present", "attendance_recorded"),
            Some(75.0)
        );
        assert_eq!(
            Slice::month(&cells, day(2026, 2, 1)).rate("attendance_present", "attendance_recorded"),
            None
        );
    }

    #[test]
    fn small_parts_are_hidden_and_never_alone() {
        use Shown::*;
        assert_eq!(mask_parts(&[10, 0, 7]), vec![Value(10), Value(0), Value(7)]);
        // One small part: the smallest other non-zero one goes too.
        assert_eq!(
            mask_parts(&[3, 12, 0, 8]),
            vec![Small, Value(12), Value(0), Secondary]
        );
        assert_eq!(mask_parts(&[3, 2, 40]), vec![Small, Small, Value(40)]);
        // Nothing else to hide: the total is itself small, hidden by its own rule.
        assert_eq!(mask_parts(&[3, 0]), vec![Small, Value(0)]);
        assert_eq!(mask_one(4), Small);
        assert_eq!(mask_one(0), Value(0));
        assert!(rate_publishable(20, 40));
        assert!(
            !rate_publishable(38, 40),
            "two absent people would be known"
        );
        assert!(!rate_publishable(3, 40));
        assert!(rate_publishable(0, 40));
    }

    #[test]
    fn referral_keys_split_into_source_and_status() {
        let key = format!("{NIL}:accepted");
        assert_eq!(referral_source(&key), NIL);
        assert_eq!(referral_status(&key), "accepted");
        assert_eq!(hours(90.0), 1.5);
    }
}
