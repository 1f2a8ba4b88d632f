DROP POLICY notifications_to_structure ON notifications;
DELETE FROM notifications WHERE kind IN ('referral_received', 'referral_progress');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
  ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('referral_status', 'referral_reminder'));
