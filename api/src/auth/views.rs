//! What the auth module answers about a person.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::roles::{OrgKind, Role};
use crate::text_enum;

text_enum!(
    /// The language of a person's interface and emails.
    Locale {
        Fr = "fr",
        En = "en",
    }
);

#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipView {
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub organisation_short_name: String,
    pub organisation_kind: OrgKind,
    pub role: Role,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub locale: Locale,
    pub is_superadmin: bool,
    pub memberships: Vec<MembershipView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPreview {
    pub email: String,
    pub organisation_name: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}
