//! Sign-in, tokens, refresh rotation, revocation and throttling.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};
use solidaires_tests::client::SECRET;
use solidaires_tests::TestApp;

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn claims(app: &TestApp, email: &str) -> Value {
    json!({
        "sub": app.user(email).to_string(),
        "iat": now(),
        "exp": now() + 600,
        "iss": "solidaires",
        "aud": "solidaires-api",
        "jti": uuid::Uuid::now_v7().to_string(),
    })
}

fn sign(claims: &Value, key: &[u8]) -> String {
    encode(&Header::default(), claims, &EncodingKey::from_secret(key)).expect("signed")
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.get("/api/v1/me", token).await.status
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = TestApp::start().await;
    let wrong = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "animatrice@amqr.test", "password": "not-the-password"})),
        )
        .await;
    let unknown = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "personne@nulle-part.test", "password": "not-the-password"})),
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.code(), "invalid_credentials");
    assert_eq!(wrong.body, unknown.body, "same bytes for both");
    assert_eq!(unknown.status, 401);
}

#[actix_web::test]
async fn a_signed_in_person_sees_themselves_and_their_memberships() {
    let app = TestApp::start().await;
    let login = app
        .call("POST", "/api/v1/auth/login", None, Some(json!({"email": "Animatrice@AMQR.test", "password": solidaires::seed::DEMO_PASSWORD})))
        .await;
    assert_eq!(login.status, 200, "email is case-insensitive");
    let cookie = login.header("set-cookie").expect("refresh cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(
            cookie.contains(attribute),
            "cookie has {attribute}: {cookie}"
        );
    }
    assert!(
        login.json().get("refresh_token").is_none(),
        "browsers never see the refresh token"
    );
    let token = login.json()["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let me = app.get("/api/v1/me", &token).await.json();
    assert_eq!(me["email"], "animatrice@amqr.test");
    assert_eq!(me["memberships"][0]["organisation_short_name"], "AMQR");
    assert_eq!(me["memberships"][0]["role"], "staff");
}

#[actix_web::test]
async fn forged_and_malformed_tokens_are_refused() {
    let app = TestApp::start().await;
    let email = "animatrice@amqr.test";
    let good = sign(&claims(&app, email), SECRET);
    assert_eq!(
        me_status(&app, &good).await,
        200,
        "a well-formed token works"
    );

    let mut expired = claims(&app, email);
    expired["exp"] = json!(now() - 120);
    assert_eq!(
        me_status(&app, &sign(&expired, SECRET)).await,
        401,
        "expired beyond the leeway"
    );

    assert_eq!(
        me_status(
            &app,
            &sign(
                &claims(&app, email),
                b"another-key-another-key-another-key!!"
            )
        )
        .await,
        401,
        "other key"
    );

    let mut wrong_aud = claims(&app, email);
    wrong_aud["aud"] = json!("someone-else");
    assert_eq!(
        me_status(&app, &sign(&wrong_aud, SECRET)).await,
        401,
        "wrong aud"
    );

    let mut wrong_iss = claims(&app, email);
    wrong_iss["iss"] = json!("evil");
    assert_eq!(
        me_status(&app, &sign(&wrong_iss, SECRET)).await,
        401,
        "wrong iss"
    );

    let mut string_exp = claims(&app, email);
    string_exp["exp"] = json!((now() + 600).to_string());
    assert_eq!(
        me_status(&app, &sign(&string_exp, SECRET)).await,
        401,
        "string-typed exp"
    );

    let mut no_sub = claims(&app, email);
    no_sub.as_object_mut().expect("object").remove("sub");
    assert_eq!(
        me_status(&app, &sign(&no_sub, SECRET)).await,
        401,
        "missing sub"
    );

    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims(&app, email).to_string());
    assert_eq!(
        me_status(&app, &format!("{header}.{payload}.")).await,
        401,
        "alg none"
    );

    let hs512 = encode(
        &Header::new(jsonwebtoken::Algorithm::HS512),
        &claims(&app, email),
        &EncodingKey::from_secret(SECRET),
    )
    .expect("hs512");
    assert_eq!(
        me_status(&app, &hs512).await,
        401,
        "the algorithm is pinned to HS256"
    );
    assert_eq!(me_status(&app, "garbage").await, 401);
}

async fn login_for_refresh(app: &TestApp, email: &str) -> (String, String) {
    let res = app
        .call("POST", "/api/v1/auth/login", None, Some(json!({"email": email, "password": solidaires::seed::DEMO_PASSWORD, "refresh_in_body": true})))
        .await;
    assert_eq!(res.status, 200);
    let body = res.json();
    (
        body["access_token"].as_str().expect("access").to_owned(),
        body["refresh_token"]
            .as_str()
            .expect("refresh in body when asked")
            .to_owned(),
    )
}

