//! The subcommands of the `solidaires` binary.

use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{anyhow, Context as _};
use base64::Engine;
use diesel::{Connection, PgConnection};

use crate::platform::config::{
    Cli, Command, CommonArgs, Config, CreateOrgArgs, CreateUserArgs, LogFormat, ServeArgs,
};
use crate::platform::db::{self, Db};
use crate::platform::pg_local::{LocalPostgres, Options};
use crate::platform::state::AppState;

pub fn run(cli: Cli) -> anyhow::Result<()> {
    // Kept until the command ends: dropping it writes out the lines still queued.
    let _log_writer = init_tracing(cli.common.log_format);
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => actix_web::rt::System::new().block_on(serve(&cli.common, args)),
        Command::Migrate => with_database(&cli.common, |_| Ok(())),
        Command::SeedDemo => with_database(&cli.common, |url| {
            let mut conn = PgConnection::establish(url)?;
            crate::seed::seed_demo(&mut conn).map_err(|e| anyhow!(e.detail))?;
            println!(
                "demo network ready (password: {})",
                crate::seed::DEMO_PASSWORD
            );
            Ok(())
        }),
        Command::SeedScale(args) => with_database(&cli.common, |url| seed_scale(url, &args)),
        Command::CreateOrg(args) => with_database(&cli.common, |url| create_org(url, &args)),
        Command::CreateUser(args) => with_database(&cli.common, |url| create_user(url, &args)),
        Command::Backup(args) => crate::platform::backup::backup(&cli.common, &args.file),
        Command::Restore(args) => crate::platform::backup::restore(&cli.common, &args.file),
        Command::Openapi => {
            let json = crate::openapi().to_pretty_json()?;
            writeln!(std::io::stdout(), "{json}")?;
            Ok(())
        }
    }
}

