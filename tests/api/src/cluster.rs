//! The per-process cluster and per-test databases.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use diesel::{Connection, PgConnection, RunQueryDsl};
use solidaires::platform::pg_local::{LocalPostgres, Options};

const TEMPLATE: &str = "solidaires_template";

struct Cluster {
    pg: LocalPostgres,
    dir: PathBuf,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();
/// CREATE DATABASE … TEMPLATE needs the template to have no other session: serialise copies.
static COPY_LOCK: Mutex<()> = Mutex::new(());

extern "C" fn stop_cluster() {
    if let Some(cluster) = CLUSTER.get() {
        cluster.pg.stop();
        let _ = std::fs::remove_dir_all(&cluster.dir);
    }
}

fn cluster() -> &'static Cluster {
    CLUSTER.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("solidaires-tests-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let options = Options {
            ephemeral: true,
            max_connections: 300,
            adopt_running: false,
        };
        let pg = LocalPostgres::start(&dir.join("pg"), &options).expect("test cluster starts");
        // SAFETY: registering a plain extern "C" function with libc's atexit.
        unsafe {
            libc::atexit(stop_cluster);
        }
        pg.ensure_database(TEMPLATE).expect("template database");
        let url = pg.url(TEMPLATE);
        solidaires::platform::db::migrate(&url).expect("migrations apply");
        let mut conn = PgConnection::establish(&url).expect("template connection");
        solidaires::seed::seed_demo(&mut conn).expect("demo seed");
        drop(conn);
        Cluster { pg, dir }
    })
}

/// A fresh database for one test, with the schema and the demo network. Returns its URL.
pub fn fresh_database() -> String {
    let cluster = cluster();
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let _guard = COPY_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut admin = PgConnection::establish(&cluster.pg.url("postgres")).expect("admin connection");
    diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}"))
        .execute(&mut admin)
        .expect("database copied from the template");
    cluster.pg.url(&name)
}

/// An empty, unmigrated database (for migration tests).
pub fn empty_database() -> String {
    let cluster = cluster();
    let name = format!("e_{}", uuid::Uuid::new_v4().simple());
    let mut admin = PgConnection::establish(&cluster.pg.url("postgres")).expect("admin connection");
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .expect("empty database");
    cluster.pg.url(&name)
}
