-- Notifications for every event people asked to hear of: a structure hears of a referral
-- that arrives, and a referrer of recorded progress (not as a second "enrolled").
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
  ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('referral_status', 'referral_reminder', 'referral_received', 'referral_progress'));

-- A referrer tells the structure of a referral it has just sent to it, and nothing else.
CREATE POLICY notifications_to_structure ON notifications FOR INSERT
  WITH CHECK (kind = 'referral_received'
    AND EXISTS (SELECT 1 FROM referrals r
                 WHERE r.organisation_id = notifications.organisation_id
                   AND r.id = notifications.referral_id
                   AND r.referrer_org_id = (SELECT app_org_id())
                   AND r.status = 'submitted'));