async fn refresh(app: &TestApp, token: &str) -> solidaires_tests::Response {
    app.call(
        "POST",
        "/api/v1/auth/refresh",
        None,
        Some(json!({"refresh_token": token, "refresh_in_body": true})),
    )
    .await
}

#[actix_web::test]
async fn refresh_rotates_and_a_replay_revokes_the_whole_family() {
    let app = TestApp::start().await;
    let (_, first) = login_for_refresh(&app, "agent@ccas.test").await;
    let rotated = refresh(&app, &first).await;
    assert_eq!(rotated.status, 200);
    let second = rotated.json()["refresh_token"]
        .as_str()
        .expect("new refresh")
        .to_owned();
    assert_ne!(first, second);
    assert_eq!(
        me_status(
            &app,
            rotated.json()["access_token"].as_str().expect("access")
        )
        .await,
        200
    );

    // Within the grace window the same token gives the same successor (see below); past it,
    // presenting a used token means it was stolen.
    age_used_tokens(&app, 31);
    let replay = refresh(&app, &first).await;
    assert_eq!(replay.status, 401, "a used refresh token is refused");
    assert_eq!(
        refresh(&app, &second).await.status,
        401,
        "and its whole family is revoked"
    );
}

/// Moves the use of every used refresh token `seconds` into the past.
fn age_used_tokens(app: &TestApp, seconds: i64) {
    use diesel::prelude::*;
    diesel::sql_query(
        "UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => $1) \
         WHERE used_at IS NOT NULL",
    )
    .bind::<diesel::sql_types::Double, _>(seconds as f64)
    .execute(&mut app.conn())
    .expect("tokens aged");
}

/// Three tabs restoring at once present the same refresh token: all three get the same
/// successor, and the session goes on.
#[actix_web::test]
async fn concurrent_refreshes_of_one_token_share_its_successor() {
    let app = TestApp::start().await;
    let (_, first) = login_for_refresh(&app, "agent@ccas.test").await;
    let (a, b, c) = futures_util::join!(
        refresh(&app, &first),
        refresh(&app, &first),
        refresh(&app, &first)
    );
    let successors: Vec<String> = [&a, &b, &c]
        .iter()
        .map(|res| {
            assert_eq!(res.status, 200, "{}", res.json());
            res.json()["refresh_token"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(successors[0].len() > 30);
    assert!(
        successors.iter().all(|s| *s == successors[0]),
        "{successors:?}"
    );
    for res in [&a, &b, &c] {
        let access = res.json()["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(me_status(&app, &access).await, 200);
    }
    let next = refresh(&app, &successors[0]).await;
    assert_eq!(next.status, 200, "the shared successor goes on");
}

#[actix_web::test]
async fn refresh_works_with_the_cookie_alone() {
    let app = TestApp::start().await;
    let login = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "agent@ccas.test", "password": solidaires::seed::DEMO_PASSWORD})),
        )
        .await;
    let cookie = login.header("set-cookie").expect("cookie");
    let pair = cookie.split(';').next().expect("name=value").to_owned();
    let res = app
        .send(
            "POST",
            "/api/v1/auth/refresh",
            None,
            &[("Cookie", &pair)],
            None,
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert!(
        res.header("set-cookie")
            .is_some_and(|c| c.starts_with("solidaires_refresh=")),
        "rotated cookie"
    );
    let none = app
        .send("POST", "/api/v1/auth/refresh", None, &[], None)
        .await;
    assert_eq!(none.status, 401, "no cookie, no refresh");
}

#[actix_web::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::start().await;
    let (_, refresh_token) = login_for_refresh(&app, "agent@ccas.test").await;
    let out = app
        .call(
            "POST",
            "/api/v1/auth/logout",
            None,
            Some(json!({"refresh_token": refresh_token})),
        )
        .await;
    assert_eq!(out.status, 204);
    assert!(
        out.header("set-cookie")
            .is_some_and(|c| c.contains("Max-Age=0")),
        "cookie cleared"
    );
    assert_eq!(refresh(&app, &refresh_token).await.status, 401);
}

