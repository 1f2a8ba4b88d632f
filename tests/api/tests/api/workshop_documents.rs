//! The workshop's documents: the erasure certificate and its public check, labels, the
//! donation receipt, the handover agreement and the donor report (which names no family).

use serde_json::{json, Value};
use solidaires_tests::{Response, TestApp};

use crate::cycles_support::{enrol, household, new_cycle};
use crate::workshop_support::{days_ago, device_path, post, ready_laptop, reserve};

pub fn pdf_text(res: &Response) -> String {
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("application/pdf")
    );
    let doc = lopdf::Document::load_mem(&res.body).expect("a PDF that parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text")
}

#[actix_web::test]
async fn a_certificate_names_the_disks_and_its_code_verifies_publicly_revealing_nothing_else() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let volunteer = app.login("benevole@amqr.test").await;
    let device = ready_laptop(&app, amqr, "CERT-77").await;
    let path = device_path(amqr, &device);
    let text = pdf_text(
        &app.get(&format!("{path}/certificate.pdf"), &volunteer)
            .await,
    );
    let code = device["certificate"]["code"]
        .as_str()
        .expect("code")
        .to_owned();
    for expected in [
        "Certificat d'effacement",
        device["asset_tag"].as_str().expect("tag"),
        "CERT-77",
        "D-CERT-77",
        "NIST SP 800-88 Rev. 1",
        "Purge",
        "nwipe 0.34",
        &code,
        "Jean Dupont",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text:?}");
    }

    // The public check: no token, any spelling of the code.
    let typed = code.to_lowercase().replace('-', " ");
    let checked = app
        .call(
            "GET",
            &format!("/api/v1/verify/{}", typed.replace(' ', "%20")),
            None,
            None,
        )
        .await;
    assert_eq!(
        checked.status,
        200,
        "{}",
        String::from_utf8_lossy(&checked.body)
    );
    let body = checked.json();
    assert_eq!(body["genuine"], true);
    assert_eq!(body["asset_tag"], device["asset_tag"]);
    assert_eq!(body["structure"], "AMQR — Maisons de quartier de Raismes");
    let raw = String::from_utf8_lossy(&checked.body).to_string();
    for secret in ["CERT-77", "Jean Dupont", "Camille", "operator", "serial"] {
        assert!(!raw.contains(secret), "{secret} revealed: {raw}");
    }
    let keys: Vec<&String> = body.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        [
            "asset_tag",
            "code",
            "device_kind",
            "disks_erased",
            "genuine",
            "issued_on",
            "standards",
            "structure"
        ]
    );
    // A forged code, a malformed one: not found, the same way.
    let forged = app
        .call("GET", "/api/v1/verify/2345-6789-ABCD", None, None)
        .await;
    assert_eq!(forged.status, 404);
    let malformed = app.call("GET", "/api/v1/verify/0000", None, None).await;
    assert_eq!(malformed.status, 404);
    assert_eq!(forged.body, malformed.body);

    // Within a structure, a code finds its device; another structure's code is not found.
    let own = app
        .get(
            &format!("/api/v1/orgs/{amqr}/certificates/{code}"),
            &volunteer,
        )
        .await;
    assert_eq!(own.status, 200);
    assert_eq!(own.json()["device_id"], device["id"]);
    let outsider = app.login("animateur@acsrv.test").await;
    let foreign = app
        .get(
            &format!("/api/v1/orgs/{acsrv}/certificates/{code}"),
            &outsider,
        )
        .await;
    assert_eq!(foreign.status, 404);
    let foreign_pdf = app
        .get(
            &format!(
                "/api/v1/orgs/{acsrv}/devices/{}/certificate.pdf",
                device["id"].as_str().expect("id")
            ),
            &outsider,
        )
        .await;
    assert_eq!(foreign_pdf.status, 404);

    // The public check is rate-limited per address.
    let mut statuses = Vec::new();
    for _ in 0..40 {
        statuses.push(
            app.call("GET", "/api/v1/verify/2345-6789-ABCD", None, None)
                .await,
        );
    }
    let limited = statuses
        .iter()
        .find(|r| r.status == 429)
        .expect("a 429 within 40 checks");
    assert!(limited.header("retry-after").is_some());
    assert_eq!(limited.code(), "too_many_requests");
}

