//! Command line and configuration. Every flag has a `SOLIDAIRES_…` environment variable
//! (`DATABASE_URL` keeps its conventional name). A missing or malformed setting stops
//! start-up with one clear line (see `main.rs`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "solidaires",
    version,
    about = "Solidaires et Connectés: the API server and its tools"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// PostgreSQL URL. Without it, a private cluster is run under the data folder.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// With DATABASE_URL: the owner's URL, for migrations, the seed and backups. DATABASE_URL
    /// then names the API's login role (`solidaires_api`), which can enter nothing but the
    /// request role. Without it, DATABASE_URL serves both (the owner signs in for requests
    /// too, and enters the request role in each transaction).
    #[arg(
        long,
        env = "SOLIDAIRES_MIGRATE_URL",
        global = true,
        hide_env_values = true
    )]
    pub migrate_url: Option<String>,
    /// Folder for the embedded PostgreSQL cluster and the generated JWT secret.
    #[arg(
        long,
        env = "SOLIDAIRES_DATA_DIR",
        default_value = ".data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// Log format: `text` for people, `json` for log collectors.
    #[arg(
        long,
        env = "SOLIDAIRES_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the API (and the SPA when built). The default.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create (or complete) the demo network. Idempotent.
    SeedDemo,
    /// Generate the scale network for benchmarks (about 50 structures, 210k households,
    /// 360k referrals with their histories; minutes). Once per database.
    SeedScale(SeedScaleArgs),
    /// Create an organisation and print its id.
    CreateOrg(CreateOrgArgs),
    /// Create a user (optionally superadmin, optionally member of an organisation).
    CreateUser(CreateUserArgs),
    /// Print the OpenAPI document on standard output.
    Openapi,
    /// Write a backup of the database to FILE (PostgreSQL's custom format, with pg_dump).
    Backup(BackupArgs),
    /// Restore a backup made by `backup` into an empty database (a fresh data folder, or a
    /// fresh DATABASE_URL), then apply newer migrations.
    Restore(BackupArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// The backup file.
    pub file: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SOLIDAIRES_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Secret for signing access tokens (at least 32 characters). Generated and kept
    /// under the data folder when not set.
    #[arg(long, env = "SOLIDAIRES_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// Comma-separated origins allowed to call the API from a browser (CORS).
    #[arg(long, env = "SOLIDAIRES_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Folder of the built SPA, served at `/` when it exists.
    #[arg(long, env = "SOLIDAIRES_SPA_DIR", default_value = "frontend/dist")]
    pub spa_dir: PathBuf,
    /// Public address of the application, used in invitation and reset links.
    #[arg(long, env = "SOLIDAIRES_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// SMTP server URL (e.g. `smtps://user:pass@mail.example.org`). Without it, emails are
    /// kept in the outbox and their subject logged.
    #[arg(long, env = "SOLIDAIRES_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Sender address for emails.
    #[arg(
        long,
        env = "SOLIDAIRES_SMTP_FROM",
        default_value = "Solidaires et Connectés <no-reply@solidaires.invalid>"
    )]
    pub smtp_from: String,
    /// SMS gateway: reminders are posted there as JSON `{"to": "+336…", "text": "…"}`
    /// (e.g. a small adapter in front of the operator's API). Without it, families who
    /// prefer SMS are put on the staff's "to call" list.
    #[arg(long, env = "SOLIDAIRES_SMS_GATEWAY_URL", hide_env_values = true)]
    pub sms_gateway_url: Option<String>,
    /// Do not seed the demo network on the first start of the embedded database.
    #[arg(long, env = "SOLIDAIRES_NO_DEMO")]
    pub no_demo: bool,
    /// Maximum database connections.
    #[arg(long, env = "SOLIDAIRES_DB_POOL_SIZE", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub db_pool_size: u32,
    /// Behind a reverse proxy that sets `X-Real-IP` (as the docker-compose nginx does): take
    /// the client address from it, for sign-in throttling.
    #[arg(long, env = "SOLIDAIRES_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Token a metrics collector sends (`Authorization: Bearer …`) to read `/metrics`
    /// (at least 24 characters). Without it, `/metrics` is not served.
    #[arg(long, env = "SOLIDAIRES_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// For the load benchmark only: serve `GET /api/bench/echo/{bytes}`, a JSON answer of
    /// that size made without the database (the HTTP limit each endpoint is compared to).
    #[arg(long, env = "SOLIDAIRES_BENCH_ECHO", hide = true)]
    pub bench_echo: bool,
    /// HTTP worker threads (defaults to the number of cores).
    #[arg(long, env = "SOLIDAIRES_WORKERS")]
    pub workers: Option<usize>,
    /// Months the audit journal keeps an entry (1–60; the CNIL advises 6 to 12 for such logs).
    #[arg(long, env = "SOLIDAIRES_AUDIT_RETENTION_MONTHS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub audit_retention_months: u32,
}

