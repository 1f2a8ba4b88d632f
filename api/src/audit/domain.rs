//! What a request means for the journal, from its route's pattern, method and answer: pure,
//! so that every rule is a unit test. Only the pattern and the ids of the path are kept,
//! never a body, a query or a header's value.

crate::text_enum!(
    /// What was done.
    Action {
        Create = "create",
        Update = "update",
        /// A step of a resource's life (accept a referral, declare a device erased…).
        Transition = "transition",
        Delete = "delete",
        /// A family's file or a referral's detail was read.
        Read = "read",
        /// A file (CSV, XLSX, PDF) was downloaded.
        Export = "export",
        SignIn = "sign_in",
        SignOut = "sign_out",
    }
);

crate::text_enum!(
    /// How it ended.
    Outcome {
        Success = "success",
        /// Not signed in, or the role does not allow it (401, 403).
        Denied = "denied",
        /// Refused for what was sent or the resource's state (404, 409, 412, 422, 429…).
        Refused = "refused",
        /// The server failed (5xx).
        Failed = "failed",
    }
);

impl Outcome {
    pub fn of_status(status: u16) -> Self {
        match status {
            401 | 403 => Outcome::Denied,
            500.. => Outcome::Failed,
            400.. => Outcome::Refused,
            _ => Outcome::Success,
        }
    }
}

/// Midnight in Paris of `day`, in UTC: the journal's filters are in the days people live in.
pub fn day_start(day: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    midnight
        .and_local_timezone(chrono_tz::Europe::Paris)
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|| midnight.and_utc())
}

/// A request as the journal sees it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The matched route, without `/api/v1` (`/orgs/{org_id}/households/{household_id}`).
    pub pattern: &'a str,
    /// The path's parameters, by name.
    pub params: &'a [(&'a str, &'a str)],
    pub status: u16,
    /// The answer is a file (CSV, XLSX, PDF, calendar).
    pub is_file: bool,
    /// The id of what a 201 created (its `Location`'s last segment, or its `id`).
    pub created_id: Option<&'a str>,
    /// A person is known (signed in, or named by the sign-in they attempted).
    pub has_person: bool,
}

/// What the journal records of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub action: Action,
    pub resource_type: String,
    pub resource_id: Option<String>,
    pub outcome: Outcome,
}

/// Writes that change nothing, or that repeat a sign-in (a refresh every 15 minutes).
const NOT_JOURNALLED: &[&str] = &[
    "/auth/refresh",
    "/auth/invitations/inspect",
    "/orgs/{org_id}/cycle-previews",
];

/// The reads the journal keeps: a family's file and a referral's detail.
const READS: &[&str] = &[
    "/orgs/{org_id}/households/{household_id}",
    "/orgs/{org_id}/referrals/{referral_id}",
];

/// Answers in JSON that are exports all the same: everything held on a family.
const JSON_EXPORTS: &[&str] = &["/orgs/{org_id}/households/{household_id}/personal-data"];

/// The entry for a request, or None when the journal does not keep it: lists and other
/// reads that succeed, and anything done by nobody known.
pub fn classify(req: &Request<'_>) -> Option<Classified> {
    if NOT_JOURNALLED.contains(&req.pattern) {
        return None;
    }
    let outcome = Outcome::of_status(req.status);
    let action = match (req.method, req.pattern) {
        ("POST", "/auth/login") => Action::SignIn,
        ("POST", "/auth/logout") => Action::SignOut,
        ("GET", _) if req.is_file && outcome == Outcome::Success => Action::Export,
        ("GET", pattern) if JSON_EXPORTS.contains(&pattern) => Action::Export,
        ("GET", pattern) if READS.contains(&pattern) => Action::Read,
        // Other reads are journalled only when refused for the caller's role.
        ("GET", _) if outcome == Outcome::Denied => Action::Read,
        ("GET", _) => return None,
        ("DELETE", _) => Action::Delete,
        ("PUT" | "PATCH", _) => Action::Update,
        ("POST", pattern) if ends_with_collection(pattern) => Action::Create,
        ("POST", _) => Action::Transition,
        _ => return None,
    };
    if !req.has_person {
        return None;
    }
    let resource_id = match action {
        Action::Create => req.created_id.map(str::to_owned),
        _ => resource_param(req.params).map(str::to_owned),
    };
    Some(Classified {
        action,
        resource_type: resource_type(req.pattern),
        resource_id,
        outcome,
    })
}

