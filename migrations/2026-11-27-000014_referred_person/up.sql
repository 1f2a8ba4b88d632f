-- The person a referral is about, among the members of the household it was filed under:
-- accepting into an existing household says which member the referred person is (or adds
-- them), so that a family is never merged into another's record by a click.

-- Members keep their id when a household is edited (the edit sends the ids back), so the
-- position of each may change within one statement: checked at commit.
ALTER TABLE household_members
  DROP CONSTRAINT household_members_organisation_id_household_id_position_key,
  ADD CONSTRAINT household_members_position_key
    UNIQUE (organisation_id, household_id, position) DEFERRABLE INITIALLY DEFERRED,
  -- The target of the referral's member key: the member and the household together.
  ADD CONSTRAINT household_members_household_member_key UNIQUE (organisation_id, household_id, id);

ALTER TABLE referrals
  ADD COLUMN member_id uuid,
  ADD CONSTRAINT referrals_member_fkey FOREIGN KEY (organisation_id, household_id, member_id)
    REFERENCES household_members (organisation_id, household_id, id) ON DELETE SET NULL (member_id),
  ADD CONSTRAINT referrals_member_needs_household CHECK (member_id IS NULL OR household_id IS NOT NULL);

CREATE INDEX referrals_member_idx ON referrals (organisation_id, member_id) WHERE member_id IS NOT NULL;

