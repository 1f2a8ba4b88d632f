//! Training: hours from attendance at sessions held, validations and who may give them, the
//! skills ledger under `warn` and `strict`, and a course shared between structures where
//! each sees only its own people's records.

use serde_json::{json, Value};
use solidaires_tests::{Response, TestApp};
use uuid::Uuid;

use crate::cycles_support::{site, versioned};
use crate::workshop_support::{days_ago, diagnose, donation, erase, install, laptop, post};

async fn person(app: &TestApp, token: &str, org: Uuid, body: Value) -> String {
    let res = post(
        app,
        token,
        &format!("/api/v1/orgs/{org}/training/people"),
        body,
    )
    .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    res.json()["id"].as_str().expect("id").to_owned()
}

/// The id of a person the demo gave a training record.
async fn demo_person(app: &TestApp, token: &str, org: Uuid, name: &str) -> String {
    let people = app
        .get(&format!("/api/v1/orgs/{org}/training/people"), token)
        .await
        .json();
    people
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["name"] == name)
        .and_then(|p| p["id"].as_str())
        .expect("a demo person")
        .to_owned()
}

async fn course(app: &TestApp, token: &str, org: Uuid, name: &str, trainer: &str) -> Value {
    let site = site(app, token, org, "Maison de quartier Sabatier").await;
    let res = post(
        app,
        token,
        &format!("/api/v1/orgs/{org}/courses"),
        json!({"name": name, "site_id": site, "first_day": "2026-11-02", "start_time": "09:30", "trainer_ids": [trainer]}),
    )
    .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    res.json()
}

async fn add(app: &TestApp, token: &str, org: Uuid, course: &str, person: &str) -> Value {
    let res = post(
        app,
        token,
        &format!("/api/v1/orgs/{org}/courses/{course}/trainees"),
        json!({ "person_id": person }),
    )
    .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    res.json()
}

/// Takes a session's attendance: (person, their structure, presence).
async fn attend(
    app: &TestApp,
    token: &str,
    org: Uuid,
    course: &str,
    session: &str,
    marks: &[(&str, Uuid, &str)],
) -> Response {
    let path = format!("/api/v1/orgs/{org}/courses/{course}/sessions/{session}/attendance");
    let sheet = app.get(&path, token).await;
    assert_eq!(
        sheet.status,
        200,
        "{}",
        String::from_utf8_lossy(&sheet.body)
    );
    let etag = sheet.header("etag").expect("etag");
    let entries: Vec<Value> = marks
        .iter()
        .map(|(p, o, presence)| json!({"person_id": p, "organisation_id": o, "presence": presence}))
        .collect();
    versioned(
        app,
        "PUT",
        &path,
        token,
        Some(&etag),
        json!({ "entries": entries }),
    )
    .await
}

fn session(course: &Value, n: usize) -> String {
    course["sessions"][n - 1]["id"]
        .as_str()
        .expect("session")
        .to_owned()
}

