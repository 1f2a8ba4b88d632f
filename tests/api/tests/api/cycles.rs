//! Cycles: the calendar, places and the waiting list, attendance sheets, completion and
//! eligibility, the referrer's milestones, the printed sheet and the calendar feed.

use futures_util::future::join_all;
use serde_json::{json, Value};
use solidaires_tests::TestApp;

use crate::cycles_support::{
    enrol, household, mark, mark_all, new_cycle, put_sheet, session_id, set_state, site, versioned,
};
use crate::referrals::{act, family, refer};

fn starts(cycle: &Value) -> Vec<String> {
    cycle["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| s["starts_at"].as_str().expect("start").to_owned())
        .collect()
}

#[actix_web::test]
async fn sessions_keep_paris_time_across_the_october_change_skip_dates_and_move_or_cancel() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let site = site(&app, &staff, amqr, "Maison de quartier Sabatier").await;
    let body = json!({
        "site_id": site,
        "name": "Cycle d'octobre",
        "capacity": 8,
        "first_day": "2026-10-19",
        "weekdays": ["mon"],
        "start_time": "14:00",
        "duration_minutes": 120,
        "skip_dates": ["2026-11-02"],
    });
    let preview = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/cycle-previews"),
            Some(&staff),
            Some(body.clone()),
        )
        .await;
    assert_eq!(
        preview.status,
        200,
        "{}",
        String::from_utf8_lossy(&preview.body)
    );
    let expected = [
        "2026-10-19T12:00:00Z", // 14:00 in summer time (UTC+2)
        "2026-10-26T13:00:00Z", // 14:00 in winter time (UTC+1), the day after the change
        "2026-11-09T13:00:00Z", // 2 November skipped
        "2026-11-16T13:00:00Z",
        "2026-11-23T13:00:00Z",
        "2026-11-30T13:00:00Z",
        "2026-12-07T13:00:00Z",
        "2026-12-14T13:00:00Z",
    ];
    assert_eq!(starts(&preview.json()), expected);
    assert_eq!(
        preview.json()["sessions"][0]["title"],
        "L'ordinateur en main : clavier et souris"
    );
    let nothing_saved = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles?limit=100"), &staff)
        .await
        .json();
    assert!(!nothing_saved.to_string().contains("Cycle d'octobre"));

    let created = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/cycles"),
            Some(&staff),
            Some(body),
        )
        .await;
    assert_eq!(created.status, 201);
    let cycle = created.json();
    assert_eq!(starts(&cycle), expected);
    let id = cycle["id"].as_str().expect("id");
    assert_eq!(cycle["state"], "planned");

    let third = session_id(&cycle, 3);
    let move_path = format!("/api/v1/orgs/{amqr}/cycles/{id}/sessions/{third}/move");
    let moved_to = json!({"day": "2026-11-10", "start_time": "10:00", "reason": "Salle occupée"});
    let without = app
        .call("POST", &move_path, Some(&staff), Some(moved_to.clone()))
        .await;
    assert_eq!(without.status, 428, "a move needs the version edited");
    let stale = versioned(
        &app,
        "POST",
        &move_path,
        &staff,
        Some("\"7\""),
        moved_to.clone(),
    )
    .await;
    assert_eq!(stale.status, 412);
    let moved = versioned(&app, "POST", &move_path, &staff, Some("\"1\""), moved_to).await;
    assert_eq!(
        moved.status,
        200,
        "{}",
        String::from_utf8_lossy(&moved.body)
    );
    assert_eq!(moved.json()["starts_at"], "2026-11-10T09:00:00Z");
    assert_eq!(
        moved.json()["ends_at"],
        "2026-11-10T11:00:00Z",
        "the length is kept"
    );
    assert_eq!(moved.json()["change_reason"], "Salle occupée");

    let fourth = session_id(&cycle, 4);
    let cancelled = versioned(
        &app,
        "POST",
        &format!("/api/v1/orgs/{amqr}/cycles/{id}/sessions/{fourth}/cancel"),
        &staff,
        Some("\"1\""),
        json!({"reason": "Grève des transports"}),
    )
    .await;
    assert_eq!(cancelled.status, 200);
    assert_eq!(cancelled.json()["cancelled"], true);
    let listed = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles?state=planned"), &staff)
        .await
        .json();
    let mine = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .expect("listed");
    assert_eq!(
        mine["sessions_count"], 7,
        "a cancelled session is not planned"
    );

    // Bad calendars say which field is wrong.
    let bad = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/cycle-previews"),
            Some(&staff),
            Some(json!({"site_id": site, "name": "x", "capacity": 8, "first_day": "2026-10-19", "weekdays": [], "start_time": "25:00", "duration_minutes": 120})),
        )
        .await;
    assert_eq!(bad.status, 422);
    let fields = bad.json()["errors"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    assert!(
        fields.contains_key("weekdays") && fields.contains_key("start_time"),
        "{fields:?}"
    );
}

