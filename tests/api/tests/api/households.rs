//! Households: search, pagination, editing with versions.

use serde_json::{json, Value};
use solidaires_tests::TestApp;

fn household(first: &str, last: &str, phone: &str) -> Value {
    json!({
        "members": [
            {"first_name": first, "last_name": last, "birth_year": 1980, "role": "reference"},
            {"first_name": "Enfant", "last_name": last, "birth_year": 2015, "role": "child", "school_level": "primaire"}
        ],
        "commune": "Raismes",
        "preferred_contact": "sms",
        "phone": phone,
        "needs": ["no_computer"],
        "languages": ["français", "arabe"],
        "notes": "Préfère être appelée après 17 h."
    })
}

#[actix_web::test]
async fn search_ignores_accents_case_and_phone_spelling() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let path = format!("/api/v1/orgs/{amqr}/households");
    let created = app
        .call(
            "POST",
            &path,
            Some(&staff),
            Some(household("Hélène", "Dupré", "06.42.42.42.42")),
        )
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    assert_eq!(created.json()["phone"], "+33642424242");
    assert_eq!(created.json()["created_by_name"], "Camille Martin");
    let id = created.json()["id"].as_str().expect("id").to_owned();
    for q in [
        "helene",
        "DUPRE",
        "dupré hél",
        "06 42 42 42 42",
        "+33642424242",
    ] {
        let found = app
            .get(&format!("{path}?q={}", urlencode(q)), &staff)
            .await
            .json();
        assert!(
            found["items"]
                .as_array()
                .expect("items")
                .iter()
                .any(|h| h["id"] == id.as_str()),
            "{q} finds Hélène Dupré: {found}"
        );
    }
    let none = app.get(&format!("{path}?q=zzzz"), &staff).await.json();
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[actix_web::test]
async fn keyset_pages_walk_every_household_once() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let path = format!("/api/v1/orgs/{amqr}/households");
    for (i, name) in ["Aubert", "Bernard", "Collin", "Aubert"].iter().enumerate() {
        let res = app
            .call(
                "POST",
                &path,
                Some(&staff),
                Some(household(
                    &format!("P{i}"),
                    name,
                    &format!("06 00 00 00 0{i}"),
                )),
            )
            .await;
        assert_eq!(res.status, 201);
    }
    let all = app.get(&format!("{path}?limit=100"), &staff).await.json();
    let total = all["items"].as_array().expect("items").len();
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}?limit=2&cursor={c}"),
            None => format!("{path}?limit=2"),
        };
        let page = app.get(&url, &staff).await.json();
        for item in page["items"].as_array().expect("items") {
            seen.push(item["id"].as_str().expect("id").to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), total, "every household once");
    let unique: std::collections::BTreeSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), total, "no household twice");
    let names: Vec<String> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|h| h["reference_name"].as_str().unwrap_or_default().to_owned())
        .collect();
    let aubert = names
        .iter()
        .position(|n| n.ends_with("Aubert"))
        .expect("Aubert");
    let collin = names
        .iter()
        .position(|n| n.ends_with("Collin"))
        .expect("Collin");
    assert!(aubert < collin, "ordered by last name: {names:?}");

    assert_eq!(
        app.get(&format!("{path}?limit=0"), &staff).await.status,
        422
    );
    assert_eq!(
        app.get(&format!("{path}?limit=101"), &staff).await.status,
        422
    );
    assert_eq!(
        app.get(&format!("{path}?cursor=garbage"), &staff)
            .await
            .status,
        422
    );
}

#[actix_web::test]
async fn an_edit_needs_the_current_version_and_loses_nothing() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let created = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/households"),
            Some(&staff),
            Some(household("Rose", "Martel", "06 70 70 70 70")),
        )
        .await;
    let location = created.header("location").expect("location");
    let etag = created.header("etag").expect("etag");

    let mut changed = household("Rose", "Martel", "06 70 70 70 71");
    changed["notes"] = json!("Nouvelle note");
    let missing = app
        .call("PUT", &location, Some(&staff), Some(changed.clone()))
        .await;
    assert_eq!(missing.status, 428);
    let send = |etag: String, body: Value| {
        let location = location.clone();
        let staff = staff.clone();
        let app = &app;
        async move {
            app.send(
                "PUT",
                &location,
                Some(&staff),
                &[("Content-Type", "application/json"), ("If-Match", &etag)],
                Some(body.to_string().into_bytes()),
            )
            .await
        }
    };
    let ok = send(etag.clone(), changed.clone()).await;
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(ok.json()["version"], 2);
    let mut other = household("Rose", "Martel", "06 70 70 70 72");
    other["notes"] = json!("Écrasement");
    let stale = send(etag, other).await;
    assert_eq!(stale.status, 412);
    let now = app.get(&location, &staff).await.json();
    assert_eq!(
        now["notes"], "Nouvelle note",
        "the stale edit changed nothing"
    );
    assert_eq!(now["phone"], "+33670707071");
}

#[actix_web::test]
async fn household_rules_are_explained_field_by_field() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let path = format!("/api/v1/orgs/{amqr}/households");
    let mut no_reference = household("A", "B", "06 12 12 12 12");
    no_reference["members"][0]["role"] = json!("adult");
    let res = app
        .call("POST", &path, Some(&staff), Some(no_reference))
        .await;
    assert_eq!(res.status, 422);
    assert!(res.json()["errors"]["members"].is_array());
    let mut sms_without_phone = household("A", "B", "06 12 12 12 12");
    sms_without_phone.as_object_mut().map(|o| o.remove("phone"));
    let res = app
        .call("POST", &path, Some(&staff), Some(sms_without_phone))
        .await;
    assert!(res.json()["errors"]["phone"].is_array());
    let mut long_notes = household("A", "B", "06 12 12 12 12");
    long_notes["notes"] = json!("x".repeat(2001));
    let res = app
        .call("POST", &path, Some(&staff), Some(long_notes))
        .await;
    assert!(res.json()["errors"]["notes"].is_array());
    let volunteer = app.login("benevole@amqr.test").await;
    assert_eq!(
        app.get(&path, &volunteer).await.status,
        403,
        "volunteers do not reach families"
    );
}