/// Logs go to standard error through a writer thread (a request never waits for the
/// terminal or the pipe), with colours only when standard error is a terminal.
fn init_tracing(format: LogFormat) -> tracing_appender::non_blocking::WorkerGuard {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        // Under a flood, waiting beats losing lines: the queue is large, then it blocks.
        .lossy(false)
        .buffered_lines_limit(64 * 1024)
        .finish(std::io::stderr());
    // One line per request when its span closes (with the request id, status and latency).
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder.json().with_current_span(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
    guard
}

/// The database to use: DATABASE_URL, or the embedded cluster (started for the command).
/// Migrations are applied before `f` runs.
fn with_database(
    common: &CommonArgs,
    f: impl FnOnce(&str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (url, local) = open_database(common)?;
    let result = db::migrate(&url).and_then(|_| f(&url));
    if let Some(local) = local {
        local.stop();
    }
    result
}

pub(crate) fn open_database(
    common: &CommonArgs,
) -> anyhow::Result<(String, Option<LocalPostgres>)> {
    open_database_as(common, false)
}

/// `owner`: the caller holds the data folder's lock, so a cluster found running there was
/// left by a killed server and is adopted (stopped with this process). Answers the owner's
/// URL (migrations, seed, backups).
fn open_database_as(
    common: &CommonArgs,
    owner: bool,
) -> anyhow::Result<(String, Option<LocalPostgres>)> {
    match &common.database_url {
        Some(url) => Ok((
            common.migrate_url.clone().unwrap_or_else(|| url.clone()),
            None,
        )),
        None => {
            let options = Options {
                adopt_running: owner,
                ..Options::default()
            };
            let local = LocalPostgres::start(&common.data_dir.join("postgres"), &options)?;
            local.ensure_database("solidaires")?;
            tracing::info!(dir = %local.dir().display(), "embedded PostgreSQL ready");
            Ok((local.url("solidaires"), Some(local)))
        }
    }
}

/// The URL the API's pool signs in with: the login role that can only enter the request role
/// (embedded; or DATABASE_URL when SOLIDAIRES_MIGRATE_URL names the owner apart).
fn pool_url(common: &CommonArgs, local: Option<&LocalPostgres>, owner_url: &str) -> String {
    match (local, &common.database_url) {
        (Some(local), _) => local.url_as(db::API_LOGIN, "solidaires"),
        (None, Some(url)) => url.clone(),
        (None, None) => owner_url.to_owned(),
    }
}

/// Connections the embedded cluster keeps beyond the pool: PostgreSQL's reserved slots, the
/// migration and seed connections, and an operator's psql or backup.
const EMBEDDED_MAINTENANCE_SLOTS: u32 = 8;

async fn serve(common: &CommonArgs, args: ServeArgs) -> anyhow::Result<()> {
    // Every setting is checked before anything is written or started (the generated secret
    // stands in for a missing one while checking).
    let provisional = args
        .jwt_secret
        .as_ref()
        .map(|s| s.as_bytes().to_vec())
        .unwrap_or_else(|| vec![0; 48]);
    let mut config = Config::from_serve_args(&args, provisional).map_err(|e| anyhow!(e))?;
    check_database_settings(common, &args)?;
    config.jwt_secret = match &args.jwt_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => persistent_secret(&common.data_dir)?,
    };
    let mut stop = StopSignals::listen()?;
    // The embedded cluster has one owner: this server, for as long as it runs.
    let _lock = match common.database_url {
        None => Some(crate::platform::pg_local::lock_data_dir(&common.data_dir)?),
        Some(_) => None,
    };
    let (url, local) = open_database_as(common, true)?;
    let setting = if local.is_some() {
        "the embedded PostgreSQL"
    } else {
        "DATABASE_URL"
    };
    let pool_url = pool_url(common, local.as_ref(), &url);
    let local = local.map(std::sync::Arc::new);
    // The embedded PostgreSQL is restarted if it dies, until the server stops.
    let supervisor = local
        .as_ref()
        .map(|pg| crate::platform::pg_local::supervise(std::sync::Arc::clone(pg)));
    let outcome = run_server(
        &url,
        &pool_url,
        setting,
        local.is_some() && !args.no_demo,
        config,
        &args,
        &mut stop,
    )
    .await;
    if let Some(supervisor) = supervisor {
        supervisor.stop();
    }
    if let Some(local) = local {
        local.stop();
        tracing::info!("embedded PostgreSQL stopped");
    }
    outcome
}

/// Migrates (as the owner), sets the login role's password when the pool signs in with
/// one, and seeds the demo network into an empty embedded database.
fn prepare_database(
    url: &str,
    pool_url: &str,
    setting: &str,
    seed_if_empty: bool,
) -> anyhow::Result<()> {
    db::migrate(url).with_context(|| format!("{setting}: cannot reach or migrate the database"))?;
    if url != pool_url {
        if let Some(password) = db::login_password_in(pool_url) {
            db::set_login_password(url, &password).context(
                "SOLIDAIRES_MIGRATE_URL: cannot set the password of the API's login role",
            )?;
        }
    }
    if seed_if_empty {
        let mut conn = PgConnection::establish(url)?;
        let empty = db::run_in_context(&mut conn, &Default::default(), |conn| {
            Ok(crate::organisations::repo::directory::list(conn, None)?.is_empty())
        })
        .map_err(|e| anyhow!(e.detail))?;
        if empty {
            crate::seed::seed_demo(&mut conn).map_err(|e| anyhow!(e.detail))?;
            tracing::info!(
                "demo network seeded (password: {})",
                crate::seed::DEMO_PASSWORD
            );
        }
    }
    Ok(())
}

/// Ctrl-C (SIGINT) and SIGTERM, listened to from the very start of `serve`: once these
/// exist, a signal no longer kills the process on the spot, so a start-up interrupted while
/// PostgreSQL starts, migrations or the seed run still stops what it started.
struct StopSignals {
    interrupt: actix_web::rt::signal::unix::Signal,
    terminate: actix_web::rt::signal::unix::Signal,
}

impl StopSignals {
    fn listen() -> anyhow::Result<Self> {
        use actix_web::rt::signal::unix::{signal, SignalKind};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt()).context("cannot listen to SIGINT")?,
            terminate: signal(SignalKind::terminate()).context("cannot listen to SIGTERM")?,
        })
    }

    /// The first of them to arrive, by name.
    async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.terminate.recv() => "SIGTERM",
        }
    }
}

async fn run_server(
    url: &str,
    pool_url: &str,
    setting: &str,
    seed_if_empty: bool,
    config: Config,
    args: &ServeArgs,
    stop: &mut StopSignals,
) -> anyhow::Result<()> {
    // Migrations and the seed run on a blocking thread, so that a signal meanwhile stops
    // the start-up at once (the caller then stops the embedded PostgreSQL it started).
    let preparation = {
        let (url, pool_url, setting) = (url.to_owned(), pool_url.to_owned(), setting.to_owned());
        actix_web::rt::task::spawn_blocking(move || {
            prepare_database(&url, &pool_url, &setting, seed_if_empty)
        })
    };
    tokio::select! {
        prepared = preparation => prepared.context("start-up interrupted")??,
        signal = stop.recv() => anyhow::bail!("{signal} received during start-up: stopped before serving"),
    }
    let pool = db::pool(pool_url, args.db_pool_size)?;
    let state = AppState::new(Db::new(pool), config);
    let metrics = crate::metrics()?;
    actix_web::rt::spawn(crate::platform::jobs::outbox::run(
        state.clone(),
        url.to_owned(),
    ));
    actix_web::rt::spawn(crate::platform::jobs::sms::run(
        state.config.sms_gateway_url.clone(),
        url.to_owned(),
    ));
    actix_web::rt::spawn(crate::referrals::deadlines::run(state.db.pool().clone()));
    actix_web::rt::spawn(crate::privacy::retention::run(state.db.pool().clone()));
    actix_web::rt::spawn(crate::audit::retention::run(
        url.to_owned(),
        args.audit_retention_months,
    ));
    actix_web::rt::spawn(crate::cycles::reminding::run(
        state.db.pool().clone(),
        state.config.sms_gateway_url.is_some(),
    ));
    let app_state = state.clone();
    // Ctrl-C and SIGTERM alike: stop accepting, let requests in flight finish (10 s at most),
    // then the caller stops PostgreSQL.
    let mut server =
        actix_web::HttpServer::new(move || crate::build_app(app_state.clone(), metrics.clone()))
            .shutdown_timeout(10)
            .bind(args.bind)
            .with_context(|| format!("SOLIDAIRES_BIND: cannot listen on {}", args.bind))?;
    if let Some(workers) = args.workers {
        server = server.workers(workers);
    }
    tracing::info!(address = %args.bind, "listening: open http://{}/", args.bind);
    server.run().await?;
    Ok(())
}

