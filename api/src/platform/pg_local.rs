//! The embedded default: a private PostgreSQL cluster under a folder of ours, reached over a
//! Unix socket in that folder (no TCP port), run with the machine's PostgreSQL binaries.
//! Started as root, it runs PostgreSQL as the `postgres` user, which PostgreSQL requires.
//! The test suite uses the same code for its throwaway cluster.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{anyhow, bail, Context as _};

/// The superuser created by initdb; it owns the schema and runs migrations.
pub const OWNER: &str = "solidaires";
const PORT: u16 = 5432;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Trade durability for speed (test clusters): fsync and synchronous commit off.
    pub ephemeral: bool,
    pub max_connections: u32,
    /// A cluster found running is an orphan of a server that was killed (the caller holds
    /// the data folder's lock): take it over, and stop it with this process.
    pub adopt_running: bool,
}

/// Held by the one server that owns a data folder (an advisory `flock` on `server.lock`,
/// released by the kernel when the process ends, however it ends).
#[derive(Debug)]
pub struct DataDirLock {
    _file: nix::fcntl::Flock<fs::File>,
}

/// Takes the data folder's lock, or says which process holds it.
pub fn lock_data_dir(data_dir: &Path) -> anyhow::Result<DataDirLock> {
    use std::io::{Read, Seek, Write};
    fs::create_dir_all(data_dir)
        .with_context(|| format!("SOLIDAIRES_DATA_DIR: cannot create {}", data_dir.display()))?;
    let path = data_dir.join("server.lock");
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("SOLIDAIRES_DATA_DIR: cannot open {}", path.display()))?;
    match nix::fcntl::Flock::lock(file, nix::fcntl::FlockArg::LockExclusiveNonblock) {
        Ok(mut file) => {
            file.set_len(0)?;
            file.rewind()?;
            write!(file, "{}", std::process::id())?;
            Ok(DataDirLock { _file: file })
        }
        Err((mut file, _)) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            bail!(
                "{} is already in use by another solidaires (process {}): one server per data \
                 folder; stop it, or choose another --data-dir (SOLIDAIRES_DATA_DIR)",
                data_dir.display(),
                holder.trim()
            )
        }
    }
}

#[derive(Debug)]
pub struct LocalPostgres {
    dir: PathBuf,
    bindir: PathBuf,
    run_as: Option<(u32, u32)>,
    started_here: bool,
    /// True when this start created the cluster (first start).
    pub initialised: bool,
}

pub const MISSING_BINARIES: &str = "PostgreSQL was not found on this machine. Install it \
(Debian/Ubuntu: `apt-get install postgresql`), or set DATABASE_URL to an existing server, \
or run the whole stack with `docker compose up`.";

