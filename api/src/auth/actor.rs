//! Who acts, as histories record it: a person in an organisation with a role then, the
//! instance's superadmin, or the system (a job).

use uuid::Uuid;

use super::roles::{Role, Standing};
use crate::text_enum;

text_enum!(
    /// The actor's role at the time of the action.
    ActorRole {
        Admin = "admin",
        Staff = "staff",
        Volunteer = "volunteer",
        Viewer = "viewer",
        Referrer = "referrer",
        Coordinator = "coordinator",
        /// The instance's superadmin, acting in an organisation it is not a member of.
        Superadmin = "superadmin",
        /// A job of the platform (e.g. a referral's expiry).
        System = "system",
    }
);

impl From<Standing> for ActorRole {
    fn from(standing: Standing) -> Self {
        match standing {
            Standing::Superadmin => Self::Superadmin,
            Standing::Member(role) => match role {
                Role::Admin => Self::Admin,
                Role::Staff => Self::Staff,
                Role::Volunteer => Self::Volunteer,
                Role::Viewer => Self::Viewer,
                Role::Referrer => Self::Referrer,
                Role::Coordinator => Self::Coordinator,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub org_id: Option<Uuid>,
    pub role: ActorRole,
}

impl Actor {
    pub fn system() -> Self {
        Self {
            user_id: None,
            org_id: None,
            role: ActorRole::System,
        }
    }

    /// A person acting in an organisation with the standing they have there.
    pub fn person(user_id: Uuid, org_id: Uuid, standing: Standing) -> Self {
        Self {
            user_id: Some(user_id),
            org_id: Some(org_id),
            role: standing.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standing_becomes_the_role_recorded() {
        assert_eq!(
            ActorRole::from(Standing::Member(Role::Staff)),
            ActorRole::Staff
        );
        assert_eq!(ActorRole::from(Standing::Superadmin), ActorRole::Superadmin);
        assert_eq!(Actor::system().role.as_str(), "system");
    }
}
