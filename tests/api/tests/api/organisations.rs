//! What an organisation admin and the superadmin manage: organisations, sites,
//! partnerships, members.

use serde_json::json;
use solidaires_tests::TestApp;

#[actix_web::test]
async fn sites_are_edited_with_their_version() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let amqr = app.org("AMQR");
    let created = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/sites"),
            Some(&admin),
            Some(json!({"name": "Atelier numérique", "postcode": "59590", "city": "Raismes"})),
        )
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    let path = created.header("location").expect("location");

    let missing = app
        .call(
            "PATCH",
            &path,
            Some(&admin),
            Some(json!({"name": "Atelier"})),
        )
        .await;
    assert_eq!(missing.status, 428);
    let first = app
        .send(
            "PATCH",
            &path,
            Some(&admin),
            &[("Content-Type", "application/json"), ("If-Match", "\"1\"")],
            Some(br#"{"name":"Atelier du lundi"}"#.to_vec()),
        )
        .await;
    assert_eq!(first.status, 200);
    assert_eq!(first.json()["version"], 2);
    let stale = app
        .send(
            "PATCH",
            &path,
            Some(&admin),
            &[("Content-Type", "application/json"), ("If-Match", "\"1\"")],
            Some(r#"{"name":"Écrasé"}"#.as_bytes().to_vec()),
        )
        .await;
    assert_eq!(stale.status, 412, "a stale version loses nothing");
    let now = app.get(&path, &admin).await.json();
    assert_eq!(now["name"], "Atelier du lundi");

    let duplicate = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/sites"),
            Some(&admin),
            Some(json!({"name": "atelier du LUNDI"})),
        )
        .await;
    assert_eq!(
        duplicate.status, 409,
        "site names are unique in a structure"
    );

    // Staff read sites but do not manage them.
    let staff = app.login("animatrice@amqr.test").await;
    assert_eq!(app.get(&path, &staff).await.status, 200);
}

#[actix_web::test]
async fn a_partnership_lets_the_referrer_see_the_structure() {
    let app = TestApp::start().await;
    let admin = app.login("admin@acsrv.test").await;
    let (acsrv, ccas) = (app.org("ACSRV"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let before = app
        .get(&format!("/api/v1/orgs/{ccas}/partnerships"), &agent)
        .await
        .json();
    assert!(!before
        .as_array()
        .expect("list")
        .iter()
        .any(|p| p["structure"]["short_name"] == "ACSRV"));

    let created = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{acsrv}/partnerships"),
            Some(&admin),
            Some(json!({"referrer_id": ccas})),
        )
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    let again = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{acsrv}/partnerships"),
            Some(&admin),
            Some(json!({"referrer_id": ccas})),
        )
        .await;
    assert_eq!(again.status, 409);

    let after = app
        .get(&format!("/api/v1/orgs/{ccas}/partnerships"), &agent)
        .await
        .json();
    let list = after.as_array().expect("list");
    assert!(list
        .iter()
        .any(|p| p["structure"]["short_name"] == "ACSRV" && p["active"] == true));
    assert!(
        list.iter().all(|p| p["referrer"]["short_name"] == "CCAS"),
        "the CCAS sees only its own partnerships"
    );

    let landlord = app.login("agent@bailleur.test").await;
    let theirs = app
        .get(
            &format!("/api/v1/orgs/{}/partnerships", app.org("Bailleur")),
            &landlord,
        )
        .await
        .json();
    assert!(theirs
        .as_array()
        .expect("list")
        .iter()
        .all(|p| p["referrer"]["short_name"] == "Bailleur"));

    let location = created.header("location").expect("location");
    let suspended = app
        .send(
            "PATCH",
            &location,
            Some(&admin),
            &[("Content-Type", "application/json"), ("If-Match", "1")],
            Some(br#"{"active":false}"#.to_vec()),
        )
        .await;
    assert_eq!(suspended.status, 200);
    assert_eq!(suspended.json()["active"], false);
    let after = app
        .get(&format!("/api/v1/orgs/{ccas}/partnerships"), &agent)
        .await
        .json();
    let suspended_view = after
        .as_array()
        .expect("list")
        .iter()
        .find(|p| p["structure"]["short_name"] == "ACSRV")
        .expect("still listed");
    assert_eq!(
        suspended_view["structure_sites"].as_array().map(Vec::len),
        Some(0),
        "no sites once suspended"
    );
}

#[actix_web::test]
async fn the_superadmin_creates_an_organisation_and_invites_its_admin() {
    let app = TestApp::start().await;
    let superadmin = app.login("superadmin@solidaires.test").await;
    let created = app
        .call("POST", "/api/v1/organisations", Some(&superadmin), Some(json!({"kind": "structure", "name": "Centre social des Tilleuls", "short_name": "Tilleuls", "contact_phone": "03 27 00 00 00"})))
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    assert_eq!(
        created.json()["contact_phone"],
        "+33327000000",
        "phones are stored normalised"
    );
    assert_eq!(created.json()["settings"]["referral_expiry_days"], 30);
    let id = created.json()["id"].as_str().expect("id").to_owned();
    let invite = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{id}/invitations"),
            Some(&superadmin),
            Some(json!({"email": "direction@tilleuls.test", "role": "admin"})),
        )
        .await;
    assert_eq!(invite.status, 201);
    let dup = app
        .call("POST", "/api/v1/organisations", Some(&superadmin), Some(json!({"kind": "structure", "name": "centre social des tilleuls", "short_name": "T2"})))
        .await;
    assert_eq!(dup.status, 409);

    let staff = app.login("animatrice@amqr.test").await;
    let refused = app
        .call(
            "POST",
            "/api/v1/organisations",
            Some(&staff),
            Some(json!({"kind": "structure", "name": "X", "short_name": "X"})),
        )
        .await;
    assert_eq!(refused.status, 403);
}

