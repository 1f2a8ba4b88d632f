//! The route matrix, generated from the OpenAPI document (so a new route cannot be
//! forgotten): every organisation route answers a foreign organisation's member exactly as
//! it answers a missing organisation (404, same bytes); every protected route wants a token;
//! and every role gets the allow/deny the specification below says.

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde_json::{json, Value};
use solidaires::auth::roles::{OrgKind, Role};
use solidaires_tests::{Response, TestApp};
use uuid::Uuid;

/// Who may call what: the specification this test holds the code to. Every operation of
/// the OpenAPI document must appear here.
fn requirement(method: &str, path: &str) -> Option<&'static str> {
    Some(match (method, path) {
        ("post", "/api/v1/auth/login")
        | ("post", "/api/v1/auth/refresh")
        | ("post", "/api/v1/auth/logout")
        | ("post", "/api/v1/auth/invitations/inspect")
        | ("post", "/api/v1/auth/invitations/accept")
        | ("post", "/api/v1/auth/password-reset/request")
        | ("post", "/api/v1/auth/password-reset/complete")
        | ("get", "/api/health")
        | ("get", "/api/ready")
        | ("get", "/api/v1/calendar/{token}.ics")
        | ("get", "/api/v1/verify/{code}") => "public",
        ("get", "/api/v1/me")
        | ("patch", "/api/v1/me")
        | ("put", "/api/v1/me/password")
        | ("post", "/api/v1/auth/invitations/accept-signed-in")
        | ("get", "/api/v1/organisations")
        | ("get", "/api/v1/consent-text") => "signed_in",
        ("post", "/api/v1/organisations") => "superadmin",
        ("get", "/api/v1/orgs/{org_id}") => "member_or_superadmin",
        ("patch", "/api/v1/orgs/{org_id}")
        | ("get", "/api/v1/orgs/{org_id}/members")
        | ("patch", "/api/v1/orgs/{org_id}/members/{user_id}")
        | ("delete", "/api/v1/orgs/{org_id}/members/{user_id}")
        | ("post", "/api/v1/orgs/{org_id}/members/{user_id}/password-reset")
        | ("get", "/api/v1/orgs/{org_id}/invitations")
        | ("post", "/api/v1/orgs/{org_id}/invitations")
        | ("delete", "/api/v1/orgs/{org_id}/invitations/{invitation_id}") => "org_admin",
        ("get", "/api/v1/orgs/{org_id}/sites")
        | ("get", "/api/v1/orgs/{org_id}/sites/{site_id}") => "structure_member",
        ("post", "/api/v1/orgs/{org_id}/sites")
        | ("patch", "/api/v1/orgs/{org_id}/sites/{site_id}")
        | ("post", "/api/v1/orgs/{org_id}/partnerships")
        | ("patch", "/api/v1/orgs/{org_id}/partnerships/{partnership_id}") => "structure_admin",
        ("get", "/api/v1/orgs/{org_id}/partnerships") => "partnership_reader",
        ("get", "/api/v1/orgs/{org_id}/households")
        | ("post", "/api/v1/orgs/{org_id}/households")
        | ("get", "/api/v1/orgs/{org_id}/households/{household_id}")
        | ("put", "/api/v1/orgs/{org_id}/households/{household_id}")
        | ("get", "/api/v1/orgs/{org_id}/referrals/counters")
        | ("post", "/api/v1/orgs/{org_id}/referrals/{referral_id}/accept")
        | ("post", "/api/v1/orgs/{org_id}/referrals/{referral_id}/decline")
        | ("post", "/api/v1/orgs/{org_id}/referrals/{referral_id}/waitlist")
        | ("post", "/api/v1/orgs/{org_id}/referrals/{referral_id}/drop-out")
        | ("post", "/api/v1/orgs/{org_id}/cycle-previews")
        | ("post", "/api/v1/orgs/{org_id}/cycles")
        | ("post", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/state")
        | ("post", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/move")
        | ("post", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/cancel")
        | ("get", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/attendance")
        | ("put", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/attendance")
        | ("get", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/sheet.pdf")
        | ("post", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/enrolments")
        | ("post", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/enrolments/{enrolment_id}/withdraw")
        | ("get", "/api/v1/orgs/{org_id}/cycles/{cycle_id}/skills")
        | (
            "put",
            "/api/v1/orgs/{org_id}/cycles/{cycle_id}/enrolments/{enrolment_id}/skills/{moment}",
        )
        | ("get", "/api/v1/orgs/{org_id}/households/{household_id}/eligibility")
        | ("get", "/api/v1/orgs/{org_id}/reminders/calls")
        | ("post", "/api/v1/orgs/{org_id}/reminders/calls/{call_id}/done")
        | ("get", "/api/v1/orgs/{org_id}/calendar-feeds")
        | ("post", "/api/v1/orgs/{org_id}/calendar-feeds")
        | ("post", "/api/v1/orgs/{org_id}/calendar-feeds/{feed_id}/revoke")
        | ("get", "/api/v1/orgs/{org_id}/households/{household_id}/devices")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/reservation")
        | ("delete", "/api/v1/orgs/{org_id}/devices/{device_id}/reservation")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/handover")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/return")
        | ("get", "/api/v1/orgs/{org_id}/devices/{device_id}/agreement.pdf") => "staff",
        ("get", "/api/v1/orgs/{org_id}/donors")
        | ("post", "/api/v1/orgs/{org_id}/donors")
        | ("get", "/api/v1/orgs/{org_id}/donors/{donor_id}")
        | ("put", "/api/v1/orgs/{org_id}/donors/{donor_id}")
        | ("get", "/api/v1/orgs/{org_id}/donors/{donor_id}/report")
        | ("get", "/api/v1/orgs/{org_id}/donors/{donor_id}/report.pdf")
        | ("get", "/api/v1/orgs/{org_id}/donations")
        | ("post", "/api/v1/orgs/{org_id}/donations")
        | ("get", "/api/v1/orgs/{org_id}/donations/{donation_id}")
        | ("get", "/api/v1/orgs/{org_id}/donations/{donation_id}/receipt.pdf")
        | ("get", "/api/v1/orgs/{org_id}/workshop/board")
        | ("get", "/api/v1/orgs/{org_id}/device-labels.pdf")
        | ("get", "/api/v1/orgs/{org_id}/devices")
        | ("post", "/api/v1/orgs/{org_id}/devices")
        | ("get", "/api/v1/orgs/{org_id}/devices/{device_id}")
        | ("put", "/api/v1/orgs/{org_id}/devices/{device_id}/diagnosis")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/erasures")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/erased")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/os-install")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/quality-check")
        | ("post", "/api/v1/orgs/{org_id}/devices/{device_id}/scrap")
        | ("get", "/api/v1/orgs/{org_id}/devices/{device_id}/certificate.pdf")
        | ("get", "/api/v1/orgs/{org_id}/certificates/{code}")
        | ("get", "/api/v1/orgs/{org_id}/training/me")
        | ("get", "/api/v1/orgs/{org_id}/training/me/attestation.pdf")
        | ("get", "/api/v1/orgs/{org_id}/courses")
        | ("get", "/api/v1/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/attendance")
        | ("put", "/api/v1/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/attendance")
        | ("post", "/api/v1/orgs/{org_id}/courses/{course_id}/validations") => "workshop_hand",
        ("get", "/api/v1/orgs/{org_id}/training/people")
        | ("post", "/api/v1/orgs/{org_id}/training/people")
        | ("get", "/api/v1/orgs/{org_id}/training/people/{person_id}")
        | ("get", "/api/v1/orgs/{org_id}/training/people/{person_id}/attestation.pdf")
        | ("get", "/api/v1/orgs/{org_id}/training/programmes")
        | ("get", "/api/v1/orgs/{org_id}/training/figures")
        | ("post", "/api/v1/orgs/{org_id}/courses")
        | ("get", "/api/v1/orgs/{org_id}/courses/{course_id}")
        | ("post", "/api/v1/orgs/{org_id}/courses/{course_id}/invitations")
        | ("post", "/api/v1/orgs/{org_id}/courses/{course_id}/trainees")
        | ("post", "/api/v1/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/change") => {
            "staff"
        }
        ("get", "/api/v1/orgs/{org_id}/programmes")
        | ("get", "/api/v1/orgs/{org_id}/programmes/{programme_id}")
        | ("get", "/api/v1/orgs/{org_id}/cycles")
        | ("get", "/api/v1/orgs/{org_id}/cycles/{cycle_id}") => "schedule_reader",
        ("post", "/api/v1/orgs/{org_id}/programmes")
        | ("put", "/api/v1/orgs/{org_id}/programmes/{programme_id}")
        | ("post", "/api/v1/orgs/{org_id}/training/people/{person_id}/validations") => {
            "structure_admin"
        }
        ("get", "/api/v1/orgs/{org_id}/referrals")
        | ("post", "/api/v1/orgs/{org_id}/referrals")
        | ("get", "/api/v1/orgs/{org_id}/referrals/{referral_id}")
        | ("get", "/api/v1/orgs/{org_id}/notifications")
        | ("post", "/api/v1/orgs/{org_id}/notifications/read-all")
        | ("post", "/api/v1/orgs/{org_id}/notifications/{notification_id}/read") => {
            "referral_party"
        }
        ("get", "/api/v1/orgs/{org_id}/dashboard")
        | ("get", "/api/v1/orgs/{org_id}/funder-reports/{year}")
        | ("get", "/api/v1/orgs/{org_id}/funder-reports/{year}/report.pdf") => "figures_reader",
        ("put", "/api/v1/orgs/{org_id}/funder-reports/{year}") => "staff",
        ("get", "/api/v1/orgs/{org_id}/referrer-dashboard")
        | ("get", "/api/v1/orgs/{org_id}/partners/{structure_id}/consent-text") => "referrer",
        ("get", "/api/v1/orgs/{org_id}/network-dashboard") => "network_coordinator",
        ("get", "/api/v1/orgs/{org_id}/audit-entries") => "journal_reader",
        ("get", "/api/v1/orgs/{org_id}/households/{household_id}/personal-data")
        | ("post", "/api/v1/orgs/{org_id}/households/{household_id}/erasure")
        | ("post", "/api/v1/orgs/{org_id}/texts/{kind}") => "privacy_officer",
        ("get", "/api/v1/orgs/{org_id}/texts") | ("get", "/api/v1/orgs/{org_id}/texts/{kind}") => {
            "structure_member"
        }
        _ => return None,
    })
}

/// Whether a caller of `kind`/`role` (None = superadmin acting in an organisation it is not
/// a member of) may pass `requirement`.
fn allowed(requirement: &str, kind: OrgKind, role: Option<Role>) -> bool {
    let structure = kind == OrgKind::Structure;
    match requirement {
        "member_or_superadmin" => true,
        "org_admin" => kind != OrgKind::Network && matches!(role, Some(Role::Admin) | None),
        "structure_member" => structure && role.is_some(),
        "structure_admin" => structure && matches!(role, Some(Role::Admin) | None),
        "staff" => structure && matches!(role, Some(Role::Admin | Role::Staff)),
        "schedule_reader" | "workshop_hand" => {
            structure && matches!(role, Some(Role::Admin | Role::Staff | Role::Volunteer))
        }
        "figures_reader" => {
            structure && matches!(role, Some(Role::Admin | Role::Staff | Role::Viewer))
        }
        "network_coordinator" => kind == OrgKind::Network && role == Some(Role::Coordinator),
        // Not the superadmin: the journal says who read which family's file.
        "journal_reader" => kind != OrgKind::Network && role == Some(Role::Admin),
        // A family's rights: a structure's admins, not the superadmin.
        "privacy_officer" => structure && role == Some(Role::Admin),
        "referrer" => kind == OrgKind::Referrer && role == Some(Role::Referrer),
        "referral_party" => match kind {
            OrgKind::Structure => matches!(role, Some(Role::Admin | Role::Staff)),
            OrgKind::Referrer => role == Some(Role::Referrer),
            OrgKind::Network => false,
        },
        "partnership_reader" => match kind {
            OrgKind::Structure => matches!(role, Some(Role::Admin | Role::Staff) | None),
            OrgKind::Referrer => true,
            OrgKind::Network => false,
        },
        other => panic!("no organisation rule for {other}"),
    }
}

struct Operation {
    method: String,
    path: String,
    secured: bool,
}

fn operations() -> Vec<Operation> {
    let spec: Value =
        serde_json::from_str(&solidaires::openapi().to_json().expect("spec")).expect("json");
    let mut ops = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let secured = op["security"]
                .as_array()
                .is_some_and(|list| list.iter().any(|s| s.get("bearer").is_some()));
            ops.push(Operation {
                method: method.clone(),
                path: path.clone(),
                secured,
            });
        }
    }
    assert!(
        ops.len() >= 25,
        "the document lists the routes ({} found)",
        ops.len()
    );
    ops
}

fn fill(path: &str, org: Uuid) -> String {
    let mut out = path.replace("{org_id}", &org.to_string());
    while let (Some(start), Some(end)) = (out.find('{'), out.find('}')) {
        out.replace_range(start..=end, &Uuid::now_v7().to_string());
    }
    out
}

async fn hit(app: &TestApp, op: &Operation, path: &str, token: Option<&str>) -> Response {
    let body = matches!(op.method.as_str(), "post" | "put" | "patch").then(|| json!({}));
    app.call(&op.method.to_uppercase(), path, token, body).await
}

#[actix_web::test]
async fn every_route_is_in_the_specification_and_public_ones_are_deliberate() {
    for op in operations() {
        let req = requirement(&op.method, &op.path).unwrap_or_else(|| {
            panic!(
                "{} {} is not in the route matrix: add it with its role rule",
                op.method, op.path
            )
        });
        assert_eq!(
            req == "public",
            !op.secured,
            "{} {}: the spec's security must match the matrix",
            op.method,
            op.path
        );
    }
}

#[actix_web::test]
async fn every_protected_route_without_a_token_is_401() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    for op in operations().into_iter().filter(|op| op.secured) {
        let res = hit(&app, &op, &fill(&op.path, amqr), None).await;
        assert_eq!(res.status, 401, "{} {} without a token", op.method, op.path);
        assert_eq!(
            res.header("content-type").as_deref(),
            Some("application/problem+json")
        );
    }
}

#[actix_web::test]
async fn a_foreign_organisation_is_answered_exactly_like_a_missing_one() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    // Members of other organisations, of every kind, with the strongest roles they have.
    let outsiders = [
        "admin@acsrv.test",
        "agent@ccas.test",
        "coordination@reseau.test",
    ];
    let mut checked = 0;
    for email in outsiders {
        let token = app.login(email).await;
        for op in operations()
            .into_iter()
            .filter(|op| op.path.contains("{org_id}"))
        {
            let foreign = hit(&app, &op, &fill(&op.path, amqr), Some(&token)).await;
            let missing = hit(&app, &op, &fill(&op.path, Uuid::now_v7()), Some(&token)).await;
            assert_eq!(
                foreign.status, 404,
                "{email}: {} {} on AMQR",
                op.method, op.path
            );
            assert_eq!(
                foreign.body, missing.body,
                "{email}: {} {} foreign vs missing bodies differ",
                op.method, op.path
            );
            assert_eq!(
                foreign.header("content-type"),
                missing.header("content-type")
            );
            checked += 1;
        }
    }
    assert!(checked >= 3 * 15);
}

