//! HTTP for organisations, one file per resource. The organisations' rule errors become
//! problems here, in one place.

pub mod invitations;
pub mod members;
pub mod organisations;
pub mod partnerships;
pub mod sites;

use super::domain::OrgError;
use crate::platform::error::ApiError;

impl From<OrgError> for ApiError {
    fn from(err: OrgError) -> Self {
        match err {
            OrgError::RoleDoesNotFit { field } => {
                ApiError::field(field, "Ce rôle n'existe pas pour ce type d'organisation.")
            }
            OrgError::ReminderNotBeforeExpiry => ApiError::field(
                "referral_reminder_days",
                "Le délai de relance doit être plus court que le délai d'expiration.",
            ),
            OrgError::LastAdmin => ApiError::conflict(
                "L'organisation doit d'abord avoir un autre administrateur actif.",
            ),
            OrgError::SharedAccount => ApiError::conflict(
                "Cette personne appartient aussi à une autre organisation : retirez-la plutôt de la vôtre, ou demandez au superadministrateur.",
            ),
            OrgError::InvitationSettled => {
                ApiError::conflict("Seule une invitation en attente peut être annulée.")
            }
            OrgError::AlreadyMember => {
                ApiError::conflict("Cette personne est déjà membre de l'organisation.")
            }
            OrgError::Invalid { field, message } => ApiError::field(field, message),
        }
    }
}
