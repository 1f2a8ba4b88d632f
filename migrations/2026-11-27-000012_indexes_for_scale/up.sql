-- Speed at network scale (one structure with 210k referrals and 110k households): every
-- list has an index in its order, every duplicate look-up an index, the policies read the
-- request's setting once per statement, and text search reaches a trigram index.

-- The inbox without a status filter, newest first.
CREATE INDEX referrals_recent_idx ON referrals (organisation_id, submitted_at DESC, id DESC);
-- Duplicate detection between referrals: by phone, by folded name.
CREATE INDEX referrals_phone_idx ON referrals (organisation_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX referrals_folded_name_idx ON referrals (organisation_id, folded_name);
-- The unread badge.
CREATE INDEX notifications_unread_idx ON notifications (organisation_id) WHERE read_at IS NULL;

-- Text search. PostgreSQL will not evaluate a non-leakproof operator such as LIKE below a
-- row-level-security policy, so under the request role a `LIKE '%q%'` can use no index,
-- however good. The search therefore runs in two functions that apply the organisation
-- filter themselves and return ids only; the caller's query, under the policies as always,
-- then reads those rows. As the owner (superuser in the embedded mode), the function's
-- LIKE uses the trigram index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- With the organisation inside the index (btree_gin), a search reads only its own
-- structure's matches from the table: 9 ms instead of 15 for a frequent surname at 110k.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX households_search_trgm_idx ON households
  USING gin (organisation_id, search_text gin_trgm_ops);
CREATE INDEX referrals_folded_name_trgm_idx ON referrals USING gin (folded_name gin_trgm_ops);

-- One page of the households of the organisation in scope whose search text is LIKE
-- p_pattern, in list order after the (sort name, id) cursor: ids only.
-- From three characters, the matches are gathered through the trigram index and then
-- sorted (dynamic SQL: planned with the pattern itself). Walking the list's index in order
-- would look cheaper to the planner, but the matches of a name sit together in that order
-- (the list is sorted by last name): the walk may read 100k rows before the first one.
-- Shorter fragments cannot use trigrams and match nearly everything: the walk wins there.
CREATE FUNCTION household_search_page(p_pattern text, p_include_archived boolean,
                                      p_after_name text, p_after_id uuid, p_limit integer)
  RETURNS TABLE (id uuid)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    page_size integer := least(greatest(p_limit, 1), 201);
  BEGIN
    IF length(replace(p_pattern, '%', '')) < 3 THEN
      RETURN QUERY
        SELECT h.id FROM households h
         WHERE h.organisation_id = app_org_id() AND h.search_text LIKE p_pattern
           AND (p_include_archived OR h.status = 'active')
           AND (p_after_name IS NULL OR (h.sort_name, h.id) > (p_after_name, p_after_id))
         ORDER BY h.sort_name, h.id LIMIT page_size;
    ELSE
      RETURN QUERY EXECUTE
        'WITH matches AS MATERIALIZED (
           SELECT h.id, h.sort_name, h.status FROM households h
            WHERE h.organisation_id = $1 AND h.search_text LIKE $2)
         SELECT m.id FROM matches m
          WHERE ($3 OR m.status = ''active'')
            AND ($4::text IS NULL OR (m.sort_name, m.id) > ($4, $5))
          ORDER BY m.sort_name, m.id LIMIT $6'
        USING app_org_id(), p_pattern, p_include_archived, p_after_name, p_after_id, page_size;
    END IF;
  END
  $$;

-- Ids of the referrals received (or, for a referrer, sent) by the organisation in scope
-- whose folded name is LIKE p_pattern.
CREATE FUNCTION referral_search_ids(p_pattern text, p_as_referrer boolean) RETURNS TABLE (id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT r.id FROM referrals r
         WHERE r.folded_name LIKE p_pattern
           AND CASE WHEN p_as_referrer THEN r.referrer_org_id = app_org_id()
                    ELSE r.organisation_id = app_org_id() END $$;

REVOKE ALL ON FUNCTION household_search_page(text, boolean, text, uuid, integer),
  referral_search_ids(text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION household_search_page(text, boolean, text, uuid, integer),
  referral_search_ids(text, boolean) TO solidaires_app;

-- Policies read the request's setting once per statement (an init plan), not once per row.
ALTER POLICY memberships_tenant ON memberships
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY memberships_own ON memberships
  USING (user_id = (SELECT app_user_id()));
ALTER POLICY sites_tenant ON sites
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY partnerships_tenant ON partnerships
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY partnerships_referrer_reads ON partnerships
  USING (referrer_id = (SELECT app_org_id()));
ALTER POLICY invitations_tenant ON invitations
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY invitations_by_token ON invitations
  USING (token_hash = (SELECT app_token_hash()));
ALTER POLICY households_tenant ON households
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY household_members_tenant ON household_members
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY referrals_tenant ON referrals
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY referrals_referrer_reads ON referrals
  USING (referrer_org_id = (SELECT app_org_id()));
ALTER POLICY referrals_referrer_sends ON referrals
  WITH CHECK (
    referrer_org_id = (SELECT app_org_id())
    AND source = 'referrer'
    AND status = 'submitted'
    AND EXISTS (SELECT 1 FROM partnerships p
                 WHERE p.organisation_id = referrals.organisation_id
                   AND p.referrer_id = (SELECT app_org_id())
                   AND p.active));
ALTER POLICY referral_events_tenant ON referral_events
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY referral_events_referrer_reads ON referral_events
  USING (referrer_org_id = (SELECT app_org_id()));
ALTER POLICY referral_events_referrer_sends ON referral_events
  WITH CHECK (referrer_org_id = (SELECT app_org_id()) AND actor_org_id = (SELECT app_org_id()) AND to_status = 'submitted');
ALTER POLICY sites_partner_reads ON sites
  USING (EXISTS (SELECT 1 FROM partnerships p
                  WHERE p.organisation_id = sites.organisation_id
                    AND p.referrer_id = (SELECT app_org_id())
                    AND p.active));
ALTER POLICY notifications_tenant ON notifications
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
ALTER POLICY notifications_to_referrer ON notifications
  WITH CHECK (
    structure_id = (SELECT app_org_id())
    AND EXISTS (SELECT 1 FROM referrals r
                 WHERE r.organisation_id = (SELECT app_org_id())
                   AND r.id = notifications.referral_id
                   AND r.referrer_org_id = notifications.organisation_id));
ALTER POLICY idempotency_keys_tenant ON idempotency_keys
  USING (organisation_id = (SELECT app_org_id()))
  WITH CHECK (organisation_id = (SELECT app_org_id()));
