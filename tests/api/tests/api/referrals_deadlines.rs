//! The reminder and expiry job, with an injected clock and two runners at once.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use serde_json::Value;
use solidaires::referrals::deadlines::run_once;
use solidaires::schema::{notifications as n, referrals as r};
use solidaires_tests::TestApp;
use uuid::Uuid;

use crate::referrals::{family, refer};

fn reminders_for(app: &TestApp, referral: Uuid) -> i64 {
    n::table
        .filter(n::referral_id.eq(referral))
        .filter(n::kind.eq("referral_reminder"))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

#[actix_web::test]
async fn reminded_at_day_ten_expired_at_day_thirty_exactly_once() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let sent = refer(
        &app,
        &agent,
        ccas,
        family(amqr, "Oubliee", "06 81 82 83 84", true),
        None,
    )
    .await;
    let id: Uuid = sent.json()["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let submitted = Utc::now();
    let pool = app.state.db.pool().clone();

    run_once(&pool, submitted + Duration::days(9)).expect("day 9");
    assert_eq!(reminders_for(&app, id), 0, "no reminder before day 10");

    // Two runners at the same time, as with two API instances.
    let (a, b) = (pool.clone(), pool.clone());
    let day10 = submitted + Duration::days(10) + Duration::minutes(1);
    let first = std::thread::spawn(move || run_once(&a, day10));
    let second = std::thread::spawn(move || run_once(&b, day10));
    first.join().expect("runner").expect("run");
    second.join().expect("runner").expect("run");
    assert_eq!(reminders_for(&app, id), 1, "reminded exactly once");
    run_once(&pool, submitted + Duration::days(11)).expect("day 11");
    assert_eq!(reminders_for(&app, id), 1, "and not again");

    let day30 = submitted + Duration::days(30) + Duration::minutes(1);
    let (a, b) = (pool.clone(), pool.clone());
    let first = std::thread::spawn(move || run_once(&a, day30));
    let second = std::thread::spawn(move || run_once(&b, day30));
    first.join().expect("runner").expect("run");
    second.join().expect("runner").expect("run");
    let status: String = r::table
        .filter(r::id.eq(id))
        .select(r::status)
        .first(&mut app.conn())
        .expect("status");
    assert_eq!(status, "expired");

    let seen = app
        .get(&format!("/api/v1/orgs/{ccas}/referrals/{id}"), &agent)
        .await
        .json();
    let expiries: Vec<&Value> = seen["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["to_status"] == "expired")
        .collect();
    assert_eq!(expiries.len(), 1, "expired exactly once");
    assert_eq!(expiries[0]["actor_role"], "system");
    let notes = app
        .get(&format!("/api/v1/orgs/{ccas}/notifications"), &agent)
        .await
        .json();
    assert!(
        notes["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|n| n["referral_id"] == id.to_string() && n["status"] == "expired"),
        "the referrer is told"
    );
}

#[actix_web::test]
async fn the_delays_are_each_structures_settings() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let admin = app.login("admin@amqr.test").await;
    let org = app.get(&format!("/api/v1/orgs/{amqr}"), &admin).await;
    let etag = org.header("etag").expect("etag");
    let res = app
        .send(
            "PATCH",
            &format!("/api/v1/orgs/{amqr}"),
            Some(&admin),
            &[("Content-Type", "application/json"), ("If-Match", &etag)],
            Some(br#"{"referral_reminder_days":3,"referral_expiry_days":5}"#.to_vec()),
        )
        .await;
    assert_eq!(res.status, 200);
    let agent = app.login("agent@ccas.test").await;
    let sent = refer(
        &app,
        &agent,
        ccas,
        family(amqr, "Rapide", "06 85 86 87 88", true),
        None,
    )
    .await;
    let id: Uuid = sent.json()["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let pool = app.state.db.pool().clone();
    run_once(&pool, Utc::now() + Duration::days(3) + Duration::minutes(1)).expect("day 3");
    assert_eq!(reminders_for(&app, id), 1);
    run_once(&pool, Utc::now() + Duration::days(5) + Duration::minutes(1)).expect("day 5");
    let status: String = r::table
        .filter(r::id.eq(id))
        .select(r::status)
        .first(&mut app.conn())
        .expect("status");
    assert_eq!(status, "expired");
}
