//! `solidaires seed-scale`: a network at the scale of the Nord, for benchmarks. About 50
//! structures with two sites each, 10 referring services working with all of them, 100k
//! households and 150k referrals spread over the structures, plus one large structure
//! holding 110k households and 210k referrals; every referral with its history and the
//! notifications its referrer received; 240 cycles per structure (12k) with their 8
//! sessions, 10 participants and their attendance (~0.9M rows); a workshop per structure of
//! 400 machines (4,000 in the large one) in every state with their records; a training of 30
//! people per structure with 6 courses (60 in the large one) and the workshop's ledger.
//! Deterministic for a given seed and size.

mod repo;

use diesel::PgConnection;

use crate::auth::password;
use crate::platform::error::{ApiError, ApiResult};

/// The password of every account of the scale network (benchmarks sign in with it).
pub const SCALE_PASSWORD: &str = "echelle-solidaires-2026";

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// `setseed` argument, in [-1, 1].
    pub seed: f64,
    pub structures: i64,
    pub referrers: i64,
    pub big_households: i64,
    pub big_referrals: i64,
    pub households_per_structure: i64,
    pub referrals_per_structure: i64,
    pub cycles_per_structure: i64,
    pub devices_per_structure: i64,
    pub courses_per_structure: i64,
}

impl Size {
    /// The full data set, multiplied by `factor` (0.01 for a quick try), with `seed`.
    pub fn new(seed: u32, factor: f64) -> Self {
        let scaled = |n: f64| ((n * factor).round() as i64).max(1);
        let structures = 50;
        Self {
            seed: f64::from(seed) / f64::from(u32::MAX),
            structures,
            referrers: 10,
            big_households: scaled(110_000.0),
            big_referrals: scaled(210_000.0),
            households_per_structure: scaled(100_000.0 / (structures - 1) as f64),
            referrals_per_structure: scaled(150_000.0 / (structures - 1) as f64),
            cycles_per_structure: scaled(240.0),
            devices_per_structure: scaled(400.0),
            courses_per_structure: scaled(6.0),
        }
    }
}

/// Generates the network (once per database) and returns the row counts.
pub fn seed_scale(conn: &mut PgConnection, size: &Size) -> ApiResult<Vec<(String, i64)>> {
    if repo::already_seeded(conn)? {
        // A network generated before cycles or workshops existed gets what it lacks.
        let (cycles, devices, training, skills) = (
            repo::has_cycles(conn)?,
            repo::workshop::has_devices(conn)?,
            repo::training::has_training(conn)?,
            repo::has_skills(conn)?,
        );
        if cycles && devices && training && skills {
            return Err(ApiError::conflict(
                "the scale network is already in this database",
            ));
        }
        if !cycles {
            repo::generate_cycles(conn, size)?;
        } else if !skills {
            repo::generate_skills(conn)?;
        }
        if !devices {
            repo::workshop::generate_devices(conn, size)?;
        }
        if !training {
            repo::training::generate_training(conn, size)?;
        }
        return repo::counts(conn);
    }
    let hash = password::hash(SCALE_PASSWORD)
        .map_err(|err| ApiError::internal_from("hashing the scale password", err))?;
    repo::generate(conn, size, &hash)?;
    repo::workshop::generate_devices(conn, size)?;
    repo::training::generate_training(conn, size)?;
    repo::counts(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_scales_every_figure_and_keeps_at_least_one_of_each() {
        let full = Size::new(42, 1.0);
        assert_eq!(
            (full.big_households, full.big_referrals),
            (110_000, 210_000)
        );
        assert_eq!(full.households_per_structure * 49 / 1000, 100);
        let tiny = Size::new(42, 0.000_001);
        assert_eq!(tiny.households_per_structure, 1);
        assert!(tiny.seed > 0.0 && tiny.seed < 1.0);
    }
}
