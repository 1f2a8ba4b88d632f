DROP FUNCTION referral_search_ids(text, boolean);
DROP FUNCTION household_search_page(text, boolean, text, uuid, integer);
DROP INDEX referrals_folded_name_trgm_idx;
DROP INDEX households_search_trgm_idx;
DROP INDEX notifications_unread_idx;
DROP INDEX referrals_folded_name_idx;
DROP INDEX referrals_phone_idx;
DROP INDEX referrals_recent_idx;
-- The policies keep their (SELECT …) form: it means the same.
