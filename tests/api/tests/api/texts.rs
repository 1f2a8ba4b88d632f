//! A structure's versioned texts: published by its admins, never changed, every version
//! readable; the handover records the agreement's version in force and prints its text.

use diesel::connection::SimpleConnection;
use serde_json::json;
use solidaires_tests::TestApp;

use crate::cycles_support::{enrol, household, new_cycle};
use crate::workshop_documents::pdf_text;
use crate::workshop_support::device_path;
use crate::workshop_support::{days_ago, post, ready_laptop, reserve};

const CONSENT_V1: &str =
    "J'accepte d'être orienté·e vers l'AMQR pour le programme.\n\nJe peux retirer mon accord.";
const CONSENT_V2: &str =
    "J'accepte que mes coordonnées soient transmises à l'AMQR, pour ce programme seulement.";

#[actix_web::test]
async fn admins_publish_versions_everyone_of_the_structure_reads_them_and_none_changes() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let admin = app.login("admin@amqr.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let volunteer = app.login("benevole@amqr.test").await;
    let base = format!("/api/v1/orgs/{amqr}/texts");

    let none = app.get(&base, &staff).await.json();
    assert_eq!(none.as_array().expect("kinds").len(), 3);
    assert!(none
        .as_array()
        .expect("kinds")
        .iter()
        .all(|t| t["current"].is_null()));

    let first = app
        .call(
            "POST",
            &format!("{base}/referral_consent"),
            Some(&admin),
            Some(json!({"body": CONSENT_V1})),
        )
        .await;
    assert_eq!(
        first.status,
        201,
        "{}",
        String::from_utf8_lossy(&first.body)
    );
    assert_eq!(first.json()["label"], "v1");
    assert_eq!(first.json()["published_by_name"], "Michel Lefebvre");
    let second = app
        .call(
            "POST",
            &format!("{base}/referral_consent"),
            Some(&admin),
            Some(json!({"body": CONSENT_V2})),
        )
        .await;
    assert_eq!(second.json()["version"], 2);

    let current = app.get(&base, &volunteer).await.json();
    let consent = current
        .as_array()
        .expect("kinds")
        .iter()
        .find(|t| t["kind"] == "referral_consent")
        .expect("consent");
    assert_eq!(consent["current"]["label"], "v2");
    assert_eq!(consent["current"]["body"], CONSENT_V2);
    let versions = app
        .get(&format!("{base}/referral_consent"), &staff)
        .await
        .json();
    let bodies: Vec<&str> = versions
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| v["body"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        bodies,
        vec![CONSENT_V2, CONSENT_V1],
        "newest first, the first one as it was"
    );

    // Who may publish, what may be published, and where.
    assert_eq!(
        app.call(
            "POST",
            &format!("{base}/privacy_notice"),
            Some(&staff),
            Some(json!({"body": CONSENT_V1}))
        )
        .await
        .status,
        403
    );
    let short = app
        .call(
            "POST",
            &format!("{base}/privacy_notice"),
            Some(&admin),
            Some(json!({"body": "  trop court  "})),
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(short.json()["errors"]["body"].is_array());
    assert_eq!(
        app.get(&format!("{base}/not_a_kind"), &admin).await.status,
        404
    );
    let other = app.login("admin@acsrv.test").await;
    assert_eq!(
        app.get(&format!("{base}/referral_consent"), &other)
            .await
            .status,
        404
    );
    let theirs = app
        .get(&format!("/api/v1/orgs/{acsrv}/texts"), &other)
        .await
        .json();
    assert!(
        theirs
            .as_array()
            .expect("kinds")
            .iter()
            .all(|t| t["current"].is_null()),
        "another structure's texts are its own"
    );

    // A version never changes: the request role may not update or delete one.
    let mut conn = app.conn();
    for sql in [
        "UPDATE legal_texts SET body = body || '!'",
        "DELETE FROM legal_texts",
    ] {
        let refused = conn.batch_execute(&format!(
            "BEGIN; SELECT set_config('app.org_id', '{amqr}', true); SET LOCAL ROLE solidaires_app; {sql}; COMMIT;"
        ));
        assert!(refused.is_err(), "{sql} must be refused");
        conn.batch_execute("ROLLBACK").expect("rollback");
    }
}

#[actix_web::test]
async fn a_handover_records_the_structure_s_agreement_in_force_and_prints_its_text() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let admin = app.login("admin@amqr.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let device = ready_laptop(&app, amqr, "TEXT-01").await;
    let path = device_path(amqr, &device);
    let (household, member) = household(
        &app,
        &staff,
        amqr,
        "Conventionnee",
        "phone",
        "06 12 00 00 45",
    )
    .await;
    let cycle = new_cycle(
        &app,
        &staff,
        amqr,
        "Cycle de la convention",
        8,
        "2026-12-07",
    )
    .await;
    let enrolled = enrol(
        &app,
        &staff,
        amqr,
        cycle["id"].as_str().expect("id"),
        json!({"household_id": household, "member_id": member}),
    )
    .await;
    assert_eq!(enrolled.status, 201);
    assert_eq!(reserve(&app, &staff, &path, &household).await.status, 200);

    let agreement = "1. L'ordinateur est prêté puis donné à la famille après six mois d'usage.\n\n2. La structure l'entretient pendant un an.";
    let published = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{amqr}/texts/handover_agreement"),
            Some(&admin),
            Some(json!({"body": agreement})),
        )
        .await;
    assert_eq!(published.status, 201);
    let printed = pdf_text(&app.get(&format!("{path}/agreement.pdf"), &staff).await);
    assert!(
        printed.contains("prêté puis donné") && printed.contains("Convention version v1"),
        "{printed}"
    );

    let (handed_on, _) = days_ago(1);
    let body = |version: &str| json!({"household_id": household, "handed_on": handed_on, "accessories": ["charger"], "condition": "Bon état", "agreement_version": version, "recipient_name": "Conventionnee Cycliste"});
    let stale = post(&app, &staff, &format!("{path}/handover"), body("2026-1")).await;
    assert_eq!(stale.status, 422);
    assert!(stale.json()["errors"]["agreement_version"][0]
        .as_str()
        .unwrap_or_default()
        .contains("v1"));
    let given = post(&app, &staff, &format!("{path}/handover"), body("v1")).await;
    assert_eq!(
        given.status,
        201,
        "{}",
        String::from_utf8_lossy(&given.body)
    );
    assert_eq!(given.json()["agreement_version"], "v1");

    // A newer version does not change what this family signed.
    app.call(
        "POST",
        &format!("/api/v1/orgs/{amqr}/texts/handover_agreement"),
        Some(&admin),
        Some(json!({"body": "Une toute nouvelle convention, pour les prochaines familles."})),
    )
    .await;
    let signed = pdf_text(&app.get(&format!("{path}/agreement.pdf"), &staff).await);
    assert!(
        signed.contains("prêté puis donné") && signed.contains("Convention version v1"),
        "{signed}"
    );
}