#[actix_web::test]
async fn hours_come_from_presence_at_sessions_held_and_a_volunteer_sees_only_their_own() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let volunteer = app.login("benevole@amqr.test").await;
    let figures_path = format!("/api/v1/orgs/{amqr}/training/figures");
    let before = app.get(&figures_path, &staff).await.json();
    let trainer = person(&app, &staff, amqr, json!({"name": "Yanis Formateur", "is_trainer": true, "external_organisation": "Emmaüs Connect"})).await;
    let jean = person(&app, &staff, amqr, json!({"name": "Paul Essai"})).await;
    let sans = person(&app, &staff, amqr, json!({"name": "Nadia Sanscompte"})).await;
    let twice = post(
        &app,
        &staff,
        &format!("/api/v1/orgs/{amqr}/training/people"),
        json!({"name": "Doublon", "user_id": app.user("benevole@amqr.test")}),
    )
    .await;
    assert_eq!(twice.status, 422, "one record per account");
    let not_a_trainer = post(
        &app,
        &staff,
        &format!("/api/v1/orgs/{amqr}/courses"),
        json!({"name": "X", "site_id": site(&app, &staff, amqr, "Maison de quartier Sabatier").await, "first_day": "2026-11-02", "start_time": "09:30", "trainer_ids": [sans]}),
    )
    .await;
    assert_eq!(not_a_trainer.status, 422);

    let c = course(
        &app,
        &staff,
        amqr,
        "Bases du reconditionnement — automne",
        &trainer,
    )
    .await;
    let id = c["id"].as_str().expect("id").to_owned();
    let minutes: Vec<i64> = c["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| s["minutes"].as_i64().expect("minutes"))
        .collect();
    assert_eq!(minutes, [150, 150, 180, 150], "the default programme");
    assert_eq!(c["trainers"], json!(["Yanis Formateur (Emmaüs Connect)"]));
    add(&app, &staff, amqr, &id, &jean).await;
    add(&app, &staff, amqr, &id, &sans).await;

    // The fourth session is cancelled: no sheet, no hours.
    let fourth = format!(
        "/api/v1/orgs/{amqr}/courses/{id}/sessions/{}/change",
        session(&c, 4)
    );
    let cancelled = versioned(
        &app,
        "POST",
        &fourth,
        &staff,
        Some("\"1\""),
        json!({"cancel": true, "reason": "Formateur malade"}),
    )
    .await;
    assert_eq!(
        cancelled.status,
        200,
        "{}",
        String::from_utf8_lossy(&cancelled.body)
    );
    assert_eq!(cancelled.json()["cancelled"], true);
    let stale = versioned(
        &app,
        "POST",
        &fourth,
        &staff,
        Some("\"1\""),
        json!({"cancel": true, "reason": "Encore"}),
    )
    .await;
    assert_eq!(stale.status, 412);

    let marks = [
        [
            (jean.as_str(), amqr, "present"),
            (sans.as_str(), amqr, "present"),
        ],
        [
            (jean.as_str(), amqr, "present"),
            (sans.as_str(), amqr, "excused"),
        ],
        [
            (jean.as_str(), amqr, "absent"),
            (sans.as_str(), amqr, "present"),
        ],
    ];
    for (n, m) in marks.iter().enumerate() {
        let res = attend(&app, &staff, amqr, &id, &session(&c, n + 1), m).await;
        assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    }
    let on_cancelled = attend(
        &app,
        &staff,
        amqr,
        &id,
        &session(&c, 4),
        &[(jean.as_str(), amqr, "present")],
    )
    .await;
    assert_eq!(on_cancelled.status, 409);
    let stranger = attend(
        &app,
        &staff,
        amqr,
        &id,
        &session(&c, 1),
        &[(trainer.as_str(), amqr, "present")],
    )
    .await;
    assert_eq!(stranger.status, 422, "the trainer is not a trainee");

    let record = app
        .get(
            &format!("/api/v1/orgs/{amqr}/training/people/{jean}"),
            &staff,
        )
        .await
        .json();
    assert_eq!(record["minutes_attended"], 300);
    assert_eq!(record["hours"], "5 h");
    assert_eq!(record["sessions_attended"], 2);
    let other = app
        .get(
            &format!("/api/v1/orgs/{amqr}/training/people/{sans}"),
            &staff,
        )
        .await
        .json();
    assert_eq!(
        other["minutes_attended"], 330,
        "150 + 180: excused counts nothing"
    );

    // The volunteer reads their own record, never the others'.
    let mine = app
        .get(&format!("/api/v1/orgs/{amqr}/training/me"), &volunteer)
        .await
        .json();
    assert_eq!(mine["record"]["hours"], "10 h 30", "the demo's course");
    assert_eq!(mine["record"]["person"]["name"], "Jean Dupont");
    for path in [
        format!("/api/v1/orgs/{amqr}/training/people"),
        format!("/api/v1/orgs/{amqr}/training/people/{sans}"),
        format!("/api/v1/orgs/{amqr}/training/people/{sans}/attestation.pdf"),
    ] {
        assert_eq!(app.get(&path, &volunteer).await.status, 403, "{path}");
    }
    let admin = app.login("admin@amqr.test").await;
    let nobody = app
        .get(&format!("/api/v1/orgs/{amqr}/training/me"), &admin)
        .await
        .json();
    assert!(nobody["record"].is_null());
    let after = app.get(&figures_path, &staff).await.json();
    let grew = |key: &str| after[key].as_i64().unwrap_or(0) - before[key].as_i64().unwrap_or(0);
    assert_eq!(grew("people_trained"), 2);
    assert_eq!(grew("minutes_delivered"), 630);
}

