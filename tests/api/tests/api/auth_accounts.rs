//! Invitations and password resets: one-time links, from the admin's answer to a signed-in
//! person.

use serde_json::json;
use solidaires_tests::TestApp;

fn token_of(url: &str) -> String {
    url.split('#')
        .nth(1)
        .expect("token in the fragment")
        .to_owned()
}

/// An organisation admin invites `email` with `role`; the raw answer.
async fn invite(
    app: &TestApp,
    admin: &str,
    org: uuid::Uuid,
    email: &str,
    role: &str,
) -> solidaires_tests::Response {
    app.call(
        "POST",
        &format!("/api/v1/orgs/{org}/invitations"),
        Some(admin),
        Some(json!({"email": email, "role": role})),
    )
    .await
}

#[actix_web::test]
async fn an_invited_person_sets_a_password_and_signs_in() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let amqr = app.org("AMQR");
    let res = invite(
        &app,
        &admin,
        amqr,
        "Nouvelle.Benevole@exemple.fr",
        "volunteer",
    )
    .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let created = res.json();
    assert_eq!(created["invitation"]["status"], "pending");
    assert_eq!(
        created["emailed"], false,
        "no SMTP here: the admin hands the link over"
    );
    let url = created["url"].as_str().expect("link").to_owned();
    assert!(url.contains("/invitation#"), "{url}");
    let token = token_of(&url);
    assert!(token.len() >= 40, "a 256-bit token");

    let preview = app
        .call(
            "POST",
            "/api/v1/auth/invitations/inspect",
            None,
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(preview.status, 200);
    assert_eq!(preview.json()["email"], "nouvelle.benevole@exemple.fr");
    assert_eq!(preview.json()["account_exists"], false);

    let weak = app
        .call(
            "POST",
            "/api/v1/auth/invitations/accept",
            None,
            Some(json!({"token": token, "name": "Nora", "password": "azertyuiop123"})),
        )
        .await;
    assert_eq!(weak.status, 422, "common password refused");
    assert!(weak.json()["errors"]["password"].is_array());

    let accepted = app
        .call("POST", "/api/v1/auth/invitations/accept", None, Some(json!({"token": token, "name": "Nora Benali", "password": "mon jardin fleurit en mai"})))
        .await;
    assert_eq!(
        accepted.status,
        200,
        "{}",
        String::from_utf8_lossy(&accepted.body)
    );
    let session = accepted.json()["access_token"]
        .as_str()
        .expect("signed in")
        .to_owned();
    let me = app.get("/api/v1/me", &session).await.json();
    assert_eq!(me["memberships"][0]["role"], "volunteer");
    assert_eq!(me["memberships"][0]["organisation_short_name"], "AMQR");

    let again = app
        .call(
            "POST",
            "/api/v1/auth/invitations/accept",
            None,
            Some(json!({"token": token, "name": "Nora", "password": "mon jardin fleurit en mai"})),
        )
        .await;
    assert_eq!(again.status, 400, "a link works once");
    assert_eq!(again.code(), "token_invalid");

    app.login_with("nouvelle.benevole@exemple.fr", "mon jardin fleurit en mai")
        .await;
    let members = app
        .get(&format!("/api/v1/orgs/{amqr}/members"), &admin)
        .await
        .json();
    assert!(members
        .as_array()
        .expect("list")
        .iter()
        .any(|m| m["email"] == "nouvelle.benevole@exemple.fr"));
    let invitations = app
        .get(&format!("/api/v1/orgs/{amqr}/invitations"), &admin)
        .await
        .json();
    assert_eq!(invitations[0]["status"], "accepted");
}

