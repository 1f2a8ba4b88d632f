//! Referrals: the closed loop from the referrer to the centre and back.

use serde_json::{json, Value};
use solidaires_tests::{Response, TestApp};
use uuid::Uuid;

use crate::cycles_support::{enrol, mark_all, new_cycle, set_state};

pub fn family(structure: Uuid, first: &str, phone: &str, share: bool) -> Value {
    json!({
        "structure_id": structure,
        "first_name": first,
        "last_name": "Testeur",
        "birth_year": 1984,
        "phone": phone,
        "preferred_contact": "phone",
        "commune": "Raismes",
        "members": [{"first_name": "Léa", "last_name": "Testeur", "birth_year": 2013, "role": "child", "school_level": "college"}],
        "needs": ["no_computer", "school_follow_up"],
        "reason": "Pas d'ordinateur, suivi Pronote.",
        "message": "Disponible le matin.",
        "consent": {"given_on": chrono::Utc::now().date_naive().to_string(), "text_version": solidaires::referrals::consent::CURRENT_VERSION},
        "share_progress": share
    })
}

pub async fn refer(
    app: &TestApp,
    token: &str,
    org: Uuid,
    body: Value,
    key: Option<&str>,
) -> Response {
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(key) = key {
        headers.push(("Idempotency-Key", key));
    }
    app.send(
        "POST",
        &format!("/api/v1/orgs/{org}/referrals"),
        Some(token),
        &headers,
        Some(body.to_string().into_bytes()),
    )
    .await
}

pub async fn act(
    app: &TestApp,
    token: &str,
    org: Uuid,
    referral: &str,
    action: &str,
    body: Value,
) -> Response {
    app.call(
        "POST",
        &format!("/api/v1/orgs/{org}/referrals/{referral}/{action}"),
        Some(token),
        Some(body),
    )
    .await
}

fn id_of(res: &Response) -> String {
    assert!(
        res.status == 201 || res.status == 200,
        "{}: {}",
        res.status,
        String::from_utf8_lossy(&res.body)
    );
    res.json()["id"].as_str().expect("id").to_owned()
}

