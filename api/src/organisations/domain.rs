//! The organisations' rules, in pure Rust: roles that fit a kind of organisation, the
//! referral delays, an invitation's standing, and fields that an empty string clears.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::roles::{OrgKind, Role};

/// A rule of organisations refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgError {
    /// This kind of organisation has no such role (`field` names the field at fault).
    RoleDoesNotFit { field: &'static str },
    /// The reminder must come before the expiry.
    ReminderNotBeforeExpiry,
    /// An organisation keeps at least one active admin.
    LastAdmin,
    /// The person belongs to another organisation too: one admin may not act on the account.
    SharedAccount,
    /// Only a pending invitation can be revoked.
    InvitationSettled,
    /// The person is already a member.
    AlreadyMember,
    /// A field's value is malformed.
    Invalid {
        field: &'static str,
        message: &'static str,
    },
}

pub fn check_role(kind: OrgKind, role: Role, field: &'static str) -> Result<(), OrgError> {
    if kind.roles().contains(&role) {
        Ok(())
    } else {
        Err(OrgError::RoleDoesNotFit { field })
    }
}

/// A structure is reminded before a referral expires.
pub fn check_delays(reminder_days: i32, expiry_days: i32) -> Result<(), OrgError> {
    if reminder_days < expiry_days {
        Ok(())
    } else {
        Err(OrgError::ReminderNotBeforeExpiry)
    }
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

pub fn invitation_status(
    expires_at: DateTime<Utc>,
    accepted_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> InvitationStatus {
    match (accepted_at, revoked_at) {
        (Some(_), _) => InvitationStatus::Accepted,
        (_, Some(_)) => InvitationStatus::Revoked,
        _ if expires_at <= now => InvitationStatus::Expired,
        _ => InvitationStatus::Pending,
    }
}

/// An optional field of an update where an empty string clears the value: `None` leaves it,
/// `Some(None)` clears it, `Some(Some(v))` sets it (trimmed).
pub fn clearable(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| Some(v.trim().to_owned()).filter(|v| !v.is_empty()))
}

/// A clearable email, lower-cased and checked.
pub fn clearable_email(
    value: Option<String>,
    field: &'static str,
) -> Result<Option<Option<String>>, OrgError> {
    match clearable(value) {
        Some(Some(email)) if !validator::ValidateEmail::validate_email(&email) => {
            Err(OrgError::Invalid {
                field,
                message: "Ce n'est pas une adresse e-mail valide.",
            })
        }
        other => Ok(other.map(|e| e.map(|e| e.to_lowercase()))),
    }
}

/// A clearable French phone, stored as +33…
pub fn clearable_phone(
    value: Option<String>,
    field: &'static str,
) -> Result<Option<Option<String>>, OrgError> {
    match clearable(value) {
        Some(Some(phone)) => crate::platform::validate::normalise_phone(&phone)
            .map(|p| Some(Some(p)))
            .ok_or(OrgError::Invalid {
                field,
                message:
                    "Ce n'est pas un numéro de téléphone français (par exemple 06 12 34 56 78).",
            }),
        other => Ok(other),
    }
}

/// A clearable postcode (five digits).
pub fn clearable_postcode(
    value: Option<String>,
    field: &'static str,
) -> Result<Option<Option<String>>, OrgError> {
    match clearable(value) {
        Some(Some(p)) if crate::platform::validate::validate_postcode(&p).is_err() => {
            Err(OrgError::Invalid {
                field,
                message: "Le code postal compte cinq chiffres, par exemple 59590.",
            })
        }
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    #[test]
    fn each_kind_has_its_own_roles() {
        let all = [
            Role::Admin,
            Role::Staff,
            Role::Volunteer,
            Role::Viewer,
            Role::Referrer,
            Role::Coordinator,
        ];
        let fits: &[(OrgKind, &[Role])] = &[
            (
                OrgKind::Structure,
                &[Role::Admin, Role::Staff, Role::Volunteer, Role::Viewer],
            ),
            (OrgKind::Referrer, &[Role::Admin, Role::Referrer]),
            (OrgKind::Network, &[Role::Coordinator]),
        ];
        for (kind, roles) in fits {
            for role in all {
                assert_eq!(
                    check_role(*kind, role, "role").is_ok(),
                    roles.contains(&role),
                    "{kind:?} {role:?}"
                );
            }
        }
    }

    #[test]
    fn the_reminder_comes_before_the_expiry() {
        assert!(check_delays(10, 30).is_ok());
        assert_eq!(check_delays(30, 30), Err(OrgError::ReminderNotBeforeExpiry));
        assert_eq!(check_delays(31, 30), Err(OrgError::ReminderNotBeforeExpiry));
    }

    #[test]
    fn an_invitation_is_pending_until_accepted_revoked_or_expired() {
        let now = Utc::now();
        let later = now + Duration::hours(1);
        let earlier = now - Duration::hours(1);
        assert_eq!(
            invitation_status(later, None, None, now),
            InvitationStatus::Pending
        );
        assert_eq!(
            invitation_status(earlier, None, None, now),
            InvitationStatus::Expired
        );
        assert_eq!(
            invitation_status(earlier, Some(earlier), None, now),
            InvitationStatus::Accepted
        );
        assert_eq!(
            invitation_status(later, None, Some(earlier), now),
            InvitationStatus::Revoked
        );
    }

    #[test]
    fn an_empty_string_clears_and_a_bad_value_is_refused() {
        assert_eq!(clearable(None), None);
        assert_eq!(clearable(Some("  ".into())), Some(None));
        assert_eq!(clearable(Some(" a ".into())), Some(Some("a".into())));
        assert_eq!(
            clearable_phone(Some("06 12 34 56 78".into()), "phone"),
            Ok(Some(Some("+33612345678".into())))
        );
        assert!(clearable_phone(Some("12".into()), "phone").is_err());
        assert_eq!(
            clearable_email(Some(" A@B.FR ".into()), "email"),
            Ok(Some(Some("a@b.fr".into())))
        );
        assert!(clearable_email(Some("pas un email".into()), "email").is_err());
        assert!(clearable_postcode(Some("5959".into()), "postcode").is_err());
        assert_eq!(
            clearable_postcode(Some("".into()), "postcode"),
            Ok(Some(None))
        );
    }
}