#[actix_web::test]
async fn an_existing_account_joins_with_its_own_password_only() {
    let app = TestApp::start().await;
    let admin = app.login("admin@acsrv.test").await;
    let acsrv = app.org("ACSRV");
    let res = invite(&app, &admin, acsrv, "animatrice@amqr.test", "viewer").await;
    assert_eq!(res.status, 201);
    let token = token_of(res.json()["url"].as_str().expect("url"));
    let hijack = app
        .call(
            "POST",
            "/api/v1/auth/invitations/accept",
            None,
            Some(json!({"token": token, "password": "un tout nouveau mot de passe"})),
        )
        .await;
    assert_eq!(
        hijack.status, 422,
        "an invitation cannot reset an existing account's password"
    );
    let ok = app
        .call(
            "POST",
            "/api/v1/auth/invitations/accept",
            None,
            Some(json!({"token": token, "password": solidaires::seed::DEMO_PASSWORD})),
        )
        .await;
    assert_eq!(ok.status, 200);
    let me = app
        .get(
            "/api/v1/me",
            ok.json()["access_token"].as_str().expect("token"),
        )
        .await
        .json();
    assert_eq!(
        me["memberships"].as_array().expect("list").len(),
        2,
        "member of AMQR and ACSRV"
    );

    // ACSRV's admin cannot reset the password of someone who also belongs to AMQR.
    let reset = app
        .call(
            "POST",
            &format!(
                "/api/v1/orgs/{acsrv}/members/{}/password-reset",
                app.user("animatrice@amqr.test")
            ),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(reset.status, 409);
}

#[actix_web::test]
async fn revoked_and_expired_invitations_do_not_work() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let amqr = app.org("AMQR");
    let res = invite(&app, &admin, amqr, "revoque@exemple.fr", "staff").await;
    let token = token_of(res.json()["url"].as_str().expect("url"));
    let id = res.json()["invitation"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let revoked = app
        .call(
            "DELETE",
            &format!("/api/v1/orgs/{amqr}/invitations/{id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(revoked.status, 204);
    let inspect = app
        .call(
            "POST",
            "/api/v1/auth/invitations/inspect",
            None,
            Some(json!({"token": token})),
        )
        .await;
    assert_eq!(inspect.status, 400);

    let res = invite(&app, &admin, amqr, "expire@exemple.fr", "staff").await;
    let token = token_of(res.json()["url"].as_str().expect("url"));
    {
        use diesel::prelude::*;
        use solidaires::schema::invitations as inv;
        diesel::update(inv::table.filter(inv::email.eq("expire@exemple.fr")))
            .set(inv::expires_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
            .execute(&mut app.conn())
            .expect("expire");
    }
    let accept = app
        .call(
            "POST",
            "/api/v1/auth/invitations/accept",
            None,
            Some(json!({"token": token, "name": "X", "password": "mon jardin fleurit en mai"})),
        )
        .await;
    assert_eq!(accept.status, 400);
    assert_eq!(accept.code(), "token_invalid");
}

#[actix_web::test]
async fn an_admin_reset_link_sets_a_new_password_once() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let (old_session, user) = (
        app.login("benevole@amqr.test").await,
        app.user("benevole@amqr.test"),
    );
    let res = app
        .call(
            "POST",
            &format!(
                "/api/v1/orgs/{}/members/{user}/password-reset",
                app.org("AMQR")
            ),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let token = token_of(res.json()["url"].as_str().expect("url"));
    let done = app
        .call(
            "POST",
            "/api/v1/auth/password-reset/complete",
            None,
            Some(json!({"token": token, "password": "les mouettes du canal"})),
        )
        .await;
    assert_eq!(done.status, 204, "{}", String::from_utf8_lossy(&done.body));
    assert_eq!(
        app.get("/api/v1/me", &old_session).await.status,
        401,
        "sessions end with a reset"
    );
    app.login_with("benevole@amqr.test", "les mouettes du canal")
        .await;
    let again = app
        .call(
            "POST",
            "/api/v1/auth/password-reset/complete",
            None,
            Some(json!({"token": token, "password": "encore un autre essai"})),
        )
        .await;
    assert_eq!(again.status, 400);
}

#[actix_web::test]
async fn asking_for_a_reset_never_tells_whether_the_email_exists() {
    let app = TestApp::start().await;
    let known = app
        .call(
            "POST",
            "/api/v1/auth/password-reset/request",
            None,
            Some(json!({"email": "admin@amqr.test"})),
        )
        .await;
    let unknown = app
        .call(
            "POST",
            "/api/v1/auth/password-reset/request",
            None,
            Some(json!({"email": "inconnu@exemple.fr"})),
        )
        .await;
    assert_eq!(known.status, 202);
    assert_eq!(unknown.status, 202);
    assert_eq!(known.body, unknown.body);
}
