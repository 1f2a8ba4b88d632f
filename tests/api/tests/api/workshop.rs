//! The workshop: a device's life through the API with every refused step, the four-eyes
//! check, the volunteers' limits, reservation and handover under concurrency, eligibility,
//! and the referrer's "computer handed over" milestone.

use futures_util::future::join_all;
use serde_json::{json, Value};
use solidaires_tests::TestApp;

use crate::cycles_support::{enrol, household, new_cycle};
use crate::referrals::{act, family, refer};
use crate::workshop_support::{
    check_all, days_ago, device_path, diagnose, donation, erase, install, laptop, post,
    ready_laptop, reserve,
};

fn allowed(res: &solidaires_tests::Response) -> Vec<String> {
    res.json()["allowed"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn a_volunteer_takes_a_laptop_to_ready_through_every_step_and_no_step_is_skipped() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let volunteer = app.login("benevole@amqr.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let lot = donation(&app, &volunteer, amqr, "Club de foot de Raismes").await;
    let first = laptop(&app, &volunteer, amqr, &lot, "PF-0001").await;
    let second = laptop(&app, &volunteer, amqr, &lot, "PF-0002").await;
    let tag = |d: &Value| d["asset_tag"].as_str().expect("tag").to_owned();
    assert!(tag(&first).starts_with("AMQR-"), "{}", tag(&first));
    let number = |t: String| {
        t.trim_start_matches("AMQR-")
            .parse::<u32>()
            .expect("number")
    };
    assert_eq!(
        number(tag(&second)),
        number(tag(&first)) + 1,
        "tags follow each other"
    );
    assert_eq!(first["state"], "received");
    let path = device_path(amqr, &first);

    // Nothing can be skipped: erased before the diagnosis is refused with what is possible.
    let skipped = post(&app, &volunteer, &format!("{path}/erased"), json!({})).await;
    assert_eq!(skipped.status, 409);
    assert_eq!(skipped.code(), "invalid_transition");
    assert_eq!(allowed(&skipped), ["diagnosed", "scrapped"]);
    let early_os = install(&app, &volunteer, amqr, &first).await;
    assert_eq!(early_os.status, 409);

    let stale = crate::cycles_support::versioned(
        &app,
        "PUT",
        &format!("{path}/diagnosis"),
        &volunteer,
        Some("\"99\""),
        json!({"disks": [], "tests_passed": [], "tests_failed": []}),
    )
    .await;
    assert_eq!(stale.status, 412, "a diagnosis edits the version read");
    let contradictory = crate::cycles_support::versioned(
        &app,
        "PUT",
        &format!("{path}/diagnosis"),
        &volunteer,
        Some("\"1\""),
        json!({"disks": [], "tests_passed": ["wifi"], "tests_failed": ["wifi"], "ram_gb": 0}),
    )
    .await;
    assert_eq!(contradictory.status, 422);
    let fields = contradictory.json()["errors"].clone();
    assert!(
        fields.get("tests_failed[0]").is_some() && fields.get("ram_gb").is_some(),
        "{fields}"
    );

    let diagnosed = diagnose(
        &app,
        &volunteer,
        amqr,
        &first,
        &[
            ("ssd", 256, "S3Z9NB0K123456"),
            ("hdd", 500, "WD-WX11A1234567"),
        ],
    )
    .await;
    assert_eq!(
        diagnosed.status,
        200,
        "{}",
        String::from_utf8_lossy(&diagnosed.body)
    );
    let device = diagnosed.json();
    assert_eq!(device["state"], "diagnosed");
    assert_eq!(device["diagnosis"]["tests_failed"], json!(["webcam"]));
    let disks: Vec<String> = device["disks"]
        .as_array()
        .expect("disks")
        .iter()
        .map(|d| d["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(disks.len(), 2);

    // One disk erased, the other failed: not erased, and the answer names the disk.
    assert_eq!(
        erase(&app, &volunteer, amqr, &first, &disks[0], true)
            .await
            .status,
        200
    );
    assert_eq!(
        erase(&app, &volunteer, amqr, &first, &disks[1], false)
            .await
            .status,
        200
    );
    let refused = post(&app, &volunteer, &format!("{path}/erased"), json!({})).await;
    assert_eq!(
        refused.status,
        422,
        "{}",
        String::from_utf8_lossy(&refused.body)
    );
    let errors = refused.json()["errors"].clone();
    assert!(
        errors.get("disks[1]").is_some() && errors.get("disks[0]").is_none(),
        "{errors}"
    );
    let foreign_disk = erase(&app, &volunteer, amqr, &second, &disks[0], true).await;
    assert_eq!(
        foreign_disk.status, 409,
        "the other laptop is not diagnosed"
    );
    assert_eq!(
        erase(&app, &volunteer, amqr, &first, &disks[1], true)
            .await
            .status,
        200
    );
    let erased = post(&app, &volunteer, &format!("{path}/erased"), json!({})).await;
    assert_eq!(erased.status, 200);
    let erased = erased.json();
    assert_eq!(erased["state"], "erased");
    let code = erased["certificate"]["code"]
        .as_str()
        .expect("a certificate code");
    assert_eq!(code.len(), 14);
    assert!(erased["disks"]
        .as_array()
        .expect("disks")
        .iter()
        .all(|d| d["erased"] == true));
    let late_diagnosis = diagnose(&app, &volunteer, amqr, &erased, &[]).await;
    assert_eq!(
        late_diagnosis.status, 409,
        "the diagnosis is closed once erased"
    );

    assert_eq!(install(&app, &volunteer, amqr, &first).await.status, 200);
    // Four eyes: the volunteer who installed cannot sign the check.
    let own = check_all(&app, &volunteer, amqr, &first).await;
    assert_eq!(own.status, 422);
    assert!(own.json()["errors"].get("checker_id").is_some());
    let half = post(
        &app,
        &staff,
        &format!("{path}/quality-check"),
        json!({"items_passed": ["boots"], "items_failed": []}),
    )
    .await;
    assert_eq!(half.status, 422, "every item is answered");
    let failed = post(
        &app,
        &staff,
        &format!("{path}/quality-check"),
        json!({"items_passed": ["boots", "network", "audio_video", "software", "no_previous_data", "presentation"], "items_failed": ["updates"]}),
    )
    .await;
    assert_eq!(failed.status, 200);
    assert_eq!(
        failed.json()["state"],
        "os_installed",
        "a failed check keeps it back"
    );
    let ready = check_all(&app, &staff, amqr, &first).await;
    assert_eq!(ready.status, 200);
    let ready = ready.json();
    assert_eq!(ready["state"], "ready");
    assert_eq!(ready["quality_checks"].as_array().expect("checks").len(), 2);
    let moves: Vec<&str> = ready["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| e["to_state"].as_str().expect("state"))
        .collect();
    assert_eq!(
        moves,
        ["received", "diagnosed", "erased", "os_installed", "ready"]
    );
    assert_eq!(
        ready["history"][4]["actor"]["name"], "Camille Martin",
        "{}",
        ready["history"][4]
    );
    assert!(
        ready["allocation"].is_object(),
        "staff see the allocation part"
    );
    let theirs = app.get(&path, &volunteer).await.json();
    assert!(
        theirs.get("allocation").is_none_or(Value::is_null),
        "a volunteer sees no household"
    );

    // Volunteers do not allocate: no reservation, no handover, no household's devices.
    let (household, _) = household(&app, &staff, amqr, "Atelier", "phone", "06 12 00 00 41").await;
    let volunteer_reserves = reserve(&app, &volunteer, &path, &household).await;
    assert_eq!(volunteer_reserves.status, 403);
    let theirs = app
        .get(
            &format!("/api/v1/orgs/{amqr}/households/{household}/devices"),
            &volunteer,
        )
        .await;
    assert_eq!(theirs.status, 403);

    // Scrapping: from any state before the handover; a recycled one names its channel.
    let nameless = post(
        &app,
        &volunteer,
        &format!("{}/scrap", device_path(amqr, &second)),
        json!({"outcome": "recycled"}),
    )
    .await;
    assert_eq!(nameless.status, 422);
    let scrapped = post(
        &app,
        &volunteer,
        &format!("{}/scrap", device_path(amqr, &second)),
        json!({"outcome": "recycled", "channel": "Envie Hauts-de-France"}),
    )
    .await;
    assert_eq!(scrapped.status, 200);
    assert_eq!(scrapped.json()["state"], "scrapped");
    let again = post(
        &app,
        &volunteer,
        &format!("{}/scrap", device_path(amqr, &second)),
        json!({"outcome": "kept_for_parts"}),
    )
    .await;
    assert_eq!(again.status, 409);
    assert!(allowed(&again).is_empty(), "nothing follows scrapped");

    // The board counts them and lists the ones waiting longest.
    let board = app
        .get(&format!("/api/v1/orgs/{amqr}/workshop/board"), &volunteer)
        .await
        .json();
    let column = |state: &str| {
        board["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .find(|c| c["state"] == state)
            .cloned()
            .expect("column")
    };
    assert!(column("ready")["count"].as_i64().expect("count") >= 1);
    assert!(
        column("ready")["longest_waiting"]
            .as_array()
            .expect("list")
            .len()
            <= 5
    );
    let list = app
        .get(
            &format!("/api/v1/orgs/{amqr}/devices?state=scrapped&donation_id={lot}"),
            &volunteer,
        )
        .await
        .json();
    assert_eq!(list["items"].as_array().expect("items").len(), 1);
    assert_eq!(list["items"][0]["id"], second["id"]);

    // Another structure's staff cannot see or move the device.
    let outsider = app.login("animateur@acsrv.test").await;
    let acsrv = app.org("ACSRV");
    let id = first["id"].as_str().expect("id");
    for (method, suffix, body) in [
        ("GET", "", None),
        ("POST", "/scrap", Some(json!({"outcome": "kept_for_parts"}))),
        (
            "POST",
            "/reservation",
            Some(json!({"household_id": household})),
        ),
        ("POST", "/erased", Some(json!({}))),
    ] {
        let res = app
            .call(
                method,
                &format!("/api/v1/orgs/{acsrv}/devices/{id}{suffix}"),
                Some(&outsider),
                body,
            )
            .await;
        assert_eq!(res.status, 404, "{method} {suffix}");
    }
    assert_eq!(
        app.get(&path, &staff).await.json()["state"],
        "ready",
        "untouched"
    );
}

/// A household enrolled in a cycle (eligible under the default policy).
async fn eligible_household(app: &TestApp, staff: &str, org: uuid::Uuid, name: &str) -> String {
    let (household, member) = household(app, staff, org, name, "phone", "06 12 00 00 42").await;
    let cycle = new_cycle(app, staff, org, &format!("Cycle {name}"), 8, "2026-12-07").await;
    let cid = cycle["id"].as_str().expect("id");
    let res = enrol(
        app,
        staff,
        org,
        cid,
        json!({"household_id": household, "member_id": member}),
    )
    .await;
    assert_eq!(res.status, 201);
    household
}

fn handover_body(household: &str) -> Value {
    json!({
        "household_id": household,
        "handed_on": days_ago(1).0,
        "accessories": ["charger", "mouse"],
        "condition": "Très bon état",
        "agreement_version": "2026-1",
        "recipient_name": "Amina Remise",
    })
}

#[actix_web::test]
async fn fifty_concurrent_handovers_of_one_device_make_exactly_one_and_a_replay_answers_it() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let device = ready_laptop(&app, amqr, "CONC-1").await;
    let path = device_path(amqr, &device);
    let household = eligible_household(&app, &staff, amqr, "Concurrence").await;
    let other = eligible_household(&app, &staff, amqr, "Autrefoyer").await;
    let reserved = reserve(&app, &staff, &path, &household).await;
    assert_eq!(
        reserved.status,
        200,
        "{}",
        String::from_utf8_lossy(&reserved.body)
    );
    assert_eq!(
        reserved.json()["allocation"]["reserved_for"]["id"],
        household.as_str()
    );
    let twice = reserve(&app, &staff, &path, &other).await;
    assert_eq!(twice.status, 409, "one reservation per device");
    let wrong = post(
        &app,
        &staff,
        &format!("{path}/handover"),
        handover_body(&other),
    )
    .await;
    assert_eq!(wrong.status, 409, "reserved for another household");

    let keys: Vec<String> = (0..50).map(|i| format!("handover-{i}")).collect();
    let body = handover_body(&household).to_string().into_bytes();
    let target = format!("{path}/handover");
    let answers = join_all(keys.iter().map(|key| {
        let (app, target, staff, body) = (&app, &target, &staff, body.clone());
        async move {
            app.send(
                "POST",
                target,
                Some(staff),
                &[
                    ("Content-Type", "application/json"),
                    ("Idempotency-Key", key),
                ],
                Some(body),
            )
            .await
        }
    }))
    .await;
    let won: Vec<usize> = answers
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == 201)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        won.len(),
        1,
        "{:?}",
        answers.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(answers.iter().all(|r| r.status == 201 || r.status == 409));
    let winner = &answers[won[0]];
    let replay = app
        .send(
            "POST",
            &format!("{path}/handover"),
            Some(&staff),
            &[
                ("Content-Type", "application/json"),
                ("Idempotency-Key", &keys[won[0]]),
            ],
            Some(body.clone()),
        )
        .await;
    assert_eq!(replay.status, 201);
    assert_eq!(
        replay.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(replay.json(), winner.json(), "the same handover");
    let handover = winner.json();
    assert_eq!(handover["household"]["id"], household.as_str());
    assert_eq!(handover["accessories"], json!(["charger", "mouse"]));

    let detail = app.get(&path, &staff).await.json();
    assert_eq!(detail["state"], "handed_over");
    assert_eq!(detail["allocation"]["handover"]["id"], handover["id"]);
    let theirs = app
        .get(
            &format!("/api/v1/orgs/{amqr}/households/{household}/devices"),
            &staff,
        )
        .await
        .json();
    assert_eq!(theirs["handovers"][0]["asset_tag"], device["asset_tag"]);

    // Given back after a fault: back in the workshop, checked again before it is ready.
    let back = post(
        &app,
        &staff,
        &format!("{path}/return"),
        json!({"reason": "fault", "note": "Écran noir"}),
    )
    .await;
    assert_eq!(back.status, 200);
    assert_eq!(back.json()["state"], "returned");
    let scrap_after = post(
        &app,
        &staff,
        &format!("{path}/handover"),
        handover_body(&household),
    )
    .await;
    assert_eq!(scrap_after.status, 409);
    let ready = check_all(&app, &staff, amqr, &device).await;
    assert_eq!(ready.json()["state"], "ready");
}

#[actix_web::test]
async fn an_ineligible_household_is_refused_with_its_reasons_and_the_referrer_sees_the_handover_only_with_agreement(
) {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let staff = app.login("animatrice@amqr.test").await;
    let agent = app.login("agent@ccas.test").await;

    let (never, _) = household(&app, &staff, amqr, "Jamaisvenu", "phone", "06 12 00 00 43").await;
    let device = ready_laptop(&app, amqr, "ELIG-1").await;
    let path = device_path(amqr, &device);
    assert_eq!(reserve(&app, &staff, &path, &never).await.status, 200);
    let refused = post(
        &app,
        &staff,
        &format!("{path}/handover"),
        handover_body(&never),
    )
    .await;
    assert_eq!(refused.status, 422);
    let reasons = refused.json()["errors"]["household_id"].clone();
    assert!(
        reasons.as_array().is_some_and(|r| !r.is_empty()),
        "the reasons come back: {reasons}"
    );
    assert_eq!(
        app.get(&path, &staff).await.json()["state"],
        "reserved",
        "nothing changed"
    );
    let released = app
        .call("DELETE", &format!("{path}/reservation"), Some(&staff), None)
        .await;
    assert_eq!(released.status, 200);
    assert_eq!(released.json()["state"], "ready");

    // Two families sent by the CCAS, one who agreed to share her journey, one who did not.
    let cycle = new_cycle(&app, &staff, amqr, "Cycle des remises", 8, "2026-12-07").await;
    let cid = cycle["id"].as_str().expect("id").to_owned();
    let mut seen = Vec::new();
    for (name, share) in [("Remisepartage", true), ("Remisediscrete", false)] {
        let sent = refer(
            &app,
            &agent,
            ccas,
            family(amqr, name, "06 43 00 00 09", share),
            None,
        )
        .await;
        let id = sent.json()["id"].as_str().expect("id").to_owned();
        let accepted = act(&app, &staff, amqr, &id, "accept", json!({})).await;
        assert_eq!(accepted.status, 200);
        let household = accepted.json()["household_id"]
            .as_str()
            .expect("household")
            .to_owned();
        assert_eq!(
            enrol(&app, &staff, amqr, &cid, json!({"referral_id": id}))
                .await
                .status,
            201
        );
        let device = ready_laptop(&app, amqr, &format!("REF-{name}")).await;
        let path = device_path(amqr, &device);
        assert_eq!(reserve(&app, &staff, &path, &household).await.status, 200);
        let given = post(
            &app,
            &staff,
            &format!("{path}/handover"),
            handover_body(&household),
        )
        .await;
        assert_eq!(
            given.status,
            201,
            "{}",
            String::from_utf8_lossy(&given.body)
        );
        seen.push(
            app.get(&format!("/api/v1/orgs/{ccas}/referrals/{id}"), &agent)
                .await
                .json(),
        );
        let theirs = app
            .get(&format!("/api/v1/orgs/{amqr}/referrals/{id}"), &staff)
            .await
            .json();
        assert_eq!(theirs["milestones"]["device_handed_over_on"], days_ago(1).0);
    }
    assert_eq!(
        seen[0]["milestones"]["device_handed_over_on"],
        days_ago(1).0
    );
    assert!(
        seen[1]["milestones"].is_null(),
        "without agreement: {}",
        seen[1]
    );
}

#[actix_web::test]
async fn the_demo_workshop_has_machines_in_every_state_and_the_landlord_sees_lucies_computer() {
    let app = TestApp::start().await;
    let (amqr, landlord) = (app.org("AMQR"), app.org("Bailleur"));
    let volunteer = app.login("benevole@amqr.test").await;
    let board = app
        .get(&format!("/api/v1/orgs/{amqr}/workshop/board"), &volunteer)
        .await
        .json();
    let mut total = 0;
    for column in board["columns"].as_array().expect("columns") {
        let count = column["count"].as_i64().expect("count");
        assert!(count >= 1, "{} is empty in the demo", column["state"]);
        total += count;
        if column["state"] == "handed_over" {
            assert_eq!(count, 2, "two families received a computer");
        }
    }
    assert!((18..=25).contains(&total), "about twenty machines: {total}");
    let donors = app
        .get(&format!("/api/v1/orgs/{amqr}/donors"), &volunteer)
        .await
        .json();
    let names: Vec<&str> = donors
        .as_array()
        .expect("donors")
        .iter()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Mairie de Fresnes-sur-Escaut", "Saint-Amand Handball Club"]
    );

    let agent = app.login("agent@bailleur.test").await;
    let list = app
        .get(
            &format!("/api/v1/orgs/{landlord}/referrals?limit=100"),
            &agent,
        )
        .await
        .json();
    let lucie = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|r| r["family_name"] == "Lucie Vandamme")
        .cloned()
        .expect("Lucie's referral");
    let lucie = app
        .get(
            &format!(
                "/api/v1/orgs/{landlord}/referrals/{}",
                lucie["id"].as_str().expect("id")
            ),
            &agent,
        )
        .await
        .json();
    assert!(
        lucie["milestones"]["device_handed_over_on"].is_string(),
        "{lucie}"
    );
}