#[actix_web::test]
async fn the_referrer_follows_the_family_it_sent_through_each_milestone() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;

    let before = by_status(&app, &staff, amqr).await;
    let sent = refer(
        &app,
        &agent,
        ccas,
        family(amqr, "Hélène", "06 01 02 03 04", true),
        Some("k-journey"),
    )
    .await;
    let id = id_of(&sent);
    assert_eq!(sent.json()["status"], "submitted");
    assert_eq!(sent.json()["structure"]["id"], amqr.to_string());

    let inbox = app
        .get(
            &format!("/api/v1/orgs/{amqr}/referrals?status=submitted"),
            &staff,
        )
        .await
        .json();
    assert!(
        inbox["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|r| r["id"] == id.as_str()),
        "in AMQR's inbox"
    );
    let counters = app
        .get(&format!("/api/v1/orgs/{amqr}/referrals/counters"), &staff)
        .await
        .json();
    assert!(counters["awaiting_answer"].as_i64().expect("count") >= 1);
    let after_sending = by_status(&app, &staff, amqr).await;
    assert_eq!(
        after_sending,
        (before.0 + 1, before.1),
        "one more awaiting an answer"
    );

    let referrer_path = format!("/api/v1/orgs/{ccas}/referrals/{id}");

    let accepted = act(
        &app,
        &staff,
        amqr,
        &id,
        "accept",
        json!({"message": "Nous appelons la famille cette semaine."}),
    )
    .await;
    assert_eq!(
        accepted.status,
        200,
        "{}",
        String::from_utf8_lossy(&accepted.body)
    );
    assert!(
        accepted.json()["household_id"].is_string(),
        "a household was created"
    );
    assert_eq!(
        by_status(&app, &staff, amqr).await,
        (before.0, before.1 + 1),
        "the counters follow the acceptance"
    );
    let seen = app.get(&referrer_path, &agent).await.json();
    assert_eq!(seen["status"], "accepted");
    assert_eq!(seen["milestones"]["enrolled"], false);
    assert!(
        seen.get("household_id").is_none_or(Value::is_null),
        "the referrer never sees the household"
    );

    // The family joins a cycle: the referral follows it.
    let cycle = new_cycle(&app, &staff, amqr, "Cycle du lundi", 8, "2026-12-07").await;
    let cycle = cycle["id"].as_str().expect("cycle").to_owned();
    let enrolled = enrol(&app, &staff, amqr, &cycle, json!({"referral_id": id})).await;
    assert_eq!(
        enrolled.status,
        201,
        "{}",
        String::from_utf8_lossy(&enrolled.body)
    );
    let seen = app.get(&referrer_path, &agent).await.json();
    assert_eq!(seen["status"], "enrolled");
    assert_eq!(seen["milestones"]["enrolled"], true);
    assert_eq!(seen["milestones"]["cycle_start_date"], "2026-12-07");
    assert_eq!(seen["milestones"]["sessions_planned"], 8);

    for session in 1..=5 {
        assert_eq!(
            mark_all(&app, &staff, amqr, &cycle, session, "present")
                .await
                .status,
            200
        );
    }
    assert_eq!(
        app.get(&referrer_path, &agent).await.json()["milestones"]["sessions_attended"],
        5
    );
    for session in 6..=8 {
        assert_eq!(
            mark_all(&app, &staff, amqr, &cycle, session, "present")
                .await
                .status,
            200
        );
    }
    assert_eq!(
        set_state(&app, &staff, amqr, &cycle, "finished")
            .await
            .status,
        200
    );
    let seen = app.get(&referrer_path, &agent).await.json();
    assert_eq!(seen["status"], "completed");
    assert_eq!(seen["milestones"]["completed"], true);
    assert_eq!(seen["milestones"]["sessions_attended"], 8);

    let history = seen["history"].as_array().expect("history");
    let states: Vec<&str> = history
        .iter()
        .map(|e| e["to_status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(states, ["submitted", "accepted", "enrolled", "completed"]);
    assert!(
        history.iter().all(|e| e["actor_name"].is_null()),
        "no staff names for the referrer: {history:?}"
    );
    assert_eq!(history[1]["actor_organisation"]["id"], amqr.to_string());
    assert_eq!(history[1]["actor_role"], "staff");
    assert_eq!(
        history[1]["message"],
        "Nous appelons la famille cette semaine."
    );
    let staff_view = app
        .get(&format!("/api/v1/orgs/{amqr}/referrals/{id}"), &staff)
        .await
        .json();
    assert_eq!(
        staff_view["history"][1]["actor_name"], "Camille Martin",
        "the structure sees who acted"
    );

    let notes = app
        .get(
            &format!("/api/v1/orgs/{ccas}/notifications?unread_only=true"),
            &agent,
        )
        .await
        .json();
    let mine: Vec<&Value> = notes["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["referral_id"] == id.as_str())
        .collect();
    assert!(mine.len() >= 3, "a notification per state change: {notes}");
    let unread = notes["unread_count"].as_i64().expect("count");
    let first = mine[0]["id"].as_str().expect("id");
    assert_eq!(
        app.call(
            "POST",
            &format!("/api/v1/orgs/{ccas}/notifications/{first}/read"),
            Some(&agent),
            None
        )
        .await
        .status,
        204
    );
    let after = app
        .get(&format!("/api/v1/orgs/{ccas}/notifications"), &agent)
        .await
        .json();
    assert_eq!(after["unread_count"].as_i64(), Some(unread - 1));
    assert_eq!(
        app.call(
            "POST",
            &format!("/api/v1/orgs/{ccas}/notifications/read-all"),
            Some(&agent),
            None
        )
        .await
        .status,
        204
    );
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{ccas}/notifications"), &agent)
            .await
            .json()["unread_count"],
        0
    );
}

/// Without the family's agreement to share its progress, the referrer learns the answer
/// (accepted) and nothing after it: no later state, history entry, notification or email.
#[actix_web::test]
async fn without_consent_to_share_the_referrer_learns_the_answer_and_nothing_after() {
    let app = TestApp::start().await;
    let (amqr, landlord) = (app.org("AMQR"), app.org("Bailleur"));
    let agent = app.login("agent@bailleur.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let id = id_of(
        &refer(
            &app,
            &agent,
            landlord,
            family(amqr, "Sans-Partage", "06 09 08 07 06", false),
            None,
        )
        .await,
    );
    let notifications = format!("/api/v1/orgs/{landlord}/notifications");
    let unread = |res: Response| res.json()["unread_count"].as_i64().unwrap_or(-1);
    let before = unread(app.get(&notifications, &agent).await);
    let emails_before = outbox_count(&app);
    let accepted = act(
        &app,
        &staff,
        amqr,
        &id,
        "accept",
        json!({"message": "Bienvenue"}),
    )
    .await;
    assert_eq!(accepted.status, 200);
    assert_eq!(
        unread(app.get(&notifications, &agent).await),
        before + 1,
        "the answer is told"
    );
    assert_eq!(outbox_count(&app), emails_before + 1);
    let cycle = new_cycle(&app, &staff, amqr, "Cycle discret", 8, "2026-12-07").await;
    let cycle = cycle["id"].as_str().expect("cycle").to_owned();
    assert_eq!(
        enrol(&app, &staff, amqr, &cycle, json!({"referral_id": id}))
            .await
            .status,
        201
    );
    for session in 1..=6 {
        assert_eq!(
            mark_all(&app, &staff, amqr, &cycle, session, "present")
                .await
                .status,
            200
        );
    }
    assert_eq!(
        set_state(&app, &staff, amqr, &cycle, "finished")
            .await
            .status,
        200
    );
    assert_eq!(
        unread(app.get(&notifications, &agent).await),
        before + 1,
        "no notification after the answer"
    );
    assert_eq!(
        outbox_count(&app),
        emails_before + 1,
        "no email after the answer"
    );

    let seen = app
        .get(&format!("/api/v1/orgs/{landlord}/referrals/{id}"), &agent)
        .await
        .json();
    assert_eq!(seen["status"], "accepted");
    assert!(seen["milestones"].is_null(), "{}", seen["milestones"]);
    assert_eq!(seen["share_progress"], false);
    let history: Vec<&str> = seen["history"]
        .as_array()
        .map(|h| h.iter().filter_map(|e| e["to_status"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(history, vec!["submitted", "accepted"]);
    let text = seen.to_string();
    assert!(text.contains("Bienvenue"), "the answer's message is shown");
    assert!(!text.contains("sessions_attended"), "{text}");

    // The list and its filters follow what the referrer sees.
    let listed = |status: &'static str| {
        let (app, agent) = (&app, &agent);
        let path = format!("/api/v1/orgs/{landlord}/referrals?status={status}&q=testeur");
        async move {
            app.get(&path, agent).await.json()["items"]
                .as_array()
                .map_or(0, Vec::len)
        }
    };
    assert_eq!(listed("accepted").await, 1);
    assert_eq!(listed("completed").await, 0);
    // The structure still sees everything.
    let theirs = app
        .get(&format!("/api/v1/orgs/{amqr}/referrals/{id}"), &staff)
        .await
        .json();
    assert_eq!(theirs["status"], "completed");
}

fn outbox_count(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    diesel::sql_query("SELECT count(*) AS n FROM outbox_emails")
        .get_result::<Count>(&mut app.conn())
        .map(|c| c.n)
        .unwrap_or(-1)
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[actix_web::test]
async fn each_side_sees_only_its_own_referrals() {
    let app = TestApp::start().await;
    let (amqr, acsrv, ccas, landlord) = (
        app.org("AMQR"),
        app.org("ACSRV"),
        app.org("CCAS"),
        app.org("Bailleur"),
    );
    let ccas_agent = app.login("agent@ccas.test").await;
    let landlord_agent = app.login("agent@bailleur.test").await;
    let id = id_of(
        &refer(
            &app,
            &ccas_agent,
            ccas,
            family(amqr, "Confidentielle", "06 13 14 15 16", true),
            None,
        )
        .await,
    );

    let landlord_list = app
        .get(
            &format!("/api/v1/orgs/{landlord}/referrals?limit=100"),
            &landlord_agent,
        )
        .await
        .json();
    let items = landlord_list["items"].as_array().expect("items");
    assert!(!items.is_empty(), "the landlord sees its own");
    assert!(
        items
            .iter()
            .all(|r| r["referrer"]["id"] == landlord.to_string()),
        "only its own"
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/orgs/{landlord}/referrals/{id}"),
            &landlord_agent
        )
        .await
        .status,
        404
    );

    let acsrv_staff = app.login("animateur@acsrv.test").await;
    assert_eq!(
        app.get(
            &format!("/api/v1/orgs/{acsrv}/referrals/{id}"),
            &acsrv_staff
        )
        .await
        .status,
        404
    );
    let acsrv_inbox = app
        .get(
            &format!("/api/v1/orgs/{acsrv}/referrals?limit=100"),
            &acsrv_staff,
        )
        .await
        .json();
    assert!(acsrv_inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|r| r["structure"]["id"] == acsrv.to_string()));
    assert_eq!(
        act(&app, &acsrv_staff, acsrv, &id, "accept", json!({}))
            .await
            .status,
        404,
        "ACSRV cannot act on AMQR's referral"
    );

    // A referrer reads no household, not even through its referrals' structure.
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{ccas}/households"), &ccas_agent)
            .await
            .status,
        403
    );
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/households"), &ccas_agent)
            .await
            .status,
        404
    );

    // No partnership between the CCAS and ACSRV: the structure is not even confirmed.
    let res = refer(
        &app,
        &ccas_agent,
        ccas,
        family(acsrv, "Sans-Partenariat", "06 17 18 19 20", true),
        None,
    )
    .await;
    assert_eq!(res.status, 404);
    let unknown = refer(
        &app,
        &ccas_agent,
        ccas,
        family(Uuid::now_v7(), "Inconnue", "06 17 18 19 20", true),
        None,
    )
    .await;
    assert_eq!(
        res.body, unknown.body,
        "same answer as a structure that does not exist"
    );
}

#[actix_web::test]
async fn a_structure_registers_a_family_that_came_by_itself() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let mut body = family(amqr, "Spontanée", "06 22 23 24 25", false);
    let obj = body.as_object_mut().expect("object");
    obj.remove("structure_id");
    obj.remove("consent");
    obj.remove("share_progress");
    let res = refer(&app, &staff, amqr, body, None).await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(res.json()["source"], "structure");
    assert!(res.json()["referrer"].is_null());
}

