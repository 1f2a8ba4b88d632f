//! The scale data set is one the application reads as its own: a small run of `seed-scale`
//! gives structures whose staff sign in, whose inbox counters match the rows, whose every
//! referral state opens, whose households are found by name, and whose referrers see only
//! what they sent.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use solidaires::seed::scale::{seed_scale, Size, SCALE_PASSWORD};
use solidaires_tests::TestApp;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(app: &TestApp, sql: &str, org: uuid::Uuid) -> i64 {
    diesel::sql_query(sql)
        .bind::<diesel::sql_types::Uuid, _>(org)
        .get_result::<Count>(&mut app.conn())
        .expect("count")
        .n
}

#[actix_web::test]
async fn a_small_scale_network_reads_like_real_data() {
    let app = TestApp::start().await;
    let size = Size::new(7, 0.004);
    let counts = seed_scale(&mut app.conn(), &size).expect("seeded");
    let referrals = counts
        .iter()
        .find(|(t, _)| t == "referrals")
        .expect("counted")
        .1;
    assert!(referrals > 1000, "{counts:?}");
    // Once per database.
    assert!(seed_scale(&mut app.conn(), &size).is_err());

    let big = app.org("CS1");
    let staff = app.login_with("staff@s1.scale.test", SCALE_PASSWORD).await;
    let counters = app
        .get(&format!("/api/v1/orgs/{big}/referrals/counters"), &staff)
        .await
        .json();
    let in_db = count(
        &app,
        "SELECT count(*) AS n FROM referrals WHERE organisation_id = $1",
        big,
    );
    let by_status = counters["by_status"].as_object().expect("by status");
    let total: i64 = by_status.values().filter_map(|v| v.as_i64()).sum();
    assert_eq!(
        total, in_db,
        "the counters add up to the structure's referrals"
    );
    for status in [
        "submitted",
        "accepted",
        "declined",
        "enrolled",
        "completed",
        "expired",
    ] {
        assert!(by_status[status].as_i64() > Some(0), "{status}: {counters}");
        let page = app
            .get(
                &format!("/api/v1/orgs/{big}/referrals?status={status}&limit=1"),
                &staff,
            )
            .await;
        assert_eq!(page.status, 200);
        let id = page.json()["items"][0]["id"]
            .as_str()
            .expect("one referral")
            .to_owned();
        let detail = app
            .get(&format!("/api/v1/orgs/{big}/referrals/{id}"), &staff)
            .await;
        assert_eq!(detail.status, 200, "{status} referral opens");
        assert!(
            !detail.json()["history"]
                .as_array()
                .expect("history")
                .is_empty(),
            "{status} referral has its history"
        );
    }

    // A household is found by a folded fragment of its reference person's name.
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        sort_name: String,
    }
    let some: Name = diesel::sql_query(
        "SELECT sort_name FROM households WHERE organisation_id = $1 ORDER BY id LIMIT 1",
    )
    .bind::<diesel::sql_types::Uuid, _>(big)
    .get_result(&mut app.conn())
    .expect("a household");
    let last_name = some
        .sort_name
        .split(' ')
        .next()
        .expect("last name")
        .to_owned();
    let found = app
        .get(
            &format!("/api/v1/orgs/{big}/households?q={last_name}&limit=100"),
            &staff,
        )
        .await;
    assert_eq!(found.status, 200);
    let items = found.json()["items"].as_array().expect("items").clone();
    assert!(!items.is_empty(), "{last_name} found");

    // A referring service sees what it sent, in every structure, and nothing else.
    let referrer = app.org("OR1");
    let agent = app
        .login_with("referrer@r1.scale.test", SCALE_PASSWORD)
        .await;
    let sent = app
        .get(
            &format!("/api/v1/orgs/{referrer}/referrals?limit=100"),
            &agent,
        )
        .await;
    assert_eq!(sent.status, 200);
    let sent = sent.json();
    let sent = sent["items"].as_array().expect("items");
    assert!(!sent.is_empty());
    let sent_in_db = count(
        &app,
        "SELECT count(*) AS n FROM referrals WHERE referrer_org_id = $1",
        referrer,
    );
    assert!(sent.len() as i64 <= sent_in_db);
    let foreign = app
        .get(&format!("/api/v1/orgs/{big}/referrals"), &agent)
        .await;
    assert_eq!(
        foreign.status, 404,
        "a referrer does not open a structure's inbox"
    );

    // Cycles: one per structure at this size, with its sessions, people and attendance.
    let cycles = app
        .get(&format!("/api/v1/orgs/{big}/cycles"), &staff)
        .await
        .json();
    let cycle = cycles["items"][0]["id"]
        .as_str()
        .expect("a cycle")
        .to_owned();
    let view = app
        .get(&format!("/api/v1/orgs/{big}/cycles/{cycle}"), &staff)
        .await
        .json();
    assert_eq!(view["sessions"].as_array().map(Vec::len), Some(8));
    let people = view["participants"].as_array().expect("participants");
    assert_eq!(people.len(), 10, "{view}");
    assert_eq!(view["enrolled_count"], 10);
    let held = view["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter(|s| !s["attendance_taken_at"].is_null())
        .count() as i64;
    let marks = count(
        &app,
        "SELECT count(*) AS n FROM attendance WHERE cycle_id = $1",
        cycle.parse().expect("uuid"),
    );
    assert_eq!(
        marks,
        held * 10,
        "every person marked at every session held"
    );
    let session = view["sessions"][0]["id"].as_str().expect("session");
    let sheet = app
        .get(
            &format!("/api/v1/orgs/{big}/cycles/{cycle}/sessions/{session}/attendance"),
            &staff,
        )
        .await;
    assert_eq!(sheet.status, 200);
    assert_eq!(sheet.json()["entries"].as_array().map(Vec::len), Some(10));

    // The workshop: the board counts what is there, every state's machine opens whole, and
    // a certificate's code verifies.
    let board = app
        .get(&format!("/api/v1/orgs/{big}/workshop/board"), &staff)
        .await
        .json();
    let on_board: i64 = board["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["count"].as_i64())
        .sum();
    let devices = count(
        &app,
        "SELECT count(*) AS n FROM devices WHERE organisation_id = $1",
        big,
    );
    assert_eq!(on_board, devices, "{board}");
    for column in board["columns"].as_array().expect("columns") {
        let state = column["state"].as_str().expect("state");
        assert!(
            column["count"].as_i64() > Some(0),
            "{state} in the large structure"
        );
        let page = app
            .get(
                &format!("/api/v1/orgs/{big}/devices?state={state}&limit=1"),
                &staff,
            )
            .await
            .json();
        let id = page["items"][0]["id"]
            .as_str()
            .expect("a device")
            .to_owned();
        let device = app
            .get(&format!("/api/v1/orgs/{big}/devices/{id}"), &staff)
            .await
            .json();
        assert_eq!(device["state"], state);
        let moves = device["history"].as_array().expect("history");
        assert_eq!(
            moves.last().map(|m| &m["to_state"]),
            Some(&device["state"]),
            "{device}"
        );
        if state == "handed_over" {
            assert!(
                device["allocation"]["handover"]["household"]["name"].is_string(),
                "{device}"
            );
            let code = device["certificate"]["code"].as_str().expect("certificate");
            let checked = app
                .call("GET", &format!("/api/v1/verify/{code}"), None, None)
                .await;
            assert_eq!(checked.status, 200);
        }
    }

    // Training: courses with their trainees, a trainee's record, the figures.
    let courses = app
        .get(&format!("/api/v1/orgs/{big}/courses"), &staff)
        .await
        .json();
    let course = courses[0]["id"].as_str().expect("a course").to_owned();
    let view = app
        .get(&format!("/api/v1/orgs/{big}/courses/{course}"), &staff)
        .await
        .json();
    assert_eq!(view["sessions"].as_array().map(Vec::len), Some(4));
    let trainee = view["trainees"][0]["person_id"]
        .as_str()
        .expect("a trainee")
        .to_owned();
    let record = app
        .get(
            &format!("/api/v1/orgs/{big}/training/people/{trainee}"),
            &staff,
        )
        .await;
    assert_eq!(record.status, 200);
    let figures = app
        .get(&format!("/api/v1/orgs/{big}/training/figures"), &staff)
        .await
        .json();
    assert!(figures["people_trained"].as_i64() > Some(0), "{figures}");
    assert!(figures["workshop_steps"].as_i64() > Some(0), "{figures}");
    let mine = app
        .get(&format!("/api/v1/orgs/{big}/training/me"), &staff)
        .await
        .json();
    assert!(mine["record"].is_object(), "{mine}");
}
