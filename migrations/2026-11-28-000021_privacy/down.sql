DROP FUNCTION anonymise_referral_messages(uuid[]);
DROP TABLE erasure_requests;
DROP INDEX referrals_retention_idx, households_retention_idx;
ALTER TABLE referrals DROP COLUMN anonymised_at;
ALTER TABLE households DROP COLUMN anonymised_at;
ALTER TABLE organisations DROP COLUMN retention_months;