#[actix_web::test]
async fn an_admin_updates_the_settings_with_a_version() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let path = format!("/api/v1/orgs/{}", app.org("AMQR"));
    let current = app.get(&path, &admin).await;
    let etag = current.header("etag").expect("etag");
    let bad = app
        .send(
            "PATCH",
            &path,
            Some(&admin),
            &[("Content-Type", "application/json"), ("If-Match", &etag)],
            Some(br#"{"referral_reminder_days":40}"#.to_vec()),
        )
        .await;
    assert_eq!(bad.status, 422, "reminder must come before expiry");
    let ok = app
        .send(
            "PATCH",
            &path,
            Some(&admin),
            &[("Content-Type", "application/json"), ("If-Match", &etag)],
            Some(br#"{"referral_reminder_days":7,"contact_email":"Contact@AMQR.test"}"#.to_vec()),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(ok.json()["settings"]["referral_reminder_days"], 7);
    assert_eq!(ok.json()["contact_email"], "contact@amqr.test");
}

#[actix_web::test]
async fn an_organisation_keeps_its_last_admin() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let me = app.user("admin@amqr.test");
    let amqr = app.org("AMQR");
    let demote = app
        .call(
            "PATCH",
            &format!("/api/v1/orgs/{amqr}/members/{me}"),
            Some(&admin),
            Some(json!({"role": "staff"})),
        )
        .await;
    assert_eq!(demote.status, 409);
    let remove = app
        .call(
            "DELETE",
            &format!("/api/v1/orgs/{amqr}/members/{me}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(remove.status, 409);
    let volunteer = app.user("benevole@amqr.test");
    let removed = app
        .call(
            "DELETE",
            &format!("/api/v1/orgs/{amqr}/members/{volunteer}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(removed.status, 204);
    let members = app
        .get(&format!("/api/v1/orgs/{amqr}/members"), &admin)
        .await
        .json();
    assert!(!members
        .as_array()
        .expect("list")
        .iter()
        .any(|m| m["email"] == "benevole@amqr.test"));
}

/// Two admins demoting each other at the same instant: one wins, the other is refused, and
/// the organisation keeps an admin. Repeated, since a race shows itself only sometimes.
#[actix_web::test]
async fn an_organisation_never_ends_without_an_admin_even_under_concurrent_demotions() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let (first, second) = (
        app.user("admin@amqr.test"),
        app.user("animatrice@amqr.test"),
    );
    let superadmin = app.login("superadmin@solidaires.test").await;
    let set_role = |user, role: &'static str| {
        let (app, superadmin) = (&app, &superadmin);
        async move {
            app.call(
                "PATCH",
                &format!("/api/v1/orgs/{amqr}/members/{user}"),
                Some(superadmin),
                Some(json!({ "role": role })),
            )
            .await
            .status
        }
    };
    for round in 0..5 {
        assert_eq!(set_role(first, "admin").await, 200);
        assert_eq!(set_role(second, "admin").await, 200);
        let (a, b) = (
            app.login("admin@amqr.test").await,
            app.login("animatrice@amqr.test").await,
        );
        let demote = |token: String, user| {
            let app = &app;
            async move {
                app.call(
                    "PATCH",
                    &format!("/api/v1/orgs/{amqr}/members/{user}"),
                    Some(&token),
                    Some(json!({"role": "staff"})),
                )
                .await
                .status
            }
        };
        let (one, two) = futures_util::join!(demote(a, second), demote(b, first));
        let mut statuses = [one, two];
        statuses.sort();
        // The loser is refused: as the last admin (409), or as no longer an admin (403, or
        // 401 once its demotion has invalidated its token).
        assert_eq!(statuses[0], 200, "round {round}: {statuses:?}");
        assert!(
            matches!(statuses[1], 401 | 403 | 409),
            "round {round}: {statuses:?}"
        );
        let members = app
            .get(&format!("/api/v1/orgs/{amqr}/members"), &superadmin)
            .await
            .json();
        let admins = members
            .as_array()
            .map(|list| list.iter().filter(|m| m["role"] == "admin").count())
            .unwrap_or(0);
        assert_eq!(admins, 1, "round {round}: exactly one admin left");
    }
}
