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
    assert!(
        preview.json().get("account_exists").is_none(),
        "the preview says nothing of accounts: {}",
        preview.json()
    );

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

/// An admin cannot use an invitation to guess an existing account's password: an existing
/// account accepts only from its own session.
#[actix_web::test]
async fn an_existing_account_joins_from_its_own_session_only() {
    let app = TestApp::start().await;
    let admin = app.login("admin@acsrv.test").await;
    let acsrv = app.org("ACSRV");
    let res = invite(&app, &admin, acsrv, "animatrice@amqr.test", "viewer").await;
    assert_eq!(res.status, 201);
    let token = token_of(res.json()["url"].as_str().expect("url"));
    for password in [
        solidaires::seed::DEMO_PASSWORD,
        "un tout nouveau mot de passe",
    ] {
        let guess = app
            .call(
                "POST",
                "/api/v1/auth/invitations/accept",
                None,
                Some(json!({"token": token, "name": "X", "password": password})),
            )
            .await;
        assert_eq!(
            guess.status, 409,
            "no password of an existing account is checked"
        );
        assert!(guess.json().get("access_token").is_none());
    }
    // Nothing changed: the account keeps its password and its one organisation.
    let own = app.login("animatrice@amqr.test").await;
    let me = app.get("/api/v1/me", &own).await.json();
    assert_eq!(me["memberships"].as_array().map(Vec::len), Some(1));

    let someone_else = app.login("agent@ccas.test").await;
    let accept = |session: String| {
        let app = &app;
        let token = token.clone();
        async move {
            app.call(
                "POST",
                "/api/v1/auth/invitations/accept-signed-in",
                Some(&session),
                Some(json!({ "token": token })),
            )
            .await
        }
    };
    assert_eq!(accept(someone_else).await.status, 403, "another address");
    assert_eq!(accept(own.clone()).await.status, 204);
    let me = app.get("/api/v1/me", &own).await.json();
    assert_eq!(
        me["memberships"].as_array().expect("list").len(),
        2,
        "member of AMQR and ACSRV"
    );
    assert_eq!(accept(own).await.status, 400, "a link works once");

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

/// PATCH a member's role as the superadmin (set-up steps).
async fn set_role(app: &TestApp, org: uuid::Uuid, email: &str, role: &str) {
    let superadmin = app.login("superadmin@solidaires.test").await;
    let res = app
        .call(
            "PATCH",
            &format!("/api/v1/orgs/{org}/members/{}", app.user(email)),
            Some(&superadmin),
            Some(json!({ "role": role })),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.json());
}

async fn issue_reset(
    app: &TestApp,
    admin: &str,
    org: uuid::Uuid,
    email: &str,
) -> solidaires_tests::Response {
    app.call(
        "POST",
        &format!(
            "/api/v1/orgs/{org}/members/{}/password-reset",
            app.user(email)
        ),
        Some(admin),
        None,
    )
    .await
}

async fn use_reset(app: &TestApp, url: &str) -> u16 {
    app.call(
        "POST",
        "/api/v1/auth/password-reset/complete",
        None,
        Some(json!({"token": token_of(url), "password": "une toute nouvelle phrase"})),
    )
    .await
    .status
}

/// A reset link an admin obtained works only while it is justified: the person still belongs
/// to that organisation alone and is not the superadmin, the admin is still an admin there —
/// checked when it is issued and when it is used.
#[actix_web::test]
async fn reset_links_follow_the_standing_of_the_person_and_of_the_admin() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let admin = app.login("admin@amqr.test").await;

    // The person joins another organisation after the link was issued.
    let link = issue_reset(&app, &admin, amqr, "benevole@amqr.test").await;
    assert_eq!(link.status, 201);
    let url = link.json()["url"].as_str().unwrap_or_default().to_owned();
    let acsrv_admin = app.login("admin@acsrv.test").await;
    let invitation = invite(&app, &acsrv_admin, acsrv, "benevole@amqr.test", "viewer").await;
    let token = token_of(invitation.json()["url"].as_str().unwrap_or_default());
    let own = app.login("benevole@amqr.test").await;
    let joined = app
        .call(
            "POST",
            "/api/v1/auth/invitations/accept-signed-in",
            Some(&own),
            Some(json!({ "token": token })),
        )
        .await;
    assert_eq!(joined.status, 204);
    assert_eq!(
        use_reset(&app, &url).await,
        400,
        "the person now belongs elsewhere too"
    );
    app.login("benevole@amqr.test").await;

    // The admin who issued it is demoted before it is used.
    let link = issue_reset(&app, &admin, amqr, "animatrice@amqr.test").await;
    assert_eq!(link.status, 201);
    let url = link.json()["url"].as_str().unwrap_or_default().to_owned();
    set_role(&app, amqr, "animatrice@amqr.test", "admin").await;
    set_role(&app, amqr, "admin@amqr.test", "staff").await;
    assert_eq!(
        use_reset(&app, &url).await,
        400,
        "its issuer is no longer an admin"
    );
    app.login("animatrice@amqr.test").await;

    // Never for the superadmin, even as a member of the organisation.
    {
        use diesel::prelude::*;
        diesel::sql_query(
            "INSERT INTO memberships (organisation_id, user_id, organisation_kind, role) \
             VALUES ($1, $2, 'structure', 'staff')",
        )
        .bind::<diesel::sql_types::Uuid, _>(amqr)
        .bind::<diesel::sql_types::Uuid, _>(app.user("superadmin@solidaires.test"))
        .execute(&mut app.conn())
        .expect("superadmin joins AMQR");
    }
    let new_admin = app.login("animatrice@amqr.test").await;
    let refused = issue_reset(&app, &new_admin, amqr, "superadmin@solidaires.test").await;
    assert_eq!(refused.status, 409, "{}", refused.json());
}

/// An invitation made by an admin who has since been demoted grants nothing.
#[actix_web::test]
async fn an_invitation_follows_the_standing_of_its_author() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let admin = app.login("admin@amqr.test").await;
    let res = invite(&app, &admin, amqr, "nouvel.admin@exemple.fr", "admin").await;
    let token = token_of(res.json()["url"].as_str().unwrap_or_default());
    set_role(&app, amqr, "animatrice@amqr.test", "admin").await;
    set_role(&app, amqr, "admin@amqr.test", "staff").await;
    for path in [
        "/api/v1/auth/invitations/inspect",
        "/api/v1/auth/invitations/accept",
    ] {
        let res = app
            .call(
                "POST",
                path,
                None,
                Some(json!({"token": token, "name": "Nouvel Admin", "password": "une phrase assez longue"})),
            )
            .await;
        // inspect refuses the extra fields (422) or the link (400): never a grant.
        assert!(matches!(res.status, 400 | 422), "{path}: {}", res.json());
    }
    let inspect = app
        .call(
            "POST",
            "/api/v1/auth/invitations/inspect",
            None,
            Some(json!({ "token": token })),
        )
        .await;
    assert_eq!(inspect.status, 400);
    assert_eq!(inspect.code(), "token_invalid");
}