/// `…/households`, `…/devices/{device_id}/erasures`: a POST there creates an item. A route
/// ending in a verb (`…/accept`, `…/erased`, `…/handover`) moves its resource instead.
fn ends_with_collection(pattern: &str) -> bool {
    pattern
        .rsplit('/')
        .next()
        .is_some_and(|last| !last.starts_with('{') && last.ends_with('s'))
}

/// The route's words without its parameters and the organisation's prefix:
/// `/orgs/{org_id}/referrals/{referral_id}/accept` → `referrals.accept`.
pub fn resource_type(pattern: &str) -> String {
    let inner = pattern.strip_prefix("/orgs/{org_id}").unwrap_or(pattern);
    let words: Vec<&str> = inner
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    if words.is_empty() {
        // `/orgs/{org_id}` itself.
        return "organisation".to_owned();
    }
    words.join(".").chars().take(60).collect()
}

/// The resource an action is about: the path's last id (an enrolment rather than the
/// `{moment}` of its skills), else its last other parameter (a year), else the organisation.
fn resource_param<'a>(params: &[(&str, &'a str)]) -> Option<&'a str> {
    let others = || params.iter().rev().filter(|(name, _)| *name != "org_id");
    others()
        .find(|(name, _)| name.ends_with("_id"))
        .or_else(|| others().next())
        .or_else(|| params.iter().find(|(name, _)| *name == "org_id"))
        .map(|(_, value)| *value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(
        method: &'a str,
        pattern: &'a str,
        params: &'a [(&'a str, &'a str)],
    ) -> Request<'a> {
        Request {
            method,
            pattern,
            params,
            status: 200,
            is_file: false,
            created_id: None,
            has_person: true,
        }
    }

    #[test]
    fn a_referral_accepted_is_a_transition_of_that_referral() {
        let params = [("org_id", "o"), ("referral_id", "r")];
        let entry = classify(&request(
            "POST",
            "/orgs/{org_id}/referrals/{referral_id}/accept",
            &params,
        ))
        .expect("journalled");
        assert_eq!(entry.action, Action::Transition);
        assert_eq!(entry.resource_type, "referrals.accept");
        assert_eq!(entry.resource_id.as_deref(), Some("r"));
        assert_eq!(entry.outcome, Outcome::Success);
    }

    #[test]
    fn a_creation_names_what_was_created() {
        let params = [("org_id", "o"), ("device_id", "d")];
        let mut req = request(
            "POST",
            "/orgs/{org_id}/devices/{device_id}/erasures",
            &params,
        );
        req.status = 201;
        req.created_id = Some("e");
        let entry = classify(&req).expect("journalled");
        assert_eq!(
            (entry.action, entry.resource_id.as_deref()),
            (Action::Create, Some("e"))
        );
        assert_eq!(entry.resource_type, "devices.erasures");
        // Refused before anything was made: no id.
        req.status = 422;
        req.created_id = None;
        let entry = classify(&req).expect("journalled");
        assert_eq!((entry.outcome, entry.resource_id), (Outcome::Refused, None));
    }

    #[test]
    fn updates_deletes_and_the_resource_of_nested_routes() {
        let params = [
            ("org_id", "o"),
            ("cycle_id", "c"),
            ("enrolment_id", "e"),
            ("moment", "start"),
        ];
        let entry = classify(&request(
            "PUT",
            "/orgs/{org_id}/cycles/{cycle_id}/enrolments/{enrolment_id}/skills/{moment}",
            &params,
        ))
        .expect("journalled");
        assert_eq!(entry.action, Action::Update);
        assert_eq!(entry.resource_id.as_deref(), Some("e"));
        assert_eq!(entry.resource_type, "cycles.enrolments.skills");
        let params = [("org_id", "o"), ("year", "2026")];
        let entry = classify(&request(
            "PUT",
            "/orgs/{org_id}/funder-reports/{year}",
            &params,
        ))
        .expect("journalled");
        assert_eq!(entry.resource_id.as_deref(), Some("2026"));
        let params = [("org_id", "o")];
        let entry = classify(&request("PATCH", "/orgs/{org_id}", &params)).expect("journalled");
        assert_eq!(
            (entry.resource_type.as_str(), entry.resource_id.as_deref()),
            ("organisation", Some("o"))
        );
        let params = [("org_id", "o"), ("device_id", "d")];
        let entry = classify(&request(
            "DELETE",
            "/orgs/{org_id}/devices/{device_id}/reservation",
            &params,
        ))
        .expect("journalled");
        assert_eq!(entry.action, Action::Delete);
    }

    #[test]
    fn reads_are_kept_for_a_family_s_file_a_referral_files_and_refusals_only() {
        let params = [("org_id", "o"), ("household_id", "h")];
        let entry = classify(&request(
            "GET",
            "/orgs/{org_id}/households/{household_id}",
            &params,
        ))
        .expect("journalled");
        assert_eq!(
            (entry.action, entry.resource_id.as_deref()),
            (Action::Read, Some("h"))
        );
        let params = [("org_id", "o")];
        assert_eq!(
            classify(&request("GET", "/orgs/{org_id}/households", &params)),
            None
        );
        let mut export = request("GET", "/orgs/{org_id}/dashboard", &params);
        export.is_file = true;
        assert_eq!(
            classify(&export).expect("journalled").action,
            Action::Export
        );
        let params = [("org_id", "o"), ("household_id", "h")];
        let access = request(
            "GET",
            "/orgs/{org_id}/households/{household_id}/personal-data",
            &params,
        );
        assert_eq!(
            classify(&access).expect("journalled").action,
            Action::Export
        );
        let mut denied = request("GET", "/orgs/{org_id}/dashboard", &params);
        denied.status = 403;
        let entry = classify(&denied).expect("journalled");
        assert_eq!(
            (entry.action, entry.outcome),
            (Action::Read, Outcome::Denied)
        );
    }

    #[test]
    fn sign_ins_are_kept_refreshes_and_previews_are_not() {
        let mut login = request("POST", "/auth/login", &[]);
        login.status = 401;
        let entry = classify(&login).expect("journalled");
        assert_eq!(
            (entry.action, entry.outcome),
            (Action::SignIn, Outcome::Denied)
        );
        assert_eq!(classify(&request("POST", "/auth/refresh", &[])), None);
        assert_eq!(
            classify(&request(
                "POST",
                "/orgs/{org_id}/cycle-previews",
                &[("org_id", "o")]
            )),
            None
        );
    }

    #[test]
    fn nothing_is_kept_of_what_nobody_known_did() {
        let mut login = request("POST", "/auth/login", &[]);
        login.has_person = false;
        login.status = 401;
        assert_eq!(classify(&login), None);
    }

    #[test]
    fn days_start_at_midnight_in_paris() {
        let winter = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("date");
        assert_eq!(day_start(winter).to_rfc3339(), "2026-01-14T23:00:00+00:00");
        let summer = chrono::NaiveDate::from_ymd_opt(2026, 7, 15).expect("date");
        assert_eq!(day_start(summer).to_rfc3339(), "2026-07-14T22:00:00+00:00");
    }

    #[test]
    fn outcomes_follow_the_status() {
        assert_eq!(Outcome::of_status(201), Outcome::Success);
        assert_eq!(Outcome::of_status(401), Outcome::Denied);
        assert_eq!(Outcome::of_status(403), Outcome::Denied);
        assert_eq!(Outcome::of_status(404), Outcome::Refused);
        assert_eq!(Outcome::of_status(422), Outcome::Refused);
        assert_eq!(Outcome::of_status(503), Outcome::Failed);
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(*action));
        }
    }
}
