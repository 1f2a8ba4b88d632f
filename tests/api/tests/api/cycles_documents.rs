//! What cycles give to the outside: reminders to families, the printed sheet, the calendar
//! feed; and the skills checks, the role limits and the demo's cycles.

use chrono::{Datelike, Utc};
use diesel::prelude::*;
use serde_json::{json, Value};
use solidaires_tests::TestApp;

use crate::cycles_support::{enrol, household, new_cycle, new_cycle_on, session_id, versioned};

fn count(app: &TestApp, sql: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .get_result::<N>(&mut app.conn())
        .map(|r| r.n)
        .expect("count")
}

#[actix_web::test]
async fn reminders_are_written_once_per_session_and_household_and_never_to_do_not_contact() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let tomorrow = solidaires::cycles::reminders::reminded_day(Utc::now());
    let weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        [tomorrow.weekday().num_days_from_monday() as usize];
    let cycle = new_cycle_on(
        &app,
        &staff,
        amqr,
        "Cycle de demain",
        8,
        &tomorrow.to_string(),
        weekday,
    )
    .await;
    let id = cycle["id"].as_str().expect("id").to_owned();
    for (name, contact, phone) in [
        ("Sms", "sms", "06 44 00 00 01"),
        ("Courriel", "email", "06 44 00 00 02"),
        ("Appel", "phone", "06 44 00 00 03"),
        ("Tranquille", "do_not_contact", "06 44 00 00 04"),
    ] {
        let (h, m) = household(&app, &staff, amqr, name, contact, phone).await;
        assert_eq!(
            enrol(
                &app,
                &staff,
                amqr,
                &id,
                json!({"household_id": h, "member_id": m})
            )
            .await
            .status,
            201
        );
    }
    let mine = format!(
        "SELECT count(*) AS n FROM session_reminders r JOIN cycle_sessions s ON s.organisation_id = r.organisation_id AND s.id = r.session_id WHERE s.cycle_id = '{id}'"
    );
    let emails_before = count(&app, "SELECT count(*) AS n FROM outbox_emails");
    let pool = app.state.db.pool().clone();
    let written =
        solidaires::cycles::reminding::run_once(&pool, Utc::now(), false).expect("reminders");
    assert!(written >= 3, "{written}");
    assert_eq!(
        count(&app, &mine),
        3,
        "everyone but the family that asked for no contact"
    );
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM outbox_emails"),
        emails_before + 1
    );
    solidaires::cycles::reminding::run_once(&pool, Utc::now(), true).expect("again");
    assert_eq!(count(&app, &mine), 3, "written once, whatever runs again");
    assert_eq!(
        count(&app, "SELECT count(*) AS n FROM outbox_sms"),
        0,
        "no gateway then: a call"
    );

    let calls = app
        .get(&format!("/api/v1/orgs/{amqr}/reminders/calls"), &staff)
        .await
        .json();
    let ours: Vec<&Value> = calls
        .as_array()
        .expect("calls")
        .iter()
        .filter(|c| {
            c["family_name"]
                .as_str()
                .is_some_and(|n| n.ends_with("Cycliste"))
        })
        .collect();
    let names: Vec<&str> = ours
        .iter()
        .filter_map(|c| c["family_name"].as_str())
        .collect();
    assert_eq!(ours.len(), 2, "{names:?}");
    assert!(names.contains(&"Sms Cycliste") && names.contains(&"Appel Cycliste"));
    assert!(ours[0]["message"]
        .as_str()
        .expect("text")
        .starts_with("Rappel : séance « L'ordinateur en main"));
    let call = ours[0]["id"].as_str().expect("id");
    let done = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/reminders/calls/{call}/done"),
            Some(&staff),
            None,
        )
        .await;
    assert_eq!(done.status, 204);
    let other = app.login("animateur@acsrv.test").await;
    let acsrv = app.org("ACSRV");
    let foreign = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{acsrv}/reminders/calls/{call}/done"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(foreign.status, 404);

    // A move and a cancellation are told at once, again to the same three.
    let first = session_id(&cycle, 1);
    let after = tomorrow + chrono::Duration::days(1);
    let moved = versioned(
        &app,
        "POST",
        &format!("/api/v1/orgs/{amqr}/cycles/{id}/sessions/{first}/move"),
        &staff,
        Some("\"1\""),
        json!({"day": after, "start_time": "16:00", "reason": "Salle prise"}),
    )
    .await;
    assert_eq!(
        moved.status,
        200,
        "{}",
        String::from_utf8_lossy(&moved.body)
    );
    assert_eq!(count(&app, &format!("{mine} AND r.reason = 'moved'")), 3);
    let cancelled = versioned(
        &app,
        "POST",
        &format!("/api/v1/orgs/{amqr}/cycles/{id}/sessions/{first}/cancel"),
        &staff,
        Some("\"2\""),
        json!({"reason": "Fermeture exceptionnelle"}),
    )
    .await;
    assert_eq!(cancelled.status, 200);
    assert_eq!(
        count(&app, &format!("{mine} AND r.reason = 'cancelled'")),
        3
    );
    assert_eq!(count(&app, &format!("{mine} AND r.household_id IN (SELECT household_id FROM household_members WHERE first_name = 'Tranquille')")), 0);
}