#[actix_web::test]
async fn every_invalid_transition_is_a_409_listing_the_allowed_ones() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let actions = [
        ("accept", "accepted", json!({})),
        ("decline", "declined", json!({"reason": "no_capacity"})),
        ("waitlist", "waitlisted", json!({})),
        ("drop-out", "dropped_out", json!({})),
    ];
    // (path to reach the state, the states reachable from it; "enrolled" is reached by
    // joining a cycle, see cycles.rs)
    let states: [(&[&str], &[&str]); 5] = [
        (&[], &["accepted", "declined", "waitlisted"]),
        (&["waitlist"], &["accepted", "declined"]),
        (&["accept"], &["enrolled", "dropped_out"]),
        (&["decline"], &[]),
        (&["accept", "drop-out"], &[]),
    ];
    let mut refused = 0;
    for (n, (path, allowed)) in states.iter().enumerate() {
        for (action, _, _) in &actions {
            let target = actions
                .iter()
                .find(|(a, _, _)| a == action)
                .map(|(_, s, _)| *s)
                .unwrap_or_default();
            if allowed.contains(&target) {
                continue;
            }
            let id = id_of(
                &refer(
                    &app,
                    &agent,
                    ccas,
                    family(amqr, &format!("Etat{n}"), "06 30 31 32 33", true),
                    None,
                )
                .await,
            );
            for step in *path {
                let body = actions
                    .iter()
                    .find(|(a, _, _)| a == step)
                    .map(|(_, _, b)| b.clone())
                    .unwrap_or_default();
                assert_eq!(
                    act(&app, &staff, amqr, &id, step, body).await.status,
                    200,
                    "{step} on the way"
                );
            }
            let body = actions
                .iter()
                .find(|(a, _, _)| a == action)
                .map(|(_, _, b)| b.clone())
                .unwrap_or_default();
            let res = act(&app, &staff, amqr, &id, action, body).await;
            assert_eq!(res.status, 409, "{action} after {path:?}");
            assert_eq!(res.code(), "invalid_transition");
            let mut listed: Vec<String> = res.json()["allowed"]
                .as_array()
                .expect("allowed")
                .iter()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect();
            listed.sort();
            let mut expected: Vec<String> = allowed.iter().map(|s| (*s).to_owned()).collect();
            expected.sort();
            assert_eq!(listed, expected, "allowed after {path:?}");
            refused += 1;
        }
    }
    assert!(refused >= 14, "{refused} invalid transitions checked");
}

