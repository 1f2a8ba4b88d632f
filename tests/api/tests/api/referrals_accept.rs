//! Accepting a referral files the family where the person chooses: a new household by
//! default, or a suggested one, naming who the referred person is there (or adding them).
//! Members keep their identity when their household is edited.

use serde_json::{json, Value};
use solidaires_tests::{Response, TestApp};
use uuid::Uuid;

use crate::referrals::{act, family, refer};

fn ok(res: Response) -> Value {
    assert!(
        res.status == 200 || res.status == 201,
        "{}: {}",
        res.status,
        String::from_utf8_lossy(&res.body)
    );
    res.json()
}

async fn send(
    app: &TestApp,
    agent: &str,
    from: Uuid,
    to: Uuid,
    first: &str,
    phone: &str,
) -> String {
    let body = ok(refer(app, agent, from, family(to, first, phone, true), None).await);
    body["id"].as_str().expect("id").to_owned()
}

fn member_ids(household: &Value) -> Vec<String> {
    household["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["id"].as_str().expect("id").to_owned())
        .collect()
}

/// Accepts `referral` into a new household: (accepted referral, household's path, its
/// members' ids).
async fn accept_new(
    app: &TestApp,
    staff: &str,
    org: Uuid,
    referral: &str,
) -> (Value, String, Vec<String>) {
    let accepted = ok(act(app, staff, org, referral, "accept", json!({})).await);
    let household = accepted["household_id"].as_str().expect("household");
    let path = format!("/api/v1/orgs/{org}/households/{household}");
    let people = member_ids(&app.get(&path, staff).await.json());
    (accepted, path, people)
}

/// A household's PUT with its current ETag.
async fn replace(app: &TestApp, token: &str, path: &str, body: Value) -> Response {
    let etag = app.get(path, token).await.header("etag").expect("etag");
    app.send(
        "PUT",
        path,
        Some(token),
        &[("Content-Type", "application/json"), ("If-Match", &etag)],
        Some(body.to_string().into_bytes()),
    )
    .await
}

#[actix_web::test]
async fn a_known_household_is_chosen_with_the_person_referred_in_it() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;

    // The first referral makes a household: the referred person is its reference.
    let first = send(&app, &agent, ccas, amqr, "Maryse", "06 12 00 00 01").await;
    let (accepted, path, people) = accept_new(&app, &staff, amqr, &first).await;
    let household = accepted["household_id"].as_str().expect("household");
    assert_eq!(people.len(), 2, "Maryse and her child");
    assert_eq!(
        accepted["member_id"],
        people[0].as_str(),
        "Maryse is the reference"
    );

    // A second referral with the same phone: suggested, with why and who lives there.
    let second = send(&app, &agent, ccas, amqr, "Mattéo", "06 12 00 00 01").await;
    let detail = app
        .get(&format!("/api/v1/orgs/{amqr}/referrals/{second}"), &staff)
        .await
        .json();
    let suggestion = detail["possible_duplicate_households"]
        .as_array()
        .expect("suggestions")
        .iter()
        .find(|s| s["household_id"] == household)
        .expect("the household is suggested")
        .clone();
    assert!(suggestion["matched_on"]
        .as_array()
        .expect("why")
        .contains(&json!("phone")));
    let names: Vec<&str> = suggestion["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["first_name"].as_str())
        .collect();
    assert_eq!(names, ["Maryse", "Léa"]);

    // Naming a member of another household is refused, and nothing changes.
    let elsewhere = send(&app, &agent, ccas, amqr, "Ailleurs", "06 12 00 00 02").await;
    let other = ok(act(&app, &staff, amqr, &elsewhere, "accept", json!({})).await);
    let stranger = other["member_id"].as_str().expect("member").to_owned();
    let refused = act(
        &app,
        &staff,
        amqr,
        &second,
        "accept",
        json!({"household_id": household, "member_id": stranger}),
    )
    .await;
    assert_eq!(refused.status, 422);
    assert!(refused.json()["errors"]["member_id"].is_array());
    let refused = act(
        &app,
        &staff,
        amqr,
        &second,
        "accept",
        json!({"member_id": people[1]}),
    )
    .await;
    assert_eq!(refused.status, 422, "a member without a household");
    assert!(refused.json()["errors"]["member_id"].is_array());
    let still = app
        .get(&format!("/api/v1/orgs/{amqr}/referrals/{second}"), &staff)
        .await
        .json();
    assert_eq!(still["status"], "submitted");

    // Mattéo is the child already recorded (under another first name): no one is added.
    let named = ok(act(
        &app,
        &staff,
        amqr,
        &second,
        "accept",
        json!({"household_id": household, "member_id": people[1]}),
    )
    .await);
    assert_eq!(named["member_id"], people[1].as_str());
    assert_eq!(member_ids(&app.get(&path, &staff).await.json()), people);

    // Without a member, the person referred joins the household.
    let third = send(&app, &agent, ccas, amqr, "Nadège", "06 12 00 00 01").await;
    let added = ok(act(
        &app,
        &staff,
        amqr,
        &third,
        "accept",
        json!({"household_id": household}),
    )
    .await);
    let page = app.get(&path, &staff).await.json();
    let now = member_ids(&page);
    assert_eq!(now.len(), 3);
    assert_eq!(added["member_id"], now[2].as_str());
    assert_eq!(page["members"][2]["first_name"], "Nadège");
    // And the household is found by her name.
    let found = app
        .get(&format!("/api/v1/orgs/{amqr}/households?q=nadege"), &staff)
        .await
        .json();
    assert!(found["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|h| h["id"] == household));
}

#[actix_web::test]
async fn another_structures_household_or_member_is_never_reached() {
    let app = TestApp::start().await;
    let (amqr, acsrv, ccas) = (app.org("AMQR"), app.org("ACSRV"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    // ACSRV works with the social landlord.
    let (landlord, landlord_agent) = (app.org("Bailleur"), app.login("agent@bailleur.test").await);
    let amqr_staff = app.login("animatrice@amqr.test").await;
    let acsrv_staff = app.login("animateur@acsrv.test").await;

    let theirs = send(&app, &agent, ccas, amqr, "Chez", "06 12 00 00 11").await;
    let theirs = ok(act(&app, &amqr_staff, amqr, &theirs, "accept", json!({})).await);
    let ours = send(
        &app,
        &landlord_agent,
        landlord,
        acsrv,
        "Ici",
        "06 12 00 00 12",
    )
    .await;
    let foreign = act(
        &app,
        &acsrv_staff,
        acsrv,
        &ours,
        "accept",
        json!({"household_id": theirs["household_id"], "member_id": theirs["member_id"]}),
    )
    .await;
    assert_eq!(
        foreign.status, 422,
        "AMQR's household does not exist for ACSRV"
    );
    assert!(foreign.json()["errors"]["household_id"].is_array());
    let page = app
        .get(
            &format!(
                "/api/v1/orgs/{amqr}/households/{}",
                theirs["household_id"].as_str().expect("id")
            ),
            &amqr_staff,
        )
        .await
        .json();
    assert_eq!(
        page["members"].as_array().expect("members").len(),
        2,
        "nobody added"
    );
}

#[actix_web::test]
async fn the_same_name_in_the_same_commune_is_suggested_whatever_the_phone_and_year() {
    let app = TestApp::start().await;
    let (amqr, ccas) = (app.org("AMQR"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    // The demo's Fatima Benali lives in Raismes (06 11 22 33 44, born 1985).
    let known = app
        .get(
            &format!("/api/v1/orgs/{amqr}/households?q=fatima%20benali"),
            &staff,
        )
        .await
        .json()["items"][0]["id"]
        .as_str()
        .expect("Fatima Benali's household")
        .to_owned();

    let suggested_for = |first: &'static str, last: &'static str, commune: &'static str| {
        let (app, agent, staff) = (&app, agent.clone(), staff.clone());
        async move {
            let mut body = family(amqr, first, "07 01 02 03 04", true);
            body["last_name"] = json!(last);
            body["birth_year"] = json!(1990);
            body["commune"] = json!(commune);
            body["members"] = json!([]);
            let id = ok(refer(app, &agent, ccas, body, None).await)["id"]
                .as_str()
                .expect("id")
                .to_owned();
            app.get(&format!("/api/v1/orgs/{amqr}/referrals/{id}"), &staff)
                .await
                .json()["possible_duplicate_households"]
                .as_array()
                .expect("suggestions")
                .clone()
        }
    };
    let lookalike = suggested_for("FATIMA", "benali", " raismes ").await;
    let found = lookalike
        .iter()
        .find(|s| s["household_id"] == known.as_str())
        .expect("the lookalike is suggested");
    assert_eq!(found["matched_on"], json!(["name_and_commune"]));

    let elsewhere = suggested_for("Fatima", "Benali", "Anzin").await;
    assert!(
        elsewhere
            .iter()
            .all(|s| s["household_id"] != known.as_str()),
        "another commune, phone and year: not the same family"
    );
}

#[actix_web::test]
async fn an_edited_household_keeps_its_people_and_their_referrals() {
    let app = TestApp::start().await;
    let (amqr, acsrv, ccas) = (app.org("AMQR"), app.org("ACSRV"), app.org("CCAS"));
    let agent = app.login("agent@ccas.test").await;
    let staff = app.login("animatrice@amqr.test").await;

    let referral = send(&app, &agent, ccas, amqr, "Josiane", "06 12 00 00 21").await;
    let (_, path, people) = accept_new(&app, &staff, amqr, &referral).await;

    // The child is renamed, a person added, the order changed: ids stay.
    let mut body = json!({
        "members": [
            {"id": people[1], "first_name": "Léa-Rose", "last_name": "Testeur", "birth_year": 2013, "role": "child", "school_level": "college"},
            {"id": people[0], "first_name": "Josiane", "last_name": "Testeur", "birth_year": 1984, "role": "reference"},
            {"first_name": "Marc", "last_name": "Testeur", "birth_year": 1982, "role": "adult"}
        ],
        "commune": "Raismes",
        "preferred_contact": "phone",
        "phone": "06 12 00 00 21",
        "needs": ["no_computer"]
    });
    let edited = ok(replace(&app, &staff, &path, body.clone()).await);
    let now = member_ids(&edited);
    assert_eq!(&now[..2], &[people[1].clone(), people[0].clone()]);
    assert_eq!(edited["members"][0]["first_name"], "Léa-Rose");
    let detail_path = format!("/api/v1/orgs/{amqr}/referrals/{referral}");
    assert_eq!(
        app.get(&detail_path, &staff).await.json()["member_id"],
        people[0].as_str()
    );

    // Unknown, foreign or repeated ids are refused by field; a new household has none.
    let acsrv_staff = app.login("animateur@acsrv.test").await;
    let theirs = ok(app
        .call(
            "POST",
            &format!("/api/v1/orgs/{acsrv}/households"),
            Some(&acsrv_staff),
            Some(json!({"members": [{"first_name": "Autre", "last_name": "Foyer", "role": "reference"}], "preferred_contact": "letter", "address": "1 rue", "needs": []})),
        )
        .await);
    for (bad, field) in [
        (json!(Uuid::now_v7()), "members[0].id"),
        (theirs["members"][0]["id"].clone(), "members[0].id"),
        (json!(people[0]), "members[1].id"),
    ] {
        let mut wrong = body.clone();
        wrong["members"][0]["id"] = bad;
        if field == "members[1].id" {
            wrong["members"][1]["id"] = json!(people[0]);
        }
        let res = replace(&app, &staff, &path, wrong).await;
        assert_eq!(res.status, 422, "{field}");
        assert!(res.json()["errors"][field].is_array(), "{}", res.json());
    }
    let mut created = body.clone();
    created["members"][2]["id"] = json!(Uuid::now_v7());
    let res = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/households"),
            Some(&staff),
            Some(created),
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.json()["errors"]["members[2].id"].is_array());

    // Removing the person referred leaves the referral without a person, never another's.
    body["members"] = json!([
        {"id": people[1], "first_name": "Léa-Rose", "last_name": "Testeur", "birth_year": 2013, "role": "reference"}
    ]);
    ok(replace(&app, &staff, &path, body).await);
    assert_eq!(
        app.get(&detail_path, &staff).await.json()["member_id"],
        Value::Null
    );
}
