//! Bad input gets a clear problem+json answer naming the field, and never a 500.

use serde_json::json;
use solidaires_tests::{Response, TestApp};

fn assert_problem(res: &Response, status: u16) {
    assert_eq!(res.status, status, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    let body = res.json();
    assert_eq!(body["status"], status);
    assert!(
        body["code"].is_string() && body["detail"].is_string(),
        "{body}"
    );
}

fn field_error(res: &Response, field: &str) -> bool {
    res.json()["errors"][field]
        .as_array()
        .is_some_and(|m| !m.is_empty())
}

#[actix_web::test]
async fn unknown_fields_are_refused_by_name() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let path = format!("/api/v1/orgs/{}/sites", app.org("AMQR"));
    let res = app
        .call(
            "POST",
            &path,
            Some(&admin),
            Some(json!({"name": "Atelier", "organisation_id": app.org("ACSRV")})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "organisation_id"), "{}", res.json());
}

#[actix_web::test]
async fn over_long_strings_and_bad_formats_name_their_field() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let amqr = app.org("AMQR");
    let sites = format!("/api/v1/orgs/{amqr}/sites");
    let res = app
        .call(
            "POST",
            &sites,
            Some(&admin),
            Some(json!({"name": "x".repeat(121)})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "name"));

    let res = app
        .call(
            "POST",
            &sites,
            Some(&admin),
            Some(json!({"name": "Atelier", "postcode": "5959"})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "postcode"));

    let res = app
        .call("POST", &sites, Some(&admin), Some(json!({"name": "   "})))
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "name"), "blank is not a name");

    let invitations = format!("/api/v1/orgs/{amqr}/invitations");
    let res = app
        .call(
            "POST",
            &invitations,
            Some(&admin),
            Some(json!({"email": "pas-une-adresse", "role": "staff"})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "email"));

    let res = app
        .call(
            "POST",
            &invitations,
            Some(&admin),
            Some(json!({"email": "a@b.fr", "role": "pilote"})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "role"), "unknown role: {}", res.json());

    let res = app
        .call(
            "POST",
            &invitations,
            Some(&admin),
            Some(json!({"email": "a@b.fr", "role": "referrer"})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(
        field_error(&res, "role"),
        "a structure has no referrer role"
    );

    let res = app
        .call(
            "POST",
            &invitations,
            Some(&admin),
            Some(json!({"email": "a@b.fr"})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "role"), "missing field: {}", res.json());

    let res = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/partnerships"),
            Some(&admin),
            Some(json!({"referrer_id": "pas-un-uuid"})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "referrer_id"));

    let res = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/partnerships"),
            Some(&admin),
            Some(json!({"referrer_id": app.org("ACSRV")})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(
        field_error(&res, "referrer_id"),
        "a structure is not a referrer"
    );

    let res = app
        .call(
            "PATCH",
            &format!("/api/v1/orgs/{amqr}"),
            Some(&admin),
            Some(json!({"contact_phone": "12345"})),
        )
        .await;
    // The body is read first: its faults come before the missing If-Match.
    assert_problem(&res, 422);
    assert!(field_error(&res, "contact_phone"), "{}", res.json());
    let res = app
        .call(
            "PATCH",
            &format!("/api/v1/orgs/{amqr}"),
            Some(&admin),
            Some(json!({"contact_phone": "06 12 34 56 78"})),
        )
        .await;
    assert_problem(&res, 428);
}

#[actix_web::test]
async fn malformed_ids_bodies_and_sizes_are_clear_4xx() {
    let app = TestApp::start().await;
    let admin = app.login("admin@amqr.test").await;
    let amqr = app.org("AMQR");

    let res = app
        .get(&format!("/api/v1/orgs/{amqr}/sites/not-a-uuid"), &admin)
        .await;
    assert_problem(&res, 404);
    let res = app.get("/api/v1/orgs/not-a-uuid/sites", &admin).await;
    assert_problem(&res, 404);

    let path = format!("/api/v1/orgs/{amqr}/sites");
    let res = app
        .send(
            "POST",
            &path,
            Some(&admin),
            &[("Content-Type", "application/json")],
            Some(b"{\"name\": ".to_vec()),
        )
        .await;
    assert_problem(&res, 400);

    let res = app
        .send(
            "POST",
            &path,
            Some(&admin),
            &[("Content-Type", "text/plain")],
            Some(b"name=x".to_vec()),
        )
        .await;
    assert_problem(&res, 415);

    let huge = json!({"name": "x".repeat(70 * 1024)})
        .to_string()
        .into_bytes();
    let res = app
        .send(
            "POST",
            &path,
            Some(&admin),
            &[("Content-Type", "application/json")],
            Some(huge),
        )
        .await;
    assert_problem(&res, 413);

    let res = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "a@b.fr", "password": "x", "extra": true})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "extra"));

    let res = app.get("/api/v1/organisations?kind=galaxy", &admin).await;
    assert_problem(&res, 422);

    let res = app
        .call("GET", "/api/v1/nothing-here", Some(&admin), None)
        .await;
    assert_problem(&res, 404);

    let sites = app.get(&path, &admin).await.json();
    assert!(
        sites.as_array().is_some_and(|s| s.len() == 2),
        "nothing was created by the bad requests: {sites}"
    );
}

