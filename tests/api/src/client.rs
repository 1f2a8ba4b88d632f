//! A running server on a fresh database, and a small HTTP client for it.

use std::time::Duration;

use actix_web::http::{header::HeaderMap, Method};
use diesel::r2d2::{ConnectionManager, PooledConnection};
use diesel::PgConnection;
use serde_json::Value;
use solidaires::platform::config::Config;
use solidaires::platform::db::{self, Db};
use solidaires::platform::state::AppState;
use uuid::Uuid;

pub const SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123456789";
pub const DEMO_PASSWORD: &str = solidaires::seed::DEMO_PASSWORD;

pub struct TestApp {
    pub srv: actix_test::TestServer,
    /// The owner's URL of this test's database.
    pub db_url: String,
    /// The URL the API's pool signs in with (the login role that can only enter the request
    /// role), as in production.
    pub api_url: String,
    pub state: AppState,
    owner: db::PgPool,
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// The problem's stable code, for error answers.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

impl TestApp {
    pub async fn start() -> Self {
        Self::start_with(Config::for_tests(SECRET)).await
    }

    pub async fn start_with(config: Config) -> Self {
        let db_url = crate::cluster::fresh_database();
        let api_url = db_url.replacen(
            &format!("postgres://{}@", solidaires::platform::pg_local::OWNER),
            &format!("postgres://{}@", db::API_LOGIN),
            1,
        );
        let pool = db::pool(&api_url, 6).expect("pool");
        let owner = db::pool(&db_url, 2).expect("owner pool");
        let state = AppState::new(Db::new(pool), config);
        let app_state = state.clone();
        let srv = actix_test::start(move || {
            let metrics = actix_web_prom_metrics();
            solidaires::build_app(app_state.clone(), metrics)
        });
        Self {
            srv,
            db_url,
            api_url,
            state,
            owner,
        }
    }

    /// A direct connection (as the owner) for setting up or checking what the API cannot.
    pub fn conn(&self) -> PooledConnection<ConnectionManager<PgConnection>> {
        self.owner.get().expect("connection")
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Response {
        let method = Method::from_bytes(method.as_bytes()).expect("method");
        let client = awc::Client::builder()
            .timeout(Duration::from_secs(60))
            .finish();
        let mut req = client.request(method, self.srv.url(path));
        if let Some(token) = token {
            req = req.insert_header(("Authorization", format!("Bearer {token}")));
        }
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        let mut res = match body {
            Some(body) => req.send_body(body).await,
            None => req.send().await,
        }
        .expect("request sent");
        let body = res
            .body()
            .limit(10 * 1024 * 1024)
            .await
            .expect("body read")
            .to_vec();
        Response {
            status: res.status().as_u16(),
            headers: res.headers().clone(),
            body,
        }
    }

    /// A JSON request (`body` None sends no body).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        match body {
            Some(body) => {
                self.send(
                    method,
                    path,
                    token,
                    &[("Content-Type", "application/json")],
                    Some(body.to_string().into_bytes()),
                )
                .await
            }
            None => self.send(method, path, token, &[], None).await,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.call("GET", path, Some(token), None).await
    }

    /// Signs in a demo account; returns the access token.
    pub async fn login(&self, email: &str) -> String {
        self.login_with(email, DEMO_PASSWORD).await
    }

    pub async fn login_with(&self, email: &str, password: &str) -> String {
        let res = self
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(serde_json::json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(
            res.status,
            200,
            "login of {email}: {}",
            String::from_utf8_lossy(&res.body)
        );
        res.json()["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    /// The id of a demo organisation by its short name (AMQR, ACSRV, CSI, CCAS, Bailleur, Réseau).
    pub fn org(&self, short_name: &str) -> Uuid {
        use diesel::prelude::*;
        use solidaires::schema::organisations as o;
        o::table
            .filter(o::short_name.eq(short_name))
            .select(o::id)
            .first(&mut self.conn())
            .expect("demo organisation")
    }

    pub fn user(&self, email: &str) -> Uuid {
        use diesel::prelude::*;
        use solidaires::schema::users as u;
        u::table
            .filter(u::email.eq(email))
            .select(u::id)
            .first(&mut self.conn())
            .expect("demo user")
    }
}

fn actix_web_prom_metrics() -> solidaires::Metrics {
    solidaires::metrics().expect("metrics")
}