async fn settings(app: &TestApp, admin: &str, org: Uuid, changes: Value) {
    let path = format!("/api/v1/orgs/{org}");
    let etag = app.get(&path, admin).await.header("etag").expect("etag");
    let res = versioned(app, "PATCH", &path, admin, Some(&etag), changes).await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
}

#[actix_web::test]
async fn validations_come_from_trainers_or_admins_and_the_ledger_warns_or_refuses() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let admin = app.login("admin@amqr.test").await;
    let volunteer = app.login("benevole@amqr.test").await;
    let trainer = person(&app, &staff, amqr, json!({"name": "Michel Lefebvre", "is_trainer": true, "user_id": app.user("admin@amqr.test")})).await;
    // Jean (the demo's volunteer) holds diagnosis and erasure, not the system's installation.
    let jean = demo_person(&app, &staff, amqr, "Jean Dupont").await;
    let c = course(&app, &staff, amqr, "Cours du registre", &trainer).await;
    let id = c["id"].as_str().expect("id").to_owned();
    add(&app, &staff, amqr, &id, &jean).await;
    let validate = |token: String, competence: &'static str| {
        let (app, id, jean) = (&app, id.clone(), jean.clone());
        async move {
            post(
                app,
                &token,
                &format!("/api/v1/orgs/{amqr}/courses/{id}/validations"),
                json!({"person_id": jean, "organisation_id": amqr, "competence": competence, "validated_on": days_ago(1).0, "comment": "Réparation menée seul"}),
            )
            .await
        }
    };
    assert_eq!(
        validate(volunteer.clone(), "hardware_repair").await.status,
        403,
        "a trainee does not validate"
    );
    assert_eq!(
        validate(staff.clone(), "hardware_repair").await.status,
        403,
        "staff who do not train the course do not either"
    );
    assert_eq!(
        validate(admin.clone(), "hardware_repair").await.status,
        200,
        "the course's trainer"
    );
    let future = post(
        &app,
        &admin,
        &format!("/api/v1/orgs/{amqr}/training/people/{jean}/validations"),
        json!({"competence": "quality_check", "validated_on": days_ago(-3).0}),
    )
    .await;
    assert_eq!(future.status, 422);

    // Warn (the default): a step without the competence is accepted and flagged.
    let figures_path = format!("/api/v1/orgs/{amqr}/training/figures");
    let before = app.get(&figures_path, &staff).await.json();
    let lot = donation(&app, &volunteer, amqr, "Donateur du registre").await;
    let take_to_erased = |serial: &'static str| {
        let (app, volunteer, lot) = (&app, volunteer.clone(), lot.clone());
        async move {
            let device = laptop(app, &volunteer, amqr, &lot, serial).await;
            let diagnosed = diagnose(app, &volunteer, amqr, &device, &[("ssd", 128, serial)]).await;
            assert_eq!(diagnosed.status, 200);
            let disk = diagnosed.json()["disks"][0]["id"]
                .as_str()
                .expect("disk")
                .to_owned();
            assert_eq!(
                erase(app, &volunteer, amqr, &device, &disk, true)
                    .await
                    .status,
                200
            );
            let path = format!(
                "/api/v1/orgs/{amqr}/devices/{}",
                device["id"].as_str().expect("id")
            );
            assert_eq!(
                post(app, &volunteer, &format!("{path}/erased"), json!({}))
                    .await
                    .status,
                200
            );
            device
        }
    };
    let first = take_to_erased("LEDGER-1").await;
    let installed = install(&app, &volunteer, amqr, &first).await;
    assert_eq!(installed.status, 200);
    let ledger = installed.json()["ledger"].clone();
    let steps: Vec<(&str, bool)> = ledger
        .as_array()
        .expect("ledger")
        .iter()
        .map(|l| {
            (
                l["step"].as_str().unwrap_or(""),
                l["trained"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("diagnosis", true),
            ("erasure", true),
            ("os_installation", false)
        ],
        "flagged"
    );
    assert_eq!(ledger[2]["person"]["name"], "Jean Dupont");

    // Strict: refused until the competence is validated (here by an admin).
    settings(
        &app,
        &admin,
        amqr,
        json!({"workshop_ledger_policy": "strict"}),
    )
    .await;
    let second = take_to_erased("LEDGER-2").await;
    let refused = install(&app, &volunteer, amqr, &second).await;
    assert_eq!(refused.status, 422);
    assert!(refused.json()["errors"]["operator_id"][0]
        .as_str()
        .expect("message")
        .contains("Installation d'un système"));
    let path = format!(
        "/api/v1/orgs/{amqr}/devices/{}",
        second["id"].as_str().expect("id")
    );
    assert_eq!(
        app.get(&path, &volunteer).await.json()["state"],
        "erased",
        "nothing recorded"
    );
    let by_admin = post(
        &app,
        &admin,
        &format!("/api/v1/orgs/{amqr}/training/people/{jean}/validations"),
        json!({"competence": "os_installation", "validated_on": days_ago(0).0}),
    )
    .await;
    assert_eq!(
        by_admin.status,
        200,
        "{}",
        String::from_utf8_lossy(&by_admin.body)
    );
    assert_eq!(install(&app, &volunteer, amqr, &second).await.status, 200);

    let record = app
        .get(&format!("/api/v1/orgs/{amqr}/training/me"), &volunteer)
        .await
        .json()["record"]
        .clone();
    let competences: Vec<&str> = record["competences"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["competence"].as_str())
        .collect();
    for expected in [
        "diagnosis",
        "data_erasure",
        "hardware_repair",
        "os_installation",
    ] {
        assert!(
            competences.contains(&expected),
            "{expected} in {competences:?}"
        );
    }
    let after = app.get(&figures_path, &staff).await.json();
    let grew = |key: &str| after[key].as_i64().unwrap_or(0) - before[key].as_i64().unwrap_or(0);
    assert_eq!(grew("workshop_steps"), 6, "{before} → {after}");
    assert_eq!(grew("steps_by_trained_people"), 5);
}

#[actix_web::test]
async fn a_shared_course_shows_each_structure_only_its_own_people_records() {
    let app = TestApp::start().await;
    let (amqr, acsrv, csi) = (app.org("AMQR"), app.org("ACSRV"), app.org("CSI"));
    let staff = app.login("animatrice@amqr.test").await;
    let theirs = app.login("animateur@acsrv.test").await;
    let outsider = app.login("admin@centre-independant.test").await;
    let admin = app.login("admin@amqr.test").await;
    let trainer = person(&app, &staff, amqr, json!({"name": "Michel Lefebvre", "is_trainer": true, "user_id": app.user("admin@amqr.test")})).await;
    let ours = person(&app, &staff, amqr, json!({"name": "Paul Essai"})).await;
    let karim = person(&app, &theirs, acsrv, json!({"name": "Karima Valenciennes"})).await;
    let c = course(&app, &staff, amqr, "Cours partagé", &trainer).await;
    let id = c["id"].as_str().expect("id").to_owned();
    add(&app, &staff, amqr, &id, &ours).await;

    // Not yet invited: the ACSRV does not see the course.
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{acsrv}/courses/{id}"), &theirs)
            .await
            .status,
        404
    );
    let invited = post(
        &app,
        &staff,
        &format!("/api/v1/orgs/{amqr}/courses/{id}/invitations"),
        json!({"organisation_id": acsrv}),
    )
    .await;
    assert_eq!(invited.status, 200);
    let seen = add(&app, &theirs, acsrv, &id, &karim).await;
    let names: Vec<&str> = seen["trainees"]
        .as_array()
        .expect("trainees")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Karima Valenciennes"],
        "the ACSRV sees its own people only"
    );
    assert_eq!(seen["organised"], false);
    let foreign_person = post(
        &app,
        &theirs,
        &format!("/api/v1/orgs/{acsrv}/courses/{id}/trainees"),
        json!({"person_id": ours}),
    )
    .await;
    assert_eq!(foreign_person.status, 422, "only one's own people");

    // The organiser lists everyone by name and takes attendance for everyone.
    let organiser = app
        .get(&format!("/api/v1/orgs/{amqr}/courses/{id}"), &staff)
        .await
        .json();
    assert_eq!(organiser["trainees"].as_array().map(Vec::len), Some(2));
    let res = attend(
        &app,
        &staff,
        amqr,
        &id,
        &session(&c, 1),
        &[
            (ours.as_str(), amqr, "present"),
            (karim.as_str(), acsrv, "present"),
        ],
    )
    .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    let validated = post(
        &app,
        &admin,
        &format!("/api/v1/orgs/{amqr}/courses/{id}/validations"),
        json!({"person_id": karim, "organisation_id": acsrv, "competence": "diagnosis", "validated_on": days_ago(0).0}),
    )
    .await;
    assert_eq!(
        validated.status,
        200,
        "{}",
        String::from_utf8_lossy(&validated.body)
    );

    // The ACSRV reads its person's record and attestation; the AMQR cannot.
    let record = app
        .get(
            &format!("/api/v1/orgs/{acsrv}/training/people/{karim}"),
            &theirs,
        )
        .await
        .json();
    assert_eq!(record["hours"], "2 h 30");
    assert_eq!(record["competences"][0]["competence"], "diagnosis");
    assert_eq!(record["courses"][0]["name"], "Cours partagé");
    let pdf = app
        .get(
            &format!("/api/v1/orgs/{acsrv}/training/people/{karim}/attestation.pdf"),
            &theirs,
        )
        .await;
    assert_eq!(pdf.status, 200);
    let doc = lopdf::Document::load_mem(&pdf.body).expect("a PDF that parses");
    let text = doc.extract_text(&[1]).expect("text");
    for expected in [
        "Attestation de formation",
        "Karima Valenciennes",
        "2 h 30",
        "Diagnostic du matériel",
        "Michel Lefebvre",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text:?}");
    }
    assert!(!text.contains("Paul Essai"), "nobody else's name");
    for path in [
        format!("/api/v1/orgs/{amqr}/training/people/{karim}"),
        format!("/api/v1/orgs/{amqr}/training/people/{karim}/attestation.pdf"),
    ] {
        assert_eq!(app.get(&path, &staff).await.status, 404, "{path}");
    }
    let sheet = app
        .get(
            &format!(
                "/api/v1/orgs/{acsrv}/courses/{id}/sessions/{}/attendance",
                session(&c, 1)
            ),
            &theirs,
        )
        .await;
    assert_eq!(sheet.status, 404, "the sheet is the organiser's");
    // A structure not invited sees nothing of it.
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{csi}/courses/{id}"), &outsider)
            .await
            .status,
        404
    );
    let listed = app
        .get(&format!("/api/v1/orgs/{csi}/courses"), &outsider)
        .await
        .json();
    assert!(listed
        .as_array()
        .expect("list")
        .iter()
        .all(|c| c["id"] != id.as_str()));
}

