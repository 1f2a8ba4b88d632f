//! The embedded default, end to end: `solidaires serve` with no DATABASE_URL on a fresh
//! data folder initialises a private cluster, seeds the demo, answers /api/ready, stops
//! PostgreSQL on SIGTERM; a second start reuses the cluster and keeps sessions valid.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A minimal HTTP/1.1 exchange: (status, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Some((status, body))
}

fn start(data_dir: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_solidaires"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("SOLIDAIRES_JWT_SECRET")
        .env("SOLIDAIRES_SPA_DIR", data_dir.join("no-spa"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("solidaires starts")
}

fn wait_ready(port: u16, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Some((200, _)) = http(port, "GET", "/api/ready", &[], "") {
            return;
        }
        assert!(
            child.try_wait().ok().flatten().is_none(),
            "the server exited before being ready"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("not ready within two minutes");
}

fn stop(child: &mut Child) {
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("SIGTERM sent");
    let status = child.wait().expect("exits");
    assert!(status.success(), "clean exit on SIGTERM: {status}");
}

fn login(port: u16) -> String {
    let (status, body) = http(
        port,
        "POST",
        "/api/v1/auth/login",
        &[("Content-Type", "application/json")],
        r#"{"email":"animatrice@amqr.test","password":"solidaires-demo-2026"}"#,
    )
    .expect("login answered");
    assert_eq!(status, 200, "demo login: {body}");
    let value: serde_json::Value = serde_json::from_str(&body).expect("json");
    value["access_token"].as_str().expect("token").to_owned()
}

#[test]
fn serve_initialises_then_reuses_its_private_cluster() {
    let data_dir = std::env::temp_dir().join(format!("solidaires-embedded-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    let port = free_port();

    let mut first = start(&data_dir, port);
    wait_ready(port, &mut first);
    let cluster = data_dir.join("postgres");
    assert!(
        cluster.join("PG_VERSION").is_file(),
        "a cluster was initialised under the data folder"
    );
    assert!(
        cluster.join(".s.PGSQL.5432").exists(),
        "listening on a socket in its folder"
    );
    let token = login(port);
    let secret = data_dir.join("jwt-secret");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&secret)
            .expect("secret kept")
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "the generated secret is private");
    let created = std::fs::metadata(cluster.join("PG_VERSION"))
        .and_then(|m| m.modified())
        .expect("mtime");
    stop(&mut first);
    assert!(
        !cluster.join("postmaster.pid").exists(),
        "PostgreSQL stopped with the server"
    );

    let mut second = start(&data_dir, port);
    wait_ready(port, &mut second);
    let again = std::fs::metadata(cluster.join("PG_VERSION"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(
        created, again,
        "the same cluster was reused, not re-initialised"
    );
    let (status, body) = http(
        port,
        "GET",
        "/api/v1/me",
        &[("Authorization", &format!("Bearer {token}"))],
        "",
    )
    .expect("me");
    assert_eq!(
        status, 200,
        "a session from the first run survives the restart: {body}"
    );
    assert!(body.contains("animatrice@amqr.test"));
    let (status, _) = http(
        port,
        "GET",
        "/api/v1/organisations",
        &[("Authorization", &format!("Bearer {token}"))],
        "",
    )
    .expect("directory");
    assert_eq!(status, 200);
    stop(&mut second);
    let _ = std::fs::remove_dir_all(&data_dir);
}

#[test]
fn a_malformed_setting_stops_start_up_with_one_line() {
    let output = Command::new(env!("CARGO_BIN_EXE_solidaires"))
        .args(["serve", "--bind", "not-an-address"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("--bind"), "names the setting: {stderr}");

    let output = Command::new(env!("CARGO_BIN_EXE_solidaires"))
        .args(["serve", "--jwt-secret", "short"])
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("SOLIDAIRES_JWT_SECRET"), "{stderr}");
}

fn serve_once(args: &[&str], envs: &[(&str, &str)], data_dir: &Path) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_solidaires"));
    command
        .arg("serve")
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("SOLIDAIRES_JWT_SECRET");
    for (name, value) in envs {
        command.env(name, value);
    }
    let output = command.output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    (output.status.success(), stderr)
}

/// A wrong database setting is named in one line; nothing is written before every setting
/// is valid; an existing secret file is put back to 0600; the embedded cluster keeps room
/// beside the pool.
#[test]
fn start_up_errors_name_the_setting_and_write_nothing_first() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("solidaires-startup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");

    for url in [
        "mysql://x@localhost/db",
        "postgres://nobody@127.0.0.1:1/none",
    ] {
        let (ok, stderr) = serve_once(&[], &[("DATABASE_URL", url)], &dir);
        assert!(!ok);
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains("DATABASE_URL"), "{url}: {stderr}");
    }
    // The unreachable URL got as far as the secret: generated, owner-only.
    let secret = dir.join("jwt-secret");
    let mode = std::fs::metadata(&secret)
        .expect("secret written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // An existing secret readable by others is put back to 0600.
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    serve_once(
        &[],
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
        &dir,
    );
    let mode = std::fs::metadata(&secret)
        .expect("secret")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // A bad setting stops start-up before anything is written.
    let fresh = dir.join("fresh");
    let (ok, stderr) = serve_once(&["--cors-origins", "ftp://nowhere"], &[], &fresh);
    assert!(
        !ok && stderr.contains("SOLIDAIRES_CORS_ORIGINS"),
        "{stderr}"
    );
    assert!(
        !fresh.join("jwt-secret").exists(),
        "no secret written for a bad setting"
    );

    let (ok, stderr) = serve_once(&["--db-pool-size", "45"], &[], &fresh);
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("SOLIDAIRES_DB_POOL_SIZE"), "{stderr}");
    assert!(!fresh.join("postgres").exists(), "no cluster started");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One server per data folder: a second one stops with one line naming the first; a cluster
/// left running by a killed server is adopted by the next one and stopped with it.
#[test]
fn one_server_owns_its_data_folder_and_leaves_no_cluster_behind() {
    let data_dir = std::env::temp_dir().join(format!("solidaires-owner-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    let port = free_port();
    let mut first = start(&data_dir, port);
    wait_ready(port, &mut first);

    let (ok, stderr) = serve_once(
        &["--bind", &format!("127.0.0.1:{}", free_port())],
        &[],
        &data_dir,
    );
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(&format!("process {}", first.id())),
        "names the server holding the folder: {stderr}"
    );

    // Killed without a chance to stop PostgreSQL: the cluster is left running...
    first.kill().expect("killed");
    first.wait().expect("reaped");
    let pid_file = data_dir.join("postgres").join("postmaster.pid");
    assert!(pid_file.exists(), "PostgreSQL outlived the killed server");
    // ...until the next server adopts it, and stops it when it stops.
    let port = free_port();
    let mut next = start(&data_dir, port);
    wait_ready(port, &mut next);
    stop(&mut next);
    assert!(
        !pid_file.exists(),
        "the adopted cluster is stopped with the server"
    );
    let _ = std::fs::remove_dir_all(&data_dir);
}

fn solidaires(args: &[&str], data_dir: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_solidaires"))
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// A digest of every row of every table of the embedded cluster in `data_dir`.
fn digests(data_dir: &Path) -> Vec<(String, String)> {
    use diesel::{Connection, RunQueryDsl};
    use solidaires::platform::pg_local::{LocalPostgres, Options};
    #[derive(diesel::QueryableByName)]
    struct Table {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    #[derive(diesel::QueryableByName)]
    struct Digest {
        #[diesel(sql_type = diesel::sql_types::Text)]
        digest: String,
    }
    let pg =
        LocalPostgres::start(&data_dir.join("postgres"), &Options::default()).expect("cluster");
    let mut conn = diesel::PgConnection::establish(&pg.url("solidaires")).expect("connects");
    let tables: Vec<Table> = diesel::sql_query(
        "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
    .load(&mut conn)
    .expect("tables");
    let out = tables
        .into_iter()
        .map(|t| {
            let digest: Digest = diesel::sql_query(format!(
                "SELECT coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), 'empty') AS digest \
                 FROM \"{}\" r",
                t.name
            ))
            .get_result(&mut conn)
            .expect("digest");
            (t.name, digest.digest)
        })
        .collect();
    drop(conn);
    pg.stop();
    out
}

/// Back up, restore into a fresh data folder, and find every table identical; a restore
/// refuses a database that is not empty.
#[test]
fn a_backup_restores_into_a_fresh_data_folder() {
    let base = std::env::temp_dir().join(format!("solidaires-backup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (source, target) = (base.join("source"), base.join("target"));
    let file = base.join("solidaires.backup");
    let (ok, out) = solidaires(&["seed-demo"], &source);
    assert!(ok, "{out}");
    let (ok, out) = solidaires(&["backup", file.to_str().unwrap_or_default()], &source);
    assert!(ok, "{out}");
    assert!(
        file.metadata().map(|m| m.len()).unwrap_or(0) > 1000,
        "a real backup"
    );
    let (ok, out) = solidaires(&["restore", file.to_str().unwrap_or_default()], &target);
    assert!(ok, "{out}");
    let (before, after) = (digests(&source), digests(&target));
    assert!(before.len() >= 15, "{before:?}");
    assert_eq!(before, after, "every table restored row for row");

    let (ok, out) = solidaires(&["restore", file.to_str().unwrap_or_default()], &target);
    assert!(!ok && out.contains("not empty"), "{out}");
    let _ = std::fs::remove_dir_all(&base);
}

/// A first start cut short leaves nothing that runs with default settings: leftovers are
/// cleared, a cluster without our settings gets them (never TCP), and a data folder copied
/// elsewhere starts there.
#[test]
fn an_interrupted_first_start_is_repaired_and_a_copied_folder_runs_elsewhere() {
    let base = std::env::temp_dir().join(format!("solidaires-atomic-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let first = base.join("first");
    // Leftovers of a start cut short: a half-made staging folder, an empty cluster folder.
    std::fs::create_dir_all(first.join("postgres.initdb-in-progress")).expect("leftover");
    std::fs::write(first.join("postgres.initdb-in-progress/PG_VERSION"), "15").expect("file");
    std::fs::create_dir_all(first.join("postgres")).expect("empty cluster folder");
    let port = free_port();
    let mut server = start(&first, port);
    wait_ready(port, &mut server);
    stop(&mut server);
    assert!(
        !first.join("postgres.initdb-in-progress").exists(),
        "staging cleared"
    );
    let conf = std::fs::read_to_string(first.join("postgres/postgresql.conf")).expect("conf");
    assert!(
        conf.contains("listen_addresses = ''") && conf.contains("unix_socket_directories = '.'")
    );

    // A cluster that lost our settings (as if cut short before they were written) gets them
    // back before it runs.
    let base_conf = conf
        .split("\n# solidaires embedded cluster\n")
        .next()
        .unwrap_or_default()
        .to_owned();
    std::fs::write(first.join("postgres/postgresql.conf"), &base_conf).expect("conf reset");
    // A copy of the whole data folder runs from its new place.
    let copy = base.join("copy");
    let status = Command::new("cp")
        .arg("-a")
        .arg(&first)
        .arg(&copy)
        .status()
        .expect("cp");
    assert!(status.success());
    let port = free_port();
    let mut server = start(&copy, port);
    wait_ready(port, &mut server);
    let pid = std::fs::read_to_string(copy.join("postgres/postmaster.pid")).unwrap_or_default();
    assert!(
        !pid.lines()
            .any(|l| l.trim() == "localhost" || l.trim() == "*"),
        "no TCP: {pid}"
    );
    login(port);
    stop(&mut server);
    let conf = std::fs::read_to_string(copy.join("postgres/postgresql.conf")).expect("conf");
    assert!(conf.contains("listen_addresses = ''"), "settings restored");
    let _ = std::fs::remove_dir_all(&base);
}

/// PostgreSQL killed under a running server: meanwhile readiness and requests answer 503
/// (never 500), and the server starts it again by itself.
#[test]
fn a_killed_postgresql_is_started_again() {
    let data_dir =
        std::env::temp_dir().join(format!("solidaires-supervised-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    let port = free_port();
    let mut server = start(&data_dir, port);
    wait_ready(port, &mut server);
    let token = login(port);
    let pid_file = data_dir.join("postgres/postmaster.pid");
    let postmaster: i32 = std::fs::read_to_string(&pid_file)
        .ok()
        .and_then(|s| s.lines().next().and_then(|l| l.trim().parse().ok()))
        .expect("postmaster pid");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(postmaster),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("PostgreSQL killed");
    let deadline = Instant::now() + Duration::from_secs(90);
    let auth = format!("Bearer {token}");
    let mut seen = Vec::new();
    loop {
        let ready = http(port, "GET", "/api/ready", &[], "").map(|r| r.0);
        let me = http(port, "GET", "/api/v1/me", &[("Authorization", &auth)], "").map(|r| r.0);
        seen.push((ready, me));
        assert!(
            !matches!(me, Some(500)) && !matches!(ready, Some(500)),
            "never a 500: {seen:?}"
        );
        let restarted = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|s| s.lines().next().and_then(|l| l.trim().parse::<i32>().ok()))
            .is_some_and(|pid| pid != postmaster);
        if restarted && ready == Some(200) && me == Some(200) {
            break;
        }
        assert!(Instant::now() < deadline, "not back within 90 s: {seen:?}");
        std::thread::sleep(Duration::from_millis(300));
    }
    // (Whether a 503 was seen depends on how fast the restart was; a 500 never is.)
    stop(&mut server);
    let _ = std::fs::remove_dir_all(&data_dir);
}

/// A signal while migrations and the demo seed run stops the start-up at once and the
/// embedded PostgreSQL with it: nothing keeps running, and the next start finishes the job.
#[test]
fn a_signal_during_start_up_stops_postgresql_too() {
    use std::io::{BufRead, BufReader};
    let data_dir = std::env::temp_dir().join(format!("solidaires-sigstart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_solidaires"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(&data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("SOLIDAIRES_JWT_SECRET")
        .env("SOLIDAIRES_SPA_DIR", data_dir.join("no-spa"))
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("solidaires starts");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    // PostgreSQL is up: migrations and the seed come next.
    for line in lines.by_ref() {
        if line
            .expect("log line")
            .contains("embedded PostgreSQL ready")
        {
            break;
        }
    }
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("SIGTERM sent");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().expect("exits");
    let log = rest.join("\n");
    assert!(
        log.contains("received during start-up"),
        "the start-up says it was stopped: {log}"
    );
    assert!(
        !status.success(),
        "an interrupted start-up is not a success"
    );
    assert!(
        !data_dir.join("postgres").join("postmaster.pid").exists(),
        "PostgreSQL is stopped with the interrupted server: {log}"
    );
    // The next start migrates and seeds what the interrupted one did not.
    let mut next = start(&data_dir, port);
    wait_ready(port, &mut next);
    let _ = login(port);
    stop(&mut next);
    let _ = std::fs::remove_dir_all(&data_dir);
}
