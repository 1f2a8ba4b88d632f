DROP TRIGGER referrals_count_status ON referrals;
DROP TRIGGER referrals_count_insert_delete ON referrals;
DROP FUNCTION count_referral();
DROP TABLE referral_counts;