#[actix_web::test]
async fn responses_carry_the_security_headers() {
    let app = TestApp::start().await;
    let res = app.call("GET", "/api/health", None, None).await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(res.header("cache-control").as_deref(), Some("no-store"));
    assert!(res
        .header("content-security-policy")
        .is_some_and(|c| c.contains("frame-ancestors 'none'")));
    assert!(
        res.header("x-request-id").is_some_and(|id| id.len() >= 32),
        "request id"
    );
    let ready = app.call("GET", "/api/ready", None, None).await;
    assert_eq!(ready.status, 200);
}

#[actix_web::test]
async fn the_documentation_and_metrics_are_served() {
    let app = TestApp::start().await;
    // Plain bodies: this checks content, not compression.
    let plain = [("Accept-Encoding", "identity")];
    let spec = app
        .send("GET", "/api/openapi.json", None, &plain, None)
        .await;
    assert_eq!(spec.status, 200);
    assert!(spec.json()["paths"]["/api/v1/orgs/{org_id}/referrals"].is_object());
    let docs = app.send("GET", "/api/docs/", None, &plain, None).await;
    assert_eq!(docs.status, 200);
    assert!(
        String::from_utf8_lossy(&docs.body).contains("swagger"),
        "the interactive documentation page"
    );
    app.call("GET", "/api/health", None, None).await;
    // Metrics are for the collector holding the configured token, and for nobody else.
    let bearer = "Bearer metrics-token-for-the-tests-only";
    let with_token = [("Accept-Encoding", "identity"), ("Authorization", bearer)];
    for (headers, status) in [(&plain[..], 404), (&with_token[..], 200)] {
        assert_eq!(
            app.send("GET", "/metrics", None, headers, None)
                .await
                .status,
            status
        );
    }
    let wrong = [("Authorization", "Bearer not-the-token-at-all-no")];
    assert_eq!(
        app.send("GET", "/metrics", None, &wrong, None).await.status,
        404
    );
    // Random URLs are counted as one series, so the registry cannot grow with them.
    for i in 0..20 {
        app.call("GET", &format!("/api/v1/nothing-{i}"), None, None)
            .await;
    }
    let metrics = app.send("GET", "/metrics", None, &with_token, None).await;
    let text = String::from_utf8_lossy(&metrics.body).to_string();
    assert!(
        text.contains("solidaires_http_requests_total"),
        "request counters"
    );
    assert!(!text.contains("nothing-"), "no series per unknown path");
    assert!(text.contains("UNMATCHED"));
}

#[actix_web::test]
async fn cors_answers_only_the_configured_origins() {
    let mut config =
        solidaires::platform::config::Config::for_tests(solidaires_tests::client::SECRET);
    config.cors_origins = vec!["https://app.solidaires.example".into()];
    let app = TestApp::start_with(config).await;
    let app = &app;
    let preflight = |origin: &'static str| async move {
        let headers = [
            ("Origin", origin),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ];
        app.send("OPTIONS", "/api/v1/me", None, &headers, None)
            .await
    };
    let allowed = preflight("https://app.solidaires.example").await;
    assert_eq!(
        allowed.header("access-control-allow-origin").as_deref(),
        Some("https://app.solidaires.example")
    );
    let other = preflight("https://evil.example").await;
    assert!(
        other.header("access-control-allow-origin").is_none(),
        "no CORS grant to an unknown origin"
    );
}

/// One answer lists every fault: the fields' own rules and those across fields together,
/// so a person fixes the form in one go.
#[actix_web::test]
async fn one_refusal_lists_every_field_at_fault() {
    let app = TestApp::start().await;
    let staff = app.login("animatrice@amqr.test").await;
    let households = format!("/api/v1/orgs/{}/households", app.org("AMQR"));
    let res = app
        .call(
            "POST",
            &households,
            Some(&staff),
            Some(json!({
                // a field's own rule: too long
                "members": [{"first_name": "x".repeat(101), "last_name": "Haddad", "role": "adult"}],
                // across fields: no reference person, a phone contact without a phone
                "preferred_contact": "phone",
                "needs": ["other"],
                "postcode": "5959",
            })),
        )
        .await;
    assert_problem(&res, 422);
    for field in [
        "members[0].first_name",
        "members",
        "phone",
        "needs_other",
        "postcode",
    ] {
        assert!(field_error(&res, field), "{field}: {}", res.json());
    }

    let ccas = app.login("agent@ccas.test").await;
    let referrals = format!("/api/v1/orgs/{}/referrals", app.org("CCAS"));
    let res = app
        .call(
            "POST",
            &referrals,
            Some(&ccas),
            Some(json!({
                "first_name": "", "last_name": "Haddad", "birth_year": 1850,
                "preferred_contact": "email", "needs": ["no_computer"],
            })),
        )
        .await;
    assert_problem(&res, 422);
    // Field rules, cross-field rules and the referrer's own rules, in the same answer.
    for field in [
        "first_name",
        "birth_year",
        "email",
        "structure_id",
        "consent",
        "share_progress",
    ] {
        assert!(field_error(&res, field), "{field}: {}", res.json());
    }

    let amqr_admin = app.login("admin@amqr.test").await;
    let org = format!("/api/v1/orgs/{}", app.org("AMQR"));
    let etag = app
        .call("GET", &org, Some(&amqr_admin), None)
        .await
        .header("etag")
        .unwrap_or_default();
    let body = json!({"name": "x".repeat(201), "contact_phone": "12", "contact_email": "non"});
    let res = app
        .send(
            "PATCH",
            &org,
            Some(&amqr_admin),
            &[("Content-Type", "application/json"), ("If-Match", &etag)],
            Some(body.to_string().into_bytes()),
        )
        .await;
    assert_problem(&res, 422);
    for field in ["name", "contact_phone", "contact_email"] {
        assert!(field_error(&res, field), "{field}: {}", res.json());
    }
}