#[actix_web::test]
async fn idempotent_creation_replays_refuses_another_body_and_survives_a_burst() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let body = family(amqr, "Idempotente", "06 40 41 42 43", true);
    let first = refer(&app, &agent, ccas, body.clone(), Some("same-key")).await;
    let again = refer(&app, &agent, ccas, body.clone(), Some("same-key")).await;
    assert_eq!(again.status, 201);
    assert_eq!(
        again.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(id_of(&first), id_of(&again), "the same referral");
    let mut other = body.clone();
    other["first_name"] = json!("Autre");
    let mismatch = refer(&app, &agent, ccas, other, Some("same-key")).await;
    assert_eq!(mismatch.status, 422);
    assert_eq!(mismatch.code(), "idempotency_mismatch");

    let burst = family(amqr, "Rafale", "06 50 51 52 53", true);
    let requests = (0..20).map(|_| refer(&app, &agent, ccas, burst.clone(), Some("burst-key")));
    let answers = futures_util::future::join_all(requests).await;
    let ids: std::collections::BTreeSet<String> = answers
        .iter()
        .filter(|r| r.status == 201)
        .map(id_of)
        .collect();
    assert_eq!(ids.len(), 1, "every answer names the same referral");
    assert!(
        answers.iter().all(|r| r.status == 201 || r.status == 409),
        "201 or in-flight 409 only"
    );
    use diesel::prelude::*;
    use solidaires::schema::referrals as r;
    let created: i64 = r::table
        .filter(r::first_name.eq("Rafale"))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(created, 1, "twenty identical POSTs created one referral");
}