#[actix_web::test]
async fn a_password_change_revokes_older_tokens() {
    let app = TestApp::start().await;
    let (old_access, old_refresh) = login_for_refresh(&app, "animateur@acsrv.test").await;
    let weak = app
        .call("PUT", "/api/v1/me/password", Some(&old_access), Some(json!({"current_password": solidaires::seed::DEMO_PASSWORD, "new_password": "password1234"})))
        .await;
    assert_eq!(weak.status, 422);
    assert!(
        weak.json()["errors"]["new_password"].is_array(),
        "a common password is refused with a reason"
    );

    let changed = app
        .call("PUT", "/api/v1/me/password", Some(&old_access), Some(json!({"current_password": solidaires::seed::DEMO_PASSWORD, "new_password": "un vélo rouge sous la pluie"})))
        .await;
    assert_eq!(
        changed.status,
        200,
        "{}",
        String::from_utf8_lossy(&changed.body)
    );
    let new_access = changed.json()["access_token"]
        .as_str()
        .expect("new token")
        .to_owned();
    assert_eq!(
        me_status(&app, &new_access).await,
        200,
        "the new session works at once"
    );
    assert_eq!(
        me_status(&app, &old_access).await,
        401,
        "the old access token is revoked"
    );
    assert_eq!(
        refresh(&app, &old_refresh).await.status,
        401,
        "the old refresh token too"
    );
    let old_login = app
        .call("POST", "/api/v1/auth/login", None, Some(json!({"email": "animateur@acsrv.test", "password": solidaires::seed::DEMO_PASSWORD})))
        .await;
    assert_eq!(old_login.status, 401);
    app.login_with("animateur@acsrv.test", "un vélo rouge sous la pluie")
        .await;
}

#[actix_web::test]
async fn a_deactivated_person_is_signed_out_and_cannot_sign_in() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let (volunteer, volunteer_refresh) = login_for_refresh(&app, "benevole@amqr.test").await;
    let path = format!(
        "/api/v1/orgs/{}/members/{}",
        app.org("AMQR"),
        app.user("benevole@amqr.test")
    );
    let res = app
        .call("PATCH", &path, Some(&admin), Some(json!({"active": false})))
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(res.json()["active"], false);
    assert_eq!(me_status(&app, &volunteer).await, 401);
    assert_eq!(refresh(&app, &volunteer_refresh).await.status, 401);
    let login = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(
                json!({"email": "benevole@amqr.test", "password": solidaires::seed::DEMO_PASSWORD}),
            ),
        )
        .await;
    assert_eq!(login.status, 401);
    // Reactivated, the person can sign in again.
    let res = app
        .call("PATCH", &path, Some(&admin), Some(json!({"active": true})))
        .await;
    assert_eq!(res.status, 200);
    app.login("benevole@amqr.test").await;
}

#[actix_web::test]
async fn a_role_change_revokes_access_tokens() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let volunteer = app.login("benevole@amqr.test").await;
    let path = format!(
        "/api/v1/orgs/{}/members/{}",
        app.org("AMQR"),
        app.user("benevole@amqr.test")
    );
    let res = app
        .call("PATCH", &path, Some(&admin), Some(json!({"role": "staff"})))
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["role"], "staff");
    assert_eq!(
        me_status(&app, &volunteer).await,
        401,
        "tokens issued before the change are refused"
    );
}

#[actix_web::test]
async fn the_sixth_failure_in_a_minute_is_throttled() {
    let app = TestApp::start().await;
    let attempt = |password: &'static str| {
        app.call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "admin@acsrv.test", "password": password})),
        )
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong-password!").await.status, 401);
    }
    let sixth = attempt("wrong-password!").await;
    assert_eq!(sixth.status, 429);
    assert_eq!(sixth.code(), "too_many_requests");
    let wait: u64 = sixth
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let even_right = attempt(solidaires::seed::DEMO_PASSWORD).await;
    assert_eq!(even_right.status, 429, "the right password waits too");
    // Another account from the same address is not affected.
    app.login("animateur@acsrv.test").await;
}

/// 25 wrong passwords at once for one account: the attempts are reserved before hashing,
/// so at most 5 are evaluated and the others wait (429).
#[actix_web::test]
async fn concurrent_guesses_cannot_race_the_throttle() {
    let app = TestApp::start().await;
    let guesses = (0..25).map(|i| {
        let app = &app;
        async move {
            app.call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "admin@acsrv.test", "password": format!("guess-number-{i}")})),
            )
            .await
            .status
        }
    });
    let statuses = futures_util::future::join_all(guesses).await;
    let evaluated = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(evaluated <= 5, "{evaluated} evaluated: {statuses:?}");
    assert_eq!(evaluated + refused, 25, "{statuses:?}");
}

/// Changing one's password checks the current one: that check is throttled like sign-in.
#[actix_web::test]
async fn the_current_password_check_is_throttled_too() {
    let app = TestApp::start().await;
    let token = app.login("animateur@acsrv.test").await;
    let change = |current: &'static str| {
        let (app, token) = (&app, &token);
        async move {
            app.call(
                "PUT",
                "/api/v1/me/password",
                Some(token),
                Some(
                    json!({"current_password": current, "new_password": "une phrase assez longue"}),
                ),
            )
            .await
        }
    };
    for _ in 0..5 {
        assert_eq!(change("pas-le-bon-mot").await.status, 422);
    }
    let sixth = change("pas-le-bon-mot").await;
    assert_eq!(sixth.status, 429, "{}", sixth.json());
    assert!(sixth.header("retry-after").is_some());
}
