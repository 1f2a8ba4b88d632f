//! Notifications are read by the people who handle referrals: a structure's admins and staff,
//! a referrer's `referrer`s. Volunteers, viewers and the network's coordinators get 403, for
//! reading and for marking read alike.

use solidaires_tests::TestApp;

#[actix_web::test]
async fn only_the_people_who_handle_referrals_read_their_notifications() {
    let app = TestApp::start().await;
    let (amqr, ccas, network) = (app.org("AMQR"), app.org("CCAS"), app.org("Réseau"));
    for (email, org, status) in [
        ("animatrice@amqr.test", amqr, 200),
        ("admin@amqr.test", amqr, 200),
        ("agent@ccas.test", ccas, 200),
        ("benevole@amqr.test", amqr, 403),
        ("coordination@reseau.test", network, 403),
    ] {
        let token = app.login(email).await;
        let list = app
            .get(&format!("/api/v1/orgs/{org}/notifications"), &token)
            .await;
        assert_eq!(list.status, status, "{email} reads");
        let mark = app
            .call(
                "POST",
                &format!("/api/v1/orgs/{org}/notifications/read-all"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(
            mark.status,
            if status == 200 { 204 } else { 403 },
            "{email} marks"
        );
    }
}