#[actix_web::test]
async fn every_field_is_validated_by_name() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let cases: Vec<(&str, Box<dyn Fn(&mut Value)>)> = vec![
        ("phone", Box::new(|b| b["phone"] = json!("12 34"))),
        ("email", Box::new(|b| b["email"] = json!("pas-un-email"))),
        (
            "needs[0]",
            Box::new(|b| b["needs"] = json!(["a_spaceship"])),
        ),
        ("needs", Box::new(|b| b["needs"] = json!([]))),
        ("needs_other", Box::new(|b| b["needs"] = json!(["other"]))),
        (
            "message",
            Box::new(|b| b["message"] = json!("x".repeat(2001))),
        ),
        (
            "reason",
            Box::new(|b| b["reason"] = json!("x".repeat(1001))),
        ),
        ("first_name", Box::new(|b| b["first_name"] = json!(" "))),
        (
            "last_name",
            Box::new(|b| b["last_name"] = json!("x".repeat(101))),
        ),
        ("birth_year", Box::new(|b| b["birth_year"] = json!(1850))),
        (
            "consent",
            Box::new(|b| {
                b.as_object_mut().map(|o| o.remove("consent"));
            }),
        ),
        (
            "consent.given_on",
            Box::new(|b| b["consent"]["given_on"] = json!("2099-01-01")),
        ),
        (
            "consent.text_version",
            Box::new(|b| b["consent"]["text_version"] = json!("1999-01")),
        ),
        (
            "share_progress",
            Box::new(|b| {
                b.as_object_mut().map(|o| o.remove("share_progress"));
            }),
        ),
        (
            "structure_id",
            Box::new(|b| {
                b.as_object_mut().map(|o| o.remove("structure_id"));
            }),
        ),
        ("postcode", Box::new(|b| b["postcode"] = json!("ABCDE"))),
        (
            "phone",
            Box::new(|b| {
                b.as_object_mut().map(|o| o.remove("phone"));
            }),
        ),
        (
            "address",
            Box::new(|b| b["preferred_contact"] = json!("letter")),
        ),
        (
            "preferred_contact",
            Box::new(|b| b["preferred_contact"] = json!("pigeon")),
        ),
        (
            "members[0].school_level",
            Box::new(|b| b["members"][0]["role"] = json!("adult")),
        ),
        (
            "members[0].role",
            Box::new(|b| b["members"][0]["role"] = json!("reference")),
        ),
        (
            "languages",
            Box::new(|b| b["languages"] = json!(["x".repeat(41)])),
        ),
        ("colour", Box::new(|b| b["colour"] = json!("blue"))),
    ];
    for (field, change) in cases {
        let mut body = family(amqr, "Valide", "06 60 61 62 63", true);
        change(&mut body);
        let res = refer(&app, &agent, ccas, body, None).await;
        assert_eq!(
            res.status,
            422,
            "{field}: {}",
            String::from_utf8_lossy(&res.body)
        );
        assert!(
            res.json()["errors"][field].is_array(),
            "{field} named in {}",
            res.json()
        );
    }
    use diesel::prelude::*;
    use solidaires::schema::referrals as r;
    let created: i64 = r::table
        .filter(r::first_name.eq("Valide"))
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(created, 0, "nothing was created by invalid requests");
}

