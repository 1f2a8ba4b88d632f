//! In-app notifications of an organisation: referral state changes and progress for
//! referrers, new referrals and reminders for structures, one per event. Other modules record them through [`record`].

pub mod repo;
pub mod routes;
pub mod views;

use chrono::{DateTime, Utc};

use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::platform::ids::{OrgId, ReferralId};
use crate::referrals::domain::ReferralStatus;
use crate::text_enum;

text_enum!(
    NotificationKind {
        /// A referral you sent changed state.
        ReferralStatus = "referral_status",
        /// A referral you received has waited for an answer past the reminder delay.
        ReferralReminder = "referral_reminder",
        /// A referrer sent you a referral.
        ReferralReceived = "referral_received",
        /// The structure recorded progress of a family you sent (sessions, computer).
        ReferralProgress = "referral_progress",
    }
);

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list)
        .service(routes::mark_all_read)
        .service(routes::mark_read);
}

/// A notification to record, for `organisation_id` (which may be the referrer of a referral
/// held by the structure in scope).
pub struct NewNotification {
    pub organisation_id: OrgId,
    pub kind: NotificationKind,
    pub referral_id: ReferralId,
    pub structure_id: OrgId,
    pub status: ReferralStatus,
    pub created_at: DateTime<Utc>,
}

pub fn record(conn: &mut TenantConn<'_>, notification: NewNotification) -> ApiResult<()> {
    repo::insert(conn, &notification)
}
