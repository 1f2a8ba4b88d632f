//! Helpers for tests that take devices through the workshop over HTTP.

use serde_json::{json, Value};
use solidaires_tests::{Response, TestApp};
use uuid::Uuid;

use crate::cycles_support::versioned;

/// A day `days` before today, as the API writes it ("2026-11-27") and as French documents
/// do ("27/11/2026"): handovers are dated in the past year.
pub fn days_ago(days: i64) -> (String, String) {
    let day = chrono::Utc::now().date_naive() - chrono::Duration::days(days);
    (
        day.format("%Y-%m-%d").to_string(),
        day.format("%d/%m/%Y").to_string(),
    )
}

pub async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Response {
    app.call("POST", path, Some(token), Some(body)).await
}

/// A donor and a donation of it; returns the donation's id.
pub async fn donation(app: &TestApp, token: &str, org: Uuid, donor: &str) -> String {
    let res = post(
        app,
        token,
        &format!("/api/v1/orgs/{org}/donors"),
        json!({"name": donor, "kind": "association"}),
    )
    .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let donor_id = res.json()["id"].as_str().expect("id").to_owned();
    let res = post(
        app,
        token,
        &format!("/api/v1/orgs/{org}/donations"),
        json!({"donor_id": donor_id, "received_on": "2026-11-02", "items_announced": 3}),
    )
    .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    res.json()["id"].as_str().expect("id").to_owned()
}

/// A laptop registered from `donation`.
pub async fn laptop(app: &TestApp, token: &str, org: Uuid, donation: &str, serial: &str) -> Value {
    let res = post(
        app,
        token,
        &format!("/api/v1/orgs/{org}/devices"),
        json!({"kind": "laptop", "brand": "Lenovo", "model": "ThinkPad T470", "serial": serial, "donation_id": donation}),
    )
    .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    res.json()
}

pub fn device_path(org: Uuid, device: &Value) -> String {
    format!(
        "/api/v1/orgs/{org}/devices/{}",
        device["id"].as_str().expect("id")
    )
}

/// Records the diagnosis with the disks given as (kind, size, serial).
pub async fn diagnose(
    app: &TestApp,
    token: &str,
    org: Uuid,
    device: &Value,
    disks: &[(&str, i32, &str)],
) -> Response {
    let disks: Vec<Value> = disks
        .iter()
        .map(|(kind, size, serial)| json!({"kind": kind, "size_gb": size, "serial": serial}))
        .collect();
    versioned(
        app,
        "PUT",
        &format!("{}/diagnosis", device_path(org, device)),
        token,
        Some(&format!("\"{}\"", device["version"])),
        json!({
            "cpu": "Intel Core i5-7300U",
            "ram_gb": 8,
            "screen_inches": 14.0,
            "battery_health_percent": 78,
            "disks": disks,
            "tests_passed": ["keyboard", "touchpad", "screen", "wifi"],
            "tests_failed": ["webcam"],
            "appearance_grade": "b",
            "function_grade": "a",
        }),
    )
    .await
}

pub async fn erase(
    app: &TestApp,
    token: &str,
    org: Uuid,
    device: &Value,
    disk: &str,
    succeeded: bool,
) -> Response {
    post(
        app,
        token,
        &format!("{}/erasures", device_path(org, device)),
        json!({
            "disk_id": disk,
            "method": "nist_purge",
            "tool": "nwipe",
            "tool_version": "0.34",
            "passes": 1,
            "verified": true,
            "succeeded": succeeded,
            "started_at": "2026-11-20T09:00:00Z",
            "ended_at": "2026-11-20T10:30:00Z",
        }),
    )
    .await
}

pub async fn install(app: &TestApp, token: &str, org: Uuid, device: &Value) -> Response {
    post(
        app,
        token,
        &format!("{}/os-install", device_path(org, device)),
        json!({"os": "Linux Mint", "os_version": "22", "software": ["LibreOffice", "Firefox"], "account_prepared": true, "installed_on": "2026-11-21"}),
    )
    .await
}

pub async fn check_all(app: &TestApp, token: &str, org: Uuid, device: &Value) -> Response {
    post(
        app,
        token,
        &format!("{}/quality-check", device_path(org, device)),
        json!({"items_passed": ["boots", "network", "audio_video", "software", "updates", "no_previous_data", "presentation"], "items_failed": []}),
    )
    .await
}

/// A laptop taken to ready: the volunteer does the steps, the staff signs the check.
pub async fn ready_laptop(app: &TestApp, org: Uuid, serial: &str) -> Value {
    let volunteer = app.login("benevole@amqr.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let lot = donation(app, &volunteer, org, &format!("Donateur {serial}")).await;
    let device = laptop(app, &volunteer, org, &lot, serial).await;
    let diagnosed = diagnose(
        app,
        &volunteer,
        org,
        &device,
        &[("ssd", 256, &format!("D-{serial}"))],
    )
    .await;
    assert_eq!(
        diagnosed.status,
        200,
        "{}",
        String::from_utf8_lossy(&diagnosed.body)
    );
    let disk = diagnosed.json()["disks"][0]["id"]
        .as_str()
        .expect("disk")
        .to_owned();
    assert_eq!(
        erase(app, &volunteer, org, &device, &disk, true)
            .await
            .status,
        200
    );
    let path = device_path(org, &device);
    assert_eq!(
        post(app, &volunteer, &format!("{path}/erased"), json!({}))
            .await
            .status,
        200
    );
    assert_eq!(install(app, &volunteer, org, &device).await.status, 200);
    let ready = check_all(app, &staff, org, &device).await;
    assert_eq!(
        ready.status,
        200,
        "{}",
        String::from_utf8_lossy(&ready.body)
    );
    ready.json()
}

/// Sets the device at `path` aside for `household`.
pub async fn reserve(app: &TestApp, token: &str, path: &str, household: &str) -> Response {
    post(
        app,
        token,
        &format!("{path}/reservation"),
        json!({ "household_id": household }),
    )
    .await
}