/// Finds `initdb`/`pg_ctl`: on PATH, through `pg_config --bindir`, or the newest
/// `/usr/lib/postgresql/*/bin`.
pub fn find_bindir() -> anyhow::Result<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(path) = std::env::var_os("PATH") {
        if let Some(dir) = std::env::split_paths(&path).find(|d| has_tools(d)) {
            return Ok(dir);
        }
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_tools(&dir) {
            return Ok(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            has_tools(&bin).then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| anyhow!(MISSING_BINARIES))
}

/// The unprivileged user to run PostgreSQL as when we are root: `postgres`, else `nobody`.
fn unprivileged_user() -> anyhow::Result<Option<(u32, u32)>> {
    if !nix::unistd::Uid::effective().is_root() {
        return Ok(None);
    }
    for name in ["postgres", "nobody"] {
        if let Ok(Some(user)) = nix::unistd::User::from_name(name) {
            return Ok(Some((user.uid.as_raw(), user.gid.as_raw())));
        }
    }
    bail!("running as root, and no `postgres` user exists to run PostgreSQL as; create one (apt-get install postgresql does) or set DATABASE_URL")
}

impl LocalPostgres {
    /// Starts the cluster in `dir`, creating it first if needed. Reuses a cluster that is
    /// already running there (and then leaves it running on `stop`).
    pub fn start(dir: &Path, options: &Options) -> anyhow::Result<Self> {
        let bindir = find_bindir()?;
        let run_as = unprivileged_user()?;
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let dir = dir.canonicalize()?;
        if let Some((uid, gid)) = run_as {
            open_parent_for_traversal(&dir)?;
            check_reachable(&dir, uid)?;
            chown_tree(&dir, uid, gid)?;
        }
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))?;
        let mut pg = Self {
            dir,
            bindir,
            run_as,
            started_here: false,
            initialised: false,
        };
        if !pg.dir.join("PG_VERSION").exists() {
            pg.initdb()?;
            pg.initialised = true;
        }
        // Every start (re)writes our settings, so a cluster whose first start was cut short,
        // or that was copied from elsewhere, is repaired before it runs.
        pg.configure(options)?;
        if !pg.is_running() {
            pg.pg_ctl_start()?;
            pg.started_here = true;
        } else if options.adopt_running {
            tracing::warn!(dir = %pg.dir.display(), "adopting a PostgreSQL left running by a server that was killed");
            pg.started_here = true;
        }
        Ok(pg)
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bindir.join(program));
        if let Some((uid, gid)) = self.run_as {
            // std drops root's supplementary groups when a uid is set.
            cmd.uid(uid).gid(gid);
        }
        cmd.env_remove("PGDATA").env("LC_ALL", "C.UTF-8");
        cmd
    }

    /// Creates the cluster in a sibling folder and moves it into place only once complete: a
    /// first start cut short at any moment leaves either no cluster (the next start begins
    /// again) or a whole one.
    fn initdb(&self) -> anyhow::Result<()> {
        let staging = staging_dir(&self.dir);
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .with_context(|| format!("cannot remove {}", staging.display()))?;
        }
        fs::create_dir(&staging)?;
        fs::set_permissions(&staging, fs::Permissions::from_mode(0o700))?;
        if let Some((uid, gid)) = self.run_as {
            nix::unistd::chown(&staging, Some(uid.into()), Some(gid.into()))?;
        }
        let out = self
            .command("initdb")
            .arg("-D")
            .arg(&staging)
            .args([
                "-U",
                OWNER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ])
            .stdin(Stdio::null())
            .output()
            .context("initdb could not be started")?;
        if !out.status.success() {
            let _ = fs::remove_dir_all(&staging);
            bail!(
                "initdb failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        // The folder meant for the cluster holds no cluster (no PG_VERSION): empty, or what a
        // start cut short left there. The complete one replaces it.
        fs::remove_dir_all(&self.dir)
            .with_context(|| format!("cannot clear {}", self.dir.display()))?;
        fs::rename(&staging, &self.dir)
            .with_context(|| format!("cannot move the new cluster to {}", self.dir.display()))?;
        Ok(())
    }

    /// Our settings, last in postgresql.conf (replacing an earlier copy): no TCP, the socket
    /// in the cluster's own folder (relative, so a copied folder runs elsewhere).
    fn configure(&self, options: &Options) -> anyhow::Result<()> {
        const MARKER: &str = "\n# solidaires embedded cluster\n";
        let mut conf = format!(
            "{MARKER}listen_addresses = ''\nunix_socket_directories = '.'\nport = {PORT}\nmax_connections = {}\nlog_min_messages = warning\n",
            options.max_connections.max(50),
        );
        if options.ephemeral {
            conf.push_str("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        let conf_path = self.dir.join("postgresql.conf");
        let existing = fs::read_to_string(&conf_path)
            .with_context(|| format!("cannot read {}", conf_path.display()))?;
        let base = existing.split(MARKER).next().unwrap_or_default();
        let wanted = format!("{base}{conf}");
        if wanted != existing {
            fs::write(&conf_path, wanted)?;
            if let Some((uid, gid)) = self.run_as {
                nix::unistd::chown(&conf_path, Some(uid.into()), Some(gid.into()))?;
            }
        }
        Ok(())
    }

    fn is_running(&self) -> bool {
        self.command("pg_ctl")
            .arg("status")
            .arg("-D")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    fn pg_ctl_start(&self) -> anyhow::Result<()> {
        let out = self
            .command("pg_ctl")
            .arg("start")
            .arg("-D")
            .arg(&self.dir)
            // Never TCP, whatever the configuration file says.
            .args(["-o", "-c listen_addresses=''"])
            .arg("-l")
            .arg(self.dir.join("server.log"))
            .args(["-w", "-t", "60"])
            .stdin(Stdio::null())
            .output()
            .context("pg_ctl could not be started")?;
        if !out.status.success() {
            let log = fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(5).collect();
            bail!(
                "PostgreSQL did not start in {}: {} {}",
                self.dir.display(),
                String::from_utf8_lossy(&out.stderr).trim(),
                tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
            );
        }
        Ok(())
    }

    /// A libpq URL for `database` over the cluster's socket, as the owner (migrations, the
    /// seed, backups).
    pub fn url(&self, database: &str) -> String {
        self.url_as(OWNER, database)
    }

    /// The same, signing in as `user` (the API's pool: `db::API_LOGIN`).
    pub fn url_as(&self, user: &str, database: &str) -> String {
        format!(
            "postgres://{user}@/{database}?host={}&port={PORT}",
            percent_encode_path(&self.dir)
        )
    }

    /// Creates `database` unless it exists.
    pub fn ensure_database(&self, database: &str) -> anyhow::Result<()> {
        use diesel::{Connection, PgConnection, RunQueryDsl};
        let mut conn = PgConnection::establish(&self.url("postgres"))?;
        let exists: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "EXISTS (SELECT 1 FROM pg_database WHERE datname = '{}')",
            database.replace('\'', "")
        )))
        .get_result(&mut conn)?;
        if !exists {
            diesel::sql_query(format!("CREATE DATABASE \"{}\"", database.replace('"', "")))
                .execute(&mut conn)?;
        }
        Ok(())
    }

    /// Stops the cluster if this process started it (fast shutdown: sessions are closed).
    pub fn stop(&self) {
        if !self.started_here {
            return;
        }
        let status = self
            .command("pg_ctl")
            .arg("stop")
            .arg("-D")
            .arg(&self.dir)
            .args(["-m", "fast", "-w"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            tracing::warn!(dir = %self.dir.display(), "PostgreSQL did not stop cleanly");
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Watches the embedded cluster and starts it again when it dies, waiting longer after each
/// failed attempt (1 s, 2 s, 4 s… up to 30 s). Meanwhile `/api/ready` and requests answer 503
/// with `Retry-After`, and the pool replaces its dead connections once it is back.
pub struct Supervisor {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

pub fn supervise(pg: std::sync::Arc<LocalPostgres>) -> Supervisor {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&stop);
    let thread = std::thread::spawn(move || {
        let mut backoff = Duration::from_secs(1);
        let mut waited = Duration::ZERO;
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(500));
            waited += Duration::from_millis(500);
            if flag.load(Ordering::Relaxed) || pg.is_running() {
                backoff = Duration::from_secs(1);
                waited = Duration::ZERO;
                continue;
            }
            if waited < backoff {
                continue;
            }
            waited = Duration::ZERO;
            tracing::error!(dir = %pg.dir.display(), "PostgreSQL stopped: starting it again");
            match pg.pg_ctl_start() {
                Ok(()) => {
                    tracing::warn!("PostgreSQL is running again");
                    backoff = Duration::from_secs(1);
                }
                Err(err) => {
                    tracing::error!(error = %err, retry_in = ?backoff, "PostgreSQL did not start");
                    backoff = (backoff * 2).min(Duration::from_secs(30));
                }
            }
        }
    });
    Supervisor {
        stop,
        thread: Some(thread),
    }
}

impl Supervisor {
    /// Stops watching (before the cluster is stopped on purpose).
    pub fn stop(mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Where a new cluster is made before it is moved into place (same file system).
fn staging_dir(dir: &Path) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(".initdb-in-progress");
    dir.with_file_name(name)
}

/// The data folder is ours (it also holds the JWT secret, mode 0600): let the PostgreSQL
/// user traverse it (o+x, no read) to reach the cluster inside.
fn open_parent_for_traversal(dir: &Path) -> anyhow::Result<()> {
    let Some(parent) = dir.parent() else {
        return Ok(());
    };
    let meta = fs::metadata(parent)?;
    if meta.uid() == nix::unistd::Uid::effective().as_raw() && meta.mode() & 0o001 == 0 {
        fs::set_permissions(
            parent,
            fs::Permissions::from_mode((meta.mode() & 0o7777) | 0o001),
        )?;
    }
    Ok(())
}

/// PostgreSQL run as another user must be able to reach its folder.
fn check_reachable(dir: &Path, uid: u32) -> anyhow::Result<()> {
    for ancestor in dir.ancestors().skip(1) {
        let meta = fs::metadata(ancestor)?;
        let others_x = meta.mode() & 0o001 != 0;
        if !others_x && meta.uid() != uid {
            bail!(
                "PostgreSQL runs as an unprivileged user, which cannot enter {}; \
                 choose another --data-dir (SOLIDAIRES_DATA_DIR) or set DATABASE_URL",
                ancestor.display()
            );
        }
    }
    Ok(())
}

fn chown_tree(dir: &Path, uid: u32, gid: u32) -> anyhow::Result<()> {
    let meta = fs::metadata(dir)?;
    if meta.uid() == uid {
        return Ok(());
    }
    nix::unistd::chown(dir, Some(uid.into()), Some(gid.into()))?;
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            chown_tree(&path, uid, gid)?;
        } else {
            nix::unistd::chown(&path, Some(uid.into()), Some(gid.into()))?;
        }
    }
    Ok(())
}

fn percent_encode_path(path: &Path) -> String {
    path.to_string_lossy()
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
