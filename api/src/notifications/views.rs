//! What notifications look like to their readers.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::NotificationKind;
use crate::referrals::domain::ReferralStatus;

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    pub kind: NotificationKind,
    pub referral_id: Uuid,
    /// The structure holding the referral (its page is under this organisation for the
    /// structure, under yours for a referrer).
    pub structure_id: Uuid,
    pub structure_name: String,
    /// "First Last" of the person referred (both sides know it: one sent, one holds it).
    pub family_name: String,
    /// Who sent the referral (for `referral_received`; none for a family registered by
    /// the structure itself).
    pub referrer_name: Option<String>,
    /// The referral's state when the notification was made.
    pub status: ReferralStatus,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    /// Unread notifications in all (for the badge).
    pub unread_count: i64,
}
