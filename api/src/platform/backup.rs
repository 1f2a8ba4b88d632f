//! `solidaires backup FILE` and `solidaires restore FILE`: the machine's `pg_dump` and
//! `pg_restore` (custom format), for the embedded cluster and for `DATABASE_URL` alike. A
//! restore goes into an empty database only, recreates the request role first (roles are not
//! in a database's backup), and then applies the migrations newer than the backup.

use std::path::Path;
use std::process::Command;

use anyhow::{anyhow, bail, Context};
use diesel::{Connection, PgConnection, RunQueryDsl};

use crate::platform::config::CommonArgs;
use crate::platform::db;

pub fn backup(common: &CommonArgs, file: &Path) -> anyhow::Result<()> {
    let (url, local) = crate::cli::open_database(common)?;
    let outcome = run(
        "pg_dump",
        &["--format=custom", "--no-owner", "--file"],
        file,
        &url,
    );
    if let Some(local) = local {
        local.stop();
    }
    outcome?;
    println!("backup written to {}", file.display());
    Ok(())
}

pub fn restore(common: &CommonArgs, file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("{}: no such backup file", file.display());
    }
    let (url, local) = crate::cli::open_database(common)?;
    let outcome = (|| {
        let mut conn = PgConnection::establish(&url).context("cannot reach the database")?;
        if has_tables(&mut conn)? {
            bail!(
                "the database is not empty: restore into a fresh data folder (--data-dir) or a \
                 fresh database (DATABASE_URL)"
            );
        }
        db::ensure_request_role(&mut conn)?;
        run(
            "pg_restore",
            &["--no-owner", "--exit-on-error", "--single-transaction"],
            file,
            &url,
        )?;
        db::migrate(&url)
    })();
    if let Some(local) = local {
        local.stop();
    }
    outcome?;
    println!("restored from {}", file.display());
    Ok(())
}

fn has_tables(conn: &mut PgConnection) -> anyhow::Result<bool> {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let count: Count =
        diesel::sql_query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")
            .get_result(conn)?;
    Ok(count.n > 0)
}

/// Runs `program` (from the machine's PostgreSQL) with `args`, the file, and the database.
fn run(program: &str, args: &[&str], file: &Path, url: &str) -> anyhow::Result<()> {
    // Beside the cluster's own tools when they are there, else on PATH.
    let bindir = crate::platform::pg_local::find_bindir()?;
    let beside = bindir.join(program);
    let mut command = if beside.is_file() {
        Command::new(beside)
    } else {
        Command::new(program)
    };
    command.args(args);
    if program == "pg_dump" {
        command.arg(file).arg(format!("--dbname={url}"));
    } else {
        command.arg(format!("--dbname={url}")).arg(file);
    }
    let out = command
        .output()
        .with_context(|| format!("{program} could not be started"))?;
    if !out.status.success() {
        return Err(anyhow!(
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(())
}