/// A NUL or another control character in any text (sign-in's included) is a 422 naming the
/// field, never a 500 from PostgreSQL.
#[actix_web::test]
async fn control_characters_are_refused_by_field() {
    let app = TestApp::start().await;
    let res = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "admin@amqr.test\u{0}", "password": "x"})),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "email"), "{}", res.json());

    let staff = app.login("animatrice@amqr.test").await;
    let amqr = app.org("AMQR");
    let households = format!("/api/v1/orgs/{amqr}/households");
    let res = app
        .call(
            "POST",
            &households,
            Some(&staff),
            Some(json!({
                "members": [{"first_name": "Sa\u{7}mira", "last_name": "Haddad", "role": "reference"}],
                "preferred_contact": "do_not_contact",
                "needs": [],
                "notes": "Ligne 1\nLigne 2\tavec tabulation",
            })),
        )
        .await;
    assert_problem(&res, 422);
    assert!(field_error(&res, "members[0].first_name"), "{}", res.json());
    assert!(!field_error(&res, "notes"), "line breaks and tabs are text");

    for path in [
        format!("{households}?q=%00"),
        format!("/api/v1/orgs/{amqr}/referrals?q=a%01b"),
        format!("/api/v1/orgs/{amqr}/referrals?q={}", "x".repeat(101)),
    ] {
        let res = app.get(&path, &staff).await;
        assert_problem(&res, 422);
        assert!(field_error(&res, "q"), "{path}: {}", res.json());
    }
}

/// The surface answers like a careful HTTP server: 405 with `Allow`, bodies that must be
/// objects, an exact JSON content type, 413 as problem+json, credentials only for allowed
/// origins.
#[actix_web::test]
async fn the_http_surface_is_strict_and_says_why() {
    let mut config =
        solidaires::platform::config::Config::for_tests(solidaires_tests::client::SECRET);
    config.cors_origins = vec!["https://app.solidaires.example".into()];
    let app = TestApp::start_with(config).await;
    let token = app.login("animatrice@amqr.test").await;

    let res = app.call("DELETE", "/api/v1/me", Some(&token), None).await;
    assert_problem(&res, 405);
    let allow = res.header("allow").unwrap_or_default();
    assert!(
        allow.contains("GET") && allow.contains("PATCH"),
        "Allow: {allow}"
    );

    for body in ["[]", "\"x\"", "[\"Camille\", \"fr\"]", "null"] {
        let res = app
            .send(
                "PATCH",
                "/api/v1/me",
                Some(&token),
                &[("Content-Type", "application/json")],
                Some(body.as_bytes().to_vec()),
            )
            .await;
        assert_problem(&res, 422);
    }

    for content_type in [
        "application/jsonx",
        "application/json-patch+json",
        "text/json",
    ] {
        let res = app
            .send(
                "PATCH",
                "/api/v1/me",
                Some(&token),
                &[("Content-Type", content_type)],
                Some(br#"{"name":"Camille"}"#.to_vec()),
            )
            .await;
        assert_problem(&res, 415);
    }
    let res = app
        .send(
            "PATCH",
            "/api/v1/me",
            Some(&token),
            &[("Content-Type", "application/json; charset=utf-8")],
            Some(br#"{"name":"Camille"}"#.to_vec()),
        )
        .await;
    assert_eq!(res.status, 200, "parameters of the JSON type are fine");

    let big = format!(r#"{{"name":"{}"}}"#, "x".repeat(70 * 1024));
    let res = app
        .send(
            "PATCH",
            "/api/v1/me",
            Some(&token),
            &[("Content-Type", "application/json")],
            Some(big.into_bytes()),
        )
        .await;
    assert_problem(&res, 413);

    for (origin, credentials) in [
        ("https://app.solidaires.example", true),
        ("https://evil.example", false),
    ] {
        let res = app
            .send("GET", "/api/health", None, &[("Origin", origin)], None)
            .await;
        assert_eq!(
            res.header("access-control-allow-credentials").is_some(),
            credentials,
            "{origin}"
        );
    }
}