#[actix_web::test]
async fn labels_receipt_agreement_and_donor_report_print_what_they_should_and_no_family_for_the_donor(
) {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let volunteer = app.login("benevole@amqr.test").await;
    let staff = app.login("animatrice@amqr.test").await;
    let device = ready_laptop(&app, amqr, "DOC-5").await;
    let path = device_path(amqr, &device);
    let tag = device["asset_tag"].as_str().expect("tag").to_owned();
    let donation = device["donation_id"].as_str().expect("donation").to_owned();

    let labels = app
        .get(
            &format!("/api/v1/orgs/{amqr}/device-labels.pdf?donation_id={donation}"),
            &volunteer,
        )
        .await;
    let text = pdf_text(&labels);
    assert!(text.contains(&tag), "{text}");
    let none = app
        .get(
            &format!("/api/v1/orgs/{amqr}/device-labels.pdf"),
            &volunteer,
        )
        .await;
    assert_eq!(none.status, 422);

    let receipt = pdf_text(
        &app.get(
            &format!("/api/v1/orgs/{amqr}/donations/{donation}/receipt.pdf"),
            &volunteer,
        )
        .await,
    );
    for expected in ["Reçu de don", "Donateur DOC-5", &tag, "DOC-5", "02/11/2026"] {
        assert!(receipt.contains(expected), "{expected:?} in {receipt:?}");
    }

    // Handed to a family: the agreement names it; the donor's report never does.
    let (household, member) = household(
        &app,
        &staff,
        amqr,
        "Rapportfamille",
        "phone",
        "06 12 00 00 44",
    )
    .await;
    let cycle = new_cycle(&app, &staff, amqr, "Cycle du rapport", 8, "2026-12-07").await;
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
    let before = pdf_text(&app.get(&format!("{path}/agreement.pdf"), &staff).await);
    assert!(
        before.contains("Rapportfamille Cycliste") && before.contains("Convention version 2026-1"),
        "{before}"
    );
    let (handed_on, handed_fr) = days_ago(2);
    let given = post(
        &app,
        &staff,
        &format!("{path}/handover"),
        json!({"household_id": household, "handed_on": handed_on, "accessories": ["charger", "bag"], "condition": "Comme neuf", "agreement_version": "2026-1", "recipient_name": "Rapportfamille Cycliste"}),
    )
    .await;
    assert_eq!(given.status, 201);
    let signed = pdf_text(&app.get(&format!("{path}/agreement.pdf"), &staff).await);
    for expected in [
        "Convention de remise",
        &tag,
        "chargeur, sacoche",
        "Comme neuf",
        &handed_fr,
        "Pour la famille",
    ] {
        assert!(signed.contains(expected), "{expected:?} in {signed:?}");
    }
    assert_eq!(
        app.get(&format!("{path}/agreement.pdf"), &volunteer)
            .await
            .status,
        403
    );

    let donors: Value = app
        .get(&format!("/api/v1/orgs/{amqr}/donors"), &volunteer)
        .await
        .json();
    let donor = donors
        .as_array()
        .expect("donors")
        .iter()
        .find(|d| d["name"] == "Donateur DOC-5")
        .expect("the donor")
        .clone();
    assert_eq!(donor["devices"], 1);
    let id = donor["id"].as_str().expect("id");
    let report = app
        .get(
            &format!("/api/v1/orgs/{amqr}/donors/{id}/report"),
            &volunteer,
        )
        .await;
    assert_eq!(report.status, 200);
    let raw = String::from_utf8_lossy(&report.body).to_string();
    assert!(
        !raw.contains("Rapportfamille") && !raw.contains(&household),
        "no family: {raw}"
    );
    let report = report.json();
    assert_eq!(report["handed_over"], 1);
    let outcome = format!("remis à une famille le {handed_fr}");
    assert_eq!(report["devices"][0]["outcome"], outcome.as_str());
    assert_eq!(
        report["devices"][0]["certificate_code"],
        device["certificate"]["code"]
    );
    let printed = pdf_text(
        &app.get(
            &format!("/api/v1/orgs/{amqr}/donors/{id}/report.pdf"),
            &volunteer,
        )
        .await,
    );
    assert!(
        printed.contains(&outcome) && printed.contains(&tag),
        "{printed}"
    );
    assert!(!printed.contains("Rapportfamille"), "no family in the PDF");
}