#[actix_web::test]
async fn the_demo_course_has_six_trainees_of_two_structures_and_steps_by_trained_and_untrained_people(
) {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let staff = app.login("animatrice@amqr.test").await;
    let courses = app
        .get(&format!("/api/v1/orgs/{amqr}/courses"), &staff)
        .await
        .json();
    let id = courses[0]["id"]
        .as_str()
        .expect("the demo course")
        .to_owned();
    let course = app
        .get(&format!("/api/v1/orgs/{amqr}/courses/{id}"), &staff)
        .await
        .json();
    assert_eq!(course["trainees"].as_array().map(Vec::len), Some(6));
    assert_eq!(
        course["trainers"],
        json!(["Sylvain Roche (Emmaüs Connect)"])
    );
    let theirs = app.login("animateur@acsrv.test").await;
    let guest_view = app
        .get(&format!("/api/v1/orgs/{acsrv}/courses/{id}"), &theirs)
        .await
        .json();
    assert_eq!(guest_view["trainees"].as_array().map(Vec::len), Some(3));
    let karim = app
        .get(&format!("/api/v1/orgs/{acsrv}/training/me"), &theirs)
        .await
        .json();
    assert_eq!(karim["record"]["hours"], "10 h 30");
    assert_eq!(karim["record"]["competences"][0]["competence"], "diagnosis");

    let volunteer = app.login("benevole@amqr.test").await;
    let jean = app
        .get(&format!("/api/v1/orgs/{amqr}/training/me"), &volunteer)
        .await
        .json();
    assert_eq!(jean["record"]["hours"], "10 h 30");
    let steps = jean["record"]["workshop_steps"]
        .as_array()
        .expect("steps")
        .clone();
    assert!(
        steps.iter().any(|s| s["trained"] == true) && steps.iter().any(|s| s["trained"] == false),
        "{steps:?}"
    );
    let figures = app
        .get(&format!("/api/v1/orgs/{amqr}/training/figures"), &staff)
        .await
        .json();
    assert_eq!(figures["people_trained"], 3, "the AMQR's own people");
    let share = figures["share_by_trained_people"]
        .as_f64()
        .expect("a share");
    assert!(share > 0.0 && share < 100.0, "{figures}");
}