#[actix_web::test]
async fn thirty_concurrent_enrolments_fill_ten_places_and_the_others_wait_in_order() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let mut people = Vec::new();
    for i in 0..30 {
        people.push(
            household(
                &app,
                &staff,
                amqr,
                &format!("Personne{i:02}"),
                "phone",
                &format!("06 40 00 00 {i:02}"),
            )
            .await,
        );
    }
    let cycle = new_cycle(&app, &staff, amqr, "Cycle très demandé", 10, "2026-12-07").await;
    let id = cycle["id"].as_str().expect("id").to_owned();
    let answers = join_all(people.iter().map(|(h, m)| {
        enrol(
            &app,
            &staff,
            amqr,
            &id,
            json!({"household_id": h, "member_id": m}),
        )
    }))
    .await;
    assert!(
        answers.iter().all(|r| r.status == 201),
        "{:?}",
        answers.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    let statuses: Vec<String> = answers
        .iter()
        .map(|r| r.json()["status"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(statuses.iter().filter(|s| *s == "enrolled").count(), 10);
    assert_eq!(statuses.iter().filter(|s| *s == "waiting").count(), 20);
    let mut ranks: Vec<i64> = answers
        .iter()
        .filter_map(|r| r.json()["waiting_rank"].as_i64())
        .collect();
    ranks.sort_unstable();
    assert_eq!(
        ranks,
        (1..=20).collect::<Vec<i64>>(),
        "each waits at its own rank"
    );

    let view = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles/{id}"), &staff)
        .await
        .json();
    assert_eq!(view["enrolled_count"], 10);
    let waiting = view["waiting_list"].as_array().expect("waiting");
    assert_eq!(waiting.len(), 20);
    let first_waiting = waiting[0]["enrolment_id"].clone();
    let someone = view["participants"][3]["enrolment_id"]
        .as_str()
        .expect("someone")
        .to_owned();

    let left = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/cycles/{id}/enrolments/{someone}/withdraw"),
            Some(&staff),
            None,
        )
        .await;
    assert_eq!(left.status, 200, "{}", String::from_utf8_lossy(&left.body));
    assert_eq!(left.json()["status"], "withdrawn");
    assert_eq!(
        left.json()["promoted_enrolment_id"],
        first_waiting,
        "the first waiting gets the place"
    );
    let view = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles/{id}"), &staff)
        .await
        .json();
    assert_eq!(view["enrolled_count"], 10);
    assert_eq!(view["waiting_list"].as_array().map(Vec::len), Some(19));
    assert_eq!(view["waiting_list"][0]["waiting_rank"], 1);
    assert_eq!(
        view["waiting_list"][0]["enrolment_id"],
        waiting[1]["enrolment_id"]
    );

    // Someone who still has a place asks again.
    let still = view["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .find(|p| p["status"] == "enrolled")
        .cloned()
        .expect("someone enrolled");
    let twice = enrol(
        &app,
        &staff,
        amqr,
        &id,
        json!({"household_id": still["household_id"], "member_id": still["member_id"]}),
    )
    .await;
    assert_eq!(
        twice.status,
        409,
        "a person takes one place: {}",
        String::from_utf8_lossy(&twice.body)
    );
    let again = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/cycles/{id}/enrolments/{someone}/withdraw"),
            Some(&staff),
            None,
        )
        .await;
    assert_eq!(again.status, 409);
}

#[actix_web::test]
async fn an_attendance_sheet_replays_idempotently_and_refuses_strangers_and_stale_versions() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let staff = app.login("animatrice@amqr.test").await;
    let other = app.login("animateur@acsrv.test").await;
    let (h1, m1) = household(&app, &staff, amqr, "Alice", "phone", "06 41 00 00 01").await;
    let (h2, m2) = household(&app, &staff, amqr, "Bruno", "phone", "06 41 00 00 02").await;
    let a = new_cycle(&app, &staff, amqr, "Cycle A", 8, "2026-12-07").await;
    let b = new_cycle(&app, &staff, amqr, "Cycle B", 8, "2026-12-07").await;
    let (a_id, b_id) = (a["id"].as_str().expect("a"), b["id"].as_str().expect("b"));
    let e1 = enrol(
        &app,
        &staff,
        amqr,
        a_id,
        json!({"household_id": h1, "member_id": m1}),
    )
    .await
    .json()["enrolment_id"]
        .clone();
    let e2 = enrol(
        &app,
        &staff,
        amqr,
        b_id,
        json!({"household_id": h2, "member_id": m2}),
    )
    .await
    .json()["enrolment_id"]
        .clone();

    let path = format!(
        "/api/v1/orgs/{amqr}/cycles/{a_id}/sessions/{}/attendance",
        session_id(&a, 1)
    );
    let sheet = app.get(&path, &staff).await;
    let first_etag = sheet.header("etag").expect("etag");
    assert_eq!(sheet.json()["entries"][0]["presence"], Value::Null);
    let body = json!({"entries": [{"enrolment_id": e1, "presence": "present"}], "actual_minutes": 110, "themes_covered": ["equipment"], "note": "Bonne séance"});
    let recorded = put_sheet(&app, &staff, &path, Some(&first_etag), body.clone()).await;
    assert_eq!(
        recorded.status,
        200,
        "{}",
        String::from_utf8_lossy(&recorded.body)
    );
    let etag = recorded.header("etag").expect("etag");
    assert_ne!(etag, first_etag);
    assert_eq!(recorded.json()["entries"][0]["presence"], "present");
    assert_eq!(recorded.json()["session"]["present_count"], 1);

    let replay = put_sheet(&app, &staff, &path, Some(&first_etag), body).await;
    assert_eq!(replay.status, 200, "a replay is answered, not refused");
    assert_eq!(
        replay.header("etag"),
        Some(etag.clone()),
        "and changes nothing"
    );

    let change = json!({"entries": [{"enrolment_id": e1, "presence": "absent"}]});
    assert_eq!(
        put_sheet(&app, &staff, &path, Some(&first_etag), change.clone())
            .await
            .status,
        412
    );
    assert_eq!(
        put_sheet(&app, &staff, &path, None, change.clone())
            .await
            .status,
        428
    );
    let edited = put_sheet(&app, &staff, &path, Some(&etag), change).await;
    assert_eq!(edited.status, 200);
    assert_eq!(edited.json()["entries"][0]["presence"], "absent");

    let stranger = put_sheet(
        &app,
        &staff,
        &path,
        edited.header("etag").as_deref(),
        json!({"entries": [{"enrolment_id": e2, "presence": "present"}]}),
    )
    .await;
    assert_eq!(stranger.status, 422);
    assert!(
        stranger.json()["errors"]["entries[0].enrolment_id"].is_array(),
        "{}",
        stranger.json()
    );

    // Another structure's session is a 404, like a missing one.
    assert_eq!(app.get(&path, &other).await.status, 404);
    let acsrv_cycles = app
        .get(&format!("/api/v1/orgs/{acsrv}/cycles"), &other)
        .await
        .json();
    let theirs = acsrv_cycles["items"][0]["id"]
        .as_str()
        .expect("ACSRV's demo cycle")
        .to_owned();
    let theirs_view = app
        .get(&format!("/api/v1/orgs/{acsrv}/cycles/{theirs}"), &other)
        .await
        .json();
    let foreign = format!(
        "/api/v1/orgs/{amqr}/cycles/{theirs}/sessions/{}/attendance",
        session_id(&theirs_view, 1)
    );
    assert_eq!(app.get(&foreign, &staff).await.status, 404);
    assert_eq!(
        put_sheet(
            &app,
            &staff,
            &foreign,
            Some("\"1\""),
            json!({"entries": [{"enrolment_id": e1, "presence": "present"}]})
        )
        .await
        .status,
        404
    );

    let view = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles/{a_id}"), &staff)
        .await
        .json();
    assert_eq!(view["state"], "running", "the first sheet starts the cycle");
}