#[actix_web::test]
async fn the_attendance_sheet_prints_as_a_pdf_with_its_participants_and_date() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let cycle = new_cycle(&app, &staff, amqr, "Cycle imprimé", 8, "2026-12-07").await;
    let id = cycle["id"].as_str().expect("id").to_owned();
    for name in ["Éloïse", "Noël"] {
        let (h, m) = household(&app, &staff, amqr, name, "phone", "06 45 00 00 01").await;
        enrol(
            &app,
            &staff,
            amqr,
            &id,
            json!({"household_id": h, "member_id": m}),
        )
        .await;
    }
    let res = app
        .get(
            &format!(
                "/api/v1/orgs/{amqr}/cycles/{id}/sessions/{}/sheet.pdf",
                session_id(&cycle, 1)
            ),
            &staff,
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("application/pdf")
    );
    let doc = lopdf::Document::load_mem(&res.body).expect("a PDF that parses");
    let text = doc.extract_text(&[1]).expect("text");
    for expected in [
        "Feuille d'émargement",
        "Éloïse Cycliste",
        "Noël Cycliste",
        "lundi 7 décembre 2026",
        "14 h 00",
        "Signature",
        "Cycle imprimé",
        "Maison de quartier Sabatier",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text:?}");
    }
    let volunteer = app.login("benevole@amqr.test").await;
    let denied = app
        .get(
            &format!(
                "/api/v1/orgs/{amqr}/cycles/{id}/sessions/{}/sheet.pdf",
                session_id(&cycle, 1)
            ),
            &volunteer,
        )
        .await;
    assert_eq!(denied.status, 403, "the sheet names families: staff only");
}

#[actix_web::test]
async fn a_calendar_feed_parses_names_no_family_and_stops_when_revoked() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let running = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles?state=running"), &staff)
        .await
        .json();
    let cycle = running["items"][0]["id"]
        .as_str()
        .expect("the demo's running cycle")
        .to_owned();
    let made = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/calendar-feeds"),
            Some(&staff),
            Some(json!({"cycle_id": cycle})),
        )
        .await;
    assert_eq!(made.status, 201, "{}", String::from_utf8_lossy(&made.body));
    let url = made.json()["url"].as_str().expect("url").to_owned();
    let path = &url[url.find("/api/v1/calendar/").expect("path")..];
    let res = app.call("GET", path, None, None).await;
    assert_eq!(res.status, 200);
    assert!(res
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/calendar")));
    let text = String::from_utf8(res.body.clone()).expect("utf-8");
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let events = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .count();
    assert_eq!(events, 8);
    for family in ["Benali", "Vasseur", "Lemaire", "Fatima", "Odile"] {
        assert!(!text.contains(family), "{family} in the feed");
    }
    assert!(text.contains("Maison de quartier Sabatier"));
    let listed = app
        .get(&format!("/api/v1/orgs/{amqr}/calendar-feeds"), &staff)
        .await
        .json();
    assert!(listed[0]["url"].is_null(), "the address is shown once");

    let mine = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/calendar-feeds"),
            Some(&staff),
            Some(json!({})),
        )
        .await
        .json();
    let own_url = mine["url"].as_str().expect("url").to_owned();
    let own = app
        .call(
            "GET",
            &own_url[own_url.find("/api/v1/").expect("path")..],
            None,
            None,
        )
        .await;
    assert_eq!(own.status, 200);
    assert!(
        String::from_utf8_lossy(&own.body)
            .matches("BEGIN:VEVENT")
            .count()
            >= 16,
        "the sessions she leads"
    );

    let feed = made.json()["id"].as_str().expect("id").to_owned();
    let other = app.login("admin@acsrv.test").await;
    let acsrv = app.org("ACSRV");
    assert_eq!(
        app.call(
            "POST",
            &format!("/api/v1/orgs/{acsrv}/calendar-feeds/{feed}/revoke"),
            Some(&other),
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/calendar-feeds/{feed}/revoke"),
            Some(&staff),
            None
        )
        .await
        .status,
        204
    );
    assert_eq!(
        app.call("GET", path, None, None).await.status,
        404,
        "revoked"
    );
    assert_eq!(
        app.call("GET", "/api/v1/calendar/not-a-feed.ics", None, None)
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn skills_checks_give_progress_per_participant_and_volunteers_see_the_schedule_only() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let cycle = new_cycle(&app, &staff, amqr, "Cycle positionnement", 8, "2026-12-07").await;
    let id = cycle["id"].as_str().expect("id").to_owned();
    let (h, m) = household(&app, &staff, amqr, "Progres", "phone", "06 46 00 00 01").await;
    let e = enrol(
        &app,
        &staff,
        amqr,
        &id,
        json!({"household_id": h, "member_id": m}),
    )
    .await
    .json()["enrolment_id"]
        .as_str()
        .expect("e")
        .to_owned();
    let put = |moment: &'static str, levels: Value| {
        let (app, staff, id, e) = (&app, &staff, id.clone(), e.clone());
        async move {
            app.call(
                "PUT",
                &format!("/api/v1/orgs/{amqr}/cycles/{id}/enrolments/{e}/skills/{moment}"),
                Some(staff),
                Some(json!({"levels": levels})),
            )
            .await
        }
    };
    assert_eq!(put("start", json!([{"competence": "keyboard_and_mouse", "level": "accompanied"}, {"competence": "send_email", "level": "accompanied"}, {"competence": "grades", "level": "partly_autonomous"}])).await.status, 200);
    let end = put("end", json!([{"competence": "keyboard_and_mouse", "level": "autonomous"}, {"competence": "send_email", "level": "accompanied"}])).await;
    assert_eq!(end.status, 200, "{}", String::from_utf8_lossy(&end.body));
    let skills = end.json();
    let progress = &skills["participants"][0]["progress"];
    assert_eq!(
        progress,
        &json!([
            {"area": "equipment", "assessed": 1, "improved": 1},
            {"area": "internet_and_email", "assessed": 1, "improved": 0}
        ]),
        "grades was assessed once only: no progress read from it"
    );
    assert_eq!(skills["progress"], *progress);
    let twice = put("end", json!([{"competence": "grades", "level": "autonomous"}, {"competence": "grades", "level": "accompanied"}])).await;
    assert_eq!(twice.status, 422);

    let volunteer = app.login("benevole@amqr.test").await;
    let schedule = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles/{id}"), &volunteer)
        .await;
    assert_eq!(schedule.status, 200);
    assert!(schedule.json()["participants"].is_null() && schedule.json()["waiting_list"].is_null());
    assert!(
        !String::from_utf8_lossy(&schedule.body).contains("Progres"),
        "no family names for volunteers"
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/orgs/{amqr}/cycles/{id}/skills"),
            &volunteer
        )
        .await
        .status,
        403
    );
}

