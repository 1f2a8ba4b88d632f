//! Helpers for tests that run families through cycles over HTTP.

use serde_json::{json, Value};
use solidaires_tests::{Response, TestApp};
use uuid::Uuid;

/// The id of the structure's site of that name.
pub async fn site(app: &TestApp, token: &str, org: Uuid, name: &str) -> String {
    let sites = app
        .get(&format!("/api/v1/orgs/{org}/sites"), token)
        .await
        .json();
    sites
        .as_array()
        .expect("sites")
        .iter()
        .find(|s| s["name"] == name)
        .or_else(|| sites.as_array().and_then(|a| a.first()))
        .and_then(|s| s["id"].as_str())
        .expect("a site")
        .to_owned()
}

/// A cycle of the default programme, weekly on Mondays at 14:00 from `first_day`.
pub async fn new_cycle(
    app: &TestApp,
    token: &str,
    org: Uuid,
    name: &str,
    capacity: i32,
    first_day: &str,
) -> Value {
    new_cycle_on(app, token, org, name, capacity, first_day, "mon").await
}

/// The same, on `weekday` ("mon"…"sun").
pub async fn new_cycle_on(
    app: &TestApp,
    token: &str,
    org: Uuid,
    name: &str,
    capacity: i32,
    first_day: &str,
    weekday: &str,
) -> Value {
    let site = site(app, token, org, "Maison de quartier Sabatier").await;
    let res = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{org}/cycles"),
            Some(token),
            Some(json!({
                "site_id": site,
                "name": name,
                "capacity": capacity,
                "first_day": first_day,
                "weekdays": [weekday],
                "start_time": "14:00",
                "duration_minutes": 120,
            })),
        )
        .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    res.json()
}

pub async fn enrol(app: &TestApp, token: &str, org: Uuid, cycle: &str, body: Value) -> Response {
    app.call(
        "POST",
        &format!("/api/v1/orgs/{org}/cycles/{cycle}/enrolments"),
        Some(token),
        Some(body),
    )
    .await
}

/// The id of session `number` (1-based) of a cycle view.
pub fn session_id(cycle: &Value, number: usize) -> String {
    cycle["sessions"][number - 1]["id"]
        .as_str()
        .expect("session")
        .to_owned()
}

/// Reads the sheet, then records `entries` with its version.
pub async fn mark(
    app: &TestApp,
    token: &str,
    org: Uuid,
    cycle: &str,
    session: &str,
    entries: Value,
) -> Response {
    let path = format!("/api/v1/orgs/{org}/cycles/{cycle}/sessions/{session}/attendance");
    let sheet = app.get(&path, token).await;
    assert_eq!(
        sheet.status,
        200,
        "{}",
        String::from_utf8_lossy(&sheet.body)
    );
    let etag = sheet.header("etag").expect("etag");
    put_sheet(
        app,
        token,
        &path,
        Some(&etag),
        json!({ "entries": entries }),
    )
    .await
}

pub async fn put_sheet(
    app: &TestApp,
    token: &str,
    path: &str,
    etag: Option<&str>,
    body: Value,
) -> Response {
    versioned(app, "PUT", path, token, etag, body).await
}

/// A JSON request with `If-Match` (when `etag` is given).
pub async fn versioned(
    app: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    etag: Option<&str>,
    body: Value,
) -> Response {
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(etag) = etag {
        headers.push(("If-Match", etag));
    }
    app.send(
        method,
        path,
        Some(token),
        &headers,
        Some(body.to_string().into_bytes()),
    )
    .await
}

/// Everyone with a place marked `presence` at session `number`.
pub async fn mark_all(
    app: &TestApp,
    token: &str,
    org: Uuid,
    cycle: &str,
    number: usize,
    presence: &str,
) -> Response {
    let view = app
        .get(&format!("/api/v1/orgs/{org}/cycles/{cycle}"), token)
        .await
        .json();
    let entries: Vec<Value> = view["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .filter(|p| p["status"] == "enrolled")
        .map(|p| json!({"enrolment_id": p["enrolment_id"], "presence": presence}))
        .collect();
    mark(
        app,
        token,
        org,
        cycle,
        &session_id(&view, number),
        json!(entries),
    )
    .await
}

pub async fn set_state(
    app: &TestApp,
    token: &str,
    org: Uuid,
    cycle: &str,
    state: &str,
) -> Response {
    app.call(
        "POST",
        &format!("/api/v1/orgs/{org}/cycles/{cycle}/state"),
        Some(token),
        Some(json!({"state": state, "reason": "Fin du test"})),
    )
    .await
}

/// A household registered directly, with one person; (household, member).
pub async fn household(
    app: &TestApp,
    token: &str,
    org: Uuid,
    first: &str,
    contact: &str,
    phone: &str,
) -> (String, String) {
    let mut body = json!({
        "members": [{"first_name": first, "last_name": "Cycliste", "birth_year": 1980, "role": "reference"}],
        "commune": "Raismes",
        "preferred_contact": contact,
        "phone": phone,
        "needs": ["no_computer"],
    });
    if contact == "email" {
        body["email"] = json!(format!("{}@exemple.fr", first.to_lowercase()));
    }
    let res = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{org}/households"),
            Some(token),
            Some(body),
        )
        .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let json = res.json();
    (
        json["id"].as_str().expect("id").to_owned(),
        json["members"][0]["id"]
            .as_str()
            .expect("member")
            .to_owned(),
    )
}