async fn settings(app: &TestApp, admin: &str, org: uuid::Uuid, changes: Value) {
    let path = format!("/api/v1/orgs/{org}");
    let etag = app.get(&path, admin).await.header("etag").expect("etag");
    let res = versioned(app, "PATCH", &path, admin, Some(&etag), changes).await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
}

#[actix_web::test]
async fn completion_and_eligibility_read_attendance_cancellations_excuses_and_settings() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let admin = app.login("admin@amqr.test").await;
    let (h1, m1) = household(&app, &staff, amqr, "Assidue", "phone", "06 42 00 00 01").await;
    let (h2, m2) = household(&app, &staff, amqr, "Excusee", "phone", "06 42 00 00 02").await;
    let (h3, _) = household(&app, &staff, amqr, "Absente", "phone", "06 42 00 00 03").await;
    let eligibility = |h: String| {
        let (app, staff) = (&app, &staff);
        async move {
            app.get(
                &format!("/api/v1/orgs/{amqr}/households/{h}/eligibility"),
                staff,
            )
            .await
            .json()
        }
    };
    let not_enrolled = eligibility(h3.clone()).await;
    assert_eq!(not_enrolled["eligible"], false);
    assert_eq!(not_enrolled["reasons"][0]["code"], "not_enrolled");
    assert_eq!(
        not_enrolled["reasons"][0]["message"],
        "Personne du foyer n'est inscrit dans un cycle."
    );

    let cycle = new_cycle(&app, &staff, amqr, "Cycle assiduité", 8, "2026-12-07").await;
    let id = cycle["id"].as_str().expect("id").to_owned();
    let e1 = enrol(
        &app,
        &staff,
        amqr,
        &id,
        json!({"household_id": h1, "member_id": m1}),
    )
    .await
    .json()["enrolment_id"]
        .clone();
    let e2 = enrol(
        &app,
        &staff,
        amqr,
        &id,
        json!({"household_id": h2, "member_id": m2}),
    )
    .await
    .json()["enrolment_id"]
        .clone();
    assert_eq!(
        eligibility(h1.clone()).await["eligible"],
        true,
        "enrolled, and the default minimum is 0"
    );

    settings(&app, &admin, amqr, json!({"handover_min_sessions": 3})).await;
    let too_few = eligibility(h1.clone()).await;
    assert_eq!(too_few["eligible"], false);
    assert_eq!(too_few["reasons"][0]["code"], "too_few_sessions");
    assert_eq!(
        too_few["reasons"][0]["message"],
        "Le foyer a suivi 0 séance ; il en faut au moins 3."
    );

    let last = session_id(&cycle, 8);
    let cancel = versioned(
        &app,
        "POST",
        &format!("/api/v1/orgs/{amqr}/cycles/{id}/sessions/{last}/cancel"),
        &staff,
        Some("\"1\""),
        json!({"reason": "Fermeture"}),
    )
    .await;
    assert_eq!(cancel.status, 200);
    for n in 1..=7 {
        let (p1, p2) = match n {
            1..=5 => ("present", "present"),
            6 => ("present", "excused"),
            _ => ("excused", "absent"),
        };
        let res = mark(
            &app,
            &staff,
            amqr,
            &id,
            &session_id(&cycle, n),
            json!([{"enrolment_id": e1, "presence": p1}, {"enrolment_id": e2, "presence": p2}]),
        )
        .await;
        assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    }
    let view = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles/{id}"), &staff)
        .await
        .json();
    let person = |e: &Value| {
        view["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .find(|p| p["enrolment_id"] == *e)
            .cloned()
            .expect("participant")
    };
    assert_eq!(
        (
            person(&e1)["sessions_present"].clone(),
            person(&e1)["sessions_planned"].clone()
        ),
        (json!(6), json!(7))
    );
    assert_eq!(person(&e1)["reaches_threshold"], true, "6 of 7 held");
    assert_eq!(person(&e2)["sessions_present"], 5, "excused is not present");
    assert_eq!(person(&e2)["reaches_threshold"], false);

    settings(&app, &admin, amqr, json!({"cycle_completion_threshold": 5})).await;
    let view = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles/{id}"), &staff)
        .await
        .json();
    assert_eq!(view["completion_threshold"], 5);
    let e2_view = view["participants"]
        .as_array()
        .expect("p")
        .iter()
        .find(|p| p["enrolment_id"] == e2)
        .cloned()
        .expect("e2");
    assert_eq!(
        e2_view["reaches_threshold"], true,
        "the threshold is the structure's setting"
    );
    settings(&app, &admin, amqr, json!({"cycle_completion_threshold": 6})).await;

    assert_eq!(
        eligibility(h1.clone()).await["eligible"],
        true,
        "6 sessions attended ≥ 3"
    );
    assert_eq!(eligibility(h1.clone()).await["sessions_attended"], 6);

    let finished = set_state(&app, &staff, amqr, &id, "finished").await;
    assert_eq!(
        finished.status,
        200,
        "{}",
        String::from_utf8_lossy(&finished.body)
    );
    let statuses: Vec<(Value, Value)> = finished.json()["participants"]
        .as_array()
        .expect("p")
        .iter()
        .map(|p| (p["enrolment_id"].clone(), p["status"].clone()))
        .collect();
    assert!(
        statuses.contains(&(e1.clone(), json!("completed"))),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&(e2.clone(), json!("not_completed"))),
        "{statuses:?}"
    );
    let again = set_state(&app, &staff, amqr, &id, "running").await;
    assert_eq!(again.status, 409, "a finished cycle stays finished");
    assert_eq!(again.code(), "invalid_transition");
    let late = mark(
        &app,
        &staff,
        amqr,
        &id,
        &session_id(&cycle, 1),
        json!([{"enrolment_id": e1, "presence": "absent"}]),
    )
    .await;
    assert_eq!(late.status, 409, "a finished cycle's sheets are closed");
}