#[actix_web::test]
async fn the_demo_has_a_finished_a_running_and_a_planned_cycle_and_referrals_that_agree() {
    let app = TestApp::start().await;
    let (amqr, acsrv, landlord, ccas) = (
        app.org("AMQR"),
        app.org("ACSRV"),
        app.org("Bailleur"),
        app.org("CCAS"),
    );
    let staff = app.login("animatrice@amqr.test").await;
    let cycles = app
        .get(&format!("/api/v1/orgs/{amqr}/cycles"), &staff)
        .await
        .json();
    let states: Vec<&str> = cycles["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["state"].as_str())
        .collect();
    assert!(
        states.contains(&"finished") && states.contains(&"running"),
        "{states:?}"
    );
    let other = app.login("animateur@acsrv.test").await;
    let theirs = app
        .get(&format!("/api/v1/orgs/{acsrv}/cycles"), &other)
        .await
        .json();
    assert_eq!(theirs["items"][0]["state"], "planned");

    let finished = cycles["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["state"] == "finished")
        .expect("finished");
    let skills = app
        .get(
            &format!(
                "/api/v1/orgs/{amqr}/cycles/{}/skills",
                finished["id"].as_str().expect("id")
            ),
            &staff,
        )
        .await
        .json();
    assert!(
        skills["participants"]
            .as_array()
            .expect("p")
            .iter()
            .filter(|p| !p["end"].as_array().expect("end").is_empty())
            .count()
            >= 3
    );

    let by_name = |org: uuid::Uuid, token: String, q: &'static str| {
        let app = &app;
        async move {
            let list = app
                .get(&format!("/api/v1/orgs/{org}/referrals?q={q}"), &token)
                .await
                .json();
            let id = list["items"][0]["id"]
                .as_str()
                .expect("referral")
                .to_owned();
            app.get(&format!("/api/v1/orgs/{org}/referrals/{id}"), &token)
                .await
                .json()
        }
    };
    let lucie = by_name(landlord, app.login("agent@bailleur.test").await, "vandamme").await;
    assert_eq!(lucie["status"], "completed");
    assert_eq!(lucie["milestones"]["sessions_attended"], 8);
    let fatima = by_name(ccas, app.login("agent@ccas.test").await, "benali").await;
    assert_eq!(fatima["status"], "enrolled");
    assert_eq!(
        (
            fatima["milestones"]["sessions_attended"].clone(),
            fatima["milestones"]["sessions_planned"].clone()
        ),
        (json!(3), json!(8))
    );
    let mehdi = by_name(amqr, staff.clone(), "saidi").await;
    assert_eq!(mehdi["status"], "dropped_out");
}
