//! Notifications are read by the people who handle referrals: a structure's admins and staff,
//! a referrer's `referrer`s. Volunteers, viewers and the network's coordinators get 403, for
//! reading and for marking read alike.

use solidaires_tests::TestApp;

#[actix_web::test]
async fn only_the_people_who_handle_referrals_read_their_notifications() {
    let app = TestApp::start().await;
    let (amqr, ccas, network) = (app.org("AMQR"), app.org("CCAS"), app.org("Réseau"));
    for (email, org, status) in [
        ("animatrice@amqr.test", amqr, 200),
        ("admin@amqr.test", amqr, 200),
        ("agent@ccas.test", ccas, 200),
        ("benevole@amqr.test", amqr, 403),
        ("coordination@reseau.test", network, 403),
    ] {
        let token = app.login(email).await;
        let list = app
            .get(&format!("/api/v1/orgs/{org}/notifications"), &token)
            .await;
        assert_eq!(list.status, status, "{email} reads");
        let mark = app
            .call(
                "POST",
                &format!("/api/v1/orgs/{org}/notifications/read-all"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(
            mark.status,
            if status == 200 { 204 } else { 403 },
            "{email} marks"
        );
    }
}

/// The notifications about one referral, oldest first, as (kind, status, family, from).
async fn about(
    app: &TestApp,
    token: &str,
    org: uuid::Uuid,
    referral: &str,
) -> Vec<(String, String, String, String)> {
    let page = app
        .get(
            &format!("/api/v1/orgs/{org}/notifications?limit=100"),
            token,
        )
        .await
        .json();
    let mut found: Vec<_> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["referral_id"] == referral)
        .map(|n| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            let from = match n["kind"].as_str() {
                Some("referral_received") => text(&n["referrer_name"]),
                _ => text(&n["structure_name"]),
            };
            (
                text(&n["kind"]),
                text(&n["status"]),
                text(&n["family_name"]),
                from,
            )
        })
        .collect();
    found.reverse();
    found
}

#[actix_web::test]
async fn each_event_is_told_once_naming_the_family_and_who_acted() {
    use crate::referrals::{act, family, refer};
    use serde_json::json;
    let app = TestApp::start().await;
    let (amqr, ccas, landlord) = (app.org("AMQR"), app.org("CCAS"), app.org("Bailleur"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let other = app.login("agent@bailleur.test").await;

    let sent = refer(
        &app,
        &agent,
        ccas,
        family(amqr, "Samira", "06 13 00 00 01", true),
        None,
    )
    .await;
    assert_eq!(sent.status, 201);
    let id = sent.json()["id"].as_str().expect("id").to_owned();
    let received = about(&app, &staff, amqr, &id).await;
    let row = |kind: &str, status: &str, from: &str| {
        (
            kind.to_owned(),
            status.to_owned(),
            "Samira Testeur".to_owned(),
            from.to_owned(),
        )
    };
    assert_eq!(
        received,
        [row("referral_received", "submitted", "CCAS de Raismes")]
    );

    let res = act(&app, &staff, amqr, &id, "accept", json!({})).await;
    assert_eq!(res.status, 200);
    let cycle =
        crate::cycles_support::new_cycle(&app, &staff, amqr, "Cycle", 8, "2026-11-30").await;
    let cycle = cycle["id"].as_str().expect("cycle").to_owned();
    let res =
        crate::cycles_support::enrol(&app, &staff, amqr, &cycle, json!({"referral_id": id})).await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    for session in 1..=2 {
        let res =
            crate::cycles_support::mark_all(&app, &staff, amqr, &cycle, session, "present").await;
        assert_eq!(res.status, 200);
    }
    let amqr_name = "AMQR — Maisons de quartier de Raismes";
    assert_eq!(
        about(&app, &agent, ccas, &id).await,
        [
            row("referral_status", "accepted", amqr_name),
            row("referral_status", "enrolled", amqr_name),
            row("referral_progress", "enrolled", amqr_name),
            row("referral_progress", "enrolled", amqr_name),
        ],
        "one notification per event, none twice"
    );
    assert_eq!(
        about(&app, &staff, amqr, &id).await.len(),
        1,
        "the structure's own stay one"
    );
    assert!(
        about(&app, &other, landlord, &id).await.is_empty(),
        "nobody else hears of it"
    );
}