#[actix_web::test]
async fn the_referrer_follows_the_cycle_only_with_the_familys_agreement() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let mut ids = Vec::new();
    for (name, share) in [
        ("Partage", true),
        ("Discrete", false),
        ("Repart", true),
        ("Pasencore", true),
    ] {
        let sent = refer(
            &app,
            &agent,
            ccas,
            family(amqr, name, "06 43 00 00 01", share),
            None,
        )
        .await;
        let id = sent.json()["id"].as_str().expect("id").to_owned();
        if name != "Pasencore" {
            assert_eq!(
                act(&app, &staff, amqr, &id, "accept", json!({}))
                    .await
                    .status,
                200
            );
        }
        ids.push(id);
    }
    let cycle = new_cycle(&app, &staff, amqr, "Cycle suivi", 8, "2026-12-07").await;
    let cid = cycle["id"].as_str().expect("id").to_owned();
    let not_accepted = enrol(&app, &staff, amqr, &cid, json!({"referral_id": ids[3]})).await;
    assert_eq!(
        not_accepted.status, 409,
        "only an accepted referral joins a cycle"
    );
    let mut enrolments = Vec::new();
    for id in &ids[..3] {
        let res = enrol(&app, &staff, amqr, &cid, json!({"referral_id": id})).await;
        assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
        enrolments.push(res.json()["enrolment_id"].as_str().expect("e").to_owned());
    }
    let seen = |id: String| {
        let (app, agent) = (&app, &agent);
        async move {
            app.get(&format!("/api/v1/orgs/{ccas}/referrals/{id}"), agent)
                .await
                .json()
        }
    };
    let shared = seen(ids[0].clone()).await;
    assert_eq!(shared["status"], "enrolled");
    assert_eq!(shared["milestones"]["cycle_start_date"], "2026-12-07");
    assert_eq!(shared["milestones"]["sessions_planned"], 8);
    let private = seen(ids[1].clone()).await;
    assert_eq!(
        private["status"], "accepted",
        "without agreement, only the answer"
    );
    assert!(private["milestones"].is_null());

    // Leaving a cycle not yet started: the family may join another (back to accepted).
    let left = app
        .call(
            "POST",
            &format!(
                "/api/v1/orgs/{amqr}/cycles/{cid}/enrolments/{}/withdraw",
                enrolments[2]
            ),
            Some(&staff),
            None,
        )
        .await;
    assert_eq!(left.status, 200);
    assert_eq!(seen(ids[2].clone()).await["status"], "accepted");
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/referrals/{}", ids[2]), &staff)
            .await
            .json()["status"],
        "accepted"
    );

    for n in 1..=2 {
        assert_eq!(
            mark_all(&app, &staff, amqr, &cid, n, "present")
                .await
                .status,
            200
        );
    }
    let shared = seen(ids[0].clone()).await;
    assert_eq!(shared["milestones"]["sessions_attended"], 2);
    assert_eq!(shared["milestones"]["sessions_planned"], 8);
    let keys: Vec<&String> = shared["milestones"]
        .as_object()
        .expect("milestones")
        .keys()
        .collect();
    assert_eq!(
        keys,
        [
            "completed",
            "cycle_start_date",
            "device_handed_over_on",
            "enrolled",
            "sessions_attended",
            "sessions_planned"
        ],
        "the milestones, nothing else (no skills, no notes)"
    );
    let private = seen(ids[1].clone()).await;
    assert!(private["milestones"].is_null(), "{private}");
    assert!(!private.to_string().contains("sessions_attended"));

    // The staff's referral page reads the same milestones.
    let theirs = app
        .get(&format!("/api/v1/orgs/{amqr}/referrals/{}", ids[1]), &staff)
        .await
        .json();
    assert_eq!(theirs["status"], "enrolled");
    assert_eq!(theirs["milestones"]["sessions_attended"], 2);

    // Leaving during the cycle: dropped out.
    let left = app
        .call(
            "POST",
            &format!(
                "/api/v1/orgs/{amqr}/cycles/{cid}/enrolments/{}/withdraw",
                enrolments[0]
            ),
            Some(&staff),
            None,
        )
        .await;
    assert_eq!(left.status, 200);
    assert_eq!(seen(ids[0].clone()).await["status"], "dropped_out");
    // A referral in a cycle is not dropped out from the referral page.
    let direct = act(&app, &staff, amqr, &ids[1], "drop-out", json!({})).await;
    assert_eq!(direct.status, 409);
}
