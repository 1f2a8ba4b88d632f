DROP INDEX referrals_member_idx;
ALTER TABLE referrals DROP CONSTRAINT referrals_member_needs_household,
  DROP CONSTRAINT referrals_member_fkey, DROP COLUMN member_id;
ALTER TABLE household_members DROP CONSTRAINT household_members_household_member_key,
  DROP CONSTRAINT household_members_position_key,
  ADD CONSTRAINT household_members_organisation_id_household_id_position_key
    UNIQUE (organisation_id, household_id, position);
