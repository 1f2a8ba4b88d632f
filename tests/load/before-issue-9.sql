-- The schema as it was before issue 9's fixes, for a before/after benchmark in one run
-- (docs/performance.md): applied to a COPY of the benchmark's data folder, never to real data.
BEGIN;
DROP TRIGGER referrals_count_status ON referrals;
DROP TRIGGER referrals_count_insert_delete ON referrals;
DROP FUNCTION count_referral();
DROP TABLE referral_counts;
DROP FUNCTION referral_search_ids(text, boolean);
DROP FUNCTION household_search_page(text, boolean, text, uuid, integer);
DROP INDEX referrals_folded_name_trgm_idx;
DROP INDEX households_search_trgm_idx;
DROP INDEX notifications_unread_idx;
DROP INDEX referrals_folded_name_idx;
DROP INDEX referrals_phone_idx;
DROP INDEX referrals_recent_idx;
-- Policies as migrations 000002-000010 wrote them: the setting read on every row.
ALTER POLICY memberships_tenant ON memberships
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY memberships_own ON memberships
  USING (user_id = app_user_id());
ALTER POLICY sites_tenant ON sites
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY partnerships_tenant ON partnerships
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY partnerships_referrer_reads ON partnerships
  USING (referrer_id = app_org_id());
ALTER POLICY invitations_tenant ON invitations
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY invitations_by_token ON invitations
  USING (token_hash = app_token_hash());
ALTER POLICY households_tenant ON households
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY household_members_tenant ON household_members
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY referrals_tenant ON referrals
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY referrals_referrer_reads ON referrals
  USING (referrer_org_id = app_org_id());
ALTER POLICY referrals_referrer_sends ON referrals
  WITH CHECK (
    referrer_org_id = app_org_id()
    AND source = 'referrer'
    AND status = 'submitted'
    AND EXISTS (SELECT 1 FROM partnerships p
                 WHERE p.organisation_id = referrals.organisation_id
                   AND p.referrer_id = app_org_id()
                   AND p.active));
ALTER POLICY referral_events_tenant ON referral_events
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY referral_events_referrer_reads ON referral_events
  USING (referrer_org_id = app_org_id());
ALTER POLICY referral_events_referrer_sends ON referral_events
  WITH CHECK (referrer_org_id = app_org_id() AND actor_org_id = app_org_id() AND to_status = 'submitted');
ALTER POLICY sites_partner_reads ON sites
  USING (EXISTS (SELECT 1 FROM partnerships p
                  WHERE p.organisation_id = sites.organisation_id
                    AND p.referrer_id = app_org_id()
                    AND p.active));
ALTER POLICY notifications_tenant ON notifications
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
ALTER POLICY notifications_to_referrer ON notifications
  WITH CHECK (
    structure_id = app_org_id()
    AND EXISTS (SELECT 1 FROM referrals r
                 WHERE r.organisation_id = app_org_id()
                   AND r.id = notifications.referral_id
                   AND r.referrer_org_id = notifications.organisation_id));
ALTER POLICY idempotency_keys_tenant ON idempotency_keys
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
DELETE FROM __diesel_schema_migrations WHERE version IN ('20261127000012', '20261127000013');
COMMIT;