/// A caller for the matrix: their token and the organisation they act in.
struct Caller {
    label: &'static str,
    token: String,
    org: Uuid,
    kind: OrgKind,
    role: Option<Role>,
}

/// Adds accounts the demo lacks (a viewer, a referrer admin) straight in the database.
fn add_member(app: &TestApp, email: &str, org: Uuid, kind: OrgKind, role: Role) {
    let mut conn = app.conn();
    let hash = solidaires::auth::password::hash(solidaires::seed::DEMO_PASSWORD).expect("hash");
    let user =
        solidaires::seed::ensure_user(&mut conn, email, "Compte de test", &hash).expect("user");
    solidaires::seed::ensure_membership(&mut conn, org, kind, user, role).expect("membership");
}

#[actix_web::test]
async fn every_role_gets_what_the_matrix_says() {
    let app = TestApp::start().await;
    let (amqr, ccas, network) = (app.org("AMQR"), app.org("CCAS"), app.org("Réseau"));
    add_member(
        &app,
        "lecteur@amqr.test",
        amqr,
        OrgKind::Structure,
        Role::Viewer,
    );
    add_member(
        &app,
        "admin@ccas.test",
        ccas,
        OrgKind::Referrer,
        Role::Admin,
    );
    let accounts: [(&'static str, &str, Uuid, OrgKind, Option<Role>); 8] = [
        (
            "structure admin",
            "admin@amqr.test",
            amqr,
            OrgKind::Structure,
            Some(Role::Admin),
        ),
        (
            "staff",
            "animatrice@amqr.test",
            amqr,
            OrgKind::Structure,
            Some(Role::Staff),
        ),
        (
            "volunteer",
            "benevole@amqr.test",
            amqr,
            OrgKind::Structure,
            Some(Role::Volunteer),
        ),
        (
            "viewer",
            "lecteur@amqr.test",
            amqr,
            OrgKind::Structure,
            Some(Role::Viewer),
        ),
        (
            "referrer admin",
            "admin@ccas.test",
            ccas,
            OrgKind::Referrer,
            Some(Role::Admin),
        ),
        (
            "referrer",
            "agent@ccas.test",
            ccas,
            OrgKind::Referrer,
            Some(Role::Referrer),
        ),
        (
            "coordinator",
            "coordination@reseau.test",
            network,
            OrgKind::Network,
            Some(Role::Coordinator),
        ),
        (
            "superadmin in a structure",
            "superadmin@solidaires.test",
            amqr,
            OrgKind::Structure,
            None,
        ),
    ];
    let mut callers = Vec::new();
    for (label, email, org, kind, role) in accounts {
        callers.push(Caller {
            label,
            token: app.login(email).await,
            org,
            kind,
            role,
        });
    }
    let superadmin_token = callers.last().map(|c| c.token.clone()).unwrap_or_default();
    callers.push(Caller {
        label: "superadmin in a referrer",
        token: superadmin_token,
        org: ccas,
        kind: OrgKind::Referrer,
        role: None,
    });

    let mut outcomes = BTreeMap::new();
    for op in operations() {
        let req = requirement(&op.method, &op.path).unwrap_or("unknown");
        for caller in &callers {
            let expect_allow = match req {
                "public" => continue,
                "signed_in" => true,
                "superadmin" => caller.role.is_none(),
                rule => allowed(rule, caller.kind, caller.role),
            };
            let res = hit(&app, &op, &fill(&op.path, caller.org), Some(&caller.token)).await;
            assert!(
                res.status < 500,
                "{} {} as {}: {}",
                op.method,
                op.path,
                caller.label,
                res.status
            );
            assert_ne!(
                res.status, 401,
                "{} {} as {}",
                op.method, op.path, caller.label
            );
            if expect_allow {
                assert_ne!(
                    res.status, 403,
                    "{} {} should be allowed for {}",
                    op.method, op.path, caller.label
                );
                // A member never gets the organisation's 404 on their own organisation's route;
                // 404 here can only mean the random item id.
                if op.path.matches('{').count() == 1 {
                    assert_ne!(
                        res.status, 404,
                        "{} {} as {}",
                        op.method, op.path, caller.label
                    );
                }
            } else {
                assert_eq!(
                    res.status, 403,
                    "{} {} should be denied for {}",
                    op.method, op.path, caller.label
                );
                assert_eq!(res.code(), "forbidden");
            }
            outcomes.insert(
                format!("{} {} {}", op.method, op.path, caller.label),
                res.status,
            );
        }
    }
    assert!(
        outcomes.len() > 100,
        "the matrix covered {} pairs",
        outcomes.len()
    );
    // Nothing was created by the probes.
    use solidaires::schema::invitations;
    let created: i64 = invitations::table
        .count()
        .get_result(&mut app.conn())
        .expect("count");
    assert_eq!(created, 0, "validation stopped every probe body");
}