impl Default for ServeArgs {
    fn default() -> Self {
        // Parsing an empty command line applies the documented defaults and environment.
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            serve: ServeArgs,
        }
        match Only::try_parse_from(["solidaires"]) {
            Ok(only) => only.serve,
            Err(err) => err.exit(),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct SeedScaleArgs {
    /// The same seed gives the same data.
    #[arg(long, default_value_t = 42)]
    pub seed: u32,
    /// Multiplies every count (e.g. 0.01 for a quick try).
    #[arg(long, default_value_t = 1.0)]
    pub factor: f64,
}

#[derive(Debug, Clone, Args)]
pub struct CreateOrgArgs {
    #[arg(long)]
    pub kind: crate::auth::roles::OrgKind,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub short_name: String,
}

#[derive(Debug, Clone, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// The password; read from SOLIDAIRES_NEW_PASSWORD to keep it out of shell history.
    #[arg(long, env = "SOLIDAIRES_NEW_PASSWORD", hide_env_values = true)]
    pub password: String,
    #[arg(long)]
    pub superadmin: bool,
    /// Organisation id to add the user to.
    #[arg(long, requires = "role")]
    pub org: Option<uuid::Uuid>,
    /// Role in that organisation (admin, staff, volunteer, viewer, referrer, coordinator).
    #[arg(long, requires = "org")]
    pub role: Option<crate::auth::roles::Role>,
}

/// Settings the running server needs, resolved from the arguments.
#[derive(Clone)]
pub struct Config {
    pub jwt_secret: Vec<u8>,
    pub cors_origins: Vec<String>,
    pub spa_dir: PathBuf,
    pub public_url: String,
    pub smtp_url: Option<String>,
    pub smtp_from: String,
    /// Where text messages are posted (JSON `{"to", "text"}`); without one, families who
    /// prefer SMS are put on the staff's "to call" list.
    pub sms_gateway_url: Option<String>,
    /// Whether the refresh cookie gets the `Secure` attribute.
    pub secure_cookies: bool,
    /// Read the client address from `X-Real-IP`.
    pub trust_proxy: bool,
    /// The bearer token that opens `/metrics` (closed without one).
    pub metrics_token: Option<String>,
    /// Serve the benchmark's echo route (off unless asked for).
    pub bench_echo: bool,
}

impl Config {
    pub fn from_serve_args(args: &ServeArgs, jwt_secret: Vec<u8>) -> Result<Self, String> {
        if jwt_secret.len() < 32 {
            return Err("SOLIDAIRES_JWT_SECRET must be at least 32 characters long".into());
        }
        for origin in &args.cors_origins {
            if !(origin.starts_with("http://") || origin.starts_with("https://")) {
                return Err(format!(
                    "SOLIDAIRES_CORS_ORIGINS: `{origin}` is not an origin like https://app.example.org"
                ));
            }
        }
        let public_url = args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", args.bind))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(format!(
                "SOLIDAIRES_PUBLIC_URL: `{public_url}` must start with http:// or https://"
            ));
        }
        if let Some(url) = &args.smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                return Err("SOLIDAIRES_SMTP_URL must start with smtp:// or smtps://".into());
            }
        }
        // Empty means unset (docker-compose passes empty variables through).
        let sms_gateway_url = args.sms_gateway_url.clone().filter(|u| !u.is_empty());
        if let Some(url) = &sms_gateway_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(
                    "SOLIDAIRES_SMS_GATEWAY_URL must start with http:// or https://".into(),
                );
            }
        }
        let metrics_token = args.metrics_token.clone().filter(|t| !t.is_empty());
        if metrics_token.as_ref().is_some_and(|t| t.len() < 24) {
            return Err("SOLIDAIRES_METRICS_TOKEN must be at least 24 characters long".into());
        }
        // Browsers drop `Secure` cookies on plain http (except localhost): follow the URL.
        let secure_cookies = public_url.starts_with("https://");
        Ok(Self {
            jwt_secret,
            cors_origins: args.cors_origins.clone(),
            spa_dir: args.spa_dir.clone(),
            public_url,
            smtp_url: args.smtp_url.clone(),
            smtp_from: args.smtp_from.clone(),
            sms_gateway_url,
            secure_cookies,
            trust_proxy: args.trust_proxy,
            metrics_token,
            bench_echo: args.bench_echo,
        })
    }

    /// A configuration for tests and tools: fixed secret, no SMTP.
    pub fn for_tests(secret: &[u8]) -> Self {
        Self {
            jwt_secret: secret.to_vec(),
            cors_origins: vec![],
            spa_dir: PathBuf::from("frontend/dist"),
            public_url: "http://localhost:8080".into(),
            smtp_url: None,
            smtp_from: "test <test@solidaires.invalid>".into(),
            sms_gateway_url: None,
            secure_cookies: false,
            trust_proxy: false,
            metrics_token: Some("metrics-token-for-the-tests-only".into()),
            bench_echo: false,
        }
    }
}