#[actix_web::test]
async fn a_family_already_known_is_suggested_whatever_the_phone_spelling() {
    let app = TestApp::start().await;
    let (amqr, ccas, landlord) = (app.org("AMQR"), app.org("CCAS"), app.org("Bailleur"));
    let ccas_agent = app.login("agent@ccas.test").await;
    let landlord_agent = app.login("agent@bailleur.test").await;
    let staff = app.login("animatrice@amqr.test").await;

    let first = id_of(
        &refer(
            &app,
            &ccas_agent,
            ccas,
            family(amqr, "Doublon", "06 77 88 99 00", true),
            None,
        )
        .await,
    );
    let accepted = act(&app, &staff, amqr, &first, "accept", json!({}))
        .await
        .json();
    let household = accepted["household_id"]
        .as_str()
        .expect("household")
        .to_owned();

    let mut second_body = family(amqr, "DOUBLON", "+33677889900", true);
    second_body["members"] = json!([]);
    let second = id_of(&refer(&app, &landlord_agent, landlord, second_body, None).await);
    let detail = app
        .get(&format!("/api/v1/orgs/{amqr}/referrals/{second}"), &staff)
        .await
        .json();
    let suggestions = detail["possible_duplicate_households"]
        .as_array()
        .expect("suggestions");
    let found = suggestions
        .iter()
        .find(|s| s["household_id"] == household.as_str())
        .expect("the household is suggested");
    let why: Vec<&str> = found["matched_on"]
        .as_array()
        .expect("why")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        why.contains(&"phone") && why.contains(&"name_and_birth_year"),
        "{why:?}"
    );
    assert!(detail["possible_duplicate_referrals"]
        .as_array()
        .expect("referrals")
        .iter()
        .any(|r| r["referral_id"] == first.as_str()));

    let linked = act(
        &app,
        &staff,
        amqr,
        &second,
        "accept",
        json!({"household_id": household}),
    )
    .await;
    assert_eq!(linked.status, 200);
    assert_eq!(
        linked.json()["household_id"],
        household.as_str(),
        "linked to the existing household"
    );
    let page = app
        .get(
            &format!("/api/v1/orgs/{amqr}/households/{household}"),
            &staff,
        )
        .await
        .json();
    assert_eq!(
        page["referrals"].as_array().expect("referrals").len(),
        2,
        "both referrals on the household's page"
    );

    let foreign = act(
        &app,
        &staff,
        amqr,
        &id_of(
            &refer(
                &app,
                &ccas_agent,
                ccas,
                family(amqr, "Autre", "06 11 11 11 11", true),
                None,
            )
            .await,
        ),
        "accept",
        json!({"household_id": Uuid::now_v7()}),
    )
    .await;
    assert_eq!(
        foreign.status, 422,
        "an unknown household is refused by name"
    );
    assert!(foreign.json()["errors"]["household_id"].is_array());
}

#[actix_web::test]
async fn a_decline_needs_a_reason_from_the_list() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let id = id_of(
        &refer(
            &app,
            &agent,
            ccas,
            family(amqr, "Refusee", "06 90 91 92 93", true),
            None,
        )
        .await,
    );
    let res = act(
        &app,
        &staff,
        amqr,
        &id,
        "decline",
        json!({"reason": "because"}),
    )
    .await;
    assert_eq!(res.status, 422);
    let res = act(
        &app,
        &staff,
        amqr,
        &id,
        "decline",
        json!({"reason": "other"}),
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.json()["errors"]["details"].is_array());
    let res = act(
        &app,
        &staff,
        amqr,
        &id,
        "decline",
        json!({"reason": "outside_area", "message": "Hors secteur : voir le centre de Bruay."}),
    )
    .await;
    assert_eq!(res.status, 200);
    let seen = app
        .get(&format!("/api/v1/orgs/{ccas}/referrals/{id}"), &agent)
        .await
        .json();
    assert_eq!(seen["status"], "declined");
    assert_eq!(seen["decline_reason"], "outside_area");
    assert_eq!(seen["history"][1]["reason"], "outside_area");
}

/// (submitted, accepted) as the structure's counters say.
async fn by_status(app: &TestApp, token: &str, org: Uuid) -> (i64, i64) {
    let counters = app
        .get(&format!("/api/v1/orgs/{org}/referrals/counters"), token)
        .await
        .json();
    (
        counters["by_status"]["submitted"]
            .as_i64()
            .expect("submitted"),
        counters["by_status"]["accepted"]
            .as_i64()
            .expect("accepted"),
    )
}