#[actix_web::test]
async fn a_referrer_shows_the_structure_s_own_consent_and_its_version_is_recorded() {
    let app = TestApp::start().await;
    let (amqr, acsrv, ccas) = (app.org("AMQR"), app.org("ACSRV"), app.org("CCAS"));
    let admin = app.login("admin@amqr.test").await;
    let agent = app.login("agent@ccas.test").await;
    let text_of =
        |structure: uuid::Uuid| format!("/api/v1/orgs/{ccas}/partners/{structure}/consent-text");

    // Before the structure writes its own: the platform's.
    let platform = app.get(&text_of(amqr), &agent).await.json();
    assert_eq!(
        platform["version"],
        solidaires::referrals::consent::CURRENT_VERSION
    );
    app.call(
        "POST",
        &format!("/api/v1/orgs/{amqr}/texts/referral_consent"),
        Some(&admin),
        Some(json!({"body": CONSENT_V1})),
    )
    .await;
    let own = app.get(&text_of(amqr), &agent).await.json();
    assert_eq!(own["version"], "v1");
    assert_eq!(own["text"], CONSENT_V1);
    assert!(own["share_progress_text"].is_string());

    let mut body = crate::referrals::family(amqr, "Consentie", "06 12 00 00 46", true);
    body["consent"]["text_version"] = json!("v1");
    let sent = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{ccas}/referrals"),
            Some(&agent),
            Some(body.clone()),
        )
        .await;
    assert_eq!(sent.status, 201, "{}", String::from_utf8_lossy(&sent.body));
    assert_eq!(sent.json()["consent"]["text_version"], "v1");
    body["consent"]["text_version"] = json!("v7");
    body["phone"] = json!("06 12 00 00 47");
    let unknown = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{ccas}/referrals"),
            Some(&agent),
            Some(body),
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.json()["errors"]["consent.text_version"].is_array());

    // Only for a partner, only for the referrer: a structure's other texts stay its own.
    let partners = app
        .get(&format!("/api/v1/orgs/{ccas}/partnerships"), &agent)
        .await
        .json();
    let is_partner = |org: uuid::Uuid| {
        partners
            .as_array()
            .expect("partners")
            .iter()
            .any(|p| p["structure"]["id"] == org.to_string().as_str() && p["active"] == true)
    };
    if !is_partner(acsrv) {
        assert_eq!(app.get(&text_of(acsrv), &agent).await.status, 404);
    }
    assert_eq!(
        app.get(&text_of(uuid::Uuid::nil()), &agent).await.status,
        404
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/orgs/{amqr}/texts/referral_consent"),
            &agent
        )
        .await
        .status,
        404
    );
}
