DROP POLICY sites_partner_reads ON sites; DROP TABLE referral_events; DROP TABLE referrals;