/// `DATABASE_URL` names a PostgreSQL URL; the embedded cluster has room for the pool.
fn check_database_settings(common: &CommonArgs, args: &ServeArgs) -> anyhow::Result<()> {
    match &common.database_url {
        Some(url) if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) => Err(
            anyhow!("DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host/db)"),
        ),
        Some(_) => Ok(()),
        None => {
            let max = Options::default().max_connections.max(50);
            let room = max - EMBEDDED_MAINTENANCE_SLOTS;
            if args.db_pool_size > room {
                return Err(anyhow!(
                    "SOLIDAIRES_DB_POOL_SIZE: at most {room} with the embedded PostgreSQL \
                     (max_connections {max}, {EMBEDDED_MAINTENANCE_SLOTS} kept for maintenance)"
                ));
            }
            Ok(())
        }
    }
}

/// The JWT secret kept under the data folder (mode 0600), generated on first use, so
/// that restarts keep people signed in. An existing file is put back to 0600.
fn persistent_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    use std::os::unix::fs::PermissionsExt;
    let path = data_dir.join("jwt-secret");
    if let Ok(secret) = fs::read_to_string(&path) {
        let secret = secret.trim().as_bytes().to_vec();
        if secret.len() >= 32 {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot restrict {} to its owner", path.display()))?;
            return Ok(secret);
        }
    }
    fs::create_dir_all(data_dir)?;
    let mut bytes = [0u8; 48];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    let secret = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    Ok(secret.into_bytes())
}

fn create_org(url: &str, args: &CreateOrgArgs) -> anyhow::Result<()> {
    let mut conn = PgConnection::establish(url)?;
    let id = db::run_in_context(&mut conn, &Default::default(), |conn| {
        crate::organisations::routes::organisations::insert(
            conn,
            args.kind,
            args.name.trim(),
            args.short_name.trim(),
        )
    })
    .map_err(|e| anyhow!(e.detail))?;
    println!("{id}");
    Ok(())
}

fn seed_scale(url: &str, args: &crate::platform::config::SeedScaleArgs) -> anyhow::Result<()> {
    if !(args.factor > 0.0 && args.factor <= 10.0) {
        return Err(anyhow!("--factor must be above 0 and at most 10"));
    }
    let size = crate::seed::scale::Size::new(args.seed, args.factor);
    let started = std::time::Instant::now();
    let mut conn = PgConnection::establish(url)?;
    let counts = crate::seed::scale::seed_scale(&mut conn, &size).map_err(|e| anyhow!(e.detail))?;
    println!(
        "scale network ready in {:.0?} (password: {}):",
        started.elapsed(),
        crate::seed::scale::SCALE_PASSWORD
    );
    for (table, n) in counts {
        println!("  {table:<18} {n:>9}");
    }
    Ok(())
}

fn create_user(url: &str, args: &CreateUserArgs) -> anyhow::Result<()> {
    if let Some(problem) = crate::auth::password::weakness(&args.password, &args.email) {
        return Err(anyhow!("the password {problem}"));
    }
    let hash = crate::auth::password::hash(&args.password)?;
    let mut conn = PgConnection::establish(url)?;
    let user_id = crate::seed::ensure_user(&mut conn, &args.email, &args.name, &hash)
        .map_err(|e| anyhow!(e.detail))?;
    if args.superadmin {
        // As the owner: no request transaction may make a superadmin.
        crate::auth::make_superadmin(&mut conn, user_id.into()).map_err(|e| anyhow!(e.detail))?;
    }
    if let (Some(org_id), Some(role)) = (args.org, args.role) {
        let kind = db::run_in_context(&mut conn, &Default::default(), |conn| {
            crate::organisations::kind_of(conn, org_id.into())
        })
        .map_err(|e| anyhow!(e.detail))?
        .ok_or_else(|| anyhow!("no organisation {org_id}"))?;
        if !kind.roles().contains(&role) {
            return Err(anyhow!(
                "a {} organisation has no {} role",
                kind.as_str(),
                role.as_str()
            ));
        }
        crate::seed::ensure_membership(&mut conn, org_id, kind, user_id, role)
            .map_err(|e| anyhow!(e.detail))?;
    }
    println!("{user_id}");
    Ok(())
}
